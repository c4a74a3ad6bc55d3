"""`make bench`: Newsdesk's speed, side by side with newsboat and a plain Python loop.

Figures (issue 7): 1 refresh cold/warm at 0 and 150 ms latency, 2 GUI stall during a refresh,
3 start-up and memory with 100 000 stored articles, 4 search latency, 5 "Show more" paging,
6 parse throughput. Each is a median of several runs with the min–max spread, printed as a
Markdown table and written to bench/results.md (a --quick or --only run writes
bench/results-quick.md instead, so a smoke run never replaces the published table). Where a
target is missed, py-spy (and targeted decompositions) say where the time goes.

The bench never fails on timing: it exits 0 whenever it could measure, 1 only when it broke.
Every server and child it starts is stopped; every loop is bounded by a count and a time.

    .venv/bin/python bench/run.py [--quick] [--only NAME[,NAME]] [--no-profile] [--output FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `bench` as a package

from bench.common import BENCH, Row, log, use_checkout  # noqa: E402

use_checkout()  # measure this checkout's app/, whatever the venv's editable install says
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIGURES = ("refresh", "stall", "startup", "search", "paging", "parse")


@dataclass(frozen=True)
class Plan:
    feeds: int = 200
    items: int = 50
    hosts: int = 8
    latencies: tuple[float, ...] = (0.0, 150.0)
    refresh_repeats: int = 3
    stall_repeats: int = 3
    startup_repeats: int = 5
    articles: int = 100_000
    queries: int = 200
    like_queries: int = 30
    search_passes: int = 3
    paging_reps: int = 30
    parse_feeds: int = 40
    parse_passes: int = 3


QUICK = Plan(
    feeds=20,
    refresh_repeats=2,
    stall_repeats=1,
    startup_repeats=2,
    articles=5_000,
    queries=40,
    like_queries=10,
    search_passes=2,
    paging_reps=10,
    parse_feeds=5,
    parse_passes=2,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Newsdesk benchmarks (issue 7).")
    parser.add_argument("--quick", action="store_true", help="small N, few repeats (smoke run)")
    parser.add_argument(
        "--only", metavar="NAME", help=f"comma-separated subset of: {', '.join(FIGURES)}"
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the profiling of misses")
    parser.add_argument("--profile", action="store_true", help="profile misses even with --quick")
    parser.add_argument("--output", type=Path, help="where to write the Markdown results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary profiles")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=120,
        metavar="S",
        help="wait up to S seconds for the 1-minute load average to drop below 1 (default 120)",
    )
    parser.add_argument(
        "--reuse-corpus",
        type=Path,
        metavar="DIR",
        help="use the article profile a --keep run left in DIR/corpus instead of building one",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(FIGURES)
    unknown = only - set(FIGURES)
    if unknown:
        parser.error(f"unknown figure(s) {', '.join(sorted(unknown))}; choose from {FIGURES}")
    plan = QUICK if args.quick else Plan()
    profile_misses = (not args.no_profile) and (args.profile or not args.quick)
    partial = args.quick or bool(args.only)
    output = args.output or BENCH / ("results-quick.md" if partial else "results.md")

    from bench import machine

    machine.wait_quiet(args.wait_quiet, log)
    facts = machine.describe()
    log(f"Newsdesk bench on {facts['cpu']} × {facts['cores']}, load {facts['load_start']}")
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    rows: list[Row] = []
    details: list[str] = []
    context: dict = {"plan": plan, "work": work}
    context["ensure_server"] = lambda: _stall_server(plan, context)
    if args.reuse_corpus:
        context["reuse_corpus"] = args.reuse_corpus.resolve() / "corpus"
    try:
        for name in FIGURES:
            if name not in only:
                continue
            log(f"== {name} (load {machine.load_now()})")
            t = time.monotonic()
            try:
                rows += FIGURE_RUNNERS[name](plan, context)
            except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
                log(f"   {name} failed: {type(exc).__name__}: {exc}")
                rows.append(Row(f"{name}: FAILED", f"{type(exc).__name__}: {exc}"[:300], "—"))
            log(f"   ({time.monotonic() - t:.0f} s)")
        if profile_misses:
            from bench import analysis

            log("== profiling the misses")
            details += analysis.explain(rows, context)
    finally:
        close_server = context.get("close_server")
        if close_server:
            close_server()
        if args.keep:
            log(f"temporary files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    facts["load_end"] = machine.load_now()
    facts["wall"] = f"{time.monotonic() - started:.0f} s"
    text = render(rows, facts, context, details, args, partial)
    print(text)  # noqa: T201 (a command's output is its interface)
    output.write_text(text, encoding="utf-8")
    log(f"written to {output}")
    return 0


# -- figures ----------------------------------------------------------------------------------


def run_refresh(plan: Plan, ctx: dict) -> list[Row]:
    from bench import refresh

    result = refresh.measure(
        plan.feeds, plan.items, plan.hosts, list(plan.latencies), plan.refresh_repeats
    )
    ctx["refresh"] = result
    ctx["hosts"] = result.get("hosts", [])
    ctx["newsboat"] = result.get("newsboat")
    return refresh.rows(result, plan.feeds, plan.items)


def _stall_server(plan: Plan, ctx: dict):
    """A 0 ms server and a function that makes fresh subscribed profiles (kept for profiling)."""
    if "stall_prepare" in ctx:
        return ctx["stall_prepare"]
    from bench.common import PYTHON, ROOT
    from bench.refresh import _Clients
    from bench.server import ServerProcess

    server = ServerProcess(PYTHON, str(ROOT), plan.feeds, plan.items, plan.hosts, 0).__enter__()
    ctx["close_server"] = lambda: server.__exit__()
    folder = ctx["work"] / "stall"
    folder.mkdir()
    clients = _Clients(folder, server.urls, None)
    ctx["stall_prepare"] = lambda: clients.newsdesk_prepare()[0]
    ctx["stall_clients"] = clients
    return ctx["stall_prepare"]


def run_stall(plan: Plan, ctx: dict) -> list[Row]:
    from bench import gui

    prepare = _stall_server(plan, ctx)
    with_window = gui.stall(prepare, plan.stall_repeats, with_window=True)
    worker_only = gui.stall(prepare, max(1, plan.stall_repeats - 1), with_window=False)
    ctx["stall"] = with_window
    rows = gui.stall_rows(with_window, plan.feeds, True)
    for row in gui.stall_rows(worker_only, plan.feeds, False):
        row.target, row.met = "(diagnostic)", "—"
        rows.append(row)
    return rows


def _corpus(plan: Plan, ctx: dict) -> Path:
    if "corpus" in ctx:
        return ctx["corpus"]
    from bench import corpus

    reuse = ctx.get("reuse_corpus")
    if reuse is not None:
        db = reuse / "data" / "newsdesk.sqlite3"
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        log(f"  reusing the profile in {reuse} ({count:,} articles)")
        ctx.update(corpus=reuse, corpus_db=db, corpus_facts={"articles": count})
        return reuse
    folder = ctx["work"] / "corpus"
    log(f"  building a profile with {plan.articles:,} articles (Storage.store_feed batches) …")
    facts = corpus.build(folder, plan.articles, log=log)
    log(
        f"  … {facts['articles']:,} articles in {facts['feeds']} feeds, {facts['db_mb']:.0f} MB, "
        f"{facts['seconds']:.0f} s"
    )
    ctx["corpus"] = folder
    ctx["corpus_facts"] = facts
    ctx["corpus_db"] = folder / "data" / "newsdesk.sqlite3"
    return folder


def run_startup(plan: Plan, ctx: dict) -> list[Row]:
    from bench import corpus, gui

    big = _corpus(plan, ctx)
    empty = ctx["work"] / "empty"
    corpus.build(empty, 0, log=log)
    log("  start-up, 100k profile …")
    res_big = gui.startup(big, plan.startup_repeats)
    log(
        f"    launch → paint {res_big['launch_to_paint_s'].show('s')}, "
        f"RSS {res_big['rss_mib'].show('MiB', 0)}"
    )
    log("  start-up, empty profile …")
    res_empty = gui.startup(empty, plan.startup_repeats)
    ctx["startup"] = res_big
    return gui.startup_rows(res_big, res_empty, ctx["corpus_facts"]["articles"])


def run_search(plan: Plan, ctx: dict) -> list[Row]:
    from bench import queries

    _corpus(plan, ctx)
    res = queries.search(ctx["corpus_db"], plan.queries, plan.like_queries, plan.search_passes)
    ctx["search"] = res
    return queries.search_rows(res, ctx["corpus_facts"]["articles"])


def run_paging(plan: Plan, ctx: dict) -> list[Row]:
    from bench import queries

    _corpus(plan, ctx)
    page_size = 50
    res = queries.paging(ctx["corpus_db"], page_size, plan.paging_reps)
    ctx["paging"] = res
    return queries.paging_rows(res, page_size)


def run_parse(plan: Plan, ctx: dict) -> list[Row]:
    from bench import parse

    res = parse.measure(plan.parse_feeds, plan.items, plan.parse_passes)
    ctx["parse"] = res
    return parse.rows(res)


FIGURE_RUNNERS = {
    "refresh": run_refresh,
    "stall": run_stall,
    "startup": run_startup,
    "search": run_search,
    "paging": run_paging,
    "parse": run_parse,
}


# -- output ------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(rows: list[Row], facts: dict, ctx: dict, details: list[str], args, partial) -> str:
    plan: Plan = ctx["plan"]
    kind = "quick smoke run" if args.quick else "full run"
    if args.only:
        kind += f", only {args.only}"
    hosts = ctx.get("hosts") or [f"127.0.0.{2 + i}" for i in range(plan.hosts)]
    lines = [
        f"# Newsdesk benchmarks ({kind})",
        "",
        f"Measured {facts['date']} on **{facts['cpu']}**, {facts['cores']} cores, "
        f"{facts['ram']} RAM, {facts['os']}; Python {facts['python']}, "
        f"PySide6 {facts.get('PySide6')} (Qt {facts.get('Qt')}), SQLite {facts['sqlite']}, "
        f"feedparser {facts.get('feedparser')}, requests {facts.get('requests')}, "
        f"nh3 {facts.get('nh3')}; {ctx.get('newsboat') or 'newsboat not measured'}. "
        f"Load average at start {facts['load_start']}, at end {facts['load_end']} "
        f"(other work on the machine shows up as spread). Whole run: {facts['wall']}.",
        "",
        "Medians of several runs, with the min–max spread and the number of runs (n). "
        "Ratios are Newsdesk ÷ reference (below 1 means Newsdesk is faster or smaller).",
        "",
        "| figure | Newsdesk | reference | ratio | target | met? |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                _cell(c) for c in (r.figure, r.newsdesk, r.reference, r.ratio, r.target, r.met)
            )
            + " |"  # fmt: skip
        )
    lines += [
        "",
        "## How it was measured",
        "",
        f"- **Server**: one child process serving {plan.feeds} synthetic feeds × {plan.items} "
        "items (RSS 2.0, every fifth Atom; HTML descriptions of 1–2 KB, 1–2 categories, RFC 822 "
        "dates, authors; gzip when asked; ETag and Last-Modified honoured with 304). The feeds "
        f"are spread over {len(hosts)} loopback addresses ({hosts[0]} … {hosts[-1]}; all of "
        "127.0.0.0/8 is loopback, nothing leaves the machine), so clients see that many sites "
        "and Newsdesk's per-host cap (network.max_per_host) bites as on the Internet. Latency is "
        "added before every response, 304s included.",
        "- **Refresh**: the Newsdesk command line in a child process "
        "(`python -m newsdesk --profile DIR refresh --feed 1 … --feed N`, default settings: "
        "network.max_connections 8, network.max_per_host 2, refresh.parse_processes 0 = one per "
        "core); the `--feed` list names every feed so that the command does not also refresh "
        "exchange rates from the Internet. `newsboat -x reload -q -u URLS -c CACHE -C CONFIG` "
        "with `reload-threads 16`, HOME in a temporary folder; its warm pass is its third "
        "(newsboat 2.21 keeps a new feed's ETag only from the second fetch on). The plain loop is "
        "bench/plainloop.py (requests + feedparser + sqlite, 16 threads). Every client is a "
        "fresh process, so interpreter start-up counts for all; cold = empty profile/cache, "
        "warm = the next pass (the server confirms every response was a 304).",
        "- **GUI stall**: a child process builds the MainWindow present at run time and the "
        "worker QThread, wired as app.py wires them, and a 10 ms PreciseTimer on the GUI "
        "thread records its tick times while the worker refreshes every feed cold (0 ms "
        "latency); the figure is the longest gap from the request to 0.5 s after `finished`. "
        "The reference is the same timer for 1 s before the request.",
        f"- **Start-up**: a profile with {ctx.get('corpus_facts', {}).get('articles', 0):,} "
        "articles written through Storage.store_feed (one transaction per 500-article batch, "
        "topics from the real classifier, FTS rows included). A child process imports, builds "
        "QApplication, opens the profile, builds MainWindow, shows it, and stops at the first "
        "Paint event's end; launch → paint is measured from the parent's clock just before "
        "the process starts (CLOCK_MONOTONIC is system-wide). Warm page cache (one untimed run "
        "first). Memory is VmRSS from /proc/self/status at that moment.",
        "- **Search**: two-word queries built from random stored titles; "
        "Storage.search(limit=20, topics economy+politics+world) with snippets vs "
        "`LIKE '%w%'` on title and HTML body for each word (ORDER BY date LIMIT 20) vs bare "
        "`articles_fts MATCH ? LIMIT 20` with the same MATCH expression. In-process, warm.",
        "- **Show more**: Storage.articles(query, after=cursor, limit=50), page 1 vs page 50 "
        "(the cursor of page 49 is found first), all news and with one topic.",
        "- **Parse**: the same bytes through newsdesk.core.feeds.parse and through "
        "feedparser.parse(io.BytesIO(body)) with its defaults; one process, one core.",
        "",
        "Run it: `make bench` (full, ≈ 10 min), `make bench BENCH_ARGS=--quick` (smoke, ≈ 1 "
        "min), `make bench BENCH_ARGS='--only search,paging'`.",
        "",
    ]
    notes = [(r.figure, n) for r in rows for n in r.notes]
    if notes:
        lines += ["## Notes per figure", ""]
        lines += [f"- {fig}: {n}" for fig, n in notes]
        lines.append("")
    if details:
        lines += ["## Where the time goes (misses only)", ""]
        lines += details
    if partial:
        lines += ["", "_This is a partial run; `make bench` writes bench/results.md._", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
