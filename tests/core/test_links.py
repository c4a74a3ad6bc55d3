"""The URL policy: what may be stored, fetched or opened."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.errors import UnsafeUrlError
from newsdesk.core.links import (
    identity_url,
    is_web_url,
    normalize_feed_url,
    openable,
    safe_link,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://example.com/rss", "https://example.com/rss"),
        ("  HTTPS://Example.COM  ", "https://example.com/"),
        ("feed:https://example.com/a", "https://example.com/a"),
        ("feed://example.com/rss", "http://example.com/rss"),
        ("example.com/rss", "https://example.com/rss"),
        ("//cdn.example/feed", "https://cdn.example/feed"),
        ("localhost:8080/rss", "https://localhost:8080/rss"),
        ("http://127.0.0.1:5000/a b", "http://127.0.0.1:5000/a%20b"),
        ("http://[::1]:8080/f", "http://[::1]:8080/f"),
        ("пример.рф/rss", "https://xn--e1afmkfd.xn--p1ai/rss"),
        ("https://example.com/rss#top", "https://example.com/rss"),
    ],
)
def test_addresses_people_type_are_normalised(typed, expected):
    assert normalize_feed_url(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "smb://host/share",
        "ftp://x.example/f",
        "data:text/html,x",
        "exec:ls",
        "filter:a:b",
        "|~/script",
        "~/feed.xml",
        "./x.xml",
        "/home/u/feed.xml",
        "\\\\server\\share",
        "http://user:pw@example.com/",
        "http://<script>/",
        "a b.com",
        "http://[x/feed",
        "ms-settings:privacy",
    ],
)
def test_unsafe_or_broken_addresses_are_refused(typed):
    with pytest.raises(UnsafeUrlError):
        normalize_feed_url(typed)


def test_safe_link_resolves_only_against_web_bases():
    assert safe_link("/x", "https://a.example/b/c") == "https://a.example/x"
    assert safe_link("../x.png", "file:///tmp/a/") is None
    assert safe_link("javascript:alert(1)", "https://a.example/") is None
    assert safe_link("https://u:p@a.example/", None) is None
    assert safe_link("  https://a.example/x  ") == "https://a.example/x"
    assert safe_link(None) is None


def test_identity_ignores_scheme_www_and_trailing_slash_but_not_fragments():
    assert identity_url("http://www.news.example/story/") == identity_url(
        "https://news.example/story"
    )
    assert identity_url("https://n.example/e.php#9") != identity_url("https://n.example/e.php#10")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_normalize_never_raises_anything_but_unsafe_url(text):
    try:
        url = normalize_feed_url(text)
    except UnsafeUrlError:
        return
    assert is_web_url(url)


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://a.example/x", None, "https://a.example/x"),
        ("/story", "https://news.example/a/b", "https://news.example/story"),
        ("mailto:desk@news.example", None, "mailto:desk@news.example"),
        ("mailto:", None, None),
        ("file:///etc/passwd", "https://a.example/", None),
        ("smb://host/share", None, None),
        ("javascript:alert(1)", None, None),
        ("data:text/html,x", None, None),
        ("ms-settings:privacy", None, None),
        ("qrc:/icons/x.svg", None, None),
        ("//evil.example/x", None, None),
        ("relative.html", "file:///home/user/", None),
        ("https://u:p@a.example/", None, None),
    ],
)
def test_only_web_and_mail_links_may_be_opened(url, base, expected):
    assert openable(url, base) == expected


def test_mailto_can_be_refused():
    assert openable("mailto:a@b.example", allow_mailto=False) is None
