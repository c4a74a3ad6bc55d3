"""Build the QApplication and wire core, worker and window together; nothing else.

Qt is imported only from here down. The worker objects live in their own threads and talk to
the window through signals only; on quit they are stopped, their threads asked to finish and
waited for with a bound.
"""

from __future__ import annotations

import os
import sys

from newsdesk import APP_ID, APP_NAME, __version__
from newsdesk.core.profile import open_profile

THREAD_WAIT_MS = 5000


def run_gui(profile_dir: str | None = None, smoke_test: bool = False) -> int:
    """Open the main window and run the event loop; returns the exit status."""
    from PySide6.QtCore import Qt, QThread, QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.worker.images import ImageFetcher
    from newsdesk.worker.refresher import Refresher, RefreshRequest

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    profile = open_profile(profile_dir)
    window = MainWindow(profile)

    refresher = Refresher(profile.paths.database_file, profile.settings, profile.taxonomy)
    refresh_thread = QThread()
    refresh_thread.setObjectName("newsdesk-refresh")
    refresher.moveToThread(refresh_thread)
    window.attach_refresher(refresher)

    images = ImageFetcher()
    image_thread = QThread()
    image_thread.setObjectName("newsdesk-images")
    images.moveToThread(image_thread)
    window.images_requested.connect(images.fetch)
    images.image_ready.connect(window.pane.on_image_ready)
    images.image_failed.connect(window.pane.on_image_failed)

    def stop_workers() -> None:
        refresher.stop()
        images.stop()
        refresh_thread.quit()
        image_thread.quit()
        refresh_thread.wait(THREAD_WAIT_MS)
        image_thread.wait(THREAD_WAIT_MS)

    # finished is emitted from the worker's own thread: its database connection and parsing
    # processes are closed there, where they were opened.
    refresh_thread.finished.connect(refresher.shutdown, Qt.ConnectionType.DirectConnection)
    app.aboutToQuit.connect(stop_workers)
    refresh_thread.start()
    image_thread.start()
    try:
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
        if profile.settings.refresh.on_start:
            QTimer.singleShot(1500, lambda: window.request_refresh(RefreshRequest()))
        return int(app.exec())
    finally:
        stop_workers()
        profile.close()


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(run_gui())
