"""Testing an address the user typed: a feed, or a page announcing one, with its item count."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from newsdesk.core.discover import resolve_feed
from newsdesk.core.errors import CancelledError, FetchError, NotAFeedError, UnsafeUrlError
from newsdesk.core.model import ProbeResult
from newsdesk.core.settings import Settings
from tests.conftest import FIXTURES
from tests.helpers.feedserver import Reply

# SOURCES.md states each real feed's item count (counted when the file was collected): an
# oracle that does not come from the code under test.
_ROW = re.compile(r"^\| `real/([^`]+)` \([^)]*\) \|[^|]*\|[^|]*\| (\d+) \|", re.MULTILINE)
STATED = dict(
    (name, int(count))
    for name, count in _ROW.findall((FIXTURES / "feeds" / "SOURCES.md").read_text("utf-8"))
)
# Items that repeat an earlier one's guid or link count once, as a refresh stores them: CNN's
# 14 re-published stories (SOURCES.md says so), and one repeated link in the AiF file.
REPEATS = {"cnn-topstories-feedburner-rss2.xml": 14, "aif-ru-rss2-yandex-fulltext.xml": 1}


@pytest.fixture
def settings() -> Settings:
    quick = Settings()
    for key, value in {
        "network.read_timeout": "2",
        "network.feed_deadline": "5",
        "network.connect_timeout": "2",
        "network.proxy": "none",
    }.items():
        quick = quick.with_value(key, value)
    return quick


def test_the_fixture_table_lists_every_real_feed(fixtures_dir: Path) -> None:
    assert set(STATED) == {f.name for f in (fixtures_dir / "feeds" / "real").iterdir()}


@pytest.mark.parametrize("name", sorted(STATED))
def test_every_real_feed_is_found_with_its_item_count(feed_server, settings, name) -> None:
    url = feed_server.url(f"/feeds/real/{name}")
    result = resolve_feed(url, settings)
    assert isinstance(result, ProbeResult)
    assert result.url == url
    assert result.title.strip()
    assert result.item_count == STATED[name] - REPEATS.get(name, 0)


def test_the_count_is_capped_like_a_refresh(feed_server, settings) -> None:
    few = settings.with_value("refresh.max_entries_per_feed", "7")
    result = resolve_feed(feed_server.url("/feeds/real/tut-by-news-rss2.xml"), few)
    assert result.item_count == 7


def test_a_page_leads_to_the_feed_it_announces(feed_server, settings) -> None:
    feed = feed_server.url("/feeds/real/lemonde-une-rss2.xml")
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/nothing-here">'
        f'<link rel="alternate" type="application/rss+xml" href="{feed}"></head></html>'
    ).encode()
    url = feed_server.route("/site", lambda seen: Reply(200, page, {"Content-Type": "text/html"}))
    result = resolve_feed(url.replace("http://", "feed:http://"), settings)
    assert result == ProbeResult(
        feed, "Le Monde.fr - Actualités et Infos en France et dans le monde", 21
    )


def test_a_page_without_a_feed_is_not_a_feed(feed_server, settings) -> None:
    url = feed_server.url("/feeds/odd/daringfireball-html-page-instead-of-feed.html")
    # The page announces /feeds/main (relative), which this server does not have.
    with pytest.raises(NotAFeedError, match="none of them could be read|not found"):
        resolve_feed(url, settings)


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("file:///etc/passwd", UnsafeUrlError),
        ("http://127.0.0.1:9/feed", FetchError),
    ],
)
def test_bad_addresses_fail_with_a_message(settings, address, error) -> None:
    with pytest.raises(error) as caught:
        resolve_feed(address, settings)
    assert str(caught.value).endswith(".")


def test_a_set_cancel_stops_before_the_download(feed_server, settings) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        resolve_feed(feed_server.url("/feeds/real/nyt-health-rss2.xml"), settings, cancel=stop)
    assert feed_server.requests == []
