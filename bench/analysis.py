"""For every missed target: where the time goes, with numbers (Markdown sections).

* Refresh cold: py-spy over a cold ``newsdesk refresh`` (main process and the parse pool).
* Refresh warm: ``-X importtime`` of what the command imports, and py-spy over a warm pass.
* Refresh at 150 ms: the concurrency floor each client's limits allow.
* GUI stall: py-spy ``--gil`` over the stall child: who holds the GIL in the window's process.
* Start-up: py-spy over the start-up child.
* Search: Storage.search with one ingredient removed at a time, and the match counts.
* "Show more": SQLite's query plan for page 50.
"""

from __future__ import annotations

import math
import re
import sqlite3
import time
from pathlib import Path

from bench.common import PYTHON, Row, log, percentile

MISSED = "**no**"
CANDIDATES = 1000  # newest matches the candidate search ranks


def explain(rows: list[Row], ctx: dict) -> list[str]:
    missed = [r.figure for r in rows if r.met == MISSED]
    out: list[str] = []
    if not missed:
        return ["Every measured target was met; nothing was profiled.", ""]
    sections = [
        ("1. Refresh", "cold, 0 ms", _refresh_cold),
        ("1. Refresh", "warm, 0 ms", _refresh_warm),
        ("1. Refresh", "150 ms", _refresh_latency),
        ("2. GUI stall", "", _stall),
        ("3. Start-up", "", _startup),
        ("4. Search", "", _search),
        ('5. "Show more"', "", _paging),
    ]
    done = set()
    for prefix, contains, fn in sections:
        if fn in done:
            continue
        if any(f.startswith(prefix) and contains in f for f in missed):
            done.add(fn)
            log(f"  explaining {prefix} {contains}".rstrip())
            t = time.monotonic()
            try:
                out += fn(ctx)
            except Exception as exc:  # noqa: BLE001 - analysis must not break the table
                out += [f"### {prefix} {contains}", "", f"Analysis failed: {exc}", ""]
            log(f"    ({time.monotonic() - t:.0f} s)")
    return out


# -- refresh -----------------------------------------------------------------------------------


def _clients(ctx: dict):
    if "stall_clients" not in ctx:
        ctx["ensure_server"]()
    return ctx["stall_clients"]


def _refresh_cold(ctx: dict) -> list[str]:
    from bench import profiling

    clients = _clients(ctx)
    _profile, cmd = clients.newsdesk_prepare()
    started = time.perf_counter()
    prof = profiling.profile_command(
        cmd, ctx["work"] / "refresh-cold.pyspy", "py-spy: `newsdesk refresh`, cold, 0 ms"
    )
    wall = time.perf_counter() - started
    ctx["cold_profile"] = prof
    feeds = ctx["plan"].feeds
    return [
        "### 1. Refresh, cold",
        "",
        *_decomposition(ctx, "cold"),
        f"One cold pass of {feeds} feeds under py-spy took {wall:.1f} s wall-clock (sampling "
        "slows it a little). CPU samples by process and by what the code was doing:",
        "",
        prof.markdown(),
    ]


def _connections(checks: str) -> str:
    found = re.search(r"(\d+) connections opened", checks)
    return found.group(1) if found else ""


def _decomposition(ctx: dict, phase: str) -> list[str]:
    """Wall clock and CPU of the three clients at 0 ms, from the measured runs."""
    runs = ctx.get("refresh", {}).get("runs", {})
    at = runs.get(min(runs) if runs else None)
    if not at:
        return []
    nd = at["newsdesk"]
    overhead = nd[phase].median - nd["in_app"][phase].median
    lines = [
        f"From the measured runs at 0 ms ({phase}, medians): the command takes "
        f"{nd[phase].median:.2f} s wall-clock and {nd['cpu'][phase].median:.2f} CPU-s "
        f"(both cores, parse pool included); the pass alone inside a running process takes "
        f"{nd['in_app'][phase].median:.3f} s, so start-up, imports and shutdown cost "
        + (f"about {overhead:.2f} s." if overhead > 0.05 else "less than the pass's own spread.")
    ]
    connections = {
        name: _connections(at[name].get("checks", {}).get(phase, ""))
        for name in ("newsdesk", "newsboat", "plain")
        if name in at
    }
    if connections.get("newsdesk"):
        others = ", ".join(f"{k} {v}" for k, v in connections.items() if k != "newsdesk" and v)
        lines.append(
            f" The server saw {connections['newsdesk']} TCP connections for Newsdesk's "
            f"{ctx['plan'].feeds} requests ({others})."
        )
    for name in ("newsboat", "plain"):
        if name in at:
            lines.append(
                f" {'newsboat' if name == 'newsboat' else 'The plain loop'} takes "
                f"{at[name][phase].median:.2f} s and {at[name]['cpu'][phase].median:.2f} CPU-s."
            )
    return ["".join(lines), ""]


def _refresh_warm(ctx: dict) -> list[str]:
    from bench import profiling

    clients = _clients(ctx)
    profile, cmd = clients.newsdesk_prepare()
    clients.newsdesk_run(cmd)  # cold, untimed
    imports = "import newsdesk.cli, newsdesk.core.profile, newsdesk.core.refresh"
    profiling.import_times(imports)  # once for the page cache
    total, top = profiling.import_times(imports)
    bare = _python_start()
    secs = [clients.newsdesk_run(cmd)[0] for _ in range(3)]
    prof = profiling.profile_command(
        cmd, ctx["work"] / "refresh-warm.pyspy", "py-spy: `newsdesk refresh`, warm (all 304), 0 ms"
    )
    rows = "\n".join(f"| `{name}` | {s * 1000:.0f} ms |" for name, s in top)
    return [
        "### 1. Refresh, warm",
        "",
        *_decomposition(ctx, "warm"),
        f"A warm pass of the command takes {sorted(secs)[1]:.2f} s here (median of 3). "
        f"A bare `python -c pass` takes {bare * 1000:.0f} ms; importing what the command "
        f"imports (`{imports}`) takes {total * 1000:.0f} ms by `-X importtime` (self time "
        "summed per package, costliest first):",
        "",
        "| package | import self time |",
        "|---|---:|",
        rows,
        "",
        prof.markdown(),
    ]


def _python_start() -> float:
    import subprocess

    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([PYTHON, "-c", "pass"], check=False)
        times.append(time.perf_counter() - t)
    return sorted(times)[2]


def _refresh_latency(ctx: dict) -> list[str]:
    plan = ctx["plan"]
    from newsdesk.core.settings import Settings

    net = Settings().network
    hosts = plan.hosts
    lat = max(plan.latencies) / 1000
    nd_conc = min(net.max_connections, hosts * net.max_per_host)
    nd_floor = math.ceil(plan.feeds / nd_conc) * lat
    per_host = math.ceil(plan.feeds / hosts)
    host_floor = math.ceil(per_host / net.max_per_host) * lat
    target = min(
        (
            v["warm"].median
            for k, v in ctx.get("refresh", {}).get("runs", {}).get(max(plan.latencies), {}).items()
            if k == "newsboat"
        ),
        default=None,
    )
    nb_floor = math.ceil(plan.feeds / 16) * lat
    runs = ctx.get("refresh", {}).get("runs", {})
    at = runs.get(max(plan.latencies), {})
    measured = {
        k: (v["cold"].median, v["warm"].median) for k, v in at.items() if isinstance(v, dict)
    }
    lines = [
        f"### 1. Refresh at {max(plan.latencies):g} ms latency",
        "",
        f"Every request waits {lat * 1000:.0f} ms before its first byte, 304s too. With "
        f"network.max_connections = {net.max_connections} and network.max_per_host = "
        f"{net.max_per_host} over {hosts} hosts, Newsdesk has at most {nd_conc} requests in "
        f"flight, so {plan.feeds} feeds need at least ⌈{plan.feeds}/{nd_conc}⌉ × "
        f"{lat * 1000:.0f} ms = **{nd_floor:.2f} s** of waiting, whatever the CPU does. "
        f"newsboat's 16 threads have a floor of ⌈{plan.feeds}/16⌉ × {lat * 1000:.0f} ms = "
        f"{nb_floor:.2f} s (it splits the list into 16 static slices and ignores hosts). "
        f"Even with unlimited connections, the per-host cap alone ({per_host} feeds per host, "
        f"{net.max_per_host} at a time) leaves a floor of {host_floor:.2f} s"
        + (
            f", while ≤ 0.1× newsboat's warm pass means ≤ {0.1 * target:.2f} s: that target "
            "cannot be met at this latency without dropping the per-host cap."
            if target
            else "."
        ),
        "",
    ]
    for name, (cold, warm) in measured.items():
        lines.append(f"- {name}: cold {cold:.2f} s, warm {warm:.2f} s")
    lines.append("")
    wider = 2 * net.max_connections
    try:
        secs = _warm_with_connections(ctx, max(plan.latencies), wider)
        floor = math.ceil(plan.feeds / min(wider, hosts * net.max_per_host)) * lat
        lines += [
            f"Experiment (settings only, no code change): `newsdesk config "
            f"network.max_connections {wider}` makes the warm pass at this latency take "
            f"{sorted(secs)[len(secs) // 2]:.2f} s (runs: {', '.join(f'{s:.2f}' for s in secs)}; "
            f"floor {floor:.2f} s), with the per-host cap unchanged.",
            "",
        ]
    except Exception as exc:  # noqa: BLE001 - the experiment is a bonus
        lines += [f"(The max_connections experiment failed: {exc})", ""]
    return lines


def _warm_with_connections(ctx: dict, latency: float, connections: int) -> list[float]:
    from bench.common import ROOT, newsdesk_cmd, run_timed
    from bench.refresh import _Clients
    from bench.server import ServerProcess

    plan = ctx["plan"]
    folder = ctx["work"] / f"connections-{connections}"
    folder.mkdir()
    with ServerProcess(PYTHON, str(ROOT), plan.feeds, plan.items, plan.hosts, latency) as server:
        clients = _Clients(folder, server.urls, None)
        profile, cmd = clients.newsdesk_prepare()
        _secs, proc = run_timed(
            newsdesk_cmd(
                "--profile", str(profile), "config", "network.max_connections", str(connections)
            ),
            timeout=60,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip())
        clients.newsdesk_run(cmd)  # cold
        return [clients.newsdesk_run(cmd)[0] for _ in range(3)]


# -- GUI -----------------------------------------------------------------------------------------


def _stall(ctx: dict) -> list[str]:
    from bench import profiling

    prepare = ctx.get("stall_prepare") or ctx["ensure_server"]()
    profile = prepare()
    cmd = [PYTHON, "-m", "bench.gui_child", "stall", str(profile), "--window"]
    prof = profiling.profile_command(
        cmd,
        ctx["work"] / "stall.pyspy",
        "py-spy --gil: who holds the GIL in the window's process during a refresh",
        gil=True,
    )
    return [
        "### 2. GUI stall",
        "",
        "With `--gil`, py-spy samples only the thread that holds the GIL, so this shows what "
        "keeps the GUI thread (MainThread) waiting; the parse pool's processes have their own "
        "GILs and are listed apart.",
        "",
        prof.markdown(),
    ]


def _startup(ctx: dict) -> list[str]:
    from bench import profiling

    corpus = ctx.get("corpus")
    if corpus is None:
        return []
    cmd = [PYTHON, "-m", "bench.gui_child", "startup", str(corpus)]
    prof = profiling.profile_command(
        cmd, ctx["work"] / "startup.pyspy", "py-spy: start-up with the big profile"
    )
    return ["### 3. Start-up", "", prof.markdown()]


# -- queries -------------------------------------------------------------------------------------


_TOPICS_SQL = (
    "EXISTS (SELECT 1 FROM article_topics x JOIN topics t ON t.id = x.topic_id"
    " WHERE x.article_id = a.id AND t.code IN ('economy', 'politics', 'world'))"
)
_RANK = "bm25(articles_fts, 8.0, 1.0) / (1.0 + max(0.0, ? - a.sort_key) / 2592000.0)"


def _search_sql(columns: str, topics: bool) -> str:
    where = "a.dup_of IS NULL" + (f" AND {_TOPICS_SQL}" if topics else "")
    return (
        f"SELECT {columns} FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " JOIN article_state s ON s.article_id = a.id JOIN feeds f ON f.id = a.feed_id"
        f" WHERE articles_fts MATCH ? AND {where} ORDER BY {_RANK} LIMIT 20"
    )


def _search(ctx: dict) -> list[str]:
    from bench import queries
    from newsdesk.core import search as fts
    from newsdesk.core.model import ArticleQuery
    from newsdesk.core.storage import Storage

    db: Path = ctx["corpus_db"]
    qs = queries.make_queries(db, 150, seed=11)
    storage = Storage(db, create=False)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    topics = ArticleQuery(topics=queries.FOLLOWED)
    full_row = (
        "a.*, f.title, s.read, (SELECT group_concat(t.code, ' ') FROM article_topics x JOIN "
        "topics t ON t.id = x.topic_id WHERE x.article_id = a.id)"
    )

    def sql(columns: str, topic_filter: bool, exact: bool = False):
        text = _search_sql(columns, topic_filter)

        def run(q: str) -> None:
            match = fts.build_match(q) or ""
            if exact:
                match = match.replace('"*', '"')
            conn.execute(text, (match, time.time())).fetchall()

        return run

    def candidate(q: str, newest: int = CANDIDATES) -> list[int]:
        """Rank only the ``newest`` matches (ids grow with arrival time; FTS5 walks them in
        rowid order and stops), then load the 20 winners and mark the query words in their
        stored text in Python: snippet() is dear with prefix terms (each call re-merges the
        prefix's posting lists), and SQLite computes SELECT columns for every sorted row."""
        match = fts.build_match(q)
        ids = [
            r[0]
            for r in conn.execute(
                "WITH m AS (SELECT rowid AS id, bm25(articles_fts, 8.0, 1.0) AS score"
                " FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
                " SELECT a.id FROM m JOIN articles a ON a.id = m.id"
                f" WHERE a.dup_of IS NULL AND {_TOPICS_SQL}"
                " ORDER BY m.score / (1.0 + max(0.0, ? - a.sort_key) / 2592000.0) LIMIT 20",
                (match, newest, time.time()),
            ).fetchall()
        ]
        if ids:
            marks = ",".join("?" * len(ids))
            conn.execute(f"SELECT {full_row} FROM articles a JOIN article_state s ON "
                         "s.article_id = a.id JOIN feeds f ON f.id = a.feed_id "
                         f"WHERE a.id IN ({marks})", ids).fetchall()  # fmt: skip
            words = [w for w in fts.words(q) if len(w) > 1]
            pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.I)
            for (body,) in conn.execute(
                f"SELECT body FROM articles_fts WHERE rowid IN ({marks})", ids
            ):
                found = pattern.search(body)
                start = max(0, found.start() - 60) if found else 0
                pattern.sub(lambda m: f"[{m.group(0)}]", body[start : start + 200])
        return ids

    variants = {
        "Storage.search as measured (bm25 × recency, snippets, 3 topics, 20 rows)": (
            lambda q: storage.search(q, limit=20, query=topics)
        ),
        "same SQL without snippet()": sql(full_row, True),
        "same SQL, ids only (no row, no topic list, no snippet)": sql("a.id", True),
        "ids only, whole words (no prefix `*`)": sql("a.id", True, exact=True),
        "ids only, no topic filter": sql("a.id", False),
        f"candidate: rank the newest {CANDIDATES} matches, then 20 rows + Python snippets": (
            candidate
        ),
        "same candidate over the newest 300 matches": lambda q: candidate(q, 300),
        "bare `MATCH ? LIMIT 20`": lambda q: conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 20",
            (fts.build_match(q),),
        ).fetchall(),
    }
    lines = [
        "### 4. Search",
        "",
        f"The same {len(qs)} two-word queries, one ingredient taken away at a time (warm):",
        "",
        "| variant | p50 | p95 |",
        "|---|---:|---:|",
    ]
    try:
        for fn in variants.values():  # warm
            for q in qs[:20]:
                fn(q)
        slow_share = []
        for name, fn in variants.items():
            times = []
            for q in qs:
                t = time.perf_counter()
                fn(q)
                times.append((time.perf_counter() - t) * 1000)
            if not slow_share:
                slow_share = times
            lines.append(
                f"| {name} | {percentile(times, 50):.1f} ms | {percentile(times, 95):.1f} ms |"
            )
        counts = [
            conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                (fts.build_match(q),),
            ).fetchone()[0]
            for q in qs
        ]
        exact_counts = [
            conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                ((fts.build_match(q) or "").replace('"*', '"'),),
            ).fetchone()[0]
            for q in qs
        ]
        plan = conn.execute(
            "EXPLAIN QUERY PLAN " + _search_sql("a.id", True), ("a", 0.0)
        ).fetchall()
        overlap: list[float] = []
        overlap300: list[float] = []
        for q in qs:
            match = fts.build_match(q) or ""
            want = [
                r[0]
                for r in conn.execute(_search_sql("a.id", True), (match, time.time())).fetchall()
            ]
            if want:
                overlap.append(len(set(want) & set(candidate(q))) / len(want))
                overlap300.append(len(set(want) & set(candidate(q, 300))) / len(want))
    finally:
        storage.close()
        conn.close()
    ordered = sorted(counts)
    slowest = sorted(zip(slow_share, counts, qs, strict=True), reverse=True)[:5]
    lines += [
        "",
        f"Rows matching per query: median {ordered[len(ordered) // 2]:,}, p95 "
        f"{ordered[int(0.95 * (len(ordered) - 1))]:,}, max {ordered[-1]:,} (whole words only: "
        f"median {sorted(exact_counts)[len(exact_counts) // 2]:,}, max {max(exact_counts):,}). "
        "Ranking by bm25 × recency has to score every match and sort them before LIMIT 20 "
        "applies (the plan ends in a temp B-tree), so the cost follows the match count.",
        "",
        f"The candidate returns {100 * sum(overlap) / max(1, len(overlap)):.0f}% of the exact "
        f"top 20 on average ({sum(1 for o in overlap if o == 1)} of {len(overlap)} queries "
        f"identical; over the newest 300: {100 * sum(overlap300) / max(1, len(overlap300)):.0f}%, "
        f"{sum(1 for o in overlap300 if o == 1)} identical); what it drops are old articles "
        "that the recency factor ranks low anyway.",
        "",
        "Slowest queries (Storage.search): "
        + "; ".join(f"{q!r} {ms:.0f} ms, {n:,} matches" for ms, n, q in slowest),
        "",
        "Query plan: " + "; ".join(str(r[-1]) for r in plan),
        "",
    ]
    return lines


def _paging(ctx: dict) -> list[str]:
    from bench import queries

    db: Path = ctx["corpus_db"]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    base = (
        "SELECT a.id, a.sort_key FROM articles a JOIN article_state s ON s.article_id = a.id"
        " JOIN feeds f ON f.id = a.feed_id WHERE a.dup_of IS NULL AND EXISTS (SELECT 1 FROM"
        " article_topics x JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id AND"
        " t.code IN ('sport')) AND {cursor} ORDER BY a.sort_key DESC, a.id DESC LIMIT 51"
    )
    as_written = base.format(cursor="(a.sort_key < ? OR (a.sort_key = ? AND a.id < ?))")
    row_value = base.format(cursor="(a.sort_key, a.id) < (?, ?)")
    first = base.format(cursor="1")
    try:
        cursor_row = None
        rows = conn.execute(first).fetchall()
        for _ in range(48):  # to the cursor of page 50
            cursor_row = rows[49]
            rows = conn.execute(
                as_written, (cursor_row[1], cursor_row[1], cursor_row[0])
            ).fetchall()
        cursor_row = rows[49]
        k, i = cursor_row[1], cursor_row[0]
        timings = {}
        for name, sql, params in (
            ("page 1", first, ()),
            ("page 50, cursor as storage.py writes it (OR)", as_written, (k, k, i)),
            ("page 50, row value `(a.sort_key, a.id) < (?, ?)`", row_value, (k, i)),
        ):
            times = []
            for _ in range(30):
                t = time.perf_counter()
                conn.execute(sql, params).fetchall()
                times.append((time.perf_counter() - t) * 1000)
            timings[name] = sorted(times)[len(times) // 2]
        same = (
            conn.execute(as_written, (k, k, i)).fetchall()
            == conn.execute(row_value, (k, i)).fetchall()
        )
        plan_or = conn.execute("EXPLAIN QUERY PLAN " + as_written, (k, k, i)).fetchall()
        plan_rv = conn.execute("EXPLAIN QUERY PLAN " + row_value, (k, i)).fetchall()
        scanned = conn.execute(
            "SELECT count(*) FROM articles WHERE sort_key > ? OR (sort_key = ? AND id >= ?)",
            (k, k, i),
        ).fetchone()[0]
    finally:
        conn.close()
    del queries
    return [
        '### 5. "Show more"',
        "",
        "Page 50 of the topic-filtered list (ids only, median of 30):",
        "",
        "| query | median |",
        "|---|---:|",
        *(f"| {n} | {ms:.2f} ms |" for n, ms in timings.items()),
        "",
        f"Both cursor forms return the same rows: {same}. Before page 50 start {scanned:,} "
        "newer articles; with the OR form SQLite walks the time index from the newest row and "
        "tests each of them (topic EXISTS included) before it reaches the cursor. Plans: OR "
        "form: "
        + "; ".join(str(r[-1]) for r in plan_or)
        + ". Row-value form: "
        + "; ".join(str(r[-1]) for r in plan_rv)
        + ".",
        "",
    ]
