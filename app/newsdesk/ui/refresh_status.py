"""How refreshing goes, in the status bar: a progress bar while a pass runs, the time of the last
update, a button naming the feeds that failed (it opens the list, with Retry), and "Offline"
when no feed server could be reached.

:func:`offline_text` is what the window says in that case, in plain words and with the date of
the exchange rates the converter falls back on. The texts keep the ``MainWindow`` translation
context they had before they moved here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from newsdesk.core.model import FeedResult, Outcome, RefreshSummary
from newsdesk.core.rates import BookSource, Origin
from newsdesk.ui.dialogs.failed_feeds import FailedFeedsDialog
from newsdesk.ui.widgets.converter_captions import long_date


class RefreshStatus(QObject):
    """The refresh widgets of the window's status bar, and the failures of the last pass.

    Signals:
        retry_requested(list): feed IDs the user asked to refresh again (failed-feeds dialog).
    """

    retry_requested = Signal(list)

    def __init__(self, bar: QStatusBar, window: QWidget) -> None:
        """Add the widgets, hidden until there is something to say, to ``bar`` of ``window``."""
        super().__init__(window)
        self._window = window
        self.failures: list[FeedResult] = []
        self.failed_dialog: FailedFeedsDialog | None = None
        self.last_updated: datetime | None = None
        self._quiet = False  # a timer's pass: no progress bar unless some feed is due
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.last_update = QLabel(window)
        self.last_update.setTextFormat(Qt.TextFormat.PlainText)
        self.failed_button = QToolButton(window)
        self.failed_button.setAutoRaise(True)
        self.failed_button.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Show the feeds that failed")
        )
        self.failed_button.clicked.connect(self.show_failures)
        self.failed_button.hide()
        self.offline = QLabel(QCoreApplication.translate("MainWindow", "Offline"), window)
        self.offline.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "No feed server could be reached in the last update."
            )
        )
        self.offline.hide()
        bar.addPermanentWidget(self.offline)
        bar.addPermanentWidget(self.failed_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.last_update)

    def begin(self, *, quiet: bool) -> None:
        """A pass was asked for: a busy bar at once, unless it is a quiet (timer's) pass."""
        self._quiet = quiet
        if not quiet:
            self.progress.setRange(0, 0)
            self.progress.setFormat(QCoreApplication.translate("MainWindow", "Updating…"))
            self.progress.show()

    @Slot(int)
    def started(self, total: int) -> None:
        """The worker began a pass over ``total`` feeds (a quiet pass with none shows nothing)."""
        self.failures = []
        if self._quiet and total == 0:
            return  # nothing is due: nothing to show
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setFormat(QCoreApplication.translate("MainWindow", "Updating %v / %m feeds"))
        self.progress.show()

    @Slot(int, int)
    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` feeds are done."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def feed_done(self, result: FeedResult) -> None:
        """Remember a failure for the failed-feeds list."""
        if result.outcome is Outcome.FAILED:
            self.failures.append(result)

    def end(self) -> None:
        """The pass ended (or could not run): the progress bar goes."""
        self.progress.hide()

    def show_outcome(
        self, summary: RefreshSummary, attempted: Sequence[FeedResult], failed_label: str
    ) -> bool:
        """Show the time, the failures and whether the pass found the network; returns whether
        it did not (every feed it tried failed to connect or timed out).

        Args:
            summary: The pass.
            attempted: Its results for the feeds it tried (not the skipped ones).
            failed_label: The failed button's text ("3 feeds failed"); the window words it.
        """
        self.last_updated = datetime.now(UTC)
        local = self.last_updated.astimezone()
        clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
        updated = QCoreApplication.translate("MainWindow", "Updated {time}")
        self.last_update.setText(updated.format(time=clock))
        self.failures = list(summary.failed)
        offline = bool(attempted) and all(
            r.outcome is Outcome.FAILED and r.error_code in ("fetch", "timeout") for r in attempted
        )
        self.offline.setVisible(offline)
        if self.failures:
            self.failed_button.setText(failed_label)
            self.failed_button.show()
        else:
            self.failed_button.hide()
        return offline

    @Slot()
    def show_failures(self) -> None:
        """The list of failed feeds with a Retry button."""
        dialog = FailedFeedsDialog(self.failures, self._window)
        dialog.retry_requested.connect(self.retry_requested)
        dialog.open()
        self.failed_dialog = dialog


def offline_text(sources: Sequence[BookSource]) -> str:
    """What to say when no news server answered, and which rates the converter uses.

    Args:
        sources: The converter's rate tables (``RateBook.sources``), empty when it has none.
    """
    lead = QCoreApplication.translate("MainWindow", "Newsdesk could not reach any news source.")
    if not sources:
        rest = QCoreApplication.translate("MainWindow", "Check your connection.")
        return f"{lead} {rest}"
    days = sorted({source.table.as_of for source in sources})
    locale = QLocale()
    dated = long_date(locale, days[0])
    if len(days) > 1:  # the ECB's and the Bank of Russia's tables need not share a day
        dates = QCoreApplication.translate("MainWindow", "{dates} and {last}")
        dated = dates.format(
            dates=", ".join(long_date(locale, day) for day in days[:-1]),
            last=long_date(locale, days[-1]),
        )
    if all(source.origin is Origin.SNAPSHOT for source in sources):
        rest = QCoreApplication.translate(
            "MainWindow",
            "Check your connection; the converter uses the rates shipped with the app, "
            "dated {date}.",
        )
    else:
        rest = QCoreApplication.translate(
            "MainWindow",
            "Check your connection; the converter uses the last rates it has, dated {date}.",
        )
    return f"{lead} {rest.format(date=dated)}"
