"""The fetcher against a real loopback server: bounds, redirects, statuses, validators."""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import replace

import pytest
import requests

from newsdesk.core import net
from newsdesk.core.errors import (
    CancelledError,
    FetchError,
    HttpStatusError,
    RedirectError,
    TimeoutFetchError,
    TooLargeError,
)
from newsdesk.core.settings import NetworkSettings
from tests.helpers.proxy_server import VIA, ProxyServer, clear_proxy_environment

FEED = "real/nyt-health-rss2.xml"
TIGHT = net.Limits(
    connect_timeout=2, read_timeout=1, deadline=2, max_bytes=5_000_000, max_redirects=5
)


@pytest.fixture
def session():  # type: ignore[no-untyped-def]
    with net.make_session() as s:
        yield s


def test_plain_fetch_sends_user_agent_and_returns_body_and_validators(
    feed_server, session, fixtures_dir
):
    response = net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert response.status == 200
    assert response.body == (fixtures_dir / "feeds" / FEED).read_bytes()
    assert response.etag and response.last_modified
    assert feed_server.requests[-1].headers["user-agent"].startswith("Newsdesk/")


def test_conditional_get_gives_304_with_exact_validators(feed_server, session):
    first = net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    second = net.fetch(
        session,
        feed_server.url(f"/feeds/{FEED}"),
        limits=TIGHT,
        etag=first.etag,
        last_modified=first.last_modified,
    )
    assert second.status == 304 and second.body == b""
    sent = feed_server.requests[-1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified


def test_drip_server_is_stopped_by_the_deadline(feed_server, session):
    started = time.monotonic()
    with pytest.raises(TimeoutFetchError, match="longer than 2 seconds"):
        net.fetch(session, feed_server.url("/drip"), limits=TIGHT)
    # A read timeout alone would have waited for the 30 s drip; the deadline ends it.
    assert time.monotonic() - started < 15


def test_gzip_bomb_stops_at_the_decoded_cap(feed_server, session):
    limits = net.Limits(max_bytes=5_000_000, deadline=30)
    with pytest.raises(TooLargeError, match="larger than 5 MB"):
        net.fetch(session, feed_server.url("/bomb"), limits=limits)


def test_declared_oversized_body_is_refused(feed_server, session):
    with pytest.raises(TooLargeError):
        net.fetch(session, feed_server.url("/big/6"), limits=TIGHT)


def test_gzip_body_is_decoded(feed_server, session, fixtures_dir):
    response = net.fetch(session, feed_server.url(f"/gzip/{FEED}"), limits=TIGHT)
    assert response.body == (fixtures_dir / "feeds" / FEED).read_bytes()


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirect_reports_the_new_address(feed_server, session, code):
    response = net.fetch(session, feed_server.url(f"/moved/{code}/{FEED}"), limits=TIGHT)
    assert response.status == 200
    assert response.moved_to == feed_server.url(f"/feeds/{FEED}")


def test_temporary_redirect_is_followed_but_not_remembered(feed_server, session):
    response = net.fetch(session, feed_server.url(f"/moved/302/{FEED}"), limits=TIGHT)
    assert response.status == 200 and response.moved_to is None


def test_permanent_then_temporary_is_not_a_move(feed_server, session):
    inner = feed_server.url(f"/moved/302/{FEED}")
    response = net.fetch(session, feed_server.url(f"/to/301?url={inner}"), limits=TIGHT)
    assert response.status == 200 and response.moved_to is None


def test_redirect_loop_and_long_chain_are_refused(feed_server, session):
    with pytest.raises(RedirectError, match="loop"):
        net.fetch(session, feed_server.url("/loop"), limits=TIGHT)
    with pytest.raises(RedirectError, match="more than 5"):
        net.fetch(session, feed_server.url("/chain/6"), limits=TIGHT)
    assert net.fetch(session, feed_server.url("/chain/5"), limits=TIGHT).status == 200


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/feed", "smb://host/x"],
)
def test_redirect_to_a_non_web_address_is_refused(feed_server, session, target):
    with pytest.raises(RedirectError, match="not http or https"):
        net.fetch(session, feed_server.url(f"/to/301?url={target}"), limits=TIGHT)


def test_non_web_url_is_never_requested(session):
    with pytest.raises(RedirectError):
        net.fetch(session, "file:///etc/passwd", limits=TIGHT)


def test_status_errors_are_classified(feed_server, session):
    with pytest.raises(HttpStatusError, match="404") as not_found:
        net.fetch(session, feed_server.url("/status/404"), limits=TIGHT)
    assert not_found.value.status == 404
    with pytest.raises(HttpStatusError, match="gone") as gone:
        net.fetch(session, feed_server.url("/status/410"), limits=TIGHT)
    assert gone.value.status == 410
    with pytest.raises(HttpStatusError, match="500"):
        net.fetch(session, feed_server.url("/status/500"), limits=TIGHT)


def test_retry_after_seconds_is_read(feed_server, session):
    with pytest.raises(HttpStatusError) as caught:
        net.fetch(session, feed_server.url("/retry/120"), limits=TIGHT)
    assert caught.value.status == 429
    assert caught.value.retry_after == 120
    assert "wait 2 minutes" in str(caught.value)


def test_retry_after_forms_are_clamped():
    date = email.utils.formatdate(1_000_000, usegmt=True)
    later = email.utils.formatdate(1_000_000 + 600, usegmt=True)
    assert net.parse_retry_after(later, date) == 600
    assert net.parse_retry_after("999999999") == net.MAX_RETRY_AFTER
    assert net.parse_retry_after(email.utils.formatdate(0, usegmt=True), date) == 0
    assert net.parse_retry_after("soon") is None
    assert net.parse_retry_after(None) is None


def test_dead_server_gives_a_clear_message(session):
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        net.fetch(session, f"http://127.0.0.1:{port}/feed", limits=TIGHT)


def test_silent_server_times_out():
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection into the backlog and never answers
    try:
        with net.make_session() as s, pytest.raises(TimeoutFetchError):
            net.fetch(s, f"http://127.0.0.1:{listener.getsockname()[1]}/", limits=TIGHT)
    finally:
        listener.close()


def test_cancel_stops_a_download(feed_server, session):
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    timer.start()
    try:
        with pytest.raises(CancelledError):
            net.fetch(
                session, feed_server.url("/drip"), limits=net.Limits(deadline=20), cancel=cancel
            )
    finally:
        timer.cancel()


def test_urllib3_is_new_enough_for_bounded_decompression():
    import urllib3

    major, minor = (int(p) for p in urllib3.__version__.split(".")[:2])
    assert (major, minor) >= (2, 7)


def test_connections_are_reused_for_200_and_304(feed_server, session):
    first = net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    for _ in range(3):
        net.fetch(
            session,
            feed_server.url(f"/feeds/{FEED}"),
            limits=TIGHT,
            etag=first.etag,
            last_modified=first.last_modified,
        )
    net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert feed_server.connections == 1


# --- proxies ----------------------------------------------------------------------------------


@pytest.fixture
def proxy(monkeypatch):  # type: ignore[no-untyped-def]
    """A forwarding loopback proxy, with the environment's proxy variables cleared."""
    clear_proxy_environment(monkeypatch)
    server = ProxyServer().start()
    yield server
    server.stop()


def network(**changes: object) -> NetworkSettings:
    return replace(NetworkSettings(), **changes)  # type: ignore[arg-type]


def test_manual_proxy_carries_every_request(feed_server, proxy, fixtures_dir):
    target = feed_server.url(f"/feeds/{FEED}")
    with net.make_session(network(proxy="manual", proxy_url=proxy.url)) as session:
        response = net.fetch(session, target, limits=TIGHT)
    assert response.body == (fixtures_dir / "feeds" / FEED).read_bytes()
    assert [r.target for r in proxy.requests] == [target]  # absolute-form: a proxy request
    assert feed_server.requests[-1].headers.get("via") == VIA


def test_no_proxy_ignores_the_environment(feed_server, proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("http_proxy", proxy.url)
    with net.make_session(network(proxy="none")) as session:
        response = net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert response.status == 200
    assert proxy.requests == []
    assert "via" not in feed_server.requests[-1].headers


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy"])
def test_system_proxy_is_the_environments(feed_server, proxy, monkeypatch, variable):
    monkeypatch.setenv(variable, proxy.url)
    target = feed_server.url(f"/feeds/{FEED}")
    for settings in (network(proxy="system"), None):  # None: the default is "system"
        with net.make_session(settings) as session:
            assert net.fetch(session, target, limits=TIGHT).status == 200
    assert [r.target for r in proxy.requests] == [target, target]


def test_system_proxy_honours_no_proxy(feed_server, proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with net.make_session(network(proxy="system")) as session:
        assert net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT).status == 200
    assert proxy.requests == []
    assert len(feed_server.hits("/feeds/")) == 1


def test_netrc_passwords_are_never_sent(feed_server, monkeypatch, tmp_path):
    clear_proxy_environment(monkeypatch)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    # The file is one requests would read: its own helper finds the password in it.
    assert requests.utils.get_netrc_auth(feed_server.url("/")) == ("reader", "secret")
    for mode in ("system", "none"):
        with net.make_session(network(proxy=mode)) as session:
            net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert len(feed_server.requests) == 2
    assert all("authorization" not in r.headers for r in feed_server.requests)


def test_a_dead_manual_proxy_fails_clearly(feed_server, monkeypatch):
    clear_proxy_environment(monkeypatch)
    with (
        net.make_session(network(proxy="manual", proxy_url="http://127.0.0.1:9")) as session,
        pytest.raises(FetchError, match="Cannot connect"),
    ):
        net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert feed_server.requests == []


# --- Referer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        (
            "https://news.example/a/b?x=1#top",
            "https://news.example/i.png",
            "https://news.example/a/b?x=1",
        ),
        ("https://news.example/a/b", "https://cdn.example/i.png", "https://news.example/"),
        ("http://news.example:8080/a", "http://cdn.example/i.png", "http://news.example:8080/"),
        ("https://news.example/a", "http://news.example/i.png", None),  # no downgrade
        ("https://user:pw@news.example/a", "https://news.example/i.png", None),
        ("javascript:alert(1)", "https://news.example/i.png", None),
        ("", "https://news.example/i.png", None),
    ],
)
def test_referer_is_what_a_browser_sends_by_default(page, target, expected):
    assert net.referer_for(page, target) == expected


def test_fetch_sends_a_referer_only_when_given_one(feed_server, session):
    net.fetch(session, feed_server.url(f"/feeds/{FEED}"), limits=TIGHT)
    assert "referer" not in feed_server.requests[-1].headers
    article = feed_server.url("/articles/1?ref=x")
    net.fetch(session, feed_server.url(f"/moved/302/{FEED}"), limits=TIGHT, referer=article)
    hops = feed_server.requests[-2:]
    assert [h.path for h in hops] == [f"/moved/302/{FEED}", f"/feeds/{FEED}"]
    assert all(h.headers["referer"] == article for h in hops)  # same origin: the whole address
    net.fetch(
        session,
        feed_server.url(f"/feeds/{FEED}"),
        limits=TIGHT,
        referer="https://news.example/story/1",
    )
    assert "referer" not in feed_server.requests[-1].headers  # https page, http picture
    net.fetch(
        session, feed_server.url(f"/plain/{FEED}"), limits=TIGHT, referer="http://news.example/s/1"
    )
    assert feed_server.requests[-1].headers["referer"] == "http://news.example/"
