"""The Feeds page: the subscription list, with Add, Edit, Remove, Import and Export.

All or nothing: like every other page, the changes made here are queued and written only by
the dialog's OK or Apply (Cancel drops them), even though subscriptions live in the database
and not in the settings file. Until then, new and changed rows are shown in italics. An OPML
import is queued as the file's bytes and saved with
:meth:`~newsdesk.core.profile.Profile.import_opml`, so that it is one transaction and titles
are treated as for any import; edits made to its rows in the meantime are applied after it
(:mod:`.feed_changes` says in which order everything is written).

Export writes the list as shown, unsaved rows included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core import opml
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.model import NEWS_GROUP, PARTNER_GROUP, Topic
from newsdesk.core.profile import Profile
from newsdesk.core.settings import Settings, atomic_write
from newsdesk.ui.dialogs.settings.feed_changes import FeedChanges, write_changes
from newsdesk.ui.dialogs.settings.feed_editor import FeedEditor
from newsdesk.ui.dialogs.settings.feed_table import FeedRow, FeedTableModel, FeedValues
from newsdesk.ui.dialogs.settings.fields import SettingsPage, plain_label

#: The largest OPML file the page reads (a subscription list is rarely over 1 MB).
MAX_OPML_BYTES = 10_000_000


class FeedsPage(SettingsPage):
    """The subscriptions, edited in place and saved by :meth:`commit`."""

    icon_name = "application-rss+xml"

    def __init__(
        self,
        profile: Profile,
        topics: Callable[[], Sequence[Topic]],
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        """Show ``profile``'s subscriptions.

        Args:
            profile: Where the feeds are stored.
            topics: The topics a feed may be given (those of the Topics page, as edited).
            language: The UI language, for topic names.
            parent: The owning widget.
        """
        super().__init__(parent)
        self.title = self.tr("Feeds")
        self._profile = profile
        self._topics = topics
        self._language = language
        self._settings = profile.settings
        self._changes = FeedChanges()
        self.editor: FeedEditor | None = None  # the open Add or Edit dialog
        self._editing: FeedRow | None = None
        self._topic_names: dict[str, str] = {}  # code and names, casefolded → name shown

        self.model = FeedTableModel(self._topic_name, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Subscriptions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FeedTableModel.ADDRESS, QHeaderView.ResizeMode.Stretch)
        for column in (FeedTableModel.ENABLED, FeedTableModel.INTERVAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(FeedTableModel.TITLE, 150)
        header.resizeSection(FeedTableModel.GROUP, 95)
        header.resizeSection(FeedTableModel.TOPIC, 80)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.import_button = QPushButton(self.tr("&Import OPML…"), self)
        self.export_button = QPushButton(self.tr("E&xport OPML…"), self)
        self.add_button.setAccessibleName(self.tr("Add a feed"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected feed"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected feed"))
        self.status = plain_label("", self)
        self.status.setAccessibleName(self.tr("Import and export result"))
        self.status.hide()

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        label = QLabel(self.tr("&Subscriptions:"), self)
        label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.page_error)
        self.register_field(self.table, self.page_error)

        self.add_button.clicked.connect(self.add_feed)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self._on_import)
        self.export_button.clicked.connect(self._on_export)
        self.table.doubleClicked.connect(self.edit_selected)
        # Shortcuts rather than the view's ``activated``: the view lets Enter go on to the
        # dialog, which would press OK as well.
        for key, slot in (
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_selected),
        ):
            shortcut = QShortcut(key, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh_topics()
        self.reload()

    # -- the page ---------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        """Keep ``settings`` for the feed editor (network limits, the default interval)."""
        self._settings = settings

    def reload(self) -> None:
        """Show the stored subscriptions and forget every queued change."""
        self._changes.clear()
        self.model.set_rows([FeedRow.stored(feed) for feed in self._profile.storage.feeds()])
        self._update_buttons()

    def refresh_topics(self) -> None:
        """Name the feeds' topics as the Topics page now has them."""
        names: dict[str, str] = {}
        for topic in self._topics():
            shown = topic.name(self._language)
            for key in (topic.code, *topic.names.values()):
                names.setdefault(key.casefold(), shown)
        self._topic_names = names
        self.model.refresh_names()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Topics may have been renamed on the Topics page."""
        self.refresh_topics()
        super().showEvent(event)

    def has_changes(self) -> bool:
        """Whether saving would change the subscriptions."""
        return self._changes.pending(self.model.rows())

    def commit(self) -> bool:
        """Write the queued changes; returns whether there were any. Reloads the list after.

        Raises:
            NewsdeskError: a feed could not be saved (the list is reloaded as stored).
            OSError, ValueError: the database or the backup could not be written.
        """
        if not self.has_changes():
            return False
        try:
            write_changes(self._profile, list(self.model.rows()), self._changes)
        finally:
            self.reload()
        return True

    # -- editing ----------------------------------------------------------------------------

    def add_feed(self) -> FeedEditor:
        """Open the Add dialog (window-modal, not blocking); returns it."""
        return self._open_editor(None)

    def edit_selected(self) -> FeedEditor | None:
        """Open the Edit dialog for the selected row; returns it (None: nothing selected)."""
        row = self._selected()
        if row < 0:
            return None
        return self._open_editor(self.model.row(row))

    def remove_selected(self) -> None:
        """Remove the selected row (saved with the dialog)."""
        number = self._selected()
        if number < 0:
            return
        self._changes.forget(self.model.take(number))
        if self.model.rowCount():
            self.table.selectRow(min(number, self.model.rowCount() - 1))
        self._update_buttons()

    def is_taken(self, url: str, ignore: FeedRow | None = None) -> bool:
        """Whether another row already has ``url``."""
        return any(row.values.url == url for row in self.model.rows() if row is not ignore)

    def close_editor(self) -> None:
        """Close the Add or Edit dialog if it is open (stopping its test)."""
        if self.editor is not None:
            self.editor.reject()

    def _open_editor(self, row: FeedRow | None) -> FeedEditor:
        self.close_editor()
        self._editing = row
        groups = sorted(
            {r.values.group for r in self.model.rows()} - {NEWS_GROUP, PARTNER_GROUP, ""}
        )
        editor = FeedEditor(
            self._settings,
            self._topics(),
            lambda url: self.is_taken(url, ignore=row),
            values=row.values if row else None,
            groups=groups,
            language=self._language,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(self._on_editor_accepted)
        editor.destroyed.connect(self._on_editor_destroyed)
        self.editor = editor
        editor.open()
        return editor

    def _on_editor_accepted(self) -> None:
        editor, row = self.editor, self._editing
        values = editor.values() if editor is not None else None
        if values is None:
            return
        if row is None:
            self.model.append([FeedRow(values)])
            self.table.selectRow(self.model.rowCount() - 1)
        elif row in self.model.rows():
            self.model.replace(self.model.rows().index(row), values)
        self.status.hide()

    def _on_editor_destroyed(self) -> None:
        self.editor = None
        self._editing = None

    # -- OPML -------------------------------------------------------------------------------

    def import_opml_file(self, path: str | Path) -> str:
        """Queue the feeds of an OPML file and say what happened (also shown on the page).

        Feeds already in the list are counted, not added; outlines that are no feed are
        skipped, with their reasons in the message's tooltip.
        """
        self.page_error.set_message("")
        path = Path(path)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_OPML_BYTES + 1)
        except OSError as exc:
            return self._import_failed(
                self.tr("{file} cannot be read: {reason}").format(
                    file=path.name, reason=exc.strerror or exc
                )
            )
        if len(data) > MAX_OPML_BYTES:
            return self._import_failed(
                self.tr("{file} is larger than {size} MB; it is not a subscription list.").format(
                    file=path.name, size=MAX_OPML_BYTES // 1_000_000
                )
            )
        try:
            document = opml.parse_opml(data)
        except NewsdeskError as exc:
            return self._import_failed(
                self.tr("{file} is not an OPML file Newsdesk can read: {reason}").format(
                    file=path.name, reason=exc
                )
            )
        known = {row.values.url for row in self.model.rows()}
        new_rows = []
        for feed in document.feeds:
            if feed.url in known:
                continue
            known.add(feed.url)
            values = FeedValues(
                feed.url, feed.title, feed.group, feed.topic, True, feed.interval_minutes
            )
            new_rows.append(FeedRow(values, values, import_url=feed.url))
        already = len(document.feeds) - len(new_rows)
        if new_rows:
            self._changes.imports.append(data)
            self.model.append(new_rows)
        message = ", ".join(
            (
                self.tr("Added %n feed(s)", "", len(new_rows)),
                self.tr("%n already there", "", already),
                self.tr("%n skipped", "", len(document.skipped)),
            )
        )
        if new_rows:
            message += ". " + self.tr("They are saved when you press OK or Apply.")
        self.status.setText(message)
        self.status.setToolTip("\n".join(f"{s.text}: {s.reason}" for s in document.skipped))
        self.status.show()
        return message

    def export_opml_file(self, path: str | Path) -> str:
        """Write the list as shown to an OPML file; says what happened (also on the page)."""
        self.page_error.set_message("")
        path = Path(path)
        feeds = [row.as_feed() for row in self.model.rows()]
        try:
            atomic_write(path, opml.export_opml(feeds))
        except OSError as exc:
            message = self.tr("{file} cannot be written: {reason}").format(
                file=path.name, reason=exc.strerror or exc
            )
            self.page_error.set_message(message)
            return message
        message = self.tr("Exported %n feed(s) to {file}.", "", len(feeds)).format(file=path.name)
        self.status.setText(message)
        self.status.setToolTip(str(path))
        self.status.show()
        return message

    def _import_failed(self, message: str) -> str:
        self.status.hide()
        self.page_error.set_message(message)
        return message

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import subscriptions"),
            "",
            self.tr("OPML files (*.opml *.xml);;All files (*)"),
        )
        if path:
            self.import_opml_file(path)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export subscriptions"),
            "newsdesk-subscriptions.opml",
            self.tr("OPML files (*.opml)"),
        )
        if path:
            self.export_opml_file(path)

    # -- helpers ----------------------------------------------------------------------------

    def _selected(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        selected = self._selected() >= 0
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _topic_name(self, topic: str) -> str:
        return self._topic_names.get(topic.casefold(), topic)
