"""A new profile's first start with no network: welcome, an immediate refresh, a plain offline
message, and a converter that still works from the rates shipped with the app."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit

from newsdesk.core.model import FeedResult, Outcome, RefreshSummary
from newsdesk.core.profile import open_profile
from newsdesk.ui.mainwindow import WELCOMED_KEY, MainWindow
from tests.ui.conftest import start_worker, stop_worker

#: Nothing listens on the discard port: every feed fails at once with a connection error.
NOWHERE = "http://127.0.0.1:9"


class Passes(QObject):
    """Receives the worker's signals in the GUI thread, as the app does."""

    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[RefreshSummary] = []
        self.rates = 0

    @Slot(object)
    def finished(self, summary: RefreshSummary) -> None:
        self.summaries.append(summary)
        self.done.emit()

    @Slot(object)
    def rates_refreshed(self, report: object) -> None:
        self.rates += 1


def test_first_run_offline(qtbot, profile):
    p = open_profile(profile)  # a new profile: seeded with the default subscriptions
    try:
        feeds = p.storage.feeds()
        assert feeds, "the default subscriptions were not seeded"
        for feed in feeds:  # the same subscriptions, unreachable
            p.storage.update_feed(feed.id, url=f"{NOWHERE}/{feed.id}.xml")
        p.save_settings(p.settings.with_value("refresh.parse_processes", "1"))
        assert p.storage.article_count() == 0 and p.storage.get_meta(WELCOMED_KEY) is None

        window = MainWindow(p)
        qtbot.addWidget(window)
        window.resize(790, 760)
        window.show()
        qtbot.waitExposed(window)

        # The welcome: what the app does, the keys, and where the settings are kept.
        assert window.first_run
        page = window.pane.view().toPlainText()
        assert "Welcome to Newsdesk" in page
        assert "F5" in page and "Ctrl+," in page
        assert "The first update has started." in page
        assert str(p.paths.config_dir) in page
        assert p.storage.get_meta(WELCOMED_KEY) == "1"  # once only

        worker, thread = start_worker(window, p)
        passes = Passes()
        worker.finished.connect(passes.finished)
        worker.rates_refreshed.connect(passes.rates_refreshed)
        try:
            # The first refresh starts at once, not after the usual delay.
            with (
                qtbot.waitSignal(window.refresh_requested, timeout=1000),
                qtbot.waitSignal(passes.done, timeout=10_000),
            ):
                window.schedule_start_refresh()
            summary = passes.summaries[0]
            assert len(summary.results) == len(feeds)
            assert all(r.outcome is Outcome.FAILED for r in summary.results)

            # Said plainly: status bar, the empty list, and the welcome page.
            assert window.offline.isVisible()
            message = window.statusBar().currentMessage()
            assert message.startswith("Newsdesk could not reach any news source.")
            assert "Check your connection" in message
            assert "rates shipped with the app, dated" in message
            assert window.empty.isVisible() and window.empty.text() == message
            assert "could not reach any news source" in window.pane.view().toPlainText()
            assert "Welcome to Newsdesk" in window.pane.view().toPlainText()
            assert "The first update has started." not in window.pane.view().toPlainText()

            # The converter works from the shipped snapshot (the rate addresses lead nowhere).
            qtbot.waitUntil(lambda: passes.rates >= 1, timeout=10_000)
            window.converter.set_pair("USD", "RUB")
            amount = window.converter.findChild(QLineEdit, "amount")
            amount.clear()
            qtbot.keyClicks(amount, "100")
            result = window.converter.result_text()
            assert "RUB" in result and "USD" in result, result
            assert window.converter.error_text() == ""
            badge = window.converter.badge_text()
            assert badge.startswith("Offline snapshot of ")
            # The message names the day of the rates the converter shows.
            assert badge.removeprefix("Offline snapshot of ") in window.offline_text()
            assert window.offline_text() == window.statusBar().currentMessage()
            # Back online (a feed answered, with nothing new yet): the note goes.
            back = FeedResult(feeds[0].id, feeds[0].url, feeds[0].title, Outcome.UPDATED)
            window.on_refresh_finished(RefreshSummary((back,)))
            assert not window.offline.isVisible()
            assert "could not reach" not in window.empty.text()
            assert "could not reach" not in window.pane.view().toPlainText()
            assert "Welcome to Newsdesk" in window.pane.view().toPlainText()
        finally:
            stop_worker(worker, thread)

        # The next start is not a first run: no welcome, the usual delay.
        again = MainWindow(p)
        qtbot.addWidget(again)
        assert not again.first_run and again.pane.view().message() is None
    finally:
        p.close()


def test_the_welcome_is_shown_once_with_the_folder_as_text(qtbot, tmp_path):
    # A folder name that would be markup if it were not escaped.
    p = open_profile(tmp_path / "news <b>desk</b> & <img src=x.png>", seed_defaults=False)
    try:
        window = MainWindow(p)
        qtbot.addWidget(window)
        assert window.first_run  # no articles and never welcomed
        page = window.pane.view()
        assert str(p.paths.config_dir) in page.toPlainText()  # shown literally
        assert "<b>desk</b>" not in page.toHtml()
        second = MainWindow(p)
        qtbot.addWidget(second)
        assert not second.first_run
        assert second.pane.message() is None
    finally:
        p.close()
