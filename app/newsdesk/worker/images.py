"""Downloads an article's pictures off the GUI thread, only when the user allowed it.

Remote images are off by default (tracking pixels tell a sender who read what, and when;
notes/security-model.md row A6). When the user clicks "Load images", or allows remote images in
the settings, the article pane emits the URLs and this worker downloads them:

* only http(s), through :func:`newsdesk.core.net.fetch` with its own :data:`IMAGE_LIMITS`
  (5 MB after decompression, a 30 s deadline per image, bounded redirects);
* no cookies (a cookie policy that refuses every cookie, in and out), no ``Referer`` (requests
  sends none and :func:`~newsdesk.core.net.fetch` follows redirects by hand) unless the user
  allowed it (``privacy.send_referer``, :meth:`ImageFetcher.set_send_referer`) and the request
  names the article (:meth:`ImageFetcher.fetch_for`); then it is what a browser sends by
  default (:func:`~newsdesk.core.net.referer_for`: the article's origin to other sites);
* through the proxy of ``network.proxy`` (:meth:`ImageFetcher.apply_settings` changes it for the
  next download);
* at most ``max_parallel`` downloads at a time, on that many daemon threads, each with its own
  ``requests.Session``; each URL is downloaded once while it is pending;
* bytes go back to the GUI thread in :attr:`ImageFetcher.image_ready`, where
  :func:`newsdesk.ui.widgets.article_view.decode_image` decodes them with Qt's allocation limit.
  Nothing here decodes, so a hostile image can only cost the bytes the cap allows.

The object lives in its own ``QThread`` (its slots run there); the download threads emit its
signals, which Qt queues to receivers in the GUI thread.
"""

from __future__ import annotations

import http.cookiejar
import logging
import queue
import threading
import urllib.request
from collections.abc import Callable, Sequence

import requests
from PySide6.QtCore import QObject, Signal, Slot

from newsdesk.core.errors import (
    CancelledError,
    FetchError,
    HttpStatusError,
    NewsdeskError,
    TooLargeError,
)
from newsdesk.core.links import is_web_url
from newsdesk.core.net import Limits, fetch, make_session
from newsdesk.core.settings import NetworkSettings, Settings

log = logging.getLogger(__name__)

#: Bounds of one image download (security-model.md §4.J: 5 MB, 30 s).
IMAGE_LIMITS = Limits(
    connect_timeout=10.0, read_timeout=10.0, deadline=30.0, max_bytes=5_000_000, max_redirects=5
)
#: Downloads at a time.
MAX_PARALLEL = 4
#: URLs taken from one request; the article view lists at most 20 per article.
MAX_PER_REQUEST = 32
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5"

_STOP = ("", "")  # the queue's sentinel: no URL is empty


class _NoCookies(http.cookiejar.CookiePolicy):
    """Refuses to store or send any cookie."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return False

    def domain_return_ok(self, domain: str, request: urllib.request.Request) -> bool:
        return False

    def path_return_ok(self, path: str, request: urllib.request.Request) -> bool:
        return False


def make_image_session(network: NetworkSettings | None = None) -> requests.Session:
    """A session for pictures: the app's User-Agent, image ``Accept``, no cookies, no Referer,
    through the proxy ``network`` names."""
    session = make_session(network)
    session.headers["Accept"] = IMAGE_ACCEPT
    session.headers.pop("Referer", None)
    session.cookies.set_policy(_NoCookies())
    return session


class ImageFetcher(QObject):
    """Downloads pictures the user asked for, a few at a time.

    Signals:
        image_ready(str, bytes): the URL as requested and the image's bytes (not decoded).
        image_failed(str, str): the URL and a one-sentence reason.
    """

    image_ready = Signal(str, bytes)
    image_failed = Signal(str, str)

    def __init__(
        self,
        *,
        limits: Limits = IMAGE_LIMITS,
        max_parallel: int = MAX_PARALLEL,
        session_factory: Callable[[], requests.Session] | None = None,
        settings: Settings | None = None,
    ) -> None:
        """Prepare; threads and sessions are made on the first request.

        Args:
            limits: The bounds of one download.
            max_parallel: Downloads at a time.
            session_factory: Makes a download thread's session; by default
                :func:`make_image_session` with the current network settings.
            settings: The proxy (``network``) and ``privacy.send_referer``; defaults if None.
        """
        super().__init__()
        settings = settings or Settings()
        self._limits = limits
        self._max_parallel = max(1, max_parallel)
        self._session_factory = session_factory
        self._network = settings.network
        self._send_referer = settings.privacy.send_referer
        self._generation = 0  # bumped when the network settings change: sessions are remade
        self._queue: queue.SimpleQueue[tuple[str, str]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._pending: set[str] = set()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @Slot(list)
    def fetch(self, urls: Sequence[str]) -> None:
        """Download each http(s) URL in ``urls`` not already pending (others fail at once)."""
        self.fetch_for(urls, "")

    @Slot(list, str)
    def fetch_for(self, urls: Sequence[str], referer: str) -> None:
        """As :meth:`fetch`, for the article at ``referer``, which a request names as its
        ``Referer`` only after :meth:`set_send_referer` allowed it ("" for none)."""
        if self._stop.is_set():
            return
        wanted = list(dict.fromkeys(u for u in urls if isinstance(u, str)))
        for extra in wanted[MAX_PER_REQUEST:]:
            self.image_failed.emit(extra, "Too many images in one article; this one was skipped.")
        for url in wanted[:MAX_PER_REQUEST]:
            if not is_web_url(url):
                self.image_failed.emit(url, "Only http and https images are downloaded.")
                continue
            with self._lock:
                if url in self._pending:
                    continue
                self._pending.add(url)
            self._ensure_threads()
            self._queue.put((url, referer if isinstance(referer, str) else ""))

    @Slot(bool)
    def set_send_referer(self, send: bool) -> None:
        """Allow (True) or forbid (False, the default) naming the article in ``Referer``."""
        with self._lock:
            self._send_referer = bool(send)

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """Use the proxy and the Referer choice of ``settings`` from the next download on."""
        with self._lock:
            self._send_referer = settings.privacy.send_referer
            if settings.network != self._network:
                self._network = settings.network
                self._generation += 1

    def stop(self) -> None:
        """Stop: pending downloads are dropped, running ones end at their next read.

        Callable from any thread; the fetcher does nothing more afterwards.
        """
        self._stop.set()
        with self._lock:
            threads = len(self._threads)
            self._pending.clear()
        for _ in range(threads):
            self._queue.put(_STOP)

    def pending(self) -> int:
        """URLs queued or downloading."""
        with self._lock:
            return len(self._pending)

    def wait(self, timeout: float) -> bool:
        """After :meth:`stop`, wait up to ``timeout`` seconds for the threads; True if all ended."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
        return not any(thread.is_alive() for thread in threads)

    # -- download threads ----------------------------------------------------------------------

    def _ensure_threads(self) -> None:
        with self._lock:
            while len(self._threads) < self._max_parallel:
                thread = threading.Thread(
                    target=self._run, name=f"images-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()

    def _new_session(self) -> tuple[requests.Session, int]:
        with self._lock:
            network, generation = self._network, self._generation
        if self._session_factory is not None:
            session = self._session_factory()
        else:
            session = make_image_session(network)
        with self._lock:
            self._sessions.append(session)
        return session, generation

    def _run(self) -> None:
        session, generation = self._new_session()
        try:
            while not self._stop.is_set():
                item = self._queue.get()
                if item == _STOP or self._stop.is_set():
                    break
                with self._lock:
                    stale = generation != self._generation
                    send_referer = self._send_referer
                if stale:  # the proxy changed: a new session, with new connections
                    with self._lock:
                        self._sessions.remove(session)
                    session.close()
                    session, generation = self._new_session()
                url, referer = item
                self._download(session, url, referer if send_referer else "")
        finally:
            session.close()

    def _download(self, session: requests.Session, url: str, referer: str = "") -> None:
        try:
            response = fetch(
                session, url, limits=self._limits, cancel=self._stop, referer=referer or None
            )
        except CancelledError:
            return
        except TooLargeError:
            mb = self._limits.max_bytes / 1_000_000
            self._fail(url, f"The image is larger than {mb:g} MB; it was not downloaded.")
            return
        except HttpStatusError as exc:
            self._fail(url, f"The server answered HTTP {exc.status} for this image.")
            return
        except (FetchError, NewsdeskError) as exc:
            self._fail(url, str(exc))
            return
        except Exception:  # a bug must not kill the download thread silently
            log.exception("Downloading image %.200s failed", url)
            self._fail(url, "The image could not be downloaded.")
            return
        finally:
            with self._lock:
                self._pending.discard(url)
        if self._stop.is_set():
            return
        if response.status != 200 or not response.body:
            self._fail(url, "The server sent no image.")
            return
        self.image_ready.emit(url, response.body)

    def _fail(self, url: str, reason: str) -> None:
        if not self._stop.is_set():
            self.image_failed.emit(url, reason)


__all__ = ["IMAGE_LIMITS", "MAX_PARALLEL", "ImageFetcher", "make_image_session"]
