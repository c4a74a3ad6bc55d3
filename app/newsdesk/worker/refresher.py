"""The one QObject that does network I/O for the window, in its own QThread.

It opens its own database connection inside its thread on first use, writes, and emits frozen
results (:class:`FeedResult`, :class:`RefreshSummary`); the window re-reads with its own
connection. It never touches a widget or a model. Requests that arrive while a pass runs are
merged into one more pass after it.

New settings and topics (:meth:`Refresher.apply_settings`, :meth:`Refresher.apply_taxonomy`)
take effect from the next pass, proxy, timeouts and connection limits included. A scheduled
pass (``RefreshRequest(due_only=True)``) refreshes only the feeds that are due, and the exchange
rates only when ``rates.interval_minutes`` has passed since they were last downloaded.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from newsdesk.core.errors import NewsdeskError
from newsdesk.core.model import FeedResult, RefreshSummary
from newsdesk.core.net import make_session
from newsdesk.core.rates import RateService, RateStore
from newsdesk.core.rates.providers import rate_limits
from newsdesk.core.refresh import DUE_SLACK
from newsdesk.core.refresh import Refresher as CoreRefresher
from newsdesk.core.settings import Settings
from newsdesk.core.storage import Storage
from newsdesk.core.topics import Taxonomy

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RefreshRequest:
    """What to refresh: every enabled feed, or some; ``force`` ignores Retry-After waits;
    ``rates`` refreshes the exchange rates too (after the feeds); ``due_only`` (the timer's
    passes) leaves out feeds refreshed less than their interval ago, and rates refreshed less
    than ``rates.interval_minutes`` ago."""

    feed_ids: tuple[int, ...] | None = None
    force: bool = False
    rates: bool = True
    due_only: bool = False


class Refresher(QObject):
    """Refreshes feeds off the GUI thread.

    Signals:
        started(int): a pass began over this many feeds.
        progress(int, int): feeds done, feeds in the pass.
        feed_done(object): a :class:`FeedResult` for each feed.
        finished(object): the :class:`RefreshSummary`, also after a stop.
        failed(str): the pass could not run at all (e.g. the database is locked).
        rates_refreshed(object): a rates :class:`RefreshReport` (after the feeds).
    """

    started = Signal(int)
    progress = Signal(int, int)
    feed_done = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    rates_refreshed = Signal(object)

    def __init__(self, database: Path, settings: Settings, taxonomy: Taxonomy) -> None:
        """Prepare; nothing is opened until the first request, in the worker's thread."""
        super().__init__()
        self._database = database
        self._settings = settings
        self._taxonomy = taxonomy
        self._storage: Storage | None = None
        self._core: CoreRefresher | None = None
        self._stop = threading.Event()
        self._busy = False
        self._rates_at: float | None = None  # time.monotonic() of the last rates download

    def stop(self) -> None:
        """Ask a running pass to stop (callable from any thread)."""
        self._stop.set()

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from the next pass on (proxy, timeouts, limits, intervals)."""
        self._settings = settings
        if self._core is not None:
            self._core.settings = settings

    @Slot(object)
    def apply_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Classify the articles of the next passes with ``taxonomy`` (stored ones keep theirs)."""
        self._taxonomy = taxonomy
        if self._core is not None:
            self._core.taxonomy = taxonomy

    @Slot(object)
    def refresh(self, request: RefreshRequest) -> None:
        """Run one pass (queued calls that arrived meanwhile run after it)."""
        if self._stop.is_set():
            return
        try:
            core = self._ensure_core()
            summary = core.run(
                request.feed_ids,
                progress=self._on_progress,
                cancel=self._stop,
                force=request.force,
                due_only=request.due_only,
                on_start=self.started.emit,
            )
        except NewsdeskError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(summary)
        if (
            request.rates
            and request.feed_ids is None
            and not self._stop.is_set()
            and (not request.due_only or self._rates_due())
        ):
            self._refresh_rates()

    def _rates_due(self) -> bool:
        if self._rates_at is None:
            return True
        interval = self._settings.rates.interval_minutes * 60 - DUE_SLACK
        return time.monotonic() - self._rates_at >= interval

    def _refresh_rates(self) -> None:
        assert self._storage is not None
        limits = rate_limits(
            self._settings.rates.deadline,
            self._settings.rates.max_bytes,
            self._settings.network.connect_timeout,
            self._settings.network.read_timeout,
            self._settings.network.max_redirects,
        )
        service = RateService(
            RateStore(self._storage.connection), self._settings.rates, limits=limits
        )
        try:
            with make_session(self._settings.network) as session:
                report = service.refresh(session, cancel=self._stop)
                if not report.offline and "ecb" in service.slots():
                    try:
                        service.backfill_history(session, cancel=self._stop)
                    except NewsdeskError as exc:
                        log.info("rate history not loaded: %s", exc)
        except NewsdeskError as exc:
            log.warning("rates not refreshed: %s", exc)
            return
        if not report.offline:
            self._rates_at = time.monotonic()
        self.rates_refreshed.emit(report)

    @Slot()
    def shutdown(self) -> None:
        """Close the parsing processes and the database (in the worker's thread)."""
        self._stop.set()
        if self._core is not None:
            self._core.close()
            self._core = None
        if self._storage is not None:
            self._storage.close()
            self._storage = None

    def _ensure_core(self) -> CoreRefresher:
        if self._core is None:
            self._storage = Storage(self._database)
            self._core = CoreRefresher(self._storage, self._settings, self._taxonomy)
        return self._core

    def _on_progress(self, done: int, total: int, result: FeedResult) -> None:
        self.feed_done.emit(result)
        self.progress.emit(done, total)


__all__ = ["RefreshRequest", "Refresher", "RefreshSummary"]
