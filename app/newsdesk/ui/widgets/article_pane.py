"""The article browser: headline, dateline, actions, the text, and the same story elsewhere.

Feed text outside the article text (headline, source, author, related headlines) is shown as
plain text (``Qt.TextFormat.PlainText`` labels, list items): a ``QLabel`` would otherwise guess
rich text and render a title such as ``<img src="file:...">`` (notes/security-model.md §2.4).

Links leave the app only through :func:`newsdesk.ui.link_opener.open_link`. The pane calls it
itself for links in the text and for attachments; "Open original" is a request,
:attr:`ArticlePane.open_original`, which the window answers with ``open_link`` (it also has the
O and Enter keys, so the pane's actions carry no shortcuts: two would be ambiguous).

Remote images are off unless :meth:`ArticlePane.set_allow_remote_images` says otherwise (tracking
pixels tell a sender who read what, and when). The pane never downloads: it emits
:attr:`ArticlePane.images_requested` with the URLs, the window passes them to the image worker
(:class:`newsdesk.worker.images.ImageFetcher`), and the worker's bytes come back to
:meth:`ArticlePane.on_image_ready`, which decodes them with
:func:`newsdesk.ui.widgets.article_view.decode_image`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, tzinfo

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QSignalBlocker,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.links import openable
from newsdesk.core.model import Article
from newsdesk.ui.link_opener import open_link
from newsdesk.ui.widgets.article_view import PADDING, ArticleView, decode_image, format_meta

log = logging.getLogger(__name__)

#: Rows of "In other media" shown before the list scrolls.
RELATED_ROWS = 5
#: Characters of a related headline shown (the whole title is in the article itself).
RELATED_TITLE_CHARS = 160
#: Sizes relative to the interface font (before ``font_scale``).
HEADLINE_SCALE = 1.75
RELATED_TITLE_SCALE = 0.9
_ARTICLE_ID = Qt.ItemDataRole.UserRole + 1


class ArticlePane(QWidget):
    """Shows one article and what goes with it.

    Signals:
        open_original(str): "Open original" was chosen: open this address (the article's own
            http(s) page) with :func:`~newsdesk.ui.link_opener.open_link`.
        star_toggled(int, bool): the user starred (True) or unstarred an article, by id.
        related_activated(int): a story in "In other media" was chosen, by article id.
        images_requested(list): http(s) image URLs to fetch (a fresh ``list[str]``), after
            "Load images" or at once when remote images are allowed.
        article_images_requested(list, str): the same request with the address of the
            article showing the images ("" if it has none), for a fetcher that may name it as
            the ``Referer`` when the user allows that. Emitted right after ``images_requested``;
            connect one of the two.
        link_hovered(str): the real target of the link under the pointer, or ``""``.
    """

    open_original = Signal(str)
    star_toggled = Signal(int, bool)
    related_activated = Signal(int)
    images_requested = Signal(list)
    article_images_requested = Signal(list, str)
    link_hovered = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_remote_images: bool = False,
        local_zone: tzinfo | None = None,
    ) -> None:
        """Build an empty pane.

        Args:
            parent: The parent widget.
            allow_remote_images: The privacy setting (off by default: no remote requests).
            local_zone: The reader's time zone for datelines (the system's when ``None``).
        """
        super().__init__(parent)
        self._article: Article | None = None
        self._allow_images = allow_remote_images
        self._local_zone = local_zone
        self._link: str | None = None
        self._font_scale = 1.0
        self._recolouring = False

        self._headline = QLabel(self)
        self._headline.setTextFormat(Qt.TextFormat.PlainText)
        self._headline.setWordWrap(True)
        self._headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._headline.setAccessibleName(self.tr("Headline"))
        self._headline.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self._meta = QLabel(self)
        self._meta.setTextFormat(Qt.TextFormat.PlainText)
        self._meta.setWordWrap(True)
        self._meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._meta.setAccessibleName(self.tr("Source, author and date"))

        self.open_action = QAction(self.tr("Open original"), self)
        self.open_action.setToolTip(self.tr("Open the article's page in your web browser (O)"))
        self.copy_action = QAction(self.tr("Copy link"), self)
        self.copy_action.setToolTip(self.tr("Copy the address of the article's page"))
        self.star_action = QAction(self.tr("Star"), self)
        self.star_action.setCheckable(True)
        self.star_action.setToolTip(self.tr("Keep this article in Starred (S)"))
        self.images_action = QAction(self.tr("Load images"), self)
        self.images_action.setToolTip(
            self.tr("Download this article's pictures (the site learns that you read it)")
        )
        self.open_action.triggered.connect(self._on_open_original)
        self.copy_action.triggered.connect(self._on_copy_link)
        self.star_action.toggled.connect(self._on_star_toggled)
        self.images_action.triggered.connect(self._on_load_images)

        self._buttons: dict[QAction, QToolButton] = {}
        actions_row = QHBoxLayout()
        actions_row.setContentsMargins(0, 0, 0, 0)
        actions_row.setSpacing(6)
        for action in (self.open_action, self.copy_action, self.star_action, self.images_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text())
            button.setAutoRaise(False)
            self._buttons[action] = button
            actions_row.addWidget(button)
        actions_row.addStretch(1)

        self._view = ArticleView(self, show_headline=False)
        self._view.setPlaceholderText(self.tr("Choose an article in the list to read it here."))
        self._view.link_activated.connect(self._on_link_activated)
        self._view.link_hovered.connect(self.link_hovered)

        self._related_title = QLabel(self.tr("In other media"), self)
        self._related_title.setTextFormat(Qt.TextFormat.PlainText)
        self._related_title.setAccessibleName(self.tr("In other media"))
        self._related = QListWidget(self)
        self._related.setAccessibleName(self.tr("In other media"))
        self._related.setWordWrap(True)
        self._related.setUniformItemSizes(False)
        self._related.setFrameShape(QFrame.Shape.NoFrame)
        self._related.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._related.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._related.setSpacing(2)
        # A click chooses a story; Enter is caught in eventFilter. (itemActivated would fire
        # twice for one click on styles that activate on single click.)
        self._related.itemClicked.connect(self._on_related_item)
        self._related.installEventFilter(self)

        header = QWidget(self)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(PADDING, PADDING, PADDING, 4)
        header_layout.setSpacing(8)
        header_layout.addWidget(self._headline)
        header_layout.addWidget(self._meta)
        header_layout.addLayout(actions_row)
        self._header = header

        self._rule = QFrame(self)
        self._rule.setFrameShape(QFrame.Shape.HLine)
        self._rule.setFrameShadow(QFrame.Shadow.Sunken)

        related = QWidget(self)
        related_layout = QVBoxLayout(related)
        related_layout.setContentsMargins(PADDING, 8, PADDING, 8)
        related_layout.setSpacing(4)
        related_layout.addWidget(self._related_title)
        related_layout.addWidget(self._related)
        self._related_box = related

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._rule)
        layout.addWidget(related)
        self._style_texts()
        self.setAccessibleName(self.tr("Article"))
        self.clear()

    # -- public API ----------------------------------------------------------------------------

    def view(self) -> ArticleView:
        """The article text widget."""
        return self._view

    def article(self) -> Article | None:
        """The article shown, if any."""
        return self._article

    def show_article(self, article: Article | None, related: Sequence[Article] = ()) -> None:
        """Show ``article`` and, under "In other media", ``related`` (or an empty pane)."""
        if article is None:
            self.clear()
            return
        # The same article again (starred, marked read): keep its place and its pictures.
        same = self._article is not None and article.id == self._article.id
        position = self._view.verticalScrollBar().value() if same else 0
        load = self._allow_images or (same and self._view.load_images())
        self._article = article
        self._link = openable(article.link, allow_mailto=False) if article.link else None
        self._header.setVisible(True)
        self._headline.setText(" ".join(article.title.split()) or self.tr("(no title)"))
        self._fit_headline()
        self._meta.setText(format_meta(article, self.locale(), self._local_zone))
        self.open_action.setEnabled(self._link is not None)
        self.copy_action.setEnabled(self._link is not None)
        self.star_action.setEnabled(True)
        with QSignalBlocker(self.star_action):
            self.star_action.setChecked(article.starred)
        self._update_star_text()
        self._view.set_date_context(self.locale(), self._local_zone)
        self._view.show_article(article, load_images=load)
        self._view.verticalScrollBar().setValue(position)
        self._fill_related(related)
        self._update_images_action()
        if load:
            self._request_images()

    def show_message(self, markup: str) -> None:
        """Show a page the app wrote itself (welcome, offline note) where the article goes.

        ``markup`` is trusted HTML built by the caller with every value escaped; see
        :meth:`ArticleView.show_message`. Choosing an article replaces it.
        """
        self.clear()
        self._view.show_message(markup)

    def message(self) -> str | None:
        """The app's own page shown instead of an article, if any."""
        return self._view.message()

    def set_font_scale(self, scale: float) -> None:
        """Scale the headline, dateline and text (``appearance.font_scale``), live."""
        self._view.set_font_scale(scale)
        scale = self._view.font_scale()
        if scale != self._font_scale:
            self._font_scale = scale
            self._apply_fonts()

    def font_scale(self) -> float:
        """The scale applied to the article's text."""
        return self._font_scale

    def clear(self) -> None:
        """Show nothing (no article chosen)."""
        self._article = None
        self._link = None
        self._headline.clear()
        self._meta.clear()
        self._header.setVisible(False)
        for action in (self.open_action, self.copy_action, self.star_action, self.images_action):
            action.setEnabled(False)
        with QSignalBlocker(self.star_action):
            self.star_action.setChecked(False)
        self._update_star_text()
        self._buttons[self.images_action].setVisible(False)
        self._view.show_article(None)
        self._fill_related(())

    def set_allow_remote_images(self, allow: bool) -> None:
        """Apply the privacy setting; allowing it fetches the current article's images now."""
        if allow == self._allow_images:
            return
        self._allow_images = allow
        if self._article is not None:
            self._view.set_load_images(allow)
            if allow:
                self._request_images()
        self._update_images_action()

    def allow_remote_images(self) -> bool:
        """The privacy setting as the pane applies it."""
        return self._allow_images

    def set_image(self, url: str, image: QImage) -> bool:
        """Show a decoded image the app fetched for ``url``."""
        return self._view.set_image(url, image)

    def related_count(self) -> int:
        """How many stories "In other media" lists."""
        return self._related.count()

    # -- worker receivers (GUI thread) ---------------------------------------------------------

    @Slot(str, bytes)
    def on_image_ready(self, url: str, data: bytes) -> None:
        """Decode an image the image worker downloaded and show it."""
        if url not in self._view.image_urls():
            return  # an image of an article no longer shown
        image = decode_image(data, self._view.decode_width())
        if image.isNull():
            log.info("Image %.200s could not be shown (refused or not an image)", url)
            return
        self._view.set_image(url, image)

    @Slot(str, str)
    def on_image_failed(self, url: str, reason: str) -> None:
        """An image could not be fetched: the placeholder stays."""
        log.info("Image %.200s not loaded: %s", url, reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter on a story in "In other media" chooses it."""
        # Only key presses are looked at: while Qt tears the window down, other events still
        # arrive after Python has let go of this pane's attributes.
        if event.type() != QEvent.Type.KeyPress:
            return False
        if (
            watched is getattr(self, "_related", None)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            item = self._related.currentItem()
            if item is not None:
                self._on_related_item(item)
                return True
        return False

    def _fit_headline(self) -> None:
        # A word-wrapped label keeps the height of its previous text when the layout does not
        # ask again (the header was hidden meanwhile): size it for its current width.
        width = self._headline.width() or self._headline.sizeHint().width()
        self._headline.setMinimumHeight(max(0, self._headline.heightForWidth(width)))
        layout = self._header.layout() if hasattr(self, "_header") else None
        if layout is not None:
            layout.activate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Follow a new palette (the theme changed): the page and muted colours derive from it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_related_box"):
            self._apply_colours()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Keep the headline about as wide as the text column below it."""
        super().resizeEvent(event)
        if not hasattr(self, "_related_box"):
            return  # still in __init__
        self._fit_header()
        if self._related.count():
            self._fit_related()

    # -- internals -----------------------------------------------------------------------------

    def _fit_header(self) -> None:
        width = round(self._view.comfortable_width() * 1.2)
        self._headline.setMaximumWidth(width)
        self._meta.setMaximumWidth(width)
        self._fit_headline()

    def _style_texts(self) -> None:
        self.setAutoFillBackground(True)
        self._apply_colours()
        self._apply_fonts()

    def _apply_colours(self) -> None:
        """One page: the header and "In other media" share the text's background colour.

        Derived from the palette the pane inherits, again after every theme change (a role set
        on a widget no longer follows the application palette).
        """
        if self._recolouring:
            return
        self._recolouring = True
        try:
            # Only the roles set here become the pane's own; the rest keep following the
            # palette it inherits, so the next theme change reaches it (as a PaletteChange).
            base = self.palette().color(QPalette.ColorRole.Base)
            if self.palette().color(QPalette.ColorRole.Window) != base:
                page = QPalette()
                page.setColor(QPalette.ColorRole.Window, base)
                self.setPalette(page)
            muted_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
            for label in (self._meta, self._related_title):
                if label.palette().color(QPalette.ColorRole.WindowText) != muted_colour:
                    muted = QPalette()
                    muted.setColor(QPalette.ColorRole.WindowText, muted_colour)
                    label.setPalette(muted)
        finally:
            self._recolouring = False

    def _apply_fonts(self) -> None:
        base = QApplication.font(self)
        font = QFont(base)
        _scale_font(font, HEADLINE_SCALE * self._font_scale)
        font.setWeight(QFont.Weight.Bold)
        self._headline.setFont(font)
        meta_font = QFont(base)
        _scale_font(meta_font, self._font_scale)
        self._meta.setFont(meta_font)
        title_font = QFont(base)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_font.setCapitalization(QFont.Capitalization.AllUppercase)
        title_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        _scale_font(title_font, RELATED_TITLE_SCALE * self._font_scale)
        self._related_title.setFont(title_font)
        related_font = QFont(base)
        _scale_font(related_font, self._font_scale)
        self._related.setFont(related_font)
        if self._article is not None:
            self._fit_header()
            if self._related.count():
                self._fit_related()

    def _fill_related(self, related: Sequence[Article]) -> None:
        self._related.clear()
        locale = self.locale()
        for story in related:
            title = " ".join(story.title.split())
            if len(title) > RELATED_TITLE_CHARS:
                title = title[: RELATED_TITLE_CHARS - 1] + "…"
            source = " ".join(story.feed_title.split())
            when = (
                story.published if story.published.tzinfo else story.published.replace(tzinfo=UTC)
            )
            try:
                local = when.astimezone(self._local_zone) if self._local_zone else when.astimezone()
            except (OverflowError, ValueError, OSError):
                local = when
            moment = QDateTime(
                QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
            )
            stamp = locale.toString(moment, QLocale.FormatType.ShortFormat)
            item = QListWidgetItem(f"{title} — {source}, {stamp}")
            item.setData(_ARTICLE_ID, story.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {source}, {stamp}")
            self._related.addItem(item)
        has_related = self._related.count() > 0
        self._related_box.setVisible(has_related)
        self._rule.setVisible(has_related)
        if has_related:
            self._fit_related()

    def _fit_related(self) -> None:
        """Make "In other media" as tall as its first rows, wrapped at the pane's width.

        Estimated from the text widths: the list's own layout is not known before it is shown.
        """
        count = min(RELATED_ROWS, self._related.count())
        if not count:
            return
        metrics = self._related.fontMetrics()
        scrollbar = self._related.verticalScrollBar().sizeHint().width()
        width = max(100, self.width() - 2 * PADDING - scrollbar - 12)
        height = 0
        for row in range(count):
            advance = metrics.horizontalAdvance(self._related.item(row).text())
            lines = min(3, 1 + advance // width)
            height += lines * metrics.lineSpacing() + 4 + 2 * self._related.spacing()
        self._related.setFixedHeight(height + 2 * self._related.frameWidth())

    def _update_star_text(self) -> None:
        starred = self.star_action.isChecked()
        self.star_action.setText(self.tr("★ Starred") if starred else self.tr("☆ Star"))
        button = self._buttons.get(self.star_action)
        if button is not None:
            button.setAccessibleName(self.tr("Starred") if starred else self.tr("Star"))

    def _update_images_action(self) -> None:
        wanted = (
            self._article is not None
            and not self._allow_images
            and not self._view.load_images()
            and bool(self._view.image_urls())
        )
        self.images_action.setEnabled(wanted)
        self._buttons[self.images_action].setVisible(wanted)

    def _request_images(self) -> None:
        missing = self._view.missing_image_urls()
        if missing:
            self.images_requested.emit(list(missing))
            self.article_images_requested.emit(list(missing), self._link or "")

    # -- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_open_original(self) -> None:
        if self._link is not None:
            self.open_original.emit(self._link)

    @Slot()
    def _on_copy_link(self) -> None:
        if self._link is not None:
            QGuiApplication.clipboard().setText(self._link)

    @Slot(bool)
    def _on_star_toggled(self, checked: bool) -> None:
        self._update_star_text()
        if self._article is not None:
            self.star_toggled.emit(self._article.id, checked)

    @Slot()
    def _on_load_images(self) -> None:
        if self._article is None:
            return
        self._view.set_load_images(True)
        self._update_images_action()
        self._request_images()

    @Slot(str)
    def _on_link_activated(self, url: str) -> None:
        base = self._article.link if self._article is not None else None
        open_link(url, base, parent=self)

    @Slot(QListWidgetItem)
    def _on_related_item(self, item: QListWidgetItem) -> None:
        article_id = item.data(_ARTICLE_ID)
        if isinstance(article_id, int):
            self.related_activated.emit(article_id)


def _scale_font(font: QFont, factor: float) -> None:
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))


__all__ = ["ArticlePane"]
