"""Shared pieces of the bench: statistics, child processes, the result rows."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
APP = ROOT / "app"  # measured first on every path: the checkout the bench lives in
PYTHON = sys.executable  # the venv's interpreter when run through `make bench`


def use_checkout() -> None:
    """Import ``newsdesk`` from this checkout (and ``bench`` as a package) in this process."""
    for path in (str(ROOT), str(APP)):
        if path in sys.path:
            sys.path.remove(path)
        sys.path.insert(0, path)


def newsdesk_cmd(*args: str) -> list[str]:
    """The ``newsdesk`` command of this checkout (``python -m newsdesk`` runs ``cli.main``)."""
    return [PYTHON, "-m", "newsdesk", *args]


def log(message: str) -> None:
    """Progress goes to stderr; the table goes to stdout."""
    print(message, file=sys.stderr, flush=True)  # noqa: T201 (a command's output is its interface)


@dataclass(frozen=True, slots=True)
class Stat:
    """Several measurements of one quantity."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def show(self, unit: str, digits: int = 2, scale: float = 1.0) -> str:
        """``1.23 s (1.10–1.40, n=3)``."""
        if not self.values:
            return "—"
        m, lo, hi = (v * scale for v in (self.median, self.low, self.high))
        if len(self.values) == 1:
            return f"{m:.{digits}f} {unit} (n=1)"
        return f"{m:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f}, n={len(self.values)})"


def stat(values: list[float]) -> Stat:
    return Stat(tuple(values))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass(slots=True)
class Row:
    """One line of the results table."""

    figure: str
    newsdesk: str
    reference: str
    ratio: str = "—"
    target: str = "—"
    met: str = "—"
    notes: list[str] = field(default_factory=list)


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def ratio(a: float, b: float) -> str:
    if b <= 0:
        return "—"
    return f"{a / b:.2f}×"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every child: offscreen Qt, our modules importable, and no proxy for
    loopback (a proxy set for the Internet must not see the bench's requests)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        # The checkout's own app/ first: the venv's editable install may point elsewhere.
        PYTHONPATH=os.pathsep.join([str(APP), str(ROOT), env.get("PYTHONPATH", "")]),
        NO_PROXY="127.0.0.0/8,localhost",
        no_proxy="127.0.0.0/8,localhost",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("NEWSDESK_PROFILE", None)
    env.update(extra)
    return env


def run_timed(
    cmd: list[str], *, timeout: float, env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run a command to completion (killed after ``timeout``); wall-clock seconds and result.

    ``result.cpu`` is the CPU time (user + system) the command and the children it waited for
    (a parse pool, say) used: the difference of ``RUSAGE_CHILDREN`` around it.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        cwd=str(cwd or ROOT),
        check=False,
    )
    secs = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)  # type: ignore[attr-defined]
    return secs, proc


def run_json(cmd: list[str], *, timeout: float, env: dict[str, str] | None = None) -> dict:
    """Run a child that prints one JSON object as its last stdout line."""
    _secs, proc = run_timed(cmd, timeout=timeout, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"{' '.join(cmd[:4])} … failed (exit {proc.returncode}): "
            f"{(proc.stderr or proc.stdout).strip()[-800:]}"
        )
    return json.loads(lines[-1])


class Budget:
    """A time bound for a loop: ``while budget.left() and n < count``."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> bool:
        return time.monotonic() < self.deadline
