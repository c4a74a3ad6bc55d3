"""The worker refreshes in its own thread and reports through signals only."""

from __future__ import annotations

import threading

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot

from newsdesk.core.model import Outcome
from newsdesk.core.profile import open_profile
from newsdesk.worker.refresher import Refresher, RefreshRequest


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
