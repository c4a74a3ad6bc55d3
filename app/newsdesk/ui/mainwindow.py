"""The main window: topics, sources and search on the left, "All news" in the middle, the
article with "In other media" on the right, "Partner news" below it, and the currency converter
in a dock. It asks the core for everything and computes nothing itself; the worker does all
network I/O and database writes for it and reports through signals.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from newsdesk.ui.dialogs.failed_feeds import FailedFeedsDialog
from newsdesk.ui.link_opener import open_link
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.models.feed_tree import FeedTreeModel
from newsdesk.ui.widgets.article_delegate import ArticleDelegate
from newsdesk.ui.widgets.article_pane import ArticlePane
from newsdesk.ui.widgets.converter import ConverterWidget
from newsdesk.ui.widgets.topic_filter import TopicFilter
from newsdesk.worker.refresher import Refresher, RefreshRequest

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
PARTNER_GROUP = "Partner news"
PARTNER_COUNT = 12


class MainWindow(QMainWindow):
    """The Newsdesk window.

    Signals:
        refresh_requested(object): a :class:`RefreshRequest` for the worker.
        images_requested(list): image URLs for the image fetcher.
    """

    refresh_requested = Signal(object)
    images_requested = Signal(list)

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
        self._auto_refresh.setInterval(profile.settings.refresh.interval_minutes * 60_000)
        self._auto_refresh.timeout.connect(self.refresh)
        self._auto_refresh.start()
        self._tray = self._build_tray()
        self._restore_state()
        self._reload_sidebar()
        self._apply_query()
        self._reload_partner_news()
        for warning in profile.warnings:
            self.statusBar().showMessage(warning, 15_000)

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
        for action in (self.refresh_action, self.import_action, self.export_action):
            file_menu.addAction(action)
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
            action.setShortcut(QKeySequence(keys))  # type: ignore[arg-type]
            # Single-letter shortcuts must not fire while the user types in the search box.
            if isinstance(keys, str) and len(keys) == 1 or keys == "Space":
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.list.addAction(action)
        action.triggered.connect(slot)  # type: ignore[arg-type]
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
        refresher.started.connect(self.on_refresh_started)
        refresher.progress.connect(self.on_refresh_progress)
        refresher.feed_done.connect(self.on_feed_done)
        refresher.finished.connect(self.on_refresh_finished)
        refresher.failed.connect(self.on_refresh_failed)
        refresher.rates_refreshed.connect(self.on_rates_refreshed)

    @Slot()
    def refresh(self) -> None:
        """F5 and the timer: ask the worker for a pass (merged if one is running)."""
        self.request_refresh(RefreshRequest())

    def request_refresh(self, request: RefreshRequest) -> None:
        """Send ``request`` to the worker, or keep it for after the running pass."""
        if self._refreshing:
            self._pending = request
            return
        self._refreshing = True
        self._pass_started = time.time()
        self.refresh_action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Updating…"))
        self.progress.show()
        self.refresh_requested.emit(request)

    @Slot(int)
    def on_refresh_started(self, total: int) -> None:
        """The worker began a pass over ``total`` feeds."""
        self._failures = []
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Updating %v / %m feeds"))

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
        self._last_update = datetime.now(UTC)
        self.last_update.setText(
            self.tr("Updated %1").replace("%1", self._last_update.astimezone().strftime("%H:%M"))
        )
        self._failures = list(summary.failed)
        attempted = [r for r in summary.results if r.outcome is not Outcome.SKIPPED]
        offline = bool(attempted) and all(
            r.outcome is Outcome.FAILED and r.error_code in ("fetch", "timeout") for r in attempted
        )
        self.offline.setVisible(offline)
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
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request_refresh(pending)

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
        self.statusBar().showMessage(message, 15_000)

    @Slot(object)
    def on_rates_refreshed(self, report: object) -> None:
        """New rates are stored: the converter uses them, keeping what the user typed."""
        del report
        self._rates = self._profile.rate_service()
        self.converter.set_book(self._rates.book())

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
