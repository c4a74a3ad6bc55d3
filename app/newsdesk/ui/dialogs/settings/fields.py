"""What every settings page shares: the page base class, labelled fields and their error labels.

A field is shown with a label (its buddy, for Alt+letter) and, right under it, a red label that
stays hidden until :meth:`SettingsPage.show_errors` puts a message there. A page reports
problems as ``(field widget, message)`` pairs; the dialog shows the page of the first one and
focuses its field.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.settings import Settings

#: One problem a page found: the widget to focus, and one sentence for the user.
FieldError = tuple[QWidget, str]

_ERROR_RED = "#c62828"
#: Numbers are short: a spin box need not span the page (its note still may).
SPIN_BOX_WIDTH = 200
QWIDGETSIZE_MAX = (1 << 24) - 1


class ErrorLabel(QLabel):
    """A red, word-wrapped, plain-text message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create the hidden label."""
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _ERROR_RED)
        self.setPalette(palette)
        self.setObjectName("fieldError")
        self.hide()

    def set_message(self, message: str) -> None:
        """Show ``message``, or hide the label when it is empty."""
        self.setText(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))


def note_label(text: str, parent: QWidget) -> QLabel:
    """A small explanatory line under a field (plain text, wrapped)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def plain_label(text: str, parent: QWidget) -> QLabel:
    """A wrapped plain-text label."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SettingsPage(QWidget):
    """A page of the Settings dialog.

    Subclasses set :attr:`title` and :attr:`icon_name`, build their fields with
    :meth:`add_row` (or :meth:`field_box`), and override :meth:`load`, :meth:`check` and
    :meth:`apply`.

    Attributes:
        title: The page's name in the page list.
        icon_name: A freedesktop icon name for the page list ("" for none).
    """

    title = ""
    icon_name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty page."""
        super().__init__(parent)
        self._errors: dict[QWidget, ErrorLabel] = {}
        self.page_error = ErrorLabel(self)  # for a problem that belongs to no single field

    # -- what a page does -------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        """Show the values of ``settings``."""

    def check(self) -> list[FieldError]:
        """The problems with what the user entered; empty when the page can be applied."""
        return []

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with this page's values (call only after an empty :meth:`check`)."""
        return settings

    # -- errors -----------------------------------------------------------------------------

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Put each message under its field (clearing older ones)."""
        self.clear_errors()
        for widget, message in errors:
            label = self._errors.get(widget, self.page_error)
            text = label.text()
            label.set_message(f"{text}\n{message}" if text else message)

    def clear_errors(self) -> None:
        """Hide every error message of the page."""
        for label in (*self._errors.values(), self.page_error):
            label.set_message("")

    def error_text(self, widget: QWidget) -> str:
        """The message shown under ``widget`` ("" if none is shown)."""
        label = self._errors.get(widget, self.page_error)
        return label.text() if label.isVisibleTo(self) else ""

    # -- building ---------------------------------------------------------------------------

    def register_field(self, field: QWidget, error: ErrorLabel) -> None:
        """Show the errors of ``field`` in ``error`` (for layouts :meth:`add_row` cannot make)."""
        self._errors[field] = error

    def field_box(self, field: QWidget, *extra: QWidget, key: QWidget | None = None) -> QWidget:
        """``field`` with its error label under it (and ``extra`` widgets, notes say).

        The errors of ``key`` (``field`` unless given: a list inside a box of buttons, say)
        show in that label.
        """
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        error = ErrorLabel(box)
        layout.addWidget(error)
        for widget in extra:
            layout.addWidget(widget)
        self._errors[key if key is not None else field] = error
        policy = field.sizePolicy().verticalPolicy()
        grows = bool(policy.value & QSizePolicy.PolicyFlag.GrowFlag.value)
        if not grows or field.maximumHeight() < QWIDGETSIZE_MAX:
            # Keep the note right under the field instead of spreading the spare height.
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return box

    def add_row(
        self,
        form: QFormLayout,
        text: str,
        field: QWidget,
        note: str = "",
        *,
        name: str = "",
        inside: QWidget | None = None,
    ) -> QLabel | None:
        """Add ``field`` to ``form`` with a label whose buddy it is, an error label, a note.

        Args:
            form: The page's form layout.
            text: The label text with an ``&`` mnemonic; "" for a check box (its own label).
            field: The input widget.
            note: An optional explanation under the field.
            name: The accessible name; defaults to ``text`` without the mnemonic.
            inside: What to lay out when ``field`` sits in a box of its own (with buttons).

        Returns:
            The label made for the field (None for a check box or button).
        """
        extra = [note_label(note, self)] if note else []
        if isinstance(field, QAbstractSpinBox):
            field.setMaximumWidth(max(SPIN_BOX_WIDTH, field.sizeHint().width()))
        box = self.field_box(inside or field, *extra, key=field)
        accessible = name or text.replace("&", "") or _button_text(field)
        if accessible:
            field.setAccessibleName(accessible)
        if not text:
            form.addRow(box)
            return None
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(field)
        form.addRow(label, box)
        return label


def new_form() -> QFormLayout:
    """A form layout that wraps long rows and grows its fields (usable at 800×600)."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return form


def _button_text(field: QWidget) -> str:
    return field.text().replace("&", "") if isinstance(field, QAbstractButton) else ""
