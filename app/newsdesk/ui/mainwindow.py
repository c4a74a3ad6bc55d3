"""The main window: topics, sources and search on the left, "All news" in the middle, the
article with "In other media" on the right, "Partner news" below it, and the currency converter
in a dock. It asks the core for everything and computes nothing itself; the worker does all
network I/O and database writes for it and reports through signals.

Settings apply live through :meth:`MainWindow.apply_settings` (theme, text size, list density,
images, timers, converter) and reach the workers through :attr:`MainWindow.settings_changed`.
On a profile's first start (no articles, no ``welcomed`` mark in the database) the article pane
shows a welcome and the first refresh starts at once; a pass that reaches no server at all is
said in plain words, with the date of the exchange rates the converter falls back on.
"""

from __future__ import annotations

import html
import logging
import time
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSettings,
    QSignalBlocker,
    Qt,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from newsdesk import APP_NAME, __version__
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.model import Article, ArticleQuery, FeedResult, Outcome, RefreshSummary
from newsdesk.core.profile import Profile
from newsdesk.core.rates import Origin
from newsdesk.core.settings import Settings
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.dialogs.failed_feeds import FailedFeedsDialog
from newsdesk.ui.link_opener import open_link
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.models.feed_tree import FeedTreeModel
from newsdesk.ui.theme import apply_theme
from newsdesk.ui.widgets.article_delegate import ArticleDelegate
from newsdesk.ui.widgets.article_pane import ArticlePane
from newsdesk.ui.widgets.converter import ConverterWidget
from newsdesk.ui.widgets.topic_filter import TopicFilter
from newsdesk.worker.refresher import Refresher, RefreshRequest

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
PARTNER_GROUP = "Partner news"
PARTNER_COUNT = 12
#: The database mark set once the first-run welcome has been shown.
WELCOMED_KEY = "welcomed"
#: Milliseconds a message about the whole pass stays in the status bar.
STATUS_MS = 15_000
#: How long after the window opens the start-up refresh begins (a first run starts at once).
START_REFRESH_DELAY_MS = 1500


class MainWindow(QMainWindow):
    """The Newsdesk window.

    Signals:
        refresh_requested(object): a :class:`RefreshRequest` for the worker.
        images_requested(list): image URLs for the image fetcher.
        article_images_requested(list, str): the same URLs with the address of the article
            that shows them (the image fetcher's ``fetch_for``: a Referer only if allowed).
        settings_changed(object): the :class:`Settings` now in force, for the workers.
        send_referer_changed(bool): ``privacy.send_referer`` now in force.
        taxonomy_changed(object): the user's new :class:`Taxonomy`, for the refresher.
    """

    refresh_requested = Signal(object)
    images_requested = Signal(list)
    article_images_requested = Signal(list, str)
    settings_changed = Signal(object)
    send_referer_changed = Signal(bool)
    taxonomy_changed = Signal(object)

    def __init__(self, profile: Profile) -> None:
        """Build the window on an open profile (nothing is fetched until asked)."""
        super().__init__()
        self._profile = profile
        self._storage = profile.storage
        self._rates = profile.rate_service()
        self._refreshing = False
        self._quitting = False
        self._pass_started = time.time()
        self._pending: RefreshRequest | None = None
        self._failures: list[FeedResult] = []
        self._last_update: datetime | None = None
        self._quiet_pass = False  # a timer pass: no progress bar unless some feed is due
        self._offline_note: str | None = None
        self._settings_dialog: QDialog | None = None
        self._page_size = profile.settings.appearance.page_size
        self._ui_state = QSettings(
            str(profile.paths.config_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(_app_icon())
        self.resize(1360, 860)
        self._build_left()
        self._build_centre()
        self._build_right()
        self._build_converter()
        self._build_status()
        self._build_actions()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self._auto_refresh = QTimer(self)
        self._auto_refresh.timeout.connect(self._on_auto_refresh)
        self._update_refresh_timer()
        self._tray = self._build_tray()
        self._restore_state()
        self._apply_appearance(profile.settings)
        self._apply_converter_settings(profile.settings, None)
        self._reload_sidebar()
        self._apply_query()
        self._reload_partner_news()
        self._first_run = (
            self._storage.article_count() == 0 and self._storage.get_meta(WELCOMED_KEY) is None
        )
        if self._first_run:
            self.show_welcome()
            self._storage.set_meta(WELCOMED_KEY, "1")
        for warning in profile.warnings:
            self.statusBar().showMessage(warning, STATUS_MS)

    # -- layout ---------------------------------------------------------------------------------

    def _build_left(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("News search"))
        self.search.setAccessibleName(self.tr("News search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        self.topics = TopicFilter(self._profile.taxonomy, parent=self)
        self.topics.set_selected(frozenset(self._profile.settings.topics.followed))
        self.topics.topics_changed.connect(self._on_topics_changed)
        self.feed_model = FeedTreeModel(self)
        self.sources = QTreeView(self)
        self.sources.setModel(self.feed_model)
        self.sources.setHeaderHidden(True)
        self.sources.setAccessibleName(self.tr("Sources"))
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.selectionModel().currentChanged.connect(self._on_source_changed)
        self.all_sources = QPushButton(self.tr("All sources"), self)
        self.all_sources.setFlat(True)
        self.all_sources.clicked.connect(self._show_all_sources)
        left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.topics)
        sources_label = QLabel(self.tr("Sources"), left)
        sources_label.setObjectName("sectionHeading")
        layout.addWidget(sources_label)
        layout.addWidget(self.all_sources)
        layout.addWidget(self.sources, 1)
        self._left = left

    def _build_centre(self) -> None:
        self.heading = QLabel(self.tr("All news"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.unread_only = QToolButton(self)
        self.unread_only.setText(self.tr("Unread"))
        self.unread_only.setCheckable(True)
        self.unread_only.setAccessibleName(self.tr("Show unread articles only"))
        self.unread_only.toggled.connect(self._apply_query)
        self.starred_only = QToolButton(self)
        self.starred_only.setText(self.tr("★ Starred"))
        self.starred_only.setCheckable(True)
        self.starred_only.setAccessibleName(self.tr("Show starred articles only"))
        self.starred_only.toggled.connect(self._apply_query)
        self.model = ArticleListModel(
            self._storage, page_size=self._profile.settings.appearance.page_size, parent=self
        )
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(ArticleDelegate(self._profile.taxonomy, self.list))
        self.list.setAccessibleName(self.tr("All news"))
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._on_article_changed)
        self.show_more = QPushButton(self.tr("Show more"), self)
        self.show_more.setAccessibleName(self.tr("Show more news"))
        self.show_more.clicked.connect(self._show_more)
        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(4, 8, 4, 8)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.unread_only)
        top.addWidget(self.starred_only)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_more)
        self._centre = centre

    def _build_right(self) -> None:
        self.pane = ArticlePane(self)
        self.pane.set_allow_remote_images(self._profile.settings.privacy.load_remote_images)
        self.pane.open_original.connect(self._open_link)
        self.pane.star_toggled.connect(self._on_star_toggled)
        self.pane.related_activated.connect(self.select_article)
        self.pane.images_requested.connect(self.images_requested)
        self.pane.article_images_requested.connect(self.article_images_requested)
        self.partner_model = ArticleListModel(self._storage, page_size=PARTNER_COUNT, parent=self)
        self.partner_list = QListView(self)
        self.partner_list.setModel(self.partner_model)
        self.partner_list.setItemDelegate(
            ArticleDelegate(self._profile.taxonomy, self.partner_list)
        )
        self.partner_list.setAccessibleName(self.tr("Partner news"))
        self.partner_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.partner_list.activated.connect(self._on_partner_activated)
        self.partner_list.clicked.connect(self._on_partner_activated)
        partner = QWidget(self)
        layout = QVBoxLayout(partner)
        layout.setContentsMargins(0, 4, 0, 0)
        title = QLabel(self.tr("Partner news"), partner)
        title.setObjectName("sectionHeading")
        layout.addWidget(title)
        layout.addWidget(self.partner_list)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(self.pane)
        self.right.addWidget(partner)
        self.right.setStretchFactor(0, 4)
        self.right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self._left)
        self.splitter.addWidget(self._centre)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([240, 480, 640])
        self.setCentralWidget(self.splitter)

    def _build_converter(self) -> None:
        settings = self._profile.settings
        self.converter = ConverterWidget(
            self._rates.book(),
            history=self._rate_history,
            favourites=settings.rates.favourites,
            parent=self,
        )
        self.converter_dock = QDockWidget(self.tr("Currency converter"), self)
        self.converter_dock.setObjectName("converterDock")
        self.converter_dock.setWidget(self.converter)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.converter_dock)

    def _rate_history(self, provider: str, source: str, target: str, days: int) -> list:  # type: ignore[type-arg]
        from newsdesk.core.rates import RateStore

        return RateStore(self._storage.connection).pair_history(provider, source, target, days)

    def _build_status(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.last_update = QLabel(self)
        self.last_update.setTextFormat(Qt.TextFormat.PlainText)
        self.failed_button = QToolButton(self)
        self.failed_button.setAutoRaise(True)
        self.failed_button.setAccessibleName(self.tr("Show the feeds that failed"))
        self.failed_button.clicked.connect(self.show_failures)
        self.failed_button.hide()
        self.offline = QLabel(self.tr("Offline"), self)
        self.offline.setToolTip(self.tr("No feed server could be reached in the last update."))
        self.offline.hide()
        bar.addPermanentWidget(self.offline)
        bar.addPermanentWidget(self.failed_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.last_update)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh, "view-refresh")
        self.import_action = self._action(self.tr("&Import OPML…"), None, self.import_opml)
        self.export_action = self._action(self.tr("&Export OPML…"), None, self.export_opml)
        quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.settings_action = self._action(
            self.tr("&Settings…"), None, self.show_settings, "preferences-system"
        )
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
        news_menu = self.menuBar().addMenu(self.tr("&News"))
        self.mark_all_action = self._action(
            self.tr("Mark &all read"), "Ctrl+Shift+A", self.mark_all_read
        )
        news_menu.addAction(self.mark_all_action)
        for text, keys, slot in (
            (self.tr("&Next article"), "J", self.next_article),
            (self.tr("&Previous article"), "K", self.previous_article),
            (self.tr("&Open original"), "O", self.open_original),
            (self.tr("&Star"), "S", self.toggle_star),
            (self.tr("Toggle &read"), "M", self.toggle_read),
            (self.tr("Scroll the article"), "Space", self.scroll_article),
            (self.tr("&Search"), "/", self.focus_search),
        ):
            news_menu.addAction(self._action(text, keys, slot))
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.list, self.open_original)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.list, self.open_original)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.converter_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Newsdesk"), None, self.about))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.mark_all_action)
        toolbar.addAction(self.converter_dock.toggleViewAction())

    def _action(self, text: str, keys: object, slot: object, icon: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if keys is not None:
            # keys is a str or a StandardKey; the stubs know no overload for object.
            action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
            # Single-letter shortcuts must not fire while the user types in the search box.
            if isinstance(keys, str) and len(keys) == 1 or keys == "Space":
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.list.addAction(action)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(self.windowIcon(), self)
        tray.setToolTip(APP_NAME)
        tray.activated.connect(self._on_tray_activated)
        tray.show()
        return tray

    def show_at_start(self) -> None:
        """Show the window, or with ``notifications.start_minimised`` only the tray icon (or a
        minimised window when there is no tray)."""
        if not self._profile.settings.notifications.start_minimised:
            self.show()
        elif self._tray is None:
            self.showMinimized()
        # else: hidden; the tray icon (or another launch) brings the window back

    @Slot()
    def bring_to_front(self) -> None:
        """Show the window on top and focused: out of the tray, un-minimised (another launch of
        the app asked for it)."""
        log.info("Bringing the window to the front")
        state = self.windowState() & ~Qt.WindowState.WindowMinimized
        self.setWindowState(state | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    # -- state ----------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._ui_state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._ui_state.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for name, splitter in (("splitter", self.splitter), ("right", self.right)):
            sizes = self._ui_state.value(name)
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)

    def save_state(self) -> None:
        """Remember geometry, splitters and docks (UI state, not settings)."""
        self._ui_state.setValue("geometry", self.saveGeometry())
        self._ui_state.setValue("state", self.saveState())
        self._ui_state.setValue("splitter", self.splitter.saveState())
        self._ui_state.setValue("right", self.right.saveState())
        self._ui_state.sync()

    @Slot()
    def quit(self) -> None:
        """Ctrl+Q: close for real, even when closing goes to the tray."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save the window's state; with close-to-tray, hide instead of closing."""
        self.save_state()
        to_tray = self._profile.settings.notifications.close_to_tray
        if to_tray and self._tray is not None and not self._quitting:
            event.ignore()
            self.hide()
            return
        if self._tray is not None:
            self._tray.hide()
        super().closeEvent(event)

    # -- the list -------------------------------------------------------------------------------

    def current_query(self) -> ArticleQuery:
        """The query every filter of the window adds up to."""
        feed_id, group = self._source_filter()
        return ArticleQuery(
            topics=self.topics.selected(),
            feed_id=feed_id,
            group=group,
            unread_only=self.unread_only.isChecked(),
            starred_only=self.starred_only.isChecked(),
            search=self.search.text().strip(),
        )

    def _source_filter(self) -> tuple[int | None, str | None]:
        index = self.sources.currentIndex()
        if not index.isValid():
            return None, None
        feed_id = index.data(FeedTreeModel.Role.FEED_ID)
        if feed_id is not None:
            return int(feed_id), None
        return None, index.data(FeedTreeModel.Role.GROUP)

    @Slot()
    def _apply_query(self) -> None:
        query = self.current_query()
        self.model.set_query(query)
        self._update_heading(query)
        self._update_more()
        if self.model.rowCount() == 0:
            self.empty.setText(self._empty_text(query))
            self.empty.show()
        else:
            self.empty.hide()

    def _update_heading(self, query: ArticleQuery) -> None:
        if query.search:
            self.heading.setText(self.tr("News search: %1").replace("%1", query.search))
        elif query.feed_id is not None or query.group:
            index = self.sources.currentIndex()
            self.heading.setText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        else:
            self.heading.setText(self.tr("All news"))

    def _empty_text(self, query: ArticleQuery) -> str:
        if self._storage.article_count() == 0:
            if self._offline_note is not None:
                return self._offline_note
            return self.tr(
                "No news yet. Press F5 to refresh, or import your feeds (File ▸ Import OPML)."
            )
        if query.search:
            return self.tr("Nothing matches your search with these filters.")
        return self.tr("No articles match these filters.")

    def _update_more(self) -> None:
        self.show_more.setVisible(self.model.has_more())

    @Slot()
    def _show_more(self) -> None:
        self.model.show_more()
        self._update_more()

    @Slot(frozenset)
    def _on_topics_changed(self, topics: frozenset[str]) -> None:
        try:
            self._profile.save_settings(
                self._profile.settings.with_value("topics.followed", ",".join(sorted(topics)))
            )
        except (NewsdeskError, OSError) as exc:
            self.statusBar().showMessage(str(exc), 8000)
        self._apply_query()

    @Slot(QModelIndex, QModelIndex)
    def _on_source_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._apply_query()

    @Slot()
    def _show_all_sources(self) -> None:
        self.sources.selectionModel().clearCurrentIndex()
        self.sources.clearSelection()
        self._apply_query()

    @Slot(QModelIndex, QModelIndex)
    def _on_article_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            self.pane.show_article(None, [])
            return
        article = self.model.article(current.row())
        fresh = self._storage.article(article.id) or article
        self.pane.show_article(fresh, self._storage.related(article.id))
        if not article.read:
            self.model.set_read(current.row(), True)
            self._reload_sidebar()

    def select_article(self, article_id: int) -> None:
        """Show one article: select it in the list if it is there, else just open it."""
        row = self.model.row_of(article_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
            return
        article = self._storage.article(article_id)
        if article is not None:
            self.pane.show_article(article, self._storage.related(article_id))
            self._storage.set_read([article_id])

    def current_article(self) -> Article | None:
        """The article the list has selected."""
        index = self.list.currentIndex()
        return self.model.article(index.row()) if index.isValid() else None

    # -- keyboard actions -----------------------------------------------------------------------

    @Slot()
    def next_article(self) -> None:
        """j: the next article (loads the next page at the end)."""
        row = self.list.currentIndex().row() + 1
        if row >= self.model.rowCount() and self.model.has_more():
            self._show_more()
        if row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))

    @Slot()
    def previous_article(self) -> None:
        """k: the previous article."""
        row = max(0, self.list.currentIndex().row() - 1)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))

    @Slot()
    def open_original(self) -> None:
        """o / Enter: open the article's page in the system browser."""
        article = self.current_article()
        if article is not None and article.link:
            self._open_link(article.link)

    @Slot(str)
    def _open_link(self, url: str) -> None:
        article = self.current_article()
        if not open_link(url, article.link if article else None, parent=self):
            self.statusBar().showMessage(self.tr("That link cannot be opened."), 5000)

    @Slot()
    def toggle_star(self) -> None:
        """s: star or unstar."""
        index = self.list.currentIndex()
        if index.isValid():
            self.model.toggle_starred(index.row())
            article = self.model.article(index.row())
            self.pane.show_article(article, self._storage.related(article.id))

    @Slot(int, bool)
    def _on_star_toggled(self, article_id: int, starred: bool) -> None:
        row = self.model.row_of(article_id)
        if row is not None and self.model.article(row).starred != starred:
            self.model.toggle_starred(row)
        elif row is None:
            self._storage.set_starred(article_id, starred)

    @Slot()
    def toggle_read(self) -> None:
        """m: mark read or unread."""
        index = self.list.currentIndex()
        if index.isValid():
            article = self.model.article(index.row())
            self.model.set_read(index.row(), not article.read)
            self._reload_sidebar()

    @Slot()
    def scroll_article(self) -> None:
        """Space: page down in the article, then go to the next one."""
        bar = self.pane.view().verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        else:
            self.next_article()

    @Slot()
    def focus_search(self) -> None:
        """/ or Ctrl+F: type a search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def mark_all_read(self) -> None:
        """Mark everything the list shows as read."""
        self.model.mark_all_read()
        self._reload_sidebar()

    # -- refreshing -----------------------------------------------------------------------------

    def attach_refresher(self, refresher: Refresher) -> None:
        """Talk to the worker (living in its own thread) through signals only."""
        self.refresh_requested.connect(refresher.refresh)
        queued = Qt.ConnectionType.QueuedConnection
        self.settings_changed.connect(refresher.apply_settings, queued)
        self.taxonomy_changed.connect(refresher.apply_taxonomy, queued)
        refresher.started.connect(self.on_refresh_started)
        refresher.progress.connect(self.on_refresh_progress)
        refresher.feed_done.connect(self.on_feed_done)
        refresher.finished.connect(self.on_refresh_finished)
        refresher.failed.connect(self.on_refresh_failed)
        refresher.rates_refreshed.connect(self.on_rates_refreshed)

    @Slot()
    def refresh(self) -> None:
        """F5: ask the worker for a pass over every feed (merged if one is running)."""
        self.request_refresh(RefreshRequest())

    def schedule_start_refresh(self) -> None:
        """The start-up refresh (``refresh.on_start``): at once on a first run, which has
        nothing to show yet, else after a moment, once the window has painted."""
        if self._profile.settings.refresh.on_start:
            delay = 0 if self._first_run else START_REFRESH_DELAY_MS
            QTimer.singleShot(delay, self.refresh)

    @Slot()
    def _on_auto_refresh(self) -> None:
        """The timer: a pass over the feeds that are due (and the rates, if due)."""
        self.request_refresh(RefreshRequest(due_only=True))

    def request_refresh(self, request: RefreshRequest) -> None:
        """Send ``request`` to the worker, or keep it for after the running pass."""
        if self._refreshing:
            # The latest request waits for its turn, but a timer's pass never pushes out one
            # the user asked for.
            if not (request.due_only and self._pending is not None):
                self._pending = request
            return
        self._refreshing = True
        self._quiet_pass = request.due_only
        self._pass_started = time.time()
        self.refresh_action.setEnabled(False)
        if not self._quiet_pass:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Updating…"))
            self.progress.show()
        self.refresh_requested.emit(request)

    @Slot(int)
    def on_refresh_started(self, total: int) -> None:
        """The worker began a pass over ``total`` feeds."""
        self._failures = []
        if self._quiet_pass and total == 0:
            return  # nothing is due: nothing to show
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Updating %v / %m feeds"))
        self.progress.show()

    @Slot(int, int)
    def on_refresh_progress(self, done: int, total: int) -> None:
        """One more feed is done."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def on_feed_done(self, result: FeedResult) -> None:
        """Collect failures for the status bar."""
        if result.outcome is Outcome.FAILED:
            self._failures.append(result)

    @Slot(object)
    def on_refresh_finished(self, summary: RefreshSummary) -> None:
        """A pass ended: show its outcome and the new articles, keeping the selection."""
        self._refreshing = False
        self.refresh_action.setEnabled(True)
        self.progress.hide()
        attempted = [r for r in summary.results if r.outcome is not Outcome.SKIPPED]
        if attempted or not self._quiet_pass:
            self._show_outcome(summary, attempted)
        self._update_refresh_timer()
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request_refresh(pending)

    def _show_outcome(self, summary: RefreshSummary, attempted: list[FeedResult]) -> None:
        self._last_update = datetime.now(UTC)
        local = self._last_update.astimezone()
        clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
        self.last_update.setText(self.tr("Updated {time}").format(time=clock))
        self._failures = list(summary.failed)
        offline = bool(attempted) and all(
            r.outcome is Outcome.FAILED and r.error_code in ("fetch", "timeout") for r in attempted
        )
        self.offline.setVisible(offline)
        self._set_offline_note(self.offline_text() if offline else None)
        if self._failures:
            self.failed_button.setText(self.tr("%n feed(s) failed", "", len(self._failures)))
            self.failed_button.show()
        else:
            self.failed_button.hide()
        if summary.new_articles:
            if self.model.rowCount() == 0:
                self._apply_query()
            else:
                self._insert_keeping_view()
                self._update_more()
                self.empty.hide()
            self._notify(summary)
        self._reload_sidebar()
        self._reload_partner_news()

    def _insert_keeping_view(self) -> None:
        """Insert new articles while the article at the top of the view stays where it is."""
        top = self.list.indexAt(self.list.viewport().rect().topLeft())
        anchor = self.model.article(top.row()).id if top.isValid() else None
        offset = self.list.visualRect(top).top() if top.isValid() else 0
        self.model.insert_newer()
        row = self.model.row_of(anchor) if anchor is not None else None
        if row is None or row == top.row():
            return
        self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)
        bar = self.list.verticalScrollBar()
        bar.setValue(bar.value() - offset)

    @Slot(str)
    def on_refresh_failed(self, message: str) -> None:
        """The pass could not run at all."""
        self._refreshing = False
        self.refresh_action.setEnabled(True)
        self.progress.hide()
        self.statusBar().showMessage(message, STATUS_MS)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request_refresh(pending)

    def _update_refresh_timer(self) -> None:
        """Run the timer at the shorter of the global interval and the shortest feed's own."""
        minutes = self._profile.settings.refresh.interval_minutes
        shortest = self._storage.shortest_interval()
        if shortest:
            minutes = min(minutes, shortest)
        interval = max(1, minutes) * 60_000
        if interval != self._auto_refresh.interval() or not self._auto_refresh.isActive():
            self._auto_refresh.start(interval)  # (re)starts the count from now

    def refresh_interval_minutes(self) -> int:
        """Minutes between the timer's passes."""
        return self._auto_refresh.interval() // 60_000

    # -- first run and offline ------------------------------------------------------------------

    @property
    def first_run(self) -> bool:
        """Whether this window is the profile's first (it showed the welcome)."""
        return self._first_run

    def show_welcome(self) -> None:
        """The first-run page in the article pane: what the app does and where things are."""
        self.pane.show_message(self._welcome_html())

    def _welcome_html(self) -> str:
        """Safe HTML: each translation is escaped first, then our markup and escaped values go
        into its placeholders (lupdate reads only the literal ``self.tr`` calls below)."""

        def text(value: str) -> str:
            return html.escape(value, quote=False)

        title = self.tr("Welcome to Newsdesk")
        about = self.tr(
            "Newsdesk gathers the news from the sources you follow, shows the same story as "
            "other media tell it, and converts currencies at the central banks' reference rates."
        )
        started = self.tr("The first update has started.")
        keys = self.tr(
            "Press {refresh} to update at any time, and {settings} to open the settings: "
            "sources, topics, theme."
        )
        saved = self.tr("Your settings are saved in {folder}.")
        refresh_keys = self.refresh_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        howto = text(keys).format(
            refresh=f"<b>{text(refresh_keys)}</b>", settings=self._settings_keys_html()
        )
        if self._profile.settings.refresh.on_start:
            howto = f"{text(started)} {howto}"
        folder = f"<code>{text(str(self._profile.paths.config_dir))}</code>"
        parts = [
            f"<h1>{text(title)}</h1>",
            f"<p>{text(about)}</p>",
            f"<p>{howto}</p>",
            f'<p class="note">{text(saved).format(folder=folder)}</p>',
        ]
        if self._offline_note is not None:
            parts.append(f"<p><b>{text(self._offline_note)}</b></p>")
        return "\n".join(parts)

    def _settings_keys_html(self) -> str:
        shortcut = QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)
        return f"<b>{html.escape(shortcut, quote=False)}</b>"

    def offline_text(self) -> str:
        """What to say when no news server answered, and which rates the converter uses."""
        sources = self._rates.book().sources
        lead = self.tr("Newsdesk could not reach any news source.")
        if not sources:
            rest = self.tr("Check your connection.")
            return f"{lead} {rest}"
        days = sorted({source.table.as_of for source in sources})
        dated = _long_date(days[0])
        if len(days) > 1:  # the ECB's and the Bank of Russia's tables need not share a day
            dated = self.tr("{dates} and {last}").format(
                dates=", ".join(_long_date(day) for day in days[:-1]), last=_long_date(days[-1])
            )
        if all(source.origin is Origin.SNAPSHOT for source in sources):
            rest = self.tr(
                "Check your connection; the converter uses the rates shipped with the app, "
                "dated {date}."
            ).format(date=dated)
        else:
            rest = self.tr(
                "Check your connection; the converter uses the last rates it has, dated {date}."
            ).format(date=dated)
        return f"{lead} {rest}"

    def _set_offline_note(self, note: str | None, *, announce: bool = True) -> None:
        self._offline_note = note
        if note is not None and announce:
            self.statusBar().showMessage(note, STATUS_MS * 2)
        if self.model.rowCount() == 0:
            self.empty.setText(self._empty_text(self.current_query()))
            self.empty.show()
        if self.pane.message() is not None:
            self.show_welcome()  # with or without the note

    @Slot(object)
    def on_rates_refreshed(self, report: object) -> None:
        """New rates are stored: the converter uses them, keeping what the user typed."""
        del report
        self._rates = self._profile.rate_service()
        self.converter.set_book(self._rates.book())
        if self._offline_note is not None:  # its date may have changed
            self._set_offline_note(self.offline_text(), announce=False)

    @Slot()
    def show_failures(self) -> None:
        """The list of failed feeds with a Retry button."""
        dialog = FailedFeedsDialog(self._failures, self)
        dialog.retry_requested.connect(self._retry)
        dialog.open()
        self._failed_dialog = dialog

    @Slot(list)
    def _retry(self, feed_ids: list[int]) -> None:
        self.request_refresh(RefreshRequest(tuple(feed_ids), force=True, rates=False))

    def _notify(self, summary: RefreshSummary) -> None:
        """Tray tooltip: the unread count; a notification for new stories in followed topics."""
        del summary
        if self._tray is None:
            return
        unread = sum(f.unread_count for f in self._storage.feeds())
        self._tray.setToolTip(self.tr("%1: %n unread", "", unread).replace("%1", APP_NAME))
        followed = frozenset(self._profile.settings.topics.followed)
        fresh = self._storage.count_new(self._pass_started, followed)
        if not fresh or not self._profile.settings.notifications.new_articles:
            return
        if self.isActiveWindow():
            return
        text = (
            self.tr("%n new article(s) in your topics", "", fresh)
            if followed
            else self.tr("%n new article(s)", "", fresh)
        )
        self._tray.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- settings -------------------------------------------------------------------------------

    @Slot()
    def show_settings(self) -> None:
        """Ctrl+,: the Settings dialog (one at a time: a second request raises it)."""
        if self._settings_dialog is not None:
            self._settings_dialog.show()
            self._settings_dialog.raise_()
            self._settings_dialog.activateWindow()
            return
        # Imported here: the dialog is the heaviest module of the UI and rarely opened.
        from newsdesk.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self._profile, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_applied.connect(self.apply_settings)
        dialog.subscriptions_changed.connect(self.reload_subscriptions)
        dialog.topics_changed.connect(self.apply_taxonomy)
        dialog.finished.connect(self._on_settings_closed)
        self._settings_dialog = dialog
        dialog.show()

    def settings_dialog(self) -> QDialog | None:
        """The open Settings dialog, if any."""
        return self._settings_dialog

    @Slot(int)
    def _on_settings_closed(self, result: int) -> None:
        del result
        self._settings_dialog = None

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on, live: look, images, list, converter, timers, workers.

        The caller has saved them (the dialog does, through ``Profile.save_settings``).
        """
        old = self._profile.settings
        self._profile.settings = settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # app.py applied the theme at start; only a change is applied here.
            if settings.appearance.theme != old.appearance.theme:
                apply_theme(app, settings.appearance.theme)
            if settings.appearance.language != old.appearance.language:
                from newsdesk.ui.i18n import install_translation

                install_translation(app, settings.appearance.language)
                self.statusBar().showMessage(
                    self.tr("Some texts change language only after Newsdesk is restarted."),
                    STATUS_MS,
                )
        self._apply_appearance(settings)
        self.pane.set_allow_remote_images(settings.privacy.load_remote_images)
        if settings.appearance.page_size != self._page_size:
            self._set_page_size(settings.appearance.page_size)
        self._apply_converter_settings(settings, old)
        self._update_refresh_timer()
        self.settings_changed.emit(settings)
        self.send_referer_changed.emit(settings.privacy.send_referer)

    def _apply_appearance(self, settings: Settings) -> None:
        self.pane.set_font_scale(settings.appearance.font_scale)
        for view in (self.list, self.partner_list):
            delegate = view.itemDelegate()
            if isinstance(delegate, ArticleDelegate):
                delegate.set_density(settings.appearance.density)

    def _apply_converter_settings(self, settings: Settings, old: Settings | None) -> None:
        rates = settings.rates
        if old is None or rates.favourites != old.rates.favourites:
            self.converter.set_favourites(rates.favourites)
        if (old is None or rates.base != old.rates.base) and rates.base in self._rates.book().codes:
            source, target = self.converter.pair()
            if target == rates.base:
                target = source
            self.converter.set_pair(rates.base, target)
        set_digits = getattr(self.converter, "set_digits", None)
        if callable(set_digits) and (old is None or rates.digits != old.rates.digits):
            set_digits(rates.digits)

    def _set_page_size(self, page_size: int) -> None:
        """A new page size: a new list model, keeping the query and the chosen article."""
        chosen = self.current_article()
        old_model, old_selection = self.model, self.list.selectionModel()
        self._page_size = page_size
        self.model = ArticleListModel(self._storage, page_size=page_size, parent=self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self._on_article_changed)
        old_selection.deleteLater()
        old_model.deleteLater()
        self._apply_query()
        row = self.model.row_of(chosen.id) if chosen is not None else None
        if row is not None:
            with QSignalBlocker(self.list.selectionModel()):
                self.list.setCurrentIndex(self.model.index(row))

    @Slot(object)
    def apply_taxonomy(self, taxonomy: Taxonomy) -> None:
        """The user edited the topics: the filter, the chips and the refresher follow."""
        self._profile.taxonomy = taxonomy
        followed = self.topics.selected()
        set_taxonomy = getattr(self.topics, "set_taxonomy", None)
        if callable(set_taxonomy):
            set_taxonomy(taxonomy)
        else:
            self._replace_topic_filter(taxonomy, followed)
        for view in (self.list, self.partner_list):
            delegate = view.itemDelegate()
            if isinstance(delegate, ArticleDelegate):
                delegate.set_taxonomy(taxonomy)
            view.viewport().update()
        self.taxonomy_changed.emit(taxonomy)
        self._apply_query()

    def _replace_topic_filter(self, taxonomy: Taxonomy, followed: frozenset[str]) -> None:
        old = self.topics
        self.topics = TopicFilter(taxonomy, parent=self._left)
        self.topics.set_selected(followed)  # codes the new topics lack are dropped
        self.topics.topics_changed.connect(self._on_topics_changed)
        layout = self._left.layout()
        assert layout is not None  # _build_left gave it one
        layout.replaceWidget(old, self.topics)
        old.hide()
        old.deleteLater()

    @Slot()
    def reload_subscriptions(self) -> None:
        """Feeds were added, removed or moved (Settings): sources, lists and timer follow."""
        self._reload_sidebar()
        self._apply_query()
        self._reload_partner_news()
        self._update_refresh_timer()

    # -- side panels ----------------------------------------------------------------------------

    def _reload_sidebar(self) -> None:
        self.feed_model.reload(self._storage.feeds())

    def _reload_partner_news(self) -> None:
        self.partner_model.set_query(ArticleQuery(group=PARTNER_GROUP))

    @Slot(QModelIndex)
    def _on_partner_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.select_article(self.partner_model.article(index.row()).id)

    # -- files ----------------------------------------------------------------------------------

    @Slot()
    def import_opml(self) -> None:
        """Subscribe to the feeds of an OPML file, then refresh."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import subscriptions"), str(Path.home()), self.tr("OPML (*.opml *.xml)")
        )
        if not name:
            return
        try:
            summary = self._profile.import_opml(Path(name).read_bytes())
        except (NewsdeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Import failed"), str(exc))
            return
        self.statusBar().showMessage(
            self.tr("Imported %1 feeds; %2 skipped.")
            .replace("%1", str(summary.added))
            .replace("%2", str(len(summary.skipped))),
            10_000,
        )
        self._reload_sidebar()
        self.refresh()

    @Slot()
    def export_opml(self) -> None:
        """Write the subscriptions as OPML."""
        from newsdesk.core.opml import export_opml
        from newsdesk.core.settings import atomic_write

        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export subscriptions"),
            str(Path.home() / "newsdesk.opml"),
            self.tr("OPML (*.opml)"),
        )
        if not name:
            return
        try:
            atomic_write(Path(name), export_opml(self._storage.feeds()))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    @Slot()
    def about(self) -> None:
        """Version and where rates come from."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Newsdesk"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "Newsdesk %1\n\nA desktop news reader and currency converter.\n"
                "Exchange rates: European Central Bank and Bank of Russia reference rates."
            ).replace("%1", __version__)
        )
        box.open()

    def article_count(self) -> int:
        """How many articles the list shows (for the smoke test)."""
        return self.model.rowCount()


def _long_date(day: date) -> str:
    """A day as "6 July 2026", in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def _app_icon() -> QIcon:
    from newsdesk.core.resources import resources_dir

    icon = QIcon.fromTheme("newsdesk")
    if icon.isNull():
        folder = resources_dir() / "icons"
        icon = QIcon()
        for candidate in sorted(folder.glob("*.png")) + sorted(folder.glob("*.svg")):
            icon.addFile(str(candidate))
    return icon


__all__ = ["MainWindow", "QItemSelectionModel"]
