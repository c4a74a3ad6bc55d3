"""The app's look: Fusion with a light or a dark palette, chosen by ``appearance.theme``.

``"light"`` and ``"dark"`` are fixed; ``"system"`` follows the platform's colour scheme
(:meth:`QStyleHints.colorScheme`) and switches live when it changes (``colorSchemeChanged``).
Every change applies at once: widgets that draw from the palette repaint, and those that derive
colours from it (the article text, the list rows) listen for ``PaletteChange``.

Why Fusion for every theme, the light one included: native styles draw much of themselves and
ignore parts of a custom palette (``windowsvista`` keeps light buttons and headers on a dark
palette), so a dark palette on them is only half dark. Fusion draws everything from the
palette, so both palettes look the same, and finished, on every platform. (One fix on top:
:class:`NewsdeskStyle` gives check boxes and radio buttons an outline that shows on the dark
palette.) For a fixed choice
:meth:`QStyleHints.setColorScheme` (Qt 6.8) also asks the platform to draw the window frame to
match; ``"system"`` withdraws that request.

One :class:`ThemeController` per application holds the choice; it is a child of the
``QApplication``, found again by :func:`apply_theme`, so no module state is kept here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
STYLE = "Fusion"
_OBJECT_NAME = "newsdeskThemeController"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Colours chosen for contrast: body text on Base is above 13:1 in both palettes, links on Base
# above 4.5:1 (WCAG AA), and the highlight carries white text in both.
_LIGHT: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#f2f2f3",
    _Role.WindowText: "#1c1d1f",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f5f6f8",
    _Role.Text: "#1c1d1f",
    _Role.BrightText: "#c62828",
    _Role.Button: "#f4f4f5",
    _Role.ButtonText: "#1c1d1f",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#e6e6e8",
    _Role.Mid: "#b8b9bc",
    _Role.Dark: "#9c9da1",
    _Role.Shadow: "#6b6c70",
    _Role.Highlight: "#2a64c5",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#1a56b8",
    _Role.LinkVisited: "#6a3bb0",
    _Role.ToolTipBase: "#fdfdfd",
    _Role.ToolTipText: "#1c1d1f",
    _Role.PlaceholderText: "#6e7076",
    _Role.Accent: "#2a64c5",
}
_LIGHT_DISABLED: dict[QPalette.ColorRole, str] = {
    _Role.WindowText: "#9a9b9f",
    _Role.Text: "#9a9b9f",
    _Role.ButtonText: "#9a9b9f",
    _Role.Highlight: "#c3c6cc",
    _Role.HighlightedText: "#f4f4f5",
    _Role.Base: "#f7f7f8",
}

_DARK: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#26282b",
    _Role.WindowText: "#e9eaec",
    _Role.Base: "#1c1d20",
    _Role.AlternateBase: "#242629",
    _Role.Text: "#e9eaec",
    _Role.BrightText: "#ff8a80",
    _Role.Button: "#303236",
    _Role.ButtonText: "#e9eaec",
    _Role.Light: "#45474c",
    _Role.Midlight: "#393b40",
    _Role.Mid: "#2b2d31",
    _Role.Dark: "#16171a",
    _Role.Shadow: "#0b0b0d",
    _Role.Highlight: "#3b72d0",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#82b4ff",
    _Role.LinkVisited: "#c4a5ff",
    _Role.ToolTipBase: "#34363b",
    _Role.ToolTipText: "#e9eaec",
    _Role.PlaceholderText: "#8d9096",
    _Role.Accent: "#3b72d0",
}
_DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    _Role.WindowText: "#6c6e73",
    _Role.Text: "#6c6e73",
    _Role.ButtonText: "#6c6e73",
    _Role.Highlight: "#3a3d43",
    _Role.HighlightedText: "#9a9ca1",
    _Role.Base: "#222326",
}


def _palette(
    colours: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]
) -> QPalette:
    palette = QPalette()
    for role, name in colours.items():
        palette.setColor(role, QColor(name))  # every group
    for role, name in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(name))
    # An unfocused window keeps its selection visible, as a slightly quieter colour.
    highlight = QColor(colours[_Role.Highlight])
    palette.setColor(_Group.Inactive, _Role.Highlight, highlight.darker(115))
    return palette


def light_palette() -> QPalette:
    """The light palette (dark text on white)."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def dark_palette() -> QPalette:
    """The dark palette (light text on near-black, links light blue)."""
    return _palette(_DARK, _DARK_DISABLED)


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` shows light text on a dark background."""
    return palette.color(_Role.Base).lightness() < palette.color(_Role.Text).lightness()


class NewsdeskStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined visibly on a dark palette.

    Fusion outlines them in the window colour made 40 % darker (``QFusionStylePrivate::outline``
    in qfusionstyle.cpp). On a dark window that is as dark as the box inside, so the topic
    filter's empty check boxes all but vanished. For those two indicators only, the option's
    window colour is raised so that Fusion's own arithmetic lands on a visible grey.
    """

    _OUTLINED = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self) -> None:
        """Wrap a new Fusion style."""
        super().__init__(STYLE)

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Draw as Fusion does, with a visible outline for indicators on a dark palette."""
        if element not in self._OUTLINED or not is_dark(option.palette):
            super().drawPrimitive(element, option, painter, widget)
            return
        saved = QPalette(option.palette)
        raised = QPalette(saved)
        for group in (_Group.Active, _Group.Inactive, _Group.Disabled):
            window = saved.color(group, _Role.Window)
            text = saved.color(group, _Role.WindowText)
            outline = _mix(window, text, 0.42 if group != _Group.Disabled else 0.25)
            raised.setColor(group, _Role.Window, outline.lighter(140))  # Fusion: darker(140)
        option.palette = raised
        try:
            super().drawPrimitive(element, option, painter, widget)
        finally:
            option.palette = saved


def _mix(base: QColor, other: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (other.redF() - base.redF()) * amount,
        base.greenF() + (other.greenF() - base.greenF()) * amount,
        base.blueF() + (other.blueF() - base.blueF()) * amount,
    )


class ThemeController(QObject):
    """Keeps the application's style and palette in line with the theme setting.

    Signals:
        applied(str): the palette now in use, ``"light"`` or ``"dark"`` (after every change
            of the setting or of the platform's scheme while the setting is ``"system"``).
    """

    applied = Signal(str)

    def __init__(self, app: QApplication) -> None:
        """Attach to ``app`` (as its child) and follow the platform's colour scheme."""
        super().__init__(app)
        self.setObjectName(_OBJECT_NAME)
        self._app = app
        self._theme = "system"
        self._effective = ""
        self._style: NewsdeskStyle | None = None
        hints = app.styleHints()
        self._scheme = hints.colorScheme()
        hints.colorSchemeChanged.connect(self._on_scheme_changed)

    def theme(self) -> str:
        """The setting: ``"system"``, ``"light"`` or ``"dark"``."""
        return self._theme

    def effective(self) -> str:
        """The palette in use: ``"light"`` or ``"dark"``."""
        return self._effective

    def set_theme(self, theme: str) -> None:
        """Apply ``theme`` now (an unknown name is taken as ``"system"``)."""
        if theme not in THEMES:
            log.warning("Unknown theme %r; following the system", theme)
            theme = "system"
        self._theme = theme
        hints = self._app.styleHints()
        if theme == "system":
            hints.unsetColorScheme()
            self._scheme = hints.colorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        self._apply()

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._scheme = scheme
        if self._theme == "system":
            self._apply()

    def _wanted(self) -> str:
        if self._theme != "system":
            return self._theme
        return "dark" if self._scheme == Qt.ColorScheme.Dark else "light"

    def _apply(self) -> None:
        wanted = self._wanted()
        if not isinstance(self._app.style(), NewsdeskStyle):
            # Kept here as well: the Python side of the style must live as long as it is used.
            self._style = NewsdeskStyle()
            self._app.setStyle(self._style)
        palette = dark_palette() if wanted == "dark" else light_palette()
        if self._app.palette() != palette:
            self._app.setPalette(palette)
        changed = wanted != self._effective
        self._effective = wanted
        if changed:
            log.info("Theme %s: using the %s palette", self._theme, wanted)
        self.applied.emit(wanted)


def theme_controller(app: QApplication) -> ThemeController:
    """The application's controller (made on first use)."""
    found = app.findChild(QObject, _OBJECT_NAME)
    if isinstance(found, ThemeController):
        return found
    return ThemeController(app)


def apply_theme(app: QApplication, theme: str) -> str:
    """Use ``theme`` (``"system"``, ``"light"`` or ``"dark"``) from now on, live.

    Returns:
        The palette in use: ``"light"`` or ``"dark"``.
    """
    controller = theme_controller(app)
    controller.set_theme(theme)
    return controller.effective()


__all__ = [
    "THEMES",
    "NewsdeskStyle",
    "ThemeController",
    "apply_theme",
    "dark_palette",
    "is_dark",
    "light_palette",
    "theme_controller",
]
