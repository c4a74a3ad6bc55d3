"""The image worker: only http(s), capped, cookie-free, Referer-free, a few at a time."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, QThread, Signal, Slot

from newsdesk.core.settings import Settings
from newsdesk.worker.images import IMAGE_LIMITS, ImageFetcher
from tests.helpers.feedserver import Reply, Seen
from tests.helpers.proxy_server import ProxyServer, clear_proxy_environment
from tests.ui.test_article_view import png_bytes


class Pane(QObject):
    """Stands in for the article pane: sends URL lists across threads and receives the worker's
    signals in the GUI thread (slots, never lambdas), re-emitting them for the test to wait on."""

    wanted = Signal(list)
    ready = Signal(str, bytes)
    failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.threads: set[int] = set()

    @Slot(str, bytes)
    def on_ready(self, url: str, data: bytes) -> None:
        self.urls.append(url)
        self.threads.add(threading.get_ident())
        self.ready.emit(url, data)

    @Slot(str, str)
    def on_failed(self, url: str, reason: str) -> None:
        self.threads.add(threading.get_ident())
        self.failed.emit(url, reason)


@pytest.fixture
def start_fetcher(qtbot):  # type: ignore[no-untyped-def]
    """Start an ImageFetcher in its own QThread; returns (fetcher, stand-in pane)."""
    started: list[tuple[ImageFetcher, QThread]] = []

    def start(**kwargs: object) -> tuple[ImageFetcher, Pane]:
        fetcher = ImageFetcher(**kwargs)  # type: ignore[arg-type]
        thread = QThread()
        fetcher.moveToThread(thread)
        pane = Pane()
        pane.wanted.connect(fetcher.fetch)
        fetcher.image_ready.connect(pane.on_ready)
        fetcher.image_failed.connect(pane.on_failed)
        thread.start()
        started.append((fetcher, thread))
        return fetcher, pane

    yield start
    for fetcher, thread in started:
        fetcher.stop()
        thread.quit()
        assert thread.wait(5000)
        assert fetcher.wait(15)


def test_downloads_bytes_without_cookies_or_referer(qtbot, feed_server, start_fetcher):
    body = png_bytes(40, 30)

    def picture(seen: Seen) -> Reply:
        return Reply(200, body, {"Content-Type": "image/png", "Set-Cookie": "track=abc123; Path=/"})

    first = feed_server.route("/img/a.png", picture)
    second = feed_server.route("/img/b.png", picture)
    fetcher, pane = start_fetcher()
    with qtbot.waitSignal(pane.ready, timeout=10000) as blocker:
        pane.wanted.emit([first])
    assert blocker.args == [first, body]
    with qtbot.waitSignal(pane.ready, timeout=10000) as blocker:
        pane.wanted.emit([second])
    assert blocker.args == [second, body]
    hits = feed_server.hits("/img/")
    assert [h.path for h in hits] == ["/img/a.png", "/img/b.png"]
    for hit in hits:
        assert "cookie" not in hit.headers  # the first response's cookie was never kept
        assert "referer" not in hit.headers
        assert hit.headers["accept"].startswith("image/")


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "/dev/zero", "javascript:alert(1)", "smb://host/x.png", "data:x"],
)
def test_refuses_anything_but_the_web(qtbot, feed_server, start_fetcher, url):
    fetcher, pane = start_fetcher()
    with qtbot.waitSignal(pane.failed, timeout=5000) as blocker:
        pane.wanted.emit([url])
    assert blocker.args[0] == url
    assert "http" in blocker.args[1]
    assert feed_server.requests == []


def test_a_redirect_to_a_local_file_fails(qtbot, feed_server, start_fetcher):
    url = feed_server.url("/to/302?url=file:///etc/passwd")
    fetcher, pane = start_fetcher()
    with qtbot.waitSignal(pane.failed, timeout=10000) as blocker:
        pane.wanted.emit([url])
    assert blocker.args[0] == url


def test_an_image_over_the_cap_fails(qtbot, feed_server, start_fetcher):
    assert IMAGE_LIMITS.max_bytes == 5_000_000 and IMAGE_LIMITS.deadline == 30
    big = feed_server.url("/big/0.05")  # 50 KB against a 10 KB cap set for the test
    fetcher, pane = start_fetcher(limits=replace(IMAGE_LIMITS, max_bytes=10_000))
    with qtbot.waitSignal(pane.failed, timeout=10000) as blocker:
        pane.wanted.emit([big])
    assert blocker.args[0] == big
    assert "larger than" in blocker.args[1]


def test_http_errors_fail_with_the_status(qtbot, feed_server, start_fetcher):
    missing = feed_server.url("/status/404")
    fetcher, pane = start_fetcher()
    with qtbot.waitSignal(pane.failed, timeout=10000) as blocker:
        pane.wanted.emit([missing])
    assert blocker.args == [missing, "The server answered HTTP 404 for this image."]


def test_never_more_than_n_at_a_time_and_each_url_once(qtbot, feed_server, start_fetcher):
    lock = threading.Lock()
    now = [0]
    peak = [0]

    def slow(seen: Seen) -> Reply:
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        time.sleep(0.15)
        with lock:
            now[0] -= 1
        return Reply(200, png_bytes(4, 4), {"Content-Type": "image/png"})

    urls = [feed_server.route(f"/img/{i}.png", slow) for i in range(8)]
    fetcher, pane = start_fetcher(max_parallel=2)
    pane.wanted.emit(urls + urls[:3])  # repeats are fetched once
    qtbot.waitUntil(lambda: len(pane.urls) == 8, timeout=20000)
    assert sorted(pane.urls) == sorted(urls)
    assert pane.threads == {threading.get_ident()}  # received in the GUI thread
    assert peak[0] <= 2
    assert len(feed_server.hits("/img/")) == 8
    assert fetcher.pending() == 0


def test_stop_drops_pending_downloads(qtbot, feed_server, start_fetcher):
    release = threading.Event()

    def stalled(seen: Seen) -> Reply:
        release.wait(5)
        return Reply(200, png_bytes(4, 4), {"Content-Type": "image/png"})

    urls = [feed_server.route(f"/img/s{i}.png", stalled) for i in range(6)]
    fetcher, pane = start_fetcher(max_parallel=1)
    pane.wanted.emit(urls)
    qtbot.waitUntil(lambda: len(feed_server.hits("/img/")) == 1, timeout=5000)
    with qtbot.assertNotEmitted(pane.ready, wait=300):
        fetcher.stop()
        release.set()
    assert fetcher.wait(10)
    assert len(feed_server.hits("/img/")) == 1  # the queued five were never requested


class ArticlePane(Pane):
    """The pane as it asks for an article's pictures, naming the article."""

    wanted_for = Signal(list, str)
    send_referer = Signal(bool)
    settings_changed = Signal(object)


@pytest.fixture
def start_pane_fetcher(qtbot, start_fetcher):  # type: ignore[no-untyped-def]
    """As ``start_fetcher``, with the Referer and settings signals wired too."""

    def start(**kwargs: object) -> tuple[ImageFetcher, ArticlePane]:
        fetcher, _ = start_fetcher(**kwargs)
        pane = ArticlePane()
        pane.wanted_for.connect(fetcher.fetch_for)
        pane.send_referer.connect(fetcher.set_send_referer)
        pane.settings_changed.connect(fetcher.apply_settings)
        fetcher.image_ready.connect(pane.on_ready)
        fetcher.image_failed.connect(pane.on_failed)
        return fetcher, pane

    return start


def _picture(seen: Seen) -> Reply:
    return Reply(200, png_bytes(4, 4), {"Content-Type": "image/png"})


def test_referer_is_sent_only_once_allowed(qtbot, feed_server, start_pane_fetcher):
    urls = [feed_server.route(f"/img/r{i}.png", _picture) for i in range(4)]
    article = feed_server.url("/news/story-1?utm=x")
    fetcher, pane = start_pane_fetcher()
    with qtbot.waitSignal(pane.ready, timeout=10000):
        pane.wanted_for.emit([urls[0]], article)  # default: the article is not named
    pane.send_referer.emit(True)
    with qtbot.waitSignal(pane.ready, timeout=10000):
        pane.wanted_for.emit([urls[1]], article)
    with qtbot.waitSignal(pane.ready, timeout=10000):
        pane.wanted_for.emit([urls[2]], "https://elsewhere.example/story")  # https → http
    pane.send_referer.emit(False)
    with qtbot.waitSignal(pane.ready, timeout=10000):
        pane.wanted_for.emit([urls[3]], article)
    referers = {h.path: h.headers.get("referer") for h in feed_server.hits("/img/")}
    assert referers == {
        "/img/r0.png": None,
        "/img/r1.png": article,  # the same origin: the article's address (a browser's default)
        "/img/r2.png": None,
        "/img/r3.png": None,
    }


def test_settings_choose_referer_and_proxy(qtbot, feed_server, start_pane_fetcher, monkeypatch):
    clear_proxy_environment(monkeypatch)
    proxy = ProxyServer().start()
    try:
        first = feed_server.route("/img/p1.png", _picture)
        second = feed_server.route("/img/p2.png", _picture)
        on = Settings().with_value("privacy.send_referer", "true")
        fetcher, pane = start_pane_fetcher(settings=on, max_parallel=1)
        with qtbot.waitSignal(pane.ready, timeout=10000):
            pane.wanted_for.emit([first], "http://news.example/a/1")
        assert feed_server.hits("/img/p1.png")[0].headers["referer"] == "http://news.example/"
        assert proxy.requests == []
        manual = on.with_value("network.proxy_url", proxy.url).with_value("network.proxy", "manual")
        pane.settings_changed.emit(manual.with_value("privacy.send_referer", "false"))
        with qtbot.waitSignal(pane.ready, timeout=10000):
            pane.wanted_for.emit([second], "http://news.example/a/1")
        assert [r.target for r in proxy.requests] == [second]  # the same thread, a new session
        assert "referer" not in feed_server.hits("/img/p2.png")[0].headers
    finally:
        proxy.stop()
