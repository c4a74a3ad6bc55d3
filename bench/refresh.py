"""Figure 1: refresh N feeds cold (empty profile) and warm (every feed answers 304).

Three clients against the same loopback server, interleaved repeat by repeat:

* **Newsdesk**: the real command line, ``newsdesk --profile DIR refresh --feed 1 … --feed N``
  (run as ``python -m newsdesk`` from this checkout's ``app/``), in a child process
  (interpreter start-up and imports included, as for the others). The ``--feed`` list names
  every subscription; without it the command also refreshes exchange rates from the Internet,
  which is not part of this comparison. The profile's subscriptions come from an OPML import
  beforehand (not timed). Default settings. Also timed: the pass alone inside a running
  process (bench/engine.py), which is what the window's worker pays.
* **newsboat** ``-x reload`` with ``reload-threads 16`` and its own urls, config and cache files
  (``-u``, ``-C``, ``-c``; ``HOME`` in a temporary folder). Its warm pass is its third: it
  keeps a new feed's validators only from the second fetch on.
* **plain loop**: :mod:`bench.plainloop`, requests + feedparser + sqlite with 16 threads.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from bench.common import (
    PYTHON,
    ROOT,
    Row,
    Stat,
    child_env,
    log,
    newsdesk_cmd,
    ratio,
    run_json,
    run_timed,
    stat,
    verdict,
)
from bench.server import ServerProcess

NEWSBOAT_CONFIG = """\
reload-threads 16
download-timeout 30
download-retries 1
show-read-feeds yes
"""
TIMEOUT = 300


def ensure_newsboat() -> str | None:
    """The newsboat binary; installed with apt-get when missing (root only). None if impossible."""
    found = shutil.which("newsboat")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None:
        log("newsboat is missing and there is no apt-get: the newsboat column is skipped")
        return None
    log("newsboat is missing: apt-get install -y newsboat …")
    cmd = [apt, "install", "-y", "newsboat"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode != 0:  # the package lists may be stale on a fresh machine
            subprocess.run([apt, "update"], capture_output=True, timeout=300, check=False)
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log(f"newsboat could not be installed ({exc}): the newsboat column is skipped")
        return None
    if proc.returncode != 0:
        log(f"newsboat could not be installed: {proc.stderr.strip()[-300:]} — skipped")
        return None
    return shutil.which("newsboat")


def newsboat_version(binary: str) -> str:
    proc = subprocess.run([binary, "-v"], capture_output=True, text=True, timeout=10, check=False)
    return (proc.stdout.splitlines() or ["newsboat ?"])[0].split(" - ")[0]


class _Clients:
    def __init__(self, work: Path, urls: list[str], newsboat: str | None) -> None:
        self.work = work
        self.urls = urls
        self.newsboat = newsboat
        self.urls_file = work / "urls"
        self.urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        self.opml = work / "feeds.opml"
        outlines = "\n".join(
            f'<outline type="rss" text="Bench {n}" xmlUrl={quoteattr(u)}/>'
            for n, u in enumerate(urls)
        )
        self.opml.write_text(
            '<?xml version="1.0"?>\n<opml version="2.0"><head><title>bench</title></head>'
            f"<body>\n{outlines}\n</body></opml>\n",
            encoding="utf-8",
        )
        (work / "newsboat.conf").write_text(NEWSBOAT_CONFIG, encoding="utf-8")
        self.counter = 0
        self.cpu = 0.0  # CPU seconds of the last run (with its children)

    def _fresh(self, name: str) -> Path:
        self.counter += 1
        path = self.work / f"{name}-{self.counter}"
        path.mkdir()
        return path

    # -- Newsdesk -------------------------------------------------------------------------------

    def newsdesk_prepare(self) -> tuple[Path, list[str]]:
        profile = self._fresh("newsdesk")
        _secs, proc = run_timed(
            newsdesk_cmd("--profile", str(profile), "import-opml", str(self.opml)), timeout=60
        )
        if proc.returncode != 0:
            raise RuntimeError(f"newsdesk import-opml failed: {proc.stderr.strip()}")
        db = profile / "data" / "newsdesk.sqlite3"
        with sqlite3.connect(db) as conn:
            ids = [str(r[0]) for r in conn.execute("SELECT id FROM feeds ORDER BY id")]
        if len(ids) != len(self.urls):
            raise RuntimeError(f"the import gave {len(ids)} feeds, not {len(self.urls)}")
        cmd = newsdesk_cmd("--profile", str(profile), "refresh")
        for feed_id in ids:
            cmd += ["--feed", feed_id]
        return profile, cmd

    def newsdesk_run(self, cmd: list[str]) -> tuple[float, str]:
        secs, proc = run_timed(cmd, timeout=TIMEOUT)
        self.cpu = proc.cpu
        if proc.returncode != 0:
            raise RuntimeError(f"newsdesk refresh failed ({proc.returncode}): {proc.stderr[-500:]}")
        return secs, proc.stdout.strip().splitlines()[-1]

    # -- newsboat -------------------------------------------------------------------------------

    def newsboat_prepare(self) -> Path:
        return self._fresh("newsboat")

    def newsboat_run(self, home: Path) -> tuple[float, str]:
        assert self.newsboat
        cmd = [
            self.newsboat, "-x", "reload", "-q",
            "-u", str(self.urls_file),
            "-c", str(home / "cache.db"),
            "-C", str(self.work / "newsboat.conf"),
        ]  # fmt: skip
        env = child_env(HOME=str(home), XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home))
        secs, proc = run_timed(cmd, timeout=TIMEOUT, env=env, cwd=home)
        self.cpu = proc.cpu
        if proc.returncode != 0:
            raise RuntimeError(f"newsboat failed ({proc.returncode}): {proc.stderr[-500:]}")
        with sqlite3.connect(home / "cache.db") as conn:
            items = conn.execute("SELECT count(*) FROM rss_item").fetchone()[0]
        return secs, f"{items} items in its cache"

    # -- plain loop -----------------------------------------------------------------------------

    def plain_prepare(self) -> Path:
        return self._fresh("plain") / "plain.sqlite3"

    def plain_run(self, db: Path) -> tuple[float, str]:
        cmd = [PYTHON, "-m", "bench.plainloop", str(self.urls_file), str(db), "--threads", "16"]
        secs, proc = run_timed(cmd, timeout=TIMEOUT)
        self.cpu = proc.cpu
        if proc.returncode != 0:
            raise RuntimeError(f"plain loop failed ({proc.returncode}): {proc.stderr[-500:]}")
        return secs, proc.stdout.strip().splitlines()[-1]


def measure(feeds: int, items: int, hosts: int, latencies: list[float], repeats: int) -> dict:
    """Run the three clients; returns {latency: {client: {"cold": Stat, "warm": Stat}}}."""
    newsboat = ensure_newsboat()
    out: dict = {"newsboat": newsboat_version(newsboat) if newsboat else None, "runs": {}}
    for latency in latencies:
        log(f"  refresh: {feeds} feeds × {items} items on {hosts} loopback hosts, {latency:g} ms")
        with ServerProcess(PYTHON, str(ROOT), feeds, items, hosts, latency) as server:
            out["bytes"] = server.info["bytes"]
            out["hosts"] = server.info["hosts"]
            work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-refresh-"))
            try:
                out["runs"][latency] = _measure_at(server, work, newsboat, repeats)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return out


def _measure_at(server: ServerProcess, work: Path, newsboat: str | None, repeats: int) -> dict:
    clients = _Clients(work, server.urls, newsboat)
    names = ["newsdesk", "plain"] + (["newsboat"] if newsboat else [])
    times: dict[str, dict[str, list[float]]] = {n: {"cold": [], "warm": []} for n in names}
    engine: dict[str, list[float]] = {"cold": [], "warm": []}  # Newsdesk's own "in X s"
    cpu: dict[str, dict[str, list[float]]] = {n: {"cold": [], "warm": []} for n in names}
    checks: dict[str, dict[str, str]] = {n: {} for n in names}
    for rep in range(repeats):
        for name in names:
            if name == "newsdesk":
                _profile, cmd = clients.newsdesk_prepare()
                run = lambda cmd=cmd: clients.newsdesk_run(cmd)  # noqa: E731
            elif name == "newsboat":
                home = clients.newsboat_prepare()
                run = lambda home=home: clients.newsboat_run(home)  # noqa: E731
            else:
                db = clients.plain_prepare()
                run = lambda db=db: clients.plain_run(db)  # noqa: E731
            for phase in ("cold", "warm"):
                if phase == "warm" and name == "newsboat":
                    # newsboat 2.21 stores a new feed's ETag/Last-Modified only from its second
                    # fetch on (the first happens before the feed's cache row exists), so a
                    # second untimed pass makes its next one all-304, as "warm" means.
                    run()
                server.stats(reset=True)
                secs, summary = run()
                counts = server.stats()
                times[name][phase].append(secs)
                cpu[name][phase].append(clients.cpu)
                found = _ENGINE.search(summary) if name == "newsdesk" else None
                if found:
                    engine[phase].append(float(found.group(1)))
                checks[name][phase] = (
                    f"{summary}; server: {counts.get('200', 0)}×200, {counts.get('304', 0)}×304, "
                    f"{counts.get('connections', 0)} connections opened"
                )
                log(f"    {name:9s} {phase} #{rep + 1}: {secs:6.2f} s  ({checks[name][phase]})")
    # The pass alone, in a running process (what the window's worker pays), Newsdesk only.
    in_app: dict[str, list[float]] = {"cold": [], "warm": []}
    for rep in range(repeats):
        profile, _cmd = clients.newsdesk_prepare()
        r = run_json([PYTHON, "-m", "bench.engine", str(profile)], timeout=TIMEOUT)
        for phase in ("cold", "warm"):
            in_app[phase].append(r[phase])
        log(f"    in-app pass #{rep + 1}: cold {r['cold']:.2f} s, warm {r['warm']:.3f} s")
    out = {
        n: {
            "cold": stat(t["cold"]),
            "warm": stat(t["warm"]),
            "checks": checks[n],
            "cpu": {k: stat(v) for k, v in cpu[n].items()},
        }
        for n, t in times.items()
    }
    out["newsdesk"]["in_app"] = {k: stat(v) for k, v in in_app.items()}
    out["newsdesk"]["engine"] = {k: stat(v) for k, v in engine.items()}
    return out


_ENGINE = re.compile(r" in ([0-9.]+) s\.")


def rows(result: dict, feeds: int, items: int) -> list[Row]:
    """Table rows: Newsdesk against newsboat (the target) and against the plain loop."""
    out: list[Row] = []
    targets = {"cold": 0.4, "warm": 0.1}
    for latency, clients in result["runs"].items():
        for phase in ("cold", "warm"):
            nd: Stat = clients["newsdesk"][phase]
            eng: Stat = clients["newsdesk"]["engine"][phase]
            label = f"1. Refresh {feeds}×{items}, {phase}, {latency:g} ms latency"
            note = [
                f"Newsdesk's own pass time (the CLI's 'in X s', 0.1 s steps): {eng.show('s', 1)}; "
                f"checks: {clients['newsdesk']['checks'].get(phase, '')}"
            ]
            nb = clients.get("newsboat")
            if nb is not None:
                ref: Stat = nb[phase]
                met = nd.median <= targets[phase] * ref.median
                out.append(
                    Row(
                        label + " — vs newsboat",
                        nd.show("s"),
                        f"newsboat: {ref.show('s')}",
                        ratio(nd.median, ref.median),
                        f"≤ {targets[phase]}× newsboat",
                        verdict(met),
                        note
                        + [
                            f"newsboat: {nb['checks'].get(phase, '')}",
                            "CPU time (user+sys, children included): Newsdesk "
                            f"{clients['newsdesk']['cpu'][phase].show('s')}, newsboat "
                            f"{nb['cpu'][phase].show('s')}, plain loop "
                            f"{clients['plain']['cpu'][phase].show('s')}",
                        ],
                    )
                )
            else:
                out.append(
                    Row(
                        label + " — vs newsboat",
                        nd.show("s"),
                        "newsboat missing: skipped",
                        "—",
                        f"≤ {targets[phase]}× newsboat",
                        "—",
                    )  # fmt: skip
                )
            in_app: Stat = clients["newsdesk"]["in_app"][phase]
            if nb is not None:
                out.append(
                    Row(
                        label + " — the pass inside a running app vs newsboat",
                        in_app.show("s", 3 if phase == "warm" else 2),
                        f"newsboat: {nb[phase].show('s')}",
                        ratio(in_app.median, nb[phase].median),
                        "(diagnostic)",
                        "—",
                        [
                            "core Refresher.run() timed inside one process (bench/engine.py), "
                            "as the window's worker runs it: no interpreter start-up or imports"
                            + ("; includes starting the parse pool" if phase == "cold" else "")
                        ],
                    )
                )
            plain: Stat = clients["plain"][phase]
            out.append(
                Row(
                    label + " — vs plain loop",
                    nd.show("s"),
                    f"requests+feedparser+sqlite, 16 threads: {plain.show('s')}",
                    ratio(nd.median, plain.median),
                    "(reference only)",
                    "—",
                    [f"plain loop: {clients['plain']['checks'].get(phase, '')}"],
                )
            )
    return out
