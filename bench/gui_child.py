"""Child processes that measure the window (offscreen Qt); each prints one JSON line.

``stall PROFILE [--window]``
    The worker (:class:`newsdesk.worker.refresher.Refresher` in its own ``QThread``) refreshes
    every feed of PROFILE while a 10 ms precise ``QTimer`` ticks on the GUI thread; the result
    is the longest gap between ticks from the request until 0.5 s after ``finished``. With
    ``--window`` the MainWindow that exists at run time is built and wired to the worker as
    ``app.py`` wires it (its slots run on every signal); without, only the worker runs.

``startup PROFILE --launched T``
    Open the profile, build MainWindow, show it, and stop at its first paint. ``T`` is the
    parent's ``time.perf_counter()`` just before it started this process (CLOCK_MONOTONIC is
    system-wide on Linux, so the two clocks agree): launch → first paint includes interpreter
    start-up and imports. Resident memory comes from ``/proc/self/status``.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402 (the clock starts before any import)
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

IDLE_S = 1.0
AFTER_S = 0.5
TICK_MS = 10


def _memory() -> dict[str, float]:
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024  # kB → MiB
    return out


def stall(profile_dir: str, with_window: bool, timeout: float) -> dict:
    from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
    from PySide6.QtWidgets import QApplication

    from newsdesk.core.profile import open_profile
    from newsdesk.worker.refresher import Refresher, RefreshRequest

    app = QApplication(sys.argv[:1])
    profile = open_profile(profile_dir, seed_defaults=False)
    window = None
    window_error = ""
    if with_window:
        try:
            from newsdesk.ui.mainwindow import MainWindow

            window = MainWindow(profile)
        except Exception as exc:  # noqa: BLE001 - the window is being rewritten: say so
            window_error = f"{type(exc).__name__}: {exc}"
            window = None

    class Probe(QObject):
        request = Signal(object)

        def __init__(self) -> None:
            super().__init__()
            self.ticks: list[float] = []
            self.phase = "idle"
            self.started_at = 0.0
            self.finished_at = 0.0
            self.summary = None
            self.feed_results = 0

        @Slot()
        def tick(self) -> None:
            self.ticks.append(time.perf_counter())

        @Slot(object)
        def on_finished(self, summary: object) -> None:
            self.finished_at = time.perf_counter()
            self.summary = summary
            QTimer.singleShot(int(AFTER_S * 1000), app.quit)

        @Slot(object)
        def on_feed_done(self, _result: object) -> None:
            self.feed_results += 1

        @Slot()
        def start(self) -> None:
            self.started_at = time.perf_counter()
            request = RefreshRequest(rates=False)  # the Internet is not part of the bench
            if window is not None:
                window.request_refresh(request)
            else:
                self.request.emit(request)

    probe = Probe()
    refresher = Refresher(profile.paths.database_file, profile.settings, profile.taxonomy)
    thread = QThread()
    refresher.moveToThread(thread)
    thread.finished.connect(refresher.shutdown, Qt.ConnectionType.DirectConnection)
    if window is not None:  # as app.py wires it
        window.attach_refresher(refresher)
        window.show()
    else:
        probe.request.connect(refresher.refresh)
    refresher.finished.connect(probe.on_finished)
    refresher.feed_done.connect(probe.on_feed_done)
    refresher.failed.connect(app.quit)
    thread.start()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(probe.tick)
    timer.start()
    QTimer.singleShot(int(IDLE_S * 1000), probe.start)
    QTimer.singleShot(int(timeout * 1000), app.quit)  # bound: never hang the bench
    app.exec()
    timer.stop()
    refresher.stop()
    thread.quit()
    thread.wait(10_000)
    if window is not None:
        window.close()
    profile.close()

    def gaps(lo: float, hi: float) -> list[float]:
        inside = [t for t in probe.ticks if lo <= t <= hi]
        return [(b - a) * 1000 for a, b in zip(inside, inside[1:], strict=False)]

    def worst_at(lo: float, hi: float) -> float | None:
        """When the longest gap ended, in seconds after ``finished`` (negative: before)."""
        inside = [t for t in probe.ticks if lo <= t <= hi]
        if len(inside) < 2 or not probe.finished_at:
            return None
        _gap, end = max((b - a, b) for a, b in zip(inside, inside[1:], strict=False))
        return end - probe.finished_at

    idle = gaps(0.0, probe.started_at)
    busy_end = (probe.finished_at or time.perf_counter()) + AFTER_S
    busy = gaps(probe.started_at, busy_end)
    summary = probe.summary
    return {
        "window": window is not None,
        "window_error": window_error,
        "finished": summary is not None,
        "feeds": len(summary.results) if summary is not None else probe.feed_results,
        "new_articles": summary.new_articles if summary is not None else 0,
        "refresh_s": (probe.finished_at - probe.started_at) if summary is not None else None,
        "max_gap_ms": max(busy, default=0.0),
        "p99_gap_ms": sorted(busy)[int(0.99 * (len(busy) - 1))] if busy else 0.0,
        "gaps_over_50ms": sum(1 for g in busy if g > 50),
        "ticks": len(busy),
        "idle_max_gap_ms": max(idle, default=0.0),
        "max_gap_after_finished_s": worst_at(probe.started_at, busy_end),
    }


def startup(profile_dir: str, launched: float, timeout: float) -> dict:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.core.profile import open_profile
    from newsdesk.ui.mainwindow import MainWindow

    t_imported = time.perf_counter()
    app = QApplication(sys.argv[:1])
    t_app = time.perf_counter()
    profile = open_profile(profile_dir, seed_defaults=False)
    window = MainWindow(profile)
    t_built = time.perf_counter()
    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint and "paint_event" not in marks:
                marks["paint_event"] = time.perf_counter()
                # Runs once the whole window's paint (one backing-store sync) is done.
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        marks["painted"] = time.perf_counter()
        marks["rows"] = window.article_count() if hasattr(window, "article_count") else -1
        marks.update(_memory())
        app.quit()

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    t_shown = time.perf_counter()
    QTimer.singleShot(int(timeout * 1000), app.quit)
    app.exec()
    window.close()
    profile.close()
    painted = marks.get("painted")
    return {
        "painted": painted is not None,
        "launch_to_paint_s": (painted - launched) if painted else None,
        "interpreter_s": T_START - launched,
        "imports_s": t_imported - T_START,
        "qapplication_s": t_app - t_imported,
        "profile_and_window_s": t_built - t_app,
        "show_s": t_shown - t_built,
        "window_to_paint_s": (painted - t_app) if painted else None,
        "rows_at_first_paint": marks.get("rows", -1),
        "rss_mib": marks.get("VmRSS"),
        "peak_rss_mib": marks.get("VmHWM"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["stall", "startup"])
    parser.add_argument("profile")
    parser.add_argument("--window", action="store_true")
    parser.add_argument("--launched", type=float, default=T_START)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.mode == "stall":
        result = stall(args.profile, args.window, args.timeout)
    else:
        result = startup(args.profile, args.launched, args.timeout)
    print(json.dumps(result), flush=True)  # noqa: T201 (a command's output is its interface)
    sys.stderr.flush()
    # Skip interpreter finalisation: PySide6 6.12 can abort in its garbage collection there
    # ("bool_dealloc: deallocating True or False"), which says nothing about the app's speed.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
