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
        """List ``failures`` (title, address and reason, all as plain text)."""
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
            item = QListWidgetItem(f"{name}\n{failure.url}\n{failure.message}")
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

    def _retry(self) -> None:
        self.retry_requested.emit(list(self._ids))
        self.accept()
