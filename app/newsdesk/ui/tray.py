"""The tray icon: the unread count in its tooltip, a notification when a refresh brings new
stories in the followed topics (if ``notifications.new_articles`` allows, and only while the
window is not the active one), and a click that brings the window back.

Where the platform has no tray (the offscreen one, some desktops) there is no icon and
:attr:`TrayNotifier.icon` is ``None``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from newsdesk import APP_NAME
from newsdesk.core.settings import Settings
from newsdesk.core.storage import Storage


class TrayNotifier(QObject):
    """The window's tray icon and its notifications."""

    def __init__(self, window: QWidget, storage: Storage) -> None:
        """Show an icon with ``window``'s icon, if the platform has a tray."""
        super().__init__(window)
        self._window = window
        self._storage = storage
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(window.windowIcon(), window)
            self.icon.setToolTip(APP_NAME)
            self.icon.activated.connect(self._on_activated)
            self.icon.show()

    def notify(self, settings: Settings, since: float) -> None:
        """After a pass with new articles: the unread count in the tooltip, and a notification
        for the articles of the followed topics stored since ``since`` (a Unix time)."""
        if self.icon is None:
            return
        unread = sum(f.unread_count for f in self._storage.feeds())
        tooltip = self.tr("{app}: %n unread", "", unread)
        self.icon.setToolTip(tooltip.format(app=APP_NAME))
        followed = frozenset(settings.topics.followed)
        fresh = self._storage.count_new(since, followed)
        if not fresh or not settings.notifications.new_articles:
            return
        if self._window.isActiveWindow():
            return
        if followed:
            text = self.tr("%n new article(s) in your topics", "", fresh)
        else:
            text = self.tr("%n new article(s)", "", fresh)
        self.icon.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    def hide(self) -> None:
        """Take the icon out of the tray (the app is quitting)."""
        if self.icon is not None:
            self.icon.hide()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        del reason
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
