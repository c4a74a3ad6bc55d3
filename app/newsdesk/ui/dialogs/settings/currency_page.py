"""The Currency page: rate providers, the converter's start currency, favourites and rounding.

``rates.providers`` is shown as one choice among the official sources (a combination the dialog
does not offer, written by hand or by ``newsdesk config``, is kept and shown as it is);
open.er-api.com is a separate opt-in because it is neither official nor free of tracking.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.rates import Currency, CurrencyTable, load_currencies
from newsdesk.core.settings import Settings, int_range
from newsdesk.ui.dialogs.settings.fields import FieldError, SettingsPage, new_form
from newsdesk.ui.dialogs.settings.pages import set_combo_data

CODE_ROLE = Qt.ItemDataRole.UserRole


class CurrencyPage(SettingsPage):
    """Where rates come from and how the converter starts."""

    icon_name = "accessories-calculator"

    def __init__(self, parent: QWidget | None = None, currencies: CurrencyTable | None = None):
        """Build the page (``currencies``: the shipped table unless given)."""
        super().__init__(parent)
        self.title = self.tr("Currency")
        self._currencies = currencies if currencies is not None else load_currencies()
        self._russian = QLocale().language() == QLocale.Language.Russian
        form = new_form()
        self.providers = QComboBox(self)
        self._add_provider(self.tr("ECB and Bank of Russia (official)"), ("ecb", "cbr"))
        self._add_provider(self.tr("European Central Bank"), ("ecb",))
        self._add_provider(self.tr("Bank of Russia"), ("cbr",))
        self.add_row(form, self.tr("&Rates from:"), self.providers)
        self.open_er_api = QCheckBox(
            self.tr("Also use open.er-api.com (about 160 currencies)"), self
        )
        self.add_row(form, "", self.open_er_api)
        self.base = QComboBox(self)
        self.base.setMaxVisibleItems(15)
        for currency in self._currencies:
            if currency.active:
                self.base.addItem(self._label(currency), currency.code)
        self.add_row(form, self.tr("&Convert from:"), self.base)

        self.favourites = QListWidget(self)
        self.favourites.setMinimumHeight(90)
        self.favourites.setMaximumHeight(130)
        self.add_currency = QComboBox(self)
        self.add_currency.setAccessibleName(self.tr("Currency to add"))
        self.add_currency.setMaxVisibleItems(15)
        for currency in self._currencies:
            if currency.active:
                self.add_currency.addItem(self._label(currency), currency.code)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.add_button.setAccessibleName(self.tr("Add the currency to the favourites"))
        self.remove_button.setAccessibleName(self.tr("Remove the favourite"))
        self.up_button.setAccessibleName(self.tr("Move the favourite up"))
        self.down_button.setAccessibleName(self.tr("Move the favourite down"))
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.favourites, 0, 0, 3, 1)
        grid.addWidget(self.remove_button, 0, 1)
        grid.addWidget(self.up_button, 1, 1)
        grid.addWidget(self.down_button, 2, 1)
        grid.addWidget(self.add_currency, 3, 0)
        grid.addWidget(self.add_button, 3, 1)
        grid.setColumnStretch(0, 1)
        self.add_row(form, self.tr("&Favourites:"), self.favourites, inside=box)

        self.digits = QSpinBox(self)
        self.digits.setRange(*int_range("rates.digits"))
        self.digits.setSpecialValueText(self.tr("As the currency"))
        self.add_row(
            form,
            self.tr("&Decimal places:"),
            self.digits,
            self.tr("“As the currency” shows 2 places for US dollars and none for yen."),
        )
        self.interval = QSpinBox(self)
        self.interval.setRange(*int_range("rates.interval_minutes"))
        self.interval.setSuffix(self.tr(" min"))
        self.add_row(form, self.tr("Check for new rates &every:"), self.interval)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.up_button.clicked.connect(self._on_up)
        self.down_button.clicked.connect(self._on_down)
        self.favourites.currentRowChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    # -- the page ---------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        """Show the rate settings."""
        rates = settings.rates
        key = ",".join(rates.providers)
        if self.providers.findData(key) < 0:  # set by hand: keep it, named by its codes
            self.providers.addItem(", ".join(rates.providers) or self.tr("None"), key)
        set_combo_data(self.providers, key)
        self.open_er_api.setChecked(rates.open_er_api)
        if self.base.findData(rates.base) < 0:
            self.base.addItem(rates.base, rates.base)
        set_combo_data(self.base, rates.base)
        self.favourites.clear()
        for code in rates.favourites:
            self._append_favourite(code)
        self.favourites.setCurrentRow(0 if rates.favourites else -1)
        self.digits.setValue(rates.digits)
        self.interval.setValue(rates.interval_minutes)
        self._update_buttons()

    def check(self) -> list[FieldError]:
        """At least one source of rates."""
        if not self.providers.currentData() and not self.open_er_api.isChecked():
            return [(self.providers, self.tr("Choose where exchange rates come from."))]
        return []

    def apply(self, settings: Settings) -> Settings:
        """The settings with this page's values."""
        key = str(self.providers.currentData() or "")
        rates = dataclasses.replace(
            settings.rates,
            providers=tuple(code for code in key.split(",") if code),
            open_er_api=self.open_er_api.isChecked(),
            base=str(self.base.currentData()),
            favourites=self.favourite_codes(),
            digits=self.digits.value(),
            interval_minutes=self.interval.value(),
        )
        return dataclasses.replace(settings, rates=rates)

    def favourite_codes(self) -> tuple[str, ...]:
        """The favourites, in the order shown."""
        items = (self.favourites.item(row) for row in range(self.favourites.count()))
        return tuple(str(item.data(CODE_ROLE)) for item in items if item is not None)

    # -- favourites -------------------------------------------------------------------------

    def _on_add(self) -> None:
        code = str(self.add_currency.currentData())
        codes = self.favourite_codes()
        if code in codes:
            self.favourites.setCurrentRow(codes.index(code))
            return
        self._append_favourite(code)
        self.favourites.setCurrentRow(self.favourites.count() - 1)

    def _on_remove(self) -> None:
        row = self.favourites.currentRow()
        if row >= 0:
            self.favourites.takeItem(row)
        self._update_buttons()

    def _on_up(self) -> None:
        self._move(-1)

    def _on_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        row = self.favourites.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.favourites.count():
            return
        item = self.favourites.takeItem(row)
        self.favourites.insertItem(target, item)
        self.favourites.setCurrentRow(target)

    def _update_buttons(self) -> None:
        row = self.favourites.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.favourites.count() - 1)

    def _append_favourite(self, code: str) -> None:
        currency = self._currencies.get(code)
        item = QListWidgetItem(self._label(currency) if currency else code)
        item.setData(CODE_ROLE, code)
        self.favourites.addItem(item)

    def _add_provider(self, label: str, codes: tuple[str, ...]) -> None:
        self.providers.addItem(label, ",".join(codes))

    def _label(self, currency: Currency) -> str:
        return f"{currency.code} — {currency.name('ru' if self._russian else 'en')}"
