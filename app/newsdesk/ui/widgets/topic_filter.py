"""The "Topics" filter of the sidebar: "All" plus one checkbox per topic of the taxonomy.

"All" is checked exactly when no topic is chosen, and an empty choice means every article,
tagged or not. Checking a topic unchecks "All"; unchecking the last topic, or checking "All",
goes back to everything. Each checkbox is reachable with Tab and toggled with Space.

Only the taxonomy's enabled topics are offered. :meth:`TopicFilter.set_taxonomy` swaps in edited
topics live: boxes of topics that stay are kept (with their check state and focus), and the
choice loses only the codes that are gone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from newsdesk.core.topics import Taxonomy


class TopicFilter(QWidget):
    """A checkbox per topic plus "All"; the choice is a set of topic codes.

    Signals:
        topics_changed(frozenset): the chosen topic codes after a change; empty means all.
    """

    topics_changed = Signal(frozenset)

    def __init__(
        self,
        taxonomy: Taxonomy,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
    ) -> None:
        """Build one checkbox per topic of ``taxonomy``, named in ``language``.

        Args:
            taxonomy: The topics, in the order to list them.
            parent: The owning widget.
            language: The UI language ("en", "ru"); the default locale's when ``None``.
        """
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._language = language or _ui_language()
        self._counts: dict[str, int] = {}
        self._selected: frozenset[str] = frozenset()

        self._heading = QLabel(self)
        self._heading.setObjectName("sectionHeading")
        self._heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self._heading.font()
        font.setBold(True)
        self._heading.setFont(font)
        self._hint = QLabel(self)
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        self._hint.setWordWrap(True)
        self._hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hint_font = self._hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        self._hint.setFont(hint_font)
        self._all = QCheckBox(self)
        self._all.setObjectName("topicAll")
        self._all.setChecked(True)
        self._all.clicked.connect(self._on_all_clicked)
        self._boxes: dict[str, QCheckBox] = {}

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self._heading)
        self._layout.addWidget(self._hint)
        self._layout.addSpacing(4)
        self._layout.addWidget(self._all)
        self._rebuild_boxes()
        self._retranslate()

    # -- public ---------------------------------------------------------------------------------

    def selected(self) -> frozenset[str]:
        """The chosen topic codes; empty means all topics."""
        return self._selected

    def set_selected(self, codes: Iterable[str]) -> None:
        """Choose ``codes`` (codes not offered, unknown or turned off, are dropped).

        Emits ``topics_changed`` when the choice differs from the current one.
        """
        chosen = frozenset(c for c in codes if c in self._boxes)
        for code, box in self._boxes.items():
            box.setChecked(code in chosen)
        self._all.setChecked(not chosen)
        self._commit(chosen)

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Offer the enabled topics of ``taxonomy`` instead (topics added, renamed, turned off).

        The choice keeps the codes that are still offered; ``topics_changed`` is emitted once
        when it loses some, and not at all when it stays the same. Counts of topics that are
        gone are forgotten.
        """
        self._taxonomy = taxonomy
        self._rebuild_boxes()
        self._counts = {code: n for code, n in self._counts.items() if code in self._boxes}
        chosen = self._selected & self._boxes.keys()
        for code, box in self._boxes.items():
            box.setChecked(code in chosen)
        self._all.setChecked(not chosen)
        self._retranslate()
        self._commit(chosen)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Show how many articles each topic holds next to its name (empty: no counts)."""
        self._counts = dict(counts)
        self._retranslate()

    def set_language(self, language: str) -> None:
        """Name the topics in ``language`` ("en", "ru")."""
        self._language = language
        self._retranslate()

    def all_checkbox(self) -> QCheckBox:
        """The "All" checkbox."""
        return self._all

    def checkbox(self, code: str) -> QCheckBox:
        """The checkbox of topic ``code``.

        Raises:
            KeyError: the taxonomy has no such topic.
        """
        return self._boxes[code]

    # -- Qt -------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- private --------------------------------------------------------------------------------

    def _rebuild_boxes(self) -> None:
        """One box per enabled topic, in taxonomy order; boxes of topics that stay are reused."""
        codes = [topic.code for topic in self._taxonomy.enabled_topics()]
        old = self._boxes
        self._boxes = {}
        for code in codes:
            box = old.pop(code, None)
            if box is None:
                box = QCheckBox(self)
                box.setObjectName(f"topic_{code}")
                box.clicked.connect(self._on_topic_clicked)
                box.show()  # at once, not when the layout's queued show arrives
            self._boxes[code] = box
        for box in old.values():  # topics that are gone
            if box.hasFocus():
                self._all.setFocus(Qt.FocusReason.OtherFocusReason)
            self._layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        first = self._layout.indexOf(self._all) + 1
        previous: QWidget = self._all
        for offset, box in enumerate(self._boxes.values()):
            if self._layout.indexOf(box) != first + offset:
                self._layout.removeWidget(box)
                self._layout.insertWidget(first + offset, box)
            QWidget.setTabOrder(previous, box)  # new boxes would otherwise come last
            previous = box

    def _retranslate(self) -> None:
        self._heading.setText(self.tr("Topics"))
        hint = self.tr("Choose only the topics that interest you")
        self._hint.setText(hint)
        self.setAccessibleName(self.tr("Topics"))
        self.setAccessibleDescription(hint)
        self._all.setText(self.tr("All"))
        self._all.setAccessibleName(self.tr("All topics"))
        self._all.setAccessibleDescription(hint)
        for code, box in self._boxes.items():
            topic = self._taxonomy.get(code)
            name = topic.name(self._language) if topic is not None else code
            count = self._counts.get(code)
            # "&" would make a keyboard mnemonic of the next letter ("Business & Economy").
            label = name.replace("&", "&&")
            box.setText(label if count is None else f"{label} ({QLocale().toString(count)})")
            box.setAccessibleName(name)
            if count is None:
                box.setAccessibleDescription(hint)
            else:
                box.setAccessibleDescription(self.tr("%n article(s)", "", count))

    @Slot(bool)
    def _on_all_clicked(self, checked: bool) -> None:
        if not checked and not self._selected:
            # "All" stays checked while nothing else is: unchecking it would mean "nothing".
            self._all.setChecked(True)
            return
        for box in self._boxes.values():
            box.setChecked(False)
        self._all.setChecked(True)
        self._commit(frozenset())

    @Slot(bool)
    def _on_topic_clicked(self, checked: bool) -> None:
        del checked
        chosen = frozenset(code for code, box in self._boxes.items() if box.isChecked())
        self._all.setChecked(not chosen)
        self._commit(chosen)

    def _commit(self, chosen: frozenset[str]) -> None:
        if chosen != self._selected:
            self._selected = chosen
            self.topics_changed.emit(chosen)


def _ui_language() -> str:
    """The language of the default locale ("en" for the C locale)."""
    name = QLocale().name().split("_")[0].lower()
    return "en" if name in ("", "c") else name
