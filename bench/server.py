"""The loopback feed server of the bench: N synthetic feeds spread over several loopback hosts.

Every address in 127.0.0.0/8 is loopback on Linux, so the feeds are spread over 127.0.0.2 …
127.0.0.(1 + hosts), all on one port: to a client they look like that many sites, which keeps
Newsdesk's per-host connection cap as realistic as it is on the Internet. Nothing listens on any
other interface.

Run it as a child process (``python -m bench.server --feeds 200 …``): it prints one JSON line
(``{"port": …, "urls": [...]}``) when it is ready and serves until its stdin closes (or it gets
SIGTERM). It runs in its own process so that its Python work does not share a GIL with the
client being measured.

Routes: ``GET /feeds/<n>.xml`` (ETag and Last-Modified, 304 on ``If-None-Match`` or
``If-Modified-Since``, gzip when asked), ``GET /__stats`` (request counts as JSON),
``GET /__reset`` (zero them). Each response waits ``--latency-ms`` first (time to first byte).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import json
import signal
import socket
import sys
import threading
import time
from datetime import UTC, datetime

from bench import synth

LAST_MODIFIED_TS = 1_700_000_000


class _State:
    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.bodies: dict[int, tuple[bytes, bytes, str, str]] = {}  # plain, gzip, type, etag
        self.last_modified = email.utils.formatdate(LAST_MODIFIED_TS, usegmt=True)
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}
        self.bytes_sent = 0

    def count(self, key: str, sent: int) -> None:
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            self.bytes_sent += sent


def _handler(state: _State) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers
        server_version = "bench/1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def setup(self) -> None:  # once per connection (keep-alive serves many requests)
            super().setup()
            state.count("connections", 0)

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path.split("?", 1)[0]
            if path == "/__stats":
                with state.lock:
                    data = dict(state.counts, bytes_sent=state.bytes_sent)
                self._send(200, json.dumps(data).encode(), "application/json")
                return
            if path == "/__reset":
                with state.lock:
                    state.counts.clear()
                    state.bytes_sent = 0
                self._send(200, b"{}", "application/json")
                return
            if state.latency:
                time.sleep(state.latency)
            number = _feed_number(path)
            entry = state.bodies.get(number) if number is not None else None
            if entry is None:
                state.count("404", 0)
                self._send(404, b"not found", "text/plain")
                return
            plain, packed, ctype, etag = entry
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = (inm is not None and etag in [t.strip() for t in inm.split(",")]) or (
                inm is None and ims is not None and _not_modified_since(ims)
            )
            headers = {
                "ETag": etag,
                "Last-Modified": state.last_modified,
                "Vary": "Accept-Encoding",
            }
            if fresh:
                state.count("304", 0)
                self._send(304, b"", None, headers)
                return
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                headers["Content-Encoding"] = "gzip"
                body = packed
            else:
                body = plain
            state.count("200", len(body))
            self._send(200, body, ctype, headers)

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str | None,
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304 and body:
                self.wfile.write(body)

    return Handler


def _feed_number(path: str) -> int | None:
    if not (path.startswith("/feeds/") and path.endswith(".xml")):
        return None
    digits = path[len("/feeds/") : -len(".xml")]
    return int(digits) if digits.isdigit() else None


def _not_modified_since(value: str) -> bool:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
    return when.timestamp() >= LAST_MODIFIED_TS


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True


def host_addresses(hosts: int) -> list[str]:
    """127.0.0.2, 127.0.0.3, …: distinct loopback addresses that look like distinct sites."""
    if not 1 <= hosts <= 200:
        raise ValueError("hosts must be between 1 and 200")
    return [f"127.0.0.{2 + i}" for i in range(hosts)]


def _bind_all(hosts: list[str], state: _State) -> tuple[int, list[_Server]]:
    handler = _handler(state)
    for _attempt in range(20):  # bounded: find a port free on every address
        first = _Server((hosts[0], 0), handler)
        port = first.server_address[1]
        servers = [first]
        try:
            for host in hosts[1:]:
                servers.append(_Server((host, port), handler))
        except OSError:
            for s in servers:
                s.server_close()
            continue
        return port, servers
    raise OSError("no port was free on every loopback address")


def feed_urls(hosts: list[str], port: int, feeds: int) -> list[str]:
    """Feed ``n`` lives on host ``n % len(hosts)``."""
    return [f"http://{hosts[n % len(hosts)]}:{port}/feeds/{n}.xml" for n in range(feeds)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args(argv)
    hosts = host_addresses(args.hosts)
    state = _State(args.latency_ms / 1000)
    port, servers = _bind_all(hosts, state)
    urls = feed_urls(hosts, port, args.feeds)
    vocab = synth.Vocabulary()
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    total = 0
    for n, url in enumerate(urls):
        body, ctype = synth.feed_document(n, args.items, now, vocab, url)
        state.bodies[n] = (body, gzip.compress(body, 6), ctype, synth.etag_of(body))
        total += len(body)
    threads = [
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        for s in servers
    ]
    for t in threads:
        t.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(  # noqa: T201 (a command's output is its interface)
        json.dumps({"port": port, "hosts": hosts, "urls": urls, "bytes": total}),
        flush=True,
    )

    def watch_stdin() -> None:
        sys.stdin.read()  # returns when the parent closes our stdin (or dies)
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait()
    for s in servers:
        s.shutdown()
        s.server_close()
    return 0


class ServerProcess:
    """The server as a child process; a context manager that always stops it."""

    def __init__(
        self, python: str, root: str, feeds: int, items: int, hosts: int, latency_ms: float
    ):
        self._cmd = [
            python, "-m", "bench.server", "--feeds", str(feeds), "--items", str(items),
            "--hosts", str(hosts), "--latency-ms", str(latency_ms),
        ]  # fmt: skip
        self._root = root
        self.proc = None
        self.info: dict = {}

    def __enter__(self) -> ServerProcess:
        import os
        import subprocess

        env = dict(os.environ, PYTHONPATH=self._root)
        self.proc = subprocess.Popen(
            self._cmd, cwd=self._root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        line = self.proc.stdout.readline()  # the server prints when ready (≈ 2 s)
        if not line:
            self.__exit__()
            raise RuntimeError("the bench server did not start")
        self.info = json.loads(line)
        _wait_connectable(self.info["hosts"], self.info["port"])
        return self

    @property
    def urls(self) -> list[str]:
        return list(self.info["urls"])

    def stats(self, reset: bool = False) -> dict:
        import urllib.request

        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        host = self.info["hosts"][0]
        path = "/__reset" if reset else "/__stats"
        with opener.open(f"http://{host}:{self.info['port']}{path}", timeout=5) as r:
            return json.loads(r.read())

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - stop it whatever happened
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None


def _wait_connectable(hosts: list[str], port: int) -> None:
    deadline = time.monotonic() + 10
    for host in hosts:
        while True:
            try:
                with socket.create_connection((host, port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


if __name__ == "__main__":
    raise SystemExit(main())
