"""The Topics page: turn topics on and off, rename them, edit their rules, add new ones.

The page edits a copy of the taxonomy; nothing is written until the dialog's OK or Apply, which
saves the whole list with :meth:`~newsdesk.core.profile.Profile.save_taxonomy`. A code never
changes once made (feeds and stored articles refer to it), so renaming a topic only changes
its names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.model import Topic
from newsdesk.core.topics import check_keyword, check_taxonomy, new_code
from newsdesk.ui.dialogs.settings.fields import FieldError, SettingsPage, new_form, note_label

_MAX_ENTRY = 200  # the longest category or keyword a taxonomy file may hold


@dataclass(slots=True)
class _Draft:
    """One topic as edited: the editors' text, kept while another topic is shown."""

    code: str
    en: str
    ru: str
    categories: str
    keywords: str
    enabled: bool = True
    extra_names: dict[str, str] = field(default_factory=dict)  # languages the page cannot edit
    is_new: bool = False  # added here: its code is made from its name when it is saved

    @classmethod
    def of(cls, topic: Topic) -> _Draft:
        extra = {k: v for k, v in topic.names.items() if k not in ("en", "ru")}
        return cls(
            topic.code,
            topic.names.get("en", ""),
            topic.names.get("ru", ""),
            "\n".join(topic.categories),
            "\n".join(topic.keywords),
            topic.enabled,
            extra,
        )

    def topic(self, code: str = "") -> Topic:
        names = dict(self.extra_names)
        for language, name in (("en", self.en.strip()), ("ru", self.ru.strip())):
            if name:
                names[language] = name
        return Topic(
            code=code or self.code,
            names=names,
            categories=_lines(self.categories),
            keywords=_lines(self.keywords),
            enabled=self.enabled,
        )


class TopicsPage(SettingsPage):
    """The taxonomy's topics, with a check box each and an editor for the selected one."""

    icon_name = "tag"

    def __init__(self, topics: Sequence[Topic], parent: QWidget | None = None) -> None:
        """Show a copy of ``topics`` (the profile's taxonomy)."""
        super().__init__(parent)
        self.title = self.tr("Topics")
        self._original = tuple(topics)
        self._drafts: list[_Draft] = []
        self._shown = -1  # the row whose draft the editors show
        self._language = "ru" if QLocale().language() == QLocale.Language.Russian else "en"

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Topics"))
        self.list.setMinimumWidth(170)
        self.list.setMaximumWidth(240)
        self.add_button = QPushButton(self.tr("Add &topic"), self)
        self.remove_button = QPushButton(self.tr("Remo&ve topic"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected topic"))
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)

        form = new_form()
        self.name_en = QLineEdit(self)
        self.name_ru = QLineEdit(self)
        self.categories = QPlainTextEdit(self)
        self.keywords = QPlainTextEdit(self)
        for editor in (self.categories, self.keywords):
            editor.setTabChangesFocus(True)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = self.categories.fontMetrics().lineSpacing()
        self.categories.setFixedHeight(5 * lines + 12)  # the keywords get the rest
        self.add_row(form, self.tr("Name in &English:"), self.name_en)
        self.add_row(form, self.tr("Name in &Russian:"), self.name_ru)
        self.add_row(
            form,
            self.tr("&Categories:"),
            self.categories,
            self.tr("One per line: feed categories that mean this topic."),
        )
        self.add_row(
            form,
            self.tr("&Keywords:"),
            self.keywords,
            self.tr(
                "One per line. “sanction” also finds “sanctions”; “war$” is the whole word "
                "only; “*” stands for the rest of a word."
            ),
        )
        right = QVBoxLayout()
        right.addLayout(form, 1)
        right.addWidget(self.page_error)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr("Ticked topics are assigned to articles and offered in the topic filter."),
                self,
            )
        )
        layout.addLayout(columns, 1)

        self.list.currentRowChanged.connect(self._on_row_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        self.name_en.textEdited.connect(self._on_name_edited)
        self.name_ru.textEdited.connect(self._on_name_edited)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self._fill(self._original)

    # -- the page ---------------------------------------------------------------------------

    def check(self) -> list[FieldError]:
        """Names, categories and keyword rules of every topic; shows the first bad topic."""
        self._store_shown()
        for row, draft in enumerate(self._drafts):
            errors = self._check_draft(draft)
            if errors:
                self.list.setCurrentRow(row)
                return errors
        try:
            check_taxonomy(self.topics())
        except ValueError as exc:
            return [(self.list, str(exc))]
        return []

    def topics(self) -> tuple[Topic, ...]:
        """The topics as edited; an added topic gets a code made from its name."""
        self._store_shown()
        taken = [draft.code for draft in self._drafts if not draft.is_new]
        topics = []
        for draft in self._drafts:
            code = draft.code
            if draft.is_new:
                code = new_code(draft.en.strip() or draft.ru.strip() or draft.code, taken)
                taken.append(code)
            topics.append(draft.topic(code))
        return tuple(topics)

    def is_changed(self) -> bool:
        """Whether the topics differ from those the page was made with (names included)."""
        return _signature(self.topics()) != _signature(self._original)

    def reset(self, topics: Sequence[Topic]) -> None:
        """Make ``topics`` (as saved) the new starting point."""
        self._original = tuple(topics)
        self._fill(self._original)

    def current_topic(self) -> Topic | None:
        """The selected topic as edited, or None."""
        row = self.list.currentRow()
        return self.topics()[row] if 0 <= row < len(self._drafts) else None

    # -- editing ----------------------------------------------------------------------------

    def _fill(self, topics: Sequence[Topic]) -> None:
        self._shown = -1
        self._drafts = [_Draft.of(topic) for topic in topics]
        self.list.blockSignals(True)
        self.list.clear()
        for draft in self._drafts:
            self.list.addItem(self._item(draft))
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if self._drafts else -1)
        self._show(self.list.currentRow())

    def _item(self, draft: _Draft) -> QListWidgetItem:
        item = QListWidgetItem(self._display_name(draft))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if draft.enabled else Qt.CheckState.Unchecked)
        return item

    def _display_name(self, draft: _Draft) -> str:
        first, second = (draft.ru, draft.en) if self._language == "ru" else (draft.en, draft.ru)
        return first.strip() or second.strip() or draft.code

    def _store_shown(self) -> None:
        if 0 <= self._shown < len(self._drafts):
            draft = self._drafts[self._shown]
            draft.en = self.name_en.text()
            draft.ru = self.name_ru.text()
            draft.categories = self.categories.toPlainText()
            draft.keywords = self.keywords.toPlainText()

    def _show(self, row: int) -> None:
        self._shown = row
        valid = 0 <= row < len(self._drafts)
        draft = self._drafts[row] if valid else _Draft("", "", "", "", "")
        self.name_en.setText(draft.en)
        self.name_ru.setText(draft.ru)
        self.categories.setPlainText(draft.categories)
        self.keywords.setPlainText(draft.keywords)
        for editor in (self.name_en, self.name_ru, self.categories, self.keywords):
            editor.setEnabled(valid)
        self.remove_button.setEnabled(valid and len(self._drafts) > 1)

    def _on_row_changed(self, row: int) -> None:
        self._store_shown()
        self.clear_errors()
        self._show(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self._drafts):
            self._drafts[row].enabled = item.checkState() == Qt.CheckState.Checked

    def _on_name_edited(self) -> None:
        self._store_shown()
        item = self.list.item(self._shown)
        if item is not None:
            self.list.blockSignals(True)
            item.setText(self._display_name(self._drafts[self._shown]))
            self.list.blockSignals(False)

    def _on_add(self) -> None:
        self._store_shown()
        name = self.tr("New topic")
        code = new_code(name, (draft.code for draft in self._drafts))
        draft = _Draft(code, "", "", "", "", is_new=True)
        setattr(draft, self._language, name)
        self._drafts.append(draft)
        self.list.addItem(self._item(draft))
        self.list.setCurrentRow(len(self._drafts) - 1)
        editor = self.name_ru if self._language == "ru" else self.name_en
        editor.setFocus()
        editor.selectAll()

    def _on_remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._drafts) or len(self._drafts) <= 1:
            return
        self._shown = -1  # the editors' text goes with the topic
        del self._drafts[row]
        self.list.takeItem(row)
        self._show(self.list.currentRow())

    def _check_draft(self, draft: _Draft) -> list[FieldError]:
        errors: list[FieldError] = []
        if not draft.en.strip() and not draft.ru.strip():
            field = self.name_ru if self._language == "ru" else self.name_en
            errors.append((field, self.tr("Give the topic a name.")))
        for number, line in enumerate(draft.categories.splitlines(), start=1):
            if len(line.strip()) > _MAX_ENTRY:
                errors.append(
                    (
                        self.categories,
                        self.tr(
                            "Line {number}: a category may be at most {limit} characters."
                        ).format(number=number, limit=_MAX_ENTRY),
                    )
                )
        for number, line in enumerate(draft.keywords.splitlines(), start=1):
            if not line.strip():
                continue
            reason = check_keyword(line)
            if reason is not None:
                errors.append(
                    (
                        self.keywords,
                        self.tr("Line {number}: {reason}").format(number=number, reason=reason),
                    )
                )
        return errors


def _lines(text: str) -> tuple[str, ...]:
    """The non-blank lines of ``text``, stripped, each once."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and line not in out:
            out.append(line)
    return tuple(out)


def _signature(topics: Sequence[Topic]) -> list[tuple[object, ...]]:
    return [(t.code, sorted(t.names.items()), t.categories, t.keywords, t.enabled) for t in topics]
