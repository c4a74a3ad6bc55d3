"""The feed probe answers from its own thread, through signals, with what the address holds."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from newsdesk.core.model import ProbeResult
from newsdesk.core.settings import Settings
from newsdesk.worker.probe import FeedProbe
from tests.conftest import FIXTURES
from tests.helpers.feedserver import Reply, Seen
from tests.helpers.proxy_server import ProxyServer, clear_proxy_environment


class Dialog(QObject):
    """Stands in for the settings dialog: asks across threads, collects answers in the GUI
    thread (slots, never lambdas)."""

    probe_requested = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self.results: list[ProbeResult] = []
        self.errors: list[str] = []
        self.threads: set[int] = set()

    @Slot(object)
    def on_succeeded(self, result: object) -> None:
        assert isinstance(result, ProbeResult)
        self.results.append(result)
        self.threads.add(threading.get_ident())

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.errors.append(message)
        self.threads.add(threading.get_ident())

    def answers(self) -> int:
        return len(self.results) + len(self.errors)


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    probe = FeedProbe()
    thread = QThread()
    probe.moveToThread(thread)
    window = Dialog()
    window.probe_requested.connect(probe.probe)
    probe.succeeded.connect(window.on_succeeded)
    probe.failed.connect(window.on_failed)
    thread.start()
    yield window, probe
    probe.stop()
    thread.quit()
    assert thread.wait(10_000)


def quick() -> Settings:
    settings = Settings()
    for key, value in {
        "network.connect_timeout": "2",
        "network.read_timeout": "2",
        "network.feed_deadline": "5",
        "network.proxy": "none",
    }.items():
        settings = settings.with_value(key, value)
    return settings


def test_real_feeds_answer_with_url_title_and_count(qtbot, dialog, feed_server):
    window, _probe = dialog
    names = ["lemonde-une-rss2.xml", "daringfireball-jsonfeed-1.0.json", "heise-rss090-rdf.xml"]
    for name in names:
        window.probe_requested.emit(feed_server.url(f"/feeds/real/{name}"), quick())
    qtbot.waitUntil(lambda: window.answers() == 3, timeout=20_000)
    assert window.errors == []
    assert [(r.url.rsplit("/", 1)[-1], r.item_count) for r in window.results] == [
        ("lemonde-une-rss2.xml", 21),
        ("daringfireball-jsonfeed-1.0.json", 48),
        ("heise-rss090-rdf.xml", 60),
    ]
    assert window.results[0].title.startswith("Le Monde.fr")
    assert window.threads == {threading.get_ident()}  # answered in the GUI thread


def test_a_web_page_answers_with_the_feed_it_announces(qtbot, dialog, feed_server):
    window, _probe = dialog
    feed = feed_server.url("/feeds/real/guardian-us-rss2.xml")
    page = f'<html><head><link rel="alternate" type="application/rss+xml" href="{feed}">'.encode()
    url = feed_server.route("/", lambda seen: Reply(200, page, {"Content-Type": "text/html"}))
    window.probe_requested.emit(url, quick())
    qtbot.waitUntil(lambda: window.answers() == 1, timeout=10_000)
    assert [(r.url, r.item_count) for r in window.results] == [(feed, 55)]


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("http://127.0.0.1:9/feed.xml", "cannot connect"),
        ("file:///etc/passwd", "http"),
        ("/status/404", "not found"),
        ("/feeds/odd/reuters-mostread-truncated.xml", "not a feed that can be read"),
        ("/body?text=hello", "not"),
    ],
)
def test_failures_answer_with_a_sentence(qtbot, dialog, feed_server, address, words):
    window, _probe = dialog
    if address.startswith("/"):
        address = feed_server.url(address)
    window.probe_requested.emit(address, quick())
    qtbot.waitUntil(lambda: window.answers() == 1, timeout=10_000)
    [message] = window.errors
    assert words in message.lower() and message.endswith(".")


def test_the_probe_uses_the_proxy_it_is_given(qtbot, dialog, feed_server, monkeypatch):
    clear_proxy_environment(monkeypatch)
    proxy = ProxyServer().start()
    try:
        window, _probe = dialog
        settings = quick().with_value("network.proxy_url", proxy.url)
        settings = settings.with_value("network.proxy", "manual")
        url = feed_server.url("/feeds/real/nyt-health-rss2.xml")
        window.probe_requested.emit(url, settings)
        qtbot.waitUntil(lambda: window.answers() == 1, timeout=10_000)
        assert [r.item_count for r in window.results] == [1]
        assert [r.target for r in proxy.requests] == [url]
    finally:
        proxy.stop()


def test_stop_abandons_a_running_probe(qtbot, feed_server):
    entered, release = threading.Event(), threading.Event()
    body = (FIXTURES / "feeds" / "real" / "nyt-health-rss2.xml").read_bytes()

    def stalled(seen: Seen) -> Reply:
        entered.set()
        release.wait(5)
        return Reply(200, body, {"Content-Type": "application/xml"})

    url = feed_server.route("/stalled", stalled)
    probe = FeedProbe()
    thread = QThread()
    probe.moveToThread(thread)
    window = Dialog()
    window.probe_requested.connect(probe.probe)
    probe.succeeded.connect(window.on_succeeded)
    probe.failed.connect(window.on_failed)
    thread.start()
    try:
        window.probe_requested.emit(url, quick())
        qtbot.waitUntil(entered.is_set, timeout=5000)
        probe.stop()
        release.set()
    finally:
        thread.quit()  # the running probe ends first: the thread's loop exits after it
        assert thread.wait(10_000)
    QCoreApplication.processEvents()  # deliver anything it emitted (it must not have)
    assert window.answers() == 0
    assert len(feed_server.hits("/stalled")) == 1
