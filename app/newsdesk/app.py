"""Build the QApplication and wire core, worker and window together; nothing else.

Qt is imported only from here down. The worker objects live in their own threads and talk to
the window through signals only; on quit they are stopped, their threads asked to finish and
waited for with a bound.

Before the profile's database is opened, :class:`~newsdesk.ui.single_instance.SingleInstance`
decides whether another process already has the profile open; if so, that process is asked to
bring its window forward and this one exits with status 0.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from newsdesk import APP_ID, APP_NAME, __version__
from newsdesk.core.paths import resolve
from newsdesk.core.profile import open_profile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

THREAD_WAIT_MS = 5000


def run_gui(profile_dir: str | None = None, smoke_test: bool = False) -> int:
    """Open the main window and run the event loop; returns the exit status.

    A second launch on a profile that is open already asks the running window to come to the
    front and returns 0 without opening anything.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    paths = resolve(profile_dir)
    paths.ensure()
    try:
        from newsdesk.ui.single_instance import SingleInstance
    except ImportError as exc:  # QtNetwork left out of a frozen bundle (packaging/newsdesk.spec)
        log.warning("Cannot tell whether Newsdesk already runs (%s); starting anyway.", exc)
        return _run_window(app, profile_dir, None, smoke_test)
    guard = SingleInstance(paths.data_dir)
    if not guard.acquire():
        if guard.ask_to_raise():
            log.info("Newsdesk already runs with this profile; its window was brought forward.")
            return 0
        sys.stderr.write(
            f"newsdesk: another Newsdesk has the profile in {paths.data_dir} open "
            "but does not answer.\n"
        )
        return 1
    try:
        return _run_window(app, profile_dir, guard, smoke_test)
    finally:
        guard.release()


def _run_window(
    app: QApplication, profile_dir: str | None, guard: SingleInstance | None, smoke_test: bool
) -> int:
    from PySide6.QtCore import Qt, QThread, QTimer

    from newsdesk.ui.i18n import install_translation
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.theme import apply_theme
    from newsdesk.worker.images import ImageFetcher
    from newsdesk.worker.refresher import Refresher

    profile = open_profile(profile_dir)
    install_translation(app, profile.settings.appearance.language)
    apply_theme(app, profile.settings.appearance.theme)  # before any widget is built
    window = MainWindow(profile)
    if guard is not None:
        guard.raise_requested.connect(window.bring_to_front)

    refresher = Refresher(profile.paths.database_file, profile.settings, profile.taxonomy)
    refresh_thread = QThread()
    refresh_thread.setObjectName("newsdesk-refresh")
    refresher.moveToThread(refresh_thread)
    window.attach_refresher(refresher)

    images = ImageFetcher(settings=profile.settings)
    image_thread = QThread()
    image_thread.setObjectName("newsdesk-images")
    images.moveToThread(image_thread)
    # With the article's address, so a Referer can be sent when the user allows it.
    window.article_images_requested.connect(images.fetch_for)
    window.settings_changed.connect(images.apply_settings, Qt.ConnectionType.QueuedConnection)
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
        if smoke_test:
            window.show()
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
        window.show_at_start()
        window.schedule_start_refresh()
        return int(app.exec())
    finally:
        stop_workers()
        profile.close()


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(run_gui())
