"""The main window's menus, toolbar and keyboard shortcuts, and the About box Help leads to.

Single-letter keys (j, k, o, s, m, Space, /) belong to the article list, so that they never
fire while the user types in the search box. The texts keep the ``MainWindow`` translation
context they had before they moved here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from newsdesk import __version__

if TYPE_CHECKING:
    from newsdesk.ui.article_reader import ArticleReader
    from newsdesk.ui.mainwindow import MainWindow

#: What a shortcut is given as: a key sequence in text, a standard key, or none.
Keys = str | QKeySequence.StandardKey | None


class WindowActions(QObject):
    """Builds the window's actions and menus and connects them to its slots.

    Attributes:
        refresh_action, import_action, export_action, settings_action, mark_all_action: The
            actions other parts of the window enable or show.
    """

    def __init__(self, window: MainWindow, reader: ArticleReader) -> None:
        """Add the menu bar, the toolbar and the shortcuts to ``window``; the reading keys
        go to ``reader``."""
        super().__init__(window)
        self._window = window
        self._build_file_menu()
        self._build_news_menu(reader)
        view_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
        view_menu.addAction(window.converter_dock.toggleViewAction())
        help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        about = QCoreApplication.translate("MainWindow", "&About Newsdesk")
        help_menu.addAction(self._action(about, None, self.about))
        toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.mark_all_action)
        toolbar.addAction(window.converter_dock.toggleViewAction())

    def _build_file_menu(self) -> None:
        w = self._window
        file_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        refresh = QCoreApplication.translate("MainWindow", "&Refresh")
        self.refresh_action = self._action(refresh, "F5", w.refresh, "view-refresh")
        import_opml = QCoreApplication.translate("MainWindow", "&Import OPML…")
        self.import_action = self._action(import_opml, None, w.import_opml)
        export_opml = QCoreApplication.translate("MainWindow", "&Export OPML…")
        self.export_action = self._action(export_opml, None, w.export_opml)
        quit_text = QCoreApplication.translate("MainWindow", "&Quit")
        quit_action = self._action(quit_text, QKeySequence.StandardKey.Quit, w.quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        settings = QCoreApplication.translate("MainWindow", "&Settings…")
        self.settings_action = self._action(settings, None, w.show_settings, "preferences-system")
        # The platform's key (Ctrl+, or Cmd+, on macOS; none on some Linux desktops) and Ctrl+,
        # everywhere, as the welcome page promises.
        preferences = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)]
        preferences += [k for k in [QKeySequence("Ctrl+,")] if k not in preferences]
        self.settings_action.setShortcuts(preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (self.refresh_action, self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def _build_news_menu(self, r: ArticleReader) -> None:
        w = self._window
        news_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&News"))
        mark_all = QCoreApplication.translate("MainWindow", "Mark &all read")
        self.mark_all_action = self._action(mark_all, "Ctrl+Shift+A", r.mark_all_read)
        news_menu.addAction(self.mark_all_action)
        next_article = QCoreApplication.translate("MainWindow", "&Next article")
        previous_article = QCoreApplication.translate("MainWindow", "&Previous article")
        open_original = QCoreApplication.translate("MainWindow", "&Open original")
        star = QCoreApplication.translate("MainWindow", "&Star")
        toggle_read = QCoreApplication.translate("MainWindow", "Toggle &read")
        scroll = QCoreApplication.translate("MainWindow", "Scroll the article")
        search = QCoreApplication.translate("MainWindow", "&Search")
        for text, keys, slot in (
            (next_article, "J", r.next_article),
            (previous_article, "K", r.previous_article),
            (open_original, "O", r.open_original),
            (star, "S", r.toggle_star),
            (toggle_read, "M", r.toggle_read),
            (scroll, "Space", r.scroll_article),
            (search, "/", w.focus_search),
        ):
            news_menu.addAction(self._action(text, keys, slot))
        QShortcut(QKeySequence.StandardKey.Find, w, w.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), w.list, r.open_original)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), w.list, r.open_original)

    def _action(
        self, text: str, keys: Keys, slot: Callable[[], object], icon: str | None = None
    ) -> QAction:
        window = self._window
        action = QAction(text, window)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            # Single-letter shortcuts must not fire while the user types in the search box.
            if isinstance(keys, str) and len(keys) == 1 or keys == "Space":
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                window.list.addAction(action)
        action.triggered.connect(slot)
        window.addAction(action)
        return action

    @Slot()
    def about(self) -> None:
        """Version and where rates come from."""
        box = QMessageBox(self._window)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "About Newsdesk"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        text = QCoreApplication.translate(
            "MainWindow",
            "Newsdesk {version}\n\nA desktop news reader and currency converter.\n"
            "Exchange rates: European Central Bank and Bank of Russia reference rates.",
        )
        box.setText(text.format(version=__version__))
        box.open()
