"""The currency converter: type an amount, pick two currencies, read the result and its source.

The widget is thin. :func:`parse_amount` reads the amount, :meth:`RateBook.convert` and
:meth:`RateBook.convert_many` do every computation and rounding, :func:`describe` says how old
the rates are; the widget only chooses what to ask and puts the answers into words.

Display decisions (notes/exchange-rates.md §5.3, §5.5):

* The result is the conversion's rounded ``result``. A result that rounding would leave with
  under two significant digits is asked for with :data:`MIN_SIGNIFICANT` of them (100 IRR =
  0.005393 RUB, not 0.01); "More digits" asks for :data:`MORE_DIGITS` places beyond the minor
  unit.
* The rate line shows :data:`RATE_DIGITS` significant digits (more with "More digits").
* Old rates never block a conversion. A stale table gets a badge ("Rates from 3 days ago"), the
  shipped snapshot another ("Offline snapshot of 6 July 2026"); past :data:`OLD_AFTER_DAYS`
  days, or from the snapshot, the result is marked "≈". The word "live" is never used.
* A typo shows its one-line reason under the pickers and keeps the last result of the pair.

Numbers are written, and typed, the way the default locale writes them (``QLocale()``, set by
:func:`newsdesk.ui.i18n.install_translation`): "1 234,56" in Russian. The core's reasons for a
typo or an impossible pair are English sentences; :meth:`ConverterWidget._problem` recognises
each one and says it again through ``tr()`` with the same facts (positions, codes, limits).
"""

from __future__ import annotations

import decimal
import html
import logging
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTime, Signal, Slot
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
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.dates import format_offset
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.rates import (
    PROVIDERS,
    AmountError,
    BookSource,
    Conversion,
    ConversionError,
    Freshness,
    MissingPairError,
    RateBook,
    RateError,
    UnknownCurrencyError,
    describe,
    parse_amount,
)
from newsdesk.core.rates.convert import BRIDGES, MAX_PLACES
from newsdesk.core.rates.schedule import OLD_AFTER_DAYS
from newsdesk.ui.widgets.currency_picker import CurrencyPicker
from newsdesk.ui.widgets.sparkline import Sparkline

log = logging.getLogger(__name__)

History = Callable[[str, str, str, int], list[tuple[date, Decimal]]]

CHART_DAYS = 90
MORE_DIGITS = 4
MIN_SIGNIFICANT = 4
RATE_DIGITS = 6
RATE_DIGITS_MORE = 10
#: Places shown of an amount that arithmetic made long (1/3); typed numbers have at most 12.
AMOUNT_MAX_PLACES = 12
MAX_TARGET_ROWS = 8
SWAP_SHORTCUT = "Ctrl+Shift+X"
DEFAULT_FAVOURITES = ("USD", "EUR", "RUB", "CNY", "GBP")
_WIDE = 60  # precision for display quantizing: never the limit
_CODE, _AMOUNT, _NAME = 0, 1, 2  # columns of the favourites list


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
            locale_decimal: ``"."`` or ``","``, for ambiguous input such as ``1,234``;
                ``None`` takes the locale's decimal point.
            clock: Aware "now", to say how old the rates are (UTC now by default).
            parent: The owning widget.
        """
        super().__init__(parent)
        self._book = book
        self._history = history
        self._favourites = _unique_codes(favourites)
        self._clock = clock or _utc_now
        self._locale = QLocale()
        self._decimal = _decimal_point(locale_decimal, self._locale)
        self._group = _group_separator(self._decimal, self._locale)
        self._source, self._target = self._default_pair()
        self._shown: Conversion | None = None
        self._chart_key: tuple[object, ...] | None = None
        self._build()
        self._fill_pickers()
        self._recompute()

    # -- public API --------------------------------------------------------------------------

    @Slot(object)
    def set_book(self, book: RateBook) -> None:
        """Use new rates; keep the amount, the pair and any typing in progress."""
        self._book = book
        self._chart_key = None
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
        rows = (self._targets.topLevelItem(i) for i in range(self._targets.topLevelItemCount()))
        return [f"{row.text(_CODE)} {row.text(_AMOUNT)}" for row in rows if row is not None]

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
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
        _colour(self._error, light="#b3261e", dark="#ff8a80")
        self._result = _plain_label(self, "result", self.tr("Result"))
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _scale_font(self._result, 1.6, bold=True)
        self._rate = _plain_label(self, "rate", self.tr("Exchange rate"))
        self._badge = _plain_label(self, "badge", self.tr("Rate age"))
        self._badge.setWordWrap(True)
        self._badge.setMargin(4)
        _colour(
            self._badge, light="#5c4300", dark="#ffe08a", back_light="#ffecb3", back_dark="#4a3800"
        )
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
        self._targets = QTreeWidget(self)
        self._targets.setObjectName("targets")
        self._targets.setAccessibleName(self.tr("Amount in favourite currencies"))
        self._targets.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._targets.setColumnCount(3)
        self._targets.setHeaderLabels([self.tr("Code"), self.tr("Amount"), self.tr("Name")])
        self._targets.setHeaderHidden(True)
        self._targets.setRootIsDecorated(False)
        self._targets.setUniformRowHeights(True)
        self._targets.addTopLevelItem(QTreeWidgetItem(["XXX", "0.00", "X"]))  # to measure a row
        self._row_height = max(
            self._targets.sizeHintForRow(0), self._targets.fontMetrics().height()
        )
        self._targets.clear()
        self._targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self._targets.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        self._targets.setToolTip(self.tr("Enter or double-click: convert to this currency"))
        self._chart_title = _plain_label(self, "chart_title", self.tr("Chart title"))
        self._chart_title.setWordWrap(True)
        self._chart = Sparkline(self, value_text=self._rate_number, date_text=self._short_date)
        self._chart.setObjectName("chart")

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
        layout.addWidget(self._chart_title)
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
        self._targets.itemActivated.connect(self._on_target_activated)
        swap_key = QShortcut(QKeySequence(SWAP_SHORTCUT), self)
        swap_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        swap_key.activated.connect(self.swap)
        copy_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self)
        copy_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_key.activated.connect(self._on_copy_key)
        # Line edits take Ctrl+C themselves; without a selection it copies the result here.
        for line in (self._amount, self._from.line_edit(), self._to.line_edit()):
            line.installEventFilter(self)

    # -- reacting ----------------------------------------------------------------------------

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

    @Slot(QTreeWidgetItem, int)
    def _on_target_activated(self, item: QTreeWidgetItem, column: int) -> None:
        code = item.data(_CODE, Qt.ItemDataRole.UserRole)
        if isinstance(code, str):
            self._change_pair(self._source, code)

    @Slot()
    def _on_copy_key(self) -> None:
        item = self._targets.currentItem()
        if QApplication.focusWidget() is self._targets and item is not None:
            QGuiApplication.clipboard().setText(f"{item.text(_CODE)} {item.text(_AMOUNT)}")
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
                problem = self._problem(exc)
        try:
            shown = self._convert(
                amount if amount is not None else Decimal(1), self._source, self._target
            )
        except RateError as exc:  # a pair these rates cannot convert, or no rates at all
            self._show_failure(problem or self._problem(exc))
            return
        self._show_rate(shown)
        self._update_chart(shown)
        self._error.setText(problem)
        self._error.setToolTip(plain_tooltip(problem))
        self._amount.setAccessibleDescription(problem)
        if problem:
            kept = self._shown
            if kept is None or (kept.source, kept.target) != (self._source, self._target):
                self._set_result(None)
            return
        self._set_result(shown if amount is not None else None)
        self._fill_targets(amount)

    def _convert(self, amount: Decimal, source: str, target: str) -> Conversion:
        places = None
        if self._more.isChecked():
            places = min(self._book.currencies.minor_unit(target) + MORE_DIGITS, MAX_PLACES)
        conversion = self._book.convert(amount, source, target, places=places)
        wanted = _places_for_significance(conversion)
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
        self._targets.clear()
        self._fit_targets()
        self._chart_key = None
        self._chart_title.setText(
            self.tr("{source} → {target}").format(source=self._source, target=self._target)
        )
        self._chart.set_empty_text(self.tr("No chart: these rates cannot convert this pair."))
        self._chart.set_points([])

    def _set_result(self, conversion: Conversion | None) -> None:
        self._shown = conversion
        self._copy.setEnabled(conversion is not None)
        if conversion is None:
            self._result.clear()
            self._targets.clear()
            self._fit_targets()
            return
        minor = self._book.currencies.minor_unit(conversion.source)
        text = self.tr("{amount} {source} = {result} {target}").format(
            amount=self._number(_shown_amount(conversion.amount, minor)),
            source=conversion.source,
            result=self._money(conversion.result, conversion.target),
            target=conversion.target,
        )
        if self._approximate(conversion):
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
        self._source_line.setToolTip(plain_tooltip(self._source_details(conversion)))
        badge = self._badge_caption(conversion)
        self._badge.setText(badge)
        self._badge.setToolTip(
            self.tr("Conversions still work; refresh to get newer rates.") if badge else ""
        )
        self._badge.setHidden(not badge)

    def _fill_targets(self, amount: Decimal | None) -> None:
        self._targets.clear()
        targets = [c for c in self._favourites if c != self._source]
        if amount is not None and targets:
            results = self._book.convert_many(amount, self._source, targets)
            for code, result in zip(targets, results, strict=True):
                currency = self._book.currencies.get(code)
                name = currency.name("ru" if _russian(self._locale) else "en") if currency else ""
                if isinstance(result, ConversionError):
                    shown, tip = "—", self._problem(result)
                else:
                    if self._more.isChecked() or _places_for_significance(result) is not None:
                        result = self._convert(amount, self._source, code)
                    shown = self._money(result.result, code)
                    tip = self._source_caption(result)
                item = QTreeWidgetItem([code, shown, name])
                item.setData(_CODE, Qt.ItemDataRole.UserRole, code)
                item.setTextAlignment(
                    _AMOUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                item.setForeground(_NAME, self.palette().brush(QPalette.ColorRole.PlaceholderText))
                for column in (_CODE, _AMOUNT, _NAME):
                    item.setToolTip(column, plain_tooltip(tip))
                self._targets.addTopLevelItem(item)
        self._fit_targets()

    def _fit_targets(self) -> None:
        """One row per favourite (minus From), typed amount or not: the layout never jumps."""
        first = self._targets.topLevelItem(0)
        if first is not None:
            self._row_height = max(self._row_height, self._targets.visualItemRect(first).height())
        wanted = sum(1 for code in self._favourites if code != self._source)
        rows = max(1, min(wanted, MAX_TARGET_ROWS))
        self._targets.setFixedHeight(rows * self._row_height + 2 * self._targets.frameWidth() + 2)

    def _update_chart(self, conversion: Conversion) -> None:
        key = (conversion.provider, conversion.source, conversion.target)  # set_book resets
        if key == self._chart_key:
            return
        self._chart_key = key
        source, target = conversion.source, conversion.target
        provider = self._provider_name(conversion.provider)
        self._chart_title.setText(
            self.tr("{source} → {target}, last {days} days ({provider})").format(
                source=source, target=target, days=CHART_DAYS, provider=provider
            )
        )
        points: list[tuple[date, Decimal]] = []
        if conversion.mixed:
            self._chart.set_empty_text(self.tr("No chart for a cross rate between two sources."))
        elif self._history is None:
            self._chart.set_empty_text(self.tr("No rate history yet."))
        else:
            try:
                points = self._history(conversion.provider, source, target, CHART_DAYS)
            except (NewsdeskError, sqlite3.Error) as exc:  # pair_history lets sqlite3's through
                log.warning("rate history of %s→%s unreadable: %s", source, target, exc)
                self._chart.set_empty_text(self.tr("The rate history cannot be read."))
            else:
                self._chart.set_empty_text(
                    self.tr("No rate history of {source} → {target} yet.").format(
                        source=source, target=target
                    )
                )
        self._chart.set_points(points)

    # -- putting it into words ---------------------------------------------------------------

    def _used(self, conversion: Conversion) -> list[BookSource]:
        wanted = set(conversion.sources) or {(conversion.provider, conversion.as_of)}
        return [s for s in self._book.sources if (s.table.provider, s.table.as_of) in wanted]

    def _source_caption(self, conversion: Conversion) -> str:
        used = self._used(conversion)
        if conversion.mixed:
            parts = " + ".join(
                self.tr("{provider} {date}").format(
                    provider=self._provider_name(s.table.provider),
                    date=self._long_date(s.table.as_of),
                )
                for s in used
            )
            bridge = _bridge(used)
            if bridge is None:
                return self.tr("{sources} (cross rate)").format(sources=parts)
            return self.tr("{sources} (cross rate via {bridge})").format(
                sources=parts, bridge=bridge
            )
        provider = self._provider_name(conversion.provider)
        day = self._long_date(conversion.as_of)
        if used and describe(used[0].table, self._clock()).state is Freshness.VALID_FROM:
            caption = self.tr("{provider}, rates valid from {date}")
        else:
            caption = self.tr("{provider}, rates of {date}")
        return caption.format(provider=provider, date=day)

    def _source_details(self, conversion: Conversion) -> str:
        lines: list[str] = []
        for source in self._used(conversion):
            table = source.table
            info = PROVIDERS.get(table.provider)
            lines.append(table.source_note or self._provider_name(table.provider))
            if source.offline_snapshot:
                lines.append(self.tr("Shipped with Newsdesk (offline snapshot)"))
            elif table.fetched_at is not None:
                lines.append(
                    self.tr("Downloaded {when}").format(when=self._moment(table.fetched_at))
                )
            if info is not None and info.attribution:
                lines.append(info.attribution)
        return "\n".join(lines)

    def _badge_caption(self, conversion: Conversion) -> str:
        if conversion.offline_snapshot:
            snapshot = [s.table.as_of for s in self._used(conversion) if s.offline_snapshot]
            day = min(snapshot) if snapshot else conversion.as_of
            return self.tr("Offline snapshot of {date}").format(date=self._long_date(day))
        if not conversion.stale:
            return ""
        days = self._days_old(conversion)
        if days is None or days <= 0:
            return self.tr("Not the latest rates")
        if days == 1:
            return self.tr("Rates from yesterday")
        # Never 1 here, so English needs no singular; Russian has three forms.
        return self.tr("Rates from %n days ago", "", days)

    def _days_old(self, conversion: Conversion) -> int | None:
        now = self._clock()
        ages = [describe(s.table, now).days_old for s in self._used(conversion) if s.stale]
        return max(ages) if ages else None

    def _approximate(self, conversion: Conversion) -> bool:
        if conversion.offline_snapshot:
            return True
        days = self._days_old(conversion) if conversion.stale else None
        return days is not None and days > OLD_AFTER_DAYS

    def _provider_name(self, provider: str) -> str:
        names = {
            "ecb": self.tr("ECB"),
            "cbr": self.tr("Bank of Russia"),
            "frankfurter": self.tr("Frankfurter"),
            "open_er_api": self.tr("open.er-api.com"),
        }
        parts = [
            names.get(p) or (PROVIDERS[p].name if p in PROVIDERS else p)
            for p in provider.split("+")
        ]
        return " + ".join(parts)

    def _number(self, value: Decimal) -> str:
        return format_decimal(value, self._decimal, self._group)

    def _money(self, value: Decimal, code: str) -> str:
        """A result; with "More digits", zeros past the minor unit are not written."""
        if self._more.isChecked():
            value = _at_least(value, self._book.currencies.minor_unit(code))
        return self._number(value)

    def _rate_number(self, value: Decimal) -> str:
        digits = RATE_DIGITS_MORE if self._more.isChecked() else RATE_DIGITS
        return self._number(_significant(value, digits))

    def _long_date(self, day: date) -> str:
        return self._locale.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")

    def _short_date(self, day: date) -> str:
        return self._locale.toString(QDate(day.year, day.month, day.day), "d MMM yyyy")

    def _moment(self, when: datetime) -> str:
        """An instant in local time with its offset: "6 July 2026 17:30 UTC+2"."""
        local = when.astimezone()
        offset = local.utcoffset()
        clock = self._locale.toString(
            QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat
        )
        zone = format_offset(round(offset.total_seconds() / 60) if offset is not None else None)
        return f"{self._long_date(local.date())} {clock} {zone}"

    # -- the core's reasons, in the UI language ------------------------------------------------

    def _problem(self, exc: RateError) -> str:
        """``exc``'s one-line reason through ``tr()``; the core's text when it is not known.

        The core writes English sentences (no codes yet), so each known sentence is matched
        and said again with its facts. tests/ui/test_translation.py makes every one of them
        happen and checks that none comes out in English under the Russian translation.
        """
        text = str(exc)
        if isinstance(exc, UnknownCurrencyError):
            return self._unknown_currency(text, exc.currency)
        if isinstance(exc, MissingPairError):
            found = _MISSING_PAIR.fullmatch(text)
            if found is None:
                return text
            return self.tr(
                "{source}→{target} cannot be computed: the tables that have them share no "
                "currency to convert through."
            ).format(**found.groupdict())
        if isinstance(exc, AmountError):
            for pattern, message in self._amount_messages():
                found = pattern.fullmatch(text)
                if found is not None:
                    return message.format(**found.groupdict())
            return text
        if text == "No exchange rates are available yet; refresh when online.":
            return self.tr("No exchange rates are available yet; refresh when online.")
        return text

    def _amount_messages(self) -> list[tuple[re.Pattern[str], str]]:
        """What :func:`parse_amount` says, as (its sentence, ours); ``where`` is its prefix."""
        where = r"“(?P<text>.+)” at position (?P<position>\d+)"
        return [
            (
                _pattern(r"The amount is longer than (?P<limit>\d+) characters\."),
                self.tr("The amount is longer than {limit} characters."),
            ),
            (_pattern(r"Enter an amount\."), self.tr("Enter an amount.")),
            (
                _pattern(rf"Letters cannot be used in an amount \({where}\)\."),
                self.tr("Letters cannot be used in an amount (“{text}” at position {position})."),
            ),
            (
                _pattern(rf"{where} cannot be used in an amount\."),
                self.tr("“{text}” at position {position} cannot be used in an amount."),
            ),
            (
                _pattern(rf"{where} mixes digit-grouping characters\."),
                self.tr("“{text}” at position {position} mixes digit-grouping characters."),
            ),
            (
                _pattern(rf"{where} mixes digit grouping with an exponent\."),
                self.tr("“{text}” at position {position} mixes digit grouping with an exponent."),
            ),
            (
                _pattern(rf"{where} is not a number\."),
                self.tr("“{text}” at position {position} is not a number."),
            ),
            (
                _pattern(rf"{where} groups its digits wrongly \(groups of three\)\."),
                self.tr(
                    "“{text}” at position {position} groups its digits wrongly (groups of three)."
                ),
            ),
            (
                _pattern(rf"{where} is too large; the limit is (?P<limit>.+)\."),
                self.tr("“{text}” at position {position} is too large; the limit is {limit}."),
            ),
            (
                _pattern(rf"{where} has more than (?P<limit>\d+) decimal places\."),
                self.tr("“{text}” at position {position} has more than {limit} decimal places."),
            ),
            (
                _pattern(rf"{where} is not expected here\."),
                self.tr("“{text}” at position {position} is not expected here."),
            ),
            (
                _pattern(r"Division by zero at position (?P<position>\d+)\."),
                self.tr("Division by zero at position {position}."),
            ),
            (
                _pattern(r"The amount is nested more than (?P<limit>\d+) levels deep\."),
                self.tr("The amount is nested more than {limit} levels deep."),
            ),
            (
                _pattern(r"The parenthesis at position (?P<position>\d+) is never closed\."),
                self.tr("The parenthesis at position {position} is never closed."),
            ),
            (
                _pattern(r"The amount ends too early; a number is missing\."),
                self.tr("The amount ends too early; a number is missing."),
            ),
            (
                _pattern(
                    r"The result at position (?P<position>\d+) is too large; "
                    r"the limit is (?P<limit>.+)\."
                ),
                self.tr("The result at position {position} is too large; the limit is {limit}."),
            ),
        ]

    def _unknown_currency(self, text: str, code: str) -> str:
        """Why a code cannot be converted (``RateBook``'s reasons, in the same order)."""
        loaded = list(dict.fromkeys(s.table.provider for s in self._book.sources))
        names = self._provider_list(loaded)
        if text.endswith(" is not a currency code (three letters, like USD)."):
            typed = text[1 : text.index("”")] if text.startswith("“") else code
            return self.tr("“{text}” is not a currency code (three letters, like USD).").format(
                text=typed
            )
        if text == f"{code} is not a known currency code.":
            return self.tr("{code} is not a known currency code.").format(code=code)
        if text.endswith("not publish RUB; add the Bank of Russia (cbr) to the rate providers."):
            if len(loaded) == 1:
                message = self.tr(
                    "{providers} does not publish RUB; add the Bank of Russia (cbr) to the "
                    "rate providers."
                )
            else:
                message = self.tr(
                    "{providers} do not publish RUB; add the Bank of Russia (cbr) to the "
                    "rate providers."
                )
            return message.format(providers=names)
        if text.endswith(
            f"not publish {code}; the extended provider (open.er-api.com) may have it."
        ):
            if len(loaded) == 1:
                message = self.tr(
                    "{providers} does not publish {code}; the extended provider "
                    "(open.er-api.com) may have it."
                )
            else:
                message = self.tr(
                    "{providers} do not publish {code}; the extended provider "
                    "(open.er-api.com) may have it."
                )
            return message.format(providers=names, code=code)
        if text.startswith("None of the loaded rates ("):
            return self.tr("None of the loaded rates ({providers}) has {code}.").format(
                providers=names, code=code
            )
        return text

    def _provider_list(self, providers: Sequence[str]) -> str:
        """Provider names as a list in words: "ECB", "ECB and Frankfurter", "A, B and C"."""
        names = [self._provider_name(p) for p in providers]
        if len(names) <= 1:
            return "".join(names)
        return self.tr("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


# -- formatting helpers (display only; every number comes from the core) -----------------------


def format_decimal(value: Decimal, decimal_point: str = ".", group: str = ",") -> str:
    """``value`` in fixed point with its digits grouped by three: ``9186.21`` → ``9 186.21``."""
    text = format(value, ",f")
    return text.replace(",", "\0").replace(".", decimal_point).replace("\0", group)


def plain_tooltip(text: str) -> str:
    """``text`` for ``setToolTip``, shown as written: a tooltip guesses rich text like a label."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def _significant(value: Decimal, digits: int) -> Decimal:
    """``value`` to ``digits`` significant digits (half up), without trailing zeros."""
    if not value:
        return value
    places = max(0, digits - 1 - value.adjusted())
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= places:
        return value
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if places:
            rounded = rounded.normalize()
        exponent = rounded.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            rounded = rounded.quantize(Decimal(1))
    return rounded


def _shown_amount(amount: Decimal, minor_unit: int) -> Decimal:
    """The amount with at least the currency's places (``200`` → ``200.00``)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        exponent = amount.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places > AMOUNT_MAX_PLACES:
            return amount.quantize(Decimal(1).scaleb(-AMOUNT_MAX_PLACES), ROUND_HALF_EVEN)
        return amount.quantize(Decimal(1).scaleb(-max(places, minor_unit)))


def _at_least(value: Decimal, places: int) -> Decimal:
    """``value`` without trailing zeros, but with at least ``places`` decimals (same value)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        exponent = value.normalize().as_tuple().exponent
        shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return value.quantize(Decimal(1).scaleb(-max(shown, places)))


def _places_for_significance(conversion: Conversion) -> int | None:
    """More places for a result that rounding would leave with under two significant digits.

    Below a tenth of a cent-based unit (or one whole yen), 100 IRR = 0.01 RUB says little;
    :data:`MIN_SIGNIFICANT` digits (0.005393 RUB) say how much it is.
    """
    exact = conversion.exact
    limit = min(Decimal(1), Decimal(1).scaleb(1 - conversion.places))
    if not exact or abs(exact) >= limit:
        return None
    wanted = min(-exact.adjusted() + MIN_SIGNIFICANT - 1, MAX_PLACES)
    return wanted if wanted > conversion.places else None


def _bridge(used: Sequence[BookSource]) -> str | None:
    """The currency a two-table cross rate goes through (the book's own rule, for the label)."""
    if len(used) != 2:
        return None
    shared = used[0].table.codes & used[1].table.codes
    return next((code for code in BRIDGES if code in shared), min(shared) if shared else None)


#: ``RateBook``'s sentence for two codes that no table links.
_MISSING_PAIR = re.compile(
    r"(?P<source>\S+)→(?P<target>\S+) cannot be computed: the tables that have them share no "
    r"currency to convert through\.",
    re.DOTALL,
)


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)


def _unique_codes(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))


def _decimal_point(wanted: str | None, locale: QLocale) -> str:
    point = wanted if wanted is not None else locale.decimalPoint()
    return point if point in (".", ",") else "."


def _group_separator(decimal_point: str, locale: QLocale) -> str:
    """The locale's group separator, unless it would read as the decimal point."""
    group = locale.groupSeparator()
    if locale.decimalPoint() == decimal_point and group and group != decimal_point:
        return group
    return "\u00a0" if decimal_point == "," else ","


def _russian(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.Russian


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


def _colour(
    label: QLabel,
    *,
    light: str,
    dark: str,
    back_light: str | None = None,
    back_dark: str | None = None,
) -> None:
    """Text (and background) colours that read on a light or a dark palette."""
    palette = label.palette()
    is_dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor(dark if is_dark else light))
    back = back_dark if is_dark else back_light
    if back is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(back))
        label.setAutoFillBackground(True)
    label.setPalette(palette)
