"""The worker refreshes in its own thread and reports through signals only."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot

from newsdesk.core.model import Outcome, Topic
from newsdesk.core.profile import open_profile
from newsdesk.core.topics import Taxonomy
from newsdesk.worker.refresher import Refresher, RefreshRequest
from tests.helpers.feedserver import FeedServer, Reply
from tests.helpers.proxy_server import ProxyServer, clear_proxy_environment


class Window(QObject):
    """Stands in for the main window: lives in the GUI thread, receives the worker's signals."""

    refresh_requested = Signal(object)
    refresh_done = Signal(object)
    rates_done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.threads: set[int] = set()

    @Slot(object)
    def on_feed_done(self, result: object) -> None:
        self.results.append(result)
        self.threads.add(threading.get_ident())

    @Slot(object)
    def on_rates(self, report: object) -> None:
        self.rates_done.emit(report)

    @Slot(object)
    def on_finished(self, summary: object) -> None:
        self.threads.add(threading.get_ident())
        self.refresh_done.emit(summary)


def test_refresh_runs_off_the_gui_thread_and_reports(qtbot, profile, feed_server):
    with open_profile(profile, seed_defaults=False) as p:
        p.save_settings(p.settings.with_value("refresh.parse_processes", "1"))
        p.storage.add_feed(feed_server.url("/feeds/real/lemonde-une-rss2.xml"))
        p.storage.add_feed(feed_server.url("/status/500"))
        worker = Refresher(p.paths.database_file, p.settings, p.taxonomy)
        thread = QThread()
        worker.moveToThread(thread)
        window = Window()
        window.refresh_requested.connect(worker.refresh)
        worker.feed_done.connect(window.on_feed_done)
        worker.finished.connect(window.on_finished)
        worker.rates_refreshed.connect(window.on_rates)
        thread.start()
        try:
            with (
                qtbot.waitSignal(window.rates_done, timeout=30_000) as rates,
                qtbot.waitSignal(window.refresh_done, timeout=30_000) as blocker,
            ):
                window.refresh_requested.emit(RefreshRequest())
            summary = blocker.args[0]
            # The profile's rate addresses lead nowhere: the shipped snapshot stands in.
            assert rates.args[0].offline
            assert summary.count(Outcome.UPDATED) == 1 and summary.count(Outcome.FAILED) == 1
            assert summary.new_articles == 21
            assert len(window.results) == 2
            assert window.threads == {threading.get_ident()}  # slots ran in the GUI thread
            assert p.storage.article_count() == 21  # the window's own connection sees them
        finally:
            QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
            thread.quit()
            assert thread.wait(10_000)


class Settler(Window):
    """The window with the settings dialog's signals too."""

    settings_changed = Signal(object)
    taxonomy_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.started: list[int] = []
        self.rates: list[object] = []

    @Slot(int)
    def on_started(self, count: int) -> None:
        self.started.append(count)

    @Slot(object)
    def on_rates(self, report: object) -> None:
        self.rates.append(report)
        super().on_rates(report)


@pytest.fixture
def worker(qtbot, profile):  # type: ignore[no-untyped-def]
    """A worker in its own thread on an empty profile, and the stand-in window wired to it."""
    with open_profile(profile, seed_defaults=False) as p:
        p.save_settings(p.settings.with_value("refresh.parse_processes", "1"))
        refresher = Refresher(p.paths.database_file, p.settings, p.taxonomy)
        thread = QThread()
        refresher.moveToThread(thread)
        window = Settler()
        window.refresh_requested.connect(refresher.refresh)
        window.settings_changed.connect(refresher.apply_settings)
        window.taxonomy_changed.connect(refresher.apply_taxonomy)
        refresher.started.connect(window.on_started)
        refresher.feed_done.connect(window.on_feed_done)
        refresher.finished.connect(window.on_finished)
        refresher.rates_refreshed.connect(window.on_rates)
        thread.start()
        try:
            yield p, window
        finally:
            QMetaObject.invokeMethod(
                refresher, "shutdown", Qt.ConnectionType.BlockingQueuedConnection
            )
            thread.quit()
            assert thread.wait(10_000)


def run_pass(qtbot, window, request):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.refresh_done, timeout=30_000) as blocker:
        window.refresh_requested.emit(request)
    return blocker.args[0]


def test_scheduled_passes_take_only_due_feeds(qtbot, worker, feed_server):
    p, window = worker
    a = p.storage.add_feed(feed_server.url("/feeds/real/nyt-health-rss2.xml"))
    b = p.storage.add_feed(feed_server.url("/feeds/real/lemonde-une-rss2.xml"))
    p.storage.update_feed(b, interval_minutes=5)
    scheduled = RefreshRequest(rates=False, due_only=True)
    first = run_pass(qtbot, window, scheduled)
    assert {r.feed_id for r in first.results} == {a, b}
    hits = len(feed_server.requests)
    second = run_pass(qtbot, window, scheduled)
    assert second.results == () and len(feed_server.requests) == hits  # nothing was due
    assert window.started == [2, 0]  # the count the window shows is the pass's own
    p.storage.connection.execute("UPDATE feeds SET last_refresh = last_refresh - 301")
    third = run_pass(qtbot, window, scheduled)
    assert [r.feed_id for r in third.results] == [b]  # 5 minutes passed: b only (a: 30)
    assert len(run_pass(qtbot, window, RefreshRequest(rates=False)).results) == 2


def test_new_topics_and_settings_reach_the_next_pass(qtbot, worker, feed_server, monkeypatch):
    clear_proxy_environment(monkeypatch)
    p, window = worker
    p.storage.add_feed(feed_server.url("/feeds/real/nyt-health-rss2.xml"), topic="mine")
    run_pass(qtbot, window, RefreshRequest(rates=False))
    assert p.storage.topic_counts().get("mine") is None  # the shipped topics know no "mine"
    window.taxonomy_changed.emit(Taxonomy([Topic("mine", {"en": "Mine"})]))
    proxy = ProxyServer().start()
    try:
        settings = p.settings.with_value("network.proxy_url", proxy.url)
        window.settings_changed.emit(settings.with_value("network.proxy", "manual"))
        second = p.storage.add_feed(
            feed_server.url("/feeds/real/lemonde-une-rss2.xml"), topic="mine"
        )
        summary = run_pass(qtbot, window, RefreshRequest((second,), rates=False))
    finally:
        proxy.stop()
    assert summary.new_articles == 21
    assert p.storage.topic_counts()["mine"] == 21  # classified with the new taxonomy
    assert [r.target for r in proxy.requests] == [
        feed_server.url("/feeds/real/lemonde-une-rss2.xml")
    ]


def test_scheduled_passes_download_rates_once_an_interval(qtbot, worker, fixtures_dir):
    p, window = worker
    rates = FeedServer(fixtures_dir / "rates").start()
    try:
        cbr = (fixtures_dir / "rates" / "cbr-xml-daily-2026-04-25.cp1251.xml").read_bytes()
        url = rates.route(
            "/cbr", lambda seen: Reply(200, cbr, {"Content-Type": "text/xml; charset=windows-1251"})
        )
        settings = p.settings
        for key, value in {
            "rates.providers": "cbr",
            "rates.fallbacks": "",
            "rates.cbr_url": url,
        }.items():
            settings = settings.with_value(key, value)
        window.settings_changed.emit(settings)
        with qtbot.waitSignal(window.rates_done, timeout=30_000) as blocker:
            window.refresh_requested.emit(RefreshRequest(due_only=True))
        assert not blocker.args[0].offline
        run_pass(qtbot, window, RefreshRequest(due_only=True))  # within the hour: no rates
        with qtbot.waitSignal(window.rates_done, timeout=30_000):
            window.refresh_requested.emit(RefreshRequest())  # F5: rates too
        assert len(rates.hits("/cbr")) == 2
        assert len(window.rates) == 2
    finally:
        rates.stop()
