"""The window's middle column: a heading, the "Unread" and "Starred" toggles, the article list
with "Show more" below it, and a plain-text note in place of an empty list.

The column pages through whatever query the window hands it and keeps the reader's place:
new articles after a refresh are inserted while the article at the top of the view stays where
it is, and a new page size keeps the chosen article.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.model import Article, ArticleQuery
from newsdesk.core.storage import Storage
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.widgets.article_delegate import ArticleDelegate, restyle_list


class ArticleColumn(QWidget):
    """The "All news" list: a query's articles, newest first, a page at a time.

    The texts keep the ``MainWindow`` translation context they had before this column was a
    class of its own.

    Signals:
        filters_changed(): "Unread" or "Starred" was toggled.
        current_changed(QModelIndex, QModelIndex): the list's current article changed
            (current, previous), as ``QItemSelectionModel.currentChanged`` says it.
    """

    filters_changed = Signal()
    current_changed = Signal(QModelIndex, QModelIndex)

    def __init__(
        self, storage: Storage, taxonomy: Taxonomy, page_size: int, parent: QWidget | None = None
    ) -> None:
        """Build the column over ``storage``, loading ``page_size`` articles a page."""
        super().__init__(parent)
        self._storage = storage
        self._page_size = page_size
        all_news = QCoreApplication.translate("MainWindow", "All news")
        self.heading = QLabel(all_news, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.unread_only = self._toggle(
            QCoreApplication.translate("MainWindow", "Unread"),
            QCoreApplication.translate("MainWindow", "Show unread articles only"),
        )
        self.starred_only = self._toggle(
            QCoreApplication.translate("MainWindow", "★ Starred"),
            QCoreApplication.translate("MainWindow", "Show starred articles only"),
        )
        self.model = ArticleListModel(storage, page_size=page_size, parent=self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(ArticleDelegate(taxonomy, self.list))
        self.list.setAccessibleName(all_news)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self.current_changed)
        show_more = QCoreApplication.translate("MainWindow", "Show more")
        self.show_more = QPushButton(show_more, self)
        self.show_more.setAccessibleName(QCoreApplication.translate("MainWindow", "Show more news"))
        self.show_more.clicked.connect(self.show_more_articles)
        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.unread_only)
        top.addWidget(self.starred_only)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_more)

    def _toggle(self, text: str, accessible_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setAccessibleName(accessible_name)
        button.toggled.connect(self._on_toggled)
        return button

    # -- what it shows --------------------------------------------------------------------------

    def set_query(self, query: ArticleQuery) -> None:
        """Show the first page of ``query`` (a model reset)."""
        self.model.set_query(query)
        self._update_more()

    def set_heading(self, text: str) -> None:
        """The title above the list."""
        self.heading.setText(text)

    def show_empty(self, text: str | None) -> None:
        """Say ``text`` where the list would be, or, for ``None``, hide the note."""
        if text is None:
            self.empty.hide()
        else:
            self.empty.setText(text)
            self.empty.show()

    def page_size(self) -> int:
        """Articles a page (and in the first load)."""
        return self._page_size

    def set_page_size(self, page_size: int, query: ArticleQuery) -> None:
        """A new page size: a new list model on ``query``, keeping the chosen article."""
        chosen = self.current_article()
        old_model, old_selection = self.model, self.list.selectionModel()
        self._page_size = page_size
        self.model = ArticleListModel(self._storage, page_size=page_size, parent=self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self.current_changed)
        old_selection.deleteLater()
        old_model.deleteLater()
        self.set_query(query)
        row = self.model.row_of(chosen.id) if chosen is not None else None
        if row is not None:
            with QSignalBlocker(self.list.selectionModel()):
                self.list.setCurrentIndex(self.model.index(row))

    def insert_newer(self) -> None:
        """Insert the articles stored since the list was loaded; the view stays where it is."""
        top = self.list.indexAt(self.list.viewport().rect().topLeft())
        anchor = self.model.article(top.row()).id if top.isValid() else None
        offset = self.list.visualRect(top).top() if top.isValid() else 0
        self.model.insert_newer()
        row = self.model.row_of(anchor) if anchor is not None else None
        if row is not None and row != top.row():
            self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)
            bar = self.list.verticalScrollBar()
            bar.setValue(bar.value() - offset)
        self._update_more()
        self.empty.hide()

    @Slot()
    def show_more_articles(self) -> None:
        """Append the next page ("Show more")."""
        self.model.show_more()
        self._update_more()

    def _update_more(self) -> None:
        self.show_more.setVisible(self.model.has_more())

    # -- the current article --------------------------------------------------------------------

    def current_article(self) -> Article | None:
        """The article the list has selected."""
        index = self.list.currentIndex()
        return self.model.article(index.row()) if index.isValid() else None

    def select(self, article_id: int) -> bool:
        """Make ``article_id`` the current article if the list holds it; whether it does."""
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        return True

    def next_article(self) -> None:
        """The next article (loads the next page at the end)."""
        row = self.list.currentIndex().row() + 1
        if row >= self.model.rowCount() and self.model.has_more():
            self.show_more_articles()
        if row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))

    def previous_article(self) -> None:
        """The previous article."""
        row = max(0, self.list.currentIndex().row() - 1)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))

    # -- look -----------------------------------------------------------------------------------

    def set_density(self, density: str) -> None:
        """Row spacing of the list ("comfortable", "compact")."""
        restyle_list(self.list, density=density)

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Name the topic chips after ``taxonomy``."""
        restyle_list(self.list, taxonomy=taxonomy)

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        del checked
        self.filters_changed.emit()
