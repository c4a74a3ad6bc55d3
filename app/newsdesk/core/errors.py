"""Expected failures, each carrying what the UI needs to phrase a message.

Bugs raise ordinary exceptions; everything a user can cause or meet (a dead server, a broken
feed, a corrupt file, a typo) is a :class:`NewsdeskError` with a one-sentence ``str()``.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every expected failure. ``str(err)`` is one user-facing sentence."""

    code = "error"


class FetchError(NewsdeskError):
    """A feed or rate file could not be downloaded."""

    code = "fetch"


class TimeoutFetchError(FetchError):
    """The server did not answer, or not completely, within the deadline."""

    code = "timeout"


class TooLargeError(FetchError):
    """The body grew past the configured cap (after decompression)."""

    code = "too_large"


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    code = "http_status"

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RedirectError(FetchError):
    """A redirect loop, too many hops, a non-http(s) target or an https→http downgrade."""

    code = "redirect"


class TlsError(FetchError):
    """The TLS certificate could not be verified."""

    code = "tls"


class UnsafeUrlError(NewsdeskError):
    """A URL whose scheme is not http(s), or that carries credentials."""

    code = "unsafe_url"


class NotAFeedError(NewsdeskError):
    """The body is not RSS, Atom, RDF or JSON Feed."""

    code = "not_a_feed"

    def __init__(self, message: str, discovered: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.discovered = discovered


class OpmlError(NewsdeskError):
    """An OPML file that cannot be read at all."""

    code = "opml"


class SettingsError(NewsdeskError):
    """An unknown key or a value that does not fit a setting."""

    code = "settings"


class StorageError(NewsdeskError):
    """The database cannot be opened or written (corrupt, full, newer version)."""

    code = "storage"


class CancelledError(FetchError):
    """The user (or shutdown) stopped the work."""

    code = "cancelled"
