"""An editable combo box that finds a currency by code, English name or Russian name.

The list holds only the codes the current rates can convert, favourites first. Typing asks
:meth:`CurrencyTable.search` (code, then names, ``ё`` = ``е``) and shows its ranked matches in
the completer's popup, so "yen", "jp" and "рубль" all find their currency; Enter or leaving the
field takes the best match, and text that matches nothing goes back to the chosen currency.
Nothing typed is ever added to the list (``NoInsert``).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QLocale, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit, QWidget

from newsdesk.core.rates import Currency, CurrencyTable

CODE_ROLE = Qt.ItemDataRole.UserRole  # where addItem() puts its user data
_DASH = " — "


class CurrencyPicker(QComboBox):
    """Pick one currency; search by code or name.

    Signals:
        code_chosen(str): The user chose a currency (list, completer, Enter or leaving the
            field) and it differs from the previous one. Not emitted by :meth:`set_code`.
    """

    code_chosen = Signal(str)

    def __init__(self, currencies: CurrencyTable, parent: QWidget | None = None) -> None:
        """Create an empty picker; :meth:`set_choices` fills it.

        Args:
            currencies: Names for the codes (English and Russian).
            parent: The owning widget.
        """
        super().__init__(parent)
        self._currencies = currencies
        self._codes: frozenset[str] = frozenset()
        self._favourites: tuple[str, ...] = ()
        self._code = ""
        self._russian = QLocale().language() == QLocale.Language.Russian
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setMaxVisibleItems(15)
        self._matches = QStringListModel(self)
        completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        completer.activated.connect(self._on_completer_activated)  # the (str) overload
        line, popup = self.lineEdit(), completer.popup()
        assert line is not None and popup is not None  # editable, with a completer: both exist
        self._line, self._popup = line, popup
        line.textEdited.connect(self._on_text_edited)
        line.returnPressed.connect(self.commit_text)
        line.installEventFilter(self)
        self.activated.connect(self._on_activated)

    # -- state -------------------------------------------------------------------------------

    def code(self) -> str:
        """The chosen code ("" before one is set)."""
        return self._code

    def line_edit(self) -> QLineEdit:
        """The field the user types into."""
        return self._line

    def search_popup(self) -> QAbstractItemView:
        """The list of matches shown while typing."""
        return self._popup

    def search_matches(self) -> list[str]:
        """What the popup lists for the text typed last ("CODE — Name" per row)."""
        return self._matches.stringList()

    def set_code(self, code: str) -> None:
        """Show ``code`` as chosen, even if the current rates lack it (the caller explains)."""
        self._code = code
        self._show_code()

    def set_choices(self, codes: Iterable[str], favourites: Iterable[str]) -> None:
        """Offer ``codes`` (favourites, a separator, the rest by code); keep choice and typing."""
        self._codes = frozenset(codes)
        self._favourites = tuple(favourites)
        line = self._line
        typing = line.hasFocus() and line.text() != self._label(self._code)
        typed, cursor = line.text(), line.cursorPosition()
        self.blockSignals(True)
        try:
            self.clear()
            ordered = self._ordered("")
            for code in ordered:
                currency = self._currencies.get(code)
                self.addItem(self._label(code), code)
                if currency is not None:
                    other = currency.name_en if self._russian else currency.name_ru
                    self.setItemData(self.count() - 1, other, Qt.ItemDataRole.ToolTipRole)
            pinned = sum(1 for code in self._favourites if code in self._codes)
            if 0 < pinned < len(ordered):
                self.insertSeparator(pinned)  # favourites above the line
            self._show_code()
        finally:
            self.blockSignals(False)
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)
        if typing:
            line.setText(typed)
            line.setCursorPosition(cursor)

    def matches(self, text: str) -> list[str]:
        """Codes matching ``text``, best first: an exact code, then the core's ranking."""
        wanted = text.strip().upper()
        ordered = self._ordered(text)
        if wanted in self._codes and wanted in ordered:
            ordered.remove(wanted)
            ordered.insert(0, wanted)
        return ordered

    # -- typing ------------------------------------------------------------------------------

    def commit_text(self) -> None:
        """Choose what the field says: an item, else the best match; else show the choice again."""
        text = self._line.text().strip()
        self._popup.hide()
        listed = self._listed(text)
        if listed:
            self._choose(listed)
            return
        found = self.matches(text) if text else []
        if found:
            self._choose(found[0])
        else:
            self._show_code()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Leaving the field commits what was typed; Escape takes it back."""
        if event.type() not in (QEvent.Type.FocusOut, QEvent.Type.KeyPress):
            # Every other event passes untouched, without reading the picker: Qt also sends
            # some (WindowDeactivate) while the application is torn down, and reading a
            # half-destroyed picker then crashed the interpreter on exit.
            return False
        edited = self._line.text() != self._label(self._code)
        if watched is self._line and edited:
            if (
                event.type() == QEvent.Type.FocusOut
                and isinstance(event, QFocusEvent)
                and event.reason() != Qt.FocusReason.PopupFocusReason
            ):
                self.commit_text()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self._popup.hide()
                self._show_code()
                return True
        return super().eventFilter(watched, event)

    def _on_text_edited(self, text: str) -> None:
        self._matches.setStringList([self._label(code) for code in self.matches(text)])

    def _on_completer_activated(self, text: str) -> None:
        listed = self._listed(text)
        if listed:
            self._choose(listed)

    def _on_activated(self, index: int) -> None:
        code = self.itemData(index, CODE_ROLE)
        if isinstance(code, str):
            self._choose(code)

    # -- helpers -----------------------------------------------------------------------------

    def _listed(self, text: str) -> str:
        """The code of the item whose label is ``text`` (any case), or ""."""
        index = self.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        code = self.itemData(index, CODE_ROLE) if index >= 0 else None
        return code if isinstance(code, str) else ""

    def _choose(self, code: str) -> None:
        changed = code != self._code
        self.set_code(code)
        if changed:
            self.code_chosen.emit(code)

    def _show_code(self) -> None:
        index = self.findData(self._code, CODE_ROLE)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(self._label(self._code))
        self._line.setCursorPosition(0)  # the code, not the end of a long name

    def _ordered(self, text: str) -> list[str]:
        found: list[Currency] = self._currencies.search(
            text, favourites=self._favourites, within=self._codes, include_inactive=True
        )
        codes = [currency.code for currency in found]
        wanted = text.strip().upper()
        unnamed = sorted(code for code in self._codes if code not in self._currencies)
        codes += [code for code in unnamed if code.startswith(wanted)]
        return codes

    def _label(self, code: str) -> str:
        currency = self._currencies.get(code) if code else None
        if currency is None:
            return code
        name = currency.name_ru if self._russian else currency.name_en
        return f"{code}{_DASH}{name}"
