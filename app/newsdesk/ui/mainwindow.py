"""The main window: topics, sources and search on the left, "All news" in the middle, the
article with "In other media" on the right, "Partner news" below it, and the currency converter
in a dock. It asks the core for everything and computes nothing itself; the worker does all
network I/O and database writes for it and reports through signals.

The window is the composition: it lays out and wires its parts, each in a module of its own
under ``newsdesk.ui``, and turns the user's filters into one query. The columns are ``Sidebar``,
``ArticleColumn``, the ``ArticlePane`` and ``PartnerNews``; ``ArticleReader`` keeps the chosen
article, ``WindowActions`` the menus and keys, ``RefreshScheduler`` and ``RefreshStatus`` say
when a refresh runs and how it goes, and ``TrayNotifier``, ``OpmlFiles``, ``WindowState``,
``SettingsDialogHost`` (``live_settings``) and ``first_run`` do what their names say.

Settings apply live through :meth:`MainWindow.apply_settings` (theme, text size, list density,
images, timers, converter) and reach the workers through :attr:`MainWindow.settings_changed`.
On a profile's first start (no articles, no ``welcomed`` mark in the database) the article pane
shows a welcome and the first refresh starts at once; a pass that reaches no server at all is
said in plain words, with the date of the exchange rates the converter falls back on.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QSplitter

from newsdesk import APP_NAME
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.model import Article, ArticleQuery, FeedResult, Outcome, RefreshSummary
from newsdesk.core.profile import Profile
from newsdesk.core.settings import Settings
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.article_column import ArticleColumn
from newsdesk.ui.article_reader import ArticleReader
from newsdesk.ui.first_run import WELCOMED_KEY, is_first_run, mark_welcomed, welcome_html
from newsdesk.ui.live_settings import SettingsDialogHost, apply_converter_settings, apply_look
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.opml_files import OpmlFiles
from newsdesk.ui.partner_news import PartnerNews
from newsdesk.ui.refresh_schedule import RefreshScheduler
from newsdesk.ui.refresh_status import RefreshStatus, offline_text
from newsdesk.ui.sidebar import Sidebar
from newsdesk.ui.tray import TrayNotifier
from newsdesk.ui.widgets.article_pane import ArticlePane
from newsdesk.ui.widgets.converter import ConverterWidget
from newsdesk.ui.widgets.topic_filter import TopicFilter
from newsdesk.ui.window_actions import WindowActions
from newsdesk.ui.window_state import WindowState
from newsdesk.worker.refresher import Refresher, RefreshRequest

log = logging.getLogger(__name__)

#: Milliseconds a message about the whole pass stays in the status bar.
STATUS_MS = 15_000


class MainWindow(QMainWindow):
    """The Newsdesk window.

    Signals:
        refresh_requested(object): a :class:`RefreshRequest` for the worker.
        images_requested(list): image URLs for the image fetcher.
        article_images_requested(list, str): the same URLs with the address of the article
            that shows them (the image fetcher's ``fetch_for``: a Referer only if allowed).
        settings_changed(object): the :class:`Settings` now in force, for the workers (the
            refresher; the image fetcher takes its proxy and ``privacy.send_referer``).
        taxonomy_changed(object): the user's new :class:`Taxonomy`, for the refresher.
    """

    refresh_requested = Signal(object)
    images_requested = Signal(list)
    article_images_requested = Signal(list, str)
    settings_changed = Signal(object)
    taxonomy_changed = Signal(object)

    def __init__(self, profile: Profile) -> None:
        """Build the window on an open profile (nothing is fetched until asked)."""
        super().__init__()
        self._profile = profile
        self._storage = profile.storage
        self._rates = profile.rate_service()
        self._quitting = False
        self._offline_note: str | None = None
        settings = profile.settings
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(_app_icon())
        self.resize(1360, 860)
        self._build_columns()
        self._build_converter()
        self._status = RefreshStatus(self.statusBar(), self)
        self._status.retry_requested.connect(self._retry)
        self.progress, self.last_update = self._status.progress, self._status.last_update
        self.failed_button, self.offline = self._status.failed_button, self._status.offline
        self._settings_host = SettingsDialogHost(profile, self)
        self._settings_host.settings_applied.connect(self.apply_settings)
        self._settings_host.subscriptions_changed.connect(self.reload_subscriptions)
        self._settings_host.topics_changed.connect(self.apply_taxonomy)
        self._opml = OpmlFiles(profile, self)
        self._opml.imported.connect(self._on_imported)
        self._actions = WindowActions(self, self.reader)
        self.refresh_action = self._actions.refresh_action
        self.settings_action = self._actions.settings_action
        self._scheduler = RefreshScheduler(profile, self)
        self._scheduler.due.connect(self.request_refresh)
        self._tray = TrayNotifier(self, self._storage)
        splitters = {"splitter": self.splitter, "right": self.right}
        self._state = WindowState(profile.paths.config_dir / "window.ini", self, splitters)
        self._state.restore()
        self._apply_appearance(settings)
        apply_converter_settings(self.converter, self._rates.book().codes, settings, None)
        self._reload_sidebar()
        self._apply_query()
        self.partner.reload()
        self._first_run = is_first_run(self._storage)
        if self._first_run:
            self.show_welcome()
            mark_welcomed(self._storage)
        for warning in profile.warnings:
            self.statusBar().showMessage(warning, STATUS_MS)

    # -- layout ---------------------------------------------------------------------------------

    def _build_columns(self) -> None:
        """Sources | articles | the article over "Partner news", in splitters."""
        profile, settings = self._profile, self._profile.settings
        self.sidebar = Sidebar(profile.taxonomy, frozenset(settings.topics.followed), self)
        self.sidebar.filters_changed.connect(self._apply_query)
        self.sidebar.topics_changed.connect(self._on_topics_changed)
        self.search, self.feed_model = self.sidebar.search, self.sidebar.feed_model
        page_size = settings.appearance.page_size
        self.column = ArticleColumn(self._storage, profile.taxonomy, page_size, self)
        self.column.filters_changed.connect(self._apply_query)
        self.list, self.heading = self.column.list, self.column.heading
        self.show_more, self.empty = self.column.show_more, self.column.empty
        self.pane = ArticlePane(self)
        self.pane.set_allow_remote_images(settings.privacy.load_remote_images)
        self.pane.images_requested.connect(self.images_requested)
        self.pane.article_images_requested.connect(self.article_images_requested)
        self.reader = ArticleReader(self._storage, self.column, self.pane, self)
        self.reader.read_changed.connect(self._reload_sidebar)
        self.partner = PartnerNews(self._storage, profile.taxonomy, self)
        self.partner.article_activated.connect(self.reader.select_article)
        self.partner_model, self.partner_list = self.partner.model, self.partner.list
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(self.pane)
        self.right.addWidget(self.partner)
        self.right.setStretchFactor(0, 4)
        self.right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.column)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([240, 480, 640])
        self.setCentralWidget(self.splitter)

    def _build_converter(self) -> None:
        self.converter = ConverterWidget(
            self._rates.book(),
            history=self._rate_history,
            favourites=self._profile.settings.rates.favourites,
            parent=self,
        )
        converter = self.tr("Currency converter")
        self.converter_dock = QDockWidget(converter, self)
        self.converter_dock.setObjectName("converterDock")
        self.converter_dock.setWidget(self.converter)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.converter_dock)

    def _rate_history(self, provider: str, source: str, target: str, days: int) -> list:  # type: ignore[type-arg]
        from newsdesk.core.rates import RateStore

        return RateStore(self._storage.connection).pair_history(provider, source, target, days)

    @property
    def model(self) -> ArticleListModel:
        """The article list's model (a new one when the page size changes)."""
        return self.column.model

    @property
    def topics(self) -> TopicFilter:
        """The topic checkboxes of the sidebar."""
        return self.sidebar.topics

    # -- showing, closing -----------------------------------------------------------------------

    def show_at_start(self) -> None:
        """Show the window, or with ``notifications.start_minimised`` only the tray icon (or a
        minimised window when there is no tray)."""
        if not self._profile.settings.notifications.start_minimised:
            self.show()
        elif self._tray.icon is None:
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

    def save_state(self) -> None:
        """Remember geometry, splitters and docks (UI state, not settings)."""
        self._state.save()

    @Slot()
    def quit(self) -> None:
        """Ctrl+Q: close for real, even when closing goes to the tray."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save the window's state; with close-to-tray, hide instead of closing."""
        self.save_state()
        to_tray = self._profile.settings.notifications.close_to_tray
        if to_tray and self._tray.icon is not None and not self._quitting:
            event.ignore()
            self.hide()
            return
        self._tray.hide()
        super().closeEvent(event)

    # -- the query ------------------------------------------------------------------------------

    def current_query(self) -> ArticleQuery:
        """The query every filter of the window adds up to."""
        feed_id, group = self.sidebar.source_filter()
        return ArticleQuery(
            topics=self.topics.selected(),
            feed_id=feed_id,
            group=group,
            unread_only=self.column.unread_only.isChecked(),
            starred_only=self.column.starred_only.isChecked(),
            search=self.sidebar.search_text(),
        )

    @Slot()
    def _apply_query(self) -> None:
        query = self.current_query()
        self.column.set_query(query)
        self._describe(query)

    def _describe(self, query: ArticleQuery) -> None:
        """The heading above the list, and the note in place of an empty one."""
        if query.search:
            heading = self.tr("News search: {text}").format(text=query.search)
        elif query.feed_id is not None or query.group:
            heading = self.sidebar.source_title()
        else:
            heading = self.tr("All news")
        self.column.set_heading(heading)
        self.column.show_empty(self._empty_text(query) if self.model.rowCount() == 0 else None)

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

    @Slot(frozenset)
    def _on_topics_changed(self, topics: frozenset[str]) -> None:
        try:
            self._profile.save_settings(
                self._profile.settings.with_value("topics.followed", ",".join(sorted(topics)))
            )
        except (NewsdeskError, OSError) as exc:
            self.statusBar().showMessage(str(exc), 8000)
        self._apply_query()

    @Slot()
    def _reload_sidebar(self) -> None:
        self.sidebar.reload(self._storage.feeds())

    # -- reading ------------------------------------------------------------------------------

    def select_article(self, article_id: int) -> None:
        """Show one article: select it in the list if it is there, else just open it."""
        self.reader.select_article(article_id)

    def current_article(self) -> Article | None:
        """The article the list has selected."""
        return self.reader.current_article()

    @Slot()
    def next_article(self) -> None:
        """j: the next article (loads the next page at the end)."""
        self.reader.next_article()

    @Slot()
    def focus_search(self) -> None:
        """/ or Ctrl+F: type a search."""
        self.sidebar.focus_search()

    def article_count(self) -> int:
        """How many articles the list shows (for the smoke test)."""
        return self.model.rowCount()

    # -- refreshing -----------------------------------------------------------------------------

    def attach_refresher(self, refresher: Refresher) -> None:
        """Talk to the worker (living in its own thread) through signals only."""
        self.refresh_requested.connect(refresher.refresh)
        queued = Qt.ConnectionType.QueuedConnection
        self.settings_changed.connect(refresher.apply_settings, queued)
        self.taxonomy_changed.connect(refresher.apply_taxonomy, queued)
        refresher.started.connect(self._status.started)
        refresher.progress.connect(self._status.advance)
        refresher.feed_done.connect(self._status.feed_done)
        refresher.finished.connect(self.on_refresh_finished)
        refresher.failed.connect(self.on_refresh_failed)
        refresher.rates_refreshed.connect(self.on_rates_refreshed)

    @Slot()
    def refresh(self) -> None:
        """F5: ask the worker for a pass over every feed (merged if one is running)."""
        self.request_refresh(RefreshRequest())

    def schedule_start_refresh(self) -> None:
        """The start-up refresh (``refresh.on_start``): at once on a first run, else after a
        moment, once the window has painted."""
        self._scheduler.schedule_start(first_run=self._first_run)

    @Slot(object)
    def request_refresh(self, request: RefreshRequest) -> None:
        """Send ``request`` to the worker, or keep it for after the running pass."""
        if not self._scheduler.begin(request):
            return
        self.refresh_action.setEnabled(False)
        self._status.begin(quiet=request.due_only)
        self.refresh_requested.emit(request)

    def refresh_interval_minutes(self) -> int:
        """Minutes between the timer's passes."""
        return self._scheduler.interval_minutes()

    @Slot(object)
    def on_refresh_finished(self, summary: RefreshSummary) -> None:
        """A pass ended: show its outcome and the new articles, keeping the selection."""
        self._end_pass()
        attempted = [r for r in summary.results if r.outcome is not Outcome.SKIPPED]
        if attempted or not self._scheduler.quiet:
            self._show_outcome(summary, attempted)
        self._scheduler.update_timer()
        self._request_pending()

    @Slot(str)
    def on_refresh_failed(self, message: str) -> None:
        """The pass could not run at all."""
        self._end_pass()
        self.statusBar().showMessage(message, STATUS_MS)
        self._request_pending()

    def _end_pass(self) -> None:
        self._scheduler.end()
        self.refresh_action.setEnabled(True)
        self._status.end()

    def _request_pending(self) -> None:
        pending = self._scheduler.take_pending()
        if pending is not None:
            self.request_refresh(pending)

    def _show_outcome(self, summary: RefreshSummary, attempted: list[FeedResult]) -> None:
        # Worded here: lupdate reads plurals only from self.tr, and the catalogues hold this
        # one in the MainWindow context.
        failed = self.tr("%n feed(s) failed", "", len(summary.failed))
        offline = self._status.show_outcome(summary, attempted, failed)
        self._set_offline_note(self.offline_text() if offline else None)
        if summary.new_articles:
            if self.model.rowCount() == 0:
                self._apply_query()
            else:
                self.column.insert_newer()
            self._tray.notify(self._profile.settings, self._scheduler.pass_started)
        self._reload_sidebar()
        self.partner.reload()

    @Slot()
    def show_failures(self) -> None:
        """The list of failed feeds with a Retry button."""
        self._status.show_failures()

    @Slot(list)
    def _retry(self, feed_ids: list[int]) -> None:
        self.request_refresh(RefreshRequest(tuple(feed_ids), force=True, rates=False))

    @Slot(object)
    def on_rates_refreshed(self, report: object) -> None:
        """New rates are stored: the converter uses them, keeping what the user typed."""
        del report
        self._rates = self._profile.rate_service()
        self.converter.set_book(self._rates.book())
        if self._offline_note is not None:  # its date may have changed
            self._set_offline_note(self.offline_text(), announce=False)

    # -- first run and offline ------------------------------------------------------------------

    @property
    def first_run(self) -> bool:
        """Whether this window is the profile's first (it showed the welcome)."""
        return self._first_run

    def show_welcome(self) -> None:
        """The first-run page in the article pane: what the app does and where things are."""
        keys = self.refresh_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        page = welcome_html(
            refresh_keys=keys,
            # Once the first pass found no server, "the first update has started" is past.
            refreshing=self._profile.settings.refresh.on_start and self._offline_note is None,
            folder=self._profile.paths.config_dir,
            offline_note=self._offline_note,
        )
        self.pane.show_message(page)

    def offline_text(self) -> str:
        """What to say when no news server answered, and which rates the converter uses."""
        return offline_text(self._rates.book().sources)

    def _set_offline_note(self, note: str | None, *, announce: bool = True) -> None:
        self._offline_note = note
        if note is not None and announce:
            self.statusBar().showMessage(note, STATUS_MS * 2)
        if self.model.rowCount() == 0:
            self.column.show_empty(self._empty_text(self.current_query()))
        if self.pane.message() is not None:
            self.show_welcome()  # with or without the note

    # -- settings and subscriptions -------------------------------------------------------------

    @Slot()
    def show_settings(self) -> None:
        """Ctrl+,: the Settings dialog (one at a time: a second request raises it)."""
        self._settings_host.show()

    def settings_dialog(self) -> QDialog | None:
        """The open Settings dialog, if any."""
        return self._settings_host.dialog()

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on, live: look, images, list, converter, timers, workers.

        The caller has saved them (the dialog does, through ``Profile.save_settings``).
        """
        old = self._profile.settings
        self._profile.settings = settings
        note = apply_look(settings, old)
        if note is not None:
            self.statusBar().showMessage(note, STATUS_MS)
        self._apply_appearance(settings)
        self.pane.set_allow_remote_images(settings.privacy.load_remote_images)
        if settings.appearance.page_size != self.column.page_size():
            query = self.current_query()  # a new list model, keeping the chosen article
            self.column.set_page_size(settings.appearance.page_size, query)
            self._describe(query)
        apply_converter_settings(self.converter, self._rates.book().codes, settings, old)
        self._scheduler.update_timer()
        self.settings_changed.emit(settings)

    def _apply_appearance(self, settings: Settings) -> None:
        self.pane.set_font_scale(settings.appearance.font_scale)
        self.column.set_density(settings.appearance.density)
        self.partner.set_density(settings.appearance.density)

    @Slot(object)
    def apply_taxonomy(self, taxonomy: Taxonomy) -> None:
        """The user edited the topics: the filter, the chips and the refresher follow."""
        self._profile.taxonomy = taxonomy
        self.sidebar.set_taxonomy(taxonomy)
        self.column.set_taxonomy(taxonomy)
        self.partner.set_taxonomy(taxonomy)
        self.taxonomy_changed.emit(taxonomy)
        self._apply_query()

    @Slot()
    def reload_subscriptions(self) -> None:
        """Feeds were added, removed or moved (Settings): sources, lists and timer follow."""
        self._reload_sidebar()
        self._apply_query()
        self.partner.reload()
        self._scheduler.update_timer()

    @Slot()
    def import_opml(self) -> None:
        """Subscribe to the feeds of an OPML file, then refresh."""
        self._opml.import_opml()

    @Slot()
    def export_opml(self) -> None:
        """Write the subscriptions as OPML."""
        self._opml.export_opml()

    @Slot()
    def _on_imported(self) -> None:
        self._reload_sidebar()
        self.refresh()


def _app_icon() -> QIcon:
    from newsdesk.core.resources import resources_dir

    icon = QIcon.fromTheme("newsdesk")
    if icon.isNull():
        folder = resources_dir() / "icons"
        icon = QIcon()
        for candidate in sorted(folder.glob("*.png")) + sorted(folder.glob("*.svg")):
            icon.addFile(str(candidate))
    return icon


__all__ = ["WELCOMED_KEY", "MainWindow", "QItemSelectionModel"]
