"""What the bench ran on: CPU, cores, RAM, OS, Python, Qt, SQLite, library versions, load."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import UTC, datetime


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _os_name() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def _versions() -> dict[str, str]:
    out = {}
    try:
        import PySide6
        from PySide6 import QtCore

        out["PySide6"] = PySide6.__version__
        out["Qt"] = QtCore.qVersion()
    except ImportError:
        out["PySide6"] = "missing"
    for name in ("feedparser", "requests", "nh3"):
        try:
            module = __import__(name)
            out[name] = getattr(module, "__version__", "?")
        except ImportError:
            out[name] = "missing"
    try:
        import newsdesk

        out["newsdesk"] = f"{newsdesk.__version__} ({os.path.dirname(newsdesk.__file__)})"
    except ImportError:
        out["newsdesk"] = "missing"
    return out


def describe() -> dict[str, str]:
    """The facts, as strings."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram": f"{_ram_gib():.1f} GiB",
        "os": _os_name(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "load_start": " ".join(f"{x:.2f}" for x in load),
        **_versions(),
    }


def load_now() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return " ".join(f"{x:.2f}" for x in load)


def wait_quiet(seconds: float, log) -> None:
    """Wait (bounded) for other work on the machine to finish: timings share the CPU."""
    import time

    if not hasattr(os, "getloadavg") or seconds <= 0:
        return
    deadline = time.monotonic() + seconds
    said = False
    while os.getloadavg()[0] >= 1.0 and time.monotonic() < deadline:
        if not said:
            log(f"load average {load_now()}: waiting up to {seconds:.0f} s for a quieter machine …")
            said = True
        time.sleep(5)
