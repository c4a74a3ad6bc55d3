"""The profile as the settings dialog uses it: editing feeds and topics, on real files."""

from __future__ import annotations

import dataclasses

import pytest

from newsdesk.core import opml
from newsdesk.core.errors import NewsdeskError, UnsafeUrlError
from newsdesk.core.model import PARTNER_GROUP, Topic
from newsdesk.core.profile import open_profile
from newsdesk.core.storage import UNCHANGED
from newsdesk.core.topics import load_taxonomy


def backup(p):  # type: ignore[no-untyped-def]
    """The subscriptions backup beside the database, read back."""
    return {f.url: f for f in opml.parse_opml(p.paths.subscriptions_backup.read_bytes()).feeds}


def test_update_feed_normalises_the_url_and_backs_up(profile):
    with open_profile(profile, seed_defaults=False) as p:
        fid = p.add_feed("https://a.example/rss", "A", "News")
        p.update_feed(
            fid,
            url="feed:https://A.Example/atom",
            title="A, renamed",
            group=PARTNER_GROUP,
            interval_minutes=20,
        )
        [f] = p.storage.feeds()
        assert (f.url, f.title, f.group, f.interval_minutes) == (
            "https://a.example/atom",
            "A, renamed",
            PARTNER_GROUP,
            20,
        )
        saved = backup(p)["https://a.example/atom"]
        assert (saved.title, saved.group, saved.interval_minutes) == (
            "A, renamed",
            PARTNER_GROUP,
            20,
        )
        p.update_feed(fid, enabled=False, interval_minutes=UNCHANGED)
        assert p.storage.feeds()[0].interval_minutes == 20
        p.update_feed(fid, interval_minutes=None)
        assert backup(p)["https://a.example/atom"].interval_minutes is None


def test_update_feed_refuses_unsafe_and_taken_urls(profile):
    with open_profile(profile, seed_defaults=False) as p:
        a = p.add_feed("https://a.example/rss")
        p.add_feed("https://b.example/rss")
        for bad in ("file:///etc/passwd", "javascript:alert(1)", "https://user:pw@a.example/"):
            with pytest.raises(UnsafeUrlError):
                p.update_feed(a, url=bad)
        with pytest.raises(NewsdeskError, match="already subscribed"):
            p.update_feed(a, url="HTTPS://B.example/rss")  # the same address, normalised
        assert [f.url for f in p.storage.feeds()] == [
            "https://a.example/rss",
            "https://b.example/rss",
        ]


def test_remove_feed_removes_and_backs_up(profile):
    with open_profile(profile, seed_defaults=False) as p:
        a = p.add_feed("https://a.example/rss")
        p.add_feed("https://b.example/rss")
        assert p.remove_feed(a) is True
        assert p.remove_feed(a) is False
        assert list(backup(p)) == ["https://b.example/rss"]


def test_intervals_survive_a_lost_database(profile):
    with open_profile(profile, seed_defaults=False) as p:
        fid = p.add_feed("https://a.example/rss")
        p.update_feed(fid, interval_minutes=240)
        database = p.paths.database_file
    database.write_bytes(b"not a database" * 100)
    with open_profile(profile, seed_defaults=False) as p:
        assert any("restored" in w for w in p.warnings)
        assert [(f.url, f.interval_minutes) for f in p.storage.feeds()] == [
            ("https://a.example/rss", 240)
        ]


def test_import_opml_keeps_intervals(profile):
    data = (
        b'<opml version="2.0" xmlns:newsdesk="urn:newsdesk:opml"><body>'
        b'<outline text="A" xmlUrl="https://a.example/rss" newsdesk:interval="15"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss"/></body></opml>'
    )
    with open_profile(profile, seed_defaults=False) as p:
        assert p.import_opml(data).added == 2
        assert [f.interval_minutes for f in p.storage.feeds()] == [15, None]
        assert p.storage.shortest_interval() == 15


def test_save_taxonomy_writes_adopts_and_reloads(profile):
    with open_profile(profile, seed_defaults=False) as p:
        topics = [dataclasses.replace(t, enabled=t.code != "sport") for t in p.taxonomy.topics]
        topics.append(Topic("cats", {"en": "Cats", "ru": "Кошки"}, ("cats",), ("кошк", "kitten$")))
        saved = p.save_taxonomy(topics)
        assert p.taxonomy is saved
        assert saved.codes()[-1] == "cats"
        assert "sport" not in [t.code for t in saved.enabled_topics()]
        assert "cats" in saved.classify("Кошки захватили интернет", "")
        assert "sport" not in saved.classify("Футбол: финал кубка", "", ("sport",))
        written = p.paths.topics_file.read_bytes()
        leftovers = [f for f in p.paths.topics_file.parent.iterdir() if f.name.endswith(".tmp")]
        assert leftovers == []
    again = load_taxonomy(p.paths.topics_file)
    assert again.warning is None and again.topics == saved.topics
    assert [t.enabled for t in again.topics] == [t.enabled for t in saved.topics]
    with open_profile(profile, seed_defaults=False) as reopened:
        assert reopened.taxonomy.codes() == saved.codes()
    assert p.paths.topics_file.read_bytes() == written


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        ([], "at least one"),
        ([Topic("a", {"en": "A"}, keywords=("*war",))], "start with a letter"),
        ([Topic("a", {"en": "A"}), Topic("a", {"en": "B"})], "used twice"),
    ],
)
def test_save_taxonomy_refuses_invalid_topics_and_keeps_the_file(profile, topics, message):
    with open_profile(profile, seed_defaults=False) as p:
        before = p.taxonomy
        p.save_taxonomy([Topic("keep", {"en": "Keep"}, keywords=("keep",))])
        written = p.paths.topics_file.read_bytes()
        with pytest.raises(ValueError, match=message):
            p.save_taxonomy(topics)
        assert p.paths.topics_file.read_bytes() == written
        assert p.taxonomy.codes() == ("keep",) and p.taxonomy is not before
