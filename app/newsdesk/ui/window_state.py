"""The main window's place between runs: geometry, toolbars and docks, splitter positions.

This is UI state, not settings: it lives in ``window.ini`` in the profile's config folder
(a :class:`QSettings` INI file), never in ``settings.json``. A missing or unreadable value
leaves that part as the window built it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


class WindowState:
    """Restores and saves one window's state and its named splitters."""

    def __init__(self, file: Path, window: QMainWindow, splitters: Mapping[str, QSplitter]) -> None:
        """Keep ``window``'s state and ``splitters`` (by key) in the INI ``file``."""
        self._store = QSettings(str(file), QSettings.Format.IniFormat)
        self._window = window
        self._splitters = dict(splitters)

    def restore(self) -> None:
        """Put the window and the splitters back as they were saved."""
        geometry = self._store.value("geometry")
        if isinstance(geometry, QByteArray):
            self._window.restoreGeometry(geometry)
        state = self._store.value("state")
        if isinstance(state, QByteArray):
            self._window.restoreState(state)
        for name, splitter in self._splitters.items():
            sizes = self._store.value(name)
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)

    def save(self) -> None:
        """Write the window's geometry, toolbars and docks, and the splitters' positions."""
        self._store.setValue("geometry", self._window.saveGeometry())
        self._store.setValue("state", self._window.saveState())
        for name, splitter in self._splitters.items():
            self._store.setValue(name, splitter.saveState())
        self._store.sync()
