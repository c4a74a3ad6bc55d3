"""Figures 2 and 3: the GUI thread during a refresh, and start-up with many stored articles.

Both run :mod:`bench.gui_child` in a fresh child process (offscreen Qt) per measurement.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import PYTHON, Row, child_env, log, ratio, run_json, stat, verdict


def stall(prepare, repeats: int, with_window: bool) -> dict:
    """``prepare()`` gives a fresh profile whose feeds point at the running server."""
    gaps, idle, p99, refresh_s, errors, where = [], [], [], [], [], []
    window_error = ""
    for n in range(repeats):
        profile = prepare()
        cmd = [PYTHON, "-m", "bench.gui_child", "stall", str(profile)]
        if with_window:
            cmd.append("--window")
        try:
            r = run_json(cmd, timeout=180)
        except Exception as exc:  # noqa: BLE001 - report it, keep the rest of the bench
            errors.append(str(exc)[-300:])
            log(f"    stall #{n + 1} failed: {str(exc)[-300:]}")
            continue
        window_error = r.get("window_error") or window_error
        if not r["finished"]:
            errors.append("the refresh did not finish within the bound")
        gaps.append(r["max_gap_ms"])
        at = r.get("max_gap_after_finished_s")
        if at is not None:
            where.append("after `finished` (the window's reload)" if at >= 0 else "during the pass")
        idle.append(r["idle_max_gap_ms"])
        p99.append(r["p99_gap_ms"])
        if r["refresh_s"]:
            refresh_s.append(r["refresh_s"])
        log(
            f"    stall{' (window)' if r['window'] else ' (worker only)'} #{n + 1}: "
            f"max gap {r['max_gap_ms']:.0f} ms, p99 {r['p99_gap_ms']:.0f} ms, "
            f"{r['gaps_over_50ms']} gaps > 50 ms, idle max {r['idle_max_gap_ms']:.0f} ms, "
            f"{r['feeds']} feeds / {r['new_articles']} new in {r['refresh_s'] or 0:.1f} s"
        )
    return {
        "max_gap": stat(gaps),
        "idle": stat(idle),
        "p99": stat(p99),
        "refresh_s": stat(refresh_s),
        "errors": errors,
        "where": where,
        "window_error": window_error,
        "with_window": with_window and not window_error,
    }


def stall_rows(res: dict, feeds: int, asked_window: bool) -> list[Row]:
    if not res["max_gap"].values:
        return [Row("2. GUI stall", "failed: " + "; ".join(res["errors"])[:200], "—")]
    who = (
        "window wired as app.py does"
        if res["with_window"]
        else "worker only" + (f" (window failed: {res['window_error']})" if asked_window else "")
    )
    g = res["max_gap"]
    return [
        Row(
            f"2. GUI stall: longest gap of a 10 ms timer, cold refresh of {feeds} feeds ({who})",
            f"{g.show('ms', 0)}; p99 {res['p99'].median:.0f} ms",
            f"idle, same process: {res['idle'].show('ms', 0)}",
            ratio(g.median, res["idle"].median),
            "≤ 50 ms",
            verdict(g.median <= 50),
            [
                f"refresh took {res['refresh_s'].show('s', 1)} under the GUI process; the longest "
                f"gap came {', '.join(res['where']) or '?'}"
            ],
        )
    ]


def startup(profile: Path, repeats: int) -> dict:
    results = []
    run_json(_startup_cmd(profile, time.perf_counter()), timeout=120)  # warm-up (page cache)
    for _ in range(repeats):
        launched = time.perf_counter()
        results.append(run_json(_startup_cmd(profile, launched), timeout=120))
    keys = ("launch_to_paint_s", "imports_s", "profile_and_window_s", "window_to_paint_s",
            "rss_mib", "peak_rss_mib")  # fmt: skip
    out = {k: stat([r[k] for r in results if r.get(k) is not None]) for k in keys}
    out["rows"] = results[-1]["rows_at_first_paint"] if results else -1
    return out


def _startup_cmd(profile: Path, launched: float) -> list[str]:
    return [PYTHON, "-m", "bench.gui_child", "startup", str(profile), "--launched",
            repr(launched)]  # fmt: skip


def startup_rows(big: dict, empty: dict, articles: int) -> list[Row]:
    lp, ref = big["launch_to_paint_s"], empty["launch_to_paint_s"]
    rss, rss_ref = big["rss_mib"], empty["rss_mib"]
    return [
        Row(
            f"3. Start-up: process launch → first paint, {articles:,} articles",
            lp.show("s"),
            f"empty profile: {ref.show('s')}",
            ratio(lp.median, ref.median),
            "≤ 1 s",
            verdict(lp.median <= 1.0),
            [
                f"imports {big['imports_s'].median:.2f} s, open profile + MainWindow() "
                f"{big['profile_and_window_s'].median:.2f} s, QApplication → first paint "
                f"{big['window_to_paint_s'].median:.2f} s; {big['rows']} rows at first paint"
            ],
        ),
        Row(
            f"3. Start-up: resident memory at first paint, {articles:,} articles",
            rss.show("MiB", 0),
            f"empty profile: {rss_ref.show('MiB', 0)}",
            ratio(rss.median, rss_ref.median),
            "≤ 300 MB",
            verdict(rss.median * 1.048576 <= 300),
        ),
    ]


__all__ = ["child_env", "stall", "stall_rows", "startup", "startup_rows"]
