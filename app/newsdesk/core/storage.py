"""The SQLite store: feeds, articles, their read/starred state, topics and a full-text index.

One :class:`Storage` is one connection, used by one thread (the worker writes, the window
reads; WAL lets readers go on while a refresh writes). Every write is one short
``BEGIN IMMEDIATE`` transaction, so a process killed mid-refresh leaves every feed either fully
updated or untouched. The schema is versioned with ``PRAGMA user_version`` and moved forward by
the ordered :data:`MIGRATIONS`; a database written by a newer Newsdesk is refused, not changed.

Articles and their state live in separate tables (re-fetching an article never touches whether
it was read). The FTS5 table holds plain text (title, body) keyed by article id and is written in
the same transactions as the articles, so the two never disagree.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from newsdesk.core import search as fts
from newsdesk.core.errors import NewsdeskError, StorageError
from newsdesk.core.links import identity_url
from newsdesk.core.model import (
    MAX_INTERVAL_MINUTES,
    MIN_INTERVAL_MINUTES,
    Article,
    ArticleQuery,
    Cursor,
    DateNote,
    Enclosure,
    Feed,
    Page,
    ParsedEntry,
    ParsedFeed,
)
from newsdesk.core.rates.store import RATES_SCHEMA
from newsdesk.core.transactions import immediate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_ALL = ArticleQuery()
_FROM_FTS = "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
RELATED_WINDOW_HOURS = 48

_V1 = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE feeds(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    site_url TEXT,
    grp TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    enabled INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    message TEXT NOT NULL DEFAULT '',
    last_refresh REAL,
    last_success REAL,
    retry_after REAL,
    error_count INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL
);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    link TEXT,
    story TEXT,
    dup_of INTEGER,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    summary_html TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    published REAL NOT NULL,
    utc_offset INTEGER,
    date_note TEXT NOT NULL DEFAULT '',
    updated REAL,
    first_seen REAL NOT NULL,
    sort_key REAL NOT NULL,
    image TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    enclosures TEXT NOT NULL DEFAULT '[]',
    hash TEXT NOT NULL,
    UNIQUE(feed_id, key)
);
CREATE INDEX articles_by_time ON articles(sort_key DESC, id DESC);
CREATE INDEX articles_by_feed ON articles(feed_id, sort_key DESC, id DESC);
CREATE INDEX articles_by_story ON articles(story);
CREATE TABLE article_state(
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX article_state_starred ON article_state(starred) WHERE starred;
CREATE TABLE topics(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE article_topics(
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    PRIMARY KEY(article_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX article_topics_by_topic ON article_topics(topic_id, article_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = "unicode61 remove_diacritics 2"
);
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
"""

# Version 2: permanent-redirect bookkeeping. A feed's stored URL changes only after the same
# all-permanent redirect target was seen on several consecutive fetches.
_V2 = """
ALTER TABLE feeds ADD COLUMN moved_to TEXT;
ALTER TABLE feeds ADD COLUMN moved_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN previous_url TEXT;
"""

# Version 3: exchange rates (provider, day, currency → rate as exact text), so history survives
# and charts need no network. The tables belong to newsdesk.core.rates.store.

# Version 4: a feed's own refresh interval in minutes; NULL follows refresh.interval_minutes.
_V4 = """
ALTER TABLE feeds ADD COLUMN interval_minutes INTEGER;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, RATES_SCHEMA, _V4)
SCHEMA_VERSION = len(MIGRATIONS)


class Unchanged(enum.Enum):
    """The type of :data:`UNCHANGED`."""

    UNCHANGED = "unchanged"


#: "Leave this as it is", where ``None`` has a meaning of its own: ``update_feed(id,
#: interval_minutes=None)`` makes the feed follow the global interval again, while leaving the
#: argument out (its default, ``UNCHANGED``) keeps the feed's interval.
UNCHANGED: Final = Unchanged.UNCHANGED


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What storing one parsed feed changed."""

    new_ids: tuple[int, ...]
    updated: int


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the refresher needs to know about a feed before fetching it."""

    id: int
    url: str
    title: str
    topic: str
    enabled: bool
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    retry_after: float | None
    status: str
    moved_to: str | None
    moved_count: int
    interval_minutes: int | None = None  # None: the global interval
    last_refresh: float | None = None  # seconds since the epoch; None: never refreshed


def _now() -> float:
    return time.time()


def _ts(dt: datetime | None) -> float | None:
    return dt.timestamp() if dt is not None else None


def _dt(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts is not None else None


class Storage:
    """One connection to the Newsdesk database (use it from one thread)."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        """Open (and create or migrate) the database at ``path``.

        Raises:
            StorageError: the file is not a Newsdesk database, is damaged, or is newer.
        """
        self.path = Path(path) if str(path) != ":memory:" else Path(":memory:")
        if not create and not self.path.exists():
            raise StorageError(f"There is no database at {self.path}.")
        try:
            self._conn = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot open the database {self.path}: {exc}.") from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StorageError(
                f"The database {self.path} is damaged or not a database ({exc})."
            ) from exc
        except StorageError:
            self._conn.close()
            raise

    # -- set-up ---------------------------------------------------------------------------------

    def _configure(self) -> None:
        c = self._conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        c.execute("PRAGMA foreign_keys = ON")
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # checked before anything (even WAL) writes to the file
            raise StorageError(
                f"The database {self.path} was made by a newer version of Newsdesk "
                f"(schema {version}, this version knows {SCHEMA_VERSION}); it was left untouched."
            )
        c.execute("PRAGMA journal_mode = WAL").fetchone()
        c.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as c:
                for statement in _statements(MIGRATIONS[number]):
                    c.execute(statement)
                c.execute(f"PRAGMA user_version = {number + 1}")
            log.info("database migrated to schema %d", number + 1)

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for stores of other tables in the same file (rates)."""
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception."""
        return immediate(self._conn, f"the database {self.path}")

    def quick_check(self) -> bool:
        """SQLite's own consistency check."""
        return bool(self._conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")

    # -- meta -----------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value of the key/value ``meta`` table."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- feeds ----------------------------------------------------------------------------------

    def add_feed(self, url: str, title: str = "", group: str = "", topic: str = "") -> int | None:
        """Subscribe to ``url`` (already normalised); None if it is already there."""
        with self.transaction() as c:
            position = c.execute("SELECT coalesce(max(position), 0) + 1 FROM feeds").fetchone()[0]
            cur = c.execute(
                "INSERT OR IGNORE INTO feeds(url, title, grp, topic, position, added)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (url, title, group, topic, position, _now()),
            )
            return cur.lastrowid if cur.rowcount else None

    def add_feeds(
        self,
        feeds: Iterable[tuple[str, str, str, str] | tuple[str, str, str, str, int | None]],
    ) -> int:
        """Subscribe to many (url, title, group, topic[, interval_minutes]) in one transaction;
        returns how many were new. An interval out of bounds is dropped (the global one holds)."""
        added = 0
        with self.transaction() as c:
            position = c.execute("SELECT coalesce(max(position), 0) FROM feeds").fetchone()[0]
            for url, title, group, topic, *rest in feeds:
                # An empty title is replaced by the feed's own at its first refresh.
                interval = rest[0] if rest else None
                if interval is not None and not _interval_ok(interval):
                    interval = None
                position += 1
                cur = c.execute(
                    "INSERT OR IGNORE INTO feeds(url, title, grp, topic, position, added,"
                    " interval_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (url, title, group, topic, position, _now(), interval),
                )
                added += cur.rowcount
        return added

    def update_feed(
        self,
        feed_id: int,
        *,
        url: str | None = None,
        title: str | None = None,
        group: str | None = None,
        topic: str | None = None,
        enabled: bool | None = None,
        interval_minutes: int | None | Literal[Unchanged.UNCHANGED] = UNCHANGED,
    ) -> None:
        """Change what the user may edit of a subscription; ``None`` leaves a field as it is.

        ``url`` must be normalised already. A new URL forgets the old one's validators (ETag,
        Last-Modified, body hash), a pending redirect and Retry-After wait, so the next refresh
        downloads it whole. ``interval_minutes=None`` makes the feed follow the global interval;
        leave it out (:data:`UNCHANGED`) to keep the feed's own.

        Raises:
            NewsdeskError: there is no such feed, or another feed already has ``url``.
            ValueError: ``interval_minutes`` is outside :data:`MIN_INTERVAL_MINUTES` …
                :data:`MAX_INTERVAL_MINUTES` (the dialog's spin box prevents it).
        """
        checked = interval_minutes is not UNCHANGED and interval_minutes is not None
        if checked and not _interval_ok(interval_minutes):
            raise ValueError(
                f"A feed's refresh interval must be between {MIN_INTERVAL_MINUTES} and "
                f"{MAX_INTERVAL_MINUTES} minutes, not {interval_minutes!r}."
            )
        columns: dict[str, Any] = {}
        for column, value in (("title", title), ("grp", group), ("topic", topic)):
            if value is not None:
                columns[column] = value
        if enabled is not None:
            columns["enabled"] = int(enabled)
        if interval_minutes is not UNCHANGED:
            columns["interval_minutes"] = interval_minutes
        with self.transaction() as c:
            row = c.execute("SELECT url FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if row is None:
                raise NewsdeskError(f"There is no subscription with id {feed_id}.")
            if url is not None and url != row["url"]:
                taken = c.execute(
                    "SELECT 1 FROM feeds WHERE url = ? AND id != ?", (url, feed_id)
                ).fetchone()
                if taken is not None:
                    raise NewsdeskError(f"You are already subscribed to {url}.")
                columns |= {
                    "url": url,
                    "etag": None,
                    "last_modified": None,
                    "body_hash": None,
                    "retry_after": None,
                    "moved_to": None,
                    "moved_count": 0,
                    "status": "new",
                    "message": "",
                    "error_count": 0,
                }
            if not columns:
                return
            assignments = ", ".join(f"{name} = ?" for name in columns)  # names are ours, not input
            c.execute(f"UPDATE feeds SET {assignments} WHERE id = ?", (*columns.values(), feed_id))

    def shortest_interval(self) -> int | None:
        """The smallest own refresh interval (minutes) among enabled feeds; None if none has one.

        The window's timer runs at the shorter of this and the global interval, and each pass
        refreshes only the feeds that are due (:meth:`newsdesk.core.refresh.Refresher.run`).
        """
        row = self._conn.execute(
            "SELECT min(interval_minutes) FROM feeds WHERE enabled AND interval_minutes IS NOT NULL"
        ).fetchone()
        return int(row[0]) if row[0] is not None else None

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe; the feed's articles go too, except starred ones' full rows do too."""
        with self.transaction() as c:
            ids = [r[0] for r in c.execute("SELECT id FROM articles WHERE feed_id = ?", (feed_id,))]
            self._delete_articles(c, ids)
            return c.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

    def set_feed_enabled(self, feed_id: int, enabled: bool) -> None:
        """Turn refreshing of a feed on or off."""
        with self.transaction() as c:
            c.execute("UPDATE feeds SET enabled = ? WHERE id = ?", (int(enabled), feed_id))

    def feed_count(self) -> int:
        """How many subscriptions there are."""
        return int(self._conn.execute("SELECT count(*) FROM feeds").fetchone()[0])

    def feeds(self) -> list[Feed]:
        """Every subscription, in the user's order, with article and unread counts."""
        rows = self._conn.execute(
            """
            SELECT f.*, coalesce(n.total, 0) AS total, coalesce(n.unread, 0) AS unread
            FROM feeds f LEFT JOIN (
                SELECT a.feed_id, count(*) AS total, sum(s.read = 0) AS unread
                FROM articles a JOIN article_state s ON s.article_id = a.id
                GROUP BY a.feed_id
            ) n ON n.feed_id = f.id
            ORDER BY f.grp, f.position, f.id
            """
        ).fetchall()
        return [
            Feed(
                id=r["id"],
                url=r["url"],
                title=r["title"] or r["url"],
                site_url=r["site_url"],
                group=r["grp"],
                topic=r["topic"],
                enabled=bool(r["enabled"]),
                status=r["status"],
                message=r["message"],
                last_refresh=_dt(r["last_refresh"]),
                last_success=_dt(r["last_success"]),
                article_count=r["total"],
                unread_count=r["unread"],
                error_count=r["error_count"],
                interval_minutes=r["interval_minutes"],
            )
            for r in rows
        ]

    def feed_states(self, ids: Sequence[int] | None = None) -> list[FeedState]:
        """The fetch state of the given feeds (all when ``ids`` is None)."""
        sql = "SELECT * FROM feeds"
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += f" WHERE id IN ({','.join('?' * len(ids))})"
            params = tuple(ids)
        rows = self._conn.execute(sql + " ORDER BY grp, position, id", params).fetchall()
        return [
            FeedState(
                r["id"],
                r["url"],
                r["title"],
                r["topic"],
                bool(r["enabled"]),
                r["etag"],
                r["last_modified"],
                r["body_hash"],
                r["retry_after"],
                r["status"],
                r["moved_to"],
                r["moved_count"],
                r["interval_minutes"],
                r["last_refresh"],
            )
            for r in rows
        ]

    def record_failure(
        self, feed_id: int, message: str, *, gone: bool = False, retry_after: float | None = None
    ) -> None:
        """Note a failed refresh; earlier articles stay. ``gone`` (410) also disables the feed."""
        now = _now()
        with self.transaction() as c:
            c.execute(
                "UPDATE feeds SET status = ?, message = ?, last_refresh = ?, retry_after = ?,"
                " error_count = error_count + 1, enabled = enabled AND ? WHERE id = ?",
                (
                    "gone" if gone else "error",
                    message,
                    now,
                    now + retry_after if retry_after else None,
                    0 if gone else 1,
                    feed_id,
                ),
            )

    def record_unchanged(self, feed_id: int, etag: str | None, last_modified: str | None) -> None:
        """Note a refresh that found nothing new (304, or the same bytes)."""
        now = _now()
        with self.transaction() as c:
            c.execute(
                "UPDATE feeds SET status = CASE WHEN status = 'warning' THEN status ELSE 'ok' END,"
                " message = CASE WHEN status = 'warning' THEN message ELSE '' END,"
                " last_refresh = ?, last_success = ?, retry_after = NULL, error_count = 0,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)"
                " WHERE id = ?",
                (now, now, etag, last_modified, feed_id),
            )

    def record_move(self, feed_id: int, target: str | None, confirmations: int) -> str | None:
        """Track a permanent redirect; returns the new URL once it was seen ``confirmations``
        times in a row (the stored URL is then changed and the old one kept)."""
        with self.transaction() as c:
            row = c.execute(
                "SELECT url, moved_to, moved_count FROM feeds WHERE id = ?", (feed_id,)
            ).fetchone()
            if row is None:
                return None
            if target is None:
                c.execute(
                    "UPDATE feeds SET moved_to = NULL, moved_count = 0 WHERE id = ?", (feed_id,)
                )
                return None
            count = row["moved_count"] + 1 if row["moved_to"] == target else 1
            taken = c.execute("SELECT 1 FROM feeds WHERE url = ? AND id != ?", (target, feed_id))
            if count >= confirmations and taken.fetchone() is None:
                c.execute(
                    "UPDATE feeds SET previous_url = url, url = ?, moved_to = NULL, moved_count = 0"
                    " WHERE id = ?",
                    (target, feed_id),
                )
                return target
            c.execute(
                "UPDATE feeds SET moved_to = ?, moved_count = ? WHERE id = ?",
                (target, count, feed_id),
            )
            return None

    def store_feed(
        self,
        feed_id: int,
        parsed: ParsedFeed,
        topics_of: Any = None,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        body_hash: str | None = None,
    ) -> StoreResult:
        """Store a parsed feed in one transaction: upsert articles, index them, update the feed.

        ``topics_of`` maps a :class:`ParsedEntry` to topic codes (the taxonomy's classifier).
        Re-fetched articles keep their id, read and starred state; changed ones are updated.
        """
        now = _now()
        new_ids: list[int] = []
        updated = 0
        with self.transaction() as c:
            keys = [e.key for e in parsed.entries]
            existing: dict[str, tuple[int, str]] = {}
            for chunk in _chunks(keys, 500):
                rows = c.execute(
                    f"SELECT key, id, hash FROM articles WHERE feed_id = ? AND key IN"
                    f" ({','.join('?' * len(chunk))})",
                    (feed_id, *chunk),
                )
                existing.update({r[0]: (r[1], r[2]) for r in rows})
            topic_ids = self._topic_ids(c)
            for entry in parsed.entries:
                digest = _entry_hash(entry)
                found = existing.get(entry.key)
                if found is not None:
                    if found[1] != digest:
                        self._update_article(c, found[0], entry, digest)
                        updated += 1
                    continue
                article_id = self._insert_article(c, feed_id, entry, digest, now)
                new_ids.append(article_id)
                codes = topics_of(entry) if topics_of else ()
                for code in codes:
                    topic_id = topic_ids.get(code)
                    if topic_id is None:
                        topic_id = c.execute(
                            "INSERT INTO topics(code) VALUES (?)", (code,)
                        ).lastrowid
                        assert topic_id is not None
                        topic_ids[code] = topic_id
                    c.execute(
                        "INSERT OR IGNORE INTO article_topics(article_id, topic_id) VALUES (?, ?)",
                        (article_id, topic_id),
                    )
            c.execute(
                "UPDATE feeds SET"
                " title = CASE WHEN title = '' OR title = url THEN ? ELSE title END,"
                " site_url = coalesce(?, site_url), status = ?, message = ?, last_refresh = ?,"
                " last_success = ?, retry_after = NULL, error_count = 0, etag = ?,"
                " last_modified = ?, body_hash = ? WHERE id = ?",
                (
                    parsed.title,
                    parsed.site_url,
                    "warning" if parsed.warning else "ok",
                    parsed.warning or "",
                    now,
                    now,
                    etag,
                    last_modified,
                    body_hash,
                    feed_id,
                ),
            )
        return StoreResult(tuple(new_ids), updated)

    def _topic_ids(self, c: sqlite3.Connection) -> dict[str, int]:
        return {r[1]: r[0] for r in c.execute("SELECT id, code FROM topics")}

    def _insert_article(
        self, c: sqlite3.Connection, feed_id: int, e: ParsedEntry, digest: str, now: float
    ) -> int:
        story = identity_url(e.link) if e.link else None
        dup_of = None
        if story:
            row = c.execute(
                "SELECT coalesce(dup_of, id) FROM articles WHERE story = ? AND feed_id != ?"
                " ORDER BY id LIMIT 1",
                (story, feed_id),
            ).fetchone()
            dup_of = row[0] if row else None
        published = e.published.timestamp()
        cur = c.execute(
            """INSERT INTO articles(feed_id, key, link, story, dup_of, title, author, summary_html,
                   content_html, published, utc_offset, date_note, updated, first_seen, sort_key,
                   image, categories, enclosures, hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                feed_id,
                e.key,
                e.link,
                story,
                dup_of,
                e.title,
                e.author,
                e.summary_html,
                e.content_html,
                published,
                e.utc_offset_minutes,
                e.date_note.value,
                _ts(e.updated),
                now,
                min(published, now),
                e.image,
                json.dumps(list(e.categories), ensure_ascii=False),
                json.dumps([[x.url, x.type, x.length] for x in e.enclosures]),
                digest,
            ),
        )
        article_id = cur.lastrowid
        assert article_id is not None
        c.execute("INSERT INTO article_state(article_id) VALUES (?)", (article_id,))
        c.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            (article_id, e.title, e.text),
        )
        return article_id

    def _update_article(
        self, c: sqlite3.Connection, article_id: int, e: ParsedEntry, digest: str
    ) -> None:
        c.execute(
            """UPDATE articles SET link = ?, title = ?, author = ?, summary_html = ?,
                   content_html = ?, updated = ?, image = ?, categories = ?, enclosures = ?,
                   hash = ?
               WHERE id = ?""",
            (
                e.link,
                e.title,
                e.author,
                e.summary_html,
                e.content_html,
                _ts(e.updated),
                e.image,
                json.dumps(list(e.categories), ensure_ascii=False),
                json.dumps([[x.url, x.type, x.length] for x in e.enclosures]),
                digest,
                article_id,
            ),
        )
        c.execute("DELETE FROM articles_fts WHERE rowid = ?", (article_id,))
        c.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            (article_id, e.title, e.text),
        )

    def _delete_articles(self, c: sqlite3.Connection, ids: Sequence[int]) -> None:
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            c.execute(f"DELETE FROM articles_fts WHERE rowid IN ({marks})", chunk)
            c.execute(f"DELETE FROM article_topics WHERE article_id IN ({marks})", chunk)
            c.execute(f"DELETE FROM article_state WHERE article_id IN ({marks})", chunk)
            c.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        if ids:
            # Copies of a deleted story in other feeds stand on their own again.
            c.execute(
                "UPDATE articles SET dup_of = NULL WHERE dup_of IS NOT NULL"
                " AND dup_of NOT IN (SELECT id FROM articles)"
            )

    # -- retention ------------------------------------------------------------------------------

    def delete_older_than(self, days: int, now: float | None = None) -> int:
        """Delete articles older than ``days`` (starred ones stay); 0 days keeps everything.

        An article must be both dated and first seen before the cutoff: an old article that a
        feed still lists would otherwise come back as new at the next change of the feed.
        """
        if days <= 0:
            return 0
        cutoff = (now if now is not None else _now()) - days * 86400
        with self.transaction() as c:
            ids = [
                r[0]
                for r in c.execute(
                    "SELECT a.id FROM articles a JOIN article_state s ON s.article_id = a.id"
                    " WHERE a.sort_key < ? AND a.first_seen < ? AND s.starred = 0",
                    (cutoff, cutoff),
                )
            ]
            self._delete_articles(c, ids)
        return len(ids)

    # -- state ----------------------------------------------------------------------------------

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        """Mark articles read or unread (the same story in other feeds follows)."""
        with self.transaction() as c:
            for chunk in _chunks(list(ids), 500):
                marks = ",".join("?" * len(chunk))
                c.execute(
                    f"UPDATE article_state SET read = ? WHERE article_id IN ({marks})"
                    f" OR article_id IN (SELECT id FROM articles WHERE dup_of IN ({marks}))",
                    (int(read), *chunk, *chunk),
                )

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        """Star or unstar an article (starred articles outlive retention)."""
        with self.transaction() as c:
            c.execute(
                "UPDATE article_state SET starred = ? WHERE article_id = ?",
                (int(starred), article_id),
            )

    def mark_all_read(self, query: ArticleQuery = _ALL) -> int:
        """Mark every article that ``query`` lists as read; returns how many changed."""
        where, params = self._where(query, None)
        with self.transaction() as c:
            cur = c.execute(
                f"UPDATE article_state SET read = 1 WHERE read = 0 AND article_id IN"
                f" (SELECT a.id FROM articles a JOIN article_state s ON s.article_id = a.id"
                f"  JOIN feeds f ON f.id = a.feed_id WHERE {where})",
                params,
            )
            return cur.rowcount

    # -- reading --------------------------------------------------------------------------------

    _SELECT = """
        SELECT a.*, f.title AS feed_title, f.url AS feed_url, s.read, s.starred,
               (SELECT group_concat(t.code, ' ') FROM article_topics x
                  JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id) AS topic_codes
        FROM articles a
        JOIN article_state s ON s.article_id = a.id
        JOIN feeds f ON f.id = a.feed_id
    """

    def article(self, article_id: int) -> Article | None:
        """One article by id."""
        row = self._conn.execute(self._SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(
        self, query: ArticleQuery = _ALL, after: Cursor | None = None, limit: int = 50
    ) -> Page:
        """One page of the newest-first listing that ``query`` filters.

        Keyset pagination: the next page starts strictly after ``after`` in (sort key, id)
        order, so page 50 costs what page 1 costs.
        """
        where, params = self._where(query, after)
        try:
            rows = self._conn.execute(
                f"{self._SELECT} WHERE {where} ORDER BY a.sort_key DESC, a.id DESC LIMIT ?",
                (*params, limit + 1),
            ).fetchall()
        except sqlite3.OperationalError as exc:  # should never happen: the query is built safely
            log.error("listing query failed: %s", exc)
            return Page((), None)
        page = tuple(_article(r) for r in rows[:limit])
        cursor = Cursor(page[-1].sort_key, page[-1].id) if len(rows) > limit and page else None
        return Page(page, cursor)

    def _where(self, query: ArticleQuery, after: Cursor | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.feed_id is not None:
            clauses.append("a.feed_id = ?")
            params.append(query.feed_id)
        else:
            clauses.append("a.dup_of IS NULL")
        if query.group is not None:
            clauses.append("f.grp = ?")
            params.append(query.group)
        if query.unread_only:
            clauses.append("s.read = 0")
        if query.starred_only:
            clauses.append("s.starred = 1")
        if query.topics:
            codes = sorted(query.topics)
            clauses.append(
                "EXISTS (SELECT 1 FROM article_topics x JOIN topics t ON t.id = x.topic_id"
                f" WHERE x.article_id = a.id AND t.code IN ({','.join('?' * len(codes))}))"
            )
            params.extend(codes)
        if query.search.strip():
            match = fts.build_match(query.search)
            if match is None:
                clauses.append("0")
            else:
                clauses.append(
                    "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(match)
        if after is not None:
            # A row value lets SQLite seek straight to the cursor in the (sort_key, id) index.
            clauses.append("(a.sort_key, a.id) < (?, ?)")
            params.extend([after.sort_key, after.article_id])
        return " AND ".join(clauses) or "1", params

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        newest_first: bool = False,
        query: ArticleQuery = _ALL,
    ) -> list[Article]:
        """Articles matching ``text``, ranked (bm25, title first, recent first) or newest first,
        each with a highlighted snippet (matches between HIGHLIGHT_START and HIGHLIGHT_END)."""
        match = fts.build_match(text)
        if match is None:
            return []
        where, params = self._where(ArticleQuery(**{**_query_dict(query), "search": ""}), None)
        order = (
            "a.sort_key DESC"
            if newest_first
            else "bm25(articles_fts, 8.0, 1.0) / (1.0 + max(0.0, ? - a.sort_key) / 2592000.0)"
        )
        order_params = [] if newest_first else [_now()]
        sql = f"""
            SELECT a.*, f.title AS feed_title, f.url AS feed_url, s.read, s.starred,
                   (SELECT group_concat(t.code, ' ') FROM article_topics x
                      JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id) AS topic_codes,
                   snippet(articles_fts, 1, '{fts.HIGHLIGHT_START}', '{fts.HIGHLIGHT_END}', '…', 16)
                     AS snippet
            FROM articles_fts
            JOIN articles a ON a.id = articles_fts.rowid
            JOIN article_state s ON s.article_id = a.id
            JOIN feeds f ON f.id = a.feed_id
            WHERE articles_fts MATCH ? AND {where}
            ORDER BY {order} LIMIT ?
        """
        try:
            rows = self._conn.execute(sql, (match, *params, *order_params, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            log.error("search query failed for %r: %s", match, exc)
            return []
        return [_article(r) for r in rows]

    def related(self, article_id: int, limit: int = 5) -> list[Article]:
        """ "In other media": the same story from *other* feeds within ±48 hours.

        The article's most distinctive title words (fewest documents in the index) are searched
        as prefixes; a candidate must share at least two of them (or its only one, for a
        one-word headline), ranked by how many it shares, then by bm25.
        """
        row = self._conn.execute(
            "SELECT feed_id, title, sort_key, story FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return []
        stems = _title_stems(row["title"])
        if not stems:
            return []
        frequency = []
        for stem in stems:
            doc = self._conn.execute(
                "SELECT coalesce(sum(doc), 0) FROM articles_vocab WHERE term >= ? AND term < ?",
                (stem, stem + "\U0010ffff"),
            ).fetchone()[0]
            if doc > 1:  # a word no other article has cannot link stories
                frequency.append((doc, stem))
        chosen = [stem for _doc, stem in sorted(frequency)[:6]]
        needed = 2 if len(chosen) >= 2 else 1
        if not chosen:
            return []
        match = " OR ".join(f'"{s}"*' for s in chosen)
        window = RELATED_WINDOW_HOURS * 3600
        rows = self._conn.execute(
            f"""{self._SELECT.replace("FROM articles a", _FROM_FTS)}
                WHERE articles_fts MATCH ? AND a.feed_id != ? AND a.id != ?
                  AND a.sort_key BETWEEN ? AND ? AND (a.story IS NULL OR a.story != ?)
                ORDER BY bm25(articles_fts, 8.0, 1.0) LIMIT 60""",
            (
                match,
                row["feed_id"],
                article_id,
                row["sort_key"] - window,
                row["sort_key"] + window,
                row["story"] or "",
            ),
        ).fetchall()
        scored = []
        seen_stories: set[str] = set()
        for rank, candidate in enumerate(rows):
            shared = sum(
                1 for s in chosen if any(w.startswith(s) for w in fts.words(candidate["title"]))
            )
            story = candidate["story"] or f"#{candidate['id']}"
            if shared >= needed and story not in seen_stories:
                seen_stories.add(story)
                scored.append((-shared, rank, candidate))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [_article(r) for _s, _r, r in scored[:limit]]

    def count_new(self, since: float, topics: frozenset[str] = frozenset()) -> int:
        """How many stories were first seen at or after ``since`` (in ``topics``, if given)."""
        sql = "SELECT count(*) FROM articles a WHERE a.first_seen >= ? AND a.dup_of IS NULL"
        params: list[Any] = [since]
        if topics:
            codes = sorted(topics)
            sql += (
                " AND EXISTS (SELECT 1 FROM article_topics x JOIN topics t ON t.id = x.topic_id"
                f" WHERE x.article_id = a.id AND t.code IN ({','.join('?' * len(codes))}))"
            )
            params.extend(codes)
        return int(self._conn.execute(sql, params).fetchone()[0])

    def article_count(self) -> int:
        """How many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def topic_counts(self) -> dict[str, int]:
        """How many articles each topic holds."""
        rows = self._conn.execute(
            "SELECT t.code, count(x.article_id) FROM topics t"
            " LEFT JOIN article_topics x ON x.topic_id = t.id GROUP BY t.id"
        )
        return {r[0]: r[1] for r in rows}


# -- helpers -------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """
    a an and are as at be by for from has have in is it its of on or that the to was were
    will with after over new says say said into out up about more than not no yes how why
    what who when
    и в во на с со по к ко о об от до за из у не но а же ли бы что как это то так для при
    над под его ее её их он она они мы вы ты я был была были будет может также уже ещё еще
    после
    """.split()
)


def _title_stems(title: str) -> list[str]:
    stems = []
    for word in fts.words(title):
        if word in _STOPWORDS or len(word) < 3 or word.isdigit():
            continue
        stem = word[: max(4, len(word) - 2)] if len(word) > 5 else word
        if stem not in stems:
            stems.append(stem)
    return stems


def _interval_ok(minutes: object) -> bool:
    return (
        isinstance(minutes, int)
        and not isinstance(minutes, bool)
        and MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES
    )


def _entry_hash(e: ParsedEntry) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for part in (e.title, e.link or "", e.summary_html, e.content_html, e.image or "", e.author):
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\0")
    return h.hexdigest()


def _article(r: sqlite3.Row) -> Article:
    keys = r.keys()
    return Article(
        id=r["id"],
        feed_id=r["feed_id"],
        feed_title=r["feed_title"] or r["feed_url"],
        title=r["title"],
        link=r["link"],
        author=r["author"],
        published=datetime.fromtimestamp(r["published"], UTC),
        utc_offset_minutes=r["utc_offset"],
        date_note=DateNote(r["date_note"]),
        summary_html=r["summary_html"],
        content_html=r["content_html"],
        image=r["image"],
        categories=tuple(json.loads(r["categories"])),
        topics=tuple((r["topic_codes"] or "").split()),
        enclosures=tuple(Enclosure(u, t, n) for u, t, n in json.loads(r["enclosures"])),
        read=bool(r["read"]),
        starred=bool(r["starred"]),
        sort_key=r["sort_key"],
        snippet=r["snippet"] if "snippet" in keys and r["snippet"] else "",
    )


def _query_dict(query: ArticleQuery) -> dict[str, Any]:
    return {f: getattr(query, f) for f in query.__slots__}


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]
