"""The values that travel between the core, the worker and the UI: frozen, picklable, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

#: The group of the main news feeds, and of the "Partner news" panel (what the default
#: subscriptions, the OPML folders and the window use; any other text is a user's own group).
NEWS_GROUP = "News"
PARTNER_GROUP = "Partner news"

#: The bounds of a refresh interval in minutes: a feed's own, and ``refresh.interval_minutes``.
MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 7 * 24 * 60


class DateNote(StrEnum):
    """What was wrong with an article's own date, if anything."""

    OK = ""
    MISSING = "missing"  # the feed gave no date: the first-seen time stands in
    INVALID = "invalid"  # a date that could not be read, or before 1990
    FUTURE = "future"  # later than the fetch time: sorted by the fetch time instead


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file attached to an article (podcast audio, an image)."""

    url: str
    type: str = ""
    length: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One article as read from a feed, normalised and sanitised, before it is stored.

    ``published`` is aware UTC; ``utc_offset_minutes`` is the offset the source wrote (+180 for
    "+0300"), or ``None`` when the source gave no zone.
    """

    key: str
    title: str
    link: str | None
    author: str
    summary_html: str
    content_html: str
    text: str
    published: datetime
    utc_offset_minutes: int | None
    date_note: DateNote
    updated: datetime | None = None
    categories: tuple[str, ...] = ()
    image: str | None = None
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole feed document after parsing."""

    title: str
    site_url: str | None
    format: str
    entries: tuple[ParsedEntry, ...]
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """What :func:`newsdesk.core.net.fetch` got.

    ``status`` is 200 or 304. ``moved_to`` is set only when every redirect hop was permanent
    (301/308) and none went from https down to http.
    """

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    moved_to: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored."""

    id: int
    url: str
    title: str
    site_url: str | None = None
    group: str = ""
    topic: str = ""
    enabled: bool = True
    status: str = "new"  # new | ok | warning | error | gone
    message: str = ""
    last_refresh: datetime | None = None
    last_success: datetime | None = None
    article_count: int = 0
    unread_count: int = 0
    error_count: int = 0
    interval_minutes: int | None = None  # None: the global refresh.interval_minutes


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article, as the list and the article view show it."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    link: str | None
    author: str
    published: datetime
    utc_offset_minutes: int | None
    date_note: DateNote
    summary_html: str
    content_html: str
    image: str | None
    categories: tuple[str, ...]
    topics: tuple[str, ...]
    enclosures: tuple[Enclosure, ...]
    read: bool
    starred: bool
    sort_key: float
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Every filter of the article list, combined: topics, source, state and search text."""

    topics: frozenset[str] = frozenset()
    feed_id: int | None = None
    group: str | None = None
    unread_only: bool = False
    starred_only: bool = False
    search: str = ""


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page of a newest-first listing starts (keyset pagination)."""

    sort_key: float
    article_id: int


@dataclass(frozen=True, slots=True)
class Page:
    """One page of articles and the cursor of the next one (``None`` at the end)."""

    articles: tuple[Article, ...]
    next_cursor: Cursor | None


class Outcome(StrEnum):
    """How one feed's refresh ended."""

    UPDATED = "updated"  # fetched and parsed (new articles or not)
    UNCHANGED = "unchanged"  # 304, or the same bytes as last time
    FAILED = "failed"
    SKIPPED = "skipped"  # waiting out a Retry-After, or disabled


@dataclass(frozen=True, slots=True)
class FeedResult:
    """One feed's refresh result (what the worker emits per feed)."""

    feed_id: int
    url: str
    title: str
    outcome: Outcome
    new_articles: int = 0
    message: str = ""
    error_code: str = ""


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    """A whole refresh pass."""

    results: tuple[FeedResult, ...] = ()
    seconds: float = 0.0
    cancelled: bool = False
    removed_old: int = 0

    def count(self, outcome: Outcome) -> int:
        """How many feeds ended with ``outcome``."""
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def new_articles(self) -> int:
        """New articles over all feeds."""
        return sum(r.new_articles for r in self.results)

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        """The results of the feeds that failed."""
        return tuple(r for r in self.results if r.outcome is Outcome.FAILED)


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic of the taxonomy, with the rules that assign it."""

    code: str
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    enabled: bool = True  # a disabled topic is kept in the file but never assigned

    def name(self, language: str = "en") -> str:
        """The topic's name in ``language``, falling back to English, then the code."""
        return self.names.get(language) or self.names.get("en") or self.code


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What testing a feed address found: the feed's URL (after discovery), title and size.

    ``url`` may differ from what the user typed: a web page's announced feed, or a normalised
    form (``feed://`` → ``https://``).
    """

    url: str
    title: str
    item_count: int
