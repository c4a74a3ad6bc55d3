"""One window per profile: a second launch raises the first and exits 0.

First the guard alone (two guards on one profile in this process, a stale socket, a damaged
lock file), then the real app: ``python -m newsdesk gui`` twice on one profile.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QLockFile

from newsdesk.core import settings as settings_mod
from newsdesk.ui.single_instance import LOCK_NAME, SingleInstance, server_name


def test_second_guard_on_a_profile_asks_the_first_to_raise(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire() and first.is_primary()
        assert not second.acquire() and not second.is_primary()
        raised: list[bool] = []
        first.raise_requested.connect(lambda: raised.append(True))
        assert second.ask_to_raise(timeout_ms=5000)  # bounded; answered by the first
        assert raised == [True]
    finally:
        second.release()
        first.release()
    # Released: the next launch is the first again.
    third = SingleInstance(tmp_path)
    try:
        assert third.acquire()
    finally:
        third.release()


def test_names_differ_per_profile_and_fit_a_socket_path(tmp_path):
    one, other = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert one != other
    assert server_name(tmp_path / "a" / ".." / "a") == one  # the resolved path counts
    assert len(os.path.join(QDir.tempPath(), one).encode()) < 104  # sun_path on macOS


def test_two_profiles_are_independent(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = SingleInstance(tmp_path / "one")
    other = SingleInstance(tmp_path / "two")
    try:
        assert first.acquire()
        assert other.acquire()  # another profile is not "already running"
        assert first.name != other.name
    finally:
        other.release()
        first.release()


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_a_socket_left_by_a_crash_is_replaced(qtbot, tmp_path):
    path = os.path.join(QDir.tempPath(), server_name(tmp_path))
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(path)  # bound, then closed without unlinking: what a crash leaves
    leftover.close()
    assert os.path.exists(path)
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire()
        raised: list[bool] = []
        first.raise_requested.connect(lambda: raised.append(True))
        assert second.ask_to_raise(timeout_ms=5000)
        assert raised == [True]
    finally:
        second.release()
        first.release()


def test_an_unreadable_lock_file_is_removed(qtbot, tmp_path):
    (tmp_path / LOCK_NAME).write_bytes(b"\x00garbage")  # truncated by a full disk, say
    blocked = QLockFile(str(tmp_path / LOCK_NAME))
    blocked.setStaleLockTime(0)
    assert not blocked.tryLock(0)  # Qt alone would wait for it forever
    guard = SingleInstance(tmp_path)
    try:
        assert guard.acquire() and guard.is_primary()
    finally:
        guard.release()


# -- the real app, twice ------------------------------------------------------------------------


class Output:
    """Collects a process's stderr lines on a thread, so waits on it are bounded."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stderr is not None
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return True
            time.sleep(0.05)
        return False

    def text(self) -> str:
        return "".join(self.lines)


def _launch(profile: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSDESK_PROFILE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "-v", "--profile", str(profile), "gui"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_a_second_launch_raises_the_running_window_and_exits_0(profile):
    # No refresh on start: the seeded default feeds are on the internet.
    path = profile / "config" / "settings.json"
    settings = settings_mod.load(path).settings.with_value("refresh.on_start", "false")
    settings_mod.save(settings, path)
    first = _launch(profile)
    second: subprocess.Popen[str] | None = None
    try:
        output = Output(first)
        assert output.wait_for("listening as", timeout=10), output.text()
        assert first.poll() is None
        second = _launch(profile)
        try:
            _, second_err = second.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("the second launch did not exit")
        assert second.returncode == 0, second_err
        assert "brought forward" in second_err
        assert "listening as" not in second_err  # it never became a second writer
        assert output.wait_for("Bringing the window to the front", timeout=10), output.text()
        assert first.poll() is None  # the first one keeps running
    finally:
        for process in (second, first):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        if first.stderr is not None:
            first.stderr.close()
