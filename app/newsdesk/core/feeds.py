"""Parse and normalise a fetched feed: RSS 0.9x/1.0/2.0, Atom, RDF and JSON Feed 1.0/1.1.

feedparser reads the XML formats. It is always handed an ``io.BytesIO`` of the body: given
``bytes`` or ``str`` it first tries them as a file name or URL, so a server whose body reads
``/dev/zero`` would make it open that file. Its own sanitiser is switched off; every piece of
HTML goes through :func:`newsdesk.core.html.sanitize` (an allowlist) instead, and every URL
through :mod:`newsdesk.core.links`.

Parsing is CPU-bound pure Python. :func:`parse_job` is the picklable entry point that the
refresh runs in a process pool, so the GUI process's GIL stays free.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser

from newsdesk.core import dates
from newsdesk.core.errors import NotAFeedError
from newsdesk.core.html import plain_title, sanitize, to_text
from newsdesk.core.links import identity_url, is_web_url, safe_link
from newsdesk.core.model import DateNote, Enclosure, ParsedEntry, ParsedFeed

log = logging.getLogger(__name__)

MAX_TEXT = 20_000  # plain text kept per article for search
MAX_CATEGORIES = 20
_FEED_START = re.compile(rb"^\s*(?:<\?xml|<rss|<feed|<rdf:RDF|<RDF|<\?xml-stylesheet|<!--)", re.I)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_FIRST_IMG = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"", re.I)
_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/xml",
    "application/xml",
}
_JSON_TYPES = ("application/feed+json", "application/json")
_MIME_SUFFIX = re.compile(r";.*$")


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A parse that found no feed, as a value (it crosses process boundaries intact)."""

    message: str
    discovered: tuple[str, ...] = ()

    def error(self) -> NotAFeedError:
        """The exception form of this failure."""
        return NotAFeedError(self.message, self.discovered)


def parse_job(
    body: bytes, content_type: str, url: str, fetched_at: datetime, max_entries: int
) -> ParsedFeed | ParseFailure:
    """Parse one feed body; never raises for bad input (runs in a worker process)."""
    try:
        return parse(body, content_type, url, fetched_at, max_entries)
    except NotAFeedError as exc:
        return ParseFailure(str(exc), exc.discovered)


def parse(
    body: bytes,
    content_type: str,
    url: str,
    fetched_at: datetime | None = None,
    max_entries: int = 500,
) -> ParsedFeed:
    """Parse a feed body fetched from ``url``.

    Raises:
        NotAFeedError: the body is an HTML page (with any feeds it links to), empty, or holds no
            feed at all.
    """
    fetched_at = fetched_at or datetime.now(UTC)
    start = body.lstrip()[:2048]
    if not start:
        raise NotAFeedError("The server sent an empty document instead of a feed.")
    mime = _MIME_SUFFIX.sub("", content_type).strip().lower()
    if start[:1] == b"{" or (mime in _JSON_TYPES and start[:1] != b"<"):
        return _parse_json_feed(body, url, fetched_at, max_entries)
    if not _FEED_START.match(start.lstrip(b"\xef\xbb\xbf")) and _HTML_START.search(start):
        links = discover_feeds(body, url)
        raise NotAFeedError("This address serves a web page, not a feed.", links)
    # Some servers put blank lines before the XML declaration, which makes it invalid.
    cleaned = body.lstrip(b" \t\r\n") if body[:1] in b" \t\r\n" else body
    parsed = feedparser.parse(
        io.BytesIO(cleaned),
        response_headers={
            "content-type": content_type or "application/xml",
            "content-location": url,
        },
        sanitize_html=False,
        resolve_relative_uris=True,
    )
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception")
        detail = f" ({_short(reason)})" if reason else ""
        raise NotAFeedError(f"The document is not a feed that can be read{detail}.")
    channel = parsed.get("feed") or {}
    site = safe_link(channel.get("link"), url)
    normalised = _normalise(entries, url, fetched_at, max_entries, _feedparser_fields)
    warning = None
    if parsed.get("bozo") and entries:
        warning = (
            f"The feed is not well-formed ({_short(parsed.get('bozo_exception'))}); "
            f"{len(normalised)} articles were read anyway."
        )
    return ParsedFeed(
        title=plain_title(channel.get("title") or "") or _host_title(url),
        site_url=site,
        format=version or "unknown",
        entries=normalised,
        warning=warning,
    )


# -- one representation for feedparser entries and JSON Feed items -------------------------------


@dataclass(slots=True)
class _Raw:
    guid: str
    link: str
    title: str
    title_is_html: bool
    author: str
    summary: str
    summary_is_html: bool
    content: str
    dates: tuple[str, ...]
    updated: str
    categories: list[str]
    images: list[str]
    enclosures: list[Enclosure]


def _feedparser_fields(entry: Mapping[str, Any]) -> _Raw:
    summary_detail = _get(entry, "summary_detail") or {}
    title_detail = _get(entry, "title_detail") or {}
    contents = _get(entry, "content") or []
    content = ""
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        content = best.get("value") or ""
        if "html" not in (best.get("type") or "text/html"):
            content = _text_to_html(content)
    summary = _get(entry, "summary") or ""
    summary_is_html = "html" in (summary_detail.get("type") or "text/html")
    images: list[str] = []
    thumbnails = _get(entry, "media_thumbnail") or []
    for media in thumbnails + (_get(entry, "media_content") or []):
        href = media.get("url") or ""
        medium = media.get("medium") or ""
        mtype = media.get("type") or ""
        is_image = medium == "image" or mtype.startswith("image/") or "thumbnail" in media
        untyped_thumbnail = not medium and not mtype and media in thumbnails
        if href and (is_image or untyped_thumbnail):
            images.append(href)
    enclosures: list[Enclosure] = []
    for link in _get(entry, "links") or []:
        if link.get("rel") == "enclosure" and link.get("href"):
            length = str(link.get("length") or "")
            enclosures.append(
                Enclosure(
                    link["href"],
                    (link.get("type") or "")[:100],
                    int(length) if length.isdigit() and len(length) < 16 else None,
                )
            )
    categories = [t.get("term") or t.get("label") or "" for t in _get(entry, "tags") or []]
    guid = _get(entry, "id") or _get(entry, "guid") or ""
    return _Raw(
        guid=str(guid),
        link=_get(entry, "link") or "",
        title=_get(entry, "title") or "",
        title_is_html="html" in (title_detail.get("type") or "text/plain"),
        author=_get(entry, "author") or "",
        summary=summary,
        summary_is_html=summary_is_html,
        content=content,
        dates=tuple(
            str(_get(entry, k))
            for k in ("published", "pubdate", "updated", "created")
            if _get(entry, k)
        ),
        updated=str(_get(entry, "updated") or ""),
        categories=categories,
        images=images,
        enclosures=enclosures,
    )


def _get(entry: Mapping[str, Any], key: str) -> Any:
    """A stored value only: feedparser's mapping of ``updated`` to ``published`` and friends
    warns (and is to be removed), so computed keys are never asked for."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _json_fields(item: Mapping[str, Any]) -> _Raw:
    authors = item.get("authors") or (
        [item["author"]] if isinstance(item.get("author"), dict) else []
    )
    author = ", ".join(a.get("name", "") for a in authors if isinstance(a, dict) and a.get("name"))
    content_html = _str(item.get("content_html"))
    content_text = _str(item.get("content_text"))
    summary = _str(item.get("summary"))
    enclosures = [
        Enclosure(
            _str(a.get("url")),
            _str(a.get("mime_type"))[:100],
            a.get("size_in_bytes") if isinstance(a.get("size_in_bytes"), int) else None,
        )
        for a in item.get("attachments") or []
        if isinstance(a, dict) and a.get("url")
    ]
    return _Raw(
        guid=_str(item.get("id")),
        link=_str(item.get("url")) or _str(item.get("external_url")),
        title=_str(item.get("title")),
        title_is_html=False,
        author=author,
        summary=summary,
        summary_is_html=False,
        content=content_html or _text_to_html(content_text),
        dates=tuple(
            d for d in (_str(item.get("date_published")), _str(item.get("date_modified"))) if d
        ),
        updated=_str(item.get("date_modified")),
        categories=[t for t in item.get("tags") or [] if isinstance(t, str)],
        images=[u for u in (_str(item.get("image")), _str(item.get("banner_image"))) if u],
        enclosures=enclosures,
    )


def _parse_json_feed(body: bytes, url: str, fetched_at: datetime, max_entries: int) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotAFeedError(f"The document is not valid JSON ({_short(exc)}).") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in _str(data.get("version")):
        raise NotAFeedError("The JSON document is not a JSON Feed.")
    items = [i for i in data.get("items") or [] if isinstance(i, dict)]
    version = "json" + ("11" if _str(data.get("version")).rstrip("/").endswith("1.1") else "10")
    return ParsedFeed(
        title=plain_title(_str(data.get("title"))) or _host_title(url),
        site_url=safe_link(_str(data.get("home_page_url")), url),
        format=version,
        entries=_normalise(items, url, fetched_at, max_entries, _json_fields),
    )


# -- normalisation -------------------------------------------------------------------------------


def _normalise(
    items: Iterable[Mapping[str, Any]],
    feed_url: str,
    fetched_at: datetime,
    max_entries: int,
    fields: Any,
) -> tuple[ParsedEntry, ...]:
    raws = [fields(item) for item in items]
    guid_counts: dict[str, int] = {}
    for raw in raws:
        if raw.guid:
            guid_counts[raw.guid] = guid_counts.get(raw.guid, 0) + 1
    result: list[ParsedEntry] = []
    seen: set[str] = set()
    for raw in raws:
        entry = _entry(raw, feed_url, fetched_at, use_guid=bool(raw.guid))
        if entry.key in seen:  # the same story twice in one document: keep the first
            continue
        seen.add(entry.key)
        result.append(entry)
    result.sort(key=lambda e: e.published, reverse=True)
    return tuple(result[:max_entries])


def _entry(raw: _Raw, feed_url: str, fetched_at: datetime, use_guid: bool) -> ParsedEntry:
    link = safe_link(raw.link, feed_url)
    if link is None and is_web_url(raw.guid):
        link = raw.guid
    base = link or feed_url
    summary_html = sanitize(
        raw.summary if raw.summary_is_html else _text_to_html(raw.summary), base
    )
    content_html = sanitize(raw.content, base) if raw.content else ""
    if content_html and _same_text(content_html, summary_html):
        content_html = ""
    text = to_text(f"{summary_html} {content_html}", limit=MAX_TEXT)
    title = plain_title(raw.title) if raw.title else ""
    if not title:
        title = text[:120].rsplit(" ", 1)[0] + "…" if len(text) > 120 else text
    published, offset = None, None
    for value in raw.dates:
        found = dates.parse_date(value)
        if found is not None:
            published, offset = found
            break
    # feedparser's own *_parsed values are not used: they read "IST" and "MSK" as UTC and
    # "2020/1/10" as 1 October. A date that is there but unreadable is INVALID, not MISSING.
    when, note = dates.sane_date(published, fetched_at)
    if published is None and raw.dates:
        note = DateNote.INVALID
    if note is not DateNote.OK:
        offset = None
    updated = dates.parse_date(raw.updated) if raw.updated else None
    if use_guid:
        key = "g:" + (identity_url(raw.guid) if is_web_url(raw.guid) else raw.guid.strip())
    elif link:
        key = "l:" + identity_url(link)
    else:
        digest = hashlib.sha1(f"{title}\n{raw.dates[:1]}".encode(), usedforsecurity=False)
        key = "h:" + digest.hexdigest()
    image = next((u for u in (safe_link(i, base) for i in raw.images) if u), None)
    if image is None:
        for enclosure in raw.enclosures:
            if enclosure.type.startswith("image/"):
                image = safe_link(enclosure.url, base)
                if image:
                    break
    if image is None:
        found_img = _FIRST_IMG.search(content_html or summary_html)
        image = safe_link(htmllib.unescape(found_img.group(1)), base) if found_img else None
    enclosures = tuple(
        Enclosure(checked, e.type, e.length)
        for e in raw.enclosures
        if (checked := safe_link(e.url, base))
    )
    categories = tuple(dict.fromkeys(c for c in (plain_title(c) for c in raw.categories) if c))
    return ParsedEntry(
        key=key[:1000],
        title=title or "(untitled)",
        link=link,
        author=plain_title(raw.author)[:200],
        summary_html=summary_html,
        content_html=content_html,
        text=text,
        published=when,
        utc_offset_minutes=offset,
        date_note=note,
        updated=updated[0] if updated else None,
        categories=categories[:MAX_CATEGORIES],
        image=image,
        enclosures=enclosures,
    )


# -- discovery of feeds linked from an HTML page -------------------------------------------------


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = _MIME_SUFFIX.sub("", values.get("type", "")).strip().lower()
        if "alternate" in rels and kind in _FEED_TYPES and values.get("href"):
            self.found.append((kind, values["href"]))


def discover_feeds(page: bytes, base_url: str) -> tuple[str, ...]:
    """Feed URLs that an HTML page announces with ``<link rel="alternate" type=...>``."""
    finder = _LinkFinder()
    try:
        finder.feed(page[:2_000_000].decode("utf-8", "replace"))
        finder.close()
    except AssertionError:  # html.parser's reaction to some broken markup
        pass
    urls = [safe_link(htmllib.unescape(href), base_url) for _kind, href in finder.found]
    return tuple(dict.fromkeys(u for u in urls if u))


# -- helpers -------------------------------------------------------------------------------------


def _text_to_html(text: str) -> str:
    if not text:
        return ""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "".join(
        "<p>" + htmllib.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip()
    )


def _same_text(a: str, b: str) -> bool:
    return to_text(a, limit=2000) == to_text(b, limit=2000)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a feed")


def _short(exc: object) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _host_title(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
