"""A first main window: the newest headlines, as plain text. The full window comes later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from newsdesk import APP_NAME
from newsdesk.core.model import ArticleQuery
from newsdesk.core.profile import Profile

SHOWN = 200


class MainWindow(QMainWindow):
    """The newest articles of every feed, newest first."""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self._profile = profile
        self.setWindowTitle(APP_NAME)
        self.resize(900, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        heading = QLabel(self.tr("All news"), central)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self._list = QListWidget(central)
        self._list.setAccessibleName(self.tr("All news"))
        self._list.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self._list)
        self.setCentralWidget(central)
        for warning in profile.warnings:
            self.statusBar().showMessage(warning)
        self.reload()

    def reload(self) -> None:
        """Show the newest articles."""
        self._list.clear()
        page = self._profile.storage.articles(ArticleQuery(), limit=SHOWN)
        for article in page.articles:
            when = article.published.astimezone().strftime("%d %b %H:%M")
            item = QListWidgetItem(f"{article.title}\n{article.feed_title} · {when}")
            item.setToolTip(article.link or "")
            self._list.addItem(item)
        if not page.articles:
            self.statusBar().showMessage(self.tr("No articles yet: run “newsdesk refresh”."))

    def article_count(self) -> int:
        """How many articles the list shows."""
        return self._list.count()
