"""Reading: the article pane follows the list's chosen article (marking it read), and the
reading keys act on that article: j and k move, o and Enter open the original page, s stars,
m toggles read, Space pages down and then moves on.

The pane's own buttons (Star, Open original, an article "In other media") come here too. The
texts keep the ``MainWindow`` translation context they had before they moved here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from newsdesk.core.model import Article
from newsdesk.core.storage import Storage
from newsdesk.ui.article_column import ArticleColumn
from newsdesk.ui.link_opener import open_link
from newsdesk.ui.widgets.article_pane import ArticlePane

#: How long "That link cannot be opened." stays in the status bar.
LINK_MESSAGE_MS = 5000


class ArticleReader(QObject):
    """Shows the chosen article of ``column`` in ``pane`` and keeps its read and starred state.

    Signals:
        read_changed(): articles were marked read or unread (unread counts changed).
    """

    read_changed = Signal()

    def __init__(
        self, storage: Storage, column: ArticleColumn, pane: ArticlePane, window: QMainWindow
    ) -> None:
        """Connect ``column``'s list to ``pane``; messages go to ``window``'s status bar."""
        super().__init__(window)
        self._storage = storage
        self._column = column
        self._pane = pane
        self._window = window
        column.current_changed.connect(self._on_current_changed)
        pane.open_original.connect(self.open_link)
        pane.star_toggled.connect(self._on_star_toggled)
        pane.related_activated.connect(self.select_article)

    def current_article(self) -> Article | None:
        """The article the list has selected."""
        return self._column.current_article()

    @Slot(int)
    def select_article(self, article_id: int) -> None:
        """Show one article: select it in the list if it is there, else just open it."""
        if self._column.select(article_id):
            return
        article = self._storage.article(article_id)
        if article is not None:
            self._pane.show_article(article, self._storage.related(article_id))
            self._storage.set_read([article_id])

    @Slot()
    def next_article(self) -> None:
        """j: the next article (loads the next page at the end)."""
        self._column.next_article()

    @Slot()
    def previous_article(self) -> None:
        """k: the previous article."""
        self._column.previous_article()

    @Slot()
    def open_original(self) -> None:
        """o / Enter: open the article's page in the system browser."""
        article = self.current_article()
        if article is not None and article.link:
            self.open_link(article.link)

    @Slot(str)
    def open_link(self, url: str) -> None:
        """Open ``url`` from the chosen article (asking first where the link opener says so)."""
        article = self.current_article()
        if not open_link(url, article.link if article else None, parent=self._window):
            message = QCoreApplication.translate("MainWindow", "That link cannot be opened.")
            self._window.statusBar().showMessage(message, LINK_MESSAGE_MS)

    @Slot()
    def toggle_star(self) -> None:
        """s: star or unstar."""
        model, index = self._column.model, self._column.list.currentIndex()
        if index.isValid():
            model.toggle_starred(index.row())
            article = model.article(index.row())
            self._pane.show_article(article, self._storage.related(article.id))

    @Slot()
    def toggle_read(self) -> None:
        """m: mark read or unread."""
        model, index = self._column.model, self._column.list.currentIndex()
        if index.isValid():
            article = model.article(index.row())
            model.set_read(index.row(), not article.read)
            self.read_changed.emit()

    @Slot()
    def scroll_article(self) -> None:
        """Space: page down in the article, then go to the next one."""
        bar = self._pane.view().verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        else:
            self.next_article()

    @Slot()
    def mark_all_read(self) -> None:
        """Mark everything the list shows as read."""
        self._column.model.mark_all_read()
        self.read_changed.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            self._pane.show_article(None, [])
            return
        model = self._column.model
        article = model.article(current.row())
        fresh = self._storage.article(article.id) or article
        self._pane.show_article(fresh, self._storage.related(article.id))
        if not article.read:
            model.set_read(current.row(), True)
            self.read_changed.emit()

    @Slot(int, bool)
    def _on_star_toggled(self, article_id: int, starred: bool) -> None:
        model = self._column.model
        row = model.row_of(article_id)
        if row is not None and model.article(row).starred != starred:
            model.toggle_starred(row)
        elif row is None:
            self._storage.set_starred(article_id, starred)
