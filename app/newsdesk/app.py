"""Build the QApplication and the window; nothing else. Qt is imported only from here down."""

from __future__ import annotations

import os
import sys

from newsdesk import APP_ID, APP_NAME, __version__
from newsdesk.core.profile import open_profile


def run_gui(profile_dir: str | None = None, smoke_test: bool = False) -> int:
    """Open the main window and run the event loop; returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    profile = open_profile(profile_dir)
    try:
        window = MainWindow(profile)
        window.show()
        if smoke_test:
            QTimer.singleShot(300, app.quit)
            app.exec()
            ok = not window.grab().isNull()
            print(
                f"smoke-test ok: {window.article_count()} articles shown, "
                f"platform={app.platformName()}"
                if ok
                else "smoke-test failed: nothing painted"
            )
            return 0 if ok else 1
        return int(app.exec())
    finally:
        profile.close()


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(run_gui())
