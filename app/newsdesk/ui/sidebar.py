"""The window's left column: the news search box, the topic checkboxes and the sources tree.

It only gathers what the user chose; the window turns that into an
:class:`~newsdesk.core.model.ArticleQuery`. Typing in the search box is merged for a moment
(``SEARCH_DELAY_MS``) so that each keystroke does not run a query of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.model import Feed
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.models.feed_tree import FeedTreeModel
from newsdesk.ui.widgets.topic_filter import TopicFilter

SEARCH_DELAY_MS = 250


class Sidebar(QWidget):
    """Search, topics and sources, one above the other.

    The texts keep the ``MainWindow`` translation context they had before this column was a
    class of its own.

    Signals:
        filters_changed(): the search text (after a pause in typing) or the chosen source
            changed.
        topics_changed(frozenset): the chosen topic codes after a change; empty means all.
    """

    filters_changed = Signal()
    topics_changed = Signal(frozenset)

    def __init__(
        self, taxonomy: Taxonomy, followed: frozenset[str], parent: QWidget | None = None
    ) -> None:
        """Build the column with the topics of ``taxonomy``, ``followed`` ones checked."""
        super().__init__(parent)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.filters_changed)
        news_search = QCoreApplication.translate("MainWindow", "News search")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(news_search)
        self.search.setAccessibleName(news_search)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_edited)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        self.topics = TopicFilter(taxonomy, parent=self)
        self.topics.set_selected(followed)
        self.topics.topics_changed.connect(self.topics_changed)
        sources = QCoreApplication.translate("MainWindow", "Sources")
        self.feed_model = FeedTreeModel(self)
        self.sources = QTreeView(self)
        self.sources.setModel(self.feed_model)
        self.sources.setHeaderHidden(True)
        self.sources.setAccessibleName(sources)
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.selectionModel().currentChanged.connect(self._on_source_changed)
        all_sources = QCoreApplication.translate("MainWindow", "All sources")
        self.all_sources = QPushButton(all_sources, self)
        self.all_sources.setFlat(True)
        self.all_sources.clicked.connect(self._show_all_sources)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.topics)
        sources_label = QLabel(sources, self)
        sources_label.setObjectName("sectionHeading")
        layout.addWidget(sources_label)
        layout.addWidget(self.all_sources)
        layout.addWidget(self.sources, 1)

    def search_text(self) -> str:
        """What the search box holds, trimmed."""
        return self.search.text().strip()

    def source_filter(self) -> tuple[int | None, str | None]:
        """The chosen source: ``(feed_id, None)``, ``(None, group)`` or ``(None, None)``."""
        index = self.sources.currentIndex()
        if not index.isValid():
            return None, None
        feed_id = index.data(FeedTreeModel.Role.FEED_ID)
        if feed_id is not None:
            return int(feed_id), None
        return None, index.data(FeedTreeModel.Role.GROUP)

    def source_title(self) -> str:
        """The chosen feed's or group's name as the tree shows it ("" for none)."""
        index = self.sources.currentIndex()
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def reload(self, feeds: Sequence[Feed]) -> None:
        """Show ``feeds`` (with their unread counts) in the sources tree."""
        self.feed_model.reload(feeds)

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Offer the topics of ``taxonomy``; the choice keeps the codes that still exist."""
        self.topics.set_taxonomy(taxonomy)

    @Slot(str)
    def _on_search_edited(self, text: str) -> None:
        del text
        self._search_timer.start()

    @Slot(QModelIndex, QModelIndex)
    def _on_source_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.filters_changed.emit()

    @Slot()
    def _show_all_sources(self) -> None:
        self.sources.selectionModel().clearCurrentIndex()
        self.sources.clearSelection()
        self.filters_changed.emit()
