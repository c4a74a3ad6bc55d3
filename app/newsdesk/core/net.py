"""The only place that talks HTTP: bounded, polite, and strict about where it goes.

Every download goes through :func:`fetch`, which enforces:

* connect and read timeouts per socket operation *and* a wall-clock deadline for the whole
  request (a read timeout alone never fires on a server that drips a byte every half second);
* a cap on *decoded* bytes, so a 1 MB gzip that inflates to 1 GB stops at the cap;
* redirects followed by hand: at most N hops, http(s) targets only, never from https down to
  http, and a "moved permanently" result only when every hop was 301/308;
* conditional GET with the stored ETag and Last-Modified, sent back exactly as received;
* ``Retry-After`` on 429/503 read in both of its forms and clamped.

Proxies follow ``network.proxy`` (:func:`make_session`). A session never trusts the environment
wholesale (``trust_env`` is off), because requests would then also read ``~/.netrc`` and send
its passwords as ``Authorization`` to any feed host it names.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

from newsdesk import __version__
from newsdesk.core.errors import (
    CancelledError,
    FetchError,
    HttpStatusError,
    RedirectError,
    TimeoutFetchError,
    TlsError,
    TooLargeError,
)
from newsdesk.core.links import is_web_url
from newsdesk.core.model import FetchResponse
from newsdesk.core.settings import NetworkSettings

if TYPE_CHECKING:
    from requests.sessions import _Settings  # the stubs' name of the returned TypedDict

log = logging.getLogger(__name__)

USER_AGENT = f"Newsdesk/{__version__} (desktop news reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
CHUNK = 64 * 1024
MAX_RETRY_AFTER = 24 * 3600.0
_PERMANENT = frozenset({301, 308})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Limits:
    """Time and size bounds of one request."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5

    @classmethod
    def for_feeds(cls, settings: NetworkSettings) -> Limits:
        """The limits the settings give for feed downloads."""
        return cls(
            settings.connect_timeout,
            settings.read_timeout,
            settings.feed_deadline,
            settings.max_feed_bytes,
            settings.max_redirects,
        )


class _Session(requests.Session):
    """A session that never reads ``~/.netrc``, and reads the environment's proxies if told."""

    def __init__(self, system_proxy: bool) -> None:
        super().__init__()
        # Off: requests would otherwise add ~/.netrc passwords as Authorization headers.
        self.trust_env = False
        self._system_proxy = system_proxy

    def merge_environment_settings(
        self,
        url: Any,
        proxies: Any,
        stream: Any,
        verify: Any,
        cert: Any,
    ) -> _Settings:
        """The proxy of the environment (``HTTP(S)_PROXY``, ``NO_PROXY``, or the platform's
        settings) and its CA bundle, for ``url``; what requests' ``trust_env`` does minus netrc."""
        if self._system_proxy:
            merged = dict(proxies or {})
            for scheme, proxy in requests.utils.get_environ_proxies(url).items():
                merged.setdefault(scheme, proxy)
            proxies = merged
            if verify is True or verify is None:
                verify = (
                    os.environ.get("REQUESTS_CA_BUNDLE")
                    or os.environ.get("CURL_CA_BUNDLE")
                    or verify
                )
        return super().merge_environment_settings(url, proxies, stream, verify, cert)


def make_session(network: NetworkSettings | None = None) -> requests.Session:
    """A session with Newsdesk's User-Agent, going through the proxy ``network`` names.

    One per thread that downloads. ``network.proxy`` is ``"system"`` (the default, also when
    ``network`` is None: the environment's ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY`` or the
    platform's proxy settings), ``"none"`` (direct, whatever the environment says) or
    ``"manual"`` (``network.proxy_url`` for http and https).
    """
    mode = network.proxy if network is not None else "system"
    session = _Session(system_proxy=mode == "system")
    session.headers.update(
        {
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept": FEED_ACCEPT,
        }
    )
    if mode == "manual" and network is not None and network.proxy_url:
        session.proxies = {"http": network.proxy_url, "https": network.proxy_url}
    return session


def fetch(
    session: requests.Session,
    url: str,
    *,
    limits: Limits,
    etag: str | None = None,
    last_modified: str | None = None,
    cancel: threading.Event | None = None,
    clock: Callable[[], float] = time.monotonic,
    referer: str | None = None,
) -> FetchResponse:
    """Download ``url`` within ``limits``; return a 200 (with body) or 304 response.

    ``referer`` is the page that links to ``url`` (an article, for its pictures); each request,
    redirects included, gets the ``Referer`` a browser would send (:func:`referer_for`). Without
    it none is sent.

    Raises:
        FetchError: or one of its subclasses, with a one-sentence message for the user.
    """
    if not is_web_url(url):
        raise RedirectError(f"{url} is not a web address (only http and https are fetched).")
    started = clock()
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    seen = {url}
    all_permanent = True
    for _hop in range(limits.max_redirects + 1):
        _check(cancel, started, limits, clock, url)
        headers.pop("Referer", None)
        sent_referer = referer_for(referer, current) if referer else None
        if sent_referer:
            headers["Referer"] = sent_referer
        response = _request(session, current, headers, limits, started, clock)
        status = response.status_code
        if status in _REDIRECTS and "location" in response.headers:
            response.close()
            target = urljoin(current, response.headers["location"].strip())
            if not is_web_url(target):
                raise RedirectError(
                    "The server redirected to an address that is not http or https."
                )
            if urlsplit(current).scheme == "https" and urlsplit(target).scheme == "http":
                raise RedirectError("The server redirected from https to an insecure http address.")
            if target in seen:
                raise RedirectError("The server redirects in a loop.")
            seen.add(target)
            all_permanent = all_permanent and status in _PERMANENT
            current = target
            continue
        try:
            result = _finish(response, url, current, all_permanent, limits, started, clock, cancel)
        except BaseException:
            response.close()  # a body left unread (too large, too slow): drop the connection
            raise
        # The body was read to its end (a 304 has none): hand the connection back to the pool
        # for the next feed on this host instead of closing it.
        with contextlib.suppress(urllib3.exceptions.HTTPError, OSError):
            response.raw.drain_conn()
        response.close()
        return result
    raise RedirectError(f"The server redirected more than {limits.max_redirects} times.")


def referer_for(page: str, target: str) -> str | None:
    """The ``Referer`` a browser sends from ``page`` to ``target`` by default
    (``strict-origin-when-cross-origin``): the page's address on the same origin, only its
    origin across origins, nothing from https to http or from a page that is not http(s).
    User names, passwords and fragments never go."""
    if not is_web_url(page):
        return None
    source, dest = urlsplit(page), urlsplit(target)
    if source.scheme == "https" and dest.scheme != "https":
        return None
    host = source.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{source.port}" if source.port is not None else ""
    except ValueError:
        return None
    origin = f"{source.scheme}://{host}{port}"
    try:
        same = (source.scheme, source.hostname, source.port) == (
            dest.scheme,
            dest.hostname,
            dest.port,
        )
    except ValueError:
        same = False
    if not same:
        return origin + "/"
    path = source.path or "/"
    return origin + path + (f"?{source.query}" if source.query else "")


def _request(
    session: requests.Session,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    started: float,
    clock: Callable[[], float],
) -> requests.Response:
    remaining = max(0.05, limits.deadline - (clock() - started))
    timeout = (min(limits.connect_timeout, remaining), min(limits.read_timeout, remaining))
    host = urlsplit(url).hostname or url
    try:
        return session.get(
            url, headers=headers, timeout=timeout, stream=True, allow_redirects=False
        )
    except requests.exceptions.SSLError as exc:
        raise TlsError(_tls_message(host, exc)) from exc
    except requests.exceptions.ConnectTimeout as exc:
        raise TimeoutFetchError(f"{host} did not accept a connection in time.") from exc
    except requests.exceptions.ReadTimeout as exc:
        raise TimeoutFetchError(f"{host} did not answer in time.") from exc
    except requests.exceptions.ConnectionError as exc:
        raise FetchError(f"Cannot connect to {host}: {_reason(exc)}.") from exc
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"The request to {host} failed: {_reason(exc)}.") from exc


def _finish(
    response: requests.Response,
    url: str,
    final_url: str,
    all_permanent: bool,
    limits: Limits,
    started: float,
    clock: Callable[[], float],
    cancel: threading.Event | None,
) -> FetchResponse:
    status = response.status_code
    moved_to = final_url if all_permanent and final_url != url else None
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    content_type = response.headers.get("content-type", "")
    if status == 304:
        return FetchResponse(url, final_url, 304, b"", content_type, etag, last_modified, moved_to)
    if status != 200:
        raise _status_error(response)
    body = _read_body(response, limits, started, clock, cancel, url)
    return FetchResponse(
        url,
        final_url,
        200,
        body,
        content_type,
        etag,
        last_modified,
        moved_to,
        tuple((k.lower(), v) for k, v in response.headers.items()),
    )


def _read_body(
    response: requests.Response,
    limits: Limits,
    started: float,
    clock: Callable[[], float],
    cancel: threading.Event | None,
    url: str,
) -> bytes:
    declared = response.headers.get("content-length", "")
    encoded = response.headers.get("content-encoding", "identity").strip().lower()
    if declared.isdigit() and encoded in ("", "identity") and int(declared) > limits.max_bytes:
        raise TooLargeError(_too_large(limits.max_bytes))
    parts: list[bytes] = []
    size = 0
    raw = response.raw
    try:
        while True:
            _check(cancel, started, limits, clock, url)
            # read1 returns after at most one socket read, so the deadline is checked between
            # reads even when a server drips single bytes; it decodes at most CHUNK bytes.
            chunk = raw.read1(CHUNK, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise TooLargeError(_too_large(limits.max_bytes))
            parts.append(chunk)
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
        raise TimeoutFetchError(f"{_host(url)} stopped sending data.") from exc
    except urllib3.exceptions.DecodeError as exc:
        raise FetchError(f"{_host(url)} sent a body that cannot be decompressed.") from exc
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"The connection to {_host(url)} broke off: {_reason(exc)}.") from exc
    return b"".join(parts)


def _check(
    cancel: threading.Event | None,
    started: float,
    limits: Limits,
    clock: Callable[[], float],
    url: str,
) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError("The refresh was stopped.")
    if clock() - started > limits.deadline:
        raise TimeoutFetchError(
            f"{_host(url)} took longer than {limits.deadline:g} seconds; the download was stopped."
        )


def _status_error(response: requests.Response) -> HttpStatusError:
    status = response.status_code
    reason = response.reason or ""
    if status == 410:
        return HttpStatusError("The feed is gone (HTTP 410); it will not be fetched again.", 410)
    if status in (429, 503):
        after = parse_retry_after(response.headers.get("retry-after"), response.headers.get("date"))
        wait = f" It asked to wait {_duration(after)}." if after else ""
        what = "too many requests" if status == 429 else "temporarily unavailable"
        return HttpStatusError(f"The server says {what} (HTTP {status}).{wait}", status, after)
    if status == 404:
        return HttpStatusError("The feed was not found on the server (HTTP 404).", status)
    if status in (401, 403):
        return HttpStatusError(f"The server refused access to the feed (HTTP {status}).", status)
    return HttpStatusError(
        f"The server answered with an error: HTTP {status} {reason}.".strip(), status
    )


def parse_retry_after(value: str | None, date_header: str | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or an HTTP date), clamped to 24 h.

    An HTTP date is taken relative to the response's own ``Date`` header when it has one, so a
    wrong local clock does not matter.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = datetime.now(UTC)
    if date_header:
        with contextlib.suppress(TypeError, ValueError):
            now = email.utils.parsedate_to_datetime(date_header)
    if when.tzinfo is None or now.tzinfo is None:
        return None
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER)


def _tls_message(host: str, exc: Exception) -> str:
    text = str(exc)
    if "expired" in text:
        return f"The certificate of {host} has expired."
    if "not yet valid" in text:
        return f"The certificate of {host} is not valid yet; is this computer's clock right?"
    if "match" in text or "hostname" in text.lower():
        return f"The certificate presented is not for {host}."
    if "self-signed" in text or "unable to get local issuer" in text or "unknown ca" in text:
        return f"The certificate of {host} is not issued by a trusted authority."
    return f"A secure connection to {host} could not be made (certificate check failed)."


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for needle, plain in (
        ("Connection refused", "connection refused"),
        ("Name or service not known", "the host name is unknown"),
        ("Temporary failure in name resolution", "the host name cannot be resolved"),
        ("Network is unreachable", "the network is unreachable"),
        ("Connection reset", "the connection was reset"),
        ("IncompleteRead", "the body ended early"),
        ("Response ended prematurely", "the body ended early"),
    ):
        if needle in text:
            return plain
    return type(exc).__name__


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _too_large(cap: int) -> str:
    return f"The feed is larger than {cap / 1_000_000:g} MB; the download was stopped."


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} seconds"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds / 3600:.1f} hours"
