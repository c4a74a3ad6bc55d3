"""Where the time goes when a target is missed: py-spy (installed into the venv if missing).

``py-spy record --subprocesses --nonblocking --format raw`` samples the command and its
children (the parse pool) at 200 Hz; only running (non-idle) stacks are recorded, so the
counts are CPU time. :func:`summarize` folds the stacks into categories (the first match from
the leaf upwards, imports anywhere win) and into the hottest functions.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PYTHON, child_env, log

RATE = 200

# (substring of a frame's file, category); checked from the leaf frame upwards.
CATEGORIES: list[tuple[str, str]] = [
    ("newsdesk/core/html.py", "sanitise + plain text (core/html.py: nh3, caps, to_text)"),
    ("newsdesk/core/dates.py", "date parsing (core/dates.py)"),
    ("newsdesk/core/topics.py", "topic classification (core/topics.py)"),
    ("newsdesk/core/links.py", "URL checks (core/links.py)"),
    ("newsdesk/core/storage.py", "SQLite writes/reads (core/storage.py)"),
    ("newsdesk/core/search.py", "search text (core/search.py)"),
    ("feedparser/", "feedparser (XML parse, its mapping)"),
    ("xml/sax", "feedparser (XML parse, its mapping)"),
    ("newsdesk/core/feeds.py", "feeds.py normalisation (other)"),
    ("newsdesk/core/net.py", "HTTP (core/net.py, requests, urllib3)"),
    ("requests/", "HTTP (core/net.py, requests, urllib3)"),
    ("urllib3/", "HTTP (core/net.py, requests, urllib3)"),
    ("http/client", "HTTP (core/net.py, requests, urllib3)"),
    ("pickle", "process pool: pickling, IPC"),
    ("multiprocessing/", "process pool: pickling, IPC"),
    ("concurrent/futures", "process pool: pickling, IPC"),
    ("newsdesk/ui/", "window code (ui/)"),
    ("PySide6", "Qt"),
]
_PROCESS = re.compile(r'process \d+:"([^"]*)";')
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def ensure_pyspy() -> str | None:
    """The py-spy binary next to the venv's Python; pip-installed when missing."""
    candidate = Path(PYTHON).with_name("py-spy")
    if candidate.exists():
        return str(candidate)
    log("installing py-spy into the venv (pip install py-spy) …")
    proc = subprocess.run(
        [PYTHON, "-m", "pip", "install", "-q", "--disable-pip-version-check", "py-spy"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0 or not candidate.exists():
        log(f"py-spy could not be installed: {proc.stderr.strip()[-300:]}")
        return shutil.which("py-spy")
    return str(candidate)


@dataclass
class Profile:
    """A folded py-spy profile."""

    title: str
    samples: int = 0
    by_role: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_role_category: Counter = field(default_factory=Counter)
    inclusive: Counter = field(default_factory=Counter)
    self_time: Counter = field(default_factory=Counter)
    error: str = ""

    def seconds(self, count: int) -> float:
        return count / RATE

    def markdown(self, top: int = 10) -> str:
        if self.error:
            return f"#### {self.title}\n\nNot profiled: {self.error}\n"
        total = max(1, self.samples)
        lines = [
            f"#### {self.title}",
            "",
            f"{self.samples} CPU samples at {RATE} Hz = {self.samples / RATE:.2f} CPU-seconds "
            "(idle waits excluded).",
            "",
            "| where (process) | CPU s | share |",
            "|---|---:|---:|",
        ]
        for role, n in self.by_role.most_common():
            lines.append(f"| {role} | {n / RATE:.2f} | {100 * n / total:.0f}% |")
        lines += ["", "| category | CPU s | share |", "|---|---:|---:|"]
        for cat, n in self.by_category.most_common(12):
            lines.append(f"| {cat} | {n / RATE:.2f} | {100 * n / total:.0f}% |")
        lines += ["", "| hottest functions (inclusive) | CPU s | share |", "|---|---:|---:|"]
        for fn, n in self.inclusive.most_common(top):
            lines.append(f"| `{fn}` | {n / RATE:.2f} | {100 * n / total:.0f}% |")
        ours = [(fn, n) for fn, n in self.inclusive.most_common() if fn.startswith("newsdesk/")]
        if ours:
            lines += ["", "| Newsdesk functions (inclusive) | CPU s | share |", "|---|---:|---:|"]
            for fn, n in ours[: top + 6]:
                lines.append(f"| `{fn}` | {n / RATE:.2f} | {100 * n / total:.0f}% |")
        lines += ["", "| self time | CPU s | share |", "|---|---:|---:|"]
        for fn, n in self.self_time.most_common(top):
            lines.append(f"| `{fn}` | {n / RATE:.2f} | {100 * n / total:.0f}% |")
        return "\n".join(lines) + "\n"


def _short(file: str) -> str:
    for marker in ("site-packages/", "/app/", "/lib/python3.11/", "/bench/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def summarize(raw: Path, title: str) -> Profile:
    prof = Profile(title)
    boring = ("_find_and_load", "_call_with_frames_removed", "<module>", "Thread._bootstrap",
              "Thread.run", "_WorkItem.run", "_worker", "spawn_main", "_process_worker",
              "BaseProcess._bootstrap", "BaseProcess.run")  # fmt: skip
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        # 'process PID:"command line";' prefixes (the command line may hold ';'), one per
        # level of the process tree.
        processes = _PROCESS.findall(stack)
        stack = _PROCESS.sub("", stack)
        role = "main process"
        for command in processes[1:]:
            if "multiprocessing.spawn" in command or "multiprocessing-fork" in command:
                role = "parse pool workers"
            elif "resource_tracker" in command:
                role = "multiprocessing resource tracker"
        thread = ""
        frames: list[tuple[str, str]] = []
        for part in stack.split(";"):
            if part.startswith("thread ("):
                thread = part.split(":", 1)[1].strip() if ":" in part else "unnamed thread"
                continue
            m = _FRAME.match(part)
            if m:
                frames.append((m.group("func"), m.group("file")))
        if role == "main process" and thread:
            role = "main process: " + (
                "fetch threads" if thread.startswith("newsdesk-fetch") else thread
            )
        prof.samples += count
        prof.by_role[role] += count
        if any(f[0] == "_find_and_load" for f in frames):
            category = "imports (module loading)"
        else:
            category = "other Python"
            for depth, (func, file) in enumerate(reversed(frames)):
                hit = next(
                    (
                        c
                        for s, c in CATEGORIES
                        # pool machinery counts only near the leaf: below it is the real work
                        if (s in file or s in func) and (depth < 4 or not c.startswith("process"))
                    ),
                    None,
                )
                if hit:
                    category = hit
                    break
        prof.by_category[category] += count
        prof.by_role_category[(role, category)] += count
        seen = set()
        for func, file in frames:
            if func in boring:
                continue
            key = f"{_short(file)}:{func}"
            if key not in seen:
                seen.add(key)
                prof.inclusive[key] += count
        if frames:
            func, file = frames[-1]
            prof.self_time[f"{_short(file)}:{func}"] += count
    return prof


def profile_command(
    cmd: list[str], out: Path, title: str, *, gil: bool = False, timeout: float = 300,
    env: dict[str, str] | None = None,
) -> Profile:  # fmt: skip
    """Run ``cmd`` under py-spy and fold the result."""
    pyspy = ensure_pyspy()
    if pyspy is None:
        return Profile(title, error="py-spy is not available")
    spy = [pyspy, "record", "--subprocesses", "--nonblocking", "--threads", "-r", str(RATE),
           "--format", "raw", "-o", str(out)]  # fmt: skip
    if gil:
        spy.append("--gil")
    proc = subprocess.run(
        [*spy, "--", *cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        check=False,
    )
    if not out.exists():
        return Profile(title, error=f"py-spy wrote nothing ({proc.stderr.strip()[-300:]})")
    return summarize(out, title)


def import_times(cmd_imports: str, top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """``python -X importtime -c 'import …'``: total seconds and the costliest packages (the
    self time of all their modules, summed per top-level package)."""
    proc = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", cmd_imports],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
        check=False,
    )
    per_package: Counter = Counter()
    for line in proc.stderr.splitlines():
        fields = line[len("import time:") :].split("|") if line.startswith("import time:") else []
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        root = fields[2].strip().split(".")[0]
        if root == "newsdesk":
            root = ".".join(fields[2].strip().split(".")[:3])
        per_package[root] += int(fields[0])
    total = sum(per_package.values())
    return total / 1e6, [(k, v / 1e6) for k, v in per_package.most_common(top)]


if __name__ == "__main__":  # fold an existing raw file: python -m bench.profiling FILE
    print(summarize(Path(sys.argv[1]), sys.argv[1]).markdown())  # noqa: T201 (a command's output is its interface)
