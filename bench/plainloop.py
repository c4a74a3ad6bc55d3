"""The reference "plain Python" refresher: requests + feedparser + sqlite, 16 threads.

What a reasonable person writes in an afternoon: a thread pool fetches every feed with a
per-thread ``requests.Session`` and a conditional GET (ETag and Last-Modified kept in SQLite),
``feedparser.parse`` reads the body in the same thread, and the main thread stores the items
(``INSERT OR IGNORE`` by feed and GUID, one transaction per feed). No sanitising beyond
feedparser's own, no topics, no full-text index.

Usage: ``python -m bench.plainloop URLS_FILE DB_FILE [--threads 16]``; prints one JSON line.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import io
import json
import sqlite3
import threading
import time

import feedparser
import requests

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds(url TEXT PRIMARY KEY, etag TEXT, modified TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS items(
    feed TEXT NOT NULL, guid TEXT NOT NULL, title TEXT, link TEXT, published TEXT, content TEXT,
    PRIMARY KEY(feed, guid)
);
"""

_local = threading.local()


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def fetch(url: str, etag: str | None, modified: str | None) -> tuple[str, int, dict, object]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    response = _session().get(url, headers=headers, timeout=(10, 30))
    if response.status_code == 304:
        return url, 304, dict(response.headers), None
    response.raise_for_status()
    parsed = feedparser.parse(
        io.BytesIO(response.content), response_headers={"content-location": url}
    )
    return url, response.status_code, dict(response.headers), parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls")
    parser.add_argument("db")
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with open(args.urls, encoding="utf-8") as f:
        urls = [line.strip() for line in f if line.strip()]
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA)
    known = {r[0]: (r[1], r[2]) for r in db.execute("SELECT url, etag, modified FROM feeds")}
    counts = {"updated": 0, "unchanged": 0, "failed": 0, "new_items": 0}
    with cf.ThreadPoolExecutor(args.threads) as pool:
        futures = [pool.submit(fetch, u, *known.get(u, (None, None))) for u in urls]
        for future in cf.as_completed(futures):
            try:
                url, status, headers, parsed = future.result()
            except Exception:  # noqa: BLE001 - count it, as a reader would log it
                counts["failed"] += 1
                continue
            if status == 304:
                counts["unchanged"] += 1
                continue
            counts["updated"] += 1
            db.execute("BEGIN")
            for e in parsed.entries:
                content = e.get("content", [{}])[0].get("value") or e.get("summary", "")
                cur = db.execute(
                    "INSERT OR IGNORE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                    (url, e.get("id") or e.get("link"), e.get("title"), e.get("link"),
                     e.get("published"), content),
                )  # fmt: skip
                counts["new_items"] += cur.rowcount
            db.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)",
                (url, headers.get("ETag"), headers.get("Last-Modified"), parsed.feed.get("title")),
            )
            db.execute("COMMIT")
    db.close()
    counts["seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(counts))  # noqa: T201 (a command's output is its interface)
    return 0 if counts["failed"] < len(urls) else 1


if __name__ == "__main__":
    raise SystemExit(main())
