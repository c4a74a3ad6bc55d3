"""The fallback chain: which table stands for each chosen provider, and where it came from.

For each chosen provider (default: the ECB and the Bank of Russia) :meth:`RateService.refresh`
tries, in order, until one answers with a usable table:

1. the provider itself;
2. its fallbacks — Frankfurter (the ECB's numbers as JSON) replaces an unreachable ECB;
3. the last good table stored in the database (the provider's or its fallback's, the newer);
4. the snapshot shipped in ``resources/`` (official ECB and Bank of Russia rates of a known
   date), so that a first start without network still converts.

open.er-api.com is used only when the user opts in, as an extra table after the official ones,
for currencies the banks lack; its data is cached but never shipped.

A download is checked before it can replace anything: a date older than the stored one keeps the
stored table, a date far in the future is refused, and :meth:`RateStore.accept` keeps the
previous value of a rate that jumped or was unusable. Old rates never block a conversion; the
book labels them (stale, offline snapshot) instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Protocol

import requests

from newsdesk.core import net
from newsdesk.core.errors import StorageError
from newsdesk.core.rates.convert import BookSource, RateBook
from newsdesk.core.rates.currencies import CurrencyTable
from newsdesk.core.rates.model import Origin, ProviderError, RateError, RateTable
from newsdesk.core.rates.providers import (
    PROVIDERS,
    RATE_DEADLINE,
    RATE_MAX_BYTES,
    fetch_history,
    fetch_table,
    rate_limits,
)
from newsdesk.core.rates.schedule import is_stale
from newsdesk.core.rates.snapshot import load_snapshot
from newsdesk.core.rates.store import RateStore

log = logging.getLogger(__name__)

#: A table dated further ahead than this is refused (CBR's valid-from date is at most a few
#: days ahead, over a long weekend).
MAX_FUTURE = timedelta(days=4)


class RatesOptions(Protocol):
    """The rate settings the service reads (``Settings.rates`` or :class:`RatesConfig`)."""

    @property
    def providers(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def fallbacks(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def open_er_api(self) -> bool: ...  # noqa: D102
    @property
    def ecb_url(self) -> str: ...  # noqa: D102
    @property
    def ecb_history_url(self) -> str: ...  # noqa: D102
    @property
    def cbr_url(self) -> str: ...  # noqa: D102
    @property
    def frankfurter_url(self) -> str: ...  # noqa: D102
    @property
    def open_er_api_url(self) -> str: ...  # noqa: D102
    @property
    def deadline(self) -> float: ...  # noqa: D102
    @property
    def max_bytes(self) -> int: ...  # noqa: D102


@dataclass(frozen=True, slots=True)
class RatesConfig:
    """The rate settings with their defaults (mirrors the ``rates`` section of the settings)."""

    providers: tuple[str, ...] = ("ecb", "cbr")
    fallbacks: tuple[str, ...] = ("frankfurter",)
    open_er_api: bool = False
    ecb_url: str = PROVIDERS["ecb"].default_url
    ecb_history_url: str = PROVIDERS["ecb"].history_url or ""
    cbr_url: str = PROVIDERS["cbr"].default_url
    frankfurter_url: str = PROVIDERS["frankfurter"].default_url
    open_er_api_url: str = PROVIDERS["open_er_api"].default_url
    deadline: float = RATE_DEADLINE
    max_bytes: int = RATE_MAX_BYTES


def provider_url(options: RatesOptions, provider_id: str) -> str:
    """The configured address of ``provider_id``."""
    url = {
        "ecb": options.ecb_url,
        "cbr": options.cbr_url,
        "frankfurter": options.frankfurter_url,
        "open_er_api": options.open_er_api_url,
    }.get(provider_id)
    if url is None:
        raise ProviderError(f"There is no address setting for “{provider_id[:30]}”.", provider_id)
    return url


@dataclass(frozen=True, slots=True)
class SlotReport:
    """What one chosen provider ended up with after a refresh.

    Attributes:
        slot: The chosen provider this table stands for (``"ecb"``).
        provider: Who supplied the table in use (``"frankfurter"`` when it replaced the ECB),
            or ``None`` when there is none.
        origin: Where the table came from.
        as_of: Its date.
        stored: New numbers were written to the database.
        errors: One sentence per failed attempt, in order.
        problems: Rows dropped, or kept from the previous table.
    """

    slot: str
    provider: str | None
    origin: Origin | None
    as_of: date | None
    stored: bool
    errors: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """The outcome of :meth:`RateService.refresh`, one entry per chosen provider."""

    slots: tuple[SlotReport, ...]

    @property
    def ok(self) -> bool:
        """Every chosen provider (or its fallback) answered."""
        return all(s.origin in (Origin.NETWORK, Origin.FALLBACK) for s in self.slots)

    @property
    def offline(self) -> bool:
        """No provider answered: everything comes from the cache or the snapshot."""
        return not any(s.origin in (Origin.NETWORK, Origin.FALLBACK) for s in self.slots)

    @property
    def stored(self) -> int:
        """How many tables brought new numbers."""
        return sum(s.stored for s in self.slots)


class RateService:
    """Keeps the tables in use, refreshes them through the fallback chain, and builds books."""

    def __init__(
        self,
        store: RateStore,
        options: RatesOptions | None = None,
        *,
        limits: net.Limits | None = None,
        snapshot_path: Path | None = None,
        use_snapshot: bool = True,
        currencies: CurrencyTable | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Create the service.

        Args:
            store: The rates store on this thread's connection.
            options: The rate settings (defaults: ECB + Bank of Russia, Frankfurter fallback).
            limits: Bounds of each download; from ``options`` (20 s, 1 MB) by default.
            snapshot_path: Another snapshot file (tests); the shipped one by default.
            use_snapshot: False to never fall back to the shipped snapshot.
            currencies: Names and minor units for the books.
            clock: The current time (aware), for the default of ``now`` arguments.
        """
        self._store = store
        self._options: RatesOptions = options or RatesConfig()
        self._limits = limits or rate_limits(self._options.deadline, self._options.max_bytes)
        self._snapshot_path = snapshot_path
        self._use_snapshot = use_snapshot
        self._snapshot: list[RateTable] | None = None
        self._currencies = currencies
        self._clock = clock
        self._current: dict[str, BookSource] = {}

    # -- configuration ---------------------------------------------------------------------

    def slots(self) -> list[str]:
        """The chosen providers in priority order (unknown ids and opt-ins left out)."""
        chosen: list[str] = []
        for provider_id in self._options.providers:
            info = PROVIDERS.get(provider_id)
            if info is None:
                log.warning("unknown rate provider %r in the settings", provider_id)
            elif provider_id not in chosen and (not info.opt_in or self._options.open_er_api):
                chosen.append(provider_id)
        if self._options.open_er_api and "open_er_api" not in chosen:
            chosen.append("open_er_api")
        return chosen

    def fallbacks(self, slot: str) -> list[str]:
        """The providers tried, in order, when ``slot`` cannot be reached."""
        return [
            f
            for f in dict.fromkeys(self._options.fallbacks)
            if f in PROVIDERS
            and f != slot
            and PROVIDERS[f].replaces == slot
            and (not PROVIDERS[f].opt_in or self._options.open_er_api)
        ]

    # -- refreshing ------------------------------------------------------------------------

    def refresh(
        self,
        session: requests.Session,
        now: datetime | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> RefreshReport:
        """Download every chosen provider through the fallback chain and store what is new.

        Raises:
            CancelledError: ``cancel`` was set (tables refreshed so far are kept).
        """
        now = now or self._clock()
        reports = [self._refresh_slot(slot, session, now, cancel) for slot in self.slots()]
        return RefreshReport(tuple(reports))

    def _refresh_slot(
        self,
        slot: str,
        session: requests.Session,
        now: datetime,
        cancel: threading.Event | None,
    ) -> SlotReport:
        errors: list[str] = []
        chain = [(slot, Origin.NETWORK)] + [(f, Origin.FALLBACK) for f in self.fallbacks(slot)]
        for provider_id, origin in chain:
            try:
                table = fetch_table(
                    provider_id,
                    session,
                    provider_url(self._options, provider_id),
                    self._limits,
                    cancel=cancel,
                    now=now,
                )
            except ProviderError as exc:
                log.info("%s: %s", provider_id, exc)
                errors.append(str(exc))
                continue
            if table.as_of > now.date() + MAX_FUTURE:
                errors.append(
                    f"{PROVIDERS[provider_id].name} sent rates dated {table.as_of.isoformat()}, "
                    "too far in the future; they were refused."
                )
                continue
            return self._use_download(slot, table, origin, now, errors)
        return self._use_offline(slot, now, errors)

    def _use_download(
        self, slot: str, table: RateTable, origin: Origin, now: datetime, errors: list[str]
    ) -> SlotReport:
        previous = self._store.latest(table.provider)
        if previous is not None and table.as_of < previous.as_of:
            errors.append(
                f"{PROVIDERS[table.provider].name} sent rates of {table.as_of.isoformat()}, "
                f"older than the stored ones of {previous.as_of.isoformat()}, which are kept."
            )
            self._set(slot, previous, Origin.CACHE, now)
            return SlotReport(
                slot, previous.provider, Origin.CACHE, previous.as_of, False, tuple(errors)
            )
        accepted, _notes = self._store.accept(table, previous)
        stored = False
        try:
            stored = self._store.save(accepted)
        except StorageError as exc:
            log.warning("rates of %s not stored: %s", table.provider, exc)
            errors.append(str(exc))
        self._set(slot, accepted, origin, now)
        return SlotReport(
            slot,
            accepted.provider,
            origin,
            accepted.as_of,
            stored,
            tuple(errors),
            accepted.problems,
        )

    def _use_offline(self, slot: str, now: datetime, errors: list[str]) -> SlotReport:
        found = self._offline_table(slot)
        if found is None:
            self._current.pop(slot, None)
            return SlotReport(slot, None, None, None, False, tuple(errors))
        table, origin = found
        self._set(slot, table, origin, now)
        return SlotReport(slot, table.provider, origin, table.as_of, False, tuple(errors))

    def _set(self, slot: str, table: RateTable, origin: Origin, now: datetime) -> None:
        self._current[slot] = BookSource(table, origin, is_stale(table, now))

    def _offline_table(self, slot: str) -> tuple[RateTable, Origin] | None:
        """The newest of the stored tables (the slot's and its fallbacks') and the snapshot."""
        candidates: list[tuple[RateTable, Origin]] = []
        for provider_id in [slot, *self.fallbacks(slot)]:
            stored = self._store.latest(provider_id)
            if stored is not None:
                candidates.append((stored, Origin.CACHE))
        snapshot_provider = (PROVIDERS[slot].replaces or slot) if slot in PROVIDERS else slot
        for table in self._snapshot_tables():
            if table.provider in (slot, snapshot_provider):
                candidates.append((table, Origin.SNAPSHOT))
        if not candidates:
            return None
        # max() keeps the first of equals: a stored table wins over the snapshot of its day
        return max(candidates, key=lambda c: c[0].as_of)

    def _snapshot_tables(self) -> list[RateTable]:
        if not self._use_snapshot:
            return []
        if self._snapshot is None:
            try:
                self._snapshot = load_snapshot(self._snapshot_path)
            except RateError as exc:
                log.error("%s", exc)
                self._snapshot = []
        return self._snapshot

    def backfill_history(
        self,
        session: requests.Session,
        now: datetime | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> int:
        """Store the ECB's 90-day history (for charts); returns how many days were new.

        Raises:
            ProviderError: the history file could not be downloaded or read.
            StorageError: it could not be stored.
        """
        tables = fetch_history(
            "ecb",
            session,
            self._options.ecb_history_url,
            self._limits,
            cancel=cancel,
            now=now or self._clock(),
        )
        return sum(self._store.save(table) for table in reversed(tables))

    # -- using -----------------------------------------------------------------------------

    def book(self, now: datetime | None = None) -> RateBook:
        """The tables in use (cached or shipped ones before the first refresh), labelled."""
        now = now or self._clock()
        sources: list[BookSource] = []
        for slot in self.slots():
            current = self._current.get(slot)
            if current is None:
                found = self._offline_table(slot)
                if found is None:
                    continue
                self._set(slot, *found, now)
                current = self._current[slot]
            else:
                current = BookSource(current.table, current.origin, is_stale(current.table, now))
            sources.append(current)
        return RateBook(sources, currencies=self._currencies)

    def sources(self) -> Sequence[BookSource]:
        """The tables in use now, in priority order (empty before :meth:`book` or refresh)."""
        return [self._current[s] for s in self.slots() if s in self._current]
