"""Themes: light, dark and the system's scheme, live, down to the article text and its links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from newsdesk.core.model import Article
from newsdesk.ui.theme import (
    NewsdeskStyle,
    ThemeController,
    apply_theme,
    dark_palette,
    is_dark,
    light_palette,
    theme_controller,
)
from newsdesk.ui.widgets.article_pane import ArticlePane
from tests.ui.test_article_view import make_article

Role = QPalette.ColorRole


@pytest.fixture
def restore_look(qapp):  # type: ignore[no-untyped-def]
    """Put the one QApplication's style and palette back after a test changed the theme."""
    style = qapp.style().name()
    palette = QPalette(qapp.palette())
    yield qapp
    controller = qapp.findChild(QObject, "newsdeskThemeController")
    if controller is not None:
        controller.setParent(None)  # type: ignore[call-overload]  # Python owns it now
        controller.deleteLater()
    qapp.styleHints().unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("make", [light_palette, dark_palette], ids=["light", "dark"])
def test_palettes_are_readable(make):  # type: ignore[no-untyped-def]
    palette = make()
    assert contrast(palette.color(Role.Text), palette.color(Role.Base)) >= 12
    assert contrast(palette.color(Role.WindowText), palette.color(Role.Window)) >= 12
    assert contrast(palette.color(Role.Link), palette.color(Role.Base)) >= 4.5
    assert contrast(palette.color(Role.HighlightedText), palette.color(Role.Highlight)) >= 4.5
    assert contrast(palette.color(Role.PlaceholderText), palette.color(Role.Base)) >= 4.5
    assert contrast(palette.color(Role.ToolTipText), palette.color(Role.ToolTipBase)) >= 7
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.Text)
    assert disabled != palette.color(Role.Text)  # disabled controls look disabled


def test_light_and_dark_apply_live(restore_look):  # type: ignore[no-untyped-def]
    app = restore_look
    assert apply_theme(app, "dark") == "dark"
    assert isinstance(app.style(), NewsdeskStyle)
    assert app.style().baseStyle().name().lower() == "fusion"
    assert is_dark(app.palette())
    assert app.palette().color(Role.Base) == dark_palette().color(Role.Base)
    assert apply_theme(app, "light") == "light"
    assert not is_dark(app.palette())
    assert app.palette().color(Role.Link) == light_palette().color(Role.Link)
    # One controller for the application, however often the theme changes.
    assert len([c for c in app.findChildren(ThemeController)]) == 1


def test_system_follows_the_platform_scheme_live(restore_look):  # type: ignore[no-untyped-def]
    app = restore_look
    controller = theme_controller(app)
    seen: list[str] = []
    controller.applied.connect(seen.append)
    apply_theme(app, "system")
    hints = app.styleHints()
    # The offscreen platform has no scheme of its own; the signal is what a desktop sends when
    # the user switches to dark mode.
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.effective() == "dark" and is_dark(app.palette())
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert controller.effective() == "light" and not is_dark(app.palette())
    assert seen[-2:] == ["dark", "light"]
    # A fixed choice ignores the platform.
    apply_theme(app, "light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.effective() == "light" and not is_dark(app.palette())


def test_unknown_theme_follows_the_system(restore_look, caplog):  # type: ignore[no-untyped-def]
    assert apply_theme(restore_look, "sepia") == "light"  # offscreen: no dark scheme
    assert theme_controller(restore_look).theme() == "system"
    assert "sepia" in caplog.text


def _article() -> Article:
    return make_article(
        title="Markets close higher",
        content_html=(
            "<p>Shares rose on Monday. <a href='https://news.example/more'>Read more</a> "
            "about the day's trading.</p>"
        ),
    )


def _link_colour(pane: ArticlePane) -> QColor:
    document = pane.view().document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt: QTextCharFormat = fragment.charFormat()
            if fmt.isAnchor():
                return fmt.foreground().color()
            iterator += 1
        block = block.next()
    raise AssertionError("no link in the article")


def test_article_page_and_links_follow_the_theme(qtbot, restore_look):  # type: ignore[no-untyped-def]
    app = restore_look
    apply_theme(app, "light")
    pane = ArticlePane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_article(_article())
    light_link = _link_colour(pane)
    assert light_link == light_palette().color(Role.Link)

    apply_theme(app, "dark")
    dark = dark_palette()
    # A top-level window learns of a new application palette through a posted event.
    qtbot.waitUntil(lambda: _link_colour(pane) == dark.color(Role.Link), timeout=3000)
    link = _link_colour(pane)
    assert contrast(link, dark.color(Role.Base)) >= 4.5
    # The whole page turned dark: header, text and "In other media" share the base colour.
    image = pane.grab().toImage()
    corner = image.pixelColor(5, 5)
    middle = pane.view().grab().toImage().pixelColor(3, pane.view().height() - 5)
    assert corner.lightness() < 60 and middle.lightness() < 60
    assert pane.palette().color(Role.Window) == dark.color(Role.Base)
    # The muted dateline is readable on it.
    muted = pane._meta.palette().color(Role.WindowText)
    assert contrast(muted, dark.color(Role.Base)) >= 4.5

    apply_theme(app, "light")
    qtbot.waitUntil(lambda: _link_colour(pane) == light_link, timeout=3000)
    assert pane.grab().toImage().pixelColor(5, 5).lightness() > 200


def test_font_scale_enlarges_the_article_live(qtbot):  # type: ignore[no-untyped-def]
    pane = ArticlePane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_article(_article())
    view = pane.view()
    before = view.font().pointSizeF()
    headline_before = pane._headline.font().pointSizeF()
    height_before = view.document().size().height()
    pane.set_font_scale(1.5)
    assert view.font().pointSizeF() == pytest.approx(before * 1.5)
    assert view.document().defaultFont().pointSizeF() == pytest.approx(before * 1.5)
    assert pane._headline.font().pointSizeF() == pytest.approx(headline_before * 1.5)
    assert view.document().size().height() > height_before * 1.2  # re-rendered larger
    assert view.article() is not None  # still the same article
    pane.set_font_scale(1.0)
    assert view.font().pointSizeF() == pytest.approx(before)
    pane.set_font_scale(9)  # beyond the setting's range: clamped
    assert pane.font_scale() == 3.0


def test_check_boxes_are_outlined_on_the_dark_palette(qtbot, restore_look):  # type: ignore[no-untyped-def]
    """Fusion alone outlines them in a shade of the window that vanishes on dark (see
    NewsdeskStyle); the box must stand out from the window around it."""
    apply_theme(restore_look, "dark")
    box = QCheckBox("Politics")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    qtbot.waitUntil(lambda: is_dark(box.palette()), timeout=3000)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    area = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = box.palette().color(Role.Window)
    ratio = box.devicePixelRatioF()
    strongest = max(
        contrast(image.pixelColor(round(x * ratio), round(y * ratio)), window)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )
    assert strongest >= 3  # WCAG's minimum for the parts of a control
