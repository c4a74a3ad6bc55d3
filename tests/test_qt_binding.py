"""The Qt binding installed is one that survives a long session."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_signal_emits_do_not_crash_the_process():
    # PySide6 6.12.0 took a reference to True away on every emit from Python; the process
    # aborted after a few thousand (bool_dealloc). A refresh of 200 feeds emits ~400 signals.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QObject, Signal

        class Source(QObject):
            changed = Signal(int)

        source = Source()
        for n in range(50_000):
            source.changed.emit(n)
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
