"""What the window's tests share: opened profiles, real feeds to list, the Settings dialog, a
real refresher in its own thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaObject, Qt, QThread
from pytestqt.qtbot import QtBot

from newsdesk.core.profile import Profile, open_profile
from newsdesk.ui.mainwindow import MainWindow
from newsdesk.worker.refresher import Refresher

#: Real publishers' feeds (../shared/fixtures/feeds/real) in several languages and encodings.
LIST_FEEDS = (
    "google-news-rss2.xml",
    "tut-by-news-rss2.xml",
    "aif-ru-rss2-yandex-fulltext.xml",
    "guardian-us-rss2.xml",
    "lemonde-une-rss2.xml",
    "golem-de-rss2-iso8859-1.xml",
    "cnn-topstories-feedburner-rss2.xml",
    "hackernews-hnapp-atom.xml",
)


@pytest.fixture
def opened(profile: Path) -> Iterator[Profile]:
    """The test's profile, opened as a first start would: with the default subscriptions."""
    with open_profile(profile) as p:
        yield p


@pytest.fixture
def unseeded(profile: Path) -> Iterator[Profile]:
    """The test's profile, opened without subscriptions."""
    with open_profile(profile, seed_defaults=False) as p:
        yield p


def open_settings(qtbot: QtBot, profile: Profile):  # type: ignore[no-untyped-def]
    """The Settings dialog on ``profile``, shown (not run modally) and closed after the test."""
    from newsdesk.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def start_worker(window: MainWindow, profile: Profile) -> tuple[Refresher, QThread]:
    """A real refresher on ``profile`` in its own running thread, attached to ``window``."""
    worker = Refresher(profile.paths.database_file, profile.settings, profile.taxonomy)
    thread = QThread()
    worker.moveToThread(thread)
    window.attach_refresher(worker)
    thread.start()
    return worker, thread


def stop_worker(worker: Refresher, thread: QThread) -> None:
    """Close the worker's database and parsing processes in its thread, then end the thread."""
    QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
    thread.quit()
    assert thread.wait(10_000)
