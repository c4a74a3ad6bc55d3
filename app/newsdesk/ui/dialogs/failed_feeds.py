"""The list of feeds whose last refresh failed, with their messages and a Retry button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.model import FeedResult


class FailedFeedsDialog(QDialog):
    """Shows failed feeds; Retry asks for those feeds again.

    Signals:
        retry_requested(list): the feed ids to refresh again.
    """

    retry_requested = Signal(list)

    def __init__(self, failures: Sequence[FeedResult], parent: QWidget | None = None) -> None:
        """List ``failures``: title, address, the reason in words and the server's message."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Feeds that failed"))
        self.resize(640, 360)
        self._ids = [f.feed_id for f in failures]
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "%n feed(s) could not be refreshed. Their earlier articles are kept.",
                "",
                len(failures),
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Failed feeds"))
        self.list.setWordWrap(True)
        for failure in failures:
            name = failure.title if failure.title and failure.title != failure.url else failure.url
            lines = [name, failure.url, self._reason(failure.error_code), failure.message]
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setToolTip(failure.message)
            item.setData(Qt.ItemDataRole.UserRole, failure.feed_id)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.retry_button = buttons.addButton(
            self.tr("Retry"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.retry_button.setAccessibleName(self.tr("Retry the failed feeds"))
        self.retry_button.clicked.connect(self._retry)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _reason(self, code: str) -> str:
        """The failure in words of the UI language (the message itself is the server's)."""
        reasons = {
            "fetch": self.tr("The server could not be reached."),
            "timeout": self.tr("The server took too long to answer."),
            "too_large": self.tr("The feed is larger than the limit."),
            "http_status": self.tr("The server answered with an error."),
            "redirect": self.tr("The address redirects too often or somewhere unsafe."),
            "tls": self.tr("The secure connection failed."),
            "unsafe_url": self.tr("This address is not allowed."),
            "not_a_feed": self.tr("This is not a news feed."),
            "cancelled": self.tr("The update was stopped."),
        }
        return reasons.get(code, "")

    def _retry(self) -> None:
        self.retry_requested.emit(list(self._ids))
        self.accept()
