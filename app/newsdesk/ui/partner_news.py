"""The "Partner news" panel under the article: the newest articles of the feeds in that group.

A click (or Enter) on one asks the window to show it. The texts keep the ``MainWindow``
translation context they had before this panel was a class of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from newsdesk.core.model import ArticleQuery
from newsdesk.core.storage import Storage
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.widgets.article_delegate import ArticleDelegate, restyle_list

#: The feed group whose articles the panel lists.
PARTNER_GROUP = "Partner news"
#: How many it lists.
PARTNER_COUNT = 12


class PartnerNews(QWidget):
    """A heading and a short list of the partner feeds' newest articles.

    Signals:
        article_activated(int): the ID of the article the user chose.
    """

    article_activated = Signal(int)

    def __init__(self, storage: Storage, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        """Build the panel over ``storage``; its chips name topics after ``taxonomy``."""
        super().__init__(parent)
        self.model = ArticleListModel(storage, page_size=PARTNER_COUNT, parent=self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(ArticleDelegate(taxonomy, self.list))
        partner_news = QCoreApplication.translate("MainWindow", "Partner news")
        self.list.setAccessibleName(partner_news)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._on_activated)
        self.list.clicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        title = QLabel(partner_news, self)
        title.setObjectName("sectionHeading")
        layout.addWidget(title)
        layout.addWidget(self.list)

    def reload(self) -> None:
        """Show the group's newest articles again."""
        self.model.set_query(ArticleQuery(group=PARTNER_GROUP))

    def set_density(self, density: str) -> None:
        """Row spacing of the list ("comfortable", "compact")."""
        restyle_list(self.list, density=density)

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Name the topic chips after ``taxonomy``."""
        restyle_list(self.list, taxonomy=taxonomy)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.article_activated.emit(self.model.article(index.row()).id)
