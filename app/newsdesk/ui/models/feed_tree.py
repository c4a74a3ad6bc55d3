"""The sources sidebar: feed groups ("News", "Partner news", the user's own) and their feeds.

A two-level tree: the groups come first, "News" and "Partner news" ahead of the others, and
feeds without a group follow them at the top level. Each row shows its unread count
("Guardian (12)"); a feed whose last refresh failed carries a warning icon, its status and its
message. :meth:`FeedTreeModel.reload` resets the model only when the feeds or their grouping
changed, so a refresh that only moves counts keeps the tree's expansion and selection. The two
default groups are shown in the UI language; ``Role.GROUP`` keeps the stored name.

Feed titles and error messages are feed or server text: roles give them as plain strings and
tooltips escape them (security model A5).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from newsdesk.core.model import Feed

_Index = QModelIndex | QPersistentModelIndex

#: The groups the default subscriptions use, listed first and in this order.
GROUP_ORDER = ("News", "Partner news")
#: Feed statuses that mean the last refresh failed.
FAILED_STATUSES = frozenset({"error", "gone"})

# internalId of a top-level row; a feed inside group ``g`` has internalId ``g + 1``.
_TOP = 0


@dataclass(slots=True)
class _Group:
    name: str
    feeds: list[Feed] = field(default_factory=list)

    @property
    def unread(self) -> int:
        return sum(f.unread_count for f in self.feeds)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.feeds if f.status in FAILED_STATUSES)


class FeedTreeModel(QAbstractItemModel):
    """Feed groups and feeds with their unread counts and refresh status.

    ``DisplayRole`` is the title with the unread count, ``DecorationRole`` a warning icon for a
    feed whose refresh failed, ``ToolTipRole`` escaped text with the feed's address and error;
    the rest comes through :class:`Role`.
    """

    class Role(IntEnum):
        """The roles the sidebar's view asks for."""

        FEED_ID = Qt.ItemDataRole.UserRole + 1  # int for a feed, None for a group
        GROUP = auto()  # str: the group's stored name (a feed's own group; "" for none)
        UNREAD = auto()  # int: unread articles of the feed or of the whole group
        STATUS = auto()  # str: new | ok | warning | error | gone; a group: "error" if any failed
        MESSAGE = auto()  # str, plain text: the last refresh's error or warning
        TITLE = auto()  # str, plain text: the title as shown, without the count
        IS_GROUP = auto()  # bool

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty tree; :meth:`reload` fills it."""
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._loose: list[Feed] = []  # feeds without a group, after the groups
        self._bold = QFont()
        self._bold.setBold(True)
        self._warning_icon: QIcon | None = None

    # -- structure ------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of ``row`` under ``parent``."""
        if column != 0 or row < 0 or row >= self.rowCount(parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP)
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: _Index | None = None) -> Any:
        """The group of a feed (an invalid index for a top-level row).

        Called without an argument it is ``QObject.parent()``, which this override hides.
        """
        if child is None:
            return QObject.parent(self)
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        """Groups and loose feeds at the top; a group's feeds under it; 0 under a feed."""
        if not parent.isValid():
            return len(self._groups) + len(self._loose)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        if parent.row() < len(self._groups):
            return len(self._groups[parent.row()].feeds)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        """One column."""
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Every row can be selected (a group shows the news of all its feeds)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if isinstance(self._node(index), Feed):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 (Qt override)
        """Qt's role names plus ours, lower-case."""
        names = dict(super().roleNames())
        for role in FeedTreeModel.Role:
            names[int(role)] = QByteArray(role.name.lower().encode("ascii"))
        return names

    def _node(self, index: _Index) -> _Group | Feed | None:
        if not index.isValid() or index.column() != 0:
            return None
        row, owner = index.row(), index.internalId()
        if owner == _TOP:
            if row < len(self._groups):
                return self._groups[row]
            loose = row - len(self._groups)
            return self._loose[loose] if loose < len(self._loose) else None
        group = owner - 1
        if group < len(self._groups) and row < len(self._groups[group].feeds):
            return self._groups[group].feeds[row]
        return None

    # -- data -----------------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The value of ``role`` for ``index``; ``None`` for unknown roles. No I/O."""
        node = self._node(index)
        if node is None:
            return None
        if isinstance(node, _Group):
            return self._group_data(node, int(role))
        return self._feed_data(node, int(role))

    def _group_data(self, group: _Group, role: int) -> Any:
        r = FeedTreeModel.Role
        unread = group.unread
        title = self._group_title(group.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return _with_count(title, unread)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [title, self.tr("%n unread", "", unread)]
            if group.failed:
                lines.append(self.tr("%n feed(s) failed", "", group.failed))
            return _tooltip(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(title, unread, "")
        if role == r.FEED_ID:
            return None
        if role == r.GROUP:
            return group.name
        if role == r.UNREAD:
            return unread
        if role == r.STATUS:
            return "error" if group.failed else "ok"
        if role == r.MESSAGE:
            return ""
        if role == r.TITLE:
            return title
        if role == r.IS_GROUP:
            return True
        return None

    def _feed_data(self, feed: Feed, role: int) -> Any:
        r = FeedTreeModel.Role
        failed = feed.status in FAILED_STATUSES
        if role == Qt.ItemDataRole.DisplayRole:
            return _with_count(feed.title, feed.unread_count)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._warning() if failed else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if feed.unread_count else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if feed.enabled:
                return None
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [feed.title, feed.url]
            if not feed.enabled:
                lines.append(self.tr("Paused: not refreshed"))
            if feed.message:
                lines.append(feed.message)
            return _tooltip(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(feed.title, feed.unread_count, feed.message if failed else "")
        if role == r.FEED_ID:
            return feed.id
        if role == r.GROUP:
            return feed.group
        if role == r.UNREAD:
            return feed.unread_count
        if role == r.STATUS:
            return feed.status
        if role == r.MESSAGE:
            return feed.message
        if role == r.TITLE:
            return feed.title
        if role == r.IS_GROUP:
            return False
        return None

    def _spoken(self, title: str, unread: int, error: str) -> str:
        # tr() outside the f-strings: lupdate does not look inside them.
        text = self.tr("{title}, %n unread", "", unread).format(title=title)
        return self.tr("{text}, failed: {error}").format(text=text, error=error) if error else text

    def _group_title(self, name: str) -> str:
        """The group's name as shown: the default groups in the UI language."""
        if name == GROUP_ORDER[0]:
            return self.tr("News")
        if name == GROUP_ORDER[1]:
            return self.tr("Partner news")
        return name

    def _warning(self) -> QIcon:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    # -- reloading ------------------------------------------------------------------------------

    def feed_index(self, feed_id: int) -> QModelIndex:
        """The index of the feed ``feed_id`` (invalid when it is not listed)."""
        for g, group in enumerate(self._groups):
            for row, feed in enumerate(group.feeds):
                if feed.id == feed_id:
                    return self.createIndex(row, 0, g + 1)
        for row, feed in enumerate(self._loose):
            if feed.id == feed_id:
                return self.createIndex(len(self._groups) + row, 0, _TOP)
        return QModelIndex()

    def group_index(self, name: str) -> QModelIndex:
        """The index of the group ``name`` (invalid when there is none)."""
        for row, group in enumerate(self._groups):
            if group.name == name:
                return self.createIndex(row, 0, _TOP)
        return QModelIndex()

    def reload(self, feeds: Sequence[Feed]) -> None:
        """Show ``feeds`` (in storage order).

        When the same feeds sit in the same groups in the same order, only ``dataChanged`` is
        emitted, for the rows that changed (and their groups), so expansion and selection
        survive. Otherwise the model is reset.
        """
        groups, loose = _arrange(feeds)
        if _shape(groups, loose) != _shape(self._groups, self._loose):
            self.beginResetModel()
            self._groups, self._loose = groups, loose
            self.endResetModel()
            return
        for g, (old, new) in enumerate(zip(self._groups, groups, strict=True)):
            changed = [
                i for i, (a, b) in enumerate(zip(old.feeds, new.feeds, strict=True)) if a != b
            ]
            if not changed:
                continue
            old.feeds = new.feeds
            group_index = self.createIndex(g, 0, _TOP)
            self.dataChanged.emit(group_index, group_index, [])
            top = self.createIndex(min(changed), 0, g + 1)
            bottom = self.createIndex(max(changed), 0, g + 1)
            self.dataChanged.emit(top, bottom, [])
        changed = [i for i, (a, b) in enumerate(zip(self._loose, loose, strict=True)) if a != b]
        self._loose = loose
        if changed:
            first = len(self._groups)
            self.dataChanged.emit(
                self.createIndex(first + min(changed), 0, _TOP),
                self.createIndex(first + max(changed), 0, _TOP),
                [],
            )


def _arrange(feeds: Sequence[Feed]) -> tuple[list[_Group], list[Feed]]:
    by_name: dict[str, _Group] = {}
    loose: list[Feed] = []
    for feed in feeds:
        if feed.group:
            by_name.setdefault(feed.group, _Group(feed.group)).feeds.append(feed)
        else:
            loose.append(feed)

    def rank(name: str) -> tuple[int, str]:
        if name in GROUP_ORDER:
            return GROUP_ORDER.index(name), ""
        return len(GROUP_ORDER), name.casefold()

    return [by_name[n] for n in sorted(by_name, key=rank)], loose


def _shape(groups: Sequence[_Group], loose: Sequence[Feed]) -> tuple[object, ...]:
    return (
        tuple((g.name, tuple(f.id for f in g.feeds)) for g in groups),
        tuple(f.id for f in loose),
    )


def _with_count(title: str, unread: int) -> str:
    return f"{title} ({QLocale().toString(unread)})" if unread else title


def _tooltip(lines: Sequence[str]) -> str:
    # Escaped inside <p>: Qt renders a tooltip that looks like markup as rich text.
    body = "<br>".join(html.escape(line, quote=False) for line in lines if line)
    return f"<p style='white-space:pre-wrap'>{body}</p>"
