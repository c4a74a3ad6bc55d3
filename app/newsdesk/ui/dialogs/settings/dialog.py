"""The Settings dialog: a list of pages on the left, the chosen page on the right.

OK and Apply first ask every page to :meth:`~fields.SettingsPage.check` what the user entered.
Any problem is shown under its field (its page is brought up, the field focused) and nothing is
written. Otherwise every page applies its values to one new
:class:`~newsdesk.core.settings.Settings`, which is saved once; then the edited topics and the
queued subscription changes are written. Cancel discards whatever was not applied.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.errors import NewsdeskError
from newsdesk.core.profile import Profile
from newsdesk.core.settings import Settings
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.dialogs.settings.currency_page import CurrencyPage
from newsdesk.ui.dialogs.settings.feeds_page import FeedsPage
from newsdesk.ui.dialogs.settings.fields import ErrorLabel, FieldError, SettingsPage
from newsdesk.ui.dialogs.settings.pages import (
    AppearancePage,
    LanguagePage,
    NotificationsPage,
    PrivacyPage,
    UpdatesPage,
)
from newsdesk.ui.dialogs.settings.topics_page import TopicsPage

_ERROR_RED = "#c62828"


class SettingsDialog(QDialog):
    """Every setting of a profile, its subscriptions and its topics.

    Signals:
        settings_applied(object): the new :class:`Settings`, after they were saved.
        subscriptions_changed(): feeds were added, edited, removed or imported.
        topics_changed(object): the new :class:`~newsdesk.core.topics.Taxonomy`, after it
            was saved.
    """

    settings_applied = Signal(object)
    subscriptions_changed = Signal()
    topics_changed = Signal(object)

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        """Build every page and show ``profile``'s settings, topics and subscriptions."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._profile = profile
        language = "ru" if QLocale().language() == QLocale.Language.Russian else "en"

        self.topics_page = TopicsPage(profile.taxonomy.topics, self)
        self.feeds_page = FeedsPage(profile, self.topics_page.topics, language, self)
        self.updates_page = UpdatesPage(self)
        self.currency_page = CurrencyPage(self)
        self.appearance_page = AppearancePage(self)
        self.privacy_page = PrivacyPage(self)
        self.notifications_page = NotificationsPage(self)
        self.language_page = LanguagePage(self)
        self.pages: tuple[SettingsPage, ...] = (
            self.feeds_page,
            self.topics_page,
            self.updates_page,
            self.currency_page,
            self.appearance_page,
            self.privacy_page,
            self.notifications_page,
            self.language_page,
        )

        self.page_list = QListWidget(self)
        self.page_list.setAccessibleName(self.tr("Settings pages"))
        self.page_list.setIconSize(QSize(22, 22))
        self.page_list.setFixedWidth(180)
        self.stack = QStackedWidget(self)
        self._scrolls: dict[SettingsPage, QScrollArea] = {}
        for page in self.pages:
            item = QListWidgetItem(QIcon.fromTheme(page.icon_name), page.title)
            self.page_list.addItem(item)
            if page in (self.feeds_page, self.topics_page):
                self.stack.addWidget(page)  # their lists scroll by themselves
                continue
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self._scrolls[page] = scroll
            self.stack.addWidget(scroll)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.page_list.currentRowChanged.connect(self._on_page_changed)

        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._on_button_clicked)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.stack, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.page_list)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(820, 600)
        self.setMinimumSize(640, 440)

        for page in self.pages:
            page.load(profile.settings)
        self.page_list.setCurrentRow(0)

    # -- pages ------------------------------------------------------------------------------

    def show_page(self, page: SettingsPage) -> None:
        """Bring ``page`` up."""
        self.page_list.setCurrentRow(self.pages.index(page))

    def _on_page_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.heading.setText(self.pages[row].title if 0 <= row < len(self.pages) else "")

    def current_page(self) -> SettingsPage:
        """The page shown."""
        return self.pages[self.page_list.currentRow()]

    # -- applying ---------------------------------------------------------------------------

    def accept(self) -> None:
        """Apply every page; close only if that worked."""
        if self.apply_changes():
            super().accept()

    def done(self, code: int) -> None:
        """Close an open feed editor with the dialog."""
        self.feeds_page.close_editor()
        super().done(code)

    def apply_changes(self) -> bool:
        """Check every page, then save everything or nothing; returns whether it was saved.

        A problem a page finds is shown under its field. A failure to write (a full disk, a
        subscription another program added meanwhile) is shown at the bottom of the dialog.
        """
        self.error.set_message("")
        problems: list[tuple[SettingsPage, list[FieldError]]] = []
        for page in self.pages:
            found = page.check()
            page.show_errors(found)
            if found:
                problems.append((page, found))
            self._mark(page, bool(found))
        if problems:
            page, found = problems[0]
            self.show_page(page)
            widget = found[0][0]
            scroll = self._scrolls.get(page)
            if scroll is not None:
                scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return False

        profile = self._profile
        new: Settings = profile.settings
        for page in self.pages:
            new = page.apply(new)
        topics = self.topics_page.topics()
        topics_edited = self.topics_page.is_changed()
        saved_settings: Settings | None = None
        taxonomy: Taxonomy | None = None
        feeds_written = False
        try:
            new.validate()
            if new != profile.settings:
                profile.save_settings(new)
                saved_settings = new
            if topics_edited:
                taxonomy = profile.save_taxonomy(topics)
                self.topics_page.reset(taxonomy.topics)
            feeds_written = self.feeds_page.has_changes()
            self.feeds_page.commit()
        except (NewsdeskError, OSError, ValueError) as exc:
            self.error.set_message(self.tr("Not everything was saved: {reason}").format(reason=exc))
            return False
        finally:
            # What was written is announced even if a later step failed.
            if saved_settings is not None:
                for page in self.pages:
                    page.load(saved_settings)
                self.settings_applied.emit(saved_settings)
            if taxonomy is not None:
                self.feeds_page.refresh_topics()
                self.topics_changed.emit(taxonomy)
            if feeds_written:
                self.subscriptions_changed.emit()
        return True

    def _on_button_clicked(self, button: QAbstractButton) -> None:
        if self.buttons.standardButton(button) == QDialogButtonBox.StandardButton.Apply:
            self.apply_changes()

    def _mark(self, page: SettingsPage, has_error: bool) -> None:
        """Show in the page list which pages hold a problem."""
        item = self.page_list.item(self.pages.index(page))
        if item is None:
            return
        if has_error:
            item.setForeground(QBrush(QColor(_ERROR_RED)))
            item.setToolTip(self.tr("This page has a problem to fix."))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            item.setToolTip("")
