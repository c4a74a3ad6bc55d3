"""The rate providers Newsdesk knows, and the one function that downloads a table.

Each provider has a parser that takes the body as **bytes** and validates it strictly; see
:mod:`.ecb`, :mod:`.cbr` and :mod:`.jsonapis`. The registry keeps each provider's default
address only so that settings can offer it: :func:`fetch_table` always gets its URL from the
caller (the settings), never from here.

Downloads go through :func:`newsdesk.core.net.fetch` like every other request, with the rates'
own bounds (:data:`RATE_LIMITS`: 20 s in all, 1 MB). Its errors, worded for feeds, are
re-worded here for rates and carry the provider id.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType

import requests

from newsdesk.core import net
from newsdesk.core.errors import (
    CancelledError,
    FetchError,
    HttpStatusError,
    TimeoutFetchError,
    TooLargeError,
)
from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.ecb import (
    parse_ecb_csv,
    parse_ecb_csv_history,
    parse_ecb_daily_xml,
    parse_ecb_history_xml,
)
from newsdesk.core.rates.jsonapis import parse_frankfurter, parse_open_er_api
from newsdesk.core.rates.model import ProviderError, ProviderUnavailableError, RateTable

log = logging.getLogger(__name__)

__all__ = [
    "PROVIDERS",
    "RATE_LIMITS",
    "ProviderInfo",
    "fetch_history",
    "fetch_table",
    "parse_cbr_xml",
    "parse_ecb_csv",
    "parse_ecb_csv_history",
    "parse_ecb_daily_xml",
    "parse_ecb_history_xml",
    "parse_frankfurter",
    "parse_open_er_api",
    "rate_limits",
]

#: Bounds of one rate download (security model J: 20 s deadline, 1 MB decoded).
RATE_DEADLINE = 20.0
RATE_MAX_BYTES = 1_000_000
RATE_LIMITS = net.Limits(
    connect_timeout=10.0,
    read_timeout=20.0,
    deadline=RATE_DEADLINE,
    max_bytes=RATE_MAX_BYTES,
    max_redirects=5,
)


@dataclass(frozen=True, slots=True)
class ProviderInfo:
    """What Newsdesk knows about one provider.

    Attributes:
        id: The provider id used in settings, storage and results.
        name: Its name for people ("ECB", "Bank of Russia").
        base: The base its tables use when asked as Newsdesk asks.
        default_url: The address settings start with.
        history_url: A 90-day history file, when the provider has one.
        parse: Bytes to a validated table.
        schedule: Which publication calendar applies (see :mod:`.schedule`).
        official: Central-bank reference data (only those may ship in the snapshot).
        replaces: The provider this one stands in for when that one is unreachable.
        opt_in: Used only when the user turns it on (terms, or not official).
        attribution: What must be shown with its numbers.
    """

    id: str
    name: str
    base: str
    default_url: str
    history_url: str | None
    parse: Callable[[bytes], RateTable]
    schedule: str
    official: bool
    replaces: str | None = None
    opt_in: bool = False
    attribution: str = ""


PROVIDERS: Mapping[str, ProviderInfo] = MappingProxyType(
    {
        "ecb": ProviderInfo(
            "ecb",
            "ECB",
            "EUR",
            "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
            "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml",
            parse_ecb_daily_xml,
            "ecb",
            official=True,
            attribution="Source: European Central Bank (for information purposes only).",
        ),
        "cbr": ProviderInfo(
            "cbr",
            "Bank of Russia",
            "RUB",
            "https://www.cbr.ru/scripts/XML_daily.asp",
            None,
            parse_cbr_xml,
            "cbr",
            official=True,
            attribution="Source: Bank of Russia.",
        ),
        "frankfurter": ProviderInfo(
            "frankfurter",
            "Frankfurter",
            "EUR",
            "https://api.frankfurter.dev/v1/latest?base=EUR",
            None,
            parse_frankfurter,
            "ecb",
            official=False,
            replaces="ecb",
            attribution="ECB reference rates via Frankfurter (frankfurter.dev).",
        ),
        "open_er_api": ProviderInfo(
            "open_er_api",
            "open.er-api.com",
            "EUR",
            "https://open.er-api.com/v6/latest/EUR",
            None,
            parse_open_er_api,
            "daily_utc",
            official=False,
            opt_in=True,
            attribution="Rates By Exchange Rate API (https://www.exchangerate-api.com).",
        ),
    }
)


def rate_limits(
    deadline: float = RATE_DEADLINE,
    max_bytes: int = RATE_MAX_BYTES,
    connect_timeout: float = 10.0,
    read_timeout: float = 20.0,
    max_redirects: int = 5,
) -> net.Limits:
    """The bounds of one rate download, from settings."""
    return net.Limits(connect_timeout, read_timeout, deadline, max_bytes, max_redirects)


def provider(provider_id: str) -> ProviderInfo:
    """The registry entry of ``provider_id``.

    Raises:
        ProviderError: an id Newsdesk does not know (a typo in the settings).
    """
    try:
        return PROVIDERS[provider_id]
    except KeyError:
        known = ", ".join(PROVIDERS)
        raise ProviderError(
            f"“{provider_id[:30]}” is not a rate provider Newsdesk knows ({known}).", provider_id
        ) from None


def fetch_table(
    provider_id: str,
    session: requests.Session,
    url: str,
    limits: net.Limits = RATE_LIMITS,
    *,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> RateTable:
    """Download ``url`` and parse it as ``provider_id``'s format.

    Args:
        provider_id: A key of :data:`PROVIDERS`.
        session: The calling thread's session (:func:`newsdesk.core.net.make_session`).
        url: Where to download from (from the settings).
        limits: Time and size bounds.
        cancel: Set to stop the download.
        now: The fetch time to record (aware UTC); the current time by default.

    Returns:
        The validated table, with ``fetched_at`` and a ``source_note`` naming the address.

    Raises:
        ProviderError: one of its subclasses, with one sentence for the user.
        CancelledError: ``cancel`` was set.
    """
    info = provider(provider_id)
    body = _download(info, session, url, limits, cancel)
    table = info.parse(body)
    return _stamp(table, url, now)


def fetch_history(
    provider_id: str,
    session: requests.Session,
    url: str,
    limits: net.Limits = RATE_LIMITS,
    *,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> list[RateTable]:
    """Download a history file (the ECB's 90-day XML): one table per day, newest first.

    Raises:
        ProviderError: the provider has no history format, or the download or parse failed.
        CancelledError: ``cancel`` was set.
    """
    info = provider(provider_id)
    if info.id != "ecb":
        raise ProviderError(f"{info.name} has no history file Newsdesk can read.", info.id)
    body = _download(info, session, url, limits, cancel)
    return [_stamp(table, url, now) for table in parse_ecb_history_xml(body)]


def _stamp(table: RateTable, url: str, now: datetime | None) -> RateTable:
    note = f"{table.source_note}, {url}" if table.source_note else url
    return dataclasses.replace(table, fetched_at=now or datetime.now(UTC), source_note=note)


def _download(
    info: ProviderInfo,
    session: requests.Session,
    url: str,
    limits: net.Limits,
    cancel: threading.Event | None,
) -> bytes:
    try:
        response = net.fetch(session, url, limits=limits, cancel=cancel)
    except CancelledError:
        raise
    except TimeoutFetchError as exc:
        raise ProviderUnavailableError(f"{info.name} did not answer in time.", info.id) from exc
    except TooLargeError as exc:
        raise ProviderUnavailableError(
            f"The {info.name} answer is larger than {limits.max_bytes / 1_000_000:g} MB; "
            "the download was stopped.",
            info.id,
        ) from exc
    except HttpStatusError as exc:
        wait = " It asked to wait before trying again." if exc.retry_after else ""
        raise ProviderUnavailableError(
            f"{info.name} answered with an error (HTTP {exc.status}).{wait}",
            info.id,
            exc.status,
            exc.retry_after,
        ) from exc
    except FetchError as exc:
        raise ProviderUnavailableError(
            f"{info.name} could not be reached: {_lower_first(str(exc))}", info.id
        ) from exc
    log.debug("%s: %d bytes from %s", info.id, len(response.body), response.final_url)
    return response.body


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
