"""A real HTTP server on 127.0.0.1 that serves the shared fixture files and misbehaves on request.

Routes (``GET``):

* ``/feeds/<path>`` — a file under ``fixtures/feeds`` with ETag and Last-Modified; honours
  ``If-None-Match`` / ``If-Modified-Since`` with a 304.
* ``/plain/<path>`` — the same file without any validators.
* ``/gzip/<path>`` — gzip-encoded.
* ``/type/<mime>/<path>`` — served with a wrong or chosen content type (``_`` for ``/``).
* ``/moved/<code>/<path>`` — a redirect with that status to ``/feeds/<path>``.
* ``/to/<code>?url=...`` — a redirect with that status to any URL.
* ``/loop``, ``/chain/<n>`` — a redirect loop; a chain of ``n`` redirects ending at a feed.
* ``/status/<code>`` — that status with a short body; ``/retry/<seconds>`` — 429 + Retry-After.
* ``/drip`` — headers, then one byte every 0.2 s for at most 30 s.
* ``/bomb`` — a gzip body of ~0.3 MB that inflates to 300 MB.
* ``/big/<megabytes>`` — a plain body of that size (XML-ish).
* ``/body?text=...`` — exactly that body (e.g. ``/dev/zero``).
* Anything registered with :meth:`FeedServer.route` (dynamic bodies for a test).

Every request is recorded in :attr:`FeedServer.requests`.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

MIME = {
    ".xml": "application/xml",
    ".json": "application/feed+json",
    ".opml": "text/x-opml",
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv",
}
START = email.utils.formatdate(1_700_000_000, usegmt=True)


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Reply:
    """A response a dynamic route returns."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] | None = None


Route = Callable[[Seen], Reply]


class FeedServer:
    """Start with ``FeedServer(root).start()``; always ``stop()`` (the fixture does)."""

    def __init__(self, root: Path, host: str = "127.0.0.1") -> None:
        self.root = root
        self.host = host
        self.requests: list[Seen] = []
        self.connections = 0  # TCP connections accepted (keep-alive reuse shows here)
        self.routes: dict[str, Route] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server.connections += 1

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.time())
                with server._lock:
                    server.requests.append(seen)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._dispatch(self, seen)

        self._httpd = _Server((host, 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- control --------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        """An absolute URL on this server."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def start(self) -> FeedServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def route(self, path: str, handler: Route) -> str:
        """Serve ``path`` from ``handler``; returns its absolute URL."""
        self.routes[path] = handler
        return self.url(path)

    def hits(self, prefix: str) -> list[Seen]:
        """The requests whose path starts with ``prefix``."""
        with self._lock:
            return [r for r in self.requests if r.path.startswith(prefix)]

    # -- responses ------------------------------------------------------------------------------

    def _dispatch(self, h: http.server.BaseHTTPRequestHandler, seen: Seen) -> None:
        parts = urlsplit(seen.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        if path in self.routes:
            reply = self.routes[path](seen)
            return self._send(h, reply.status, reply.body, reply.headers or {})
        head, _, rest = path.lstrip("/").partition("/")
        if head == "feeds":
            return self._file(h, seen, rest, validators=True)
        if head == "plain":
            return self._file(h, seen, rest, validators=False)
        if head == "gzip":
            body = gzip.compress(self._read(rest))
            return self._send(
                h, 200, body, {"Content-Type": _mime(rest), "Content-Encoding": "gzip"}
            )
        if head == "type":
            mime, _, file = rest.partition("/")
            return self._send(h, 200, self._read(file), {"Content-Type": mime.replace("_", "/")})
        if head == "moved":
            code, _, file = rest.partition("/")
            return self._send(h, int(code), b"", {"Location": f"/feeds/{file}"})
        if head == "to":
            return self._send(h, int(rest), b"", {"Location": query["url"][0]})
        if head == "loop":
            return self._send(h, 302, b"", {"Location": "/loop2"})
        if head == "loop2":
            return self._send(h, 302, b"", {"Location": "/loop"})
        if head == "chain":
            n = int(rest.split("/")[0])
            target = f"/chain/{n - 1}" if n > 1 else "/feeds/real/nyt-health-rss2.xml"
            return self._send(h, 302, b"", {"Location": target})
        if head == "status":
            return self._send(
                h, int(rest), f"status {rest}".encode(), {"Content-Type": "text/plain"}
            )
        if head == "retry":
            return self._send(h, 429, b"slow down", {"Retry-After": rest})
        if head == "drip":
            return self._drip(h)
        if head == "bomb":
            return self._send(
                h, 200, _bomb(), {"Content-Encoding": "gzip", "Content-Type": "application/xml"}
            )
        if head == "big":
            size = int(float(rest) * 1_000_000)
            body = b"<rss><channel>" + b"x" * size + b"</channel></rss>"
            return self._send(h, 200, body, {"Content-Type": "application/xml"})
        if head == "body":
            return self._send(
                h, 200, query.get("text", [""])[0].encode(), {"Content-Type": "text/plain"}
            )
        return self._send(h, 404, b"not here", {"Content-Type": "text/plain"})

    def _read(self, relative: str) -> bytes:
        target = (self.root / relative).resolve()
        if self.root.resolve() not in target.parents:
            raise PermissionError(relative)
        return target.read_bytes()

    def _file(
        self, h: http.server.BaseHTTPRequestHandler, seen: Seen, rel: str, validators: bool
    ) -> None:
        try:
            body = self._read(rel)
        except (OSError, PermissionError):
            return self._send(h, 404, b"no such file", {"Content-Type": "text/plain"})
        headers = {"Content-Type": _mime(rel)}
        if validators:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers |= {"ETag": etag, "Last-Modified": START}
            if seen.headers.get("if-none-match") == etag or (
                "if-none-match" not in seen.headers
                and seen.headers.get("if-modified-since") == START
            ):
                return self._send(h, 304, b"", headers)
        return self._send(h, 200, body, headers)

    def _send(
        self,
        h: http.server.BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str],
    ) -> None:
        h.send_response(status)
        for key, value in headers.items():
            h.send_header(key, value)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304 and body:
            h.wfile.write(body)

    def _drip(self, h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/xml")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        deadline = time.monotonic() + 30
        for _ in range(150):
            if self._stop.is_set() or time.monotonic() > deadline:
                break
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.2)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up early (timeouts, caps) are part of the tests, not errors."""


def _mime(name: str) -> str:
    return MIME.get(Path(name).suffix, "application/octet-stream")


_BOMB: bytes | None = None


def _bomb() -> bytes:
    global _BOMB
    if _BOMB is None:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b"\0" * 2**20
        _BOMB = b"".join(packer.compress(block) for _ in range(300)) + packer.flush()
    return _BOMB
