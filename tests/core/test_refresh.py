"""Whole pipeline against a loopback server: fetch → parse → store → search, and its faults."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.core.model import Outcome
from newsdesk.core.profile import open_profile
from newsdesk.core.refresh import MOVE_CONFIRMATIONS, Refresher
from tests.helpers.feedserver import Reply
from tests.helpers.proxy_server import ProxyServer, clear_proxy_environment

REPO = Path(__file__).resolve().parents[2]


def fast(profile, **changes):  # type: ignore[no-untyped-def]
    """Settings with small limits, parsing in-process unless asked otherwise."""
    settings = profile.settings
    for key, value in {
        "network.read_timeout": "1",
        "network.feed_deadline": "3",
        "network.connect_timeout": "2",
        "refresh.parse_processes": "1",
        **changes,
    }.items():
        settings = settings.with_value(key, value)
    profile.save_settings(settings)
    return profile


def subscribe(profile, urls):  # type: ignore[no-untyped-def]
    return [profile.storage.add_feed(u) for u in urls]


def test_every_fixture_goes_through_the_whole_pipeline(feed_server, fixtures_dir, profile):
    files = sorted((fixtures_dir / "feeds").glob("real/*")) + sorted(
        (fixtures_dir / "feeds").glob("odd/*")
    )
    with open_profile(profile, seed_defaults=False) as p:
        fast(p, **{"refresh.parse_processes": "2"})
        subscribe(p, [feed_server.url(f"/feeds/{f.parent.name}/{f.name}") for f in files])
        with Refresher(p.storage, p.settings, p.taxonomy) as refresher:
            first = refresher.run()
            second = refresher.run()
        outcome = {r.url.rsplit("/", 1)[-1]: r for r in first.results}
        assert len(first.results) == len(files)
        for f in files:
            if f.parent.name == "real":
                assert outcome[f.name].outcome is Outcome.UPDATED, outcome[f.name]
                assert outcome[f.name].new_articles > 0
        failed = {name for name, r in outcome.items() if r.outcome is Outcome.FAILED}
        assert failed <= {
            "daringfireball-html-page-instead-of-feed.html",
            "reuters-mostread-truncated.xml",
        }
        assert all(outcome[name].message for name in failed)
        # Everything unchanged the second time: 304s, nothing parsed, nothing new.
        assert second.new_articles == 0
        assert {r.outcome for r in second.results} <= {Outcome.UNCHANGED, Outcome.FAILED}
        assert second.count(Outcome.UNCHANGED) == len(files) - len(failed)
        assert p.storage.article_count() == first.new_articles
        assert p.storage.search("Оренбург")
        assert p.storage.search("football") or p.storage.search("guardian")
        assert p.storage.quick_check()
        feeds = {f.url.rsplit("/", 1)[-1]: f for f in p.storage.feeds()}
        assert (
            feeds["oren-ru-news-rss2-windows-1251.xml"].title
            == "Новости Оренбурга и области / Раздел Новости"
        )
        # Topics: a reasonable share of the stored articles got at least one.
        counts = p.storage.topic_counts()
        assert sum(counts.values()) > p.storage.article_count() * 0.2


def test_unchanged_body_without_validators_is_not_parsed_again(feed_server, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fast(p)
        subscribe(p, [feed_server.url("/plain/real/guardian-us-rss2.xml")])
        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            assert r.run().results[0].outcome is Outcome.UPDATED
            assert r.run().results[0].outcome is Outcome.UNCHANGED
        assert "if-none-match" not in feed_server.requests[-1].headers


def test_failures_are_per_feed_and_kept_apart(feed_server, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fast(p)
        ok, broken, gone, slow, limited, missing = subscribe(
            p,
            [
                feed_server.url("/feeds/real/nyt-health-rss2.xml"),
                feed_server.url("/status/500"),
                feed_server.url("/status/410"),
                feed_server.url("/drip"),
                feed_server.url("/retry/3600"),
                feed_server.url("/status/404"),
            ],
        )
        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            first = r.run()
            by_id = {res.feed_id: res for res in first.results}
            assert by_id[ok].outcome is Outcome.UPDATED
            assert {by_id[i].outcome for i in (broken, gone, slow, limited, missing)} == {
                Outcome.FAILED
            }
            assert by_id[slow].error_code == "timeout"
            assert "410" in by_id[gone].message
            hits_before = len(feed_server.requests)
            second = r.run()
        by_id = {res.feed_id: res for res in second.results}
        assert gone not in by_id  # disabled: never asked again
        assert by_id[limited].outcome is Outcome.SKIPPED
        asked = [s.path for s in feed_server.requests[hits_before:]]
        assert "/retry/3600" not in asked and "/status/410" not in asked
        statuses = {f.id: f for f in p.storage.feeds()}
        assert statuses[gone].status == "gone" and not statuses[gone].enabled
        assert statuses[broken].status == "error" and statuses[ok].status == "ok"


def test_earlier_articles_of_a_failing_feed_are_kept(feed_server, profile):
    state = {"status": 200}
    body = (REPO.parent / "shared/fixtures/feeds/real/lemonde-une-rss2.xml").read_bytes()
    url = feed_server.route(
        "/flaky", lambda seen: Reply(state["status"], body if state["status"] == 200 else b"")
    )
    with open_profile(profile, seed_defaults=False) as p:
        fast(p)
        (fid,) = subscribe(p, [url])
        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            stored = r.run().new_articles
            state["status"] = 500
            assert r.run().results[0].outcome is Outcome.FAILED
        feed = p.storage.feeds()[0]
        assert stored == 21 and feed.article_count == 21 and feed.status == "error"


def test_permanent_redirect_moves_the_subscription_after_confirmations(feed_server, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fast(p)
        subscribe(p, [feed_server.url("/moved/301/real/nyt-health-rss2.xml")])
        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            for _ in range(MOVE_CONFIRMATIONS):
                r.run()
        assert p.storage.feeds()[0].url == feed_server.url("/feeds/real/nyt-health-rss2.xml")


def test_cancel_stops_between_feeds(feed_server, profile):
    import threading

    with open_profile(profile, seed_defaults=False) as p:
        fast(p, **{"network.max_connections": "1"})
        subscribe(p, [feed_server.url(f"/feeds/real/nyt-health-rss2.xml?{n}") for n in range(10)])
        cancel = threading.Event()
        done = []

        def progress(n, total, result):  # type: ignore[no-untyped-def]
            done.append(n)
            cancel.set()

        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            summary = r.run(progress=progress, cancel=cancel)
        assert summary.cancelled and len(summary.results) < 10


@pytest.mark.slow
def test_sigkill_mid_refresh_leaves_a_sound_database(feed_server, profile):
    body = (REPO.parent / "shared/fixtures/feeds/real/guardian-us-rss2.xml").read_bytes()

    def slow(seen):  # type: ignore[no-untyped-def]
        time.sleep(0.15)
        return Reply(200, body, {"Content-Type": "application/xml"})

    urls = [feed_server.route(f"/slow/{n}", slow) for n in range(60)]
    with open_profile(profile, seed_defaults=False) as p:
        fast(p, **{"network.max_connections": "2"})
        subscribe(p, urls)
        db = p.paths.database_file
    env = {**os.environ, "PYTHONPATH": str(REPO / "app")}
    child = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--profile", str(profile), "refresh"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        seen_before = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and seen_before < 200:
            time.sleep(0.1)
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                seen_before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert child.poll() is None, "the refresh ended before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    finally:
        conn.close()
    assert after >= seen_before >= 200
    assert fts == after


def test_a_due_only_pass_takes_the_feeds_whose_interval_ran_out(feed_server, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fast(p, **{"refresh.interval_minutes": "30"})
        default, quick, slow, off = subscribe(
            p, [feed_server.url(f"/feeds/real/nyt-health-rss2.xml?{n}") for n in range(4)]
        )
        p.storage.update_feed(quick, interval_minutes=10)
        p.storage.update_feed(slow, interval_minutes=120)
        p.storage.update_feed(off, interval_minutes=5, enabled=False)
        offset = [0.0]
        with Refresher(
            p.storage, p.settings, p.taxonomy, clock=lambda: time.time() + offset[0]
        ) as r:

            def due(minutes: float) -> set[int]:
                offset[0] = minutes * 60
                planned = {s.id for s in r.select(due_only=True)}
                hits = len(feed_server.requests)
                summary = r.run(due_only=True)
                assert {res.feed_id for res in summary.results} == planned
                assert len(feed_server.requests) - hits == len(planned)  # nothing else asked
                return planned

            assert due(0) == {default, quick, slow}  # never refreshed: all due, not the disabled
            assert due(1) == set()
            assert due(11) == {quick}
            assert due(30 - 0.4) == {default, quick}  # 24 s early is within the slack
            assert due(121) == {default, quick, slow}
            offset[0] = 0
            assert len(r.run().results) == 3  # an unscheduled pass takes every enabled feed
            assert {res.feed_id for res in r.run([off]).results} == {off}  # asked for by id


def test_new_settings_apply_to_the_next_pass(feed_server, profile, monkeypatch):
    clear_proxy_environment(monkeypatch)
    first, second = ProxyServer().start(), ProxyServer().start()
    try:
        with open_profile(profile, seed_defaults=False) as p:
            fast(p, **{"network.proxy_url": first.url, "network.proxy": "manual"})
            (fid,) = subscribe(p, [feed_server.url("/plain/real/nyt-health-rss2.xml")])
            with Refresher(p.storage, p.settings, p.taxonomy) as r:
                assert r.run().results[0].outcome is Outcome.UPDATED
                assert len(first.requests) == 1
                r.settings = p.settings.with_value("network.proxy_url", second.url)
                r.run()
                assert (len(first.requests), len(second.requests)) == (1, 1)
                r.settings = r.settings.with_value("network.proxy", "none")
                r.run()
                assert (len(first.requests), len(second.requests)) == (1, 1)
                assert len(feed_server.requests) == 3
                assert "via" not in feed_server.requests[-1].headers
    finally:
        first.stop()
        second.stop()


def test_a_new_pool_size_restarts_the_parsing_pool(feed_server, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fast(p, **{"refresh.parse_processes": "2"})
        subscribe(p, [feed_server.url(f"/plain/real/nyt-health-rss2.xml?{n}") for n in range(3)])
        with Refresher(p.storage, p.settings, p.taxonomy) as r:
            assert r.run().count(Outcome.UPDATED) == 3
            pool = r._pool
            assert pool is not None
            r.settings = r.settings.with_value("network.read_timeout", "2")
            assert r._pool is pool  # the same size: kept
            r.settings = r.settings.with_value("refresh.parse_processes", "1")
            assert r._pool is None  # stopped; the next pass parses in-process
            assert r.run(force=True).count(Outcome.UNCHANGED) == 3
