"""The "All news" list: the pages of one :class:`ArticleQuery` loaded so far, newest first.

The model never holds more than the user has asked for: :meth:`ArticleListModel.set_query`
loads the first page, and "Show more" (or scrolling to the end, through ``fetchMore``) appends
the next keyset page, so page 50 costs what page 1 costs. After a refresh,
:meth:`~ArticleListModel.insert_newer` inserts what arrived without a reset, so the views keep
their selection. Views and delegates read everything through :class:`ArticleListModel.Role`.

Titles are feed text: every role hands them out as plain strings, and the tooltip is escaped
(a tooltip that merely *looks* like HTML is rendered as HTML by Qt, security model A5).
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QFont

from newsdesk.core.dates import format_offset
from newsdesk.core.model import Article, ArticleQuery, Cursor
from newsdesk.core.storage import Storage

_Index = QModelIndex | QPersistentModelIndex

#: How many rows :meth:`ArticleListModel.insert_newer` reads per query while it walks down to
#: the last loaded row.
_WALK_PAGE = 200


class _Row:
    """One loaded article and what the roles derive from it (computed once, not per paint)."""

    __slots__ = ("article", "day", "key")

    def __init__(self, article: Article) -> None:
        self.article = article
        # The reader's own calendar day: the list is grouped by the days the reader lives in.
        self.day: date = article.published.astimezone().date()
        self.key: tuple[float, int] = (article.sort_key, article.id)


class ArticleListModel(QAbstractListModel):
    """The loaded pages of one article query, newest first.

    Every row is one :class:`~newsdesk.core.model.Article`. ``DisplayRole`` is the plain title,
    ``ToolTipRole`` an escaped title, source and time, ``FontRole`` bold while unread; the rest
    comes through :class:`Role`.
    """

    class Role(IntEnum):
        """The roles the list's views and delegates ask for."""

        ARTICLE = Qt.ItemDataRole.UserRole + 1  # the Article itself
        ID = auto()  # int
        TITLE = auto()  # str, plain text
        SOURCE = auto()  # str: the feed's title
        PUBLISHED = auto()  # aware UTC datetime
        UTC_OFFSET = auto()  # int minutes east of UTC as the source wrote it, or None
        READ = auto()  # bool
        STARRED = auto()  # bool
        TOPICS = auto()  # tuple of topic codes
        DAY = auto()  # datetime.date in local time, for day headers
        SNIPPET = auto()  # str: the search snippet, "" outside a search

    def __init__(
        self, storage: Storage, *, page_size: int = 50, parent: QObject | None = None
    ) -> None:
        """Create an empty list over ``storage``; call :meth:`set_query` to fill it.

        Args:
            storage: The GUI thread's connection; it is read on the GUI thread only.
            page_size: How many articles one page ("Show more") adds.
            parent: The owning QObject.
        """
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._storage = storage
        self._page_size = page_size
        self._query = ArticleQuery()
        self._rows: list[_Row] = []
        self._row_by_id: dict[int, int] = {}
        self._cursor: Cursor | None = None
        self._changing = False  # emitting a change: a nested fetchMore must wait
        self._bold = QFont()
        self._bold.setBold(True)
        role = ArticleListModel.Role
        self._getters: dict[int, Callable[[_Row], Any]] = {
            int(Qt.ItemDataRole.DisplayRole): self._display,
            int(Qt.ItemDataRole.ToolTipRole): self._tooltip,
            int(Qt.ItemDataRole.FontRole): lambda r: None if r.article.read else self._bold,
            int(Qt.ItemDataRole.AccessibleTextRole): self._display,
            int(role.ARTICLE): lambda r: r.article,
            int(role.ID): lambda r: r.article.id,
            int(role.TITLE): lambda r: r.article.title,
            int(role.SOURCE): lambda r: r.article.feed_title,
            int(role.PUBLISHED): lambda r: r.article.published,
            int(role.UTC_OFFSET): lambda r: r.article.utc_offset_minutes,
            int(role.READ): lambda r: r.article.read,
            int(role.STARRED): lambda r: r.article.starred,
            int(role.TOPICS): lambda r: r.article.topics,
            int(role.DAY): lambda r: r.day,
            int(role.SNIPPET): lambda r: r.article.snippet,
        }

    # -- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        """The loaded rows (0 under any valid parent: this is a flat list)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The value of ``role`` for the row of ``index``; ``None`` for unknown roles. No I/O."""
        if not index.isValid() or index.column() != 0:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        getter = self._getters.get(int(role))
        return getter(self._rows[row]) if getter is not None else None

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 (Qt override)
        """Qt's role names plus ours, lower-case (for QML and debugging)."""
        names = dict(super().roleNames())
        for role in ArticleListModel.Role:
            names[int(role)] = QByteArray(role.name.lower().encode("ascii"))
        return names

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 (Qt override)
        """Whether another page exists (the view asks when it is scrolled to the end)."""
        return not parent.isValid() and self._cursor is not None and not self._changing

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 (Qt override)
        """Load the next page (the view calls this when it is scrolled to the end).

        A call made from a slot of this model's own change signals is ignored: inserting rows
        while other views are still handling the last change would corrupt their state.
        """
        if not parent.isValid() and not self._changing:
            self.show_more()

    # -- loading --------------------------------------------------------------------------------

    def query(self) -> ArticleQuery:
        """The query the list shows."""
        return self._query

    def set_query(self, query: ArticleQuery) -> None:
        """Show ``query``: a model reset with its first page."""
        page = self._storage.articles(query, limit=self._page_size)
        self._changing = True
        try:
            self.beginResetModel()
            self._query = query
            self._rows = [_Row(a) for a in page.articles]
            self._cursor = page.next_cursor
            self._reindex()
            self.endResetModel()
        finally:
            self._changing = False

    def has_more(self) -> bool:
        """Whether "Show more" would add anything."""
        return self._cursor is not None

    def show_more(self) -> int:
        """Append the next page ("Show more"); returns how many rows were added.

        One ``beginInsertRows`` for the whole page; nothing is emitted for an empty page.
        """
        if self._cursor is None or self._changing:
            return 0
        page = self._storage.articles(self._query, after=self._cursor, limit=self._page_size)
        self._cursor = page.next_cursor
        batch = [_Row(a) for a in page.articles if a.id not in self._row_by_id]
        if not batch:
            return 0
        first = len(self._rows)
        with self._inserting(first, first + len(batch) - 1):
            self._rows.extend(batch)
            for offset, row in enumerate(batch):
                self._row_by_id[row.article.id] = first + offset
        return len(batch)

    def insert_newer(self) -> int:
        """Insert the articles stored since the list was loaded; returns how many.

        Call it after a refresh. The query is walked from the top down to the last loaded row,
        and every article not yet shown is inserted where it sorts: newer ones in one batch at
        the top, and a late arrival dated between loaded rows (a feed that lists a story hours
        after it was published) at its place. There is no reset, so views keep their selection
        and current index. An empty list loads its first page this way.
        """
        if self._changing:
            return 0
        if not self._rows:
            page = self._storage.articles(self._query, limit=self._page_size)
            if not page.articles:
                return 0
            with self._inserting(0, len(page.articles) - 1):
                self._rows = [_Row(a) for a in page.articles]
                self._cursor = page.next_cursor
                self._reindex()
            return len(page.articles)
        # With every page loaded, a late arrival older than the last row belongs at the end.
        bottom = self._rows[-1].key if self._cursor is not None else (float("-inf"), -1)
        fresh = self._unseen_above(bottom)
        if not fresh:
            return 0
        # Group the new rows by where they go; insert the lowest group first so that the row
        # numbers of the groups above stay valid.
        negated = [(-r.key[0], -r.key[1]) for r in self._rows]
        groups: dict[int, list[_Row]] = {}
        for row in fresh:
            position = bisect_right(negated, (-row.key[0], -row.key[1]))
            groups.setdefault(position, []).append(row)
        for position in sorted(groups, reverse=True):
            batch = groups[position]
            with self._inserting(position, position + len(batch) - 1):
                self._rows[position:position] = batch
                self._reindex()
        return len(fresh)

    def _unseen_above(self, bottom: tuple[float, int]) -> list[_Row]:
        """Articles of the query that sort above ``bottom`` and are not loaded, newest first."""
        fresh: list[_Row] = []
        after: Cursor | None = None
        while True:
            page = self._storage.articles(self._query, after=after, limit=_WALK_PAGE)
            for article in page.articles:
                if (article.sort_key, article.id) <= bottom:
                    return fresh
                if article.id not in self._row_by_id:
                    fresh.append(_Row(article))
            if page.next_cursor is None:
                return fresh
            after = page.next_cursor

    @contextmanager
    def _inserting(self, first: int, last: int) -> Iterator[None]:
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), first, last)
            yield
            self.endInsertRows()
        finally:
            self._changing = False

    def _reindex(self) -> None:
        self._row_by_id = {row.article.id: i for i, row in enumerate(self._rows)}

    # -- rows and state -------------------------------------------------------------------------

    def article(self, row: int) -> Article:
        """The article of ``row``.

        Raises:
            IndexError: ``row`` is not a loaded row.
        """
        if not 0 <= row < len(self._rows):
            raise IndexError(f"row {row} is not in the list ({len(self._rows)} rows)")
        return self._rows[row].article

    def row_of(self, article_id: int) -> int | None:
        """The row showing ``article_id``, or ``None`` when it is not loaded."""
        return self._row_by_id.get(article_id)

    def set_read(self, row: int, read: bool) -> None:
        """Mark the article of ``row`` read or unread, in the database and in the views."""
        article = self.article(row)
        if article.read == read:
            return
        self._storage.set_read([article.id], read)
        self._replace(row, replace(article, read=read), self._READ_ROLES)

    def toggle_starred(self, row: int) -> bool:
        """Star or unstar the article of ``row``; returns whether it is starred now."""
        article = self.article(row)
        starred = not article.starred
        self._storage.set_starred(article.id, starred)
        self._replace(row, replace(article, starred=starred), self._STAR_ROLES)
        return starred

    def mark_all_read(self) -> int:
        """Mark every article of the query read, loaded or not; returns how many changed."""
        changed = self._storage.mark_all_read(self._query)
        first = last = None
        for i, row in enumerate(self._rows):
            if not row.article.read:
                row.article = replace(row.article, read=True)
                first = i if first is None else first
                last = i
        if first is not None and last is not None:
            self._emit_changed(first, last, self._READ_ROLES)
        return changed

    _READ_ROLES = [
        int(Role.READ),
        int(Role.ARTICLE),
        int(Qt.ItemDataRole.FontRole),
    ]
    _STAR_ROLES = [int(Role.STARRED), int(Role.ARTICLE)]

    def _replace(self, row: int, article: Article, roles: list[int]) -> None:
        self._rows[row].article = article
        self._emit_changed(row, row, roles)

    def _emit_changed(self, first: int, last: int, roles: list[int]) -> None:
        self._changing = True
        try:
            self.dataChanged.emit(self.index(first), self.index(last), roles)
        finally:
            self._changing = False

    # -- text -----------------------------------------------------------------------------------

    def _display(self, row: _Row) -> str:
        return row.article.title or self.tr("(untitled)")

    def _tooltip(self, row: _Row) -> str:
        article = row.article
        lines = [self._display(row), f"{article.feed_title} · {published_text(article)}"]
        # Escaped inside <p>: Qt shows any tooltip that looks like markup as rich text, so a
        # title is escaped and wrapped to come out exactly as written.
        body = "<br>".join(html.escape(line, quote=False) for line in lines)
        return f"<p style='white-space:pre-wrap'>{body}</p>"


def published_text(article: Article, locale: QLocale | None = None) -> str:
    """The article's date and time for a tooltip: in the source's zone when it gave one.

    For example "Saturday, 28 November 2026 13:39 UTC+3"; without a zone, local time.
    """
    locale = locale or QLocale()
    if article.utc_offset_minutes is not None:
        zone = timezone(timedelta(minutes=article.utc_offset_minutes))
        when: datetime = article.published.astimezone(zone)
        suffix = format_offset(article.utc_offset_minutes)
    else:
        when = article.published.astimezone()
        suffix = ""
    day = locale.toString(QDate(when.year, when.month, when.day), QLocale.FormatType.LongFormat)
    clock = locale.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)
    return f"{day} {clock} {suffix}".rstrip()
