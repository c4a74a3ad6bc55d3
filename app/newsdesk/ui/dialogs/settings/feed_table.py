"""The subscriptions as the Feeds page edits them: rows that may not be saved yet, and a model.

A :class:`FeedRow` is a subscription as shown. It remembers where it came from — a stored feed
(``feed``), a queued OPML import (``import_url``), or the Add dialog (neither) — and the values
it had then (``original``), so that saving writes only what the user changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from newsdesk.core.model import NEWS_GROUP, PARTNER_GROUP, Feed

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class FeedValues:
    """What the user may edit of a subscription."""

    url: str
    title: str = ""
    group: str = ""
    topic: str = ""
    enabled: bool = True
    interval_minutes: int | None = None  # None: the global refresh interval


@dataclass(slots=True)
class FeedRow:
    """One subscription in the Feeds page.

    Attributes:
        values: What is shown (and will be saved).
        original: The values when the row was loaded or imported; None for a row added here.
        feed: The stored feed, for a row loaded from the database.
        import_url: The address a queued OPML import will store it under.
    """

    values: FeedValues
    original: FeedValues | None = None
    feed: Feed | None = None
    import_url: str | None = None

    @classmethod
    def stored(cls, feed: Feed) -> FeedRow:
        """A row for a subscription already in the database."""
        values = FeedValues(
            feed.url, feed.title, feed.group, feed.topic, feed.enabled, feed.interval_minutes
        )
        return cls(values, values, feed)

    @property
    def is_pending(self) -> bool:
        """Whether saving would write this row (new, or changed since it was loaded)."""
        return self.feed is None or self.values != self.original

    def as_feed(self) -> Feed:
        """The row as a :class:`Feed`, for an OPML export."""
        v = self.values
        base = self.feed or Feed(id=0, url=v.url, title=v.title)
        return dataclasses.replace(
            base,
            url=v.url,
            title=v.title,
            group=v.group,
            topic=v.topic,
            enabled=v.enabled,
            interval_minutes=v.interval_minutes,
        )


def group_label(group: str) -> str:
    """A stored group name in words: the two default groups are shown in the UI language."""
    if group == NEWS_GROUP:
        return QCoreApplication.translate("FeedTableModel", "News")
    if group == PARTNER_GROUP:
        return QCoreApplication.translate("FeedTableModel", "Partner news")
    return group


class FeedTableModel(QAbstractTableModel):
    """The Feeds page's rows: title, address, group, topic, enabled and refresh interval.

    The Enabled column is a check box the user may tick; everything else is edited through
    the feed editor. Rows not saved yet are shown in italics.
    """

    TITLE, ADDRESS, GROUP, TOPIC, ENABLED, INTERVAL = range(6)

    def __init__(self, topic_name: Callable[[str], str] | None = None, parent: Any = None) -> None:
        """An empty model; ``topic_name`` turns a feed's topic (code) into words."""
        super().__init__(parent)
        self._rows: list[FeedRow] = []
        self._topic_name = topic_name or (lambda code: code)

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The number of subscriptions (0 under a valid parent)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Six columns (0 under a valid parent)."""
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """The column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Title"),
            self.tr("Address"),
            self.tr("Group"),
            self.tr("Topic"),
            self.tr("Enabled"),
            self.tr("Refresh"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Selectable rows; the Enabled cell is a check box."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text per column, the Enabled check state, italics for unsaved rows."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        v = row.values
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.TITLE:
                return v.title or v.url  # an empty title becomes the feed's own when fetched
            if column == self.ADDRESS:
                return v.url
            if column == self.GROUP:
                return group_label(v.group)
            if column == self.TOPIC:
                return self._topic_name(v.topic) if v.topic else ""
            if column == self.INTERVAL:
                if v.interval_minutes is None:
                    return self.tr("Default")
                return self.tr("%n min", "", v.interval_minutes)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ENABLED:
            return Qt.CheckState.Checked if v.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.ENABLED:
            return self.tr("Enabled") if v.enabled else self.tr("Disabled")
        if role == Qt.ItemDataRole.FontRole and row.is_pending:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Tick or untick Enabled."""
        if (
            not index.isValid()
            or index.column() != self.ENABLED
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        self.replace(index.row(), dataclasses.replace(row.values, enabled=checked))
        return True

    # -- rows -------------------------------------------------------------------------------

    def rows(self) -> list[FeedRow]:
        """The rows, in order (the list itself; do not change it)."""
        return self._rows

    def row(self, number: int) -> FeedRow:
        """One row."""
        return self._rows[number]

    def set_rows(self, rows: Sequence[FeedRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, rows: Sequence[FeedRow]) -> None:
        """Add rows at the end."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def replace(self, number: int, values: FeedValues) -> None:
        """Change what row ``number`` shows."""
        self._rows[number].values = values
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.INTERVAL))

    def take(self, number: int) -> FeedRow:
        """Remove and return row ``number``."""
        self.beginRemoveRows(QModelIndex(), number, number)
        row = self._rows.pop(number)
        self.endRemoveRows()
        return row

    def refresh_names(self) -> None:
        """Topic names may have changed: redraw the Topic column."""
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, self.TOPIC), self.index(last, self.TOPIC))
