"""The `newsdesk` command as a user runs it, against a loopback server and a throw-away profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import __version__
from newsdesk.cli import main
from newsdesk.core.paths import resolve

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *args):  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fast_config(capsys, profile):  # type: ignore[no-untyped-def]
    for key, value in [
        ("network.read_timeout", "1"),
        ("network.feed_deadline", "3"),
        ("refresh.parse_processes", "1"),
    ]:
        assert run(capsys, "--profile", str(profile), "config", key, value)[0] == 0


def test_first_use_is_seeded_with_the_default_subscriptions(capsys, profile):
    code, out, _ = run(capsys, "--profile", str(profile), "feeds", "--json")
    feeds = json.loads(out)
    assert code == 0
    assert "https://tass.com/rss/v2.xml" in {f["url"] for f in feeds}
    assert {f["group"] for f in feeds} == {"News", "Partner news"}
    assert all(f["status"] == "new" and f["last_refresh"] is None for f in feeds)


def test_import_into_a_new_profile_is_not_mixed_with_defaults(capsys, profile, fixtures_dir):
    opml = fixtures_dir / "feeds" / "opml" / "antennapod-podcasts.opml"
    code, out, err = run(capsys, "--profile", str(profile), "import-opml", str(opml))
    assert code == 0 and out.startswith("Imported ")
    _, out, _ = run(capsys, "--profile", str(profile), "feeds", "--json")
    urls = {f["url"] for f in json.loads(out)}
    assert urls and "https://tass.com/rss/v2.xml" not in urls


def test_refresh_feeds_and_search_as_a_user_would(capsys, profile, feed_server, tmp_path):
    guardian = feed_server.url("/feeds/real/guardian-us-rss2.xml")
    oren = feed_server.url("/feeds/real/oren-ru-news-rss2-windows-1251.xml")
    opml = tmp_path / "mine.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        '<outline text="News">'
        f'<outline type="rss" text="Guardian" xmlUrl="{guardian}"/>'
        f'<outline type="rss" text="Oren" xmlUrl="{oren}"/>'
        f'<outline type="rss" text="Dead" xmlUrl="{feed_server.url("/status/500")}"/>'
        "</outline></body></opml>"
    )
    assert run(capsys, "--profile", str(profile), "import-opml", str(opml))[0] == 0
    fast_config(capsys, profile)
    code, out, err = run(capsys, "--profile", str(profile), "refresh")
    assert code == 0
    assert "3 feeds: 2 ok, 0 unchanged, 1 failed; " in out and "new articles" in out
    assert "failed: " in err and "HTTP 500" in err
    code, out, _ = run(capsys, "--profile", str(profile), "refresh")
    assert "1 ok" not in out and "2 unchanged" in out and "; 0 new articles" in out

    code, out, _ = run(capsys, "--profile", str(profile), "feeds")
    assert code == 0 and "News:" in out and "error: " in out and "  Oren\n" in out

    code, out, _ = run(
        capsys, "--profile", str(profile), "search", "Оренбург", "--limit", "3", "--json"
    )
    hits = json.loads(out)
    assert code == 0 and 1 <= len(hits) <= 3
    assert all(h["link"].startswith("http") and h["published"] for h in hits)
    code, out, _ = run(capsys, "--profile", str(profile), "search", "USD-RUB", '"abc', "C++")
    assert code == 0 and out.startswith("Nothing matches")
    code, out, _ = run(capsys, "--profile", str(profile), "search", "Бузулуке")
    assert "Бузулуке" in out and "UTC+6" in out  # the time as the source wrote it


def test_refresh_exits_non_zero_only_when_every_feed_failed(capsys, profile, feed_server):
    assert run(capsys, "--profile", str(profile), "import-opml", os.devnull)[0] == 1  # empty file
    opml = profile / "one.opml"
    opml.write_text(
        f'<opml><body><outline xmlUrl="{feed_server.url("/status/404")}"/></body></opml>'
    )
    run(capsys, "--profile", str(profile), "import-opml", str(opml))
    fast_config(capsys, profile)
    code, out, err = run(capsys, "--profile", str(profile), "refresh")
    assert code == 1 and "1 failed" in out and "404" in err


def test_add_discovers_the_feed_of_a_web_page(capsys, profile, feed_server, fixtures_dir):
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" '
        f'href="{feed_server.url("/feeds/real/lemonde-une-rss2.xml")}"></head><body>hi</body></html>'
    ).encode()
    from tests.helpers.feedserver import Reply

    url = feed_server.route("/page", lambda seen: Reply(200, page, {"Content-Type": "text/html"}))
    code, out, _ = run(capsys, "--profile", str(profile), "add", url, "--group", "News")
    assert code == 0 and "Le Monde" in out
    code, _, err = run(capsys, "--profile", str(profile), "add", "file:///etc/passwd")
    assert code == 1 and "only http and https" in err.lower()
    code, _, err = run(capsys, "--profile", str(profile), "add", feed_server.url("/status/200"))
    assert code == 1 and "not a feed" in err.lower()


def test_remove_unsubscribes_and_updates_the_backup(capsys, profile, feed_server):
    url = feed_server.url("/feeds/real/nyt-health-rss2.xml")
    code, out, _ = run(capsys, "--profile", str(profile), "add", url)
    assert code == 0 and "(id " in out
    backup_file = resolve(profile).subscriptions_backup
    _, listed, _ = run(capsys, "--profile", str(profile), "feeds", "--json")
    assert url in backup_file.read_text()
    code, out, _ = run(capsys, "--profile", str(profile), "remove", url)
    assert code == 0 and "Unsubscribed" in out
    _, after, _ = run(capsys, "--profile", str(profile), "feeds", "--json")
    assert url in listed and url not in after
    assert url not in backup_file.read_text()


def test_export_and_reimport_round_trip(capsys, profile, tmp_path):
    run(capsys, "--profile", str(profile), "feeds")  # seeds the defaults
    target = tmp_path / "out.opml"
    code, out, _ = run(capsys, "--profile", str(profile), "export-opml", str(target))
    assert code == 0 and target.exists()
    other = tmp_path / "other"
    code, out, _ = run(capsys, "--profile", str(other), "import-opml", str(target))
    assert code == 0
    _, a, _ = run(capsys, "--profile", str(profile), "feeds", "--json")
    _, b, _ = run(capsys, "--profile", str(other), "feeds", "--json")
    pick = lambda text: sorted((f["url"], f["group"]) for f in json.loads(text))  # noqa: E731
    assert pick(a) == pick(b)


def test_config_reads_and_sets_dotted_keys(capsys, profile):
    code, out, _ = run(capsys, "--profile", str(profile), "config")
    assert code == 0 and "network.read_timeout = 20.0" in out
    assert (
        run(capsys, "--profile", str(profile), "config", "refresh.interval_minutes", "15")[0] == 0
    )
    assert (
        run(capsys, "--profile", str(profile), "config", "refresh.interval_minutes")[1].strip()
        == "15"
    )
    code, _, err = run(capsys, "--profile", str(profile), "config", "refresh.interval_minutes", "1")
    assert code == 1 and "between 5" in err
    code, _, err = run(capsys, "--profile", str(profile), "config", "no.such")
    assert code == 1 and "no setting" in err


def test_corrupt_settings_are_reported_and_replaced(capsys, profile):
    (profile / "config" / "settings.json").write_text("{ not json")
    code, out, err = run(capsys, "--profile", str(profile), "config", "appearance.theme")
    assert code == 0 and out.strip() == "system"
    assert "damaged" in err and list((profile / "config").glob("settings.corrupt-*"))


def test_damaged_database_is_replaced_and_subscriptions_restored(capsys, profile):
    run(capsys, "--profile", str(profile), "feeds")
    db = profile / "data" / "newsdesk.sqlite3"
    with db.open("r+b") as handle:
        handle.write(b"garbage!" * 16)
    code, out, err = run(capsys, "--profile", str(profile), "feeds", "--json")
    assert code == 0 and "damaged" in err and "restored" in err
    assert "https://tass.com/rss/v2.xml" in {f["url"] for f in json.loads(out)}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import-opml", "/nonexistent/x.opml"], "Cannot read"),
        (["search", "%%%"], "no words"),
        (["remove", "9999"], "no subscription"),
    ],
)
def test_errors_are_one_sentence_without_traceback(profile, args, message):
    env = {**os.environ, "PYTHONPATH": str(REPO / "app")}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_version(profile):
    env = {**os.environ, "PYTHONPATH": str(REPO / "app")}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"newsdesk {__version__}"
