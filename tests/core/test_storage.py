"""The SQLite store on a real file: upserts, state, paging, filters, search, retention, faults."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.core.errors import NewsdeskError, StorageError
from newsdesk.core.model import (
    PARTNER_GROUP,
    ArticleQuery,
    DateNote,
    Enclosure,
    ParsedEntry,
    ParsedFeed,
)
from newsdesk.core.rates.store import RATES_SCHEMA
from newsdesk.core.storage import _V1, _V2, SCHEMA_VERSION, UNCHANGED, Storage, _statements

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def entry(
    n: int,
    title: str | None = None,
    *,
    hours_ago: float = 0,
    link: str | None = None,
    text: str = "",
    key: str | None = None,
) -> ParsedEntry:
    return ParsedEntry(
        key=key or f"g:{n}",
        title=title or f"Story number {n}",
        link=link if link is not None else f"https://example.com/{n}",
        author="",
        summary_html=f"<p>{text or f'Body of story {n}'}</p>",
        content_html="",
        text=text or f"Body of story {n}",
        published=NOW - timedelta(hours=hours_ago),
        utc_offset_minutes=180,
        date_note=DateNote.OK,
        categories=("World",),
        enclosures=(Enclosure("https://example.com/a.mp3", "audio/mpeg", 10),),
    )


def feed(*entries: ParsedEntry, title: str = "Feed") -> ParsedFeed:
    return ParsedFeed(title=title, site_url="https://example.com/", format="rss20", entries=entries)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with Storage(tmp_path / "db.sqlite3") as s:
        yield s


def test_new_database_has_the_current_schema_and_wal(store):
    assert store.schema_version == SCHEMA_VERSION
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refetching_never_duplicates_and_keeps_state(store):
    fid = store.add_feed("https://example.com/rss")
    first = store.store_feed(fid, feed(entry(1), entry(2)))
    assert len(first.new_ids) == 2
    store.set_read([first.new_ids[0]])
    store.set_starred(first.new_ids[1])
    again = store.store_feed(fid, feed(entry(1), entry(2, "Story number 2, updated"), entry(3)))
    assert len(again.new_ids) == 1 and again.updated == 1
    assert store.article_count() == 3
    one, two = store.article(first.new_ids[0]), store.article(first.new_ids[1])
    assert one is not None and one.read
    assert two is not None and two.starred and two.title == "Story number 2, updated"
    assert [a.title for a in store.search("updated")] == ["Story number 2, updated"]


def test_same_link_in_two_feeds_is_one_story(store):
    a = store.add_feed("https://a.example/rss")
    b = store.add_feed("https://b.example/rss")
    store.store_feed(a, feed(entry(1, link="https://news.example/story")))
    dup = store.store_feed(
        b, feed(entry(9, "Same story elsewhere", link="http://www.news.example/story/"))
    )
    everything = store.articles(ArticleQuery()).articles
    assert len(everything) == 1
    assert len(store.articles(ArticleQuery(feed_id=b)).articles) == 1
    store.set_read([everything[0].id])  # reading it once reads it everywhere
    other = store.article(dup.new_ids[0])
    assert other is not None and other.read


def test_keyset_pages_walk_every_article_once_newest_first(store):
    fid = store.add_feed("https://example.com/rss")
    store.store_feed(fid, feed(*(entry(n, hours_ago=n % 37) for n in range(230))))
    seen, cursor, pages = [], None, 0
    while True:
        page = store.articles(ArticleQuery(), after=cursor, limit=50)
        seen += page.articles
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 5
    assert len({a.id for a in seen}) == 230
    keys = [(a.sort_key, a.id) for a in seen]
    assert keys == sorted(keys, reverse=True)


def test_filters_combine(store):
    news = store.add_feed("https://a.example/rss", group="News")
    partner = store.add_feed("https://b.example/rss", group="Partner news")
    topics = {1: ("sport",), 2: ("politics",), 3: ("sport", "world")}
    store.store_feed(
        news,
        feed(
            entry(1, "Football final", text="cup"),
            entry(2, "Election night", text="vote"),
            entry(3, "Olympic football diplomacy", text="cup"),
        ),
        lambda e: topics[int(e.key[2:])],
    )
    store.store_feed(partner, feed(entry(4, "Football transfer", text="cup")), lambda e: ("sport",))
    titles = lambda q: {a.title for a in store.articles(q).articles}  # noqa: E731
    assert titles(ArticleQuery(topics=frozenset({"sport"}))) == {
        "Football final",
        "Olympic football diplomacy",
        "Football transfer",
    }
    assert titles(ArticleQuery(topics=frozenset({"sport"}), group="News")) == {
        "Football final",
        "Olympic football diplomacy",
    }
    assert titles(ArticleQuery(topics=frozenset({"sport"}), search="olympic")) == {
        "Olympic football diplomacy"
    }
    first = store.articles(ArticleQuery(search="football final")).articles[0]
    store.set_read([first.id])
    assert "Football final" not in titles(ArticleQuery(unread_only=True))
    store.set_starred(first.id)
    assert titles(ArticleQuery(starred_only=True)) == {"Football final"}
    assert store.mark_all_read(ArticleQuery(group="Partner news")) == 1
    assert store.topic_counts()["sport"] == 3


def test_search_is_ranked_with_snippets_and_cyrillic_prefixes(store):
    fid = store.add_feed("https://example.ru/rss")
    store.store_feed(
        fid,
        feed(
            entry(1, "Курс доллара вырос", text="Курс доллара к рублю вырос на торгах"),
            entry(2, "Погода", text="Снег и ветер; о долларе ни слова", hours_ago=1),
            entry(3, "Футбол", text="Матч закончился вничью"),
        ),
    )
    found = store.search("доллар")
    assert [a.title for a in found] == ["Курс доллара вырос", "Погода"]
    assert "\x02" in found[0].snippet and "\x03" in found[0].snippet
    newest = store.search("доллар", newest_first=True)
    assert [a.title for a in newest] == ["Курс доллара вырос", "Погода"]
    assert store.search("USD-RUB") == []


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=60)
    | st.sampled_from(
        [
            "USD-RUB",
            '"abc',
            "AND",
            "C++",
            "NEAR(",
            "'; drop table x;--",
            "%",
            "доллар",
            "a OR",
            "NOT",
            "-x",
            '""',
            "*",
            "(a",
            "title:x",
            "^a",
            "a:b",
            "\x00",
            "OR OR",
            "a NOT b",
        ]
    )
)
def test_search_never_raises_whatever_the_user_types(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "prop.sqlite3"
    with Storage(path) as s:
        if s.feed_count() == 0:
            fid = s.add_feed("https://example.com/rss")
            s.store_feed(fid, feed(entry(1, "USD-RUB rate for C++ fans", text="доллар рубль")))
        s.search(text)
        s.articles(ArticleQuery(search=text))


def test_related_finds_the_same_story_in_other_feeds_within_two_days(store):
    a = store.add_feed("https://a.example/rss")
    b = store.add_feed("https://b.example/rss")
    c = store.add_feed("https://c.example/rss")
    filler = [entry(100 + n, f"Weather report {n} for farmers") for n in range(20)]
    store.store_feed(a, feed(entry(1, "Volcano erupts in Iceland, flights grounded"), *filler))
    store.store_feed(
        b,
        feed(
            entry(2, "Iceland volcano eruption grounds flights", hours_ago=5),
            entry(3, "Iceland wins football match", hours_ago=3),
        ),
    )
    store.store_feed(
        c,
        feed(
            entry(4, "Volcano in Iceland: flights cancelled", hours_ago=72),  # outside the window
            entry(5, "Stock markets rally"),
        ),
    )
    origin = store.articles(ArticleQuery(search="volcano erupts")).articles[0]
    related = store.related(origin.id)
    assert [r.title for r in related] == ["Iceland volcano eruption grounds flights"]
    assert all(r.feed_id != a for r in related)


def test_retention_deletes_old_unstarred_articles_and_their_index(store):
    fid = store.add_feed("https://example.com/rss")
    ids = store.store_feed(
        fid, feed(entry(1, hours_ago=24 * 40), entry(2, hours_ago=24 * 40), entry(3, hours_ago=1))
    ).new_ids
    store.set_starred(ids[1])
    # Nothing goes while it was first seen recently, however old its date.
    assert store.delete_older_than(30, now=NOW.timestamp()) == 0
    store._conn.execute("UPDATE articles SET first_seen = sort_key")  # as if seen when published
    assert store.delete_older_than(30, now=NOW.timestamp()) == 1
    assert store.article_count() == 2
    fts_rows = store._conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts_rows == 2
    assert store.search("story number 1") == [] or all(
        a.id != ids[0] for a in store.search("number")
    )
    assert store.delete_older_than(0) == 0


def test_failure_and_gone_are_recorded_and_articles_kept(store):
    fid = store.add_feed("https://example.com/rss")
    store.store_feed(fid, feed(entry(1)))
    store.record_failure(fid, "The server answered with an error: HTTP 500.")
    f = store.feeds()[0]
    assert f.status == "error" and "500" in f.message and f.article_count == 1 and f.enabled
    store.record_failure(fid, "The feed is gone.", gone=True)
    f = store.feeds()[0]
    assert f.status == "gone" and not f.enabled


def test_permanent_move_needs_confirmations(store):
    fid = store.add_feed("http://old.example/rss")
    assert store.record_move(fid, "https://new.example/rss", 3) is None
    assert store.record_move(fid, "https://new.example/rss", 3) is None
    assert store.record_move(fid, "https://new.example/rss", 3) == "https://new.example/rss"
    assert store.feeds()[0].url == "https://new.example/rss"
    other = store.add_feed("http://flap.example/rss")
    store.record_move(other, "https://a.example/rss", 2)
    store.record_move(other, None, 2)  # the redirect went away: start counting again
    assert store.record_move(other, "https://a.example/rss", 2) is None


def test_migration_from_schema_one_keeps_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statement in _statements(_V1):
        conn.execute(statement)
    conn.execute("INSERT INTO feeds(url, title, added) VALUES ('https://x.example/rss', 'Old', 0)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Storage(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert [f.title for f in s.feeds()] == ["Old"]
        assert s.record_move(s.feeds()[0].id, "https://y.example/rss", 5) is None


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version"):
        Storage(path)
    assert path.read_bytes() == before


def test_garbage_file_is_reported_as_damaged(tmp_path):
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="damaged"):
        Storage(path)


def test_busy_database_gives_a_clear_error_and_loses_nothing(tmp_path, monkeypatch):
    import newsdesk.core.storage as storage_mod

    path = tmp_path / "db.sqlite3"
    with Storage(path) as s:
        fid = s.add_feed("https://example.com/rss")
        s._conn.execute("PRAGMA busy_timeout = 100")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError, match="busy"):
            s.store_feed(fid, feed(entry(1)))
        blocker.execute("ROLLBACK")
        blocker.close()
        s.store_feed(fid, feed(entry(1)))
        assert s.article_count() == 1
    del storage_mod


def test_full_disk_rolls_back_the_whole_feed(tmp_path):
    path = tmp_path / "db.sqlite3"
    with Storage(path) as s:
        fid = s.add_feed("https://example.com/rss")
        pages = s._conn.execute("PRAGMA page_count").fetchone()[0]
        s._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = [replace(entry(n), text="word " * 5000) for n in range(50)]
        with pytest.raises(StorageError, match="full"):
            s.store_feed(fid, feed(*big))
        assert s.article_count() == 0
        assert s.quick_check()


def test_count_new_counts_first_seen_stories_in_followed_topics(store):
    import time

    fid = store.add_feed("https://example.com/rss")
    before = time.time() - 1
    topics = {1: ("sport",), 2: ("politics",), 3: ()}
    store.store_feed(fid, feed(entry(1), entry(2), entry(3)), lambda e: topics[int(e.key[2:])])
    assert store.count_new(before) == 3
    assert store.count_new(before, frozenset({"sport", "politics"})) == 2
    assert store.count_new(time.time() + 10) == 0


# --- schema 4: a feed's own refresh interval, editing a feed ------------------------------------


def _v3_database(path):  # type: ignore[no-untyped-def]
    """A database as Newsdesk with schema 3 left it, built by the old migration steps."""
    conn = sqlite3.connect(path)
    for script in (_V1, _V2, RATES_SCHEMA):
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(
        "INSERT INTO feeds(url, title, grp, etag, last_modified, body_hash, last_refresh, added)"
        " VALUES ('https://x.example/rss', 'Old', 'News', '\"e1\"', 'Mon', 'h1', 1000, 0)"
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_migration_from_schema_three_adds_the_interval(tmp_path):
    path = tmp_path / "v3.sqlite3"
    _v3_database(path)
    with Storage(path) as s:
        assert s.schema_version == SCHEMA_VERSION == 4
        [old] = s.feeds()
        assert (old.title, old.group, old.interval_minutes) == ("Old", "News", None)
        [state] = s.feed_states()
        assert (state.etag, state.last_refresh, state.interval_minutes) == ('"e1"', 1000.0, None)
        s.update_feed(old.id, interval_minutes=15)
        assert s.feeds()[0].interval_minutes == 15
    with Storage(path) as again:  # migrated once: reopening changes nothing
        assert again.schema_version == 4 and again.feeds()[0].interval_minutes == 15


def test_update_feed_changes_only_what_is_given(store):
    fid = store.add_feed("https://a.example/rss", "A", "News", "sport")
    store.update_feed(fid, interval_minutes=45)
    store.update_feed(fid, title="Renamed", group=PARTNER_GROUP)
    [f] = store.feeds()
    assert (f.title, f.group, f.topic, f.enabled, f.interval_minutes) == (
        "Renamed",
        PARTNER_GROUP,
        "sport",
        True,
        45,
    )
    store.update_feed(fid, topic="", enabled=False, interval_minutes=UNCHANGED)
    [f] = store.feeds()
    assert (f.topic, f.enabled, f.interval_minutes) == ("", False, 45)
    store.update_feed(fid, interval_minutes=None)  # back to the global interval
    assert store.feeds()[0].interval_minutes is None
    store.update_feed(fid)  # nothing to change is no error
    assert store.feeds()[0].title == "Renamed"


def test_a_new_url_forgets_the_old_validators(store):
    fid = store.add_feed("https://a.example/rss", "A")
    store.store_feed(fid, feed(entry(1)), etag='"v1"', last_modified="Mon", body_hash="abc")
    store.record_failure(fid, "slow down", retry_after=600)
    store.update_feed(fid, url="https://a.example/feed.xml")
    [state] = store.feed_states()
    assert state.url == "https://a.example/feed.xml"
    assert (state.etag, state.last_modified, state.body_hash, state.retry_after) == (None,) * 4
    assert store.article_count() == 1  # the articles stay
    store.store_feed(fid, feed(entry(2)), etag='"v2"', body_hash="def")
    store.update_feed(fid, url="https://a.example/feed.xml", title="Same URL")
    assert store.feed_states()[0].etag == '"v2"'  # the same URL is no change


def test_update_feed_refuses_a_taken_url_an_unknown_feed_and_a_bad_interval(store):
    a = store.add_feed("https://a.example/rss", "A")
    store.add_feed("https://b.example/rss", "B")
    with pytest.raises(NewsdeskError, match="already subscribed to https://b.example/rss"):
        store.update_feed(a, url="https://b.example/rss", title="Lost")
    with pytest.raises(NewsdeskError, match="no subscription"):
        store.update_feed(9999, title="x")
    for bad in (0, 4, 7 * 24 * 60 + 1, True):
        with pytest.raises(ValueError, match="between 5 and"):
            store.update_feed(a, interval_minutes=bad)
    assert [(f.url, f.title, f.interval_minutes) for f in store.feeds()] == [
        ("https://a.example/rss", "A", None),
        ("https://b.example/rss", "B", None),
    ]


def test_shortest_interval_counts_enabled_feeds_only(store):
    assert store.shortest_interval() is None
    a = store.add_feed("https://a.example/rss")
    b = store.add_feed("https://b.example/rss")
    store.add_feed("https://c.example/rss")
    assert store.shortest_interval() is None
    store.update_feed(a, interval_minutes=120)
    store.update_feed(b, interval_minutes=10)
    assert store.shortest_interval() == 10
    store.update_feed(b, enabled=False)
    assert store.shortest_interval() == 120


def test_add_feeds_takes_an_optional_interval(store):
    added = store.add_feeds(
        [
            ("https://a.example/rss", "A", "", "", 20),
            ("https://b.example/rss", "B", "", ""),
            ("https://c.example/rss", "C", "", "", 1),  # out of bounds: the global one holds
        ]
    )
    assert added == 3
    assert [f.interval_minutes for f in store.feeds()] == [20, None, None]
