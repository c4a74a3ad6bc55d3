"""When the window asks the worker to refresh: a timer for the feeds that are due, a pass at
start-up, and one pass at a time, with requests that arrive meanwhile merged into the next.

The timer runs at the shorter of ``refresh.interval_minutes`` and the shortest interval a
feed has of its own. A request made while a pass runs waits for its end; only the latest one
waits, and a timer's request never pushes out one the user made.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from newsdesk.core.profile import Profile
from newsdesk.worker.refresher import RefreshRequest

#: How long after the window opens the start-up refresh begins (a first run starts at once).
START_REFRESH_DELAY_MS = 1500


class RefreshScheduler(QObject):
    """Decides when a pass runs; the window sends the requests to the worker.

    Signals:
        due(object): a :class:`RefreshRequest` the timer or the start-up wants sent.
    """

    due = Signal(object)

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        """Start the timer at the pace ``profile``'s settings and feeds ask for."""
        super().__init__(parent)
        self._profile = profile
        self._running = False
        self._pending: RefreshRequest | None = None
        self._quiet = False  # a timer pass: no progress bar unless some feed is due
        self.pass_started = time.time()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer)
        self.update_timer()

    @property
    def quiet(self) -> bool:
        """Whether the running (or last) pass is the timer's, which shows no progress at first."""
        return self._quiet

    def begin(self, request: RefreshRequest) -> bool:
        """Whether ``request`` may go to the worker now; if a pass runs, it waits for its end."""
        if self._running:
            # The latest request waits for its turn, but a timer's pass never pushes out one
            # the user asked for.
            if not (request.due_only and self._pending is not None):
                self._pending = request
            return False
        self._running = True
        self._quiet = request.due_only
        self.pass_started = time.time()
        return True

    def end(self) -> None:
        """The pass ended (or could not run): the next request may go at once."""
        self._running = False

    def take_pending(self) -> RefreshRequest | None:
        """The request that waited for the pass to end, if any (it waits no longer)."""
        pending, self._pending = self._pending, None
        return pending

    def schedule_start(self, *, first_run: bool) -> None:
        """The start-up refresh (``refresh.on_start``): at once on a first run, which has
        nothing to show yet, else after a moment, once the window has painted."""
        if self._profile.settings.refresh.on_start:
            delay = 0 if first_run else START_REFRESH_DELAY_MS
            QTimer.singleShot(delay, self._on_start)

    def update_timer(self) -> None:
        """Run the timer at the shorter of the global interval and the shortest feed's own."""
        minutes = self._profile.settings.refresh.interval_minutes
        shortest = self._profile.storage.shortest_interval()
        if shortest:
            minutes = min(minutes, shortest)
        interval = max(1, minutes) * 60_000
        if interval != self.timer.interval() or not self.timer.isActive():
            self.timer.start(interval)  # (re)starts the count from now

    def interval_minutes(self) -> int:
        """Minutes between the timer's passes."""
        return self.timer.interval() // 60_000

    @Slot()
    def _on_start(self) -> None:
        self.due.emit(RefreshRequest())

    @Slot()
    def _on_timer(self) -> None:
        """The timer: a pass over the feeds that are due (and the rates, if due)."""
        self.due.emit(RefreshRequest(due_only=True))
