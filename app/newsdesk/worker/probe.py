"""Tests a feed address for the settings dialog without blocking the window.

:class:`FeedProbe` lives in its own ``QThread``. Its :meth:`~FeedProbe.probe` slot downloads the
address once through :func:`newsdesk.core.discover.resolve_feed` (the proxy, timeouts and size
caps of the settings it is given; a web page's announced feed is followed) and answers with one
of two signals, which Qt queues to receivers in the GUI thread. Probes asked for while one runs
are answered in turn, each with its own signal.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal, Slot

from newsdesk.core.discover import resolve_feed
from newsdesk.core.errors import CancelledError, NewsdeskError
from newsdesk.core.model import ProbeResult
from newsdesk.core.settings import Settings

log = logging.getLogger(__name__)


class FeedProbe(QObject):
    """Checks whether an address is (or leads to) a readable feed, off the GUI thread.

    Signals:
        succeeded(object): a :class:`~newsdesk.core.model.ProbeResult` (URL, title, item count).
        failed(str): one sentence for the user saying why the address is no usable feed.
    """

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        """Prepare; nothing is opened until the first probe."""
        super().__init__()
        self._stop = threading.Event()

    def stop(self) -> None:
        """Abandon a running probe and ignore later ones (callable from any thread)."""
        self._stop.set()

    @Slot(str, object)
    def probe(self, address: str, settings: object) -> None:
        """Download ``address`` once with the network settings of ``settings`` and report.

        Args:
            address: What the user typed: a feed's or a web page's address.
            settings: A core :class:`~newsdesk.core.settings.Settings` (``object`` for Qt).
        """
        if not isinstance(settings, Settings):
            raise TypeError(f"FeedProbe.probe needs a Settings, not {type(settings).__name__}")
        if self._stop.is_set():
            return
        try:
            result: ProbeResult = resolve_feed(address, settings, cancel=self._stop)
        except CancelledError:
            return
        except NewsdeskError as exc:
            self.failed.emit(str(exc))
            return
        except Exception:  # a bug must not leave the dialog waiting for an answer
            log.exception("Testing the feed %.200s failed", address)
            self.failed.emit("The feed could not be tested because of an internal error.")
            return
        if not self._stop.is_set():
            self.succeeded.emit(result)


__all__ = ["FeedProbe", "ProbeResult"]
