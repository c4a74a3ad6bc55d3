"""One refresh pass over the subscriptions: fetch concurrently, parse in other processes, store.

* Downloads run in a bounded thread pool with a small per-host cap, each thread with its own
  ``requests.Session`` (connection pooling); one feed's failure never stops the others.
* Parsing (feedparser, sanitising) is CPU-bound pure Python, so bodies go to a process pool:
  both cores work, and the GIL of the process that runs the GUI stays free.
* The calling thread is the only one that writes to the database: one transaction per feed.
* An unchanged feed costs a 304 and no parsing; where a server sends no validators, the same
  body hash skips the parse too.
* ``progress(done, total, result)`` is called after every feed; ``cancel`` stops the pass
  between feeds (and in the middle of downloads).
* A scheduled pass (``due_only``) takes only the feeds whose own interval (or the global one)
  has run out since their last refresh, less :data:`DUE_SLACK` seconds so that a timer firing a
  little early does not skip a feed for a whole interval.
* New settings (:attr:`Refresher.settings`) apply from the next pass: the sessions (proxy) are
  made anew and the parsing pool is restarted when its size changed.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from newsdesk.core import feeds as feedparse
from newsdesk.core import net
from newsdesk.core.errors import CancelledError, FetchError, HttpStatusError
from newsdesk.core.model import (
    FeedResult,
    FetchResponse,
    Outcome,
    ParsedEntry,
    ParsedFeed,
    RefreshSummary,
)
from newsdesk.core.settings import Settings
from newsdesk.core.storage import FeedState, Storage
from newsdesk.core.topics import Taxonomy

log = logging.getLogger(__name__)

MOVE_CONFIRMATIONS = 3  # the same permanent redirect on this many fetches moves the feed
POOL_THRESHOLD = 3  # fewer bodies than this are parsed in-process (a pool takes ~0.5 s to start)
DUE_SLACK = 30.0  # seconds: a feed this close to its next refresh time counts as due

Progress = Callable[[int, int, FeedResult], None]


@dataclass(frozen=True, slots=True)
class _Fetched:
    state: FeedState
    response: FetchResponse | None = None
    parsed: ParsedFeed | feedparse.ParseFailure | None = None
    body_hash: str | None = None
    error: FetchError | None = None


class Refresher:
    """Refreshes feeds into a :class:`Storage`; one per thread, :meth:`close` it at the end."""

    def __init__(
        self,
        storage: Storage,
        settings: Settings,
        taxonomy: Taxonomy,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Refresh into ``storage`` with the limits of ``settings``."""
        self.storage = storage
        self._settings = settings
        self.taxonomy = taxonomy
        self._clock = clock
        self._pool: cf.ProcessPoolExecutor | None = None
        self._pool_size = 0
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()

    @property
    def settings(self) -> Settings:
        """The settings of the next pass (set it between passes, not during one)."""
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings
        if self._pool is not None and self._pool_size != self._parse_processes():
            self._close_pool()

    def close(self) -> None:
        """Stop the parsing processes and close the sessions."""
        self._close_pool()
        self._close_sessions()

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Refresher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def select(
        self, feed_ids: Sequence[int] | None = None, *, due_only: bool = False
    ) -> list[FeedState]:
        """The feeds a pass with these arguments covers (also those it will report skipped).

        Every enabled feed, or the given ones (even disabled); with ``due_only``, only those
        whose interval has run out (:data:`DUE_SLACK` seconds early counts) or that were never
        refreshed.
        """
        states = self.storage.feed_states(feed_ids)
        if feed_ids is None:
            states = [s for s in states if s.enabled]
        if due_only:
            now = self._clock()
            default = self._settings.refresh.interval_minutes
            states = [s for s in states if _is_due(s, default, now)]
        return states

    def run(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        force: bool = False,
        due_only: bool = False,
        on_start: Callable[[int], None] | None = None,
    ) -> RefreshSummary:
        """Refresh the enabled feeds (or just ``feed_ids``) once and return what happened.

        ``force`` ignores a server's Retry-After wait (the user pressed Retry); ``due_only``
        leaves out the feeds refreshed less than their interval ago (a scheduled pass).
        ``on_start`` is told how many feeds the pass covers (:meth:`select`) before any work.
        """
        started = time.monotonic()
        cancel = cancel or threading.Event()
        states = self.select(feed_ids, due_only=due_only)
        if on_start is not None:
            on_start(len(states))
        now = self._clock()
        results: list[FeedResult] = []
        todo: list[FeedState] = []
        for state in states:
            if state.retry_after and state.retry_after > now and not force:
                wait = time.strftime("%H:%M", time.localtime(state.retry_after))
                results.append(
                    FeedResult(
                        state.id,
                        state.url,
                        state.title,
                        Outcome.SKIPPED,
                        message=f"The server asked to wait; the next try is after {wait}.",
                    )
                )
                continue
            todo.append(state)
        total = len(results) + len(todo)
        for result in results:
            if progress:
                progress(results.index(result) + 1, total, result)
        use_pool = self._parse_processes() > 1 and len(todo) >= POOL_THRESHOLD
        network = self.settings.network
        host_caps: dict[str, threading.BoundedSemaphore] = {}
        caps_lock = threading.Lock()

        def host_cap(url: str) -> threading.BoundedSemaphore:
            host = urlsplit(url).hostname or ""
            with caps_lock:
                return host_caps.setdefault(host, threading.BoundedSemaphore(network.max_per_host))

        cancelled = False
        executor = cf.ThreadPoolExecutor(
            max_workers=min(network.max_connections, max(1, len(todo))),
            thread_name_prefix="newsdesk-fetch",
        )
        try:
            futures = [
                executor.submit(self._fetch_and_parse, s, host_cap(s.url), cancel, use_pool)
                for s in todo
            ]
            for future in cf.as_completed(futures):
                if cancel.is_set():
                    cancelled = True
                    break
                result = self._store(future.result())
                results.append(result)
                if progress:
                    progress(len(results), total, result)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            # The fetch threads are gone: their sessions (and pooled connections) go too.
            self._close_sessions()
        removed = 0
        if not cancelled:
            removed = self.storage.delete_older_than(self.settings.refresh.retention_days)
        return RefreshSummary(tuple(results), time.monotonic() - started, cancelled, removed)

    # -- in the fetch threads -------------------------------------------------------------------

    def _session(self) -> requests.Session:
        # Each pass starts its own fetch threads and closes their sessions at its end, so a
        # thread's session always has the settings of the pass it serves.
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = net.make_session(self._settings.network)
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _close_sessions(self) -> None:
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def _fetch_and_parse(
        self,
        state: FeedState,
        cap: threading.BoundedSemaphore,
        cancel: threading.Event,
        use_pool: bool,
    ) -> _Fetched:
        try:
            with cap:
                if cancel.is_set():
                    raise CancelledError("The refresh was stopped.")
                response = net.fetch(
                    self._session(),
                    state.url,
                    limits=net.Limits.for_feeds(self.settings.network),
                    etag=state.etag,
                    last_modified=state.last_modified,
                    cancel=cancel,
                )
        except FetchError as exc:
            return _Fetched(state, error=exc)
        if response.status == 304:
            return _Fetched(state, response)
        body_hash = hashlib.sha256(response.body).hexdigest()
        if body_hash == state.body_hash:
            return _Fetched(state, response, body_hash=body_hash)
        args = (
            response.body,
            response.content_type,
            response.final_url,
            datetime.fromtimestamp(self._clock(), UTC),
            self.settings.refresh.max_entries_per_feed,
        )
        if use_pool:
            parsed = self._parse_pool().submit(feedparse.parse_job, *args).result()
        else:
            parsed = feedparse.parse_job(*args)
        return _Fetched(state, response, parsed, body_hash)

    def _parse_processes(self) -> int:
        wanted = self.settings.refresh.parse_processes
        return wanted if wanted > 0 else (os.cpu_count() or 1)

    def _parse_pool(self) -> cf.ProcessPoolExecutor:
        # Created by the first fetch thread that needs it; the lock keeps it to one pool.
        with _POOL_LOCK:
            if self._pool is None:
                # "spawn": forking a process that runs threads (and Qt) is unsafe.
                self._pool_size = self._parse_processes()
                self._pool = cf.ProcessPoolExecutor(
                    max_workers=self._pool_size,
                    mp_context=multiprocessing.get_context("spawn"),
                )
            return self._pool

    # -- in the calling thread ------------------------------------------------------------------

    def _store(self, fetched: _Fetched) -> FeedResult:
        state = fetched.state
        title = state.title or state.url
        if fetched.error is not None:
            error = fetched.error
            gone = isinstance(error, HttpStatusError) and error.status == 410
            retry = error.retry_after if isinstance(error, HttpStatusError) else None
            if not isinstance(error, CancelledError):
                self.storage.record_failure(state.id, str(error), gone=gone, retry_after=retry)
            return FeedResult(
                state.id,
                state.url,
                title,
                Outcome.FAILED,
                message=str(error),
                error_code=error.code,
            )
        response = fetched.response
        assert response is not None
        self._track_move(state, response)
        if fetched.parsed is None:
            self.storage.record_unchanged(state.id, response.etag, response.last_modified)
            return FeedResult(state.id, state.url, title, Outcome.UNCHANGED)
        if isinstance(fetched.parsed, feedparse.ParseFailure):
            message = fetched.parsed.message
            if fetched.parsed.discovered:
                message += f" The page links to the feed {fetched.parsed.discovered[0]}"
            self.storage.record_failure(state.id, message)
            return FeedResult(
                state.id, state.url, title, Outcome.FAILED, message=message, error_code="not_a_feed"
            )
        parsed = fetched.parsed
        topic = state.topic

        def topics_of(entry: ParsedEntry) -> tuple[str, ...]:
            return self.taxonomy.classify(entry.title, entry.text, entry.categories, topic)

        stored = self.storage.store_feed(
            state.id,
            parsed,
            topics_of,
            etag=response.etag,
            last_modified=response.last_modified,
            body_hash=fetched.body_hash,
        )
        return FeedResult(
            state.id,
            state.url,
            parsed.title or title,
            Outcome.UPDATED,
            new_articles=len(stored.new_ids),
            message=parsed.warning or "",
        )

    def _track_move(self, state: FeedState, response: FetchResponse) -> None:
        if response.moved_to is None and state.moved_to is None:
            return
        moved = self.storage.record_move(state.id, response.moved_to, MOVE_CONFIRMATIONS)
        if moved:
            log.info("feed %s moved permanently to %s", state.url, moved)


_POOL_LOCK = threading.Lock()


def _is_due(state: FeedState, default_minutes: int, now: float) -> bool:
    if state.last_refresh is None:
        return True
    minutes = state.interval_minutes or default_minutes
    return now - state.last_refresh >= minutes * 60 - DUE_SLACK


def refresh_once(
    storage: Storage,
    settings: Settings,
    taxonomy: Taxonomy,
    **kwargs: Any,
) -> RefreshSummary:
    """Run one pass with a throw-away :class:`Refresher`."""
    with Refresher(storage, settings, taxonomy) as refresher:
        return refresher.run(**kwargs)
