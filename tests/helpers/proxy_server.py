"""A forwarding HTTP proxy on 127.0.0.1 for proxy tests: it answers absolute-form GETs
(``GET http://127.0.0.1:PORT/path``) by fetching the target, which must be a loopback address,
and records every request it served. Responses carry ``Via: 1.1 newsdesk-test-proxy``."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

VIA = "1.1 newsdesk-test-proxy"
_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade"}
)


@dataclass(frozen=True)
class Proxied:
    """One request the proxy forwarded."""

    target: str  # the absolute URL asked for
    headers: dict[str, str]


class ProxyServer:
    """Start with ``ProxyServer().start()``; always ``stop()``."""

    def __init__(self) -> None:
        self.requests: list[Proxied] = []
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server._lock:
                    server.requests.append(Proxied(self.path, headers))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._forward(self, headers)

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (what a proxy setting names)."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> ProxyServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def _forward(self, h: http.server.BaseHTTPRequestHandler, headers: dict[str, str]) -> None:
        target = urlsplit(h.path)
        if target.scheme != "http" or target.hostname != "127.0.0.1":
            self._reply(h, 502, {"Content-Type": "text/plain"}, b"not a loopback target")
            return
        upstream = http.client.HTTPConnection("127.0.0.1", target.port or 80, timeout=10)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            sent = {k: v for k, v in headers.items() if k not in _HOP_BY_HOP}
            sent["via"] = VIA
            upstream.request("GET", path or "/", headers=sent)
            response = upstream.getresponse()
            body = response.read()
            out = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP}
            out.pop("Content-Length", None)
            self._reply(h, response.status, out, body)
        except OSError:
            self._reply(h, 502, {"Content-Type": "text/plain"}, b"upstream failed")
        finally:
            upstream.close()

    @staticmethod
    def _reply(
        h: http.server.BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
    ) -> None:
        h.send_response(status)
        for key, value in headers.items():
            h.send_header(key, value)
        h.send_header("Via", VIA)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304 and body:
            h.wfile.write(body)


PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "REQUEST_METHOD",  # urllib ignores HTTP_PROXY when it is set (CGI)
)


def clear_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every proxy variable for one test."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
