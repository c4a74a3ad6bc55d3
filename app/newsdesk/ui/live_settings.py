"""Settings while the app runs: the one Settings dialog, and the parts of a new snapshot that
belong to no widget of the window (the application's theme and language, the converter).

The window composes the rest (:meth:`~newsdesk.ui.mainwindow.MainWindow.apply_settings`).
The texts keep the ``MainWindow`` translation context they had before they moved here.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from newsdesk.core.profile import Profile
from newsdesk.core.settings import Settings
from newsdesk.ui.theme import apply_theme
from newsdesk.ui.widgets.converter import ConverterWidget


class SettingsDialogHost(QObject):
    """Opens the Settings dialog, one at a time (a second request raises it), and passes on
    what it says.

    Signals:
        settings_applied(object): the :class:`Settings` the dialog saved.
        subscriptions_changed(): feeds were added, removed or moved.
        topics_changed(object): the user's new :class:`~newsdesk.core.topics.Taxonomy`.
    """

    settings_applied = Signal(object)
    subscriptions_changed = Signal()
    topics_changed = Signal(object)

    def __init__(self, profile: Profile, window: QWidget) -> None:
        """Open dialogs on ``profile``, over ``window``."""
        super().__init__(window)
        self._profile = profile
        self._window = window
        self._dialog: QDialog | None = None

    @Slot()
    def show(self) -> None:
        """Open the dialog, or bring the open one to the front."""
        if self._dialog is not None:
            self._dialog.show()
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        # Imported here: the dialog is the heaviest module of the UI and rarely opened.
        from newsdesk.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self._profile, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_applied.connect(self.settings_applied)
        dialog.subscriptions_changed.connect(self.subscriptions_changed)
        dialog.topics_changed.connect(self.topics_changed)
        dialog.finished.connect(self._on_closed)
        self._dialog = dialog
        dialog.show()

    def dialog(self) -> QDialog | None:
        """The open Settings dialog, if any."""
        return self._dialog

    @Slot(int)
    def _on_closed(self, result: int) -> None:
        del result
        self._dialog = None


def apply_look(settings: Settings, old: Settings) -> str | None:
    """Apply a changed theme or language to the application; returns what to tell the user.

    app.py applied both at start; only a change is applied here.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if settings.appearance.theme != old.appearance.theme:
        apply_theme(app, settings.appearance.theme)
    if settings.appearance.language == old.appearance.language:
        return None
    from newsdesk.ui.i18n import install_translation

    install_translation(app, settings.appearance.language)
    restart = QCoreApplication.translate(
        "MainWindow", "Some texts change language only after Newsdesk is restarted."
    )
    return restart


def apply_converter_settings(
    converter: ConverterWidget, codes: Collection[str], settings: Settings, old: Settings | None
) -> None:
    """Favourites, base currency and digits of ``settings`` for ``converter`` (with ``old``
    ``None``: all of them, at start; else only what changed).

    Args:
        converter: The converter.
        codes: The currencies its rates know (a base it does not know is left alone).
        settings: The settings now in force.
        old: The settings before, or ``None``.
    """
    rates = settings.rates
    if old is None or rates.favourites != old.rates.favourites:
        converter.set_favourites(rates.favourites)
    if (old is None or rates.base != old.rates.base) and rates.base in codes:
        source, target = converter.pair()
        if target == rates.base:
            target = source
        converter.set_pair(rates.base, target)
    if old is None or rates.digits != old.rates.digits:
        converter.set_digits(rates.digits)
