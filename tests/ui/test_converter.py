"""The converter widget, driven like a user: type, pick, swap, copy; real rate files throughout."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from newsdesk.core.dates import format_offset
from newsdesk.core.errors import StorageError
from newsdesk.core.rates import (
    AmountError,
    BookSource,
    Conversion,
    Origin,
    RateBook,
    RateStore,
    RateTable,
    parse_amount,
)
from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.ecb import parse_ecb_daily_xml, parse_ecb_history_xml
from newsdesk.core.rates.store import RATES_SCHEMA
from newsdesk.ui.theme import apply_theme, dark_palette, is_dark, light_palette
from newsdesk.ui.widgets.converter import MORE_DIGITS, ConverterWidget
from newsdesk.ui.widgets.currency_picker import CODE_ROLE, CurrencyPicker
from newsdesk.ui.widgets.sparkline import Sparkline, SparklineModel
from tests.ui.test_theme import restore_look  # noqa: F401 (a fixture)

D = Decimal
ECB_DAILY = "ecb-eurofxref-daily-2026-07-06.xml"
ECB_90D = "ecb-eurofxref-hist-90d-2024-11-28_2025-02-25.xml"
CBR_DAILY = "cbr-xml-daily-2026-04-25.cp1251.xml"
#: Monday 6 July 2026, 17:30 in Frankfurt: the ECB table of that day is the newest one.
MON_EVENING = datetime(2026, 7, 6, 15, 30, tzinfo=UTC)
#: Thursday 9 July 2026: the ECB table of Monday has missed three publications.
THU_NOON = datetime(2026, 7, 9, 10, 0, tzinfo=UTC)
#: Long after both tables (the day the fixtures were checked).
MUCH_LATER = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
GROUPING = (",", " ", "\u00a0", "\u202f")

# The search popup is a real popup; the offscreen platform cannot raise it or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


# -- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def rates_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "rates"


@pytest.fixture(scope="module")
def ecb(rates_dir: Path) -> RateTable:
    return parse_ecb_daily_xml((rates_dir / ECB_DAILY).read_bytes())


@pytest.fixture(scope="module")
def cbr(rates_dir: Path) -> RateTable:
    return parse_cbr_xml((rates_dir / CBR_DAILY).read_bytes())


@pytest.fixture
def book(ecb: RateTable, cbr: RateTable) -> RateBook:
    """The default source set, both tables counted as current."""
    return RateBook([ecb, cbr])


@pytest.fixture
def store(tmp_path: Path, rates_dir: Path) -> Iterator[RateStore]:
    """A rates database holding the real ECB 90-day file (for the chart)."""
    conn = sqlite3.connect(tmp_path / "rates.sqlite", isolation_level=None)
    for statement in (s.strip() for s in RATES_SCHEMA.split(";\n")):
        if statement:
            conn.execute(statement)
    rates = RateStore(conn)
    for table in parse_ecb_history_xml((rates_dir / ECB_90D).read_bytes()):
        rates.save(table)
    yield rates
    conn.close()


@pytest.fixture
def make(qtbot) -> Callable[..., ConverterWidget]:  # type: ignore[no-untyped-def]
    """Build a shown converter on a book, with the clock at ``MON_EVENING`` by default."""

    def build(rates: RateBook, *, now: datetime = MON_EVENING, **kwargs: object) -> ConverterWidget:
        kwargs.setdefault("locale_decimal", ".")
        widget = ConverterWidget(rates, clock=lambda: now, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(widget)
        widget.resize(380, 640)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return build


def amount_field(widget: ConverterWidget) -> QLineEdit:
    field = widget.findChild(QLineEdit, "amount")
    assert field is not None
    return field


def picker(widget: ConverterWidget, name: str) -> CurrencyPicker:
    found = widget.findChild(CurrencyPicker, name)
    assert found is not None
    return found


def button(widget: ConverterWidget, name: str) -> QWidget:
    found = widget.findChild(QWidget, name)
    assert found is not None
    return found


def shown_number(text: str, decimal_point: str) -> Decimal:
    """A number as the widget writes it, read back exactly."""
    for group in GROUPING:
        if group != decimal_point:
            text = text.replace(group, "")
    return D(text.replace(decimal_point, "."))


def shown_result(widget: ConverterWidget, decimal_point: str = ".") -> tuple[Decimal, Decimal]:
    """The amount and the result the big label shows, as Decimals."""
    text = widget.result_text().removeprefix("≈ ")
    left, right = text.split(" = ")
    amount, _source = left.rsplit(" ", 1)
    result, _target = right.rsplit(" ", 1)
    return shown_number(amount, decimal_point), shown_number(result, decimal_point)


def focus_on(qtbot, target: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Give ``target`` the keyboard focus, as a click or Tab would."""
    target.window().activateWindow()
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(target.hasFocus, timeout=1000)


def type_text(qtbot, target: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard; QTest only knows ASCII keys, so other letters come as key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(target, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_amount(qtbot, widget: ConverterWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    field = amount_field(widget)
    field.clear()
    qtbot.keyClicks(field, text)


def pick(qtbot, widget: ConverterWidget, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a picker and press Enter, as a user searching for a currency does."""
    line = picker(widget, name).line_edit()
    line.selectAll()
    type_text(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def every_text(widget: ConverterWidget) -> str:
    return "\n".join(
        [widget.result_text(), widget.rate_text(), widget.source_text(), widget.badge_text()]
        + widget.targets_text()
    )


# -- typing amounts ----------------------------------------------------------------------------


def test_result_updates_with_every_keystroke_and_matches_the_core(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "EUR")
    field = amount_field(widget)
    typed = ""
    for key in "1234.56":
        typed += key
        qtbot.keyClicks(field, key)
        expected = book.convert(parse_amount(typed, "."), "USD", "EUR")
        assert shown_result(widget) == (expected.amount, expected.result), typed
        assert widget.error_text() == ""
    assert widget.result_text() == "1,234.56 USD = 1,081.52 EUR"
    assert widget.rate_text() == "1 USD = 0.87604 EUR"  # 1 / 1.1415, 6 significant digits


@pytest.mark.parametrize(
    ("typed", "locale_decimal"),
    [
        ("1234.56", "."),
        ("1,234.56", "."),
        ("1 234,56", ","),
        ("1.234,56", ","),
        ("1234,56", ","),
    ],
)
def test_amounts_in_both_locales(qtbot, make, book, typed, locale_decimal):
    widget = make(book, locale_decimal=locale_decimal)
    widget.set_pair("USD", "RUB")
    type_amount(qtbot, widget, typed)
    expected = book.convert(D("1234.56"), "USD", "RUB")
    assert shown_result(widget, locale_decimal) == (D("1234.56"), expected.result)
    assert widget.error_text() == ""
    # written the way the user's locale writes numbers: the decimal separator is theirs
    assert f"{locale_decimal}56 USD" in widget.result_text()


def test_the_locale_decides_an_ambiguous_amount(qtbot, make, book):
    dot = make(book, locale_decimal=".")
    comma = make(book, locale_decimal=",")
    for widget in (dot, comma):
        type_amount(qtbot, widget, "1,234")
    assert shown_result(dot, ".")[0] == D(1234)
    assert shown_result(comma, ",")[0] == D("1.234")


def test_arithmetic_is_evaluated(qtbot, make, book):
    widget = make(book)
    widget.set_pair("EUR", "JPY")
    type_amount(qtbot, widget, "100*2")
    expected = book.convert(D(200), "EUR", "JPY")
    assert shown_result(widget) == (D(200), expected.result)
    assert widget.result_text() == "200.00 EUR = 37,062 JPY"


def test_a_typo_shows_a_reason_inline_and_keeps_the_last_result(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "12")
    before = widget.result_text()
    qtbot.keyClicks(amount_field(widget), "abc")
    with pytest.raises(AmountError) as reason:
        parse_amount("12abc", ".")
    assert widget.error_text() == str(reason.value)
    assert "position 3" in widget.error_text()
    assert widget.result_text() == before  # the last good result stays (Valuta does this)
    error = widget.findChild(QWidget, "error")
    assert error is not None and error.isVisible()
    assert amount_field(widget).accessibleDescription() == widget.error_text()
    # fixing the typo clears the reason
    for _ in "abc":
        qtbot.keyClick(amount_field(widget), Qt.Key.Key_Backspace)
    assert widget.error_text() == ""


def test_typed_markup_stays_text(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "<b>1</b>")
    assert widget.error_text().startswith("“<” at position 1")
    for name in ("error", "result", "rate", "source", "badge", "chart_title"):
        label = widget.findChild(QLabel, name)
        assert label is not None and label.textFormat() == Qt.TextFormat.PlainText, name
    error = widget.findChild(QLabel, "error")
    assert (
        error is not None
        and error.toolTip() == "<qt>“&lt;” at position 1 cannot be used in an amount.</qt>"
    )


def test_an_empty_field_shows_nothing(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "5")
    amount_field(widget).clear()
    assert widget.result_text() == ""
    assert widget.error_text() == ""
    assert widget.targets_text() == []
    assert not button(widget, "copy").isEnabled()
    # the rate and its source stay in view
    assert widget.rate_text().startswith("1 USD = ")
    assert widget.source_text()


def test_enter_recomputes_and_selects_the_amount(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "100")
    qtbot.keyClick(amount_field(widget), Qt.Key.Key_Return)
    assert amount_field(widget).selectedText() == "100"
    assert widget.result_text().startswith("100.00 USD = ")


def test_a_result_below_one_unit_keeps_four_significant_digits(qtbot, make, book):
    widget = make(book)
    widget.set_pair("IRR", "RUB")
    type_amount(qtbot, widget, "100")
    # 100 × 0.0000539256 RUB: two places would say 0.01
    assert shown_result(widget)[1] == D("0.005393")
    assert shown_result(widget)[1] == book.convert(D(100), "IRR", "RUB", places=6).result


def test_more_digits_asks_the_core_for_more_places(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "EUR")
    type_amount(qtbot, widget, "100")
    more = widget.findChild(QCheckBox, "more_digits")
    assert more is not None
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    expected = book.convert(D(100), "USD", "EUR", places=6)
    assert shown_result(widget)[1] == expected.result
    assert widget.result_text() == "100.00 USD = 87.60403 EUR"  # no zeros past the cents
    assert widget.rate_text() == "1 USD = 0.8760402979 EUR"  # 1 / 1.1415 = 0.87604029785…


def places_written(number: str) -> int:
    """How many decimals a number is written with ("87.6040" has 4)."""
    return len(number.rpartition(".")[2]) if "." in number else 0


def result_number(widget: ConverterWidget) -> str:
    """The result as the big label writes it ("87.60" of "100.00 USD = 87.60 EUR")."""
    return widget.result_text().split(" = ")[1].rsplit(" ", 1)[0]


def test_the_digits_setting_sets_the_places_of_every_result(qtbot, make, book):
    widget = make(book, favourites=["USD", "EUR", "JPY", "RUB"])
    widget.set_pair("USD", "EUR")
    type_amount(qtbot, widget, "100")
    assert widget.result_text() == "100.00 USD = 87.60 EUR"
    assert widget.targets_text()[1] == "JPY 16,234"  # the yen has no minor unit
    for digits in (0, 1, 4, 8):
        widget.set_digits(digits)
        assert widget.digits() == digits
        result = shown_result(widget)[1]
        assert result == book.convert(D(100), "USD", "EUR", places=digits).result, digits
        assert places_written(result_number(widget)) == digits
        assert widget.result_text().startswith("100.00 USD = ")  # the amount keeps its cents
        for row in widget.targets_text():
            code, number = row.split(" ", 1)
            assert places_written(number) == digits, row
            expected = book.convert(D(100), "USD", code, places=digits).result
            assert shown_number(number, ".") == expected, row
    widget.set_digits(-1)
    assert widget.result_text() == "100.00 USD = 87.60 EUR"
    assert widget.targets_text() == ["EUR 87.60", "JPY 16,234", "RUB 7,552.73"]


def test_the_digits_setting_rounds_half_even_in_the_core(qtbot, make, book):
    widget = make(book, digits=3)
    assert widget.digits() == 3
    widget.set_pair("EUR", "USD")
    type_amount(qtbot, widget, "0.1")
    # 0.1 × 1.1415 = 0.11415 exactly: half-even keeps the 4 (half-up would write 0.115)
    assert widget.result_text() == "0.10 EUR = 0.114 USD"
    assert book.convert(D("0.1"), "EUR", "USD", places=3).result == D("0.114")


def test_more_digits_adds_places_beyond_the_chosen_count(qtbot, make, book):
    widget = make(book, digits=6)
    widget.set_pair("EUR", "USD")
    type_amount(qtbot, widget, "1")
    assert widget.result_text() == "1.00 EUR = 1.141500 USD"
    more = widget.findChild(QCheckBox, "more_digits")
    assert more is not None
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    # the core is asked for 6 + 4 places; zeros past the chosen six are not written
    expected = book.convert(D(1), "EUR", "USD", places=6 + MORE_DIGITS)
    assert expected.places == 10 and shown_result(widget)[1] == expected.result
    assert widget.result_text() == "1.00 EUR = 1.141500 USD"
    widget.set_pair("USD", "EUR")
    assert widget.result_text() == "1.00 USD = 0.8760402979 EUR"
    widget.set_digits(1)
    assert widget.result_text() == "1.00 USD = 0.87604 EUR"  # 1 + 4 places


def test_a_tiny_result_keeps_its_significant_digits_whatever_the_setting(qtbot, make, book):
    widget = make(book, digits=0)
    widget.set_pair("IRR", "RUB")
    type_amount(qtbot, widget, "100")
    assert shown_result(widget)[1] == D("0.005393")  # not "0 RUB"
    widget.set_digits(8)
    assert shown_result(widget)[1] == book.convert(D(100), "IRR", "RUB", places=8).result
    assert widget.result_text().endswith(" = 0.00539256 RUB")


def test_changing_digits_keeps_the_typing_and_redraws_a_kept_result(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "EUR")
    type_amount(qtbot, widget, "100")
    qtbot.keyClicks(amount_field(widget), "x")  # a typo: the last result stays
    assert widget.error_text() and widget.result_text() == "100.00 USD = 87.60 EUR"
    with qtbot.assertNotEmitted(widget.pair_changed):
        widget.set_digits(4)
    assert amount_field(widget).text() == "100x"
    assert widget.error_text()
    assert widget.result_text() == "100.00 USD = 87.6040 EUR"
    assert widget.targets_text()[0] == "EUR 87.6040"
    with pytest.raises(ValueError, match="digits"):
        widget.set_digits(-2)
    with pytest.raises(ValueError, match="digits"):
        widget.set_digits(19)
    assert widget.digits() == 4


def test_badge_and_error_colours_follow_a_live_theme_switch(qtbot, make, ecb, cbr, restore_look):  # noqa: F811
    app = restore_look
    apply_theme(app, "light")
    widget = make(RateBook([BookSource(ecb, stale=True), cbr]), now=THU_NOON)
    widget.set_pair("USD", "JPY")
    type_amount(qtbot, widget, "100")
    qtbot.keyClicks(amount_field(widget), "x")  # a typo: the error line shows
    badge = widget.findChild(QLabel, "badge")
    error = widget.findChild(QLabel, "error")
    targets = widget.findChild(QTreeWidget, "targets")
    assert badge is not None and error is not None and targets is not None
    assert badge.isVisible() and error.isVisible()
    text_role, back_role = QPalette.ColorRole.WindowText, QPalette.ColorRole.Window
    placeholder = QPalette.ColorRole.PlaceholderText

    def background(label: QLabel) -> QColor:
        return label.grab().toImage().pixelColor(1, 1)  # inside the badge's margin: no text

    def name_colour() -> QColor:
        item = targets.topLevelItem(0)
        assert item is not None
        return item.foreground(2).color()

    assert badge.palette().color(text_role) == QColor("#5c4300")
    assert background(badge) == QColor("#ffecb3")
    assert error.palette().color(text_role) == QColor("#b3261e")
    assert name_colour() == light_palette().color(placeholder)

    apply_theme(app, "dark")
    # Qt delivers a second palette change to the widgets from the event loop.
    qtbot.waitUntil(lambda: is_dark(widget.palette()), timeout=2000)
    assert badge.palette().color(text_role) == QColor("#ffe08a")
    assert badge.palette().color(back_role) == QColor("#4a3800")
    assert background(badge) == QColor("#4a3800")
    assert error.palette().color(text_role) == QColor("#ff8a80")
    assert name_colour() == dark_palette().color(placeholder)
    # the roles the badge does not colour itself still follow the window
    base = QPalette.ColorRole.Base
    assert badge.palette().color(base) == dark_palette().color(base)

    apply_theme(app, "light")
    qtbot.waitUntil(lambda: not is_dark(widget.palette()), timeout=2000)
    assert background(badge) == QColor("#ffecb3")
    assert error.palette().color(text_role) == QColor("#b3261e")
    assert name_colour() == light_palette().color(placeholder)


# -- picking currencies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [("yen", "JPY"), ("jp", "JPY"), ("иена", "JPY"), ("рубль", "RUB"), ("tenge", "KZT")],
)
def test_pick_a_currency_by_code_or_name(qtbot, make, book, typed, code):
    widget = make(book)
    widget.set_pair("USD", "EUR")
    with qtbot.waitSignal(widget.pair_changed, timeout=1000) as changed:
        pick(qtbot, widget, "to", typed)
    assert changed.args == ["USD", code]
    assert widget.pair() == ("USD", code)
    assert picker(widget, "to").currentText().startswith(f"{code} — ")
    assert widget.result_text() == "" or f" {code}" in widget.result_text()


def test_the_interpreter_exits_cleanly_after_a_picker_was_shown():
    # Qt sends the field a WindowDeactivate while the application is torn down; the picker's
    # event filter used to read itself then and crash the interpreter (exit status -11).
    code = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QWidget
        from newsdesk.core.rates.currencies import load_currencies
        from newsdesk.ui.widgets.currency_picker import CurrencyPicker

        app = QApplication([])
        window = QWidget()
        picker = CurrencyPicker(load_currencies(), window)
        window.show()
        app.processEvents()
        print("shown")
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.stdout.strip() == "shown", run.stderr
    assert run.returncode == 0, run.stderr


def test_the_popup_lists_matches_with_favourites_first(qtbot, make, book):
    widget = make(book)
    line = picker(widget, "from").line_edit()
    line.selectAll()
    type_text(qtbot, line, "рубль")
    shown = picker(widget, "from").search_matches()
    assert shown == ["RUB — Russian Ruble", "BYN — Belarusian Ruble"]
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == "USD — US Dollar"  # Escape takes the typing back


def test_choose_from_the_search_popup_with_the_keyboard(qtbot, make, book):
    widget = make(book)
    box = picker(widget, "to")
    focus_on(qtbot, box.line_edit())
    box.line_edit().selectAll()
    type_text(qtbot, box.line_edit(), "dollar")
    popup = box.search_popup()
    assert popup.isVisible()
    assert box.search_matches()[:3] == [
        "USD — US Dollar",
        "AUD — Australian Dollar",
        "CAD — Canadian Dollar",
    ]
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return):
        qtbot.keyClick(popup, key)
    assert widget.pair() == ("USD", "AUD")
    assert not popup.isVisible()
    assert box.line_edit().text() == "AUD — Australian Dollar"


def test_pickers_offer_only_what_the_book_converts_favourites_first(qtbot, make, ecb):
    widget = make(RateBook([ecb]))
    box = picker(widget, "to")
    codes = [box.itemData(i, CODE_ROLE) for i in range(box.count())]
    # favourites (RUB is one the ECB lacks), a separator, then the rest by code
    assert codes[:6] == ["USD", "EUR", "CNY", "GBP", None, "AUD"]
    assert set(codes) - {None} == set(RateBook([ecb]).codes)
    pick(qtbot, widget, "to", "рубль")  # nothing matches: the choice stays
    assert widget.pair() == ("USD", "EUR")
    assert box.currentText() == "EUR — Euro"
    box.line_edit().clear()
    qtbot.keyClick(box.line_edit(), Qt.Key.Key_Return)  # an empty field is not the separator
    assert widget.pair() == ("USD", "EUR")
    assert box.currentText() == "EUR — Euro"


def test_swap_with_the_button_and_the_keyboard(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "RUB")
    type_amount(qtbot, widget, "100")
    with qtbot.waitSignal(widget.pair_changed, timeout=1000) as changed:
        qtbot.mouseClick(button(widget, "swap"), Qt.MouseButton.LeftButton)
    assert changed.args == ["RUB", "USD"]
    assert widget.pair() == ("RUB", "USD")
    assert picker(widget, "from").currentText().startswith("RUB")
    assert shown_result(widget)[1] == book.convert(D(100), "RUB", "USD").result
    focus_on(qtbot, amount_field(widget))
    qtbot.keyClick(
        amount_field(widget),
        Qt.Key.Key_X,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert widget.pair() == ("USD", "RUB")
    assert amount_field(widget).text() == "100"


def test_favourites_are_converted_at_once(qtbot, make, book):
    widget = make(book, favourites=["USD", "EUR", "RUB", "KZT", "JPY"])
    widget.set_pair("EUR", "USD")
    type_amount(qtbot, widget, "250")
    results = book.convert_many(D(250), "EUR", ["USD", "RUB", "KZT", "JPY"])
    rows = widget.targets_text()
    assert [row.split(" ")[0] for row in rows] == ["USD", "RUB", "KZT", "JPY"]  # minus From
    for row, result in zip(rows, results, strict=True):
        assert isinstance(result, Conversion)
        assert shown_number(row.split(" ", 1)[1], ".") == result.result


def test_pinning_a_favourite(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "JPY")
    type_amount(qtbot, widget, "1")
    with qtbot.waitSignal(widget.favourites_changed, timeout=1000) as changed:
        qtbot.mouseClick(button(widget, "favourite"), Qt.MouseButton.LeftButton)
    assert changed.args == [["USD", "EUR", "RUB", "CNY", "GBP", "JPY"]]
    assert widget.targets_text()[-1] == "JPY 162"
    box = picker(widget, "from")
    assert [box.itemData(i, CODE_ROLE) for i in range(6)][-1] == "JPY"


# -- where the rates come from, and how old they are -------------------------------------------


def test_current_rates_name_their_source_and_date_and_no_badge(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "JPY")
    type_amount(qtbot, widget, "100")
    assert widget.source_text() == "ECB, rates of 6 July 2026"
    assert widget.badge_text() == ""
    assert not button(widget, "badge").isVisible()
    assert widget.result_text() == "100.00 USD = 16,234 JPY"


def test_the_download_time_is_local_with_its_offset(qtbot, make, ecb):
    fetched = datetime(2026, 7, 6, 14, 5, tzinfo=UTC)
    widget = make(RateBook([replace(ecb, fetched_at=fetched)]))
    type_amount(qtbot, widget, "1")
    source = widget.findChild(QLabel, "source")
    assert source is not None
    local = fetched.astimezone()
    offset = local.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else None
    assert (
        f"Downloaded {local.day} {local:%B} 2026 {local:%H}:05 {format_offset(minutes)}"
        in source.toolTip()
    )


def test_a_stale_table_gets_a_badge_and_still_converts(qtbot, make, ecb, cbr):
    widget = make(RateBook([BookSource(ecb, stale=True), cbr]), now=THU_NOON)
    widget.set_pair("USD", "JPY")
    type_amount(qtbot, widget, "100")
    assert widget.badge_text() == "Rates from 3 days ago"
    assert button(widget, "badge").isVisible()
    assert widget.result_text() == "100.00 USD = 16,234 JPY"  # not blocked, not "≈" yet
    assert "live" not in every_text(widget).lower()


def test_an_old_table_is_marked_approximate(qtbot, make, ecb, cbr):
    book = RateBook([ecb, cbr], now=MUCH_LATER)
    widget = make(book, now=MUCH_LATER)
    widget.set_pair("USD", "RUB")
    type_amount(qtbot, widget, "100")
    days = (MUCH_LATER.date() - date(2026, 4, 25)).days
    assert widget.badge_text() == f"Rates from {days} days ago"
    assert widget.result_text().startswith("≈ 100.00 USD = ")
    assert shown_result(widget)[1] == book.convert(D(100), "USD", "RUB").result
    assert "live" not in every_text(widget).lower()


def test_the_offline_snapshot_says_so(qtbot, make, ecb):
    widget = make(RateBook([BookSource(ecb, origin=Origin.SNAPSHOT)]))
    type_amount(qtbot, widget, "10")
    assert widget.badge_text() == "Offline snapshot of 6 July 2026"
    assert widget.source_text() == "ECB, rates of 6 July 2026"
    assert widget.result_text().startswith("≈ 10.00 USD = ")
    assert "live" not in every_text(widget).lower()


def test_a_mixed_pair_says_which_sources_and_the_bridge(qtbot, make, book):
    widget = make(book)
    widget.set_pair("MXN", "RUB")  # MXN only at the ECB, RUB only at the Bank of Russia
    type_amount(qtbot, widget, "1000")
    assert widget.source_text() == (
        "ECB 6 July 2026 + Bank of Russia 25 April 2026 (cross rate via EUR)"
    )
    assert shown_result(widget)[1] == book.convert(D(1000), "MXN", "RUB").result
    chart = widget.findChild(Sparkline, "chart")
    assert chart is not None and chart.model().is_empty
    assert "cross rate" in chart.empty_text()


def test_a_pair_with_rub_uses_the_bank_of_russia_alone(qtbot, make, book):
    widget = make(book)
    widget.set_pair("USD", "RUB")
    type_amount(qtbot, widget, "100")
    # both tables have USD, so this is the Bank of Russia's own number, not a cross rate
    assert widget.source_text() == "Bank of Russia, rates of 25 April 2026"
    assert widget.result_text() == "100.00 USD = 7,552.73 RUB"
    assert widget.rate_text() == "1 USD = 75.5273 RUB"


def test_a_bank_of_russia_date_ahead_is_valid_from(qtbot, make, book):
    friday_evening = datetime(2026, 4, 24, 16, 0, tzinfo=UTC)  # 19:00 in Moscow
    widget = make(book, now=friday_evening)
    widget.set_pair("USD", "RUB")
    assert widget.source_text() == "Bank of Russia, rates valid from 25 April 2026"


def test_no_rates_at_all_says_what_to_do(qtbot, make):
    widget = make(RateBook([]))
    type_amount(qtbot, widget, "100")
    assert "No exchange rates are available yet" in widget.error_text()
    assert widget.result_text() == ""


def test_set_book_keeps_what_the_user_typed_and_picked(qtbot, make, ecb, cbr):
    widget = make(RateBook([ecb, cbr]))
    widget.set_pair("EUR", "RUB")
    type_amount(qtbot, widget, "250")
    line = picker(widget, "to").line_edit()
    focus_on(qtbot, line)
    line.selectAll()
    qtbot.keyClicks(line, "ye")  # half-way through typing another currency
    newer = RateBook([BookSource(ecb, origin=Origin.SNAPSHOT), BookSource(cbr, stale=True)])
    widget.set_book(newer)
    assert amount_field(widget).text() == "250"
    assert widget.pair() == ("EUR", "RUB")
    assert line.text() == "ye" and line.hasFocus()
    assert widget.badge_text().startswith("Rates from")
    assert shown_result(widget)[1] == newer.convert(D(250), "EUR", "RUB").result


def test_a_pair_the_new_book_lacks_is_explained(qtbot, make, ecb, cbr):
    widget = make(RateBook([ecb, cbr]))
    widget.set_pair("USD", "RUB")
    type_amount(qtbot, widget, "5")
    widget.set_book(RateBook([ecb]))
    assert widget.pair() == ("USD", "RUB")
    assert "ECB does not publish RUB" in widget.error_text()
    assert widget.result_text() == ""


# -- copy, keyboard, accessibility ---------------------------------------------------------------


def test_copy_button_puts_the_result_on_the_clipboard(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "100")
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(button(widget, "copy"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == widget.result_text() == "100.00 USD = 87.60 EUR"


def test_ctrl_c_copies_the_result_unless_text_is_selected(qtbot, make, book):
    widget = make(book)
    field = amount_field(widget)
    type_amount(qtbot, widget, "100")
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == widget.result_text()
    field.setSelection(0, 2)
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "10"


def test_tab_order_follows_the_form(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "1")  # "Copy result" is disabled while there is nothing to copy
    focus_on(qtbot, amount_field(widget))
    seen = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        owner = focus.parentWidget() if isinstance(focus.parentWidget(), CurrencyPicker) else focus
        seen.append(owner.objectName())
    assert seen == ["from", "swap", "to", "favourite", "more_digits", "copy", "targets"]


def test_every_control_has_an_accessible_name(qtbot, make, book):
    widget = make(book)
    type_amount(qtbot, widget, "100")
    interactive = [
        child
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(child, QToolButton)
    ]
    assert len(interactive) >= 8
    unnamed = [
        type(c).__name__ + ":" + c.objectName() for c in interactive if not c.accessibleName()
    ]
    assert unnamed == []
    for name in ("result", "rate", "source", "badge", "error", "chart"):
        assert button(widget, name).accessibleName()


# -- the chart -----------------------------------------------------------------------------------


def test_sparkline_model_knows_min_max_and_dates():
    model = SparklineModel.from_points(
        [(date(2026, 1, 3), D("2.5")), (date(2026, 1, 1), D(3)), (date(2026, 1, 2), D(1))]
    )
    assert model.minimum == (date(2026, 1, 2), D(1))
    assert model.maximum == (date(2026, 1, 1), D(3))
    assert (model.first_day, model.last_day) == (date(2026, 1, 1), date(2026, 1, 3))
    assert SparklineModel.from_points([]).minimum is None


def test_chart_shows_the_pair_history_with_min_and_max(qtbot, make, book, store):
    widget = make(book, history=store.pair_history)
    widget.set_pair("USD", "JPY")
    history = store.pair_history("ecb", "USD", "JPY", 90)
    chart = widget.findChild(Sparkline, "chart")
    assert chart is not None
    model = chart.model()
    assert len(model.points) == len(history) > 40
    low = min(history, key=lambda point: point[1])
    high = max(history, key=lambda point: point[1])
    assert model.minimum == low and model.maximum == high
    assert (model.first_day, model.last_day) == (history[0][0], history[-1][0])
    assert "158.409" in chart.accessibleDescription()  # the max, 6 significant digits
    image = chart.grab().toImage()
    assert not image.isNull()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert len(colours) > 10  # a line, fill and labels, not a blank box
    title = widget.findChild(QWidget, "chart_title")
    assert title is not None and "USD → JPY" in title.text()


def test_chart_without_history_says_so(qtbot, make, book):
    widget = make(book)
    chart = widget.findChild(Sparkline, "chart")
    assert chart is not None and chart.model().is_empty
    assert chart.empty_text() == "No rate history yet."
    assert not chart.grab().isNull()


def test_unreadable_history_does_not_break_the_converter(qtbot, make, book):
    def broken(provider: str, source: str, target: str, days: int) -> list[tuple[date, D]]:
        raise StorageError("database is locked")

    widget = make(book, history=broken)
    type_amount(qtbot, widget, "3")
    assert widget.result_text().startswith("3.00 USD = ")
    chart = widget.findChild(Sparkline, "chart")
    assert chart is not None and chart.empty_text() == "The rate history cannot be read."


def test_screenshot_with_real_data(qtbot, make, book, store):
    widget = make(book, history=store.pair_history)
    widget.set_pair("USD", "JPY")
    type_amount(qtbot, widget, "100")
    image: QImage = widget.grab().toImage()
    assert not image.isNull()
    assert image.save("/tmp/converter.png")
