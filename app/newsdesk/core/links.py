"""URL policy: the one place that decides which URLs Newsdesk stores, fetches or opens.

Only ``http`` and ``https`` URLs with a host and no embedded credentials pass. Relative URLs are
resolved against a base only when that base is itself http(s) (a feed's ``xml:base`` can say
``file:///home/user/``).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from newsdesk.core.errors import UnsafeUrlError

WEB_SCHEMES = frozenset({"http", "https"})
_MAX_URL = 4096


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host and no user name or password."""
    if not url or len(url) > _MAX_URL or any(ch in url for ch in "\x00\r\n\t"):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return False
    del port
    return (
        parts.scheme.lower() in WEB_SCHEMES
        and bool(parts.hostname)
        and parts.username is None
        and parts.password is None
    )


def safe_link(url: str | None, base: str | None = None) -> str | None:
    """``url`` made absolute against an http(s) ``base``, if the result is a web URL; else None."""
    if not url:
        return None
    url = url.strip()
    if base and is_web_url(base):
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return url if is_web_url(url) else None


def normalize_feed_url(text: str) -> str:
    """Turn what a user typed or an OPML file held into a feed URL, or raise UnsafeUrlError.

    ``feed:https://x``, ``feed://x`` and a bare ``example.com/rss`` are accepted; international
    host names are IDNA-encoded; anything else than http(s), and URLs with credentials, are
    refused.
    """
    raw = (text or "").strip()
    if not raw:
        raise UnsafeUrlError("The address is empty.")
    lower = raw.lower()
    if lower.startswith("feed://"):
        raw = "http://" + raw[7:]
    elif lower.startswith("feed:"):
        raw = raw[5:]
    if raw.startswith("//"):
        raw = "https:" + raw
    try:
        return _normalize(raw)
    except ValueError as exc:  # urlsplit's reaction to e.g. "http://[x/feed"
        raise UnsafeUrlError(f"{text.strip()!r} is not a valid web address.") from exc


_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9_-]{0,62})?\.?)+$|^\[[0-9a-f:.]+\]$")


def _normalize(raw: str) -> str:
    if raw[:1] in "|~./\\":
        raise UnsafeUrlError(
            "Commands and local paths cannot be subscribed to, only web addresses."
        )
    parts = urlsplit(raw)
    if not parts.scheme or (parts.scheme and not parts.netloc and "." in parts.scheme):
        parts = urlsplit("https://" + raw)
    elif parts.netloc == "" and parts.scheme.lower() not in WEB_SCHEMES and ":" in raw:
        # "localhost:8080/rss" parses as scheme "localhost"; a real scheme has no digits after.
        head, _, rest = raw.partition(":")
        if rest[:1].isdigit():
            parts = urlsplit("https://" + raw)
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        raise UnsafeUrlError(f"Only http and https addresses can be used, not {scheme or '?'}:.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrlError("Addresses with a user name or password in them are not accepted.")
    host = parts.hostname
    if not host:
        raise UnsafeUrlError("The address has no host name.")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
        port = parts.port
    except (UnicodeError, ValueError) as exc:
        raise UnsafeUrlError(f"The host name {host!r} is not valid.") from exc
    if ":" in ascii_host:  # an IPv6 literal
        ascii_host = f"[{ascii_host}]"
    if not _HOST.match(ascii_host.lower()):
        raise UnsafeUrlError(f"{host!r} is not a valid host name.")
    netloc = ascii_host.lower() + (f":{port}" if port is not None else "")
    path = parts.path.replace(" ", "%20") or "/"
    url = urlunsplit((scheme, netloc, path, parts.query.replace(" ", "%20"), ""))
    if not is_web_url(url):
        raise UnsafeUrlError("The address is not a valid web address.")
    return url


def identity_url(url: str) -> str:
    """A form of ``url`` for comparing stories: no scheme, lower-case host, no ``www.``, no
    trailing slash. The fragment stays: some feeds tell their items apart only by it."""
    parts = urlsplit(url.strip())
    try:
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:
        port = ""
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{host}{port}{path}{query}{fragment}"


OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def openable(url: str | None, base: str | None = None, *, allow_mailto: bool = True) -> str | None:
    """The URL the system may be asked to open for a clicked link, or None to refuse it.

    The one policy for every link surface (article text, "Open original", "In other media",
    enclosures): relative links resolve against the article's own http(s) address; only
    http and https (and ``mailto:`` when allowed) pass; credentials in a URL are refused.
    """
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith("mailto:"):
        address = url[7:]
        ok = allow_mailto and "@" in address and not any(c in address for c in "\x00\r\n<>\"'")
        return url if ok else None
    return safe_link(url, base)
