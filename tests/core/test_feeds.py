"""Parsing and normalising real publishers' feeds, broken ones, and hostile ones."""

from __future__ import annotations

import html.parser
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core import feeds
from newsdesk.core.errors import NotAFeedError
from newsdesk.core.links import is_web_url
from newsdesk.core.model import DateNote

FETCHED = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
FEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "feeds"
REAL = sorted((FEEDS_DIR / "real").glob("*"))
ODD = sorted((FEEDS_DIR / "odd").glob("*"))
CONTENT_TYPE = {".json": "application/feed+json", ".html": "text/html"}


def parse_file(path: Path, **kwargs):  # type: ignore[no-untyped-def]
    ctype = CONTENT_TYPE.get(path.suffix, "application/xml")
    return feeds.parse(
        path.read_bytes(), ctype, f"https://example.com/{path.name}", FETCHED, **kwargs
    )


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_every_real_feed_parses_into_clean_articles(path):
    parsed = parse_file(path)
    assert parsed.entries, path.name
    assert parsed.title
    keys = [e.key for e in parsed.entries]
    assert len(keys) == len(set(keys))
    for e in parsed.entries:
        assert e.title.strip()
        assert e.link is None or is_web_url(e.link)
        assert e.image is None or is_web_url(e.image)
        assert all(is_web_url(x.url) for x in e.enclosures)
        assert e.published.tzinfo is not None and e.published <= FETCHED
        assert "  " not in e.text and "\n" not in e.text  # plain text, whitespace collapsed


@pytest.mark.parametrize("path", ODD, ids=lambda p: p.name)
def test_every_odd_file_parses_or_fails_with_a_clear_reason(path):
    try:
        parsed = parse_file(path)
    except NotAFeedError as exc:
        assert str(exc).endswith(".") or "feed" in str(exc)
        return
    assert parsed.entries


def test_real_feed_counts_and_formats():
    by_name = {p.name: parse_file(p) for p in REAL}
    assert len(by_name["daringfireball-jsonfeed-1.0.json"].entries) == 48
    assert by_name["daringfireball-jsonfeed-1.0.json"].format == "json10"
    assert len(by_name["journal-3960-jsonfeed-1.1.json"].entries) == 20
    assert by_name["journal-3960-jsonfeed-1.1.json"].format == "json11"
    assert by_name["heise-rss090-rdf.xml"].format == "rss090"
    assert by_name["slashdot-rss1-rdf-iso8859-1.xml"].format == "rss10"
    assert by_name["youtube-channel-atom.xml"].format == "atom10"
    # CNN re-published 14 stories under the same guid: each is one article.
    assert len(by_name["cnn-topstories-feedburner-rss2.xml"].entries) == 86 - 14


def test_cyrillic_windows_1251_titles_are_decoded():
    oren = parse_file(FEEDS_DIR / "real" / "oren-ru-news-rss2-windows-1251.xml")
    assert oren.title == "Новости Оренбурга и области / Раздел Новости"
    titles = [e.title for e in oren.entries]
    assert "В Бузулуке главные стройплощадки – детсад и Ледовый дворец" in titles
    pikabu = parse_file(FEEDS_DIR / "real" / "pikabu-ru-rss2-windows-1251.xml")
    assert all("\ufffd" not in e.title for e in pikabu.entries)
    assert any(any("а" <= ch <= "я" for ch in e.title) for e in pikabu.entries)


def test_source_utc_offset_is_kept():
    oren = parse_file(FEEDS_DIR / "real" / "oren-ru-news-rss2-windows-1251.xml")
    assert {e.utc_offset_minutes for e in oren.entries} == {360}
    rutube = parse_file(FEEDS_DIR / "real" / "rutube-tnt-mediarss-rss2.xml")
    assert all(e.utc_offset_minutes == 180 and e.date_note is DateNote.OK for e in rutube.entries)


def test_feed_without_dates_uses_the_fetch_time():
    heise = parse_file(FEEDS_DIR / "real" / "heise-rss090-rdf.xml")
    assert all(e.date_note is DateNote.MISSING and e.published == FETCHED for e in heise.entries)


def test_relative_links_are_resolved_against_the_feed():
    gulp = parse_file(FEEDS_DIR / "real" / "github-releases-gulp-atom.xml")
    assert gulp.entries[0].link is not None
    assert gulp.entries[0].link.startswith("https://")


def test_html_page_is_not_a_feed_but_its_feed_link_is_found():
    page = FEEDS_DIR / "odd" / "daringfireball-html-page-instead-of-feed.html"
    with pytest.raises(NotAFeedError, match="web page") as caught:
        feeds.parse(page.read_bytes(), "text/html", "https://daringfireball.net/", FETCHED)
    assert caught.value.discovered == ("https://daringfireball.net/feeds/main",)


@pytest.mark.parametrize(
    "body", [b"/dev/zero", str(FEEDS_DIR / "real" / "nyt-health-rss2.xml").encode()]
)
def test_a_body_that_is_a_path_is_never_opened(body):
    with pytest.raises(NotAFeedError):
        feeds.parse(body, "text/plain", "https://example.com/feed", FETCHED)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"{}",
        b'{"version": "x"}',
        b"<html><body>Login</body></html>",
        b"<rss><channel><item><title>cut",
    ],
)
def test_not_a_feed_bodies(body):
    try:
        parsed = feeds.parse(body, "application/xml", "https://example.com/feed", FETCHED)
    except NotAFeedError:
        return
    # A truncated feed that still yields an entry is kept, with a warning.
    assert parsed.entries and parsed.warning


HOSTILE = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="file:///home/user/"><channel>
<title>&lt;b&gt;Evil&lt;/b&gt; feed</title>
<item><title>&lt;img src=x onerror=alert(1)&gt;Headline</title><link>javascript:alert(1)</link>
<guid isPermaLink="false">one</guid><pubDate>Sat, 28 Nov 2026 10:00:00 MSK</pubDate>
<description><![CDATA[<p onclick="x()">Hi<script>alert(1)</script><img src="file:///dev/zero">
<a href="smb://host/share">smb</a><a href="/relative">rel</a></p>]]></description>
<enclosure url="file:///etc/passwd" type="text/plain" length="1"/>
<enclosure url="https://cdn.example/a.mp3" type="audio/mpeg" length="123"/>
</item>
<item><title>Future</title><link>https://example.com/future</link>
<pubDate>Sat, 28 Nov 2099 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_hostile_item_is_defused():
    parsed = feeds.parse(HOSTILE, "application/rss+xml", "https://example.com/rss", FETCHED)
    evil, future = parsed.entries if parsed.entries[0].title != "Future" else parsed.entries[::-1]
    assert parsed.title == "Evil feed"
    assert evil.link is None
    assert [x.url for x in evil.enclosures] == ["https://cdn.example/a.mp3"]
    assert evil.enclosures[0].length == 123
    walker = _Walker()
    walker.feed(evil.summary_html)
    assert walker.tags <= {"p", "a"}
    assert all(not k.startswith("on") for k, _ in walker.attrs)
    assert all(
        v is None or v.startswith(("http://", "https://"))
        for k, v in walker.attrs
        if k in ("href", "src")
    )
    assert "alert" not in evil.text
    # MSK is UTC+3: 10:00 MSK is 07:00 UTC.
    assert evil.published == datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    assert evil.utc_offset_minutes == 180
    assert future.date_note is DateNote.FUTURE and future.published == FETCHED


def test_entry_cap_keeps_the_newest():
    items = "".join(
        f"<item><title>t{n}</title><link>https://e.example/{n}</link>"
        f"<pubDate>Sat, {n % 28 + 1:02d} Nov 2026 10:00:00 GMT</pubDate></item>"
        for n in range(40)
    )
    body = f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()
    parsed = feeds.parse(body, "application/xml", "https://e.example/rss", FETCHED, max_entries=10)
    assert len(parsed.entries) == 10
    assert sorted(e.published.day for e in parsed.entries) == list(range(19, 29))


def test_json_feed_with_nan_is_refused():
    body = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}
    ).encode()
    assert (
        feeds.parse(body, "application/feed+json", "https://e.example/f.json", FETCHED).entries
        == ()
    )
    with pytest.raises(NotAFeedError):
        feeds.parse(
            b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": NaN}]}',
            "application/json",
            "https://e.example/f.json",
            FETCHED,
        )


class _Walker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss version="2.0"><channel><title>bomb</title>
<item><title>&f;</title><link>https://e.example/1</link></item></channel></rss>"""


def test_xml_bomb_in_a_feed_is_not_expanded():
    try:
        parsed = feeds.parse(BILLION_LAUGHS, "application/xml", "https://e.example/rss", FETCHED)
    except NotAFeedError:
        return
    assert all(len(e.title) < 10_000 and len(e.text) < 10_000 for e in parsed.entries)


def test_external_entity_in_a_feed_never_reads_a_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>a &x; b</title>'
        "<link>https://e.example/1</link><description>&x;</description></item></channel></rss>"
    ).encode()
    try:
        parsed = feeds.parse(body, "application/xml", "https://e.example/rss", FETCHED)
    except NotAFeedError:
        return
    for e in parsed.entries:
        assert "TOP-SECRET" not in e.title + e.text + e.summary_html


@pytest.mark.parametrize(
    "ctype", ["text/plain", "text/html; charset=utf-8", "", "application/json"]
)
def test_wrong_content_type_does_not_stop_a_real_feed(ctype):
    body = (FEEDS_DIR / "real" / "lemonde-une-rss2.xml").read_bytes()
    assert len(feeds.parse(body, ctype, "https://e.example/rss", FETCHED).entries) == 21


def test_no_shell_is_ever_used_by_the_package():
    package = Path(__file__).resolve().parents[2] / "app" / "newsdesk"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for needle in ("shell=True", "os.system(", "os.popen(", "subprocess", "pickle.load"):
            assert needle not in text, f"{needle} in {source}"
        assert not re.search(r"(?<![\w.])(?:eval|exec)\(", text), source
