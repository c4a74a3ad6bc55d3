"""Figures 4 and 5: search and "Show more" over the stored corpus, in this process.

Search (figure 4): two-word queries, each made of two words of some stored article's title, so
every query has matches and the posting lists have realistic sizes. Three ways, same rows:

* Newsdesk: ``Storage.search(text, limit=20, query=ArticleQuery(topics=…))``: bm25 ranking
  with recency, a highlighted snippet, the topic filter on (three followed topics);
* plain ``LIKE '%word%'`` on title and HTML body for each word, newest first, LIMIT 20 (what
  most feed readers do);
* bare FTS5: ``SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 20`` with the
  same MATCH expression Newsdesk builds.

"Show more" (figure 5): ``Storage.articles(query, after=cursor, limit=page_size)`` for page 1
and for page 50 (the cursor of page 49 is found first), all news and with a topic filter.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from bench.common import Budget, Row, Stat, log, percentile, ratio, stat, verdict

FOLLOWED = frozenset({"economy", "politics", "world"})
_STOP = frozenset(
    "the of and to in a for on that with as by at from is was said will has have are".split()
)


def make_queries(db: Path, count: int, seed: int = 7) -> list[str]:
    """``count`` two-word queries taken from random stored titles."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        top = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        rnd = random.Random(seed)
        queries: list[str] = []
        for _ in range(count * 20):  # bounded
            if len(queries) >= count or top == 0:
                break
            row = conn.execute(
                "SELECT title FROM articles WHERE id >= ? LIMIT 1", (rnd.randint(1, top),)
            ).fetchone()
            if row is None:
                continue
            words = [w for w in row[0].lower().split() if len(w) >= 4 and w not in _STOP]
            words = list(dict.fromkeys(words))
            if len(words) >= 2:
                queries.append(" ".join(rnd.sample(words, 2)))
        return queries
    finally:
        conn.close()


def _time_all(fn, queries: list[str], budget_s: float) -> list[float]:
    out = []
    budget = Budget(budget_s)
    for q in queries:
        if not budget.left():
            break
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def search(db: Path, queries: int, like_queries: int, passes: int) -> dict:
    """p50/p95 (ms) per pass for the three ways; the statistics are over the passes."""
    from newsdesk.core import search as fts
    from newsdesk.core.model import ArticleQuery
    from newsdesk.core.storage import Storage

    qs = make_queries(db, queries)
    storage = Storage(db, create=False)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    topic_query = ArticleQuery(topics=FOLLOWED)
    hits: list[int] = []

    def newsdesk(q: str) -> None:
        hits.append(len(storage.search(q, limit=20, query=topic_query)))

    def like(q: str) -> None:
        words = q.split()
        where = " AND ".join("(title LIKE ? OR summary_html LIKE ?)" for _ in words)
        params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
        conn.execute(
            f"SELECT id, title FROM articles WHERE {where} ORDER BY sort_key DESC LIMIT 20",
            params,
        ).fetchall()

    def bare(q: str) -> None:
        conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 20",
            (fts.build_match(q),),
        ).fetchall()

    try:
        for fn in (newsdesk, bare):  # warm the page cache and SQLite's own
            _time_all(fn, qs, 60)
        _time_all(like, qs[:3], 30)
        hits.clear()
        result: dict[str, dict[str, list[float]]] = {
            k: {"p50": [], "p95": []} for k in ("newsdesk", "like", "fts")
        }
        samples: dict[str, int] = {}
        for n in range(passes):
            for name, fn, subset, budget in (
                ("newsdesk", newsdesk, qs, 60),
                ("fts", bare, qs, 60),
                ("like", like, qs[:like_queries], 60),
            ):
                times = _time_all(fn, subset, budget)
                result[name]["p50"].append(percentile(times, 50))
                result[name]["p95"].append(percentile(times, 95))
                samples[name] = len(times)
            log(
                f"    search pass {n + 1}: p95 newsdesk {result['newsdesk']['p95'][-1]:.1f} ms, "
                f"LIKE {result['like']['p95'][-1]:.1f} ms, FTS5 {result['fts']['p95'][-1]:.2f} ms"
            )
    finally:
        storage.close()
        conn.close()
    return {
        "stats": {k: {p: stat(v) for p, v in d.items()} for k, d in result.items()},
        "samples": samples,
        "example": qs[:3],
        "mean_hits": sum(hits) / len(hits) if hits else 0,
    }


def search_rows(res: dict, articles: int) -> list[Row]:
    st = res["stats"]
    nd50, nd95 = st["newsdesk"]["p50"], st["newsdesk"]["p95"]
    like95, fts95 = st["like"]["p95"], st["fts"]["p95"]
    n = res["samples"]
    label = f"4. Search p95, {articles:,} articles, 2 words, snippets + topic filter"
    return [
        Row(
            label + " — vs LIKE",
            f"p95 {nd95.show('ms', 1)}; p50 {nd50.median:.1f} ms",
            f"LIKE '%w%': p95 {like95.show('ms', 0)}; p50 {st['like']['p50'].median:.0f} ms",
            ratio(nd95.median, like95.median),
            "p95 ≤ 10 ms",
            verdict(nd95.median <= 10),
            [f"{n['newsdesk']} queries/pass (LIKE: {n['like']}), e.g. {res['example']!r}"],
        ),
        Row(
            label + " — vs bare FTS5 MATCH",
            f"p95 {nd95.show('ms', 1)}",
            f"bare MATCH LIMIT 20: p95 {fts95.show('ms', 2)}",
            ratio(nd95.median, fts95.median),
            "p95 ≤ 10 ms",
            verdict(nd95.median <= 10),
        ),
    ]


def paging(db: Path, page_size: int, reps: int) -> dict:
    """Milliseconds for page 1 and page 50, all news and with a topic filter."""
    from newsdesk.core.model import ArticleQuery
    from newsdesk.core.storage import Storage

    storage = Storage(db, create=False)
    out: dict[str, dict[str, Stat]] = {}
    try:
        for name, query in (
            ("all news", ArticleQuery()),
            ("topic filter", ArticleQuery(topics=frozenset({"sport"}))),
        ):
            cursor = None
            for _ in range(49):  # walk to the cursor of page 50
                page = storage.articles(query, after=cursor, limit=page_size)
                cursor = page.next_cursor
                if cursor is None:
                    break
            if cursor is None:
                log(f"    paging ({name}): fewer than 50 pages; skipped")
                continue
            first, fiftieth = [], []
            budget = Budget(60)
            for _ in range(reps):
                if not budget.left():
                    break
                for after, bucket in ((None, first), (cursor, fiftieth)):
                    t = time.perf_counter()
                    page = storage.articles(query, after=after, limit=page_size)
                    bucket.append((time.perf_counter() - t) * 1000)
                    assert len(page.articles) == page_size
            out[name] = {"page1": stat(first), "page50": stat(fiftieth)}
    finally:
        storage.close()
    return out


def paging_rows(res: dict, page_size: int) -> list[Row]:
    rows = []
    for name, st in res.items():
        p1, p50 = st["page1"], st["page50"]
        # "Equal within noise": medians within 25 % (or 0.3 ms) of each other.
        equal = p50.median <= max(p1.median * 1.25, p1.median + 0.3)
        rows.append(
            Row(
                f'5. "Show more" page 50 vs page 1 ({page_size}/page, {name})',
                f"page 50: {p50.show('ms', 2)}",
                f"page 1: {p1.show('ms', 2)}",
                ratio(p50.median, p1.median),
                "equal within noise",
                verdict(equal),
            )
        )
    return rows
