"""Tests for newsdesk.core.opml: real exports, hostile lists, XML bombs, caps, export round trip.

Rows C2 and F1-F2 of notes/security-model.md: only http(s) feeds are imported, commands never
survive, DTDs and entities are refused before anything is expanded or read from disk, and every
cap (size, count, nesting) holds without an exception.
"""

from __future__ import annotations

import logging
import string
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.errors import OpmlError
from newsdesk.core.links import is_web_url, normalize_feed_url
from newsdesk.core.model import Feed
from newsdesk.core.opml import (
    MAX_FEEDS,
    MAX_OPML_BYTES,
    MAX_SKIPPED,
    NAMESPACE,
    OpmlDocument,
    OpmlFeed,
    export_opml,
    parse_opml,
)
from newsdesk.core.resources import resource_path

# --- real exports (shared/fixtures/feeds/opml) ---------------------------------------------------

# file name: (feeds, repaired, groups, document title)
EXPECTED = {
    "antennapod-podcasts.opml": (8, False, {""}, "AntennaPod Subscriptions"),
    "netnewswire-subs.opml": (
        206,  # 207 outlines, one a duplicate (with and without a trailing slash)
        False,
        {"", "Programming", "Macintosh", "Weblogs", "Writers"},
        "Subs",
    ),
    "plenary-russia-news-malformed.opml": (13, True, {"Russia"}, "Export from Plenary"),
    "plenary-world-news-unescaped-amp.opml": (11, True, {"News"}, "Export from Plenary"),
    "rssguard-export-nested.opml": (
        30,
        False,
        {"", "Amis", "Actu Geek", "Graphs", "Religion", "Mainstream update"},
        "RSS Guard",
    ),
}


def read(fixtures_dir: Path, name: str) -> OpmlDocument:
    return parse_opml((fixtures_dir / "feeds" / "opml" / name).read_bytes())


def by_url(document: OpmlDocument) -> dict[str, OpmlFeed]:
    return {feed.url: feed for feed in document.feeds}


def test_every_fixture_imports(fixtures_dir: Path) -> None:
    files = sorted((fixtures_dir / "feeds" / "opml").iterdir())
    assert {f.name for f in files} >= set(EXPECTED)
    for path in files:
        document = parse_opml(path.read_bytes())
        assert document.feeds, path.name
        for feed in document.feeds:
            assert is_web_url(feed.url), (path.name, feed.url)
            assert feed.title and "<" not in feed.title and len(feed.title) <= 300
            assert feed.site_url is None or is_web_url(feed.site_url)
        assert len({feed.url for feed in document.feeds}) == len(document.feeds)
        if path.name in EXPECTED:
            count, repaired, groups, title = EXPECTED[path.name]
            assert len(document.feeds) == count, path.name
            assert document.repaired is repaired, path.name
            assert {feed.group for feed in document.feeds} == groups, path.name
            assert document.title == title


def test_lenient_reader_agrees_with_the_strict_one(fixtures_dir: Path) -> None:
    for path in sorted((fixtures_dir / "feeds" / "opml").iterdir()):
        data = path.read_bytes()
        strict = parse_opml(data)
        # junk after the root element: neither XML parse works, the tag reader has to
        lenient = parse_opml(data + b"\n<junk & more")
        assert lenient.repaired
        assert lenient.feeds == strict.feeds, path.name
        assert lenient.title == strict.title


def test_antennapod_flat_list(fixtures_dir: Path) -> None:
    document = read(fixtures_dir, "antennapod-podcasts.opml")
    assert document.skipped == ()
    night_vale = by_url(document)["http://nightvale.libsyn.com/rss"]
    assert night_vale == OpmlFeed(
        url="http://nightvale.libsyn.com/rss",
        title="Welcome to Night Vale",
        site_url="http://welcometonightvale.com",
    )
    assert document.feeds[0].title == "Alice Isn't Dead"


def test_netnewswire_folders_and_duplicate(fixtures_dir: Path) -> None:
    document = read(fixtures_dir, "netnewswire-subs.opml")
    feeds = by_url(document)
    assert feeds["http://daringfireball.net/feeds/main"].group == ""
    assert feeds["http://daringfireball.net/feeds/main"].site_url == "http://daringfireball.net/"
    # htmlUrl="" is no site address
    assert feeds["http://jvns.ca/atom.xml"].site_url is None
    assert feeds["http://corinnekrych.blogspot.com/feeds/posts/default"].title == "chat & code"
    groups = [feed.group for feed in document.feeds]
    assert groups.count("Programming") == 33
    assert groups.count("Macintosh") == 5
    assert groups.count("Weblogs") == 97
    assert groups.count("Writers") == 3
    # http://feed.katiefloyd.com and .../ normalise to the same address
    assert "http://feed.katiefloyd.com/" in feeds
    assert len(document.skipped) == 1
    assert document.skipped[0].text == "Katie Floyd"
    assert "duplicate" in document.skipped[0].reason


def test_rssguard_export_folders(fixtures_dir: Path) -> None:
    document = read(fixtures_dir, "rssguard-export-nested.opml")
    assert document.skipped == ()
    feeds = by_url(document)
    assert feeds["http://xkcd.com/rss.xml"].group == "Actu Geek"
    assert feeds["https://github.com/jendrikseipp/pogo/releases.atom"].group == "Mainstream update"
    assert feeds["http://www.avrildeperthuis.com/feed/"].group == "Amis"
    lyon = [feed for feed in document.feeds if feed.group == ""]
    assert [feed.title for feed in lyon] == ["Actualités"]
    assert lyon[0].url.startswith(
        "http://www.mairie6.lyon.fr/cs/Satellite?Thematique=&TypeContenu="
    )
    # the folder order of the file is kept
    assert list(dict.fromkeys(feed.group for feed in document.feeds)) == [
        "Amis",
        "Actu Geek",
        "Graphs",
        "Religion",
        "Mainstream update",
        "",
    ]


def test_plenary_bare_ampersand_is_repaired(fixtures_dir: Path) -> None:
    document = read(fixtures_dir, "plenary-world-news-unescaped-amp.opml")
    assert document.repaired
    assert document.skipped == ()
    feeds = by_url(document)
    assert feeds["https://www.yahoo.com/news/rss"].title == "Yahoo News - Latest News & Headlines"
    assert feeds["http://feeds.bbci.co.uk/news/world/rss.xml"].title == "BBC News - World"
    assert feeds["https://rss.nytimes.com/services/xml/rss/nyt/World.xml"].title == (
        "NYT > World News"
    )
    assert {feed.group for feed in document.feeds} == {"News"}


def test_plenary_broken_quotes_are_repaired(fixtures_dir: Path) -> None:
    document = read(fixtures_dir, "plenary-russia-news-malformed.opml")
    assert document.repaired
    assert document.skipped == ()
    feeds = by_url(document)
    assert feeds["http://tass.com/rss/v2.xml"].title == "TASS"
    assert feeds["https://lenta.ru/rss"].title == "Lenta.ru : Новости"
    # text="Газета "Коммерсантъ". Главное": the attribute ends at the inner quote
    assert feeds["https://www.kommersant.ru/RSS/main.xml"].title == "Газета"
    assert feeds["https://www.pravdareport.com/export.xml"].group == "Russia"


# --- hostile outlines (F1, F2) -------------------------------------------------------------------

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Hostile</title></head><body>
<outline text="Pipe" xmlUrl="|~/script"/>
<outline text="Exec" xmlUrl="exec:x"/>
<outline text="Filter" xmlUrl="filter:a:b"/>
<outline text="Passwd" xmlUrl="file:///etc/passwd"/>
<outline text="Script" xmlUrl="javascript:alert(1)"/>
<outline text="Home" xmlUrl="/home/u/f.xml"/>
<outline text="Tilde" xmlUrl="~/x"/>
<outline text="Bad host" xmlUrl="http://&lt;script&gt;/x"/>
<outline text="Bracket" xmlUrl="http://[x/feed"/>
<outline text="Feed scheme" xmlUrl="feed://example.com/rss" category="/economy/banks,/other"/>
<outline text="Feed prefix" xmlUrl="feed:https://example.com/a"/>
<outline text="Filtered" xmlUrl="https://example.com/filtered" filtercmd="rm -rf ~/NDSECRET"/>
<outline text="Filtered command" xmlUrl="|cat /etc/NDSECRET" filtercmd="sh -c NDSECRET"/>
<outline text="Again" xmlUrl="http://EXAMPLE.com/rss"/>
<outline text="&lt;b&gt;x&lt;/b&gt;&lt;img src=file:///x&gt;" xmlUrl="https://example.com/html"/>
<outline xmlUrl="https://untitled.example.org/feed"/>
<outline text="Lower case" type="rss" xmlurl="https://example.com/lower"/>
<outline text="Url attribute" type="rss" url="https://example.com/url"/>
<outline text="A web page" type="link" url="https://example.com/page"/>
<outline text="Empty folder"/>
%s
</body></opml>
"""

HOSTILE_FEEDS = {
    "http://example.com/rss": ("Feed scheme", "economy/banks"),
    "https://example.com/a": ("Feed prefix", ""),
    "https://example.com/filtered": ("Filtered", ""),
    "https://example.com/html": ("x", ""),
    "https://untitled.example.org/feed": ("untitled.example.org", ""),
    "https://example.com/lower": ("Lower case", ""),
    "https://example.com/url": ("Url attribute", ""),
}

HOSTILE_SKIPS = {
    "Pipe": "command",
    "Exec": "exec:",
    "Filter": "filter:",
    "Passwd": "file:",
    "Script": "javascript:",
    "Home": "local file path",
    "Tilde": "local file path",
    "Bad host": "host name",
    "Bracket": "not a valid web address",
    "Filtered": "filtercmd",
    "Filtered command": "command",
    "Again": "duplicate",
}

# The same list read strictly, after escaping a bare "&", and by the tag reader (broken quotes).
VARIANTS = {
    "well-formed": ("", False, {}),
    "bare ampersand": (
        '<outline text="Q & A" xmlUrl="https://example.com/qa?x=1&y=2"/>',
        True,
        {"https://example.com/qa?x=1&y=2": ("Q & A", "")},
    ),
    "broken quotes": (
        '<outline text="Say "hi" now" xmlUrl="https://example.com/hi"/>',
        True,
        {"https://example.com/hi": ("Say", "")},
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_hostile_outlines(variant: str, caplog: pytest.LogCaptureFixture) -> None:
    extra, repaired, extra_feeds = VARIANTS[variant]
    with caplog.at_level(logging.DEBUG):
        document = parse_opml((HOSTILE % extra).encode("utf-8"))
    assert document.repaired is repaired
    assert document.title == "Hostile"
    imported = {feed.url: (feed.title, feed.topic) for feed in document.feeds}
    assert imported == HOSTILE_FEEDS | extra_feeds
    assert {feed.group for feed in document.feeds} == {""}
    reasons = {skip.text: skip.reason for skip in document.skipped}
    assert set(reasons) == set(HOSTILE_SKIPS)
    assert len(document.skipped) == len(HOSTILE_SKIPS)
    for text, word in HOSTILE_SKIPS.items():
        assert word in reasons[text], (text, reasons[text])
    assert "ignored" in reasons["Filtered"] and "imported" in reasons["Filtered"]
    for skip in document.skipped:
        assert skip.reason.endswith(".") and skip.reason.count(". ") == 0, skip.reason
    # what a command attribute said appears nowhere
    assert "NDSECRET" not in repr(document) and "NDSECRET" not in caplog.text


def test_skipped_entries_are_capped() -> None:
    outlines = "".join(
        f'<outline text="c{i}" xmlUrl="exec:c{i}"/>' for i in range(MAX_SKIPPED + 50)
    )
    document = parse_opml(f"<opml><body>{outlines}</body></opml>".encode())
    assert document.feeds == ()
    assert len(document.skipped) == MAX_SKIPPED + 1
    assert document.skipped[-1].text == "50 more outlines"
    assert "50" in document.skipped[-1].reason


# --- XML bombs and external entities (C2) --------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<opml version="2.0"><head><title>&lol9;</title></head><body/></opml>'
)

QUADRATIC = (
    '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "'
    + "A" * 20_000
    + '">]><opml><body><outline text="'
    + "&a;" * 20_000
    + '" xmlUrl="https://example.com/q"/></body></opml>'
)


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        BILLION_LAUGHS.replace("<body/>", "<body>& broken</body>"),
        QUADRATIC,
        '<?xml version="1.0"?><!DOCTYPE opml><opml><body/></opml>',
        '<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd"><opml><body/></opml>',
    ],
    ids=["billion-laughs", "billion-laughs-malformed", "quadratic", "doctype", "external-dtd"],
)
def test_dtd_and_entities_are_refused(data: str) -> None:
    with pytest.raises(OpmlError, match="DTD or entities"):
        parse_opml(data.encode("utf-8"))


@pytest.mark.parametrize(
    "template",
    [
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{uri}">]>'
        '<opml version="2.0"><head><title>&x;</title></head><body>'
        '<outline text="&x;" xmlUrl="https://example.com/&x;"/></body></opml>',
        # not well-formed too: must not reach the lenient reader either
        '<!DOCTYPE opml [<!ENTITY x SYSTEM "{uri}">]><opml><body>'
        '<outline text="&x; & more" xmlUrl="https://example.com/&x;"/></body></opml>',
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY % p SYSTEM "{uri}"> %p;]>'
        '<opml><body><outline text="t" xmlUrl="https://example.com/f"/></body></opml>',
        # no DOCTYPE at all, just a stray ENTITY declaration in broken markup
        '<opml><body><!ENTITY x SYSTEM "{uri}"><outline text="&x;" xmlUrl="a.io/f"></body>',
    ],
    ids=["xxe", "xxe-malformed", "parameter-entity", "stray-entity"],
)
def test_external_entity_never_leaks(
    template: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "NEWSDESK-SECRET-5f2c9e"
    target = tmp_path / "secret.txt"
    target.write_text(secret, encoding="utf-8")
    data = template.replace("{uri}", target.as_uri()).encode("utf-8")
    with caplog.at_level(logging.DEBUG), pytest.raises(OpmlError) as caught:
        parse_opml(data)
    chain = [caught.value, caught.value.__cause__, caught.value.__context__]
    assert all(secret not in str(exc) and secret not in repr(exc) for exc in chain)
    assert secret not in caplog.text


# --- size, count and nesting caps (F2) -----------------------------------------------------------


def test_deep_nesting_is_flattened() -> None:
    depth = 100_000
    data = (
        b'<opml version="2.0"><body><outline text="Deep">'
        + b"<outline>" * depth
        + b'<outline text="Bottom" xmlUrl="https://deep.example.com/f"/>'
        + b"</outline>" * depth
        + b'</outline><outline text="After" xmlUrl="https://example.com/after"/></body></opml>'
    )
    assert len(data) <= MAX_OPML_BYTES
    document = parse_opml(data)
    assert document.feeds == (
        OpmlFeed(url="https://deep.example.com/f", title="Bottom", group="Deep"),
        OpmlFeed(url="https://example.com/after", title="After"),
    )
    assert not document.repaired


def test_deep_nesting_in_broken_markup() -> None:
    depth = 100_000
    data = (
        b'<opml><body><outline text="Deep & broken">'
        + b"<outline>" * depth
        + b'<outline text="Bottom" xmlUrl="https://deep.example.com/f">'  # never closed
        + b"</outline>" * depth
        + b"</body></opml>"
    )
    assert len(data) <= MAX_OPML_BYTES
    # one unclosed tag: neither the strict nor the ampersand-repairing parse can read it
    document = parse_opml(data)
    assert document.repaired
    assert document.feeds == (
        OpmlFeed(url="https://deep.example.com/f", title="Bottom", group="Deep & broken"),
    )


def test_feed_count_is_capped() -> None:
    outlines = b"".join(b'<outline xmlUrl="http://f.io/%d"/>' % i for i in range(50_000))
    data = b'<opml version="2.0"><body>' + outlines + b"</body></opml>"
    assert len(data) <= MAX_OPML_BYTES
    document = parse_opml(data)
    assert len(document.feeds) == MAX_FEEDS
    assert document.feeds[0] == OpmlFeed(url="http://f.io/0", title="f.io")
    assert document.feeds[-1].url == f"http://f.io/{MAX_FEEDS - 1}"
    assert len(document.skipped) == 1
    assert f"{50_000 - MAX_FEEDS}" in document.skipped[0].reason
    assert str(MAX_FEEDS) in document.skipped[0].reason


def test_oversized_input_is_refused() -> None:
    data = b'<opml version="2.0"><body>' + b" " * MAX_OPML_BYTES + b"</body></opml>"
    with pytest.raises(OpmlError, match=r"2\.0 MB"):
        parse_opml(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"  \n ",
        b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        b"<html><body><p>Not found</p></body></html>",
        b"<html><body><p>Not & found</body>",
        b"\x00\xff\xfe garbage",
    ],
    ids=["empty", "blank", "rss", "html", "broken-html", "binary"],
)
def test_not_opml(data: bytes) -> None:
    with pytest.raises(OpmlError):
        parse_opml(data)


def test_empty_body_is_an_empty_list() -> None:
    document = parse_opml(
        b'<opml version="2.0"><head><title> My  list </title></head><body/></opml>'
    )
    assert document == OpmlDocument(title="My list", feeds=(), skipped=(), repaired=False)


def test_encodings() -> None:
    text = '<opml><body><outline text="Новости" xmlUrl="https://пример.рф/rss"/></body></opml>'
    expected = (OpmlFeed(url="https://xn--e1afmkfd.xn--p1ai/rss", title="Новости"),)
    declared = '<?xml version="1.0" encoding="windows-1251"?>' + text
    assert parse_opml(declared.encode("cp1251")).feeds == expected
    assert parse_opml(text.encode("utf-16")).feeds == expected
    assert parse_opml(b"\xef\xbb\xbf" + text.encode("utf-8")).feeds == expected
    # broken and in a declared single-byte encoding: the lenient reader decodes it too
    broken = declared.replace("Новости", "Новости & погода")
    document = parse_opml(broken.encode("cp1251"))
    assert document.repaired
    assert document.feeds[0].title == "Новости & погода"


def test_unknown_encoding_is_read_leniently() -> None:
    data = b'<?xml version="1.0" encoding="UTF-9"?><opml><body><outline text="T" xmlUrl="a.io/f"/>'
    document = parse_opml(data + b"</body></opml>")
    assert document.repaired
    assert document.feeds == (OpmlFeed(url="https://a.io/f", title="T"),)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("junk", [b"<outline ", b"<outline a=", b'<outline text="', b"<a"])
def test_lenient_reader_is_not_quadratic(junk: bytes) -> None:
    # html.parser given the whole document takes hours on this (CVE-2025-6069, Python < 3.13.4)
    head = b'<opml><body><outline text="Kept & well" xmlUrl="https://example.com/kept"/>'
    data = head + junk * ((MAX_OPML_BYTES - len(head)) // len(junk))
    document = parse_opml(data)
    assert document.repaired
    assert document.feeds == (OpmlFeed(url="https://example.com/kept", title="Kept & well"),)


def test_long_and_messy_titles() -> None:
    long_title = "word " * 200
    data = (
        '<opml><body><outline text="Folder&#10; with\tspace"><outline text="'
        + long_title
        + '" xmlUrl="https://example.com/long"/><outline text="  " title="Fallback title" '
        'xmlUrl="https://example.com/fallback"/></outline></body></opml>'
    ).encode()
    long_feed, fallback = parse_opml(data).feeds
    assert len(long_feed.title) == 299 and long_feed.title.startswith("word word")
    assert long_feed.group == "Folder with space"
    assert fallback.title == "Fallback title"


# --- export --------------------------------------------------------------------------------------


def feed(n: int, url: str, title: str, **kw: str | None) -> Feed:
    return Feed(id=n, url=url, title=title, **kw)  # type: ignore[arg-type]


ROUND_TRIP = [
    feed(1, "https://tass.com/rss/v2.xml", "TASS", group="News", site_url="https://tass.com/"),
    feed(2, "https://tass.ru/rss/v2.xml", "ТАСС — «Новости» & комментарии", group="Партнёры"),
    feed(3, "https://example.com/rss?a=1&b=2&c=%D0%90", "Q&A: 1 < 2 > 0", topic="economy"),
    feed(4, "http://example.org/feed", 'He said "hi" & left', group="News", topic="sport"),
    feed(5, "https://xn--e1afmkfd.xn--p1ai/rss", "Пример", group="Партнёры"),
]


def fields(feeds: tuple[OpmlFeed, ...] | list[Feed]) -> list[tuple[str, str, str, str]]:
    return [(f.url, f.title, f.group, f.topic) for f in feeds]


def test_export_round_trip() -> None:
    data = export_opml(ROUND_TRIP)
    document = parse_opml(data)
    assert not document.repaired
    assert document.skipped == ()
    assert document.title == "Newsdesk subscriptions"
    # parse order: folders where they first appeared
    assert sorted(fields(document.feeds)) == sorted(fields(ROUND_TRIP))
    assert by_url(document)["https://tass.com/rss/v2.xml"].site_url == "https://tass.com/"


def test_export_document_shape() -> None:
    data = export_opml(ROUND_TRIP, title="Мои ленты & more")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "Мои ленты".encode() in data  # UTF-8, not character references
    root = SafeET.fromstring(data, forbid_dtd=True)
    assert root.findtext("head/title") == "Мои ленты & more"
    created = parsedate_to_datetime(root.findtext("head/dateCreated"))
    assert isinstance(created, datetime) and created.utcoffset() is not None
    body = root.find("body")
    assert [o.get("text") for o in body] == ["News", "Партнёры", "Q&A: 1 < 2 > 0"]
    news = body[0]
    assert news.get("xmlUrl") is None
    assert [o.attrib for o in news] == [
        {
            "type": "rss",
            "text": "TASS",
            "title": "TASS",
            "xmlUrl": "https://tass.com/rss/v2.xml",
            "htmlUrl": "https://tass.com/",
        },
        {
            "type": "rss",
            "text": 'He said "hi" & left',
            "title": 'He said "hi" & left',
            "xmlUrl": "http://example.org/feed",
            "category": "sport",
        },
    ]


def test_export_drops_characters_xml_cannot_hold() -> None:
    data = export_opml([feed(1, "https://example.com/f", "bell\x07 and\x00 nul")])
    assert parse_opml(data).feeds[0].title == "bell and nul"


def test_export_nothing() -> None:
    document = parse_opml(export_opml([]))
    assert document.feeds == () and document.skipped == ()


_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp"), exclude_characters="<"
    ),
    min_size=1,
    max_size=40,
).map(lambda s: " ".join(s.split()))
_PATH = st.text(alphabet=string.ascii_letters + string.digits + "-._~/&=?%", max_size=30)


@settings(max_examples=100, deadline=None, database=None)
@given(
    rows=st.lists(
        st.tuples(
            _PATH,
            _TEXT,
            st.one_of(st.just(""), _TEXT),
            st.sampled_from(["", "economy", "world", "sport"]),
        ),
        max_size=8,
    )
)
def test_export_round_trip_property(rows: list[tuple[str, str, str, str]]) -> None:
    feeds = [
        # stored subscriptions hold normalised addresses (normalize_feed_url drops a bare "?")
        feed(
            n,
            normalize_feed_url(f"https://example.com/{n}/{path}"),
            title,
            group=group,
            topic=topic,
        )
        for n, (path, title, group, topic) in enumerate(rows)
        if title
    ]
    document = parse_opml(export_opml(feeds))
    assert sorted(fields(document.feeds)) == sorted(fields(feeds))


# --- the shipped default subscriptions -----------------------------------------------------------


def test_default_feeds_resource() -> None:
    document = parse_opml(resource_path("default-feeds.opml").read_bytes())
    assert not document.repaired
    assert document.skipped == ()
    assert list(dict.fromkeys(feed.group for feed in document.feeds)) == ["News", "Partner news"]
    urls = {feed.group: set() for feed in document.feeds}
    for item in document.feeds:
        urls[item.group].add(item.url)
        assert item.url.startswith("https://")
        assert item.site_url is not None and item.site_url.startswith("https://")
        assert item.topic == ""  # none of them is a single-topic feed
    assert urls["News"] == {
        "https://tass.com/rss/v2.xml",
        "https://feeds.bbci.co.uk/news/world/rss.xml",
        "https://www.theguardian.com/world/rss",
        "https://www.aljazeera.com/xml/rss/all.xml",
        "https://feeds.npr.org/1001/rss.xml",
        "https://rss.dw.com/rdf/rss-en-all",
        "https://www.france24.com/en/rss",
        "https://www.euronews.com/rss",
    }
    assert urls["Partner news"] == {
        "https://tass.ru/rss/v2.xml",
        "https://www.interfax.ru/rss.asp",
        "https://www.kommersant.ru/RSS/news.xml",
        "https://rssexport.rbc.ru/rbcnews/news/30/full.rss",
        "https://lenta.ru/rss/news",
        "https://ria.ru/export/rss2/archive/index.xml",
    }
    assert by_url(document)["https://tass.com/rss/v2.xml"].title == "TASS"


# --- a feed's own refresh interval --------------------------------------------------------------


def test_export_round_trip_keeps_the_interval() -> None:
    feeds = [
        replace(feed(1, "https://a.example/rss", "A", group="News"), interval_minutes=15),
        feed(2, "https://b.example/rss", "B"),
    ]
    data = export_opml(feeds)
    root = SafeET.fromstring(data, forbid_dtd=True)
    first = root.find("body")[0][0]
    assert first.get(f"{{{NAMESPACE}}}interval") == "15"
    assert b'xmlns:newsdesk="urn:newsdesk:opml"' in data
    assert [f.interval_minutes for f in parse_opml(data).feeds] == [15, None]
    # Without any interval the document stays plain OPML (no namespace declared).
    assert b"newsdesk:" not in export_opml([feeds[1]])


def test_lenient_reader_keeps_the_interval_too() -> None:
    data = (
        b'<?xml version="1.0"?>\n<opml version="2.0" xmlns:newsdesk="urn:newsdesk:opml"><body>'
        b'<outline text="A "quoted" title" xmlUrl="https://a.example/rss" newsdesk:interval="90"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss" newsdesk:interval="999999"/>'
        b'<outline text="C" xmlUrl="https://c.example/rss" newsdesk:interval="-5"/>'
        + '<outline text="D" xmlUrl="https://d.example/rss" newsdesk:interval="٣٠"/>'.encode()
        + b"</body></opml>"
    )
    document = parse_opml(data)
    assert document.repaired
    assert [(f.url, f.interval_minutes) for f in document.feeds] == [
        ("https://a.example/rss", 90),
        ("https://b.example/rss", None),  # out of bounds: ignored
        ("https://c.example/rss", None),
        ("https://d.example/rss", None),  # Arabic-Indic digits are no number here
    ]
