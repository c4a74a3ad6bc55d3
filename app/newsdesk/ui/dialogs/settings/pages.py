"""The simple pages of the Settings dialog: updates, appearance, privacy, notifications, language.

Each maps its widgets one to one onto fields of :class:`~newsdesk.core.settings.Settings`; the
spin boxes carry the same bounds as ``settings._RANGES``, so only the proxy address can be wrong.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.links import is_web_url
from newsdesk.core.settings import Settings, int_range
from newsdesk.ui.dialogs.settings.fields import (
    FieldError,
    SettingsPage,
    new_form,
    plain_label,
)


def set_combo_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data is ``value`` (the first item if none is)."""
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class UpdatesPage(SettingsPage):
    """When feeds are refreshed, how many at once, how long articles stay, and the proxy."""

    icon_name = "view-refresh"

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page."""
        super().__init__(parent)
        self.title = self.tr("Updates")
        form = new_form()
        self.interval = QSpinBox(self)
        self.interval.setRange(*int_range("refresh.interval_minutes"))
        self.interval.setSuffix(self.tr(" min"))
        self.add_row(form, self.tr("&Refresh feeds every:"), self.interval)
        self.on_start = QCheckBox(self.tr("Refresh when Newsdesk &starts"), self)
        self.add_row(form, "", self.on_start)
        self.connections = QSpinBox(self)
        self.connections.setRange(*int_range("network.max_connections"))
        self.add_row(form, self.tr("&Concurrent downloads:"), self.connections)
        self.timeout = QDoubleSpinBox(self)
        self.timeout.setRange(1.0, 300.0)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(self.tr(" s"))
        self.add_row(
            form,
            self.tr("&Timeout:"),
            self.timeout,
            self.tr("How long to wait for a server that has stopped sending."),
        )
        self.retention = QSpinBox(self)
        self.retention.setRange(*int_range("refresh.retention_days"))
        self.retention.setSpecialValueText(self.tr("Forever"))
        self.retention.setSuffix(self.tr(" days"))
        self.add_row(
            form,
            self.tr("&Keep articles for:"),
            self.retention,
            self.tr("Starred articles are always kept."),
        )
        self.proxy = QComboBox(self)
        self.proxy.addItem(self.tr("Use the system's proxy settings"), "system")
        self.proxy.addItem(self.tr("No proxy"), "none")
        self.proxy.addItem(self.tr("Manual"), "manual")
        self.add_row(form, self.tr("&Proxy:"), self.proxy)
        self.proxy_url = QLineEdit(self)
        self.proxy_url.setPlaceholderText("http://proxy.example:3128")
        self.add_row(form, self.tr("Proxy &address:"), self.proxy_url)
        self.proxy.currentIndexChanged.connect(self._on_proxy_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show the refresh and network settings."""
        self.interval.setValue(settings.refresh.interval_minutes)
        self.on_start.setChecked(settings.refresh.on_start)
        self.connections.setValue(settings.network.max_connections)
        self.timeout.setValue(settings.network.read_timeout)
        self.retention.setValue(settings.refresh.retention_days)
        set_combo_data(self.proxy, settings.network.proxy)
        self.proxy_url.setText(settings.network.proxy_url)
        self._on_proxy_changed()

    def check(self) -> list[FieldError]:
        """A manual proxy needs an http(s) address."""
        if self.proxy.currentData() == "manual" and not is_web_url(self.proxy_url.text().strip()):
            return [
                (
                    self.proxy_url,
                    self.tr("Enter an http or https address such as http://proxy.example:3128."),
                )
            ]
        return []

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        refresh = dataclasses.replace(
            settings.refresh,
            interval_minutes=self.interval.value(),
            on_start=self.on_start.isChecked(),
            retention_days=self.retention.value(),
        )
        network = dataclasses.replace(
            settings.network,
            max_connections=self.connections.value(),
            read_timeout=float(self.timeout.value()),
            proxy=str(self.proxy.currentData()),
            proxy_url=self.proxy_url.text().strip(),
        )
        return dataclasses.replace(settings, refresh=refresh, network=network)

    def _on_proxy_changed(self) -> None:
        self.proxy_url.setEnabled(self.proxy.currentData() == "manual")


class AppearancePage(SettingsPage):
    """Theme, article font size, list density and page size."""

    icon_name = "preferences-desktop-theme"

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page."""
        super().__init__(parent)
        self.title = self.tr("Appearance")
        form = new_form()
        self.theme = QComboBox(self)
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.add_row(form, self.tr("&Theme:"), self.theme)
        self.font_scale = QSpinBox(self)
        self.font_scale.setRange(50, 300)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")
        self.add_row(
            form,
            self.tr("Article &font size:"),
            self.font_scale,
            self.tr("Relative to the system's font size."),
        )
        self.density = QComboBox(self)
        self.density.addItem(self.tr("Comfortable"), "comfortable")
        self.density.addItem(self.tr("Compact"), "compact")
        self.add_row(form, self.tr("Article &list:"), self.density)
        self.page_size = QSpinBox(self)
        self.page_size.setRange(*int_range("appearance.page_size"))
        self.page_size.setSingleStep(10)
        self.add_row(
            form,
            self.tr("Articles loaded &at a time:"),
            self.page_size,
            self.tr("More are loaded as you scroll."),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show the appearance settings."""
        look = settings.appearance
        set_combo_data(self.theme, look.theme)
        self.font_scale.setValue(round(look.font_scale * 100))
        set_combo_data(self.density, look.density)
        self.page_size.setValue(look.page_size)

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        look = dataclasses.replace(
            settings.appearance,
            theme=str(self.theme.currentData()),
            font_scale=self.font_scale.value() / 100,
            density=str(self.density.currentData()),
            page_size=self.page_size.value(),
        )
        return dataclasses.replace(settings, appearance=look)


class PrivacyPage(SettingsPage):
    """Remote images and the Referer header."""

    icon_name = "security-high"

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page."""
        super().__init__(parent)
        self.title = self.tr("Privacy")
        form = new_form()
        self.remote_images = QCheckBox(self.tr("Load &images from the web in articles"), self)
        self.add_row(
            form,
            "",
            self.remote_images,
            self.tr("Images tell their sites when and where you read an article."),
        )
        self.no_referer = QCheckBox(self.tr("Send no &Referer"), self)
        self.add_row(
            form,
            "",
            self.no_referer,
            self.tr("Sites you open from an article are not told which article linked to them."),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show the privacy settings."""
        self.remote_images.setChecked(settings.privacy.load_remote_images)
        self.no_referer.setChecked(not settings.privacy.send_referer)

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        privacy = dataclasses.replace(
            settings.privacy,
            load_remote_images=self.remote_images.isChecked(),
            send_referer=not self.no_referer.isChecked(),
        )
        return dataclasses.replace(settings, privacy=privacy)


class NotificationsPage(SettingsPage):
    """Desktop notifications and the tray icon."""

    icon_name = "preferences-desktop-notification"

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page."""
        super().__init__(parent)
        self.title = self.tr("Notifications and tray")
        form = new_form()
        self.new_articles = QCheckBox(
            self.tr("&Notify about new articles in the topics I follow"), self
        )
        self.add_row(form, "", self.new_articles)
        self.close_to_tray = QCheckBox(
            self.tr("&Closing the window keeps Newsdesk in the tray"), self
        )
        self.add_row(form, "", self.close_to_tray)
        self.start_minimised = QCheckBox(self.tr("Start &minimised"), self)
        self.add_row(form, "", self.start_minimised)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show the notification settings."""
        self.new_articles.setChecked(settings.notifications.new_articles)
        self.close_to_tray.setChecked(settings.notifications.close_to_tray)
        self.start_minimised.setChecked(settings.notifications.start_minimised)

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        notifications = dataclasses.replace(
            settings.notifications,
            new_articles=self.new_articles.isChecked(),
            close_to_tray=self.close_to_tray.isChecked(),
            start_minimised=self.start_minimised.isChecked(),
        )
        return dataclasses.replace(settings, notifications=notifications)


class LanguagePage(SettingsPage):
    """The language of the user interface (applied at the next start)."""

    icon_name = "preferences-desktop-locale"

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page."""
        super().__init__(parent)
        self.title = self.tr("Language")
        form = new_form()
        self.language = QComboBox(self)
        system = QLocale.system()
        if system.language() == QLocale.Language.C:
            system = QLocale(QLocale.Language.English)  # the C locale's texts are English
        name = system.nativeLanguageName()
        self.language.addItem(self.tr("System ({language})").format(language=name), "auto")
        # Each language is named in itself, so that a user who cannot read the current one
        # still finds theirs.
        self.language.addItem("English", "en")
        self.language.addItem("Русский", "ru")
        self.restart_note = plain_label(self.tr("The language changes after a restart."), self)
        self.restart_note.hide()  # shown only when the choice differs from the running language
        self.add_row(form, self.tr("&Language:"), self.language)
        form.addRow("", self.restart_note)
        self.language.currentIndexChanged.connect(self._update_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        """Show the language setting."""
        set_combo_data(self.language, settings.appearance.language)
        self._update_note()

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        look = dataclasses.replace(settings.appearance, language=str(self.language.currentData()))
        return dataclasses.replace(settings, appearance=look)

    def _update_note(self) -> None:
        self.restart_note.setVisible(_language_of(self.language.currentData()) != _running())


def _language_of(value: object) -> QLocale.Language:
    """The language ``appearance.language`` stands for ("auto": the system's)."""
    if value == "en":
        return QLocale.Language.English
    if value == "ru":
        return QLocale.Language.Russian
    return QLocale.system().language()


def _running() -> QLocale.Language:
    """The language the UI runs in: the default locale, which the app sets from the setting."""
    return QLocale().language()
