"""The currency converter: type an amount, pick two currencies, read the result and its source.

The widget is thin. :func:`parse_amount` reads the amount, :meth:`RateBook.convert` and
:meth:`RateBook.convert_many` do every computation and rounding, :func:`describe` says how old
the rates are; the widget only chooses what to ask and puts the answers into words.

Display decisions (notes/exchange-rates.md §5.3, §5.5):

* The result is the conversion's rounded ``result``, with the currency's own places, or with
  as many as the ``rates.digits`` setting asks for (:meth:`ConverterWidget.set_digits`). A
  result that rounding would leave with under two significant digits is asked for with
  :data:`MIN_SIGNIFICANT` of them (100 IRR = 0.005393 RUB, not 0.01); "More digits" asks for
  :data:`MORE_DIGITS` places beyond those.
* The rate line shows :data:`RATE_DIGITS` significant digits (more with "More digits").
* Old rates never block a conversion. A stale table gets a badge ("Rates from 3 days ago"), the
  shipped snapshot another ("Offline snapshot of 6 July 2026"); past ``OLD_AFTER_DAYS``
  days, or from the snapshot, the result is marked "≈". The word "live" is never used.
  The badge's and the error line's colours follow the palette (a theme switch) live.
* A typo shows its one-line reason under the pickers and keeps the last result of the pair.

Numbers are written, and typed, the way the default locale writes them (``QLocale()``, set by
:func:`newsdesk.ui.i18n.install_translation`): "1 234,56" in Russian. The pieces live beside
this module: numbers in :mod:`.converter_numbers`, the source line and dates in
:mod:`.converter_captions`, the core's reasons in the UI language in :mod:`.converter_reasons`,
the favourites list in :mod:`.converter_targets` and the chart in :mod:`.converter_chart`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.rates import (
    AmountError,
    Conversion,
    ConversionError,
    RateBook,
    RateError,
    parse_amount,
)
from newsdesk.core.rates.convert import MAX_PLACES
from newsdesk.ui.widgets import converter_captions as captions
from newsdesk.ui.widgets.converter_captions import plain_tooltip
from newsdesk.ui.widgets.converter_chart import CHART_DAYS, History, PairChart
from newsdesk.ui.widgets.converter_numbers import (
    AMOUNT_MAX_PLACES,
    MIN_SIGNIFICANT,
    at_least,
    decimal_point,
    format_decimal,
    group_separator,
    places_for_significance,
    shown_amount,
    significant,
)
from newsdesk.ui.widgets.converter_reasons import explain
from newsdesk.ui.widgets.converter_targets import MAX_TARGET_ROWS, TargetList, TargetRow
from newsdesk.ui.widgets.currency_picker import CurrencyPicker

MORE_DIGITS = 4
RATE_DIGITS = 6
RATE_DIGITS_MORE = 10
SWAP_SHORTCUT = "Ctrl+Shift+X"
DEFAULT_FAVOURITES = ("USD", "EUR", "RUB", "CNY", "GBP")
#: ``digits`` meaning "each currency's own places" (USD 2, JPY 0, KWD 3).
CURRENCY_DIGITS = -1

__all__ = [
    "AMOUNT_MAX_PLACES",
    "CHART_DAYS",
    "CURRENCY_DIGITS",
    "DEFAULT_FAVOURITES",
    "MAX_TARGET_ROWS",
    "MIN_SIGNIFICANT",
    "MORE_DIGITS",
    "RATE_DIGITS",
    "RATE_DIGITS_MORE",
    "SWAP_SHORTCUT",
    "ConverterWidget",
    "History",
    "format_decimal",
    "plain_tooltip",
]


@dataclass(frozen=True, slots=True)
class _Tone:
    """A label's text (and background) colours for a light and for a dark palette."""

    light: str
    dark: str
    back_light: str | None = None
    back_dark: str | None = None


_ERROR_TONE = _Tone(light="#b3261e", dark="#ff8a80")
_BADGE_TONE = _Tone(light="#5c4300", dark="#ffe08a", back_light="#ffecb3", back_dark="#4a3800")


class ConverterWidget(QWidget):
    """Converts an amount between two currencies with the rates of a :class:`RateBook`.

    Signals:
        favourites_changed(list): The user pinned or unpinned a currency; the new list of codes.
        pair_changed(str, str): The user (or :meth:`set_pair`) changed From or To; the codes.
    """

    favourites_changed = Signal(list)
    pair_changed = Signal(str, str)

    def __init__(
        self,
        book: RateBook,
        *,
        history: History | None = None,
        favourites: Sequence[str] = DEFAULT_FAVOURITES,
        digits: int = CURRENCY_DIGITS,
        locale_decimal: str | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the converter.

        Args:
            book: The rates in use; :meth:`set_book` replaces them.
            history: ``history(provider, source, target, days)`` gives the chart's points,
                oldest first (``RateStore.pair_history``); ``None`` shows no chart data.
            favourites: Codes listed first in the pickers and converted all at once.
            digits: Decimal places of results (``rates.digits``); :data:`CURRENCY_DIGITS`
                for each currency's own. See :meth:`set_digits`.
            locale_decimal: ``"."`` or ``","``, for ambiguous input such as ``1,234``;
                ``None`` takes the locale's decimal point.
            clock: Aware "now", to say how old the rates are (UTC now by default).
            parent: The owning widget.

        Raises:
            ValueError: ``digits`` is below -1 or above the core's limit.
        """
        super().__init__(parent)
        self._book = book
        self._favourites = _unique_codes(favourites)
        self._digits = _checked_digits(digits)
        self._clock = clock or _utc_now
        self._locale = QLocale()
        self._decimal = decimal_point(locale_decimal, self._locale)
        self._group = group_separator(self._decimal, self._locale)
        self._source, self._target = self._default_pair()
        self._shown: Conversion | None = None
        self._build(history)
        self._fill_pickers()
        self._recompute()

    # -- public API --------------------------------------------------------------------------

    @Slot(object)
    def set_book(self, book: RateBook) -> None:
        """Use new rates; keep the amount, the pair and any typing in progress."""
        self._book = book
        self._chart.forget()
        self._fill_pickers()
        self._recompute()

    @Slot(str, str)
    def set_pair(self, source: str, target: str) -> None:
        """Convert from ``source`` to ``target`` (codes; case is forgiven)."""
        self._change_pair(source.strip().upper(), target.strip().upper())

    @Slot(list)
    def set_favourites(self, codes: Sequence[str]) -> None:
        """Replace the favourites (from settings); does not emit ``favourites_changed``."""
        self._favourites = _unique_codes(codes)
        self._fill_pickers()
        self._recompute()

    def favourites(self) -> list[str]:
        """The favourite codes, in order."""
        return list(self._favourites)

    @Slot(int)
    def set_digits(self, digits: int) -> None:
        """Write results with ``digits`` decimal places (the ``rates.digits`` setting).

        :data:`CURRENCY_DIGITS` (-1) gives each currency its own places (USD 2, JPY 0); 0–8
        give every result that many. "More digits" adds :data:`MORE_DIGITS` places to these,
        and a result too small for them still gets :data:`MIN_SIGNIFICANT` significant digits.
        The core rounds (half-even). The amount, the pair and any typing are kept.

        Raises:
            ValueError: ``digits`` is below -1 or above the core's limit.
        """
        digits = _checked_digits(digits)
        if digits != self._digits:
            self._digits = digits
            self._recompute()

    def digits(self) -> int:
        """Decimal places of results; :data:`CURRENCY_DIGITS` for each currency's own."""
        return self._digits

    @Slot()
    def swap(self) -> None:
        """Exchange From and To."""
        self._change_pair(self._target, self._source)

    @Slot()
    def copy_result(self) -> None:
        """Put the result, as shown, on the clipboard (nothing when there is none)."""
        text = self.result_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def result_text(self) -> str:
        """The result as shown ("100.00 USD = 87.60 EUR"), or ""."""
        return self._result.text()

    def rate_text(self) -> str:
        """The rate line ("1 USD = 0.87604 EUR"), or ""."""
        return self._rate.text()

    def error_text(self) -> str:
        """The one-line reason shown for a bad amount or an impossible pair, or ""."""
        return self._error.text()

    def source_text(self) -> str:
        """Which provider(s) and rate date(s) the result uses."""
        return self._source_line.text()

    def badge_text(self) -> str:
        """The stale or offline-snapshot badge, or "" when the rates are current."""
        return self._badge.text() if not self._badge.isHidden() else ""

    def pair(self) -> tuple[str, str]:
        """The codes converted from and to."""
        return self._source, self._target

    def targets_text(self) -> list[str]:
        """The favourites list as shown, one "CODE amount" per row."""
        return self._targets.rows_text()

    # -- building ----------------------------------------------------------------------------

    def _build(self, history: History | None) -> None:
        currencies = self._book.currencies
        self._amount = QLineEdit(self)
        self._amount.setObjectName("amount")
        self._amount.setPlaceholderText(
            self.tr("e.g. {whole} or {product}").format(
                whole="100", product=f"12{self._decimal}5*4"
            )
        )
        self._amount.setAccessibleName(self.tr("Amount"))
        _scale_font(self._amount, 1.25)
        self._from = CurrencyPicker(currencies, self)
        self._from.setObjectName("from")
        self._from.setAccessibleName(self.tr("Convert from"))
        self._to = CurrencyPicker(currencies, self)
        self._to.setObjectName("to")
        self._to.setAccessibleName(self.tr("Convert to"))
        for picker in (self._from, self._to):
            picker.line_edit().setAccessibleName(picker.accessibleName())
            picker.search_popup().setAccessibleName(self.tr("Matching currencies"))
            picker.view().setAccessibleName(self.tr("Currencies"))
            picker.setToolTip(self.tr("Type a code or a name (English or Russian)"))
        self._swap = QToolButton(self)
        self._swap.setObjectName("swap")
        self._swap.setText("⇄")
        self._swap.setAccessibleName(self.tr("Swap currencies"))
        self._swap.setToolTip(self.tr("Swap From and To ({key})").format(key=SWAP_SHORTCUT))
        self._star = QToolButton(self)
        self._star.setObjectName("favourite")
        self._star.setCheckable(True)
        self._star.setAccessibleName(self.tr("Favourite"))
        for tool in (self._swap, self._star):
            tool.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            _scale_font(tool, 1.3)

        self._error = _plain_label(self, "error", self.tr("Problem"))
        self._error.setWordWrap(True)
        self._result = _plain_label(self, "result", self.tr("Result"))
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _scale_font(self._result, 1.6, bold=True)
        self._rate = _plain_label(self, "rate", self.tr("Exchange rate"))
        self._badge = _plain_label(self, "badge", self.tr("Rate age"))
        self._badge.setWordWrap(True)
        self._badge.setMargin(4)
        self._tones = ((self._error, _ERROR_TONE), (self._badge, _BADGE_TONE))
        self._apply_tones()
        self._source_line = _plain_label(self, "source", self.tr("Rate source"))
        self._source_line.setWordWrap(True)

        self._more = QCheckBox(self.tr("More digits"), self)
        self._more.setObjectName("more_digits")
        self._more.setAccessibleName(self.tr("More digits"))
        self._copy = QPushButton(QIcon.fromTheme("edit-copy"), self.tr("Copy result"), self)
        self._copy.setObjectName("copy")
        self._copy.setAccessibleName(self.tr("Copy result"))
        self._copy.setToolTip(
            self.tr("Copy the result ({key})").format(
                key=QKeySequence(QKeySequence.StandardKey.Copy).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self._copy.setAutoDefault(False)

        targets_heading = QLabel(self.tr("In your favourite currencies"), self)
        targets_heading.setTextFormat(Qt.TextFormat.PlainText)
        self._targets = TargetList(self)
        self._chart = PairChart(
            history, value_text=self._rate_number, date_text=self._short_date, parent=self
        )

        grid = QGridLayout()
        rows: list[tuple[str, QWidget, QToolButton | None]] = [
            (self.tr("&Amount"), self._amount, None),
            (self.tr("&From"), self._from, self._swap),
            (self.tr("&To"), self._to, self._star),
        ]
        for row, (text, field, button) in enumerate(rows):
            label = QLabel(text, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(field)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1, 1, 1 if button else 2)
            if button is not None:
                grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self._more)
        actions.addStretch(1)
        actions.addWidget(self._copy)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self._error)
        layout.addSpacing(4)
        layout.addWidget(self._result)
        layout.addWidget(self._rate)
        layout.addWidget(self._source_line)
        layout.addWidget(self._badge)
        layout.addLayout(actions)
        layout.addSpacing(6)
        layout.addWidget(targets_heading)
        layout.addWidget(self._targets)
        layout.addSpacing(6)
        layout.addWidget(self._chart)
        layout.addStretch(1)

        order = [
            self._amount,
            self._from,
            self._swap,
            self._to,
            self._star,
            self._more,
            self._copy,
            self._targets,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self._amount.textChanged.connect(self._recompute)
        self._amount.returnPressed.connect(self._on_return)
        self._from.code_chosen.connect(self._on_from_chosen)
        self._to.code_chosen.connect(self._on_to_chosen)
        self._swap.clicked.connect(self.swap)
        self._star.clicked.connect(self._on_star)
        self._more.toggled.connect(self._on_more_digits)
        self._copy.clicked.connect(self.copy_result)
        self._targets.code_activated.connect(self._on_target_activated)
        swap_key = QShortcut(QKeySequence(SWAP_SHORTCUT), self)
        swap_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        swap_key.activated.connect(self.swap)
        copy_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self)
        copy_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_key.activated.connect(self._on_copy_key)
        # Line edits take Ctrl+C themselves; without a selection it copies the result here.
        for line in (self._amount, self._from.line_edit(), self._to.line_edit()):
            line.installEventFilter(self)

    def _apply_tones(self) -> None:
        """Colour the error line and the badge for the palette in use (light or dark).

        Only the roles set here are the labels' own; the rest keep following the window, and
        :meth:`changeEvent` calls this again when the palette changes (a theme switch).
        """
        is_dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        for label, tone in self._tones:
            palette = QPalette()
            palette.setColor(
                QPalette.ColorRole.WindowText, QColor(tone.dark if is_dark else tone.light)
            )
            back = tone.back_dark if is_dark else tone.back_light
            if back is not None:
                palette.setColor(QPalette.ColorRole.Window, QColor(back))
                label.setAutoFillBackground(True)
            label.setPalette(palette)

    # -- reacting ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Recolour the badge and the error line when the palette changes (a theme switch)."""
        super().changeEvent(event)
        # A theme switch reaches every widget as a PaletteChange (the ApplicationPaletteChange
        # before it stops in event()). hasattr: Qt may send one while _build still runs.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_tones"):
            self._apply_tones()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ctrl+C in a text field without a selection copies the result."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QLineEdit)
            and event.matches(QKeySequence.StandardKey.Copy)
            and not watched.hasSelectedText()
        ):
            self.copy_result()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_return(self) -> None:
        self._recompute()
        self._amount.selectAll()

    @Slot(str)
    def _on_from_chosen(self, code: str) -> None:
        self._change_pair(code, self._target)

    @Slot(str)
    def _on_to_chosen(self, code: str) -> None:
        self._change_pair(self._source, code)

    @Slot(bool)
    def _on_more_digits(self, checked: bool) -> None:
        self._chart.set_formatters(self._rate_number, self._short_date)
        self._recompute()

    @Slot()
    def _on_star(self) -> None:
        code = self._target
        if code in self._favourites:
            self._favourites = tuple(c for c in self._favourites if c != code)
        else:
            self._favourites = (*self._favourites, code)
        self._fill_pickers()
        self._recompute()
        self.favourites_changed.emit(list(self._favourites))

    @Slot(str)
    def _on_target_activated(self, code: str) -> None:
        self._change_pair(self._source, code)

    @Slot()
    def _on_copy_key(self) -> None:
        row = self._targets.current_row_text()
        if QApplication.focusWidget() is self._targets and row is not None:
            QGuiApplication.clipboard().setText(row)
        else:
            self.copy_result()

    def _change_pair(self, source: str, target: str) -> None:
        if (source, target) == (self._source, self._target):
            return
        self._source, self._target = source, target
        self._from.set_code(source)
        self._to.set_code(target)
        self._update_star()
        self._recompute()
        self.pair_changed.emit(source, target)

    def _default_pair(self) -> tuple[str, str]:
        codes = self._book.codes
        ordered = [c for c in self._favourites if c in codes] + sorted(codes)
        ordered += list(DEFAULT_FAVOURITES)
        source = ordered[0]
        target = next(c for c in ordered if c != source)
        return source, target

    def _fill_pickers(self) -> None:
        codes = self._book.codes
        for picker, code in ((self._from, self._source), (self._to, self._target)):
            if picker.code() != code:
                picker.set_code(code)
            picker.set_choices(codes, self._favourites)  # keeps the choice and any typing
        self._update_star()

    def _update_star(self) -> None:
        pinned = self._target in self._favourites
        self._star.setChecked(pinned)
        self._star.setText("★" if pinned else "☆")
        self._star.setToolTip(
            (
                self.tr("Unpin {code} from the favourites")
                if pinned
                else self.tr("Pin {code} to the favourites")
            ).format(code=self._target)
        )

    # -- computing (asking the core) ---------------------------------------------------------

    @Slot()
    def _recompute(self) -> None:
        text = self._amount.text()
        amount: Decimal | None = None
        problem = ""
        if text.strip():
            try:
                amount = parse_amount(text, self._decimal)
            except AmountError as exc:
                problem = explain(exc, self._book)
        try:
            shown = self._convert(
                amount if amount is not None else Decimal(1), self._source, self._target
            )
        except RateError as exc:  # a pair these rates cannot convert, or no rates at all
            self._show_failure(problem or explain(exc, self._book))
            return
        self._show_rate(shown)
        self._chart.show_pair(shown)
        self._error.setText(problem)
        self._error.setToolTip(plain_tooltip(problem))
        self._amount.setAccessibleDescription(problem)
        if problem:
            kept = self._shown
            if kept is None or (kept.source, kept.target) != (self._source, self._target):
                self._set_result(None)
            else:  # the last good amount, again: digits, "More digits" or rates may be new
                self._set_result(self._convert(kept.amount, self._source, self._target))
                self._fill_targets(kept.amount)
            return
        self._set_result(shown if amount is not None else None)
        self._fill_targets(amount)

    def _places(self, code: str) -> int:
        """Decimal places of a result in ``code``: the setting's, or the currency's own."""
        if self._digits != CURRENCY_DIGITS:
            return self._digits
        return self._book.currencies.minor_unit(code)

    def _convert(self, amount: Decimal, source: str, target: str) -> Conversion:
        places = self._places(target)
        if self._more.isChecked():
            places = min(places + MORE_DIGITS, MAX_PLACES)
        conversion = self._book.convert(amount, source, target, places=places)
        wanted = places_for_significance(conversion)
        if wanted is not None:
            conversion = self._book.convert(amount, source, target, places=wanted)
        return conversion

    def _show_failure(self, message: str) -> None:
        self._error.setText(message)
        self._error.setToolTip(plain_tooltip(message))
        self._amount.setAccessibleDescription(message)
        self._set_result(None)
        self._rate.clear()
        self._source_line.clear()
        self._source_line.setToolTip("")
        self._badge.clear()
        self._badge.hide()
        self._targets.set_rows([])
        self._fit_targets()
        self._chart.show_impossible(self._source, self._target)

    def _set_result(self, conversion: Conversion | None) -> None:
        self._shown = conversion
        self._copy.setEnabled(conversion is not None)
        if conversion is None:
            self._result.clear()
            self._targets.set_rows([])
            self._fit_targets()
            return
        minor = self._book.currencies.minor_unit(conversion.source)
        text = self.tr("{amount} {source} = {result} {target}").format(
            amount=self._number(shown_amount(conversion.amount, minor)),
            source=conversion.source,
            result=self._money(conversion.result, conversion.target),
            target=conversion.target,
        )
        if captions.approximate(conversion, self._book, self._clock()):
            text = self.tr("≈ {result}").format(result=text)
        self._result.setText(text)

    def _show_rate(self, conversion: Conversion) -> None:
        self._rate.setText(
            self.tr("1 {source} = {rate} {target}").format(
                source=conversion.source,
                rate=self._rate_number(conversion.rate),
                target=conversion.target,
            )
        )
        self._source_line.setText(self._source_caption(conversion))
        self._source_line.setToolTip(
            plain_tooltip(captions.source_details(conversion, self._book, self._locale))
        )
        badge = self._badge_caption(conversion)
        self._badge.setText(badge)
        self._badge.setToolTip(
            self.tr("Conversions still work; refresh to get newer rates.") if badge else ""
        )
        self._badge.setHidden(not badge)

    def _fill_targets(self, amount: Decimal | None) -> None:
        rows: list[TargetRow] = []
        targets = [c for c in self._favourites if c != self._source]
        if amount is not None and targets:
            places = None if self._digits == CURRENCY_DIGITS else self._digits
            results = self._book.convert_many(amount, self._source, targets, places=places)
            language = "ru" if self._locale.language() == QLocale.Language.Russian else "en"
            for code, result in zip(targets, results, strict=True):
                currency = self._book.currencies.get(code)
                name = currency.name(language) if currency else ""
                if isinstance(result, ConversionError):
                    rows.append(TargetRow(code, "—", name, explain(result, self._book)))
                    continue
                if self._more.isChecked() or places_for_significance(result) is not None:
                    result = self._convert(amount, self._source, code)
                shown = self._money(result.result, code)
                rows.append(TargetRow(code, shown, name, self._source_caption(result)))
        self._targets.set_rows(rows)
        self._fit_targets()

    def _fit_targets(self) -> None:
        """One row per favourite (minus From), typed amount or not: the layout never jumps."""
        self._targets.fit(sum(1 for code in self._favourites if code != self._source))

    # -- putting it into words ---------------------------------------------------------------

    def _source_caption(self, conversion: Conversion) -> str:
        return captions.source_caption(conversion, self._book, self._locale, self._clock())

    def _badge_caption(self, conversion: Conversion) -> str:
        if conversion.offline_snapshot:
            used = captions.used_sources(conversion, self._book)
            snapshot = [s.table.as_of for s in used if s.offline_snapshot]
            day = min(snapshot) if snapshot else conversion.as_of
            return self.tr("Offline snapshot of {date}").format(
                date=captions.long_date(self._locale, day)
            )
        if not conversion.stale:
            return ""
        days = captions.days_old(conversion, self._book, self._clock())
        if days is None or days <= 0:
            return self.tr("Not the latest rates")
        if days == 1:
            return self.tr("Rates from yesterday")
        # Never 1 here, so English needs no singular; Russian has three forms.
        return self.tr("Rates from %n days ago", "", days)

    def _number(self, value: Decimal) -> str:
        return format_decimal(value, self._decimal, self._group)

    def _money(self, value: Decimal, code: str) -> str:
        """A result; with "More digits", zeros past the usual places are not written."""
        if self._more.isChecked():
            value = at_least(value, self._places(code))
        return self._number(value)

    def _rate_number(self, value: Decimal) -> str:
        digits = RATE_DIGITS_MORE if self._more.isChecked() else RATE_DIGITS
        return self._number(significant(value, digits))

    def _short_date(self, day: date) -> str:
        return captions.short_date(self._locale, day)


# -- helpers ----------------------------------------------------------------------------------


def _checked_digits(digits: int) -> int:
    if not CURRENCY_DIGITS <= digits <= MAX_PLACES:
        raise ValueError(f"digits must be between {CURRENCY_DIGITS} and {MAX_PLACES}")
    return digits


def _unique_codes(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _plain_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(accessible)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold or font.bold())
    widget.setFont(font)
