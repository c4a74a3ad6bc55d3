"""The converter's favourites list: the amount in each favourite currency, one row each.

The list only shows rows the converter computed (:class:`TargetRow`); it keeps one row of
height per favourite whether an amount is typed or not, so the layout never jumps. Its strings
stay in the converter's translation context (``QCoreApplication.translate("ConverterWidget",
...)``), where they were first translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from newsdesk.ui.widgets.converter_captions import plain_tooltip

#: Rows shown before the list scrolls.
MAX_TARGET_ROWS = 8
_CODE, _AMOUNT, _NAME = 0, 1, 2  # columns


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One favourite: its code, the amount as written ("—" when impossible), its name, why."""

    code: str
    amount: str
    name: str
    tip: str


class TargetList(QTreeWidget):
    """Code, amount and name of each favourite; Enter or a double-click picks the currency.

    Signals:
        code_activated(str): The user activated a row; its currency code.
    """

    code_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty list, measuring one row for :meth:`fit`."""
        super().__init__(parent)
        self.setObjectName("targets")
        self.setAccessibleName(
            QCoreApplication.translate("ConverterWidget", "Amount in favourite currencies")
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnCount(3)
        self.setHeaderLabels(
            [
                QCoreApplication.translate("ConverterWidget", "Code"),
                QCoreApplication.translate("ConverterWidget", "Amount"),
                QCoreApplication.translate("ConverterWidget", "Name"),
            ]
        )
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.addTopLevelItem(QTreeWidgetItem(["XXX", "0.00", "X"]))  # to measure a row
        self._row_height = max(self.sizeHintForRow(0), self.fontMetrics().height())
        self.clear()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(
            QCoreApplication.translate(
                "ConverterWidget", "Enter or double-click: convert to this currency"
            )
        )
        self.itemActivated.connect(self._on_item_activated)

    def set_rows(self, rows: Sequence[TargetRow]) -> None:
        """Show ``rows`` instead of the current ones (empty: none)."""
        self.clear()
        for row in rows:
            item = QTreeWidgetItem([row.code, row.amount, row.name])
            item.setData(_CODE, Qt.ItemDataRole.UserRole, row.code)
            item.setTextAlignment(
                _AMOUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            for column in (_CODE, _AMOUNT, _NAME):
                item.setToolTip(column, plain_tooltip(row.tip))
            self.addTopLevelItem(item)
        self._shade_names()

    def rows_text(self) -> list[str]:
        """The rows as shown, one "CODE amount" each."""
        rows = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [f"{row.text(_CODE)} {row.text(_AMOUNT)}" for row in rows if row is not None]

    def current_row_text(self) -> str | None:
        """The current row as "CODE amount", or ``None``."""
        item = self.currentItem()
        return None if item is None else f"{item.text(_CODE)} {item.text(_AMOUNT)}"

    def fit(self, rows: int) -> None:
        """Be ``rows`` rows high (at least one, at most :data:`MAX_TARGET_ROWS`)."""
        first = self.topLevelItem(0)
        if first is not None:
            self._row_height = max(self._row_height, self.visualItemRect(first).height())
        shown = max(1, min(rows, MAX_TARGET_ROWS))
        self.setFixedHeight(shown * self._row_height + 2 * self.frameWidth() + 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Shade the names again in the new palette (a theme switch)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._shade_names()

    def _shade_names(self) -> None:
        brush = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item is not None:
                item.setForeground(_NAME, brush)

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        code = item.data(_CODE, Qt.ItemDataRole.UserRole)
        if isinstance(code, str):
            self.code_activated.emit(code)
