"""Figure 6: parse throughput (MB/s) of the app's parse step and of plain feedparser.

The same bytes (the bench server's synthetic feeds, RSS 2.0 and Atom) go to
``newsdesk.core.feeds.parse`` (feedparser without its sanitiser, then nh3 sanitising,
links, dates, keys, plain text for search) and to ``feedparser.parse(io.BytesIO(body))`` with
its defaults (its own sanitiser on). One process, one core: the refresh spreads this work
over a process pool.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

from bench import synth
from bench.common import Budget, Row, log, ratio, stat


def documents(feeds: int, items: int) -> list[tuple[bytes, str, str]]:
    vocab = synth.Vocabulary()
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    out = []
    for n in range(feeds):
        url = f"http://127.0.0.{2 + n % 8}:8080/feeds/{n}.xml"
        body, ctype = synth.feed_document(n, items, now, vocab, url)
        out.append((body, ctype, url))
    return out


def measure(feeds: int, items: int, passes: int) -> dict:
    import feedparser

    from newsdesk.core import feeds as nd

    docs = documents(feeds, items)
    total_mb = sum(len(b) for b, _c, _u in docs) / 1e6
    fetched = datetime.now(UTC)

    def newsdesk() -> None:
        for body, ctype, url in docs:
            nd.parse(body, ctype, url, fetched)

    def plain() -> None:
        for body, _ctype, _url in docs:
            feedparser.parse(io.BytesIO(body))

    newsdesk()  # warm-up: imports, regex compilation
    plain()
    rates: dict[str, list[float]] = {"newsdesk": [], "feedparser": []}
    budget = Budget(120)
    for n in range(passes):
        if not budget.left():
            break
        for name, fn in (("newsdesk", newsdesk), ("feedparser", plain)):
            t = time.perf_counter()
            fn()
            rates[name].append(total_mb / (time.perf_counter() - t))
        log(
            f"    parse pass {n + 1}: newsdesk {rates['newsdesk'][-1]:.2f} MB/s, "
            f"feedparser {rates['feedparser'][-1]:.2f} MB/s"
        )
    return {"mb": total_mb, "feeds": feeds, **{k: stat(v) for k, v in rates.items()}}


def rows(res: dict) -> list[Row]:
    nd, fp = res["newsdesk"], res["feedparser"]
    return [
        Row(
            f"6. Parse throughput ({res['feeds']} feeds, {res['mb']:.1f} MB, one core)",
            nd.show("MB/s"),
            f"feedparser.parse: {fp.show('MB/s')}",
            ratio(nd.median, fp.median),
            "(no target; higher is better)",
            "—",
        )
    ]
