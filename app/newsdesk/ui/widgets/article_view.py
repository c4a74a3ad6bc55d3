"""The article text: a QTextBrowser that never reads the disk, never navigates, never fetches.

Why a QTextBrowser built this way and not a QWebEngineView (notes/security-model.md §2.1, §2.2,
§2.4): WebEngine is not in PySide6-Essentials and defaults to JavaScript and local file access
on; QTextBrowser runs no script at all. But a default QTextBrowser is not safe either, and the
probes on this Qt showed exactly where:

* It loads ``<img src>`` from disk (``file:``, bare and relative paths, ``../``, ``qrc:``):
  ``file:///dev/zero`` aborts the process, a FIFO freezes the GUI. Returning ``None`` from
  :meth:`loadResource` lets Qt open the file itself, so :meth:`ArticleView.loadResource` never
  calls ``super()`` and always returns a ``QImage``: one the app fetched itself (kept in memory,
  keyed by its normalised http(s) URL) or a placeholder. Stylesheets get the placeholder image
  too, not ``""``: a ``""`` cached for a URL that an ``<img>`` also names makes Qt's image
  handler read that path from disk (probed here: a local PNG loaded, a FIFO hung).
* Clicking a link calls ``setSource()`` (a ``file:`` link loads that file into the pane) or,
  with ``openExternalLinks``, passes ``smb:``/``javascript:`` straight to the desktop. So
  ``openLinks`` and ``openExternalLinks`` are off, :meth:`doSetSource` is a no-op, and
  ``anchorClicked`` goes through :func:`newsdesk.core.links.openable` before
  :attr:`ArticleView.link_activated` is emitted.
* A ``title`` attribute (which the sanitiser keeps on ``<a>``, ``<img>``, ``<abbr>``) becomes a
  hover tooltip, and Qt shows tooltips as rich text when they look like HTML: a title
  ``&lt;img src=&quot;file:///dev/zero&quot;&gt;`` aborted the process on hover (probed here).
  The view answers tooltip events itself, with the link target as escaped text.

Remote images are shown only after the app fetched them (off the GUI thread, capped; see
:mod:`newsdesk.worker.images`) and decoded them with :func:`decode_image`, which refuses
images whose header declares more pixels than :data:`MAX_IMAGE_PIXELS` before any pixel is
decoded (a 1 MB PNG can declare 20000x20000).
"""

from __future__ import annotations

import html
import logging
import re
from collections import OrderedDict
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QIODevice,
    QLocale,
    QSize,
    Qt,
    QTime,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip, QWidget

from newsdesk.core.dates import format_offset
from newsdesk.core.links import openable, safe_link
from newsdesk.core.model import Article, DateNote, Enclosure
from newsdesk.ui.link_opener import display_url

log = logging.getLogger(__name__)

#: ``QImageReader``'s allocation limit in MB while decoding (Qt's own default, set explicitly).
ALLOCATION_LIMIT_MB = 256
#: Images whose header declares more pixels are refused before decoding (a 4x margin over the
#: 8-megapixel photos news sites serve, and 160 MB as 32-bit pixels).
MAX_IMAGE_PIXELS = 40_000_000
#: Raster formats decoded; SVG (which can reference other files), XPM, TIFF and the rest are not.
IMAGE_FORMATS = frozenset({"png", "jpeg", "jpg", "gif", "webp", "bmp"})
#: Remote images listed (and so fetched) per article at most.
MAX_IMAGES = 20
#: Fetched images kept in memory across articles (most recent first out).
CACHED_IMAGES = 48
#: The text column is at most this many characters of running text wide (a comfortable line).
COLUMN_CHARS = 76
_SAMPLE = "The quick brown fox jumps over the lazy dog; Съешь же ещё этих мягких булок."
#: Space between the view's edges and the text, in pixels.
PADDING = 20
#: The article text is this much larger than the interface font (before ``font_scale``).
TEXT_SCALE = 1.15
#: The range of ``appearance.font_scale`` the view accepts.
FONT_SCALES = (0.5, 3.0)

_IMAGE = QTextDocument.ResourceType.ImageResource.value
_WEEKDAY = re.compile(r"dddd[\s,.]*|[\s,.]*dddd")

STYLE_SHEET = """
p, li, dd, blockquote, div { line-height: 145%; }
p { margin-top: 0px; margin-bottom: 12px; }
img { float: left; margin-right: 12px; margin-bottom: 6px; }
h1 { font-size: x-large; font-weight: 600; margin-top: 0px; margin-bottom: 6px; }
h2, h3, h4 { font-weight: 600; margin-top: 18px; margin-bottom: 8px; }
blockquote { margin-left: 18px; margin-right: 18px; font-style: italic; }
a { text-decoration: none; color: @link; }
.meta { color: @muted; margin-bottom: 18px; }
.note { color: @muted; }
.figure { margin-top: 4px; margin-bottom: 18px; line-height: 100%; }
.attachments { color: @muted; margin-top: 18px; }
.attachments-title { font-weight: 600; }
"""


# -- images ------------------------------------------------------------------------------------


def decode_image(data: bytes, max_width: int) -> QImage:
    """Decode image bytes the app fetched, safely; a null ``QImage`` when refused.

    Only :data:`IMAGE_FORMATS` are decoded, told apart by content, not by the server's word.
    The header's declared size is checked against :data:`MAX_IMAGE_PIXELS` before decoding, and
    ``QImageReader`` also enforces :data:`ALLOCATION_LIMIT_MB`. Wider images are decoded at
    ``max_width`` (JPEG scales while decoding). Images of 1 pixel in either direction are
    tracking pixels or spacers and are dropped too.

    Args:
        data: The body of an image response.
        max_width: The widest image wanted, in device pixels.

    Returns:
        The decoded image, or a null ``QImage``.
    """
    if not data:
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return QImage()
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if kind not in IMAGE_FORMATS:
        log.info("Refused an image of format %r", kind)
        return QImage()
    declared = reader.size()
    if not declared.isValid() or declared.width() <= 1 or declared.height() <= 1:
        return QImage()
    if declared.width() * declared.height() > MAX_IMAGE_PIXELS:
        log.info("Refused an image declaring %dx%d pixels", declared.width(), declared.height())
        return QImage()
    max_width = max(1, max_width)
    if declared.width() > max_width:
        height = max(1, round(declared.height() * max_width / declared.width()))
        reader.setScaledSize(QSize(max_width, height))
    image = reader.read()
    if image.isNull():
        log.info("Could not decode an image: %s", reader.errorString())
        return QImage()
    if image.width() <= 1 or image.height() <= 1:
        return QImage()
    return image


class _ImageSources(HTMLParser):
    """Collects ``<img src>`` values (a linear scan; nothing is fetched or resolved here)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and len(self.sources) < MAX_IMAGES * 4:
            for name, value in attrs:
                if name == "src" and value:
                    self.sources.append(value)
                    break

    handle_startendtag = handle_starttag


def image_sources(markup: str) -> list[str]:
    """The ``src`` of each ``<img>`` in ``markup``, as written."""
    parser = _ImageSources()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # HTMLParser is lenient; a bug in it must not break the article
        log.exception("Could not scan an article for images")
    return parser.sources


def image_key(url: str, base: str | None = None) -> str | None:
    """The one spelling of an http(s) image URL used to fetch, store and look images up.

    ``url`` is resolved against an http(s) ``base``; anything that is not http(s) is ``None``.
    """
    resolved = safe_link(url, base)
    if resolved is None:
        return None
    qurl = QUrl(resolved, QUrl.ParsingMode.TolerantMode)
    if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https"):
        return None
    qurl.setFragment(None)  # type: ignore[arg-type]  # a null QString removes the fragment
    return bytes(qurl.toEncoded().data()).decode("ascii", "replace")


# -- the dateline ------------------------------------------------------------------------------


def _date_format(locale: QLocale) -> str:
    """The locale's long date format without the weekday ("MMMM d, yyyy", "d MMMM yyyy 'г.'")."""
    fmt = _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip(" ,")
    return fmt or "d MMMM yyyy"


def _format(locale: QLocale, moment: datetime) -> tuple[str, str]:
    day = locale.toString(QDate(moment.year, moment.month, moment.day), _date_format(locale))
    clock = locale.toString(
        QTime(moment.hour, moment.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    return day, clock


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def format_dateline(
    article: Article, locale: QLocale | None = None, local_zone: tzinfo | None = None
) -> str:
    """When the article was published, as its source wrote it, in the user's language.

    ``"26 October 2011, 13:39 UTC+3"``, with the reader's own time added in brackets when
    their zone differs: ``"... UTC+3 (11:39 your time)"``. A missing, unreadable or future
    date is said so, with the time the article was first seen instead.

    Args:
        article: The article.
        locale: The language and formats (the default ``QLocale()`` when ``None``).
        local_zone: The reader's zone (the system's when ``None``).
    """
    locale = locale or QLocale()
    published = article.published
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    try:
        local = published.astimezone(local_zone) if local_zone else published.astimezone()
    except (OverflowError, ValueError, OSError):
        local = published.astimezone(UTC)
    if article.date_note is not DateNote.OK:
        day, clock = _format(locale, local)
        seen = f"{day}, {clock} {format_offset(_offset_minutes(local))}"
        # A literal context and text at each call: lupdate reads nothing else.
        if article.date_note is DateNote.MISSING:
            template = QCoreApplication.translate("ArticleView", "date not given; first seen {0}")
        elif article.date_note is DateNote.INVALID:
            template = QCoreApplication.translate("ArticleView", "date unreadable; first seen {0}")
        elif article.date_note is DateNote.FUTURE:
            template = QCoreApplication.translate(
                "ArticleView", "dated in the future; first seen {0}"
            )
        else:
            template = QCoreApplication.translate("ArticleView", "first seen {0}")
        return template.format(seen)
    offset = article.utc_offset_minutes or 0
    try:
        as_published = published.astimezone(timezone(timedelta(minutes=offset)))
    except (OverflowError, ValueError):
        offset, as_published = 0, published.astimezone(UTC)
    day, clock = _format(locale, as_published)
    text = f"{day}, {clock} {format_offset(offset)}"
    if _offset_minutes(local) != offset:
        local_day, local_clock = _format(locale, local)
        when = local_clock if local.date() == as_published.date() else f"{local_day}, {local_clock}"
        text += " " + QCoreApplication.translate("ArticleView", "({0} your time)").format(when)
    return text


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def format_meta(
    article: Article, locale: QLocale | None = None, local_zone: tzinfo | None = None
) -> str:
    """Source, author and date on one line: ``"TASS · Ivan Petrov · 26 October 2011, ..."``.

    Plain text: show it with ``Qt.TextFormat.PlainText`` or escape it.
    """
    source = _clean(article.feed_title)
    author = _clean(article.author)
    parts = [source]
    if author and author.casefold() != source.casefold():
        parts.append(author)
    parts.append(format_dateline(article, locale, local_zone))
    return " · ".join(part for part in parts if part)


# -- the view ----------------------------------------------------------------------------------


class ArticleView(QTextBrowser):
    """Shows one article's HTML, treating it as hostile whatever was done to it before.

    Signals:
        link_activated(str): a link in the text was clicked or activated with the keyboard and
            the link policy allows it; the payload is the resolved http(s) or mailto URL.
        link_refused(str): a clicked link was not allowed (``file:``, ``javascript:``, ...);
            the payload is the link as written.
        link_hovered(str): the pointer or focus is on a link: its real target (punycode host),
            a "not opened" note for refused links, or ``""`` when it left the link.
    """

    link_activated = Signal(str)
    link_refused = Signal(str)
    link_hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_headline: bool = True) -> None:
        """Create an empty view; ``show_headline`` puts the title and dateline in the text."""
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setAccessibleName(self.tr("Article text"))
        self._show_headline = show_headline
        self._article: Article | None = None
        self._load_images = False
        self._keys: list[str] = []  # the current article's image keys, lead image first
        self._lead_key: str | None = None
        self._body_keys: frozenset[str] = frozenset()
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._fitted: dict[tuple[str, int], QImage] = {}
        self._placeholder = QImage()
        self._locale: QLocale | None = None
        self._local_zone: tzinfo | None = None
        self._message: str | None = None
        self._font_scale = 1.0
        self._apply_font()
        self._apply_style()
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(120)
        self._relayout.timeout.connect(self._on_relayout)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_highlighted)

    # -- public API ----------------------------------------------------------------------------

    def article(self) -> Article | None:
        """The article shown, if any."""
        return self._article

    def set_date_context(self, locale: QLocale | None, local_zone: tzinfo | None) -> None:
        """The language and the reader's zone used for the dateline (tests pin both)."""
        self._locale = locale
        self._local_zone = local_zone

    def show_article(self, article: Article | None, *, load_images: bool = False) -> None:
        """Show ``article`` (or nothing), from the top.

        Args:
            article: The article; its HTML is treated as hostile.
            load_images: Show images the app has fetched (see :meth:`set_image`); when
                False every image is a placeholder, whatever is cached.
        """
        self._article = article
        self._message = None
        self._load_images = load_images
        self._keys, self._lead_key, self._body_keys = self._collect_keys(article)
        self._render(keep_scroll=False)

    def show_message(self, markup: str) -> None:
        """Show a page the app wrote itself (the welcome, the offline note) instead of an article.

        ``markup`` is trusted HTML: the caller builds it and escapes every value it puts in
        (paths, dates). It is styled like an article and follows the palette and font scale;
        no image is ever loaded for it (:meth:`loadResource` answers placeholders).
        """
        self._article = None
        self._message = markup
        self._load_images = False
        self._keys, self._lead_key, self._body_keys = [], None, frozenset()
        self._render(keep_scroll=False)

    def message(self) -> str | None:
        """The app's own page shown instead of an article, if any."""
        return self._message

    def set_font_scale(self, scale: float) -> None:
        """Make the text ``scale`` times its usual size (``appearance.font_scale``), live."""
        scale = min(max(float(scale), FONT_SCALES[0]), FONT_SCALES[1])
        if scale != self._font_scale:
            self._font_scale = scale
            self._apply_font()  # FontChange re-renders, keeping the place

    def font_scale(self) -> float:
        """The scale applied to the text size."""
        return self._font_scale

    def set_load_images(self, load: bool) -> None:
        """Show fetched images (True) or placeholders (False) in the current article."""
        if load != self._load_images:
            self._load_images = load
            self._render(keep_scroll=True)

    def load_images(self) -> bool:
        """Whether fetched images are shown."""
        return self._load_images

    def image_urls(self) -> list[str]:
        """The http(s) image URLs of the current article, lead image first, without repeats."""
        return list(self._keys)

    def has_image(self, url: str) -> bool:
        """Whether a fetched image for ``url`` is in memory."""
        key = image_key(url)
        return key is not None and key in self._images

    def missing_image_urls(self) -> list[str]:
        """The current article's image URLs not fetched yet."""
        return [key for key in self._keys if key not in self._images]

    def decode_width(self) -> int:
        """The widest image worth decoding for this view, in device pixels."""
        return round(self.comfortable_width() * self.devicePixelRatioF())

    def set_image(self, url: str, image: QImage) -> bool:
        """Add an image the app fetched for ``url``; the article is redrawn if it uses it.

        Returns:
            False when the image is refused (not http(s), null, 1 pixel wide or high).
        """
        key = image_key(url)
        if key is None or image.isNull() or image.width() <= 1 or image.height() <= 1:
            return False
        limit = self.decode_width()
        if image.width() > limit:
            image = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > CACHED_IMAGES:
            self._images.popitem(last=False)
        if key in self._keys and self._load_images:
            self._render(keep_scroll=True)
        return True

    def comfortable_width(self) -> int:
        """The widest the text column gets, in pixels: :data:`COLUMN_CHARS` of running text."""
        metrics = QFontMetricsF(self.document().defaultFont())
        return round(metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * COLUMN_CHARS)

    def column_width(self) -> int:
        """The width of the text column in pixels (the view's width, up to a comfortable one)."""
        available = self.viewport().width() - 2 * PADDING
        return max(120, min(self.comfortable_width(), available))

    # -- Qt overrides --------------------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt override)
        """Images only from memory, else a placeholder image, for every kind. Never ``super()``.

        Qt reads the file itself when this returns ``None`` (or raises), so every path returns a
        ``QImage``, even for stylesheets: ``QTextDocument`` caches answers by URL alone, and when
        an image's URL has a cached answer that is not an image (the ``""`` a stylesheet
        ``@import`` of the same URL got), Qt's image handler opens the path itself. Probed on
        Qt 6.12: ``@import url(x.png)`` plus ``<img src=x.png>`` read ``x.png`` from disk, and
        hung on a FIFO. A ``QImage`` is neither text nor bytes, so a stylesheet gets nothing.
        """
        try:
            if int(kind) != _IMAGE or not self._load_images:
                return self._placeholder
            text = name if isinstance(name, str) else name.toString()
            key = image_key(text, self._base())
            image = self._images.get(key) if key else None
            if image is None or key is None:
                return self._placeholder
            return self._fit(key, image)
        except Exception:
            log.exception("loadResource failed; answering with a placeholder")
            return self._placeholder

    def doSetSource(  # noqa: N802 (Qt override)
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Never navigate: an article view shows only what :meth:`show_article` gave it."""
        text = name if isinstance(name, str) else name.toString()
        log.warning("Refused to navigate the article view to %.200r", text)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Answer tooltips here: feed ``title`` attributes must never reach a rich tooltip."""
        if event.type() == QEvent.Type.ToolTip:
            if isinstance(event, QHelpEvent):
                self._show_tooltip(event)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tooltips over the frame are answered (hidden) here too."""
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.hideText()
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Enter on a link keeps that link focused, so Tab then goes on to the next one.

        (Qt collapses the selection to the link's end, and the next Tab selects the same link
        again: a keyboard user would be stuck on the first link they open.)
        """
        focused = self.textCursor()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        super().keyPressEvent(event)
        if enter and focused.hasSelection() and not self.textCursor().hasSelection():
            self.setTextCursor(focused)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Keep the text column and the images within the new width."""
        super().resizeEvent(event)
        if not self._constructed():
            return
        self._apply_column()
        if self._load_images and any(key in self._images for key in self._keys):
            self._relayout.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Follow palette and font changes (dark mode)."""
        super().changeEvent(event)
        if not self._constructed():
            return  # Qt sends these while __init__ still runs
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._apply_style()
            if self._article is not None or self._message is not None:
                self._render(keep_scroll=True)

    # -- rendering ----------------------------------------------------------------------------

    def _constructed(self) -> bool:
        return hasattr(self, "_relayout")  # the last attribute __init__ sets

    def _base(self) -> str | None:
        return self._article.link if self._article is not None else None

    @staticmethod
    def _collect_keys(
        article: Article | None,
    ) -> tuple[list[str], str | None, frozenset[str]]:
        if article is None:
            return [], None, frozenset()
        body = article.content_html or article.summary_html or ""
        in_body = [image_key(src, article.link) for src in image_sources(body)]
        # The feed's own picture leads the article only when the text has none of its own
        # (feeds often repeat it there as a thumbnail); what is not shown is not fetched.
        lead = image_key(article.image, article.link) if article.image and not in_body else None
        keys: list[str] = []
        for key in [lead, *in_body]:
            if key and key not in keys:
                keys.append(key)
            if len(keys) >= MAX_IMAGES:
                break
        return keys, lead, frozenset(key for key in in_body if key)

    def _apply_font(self) -> None:
        font = QFont(QApplication.font(self))
        factor = TEXT_SCALE * self._font_scale
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * factor)
        elif font.pixelSize() > 0:
            font.setPixelSize(max(1, round(font.pixelSize() * factor)))
        self.setFont(font)
        self.document().setDefaultFont(font)

    def _apply_style(self) -> None:
        # Links take the palette's link colour explicitly: QTextDocument otherwise colours them
        # from the application palette as it was when the HTML was parsed.
        link = self.palette().color(QPalette.ColorRole.Link)
        self.document().setDefaultStyleSheet(
            STYLE_SHEET.replace("@muted", self._shade(0.55).name()).replace("@link", link.name())
        )
        # An image not fetched (or not to be shown) is an empty box: a 1x1 pixel of the
        # background's shade, stretched to the size the HTML declares.
        placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
        placeholder.fill(self._shade(0.08))
        self._placeholder = placeholder

    def _shade(self, amount: float) -> QColor:
        """The text colour mixed into the background by ``amount`` (0 = background)."""
        text = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Base)
        return QColor.fromRgbF(
            base.redF() + (text.redF() - base.redF()) * amount,
            base.greenF() + (text.greenF() - base.greenF()) * amount,
            base.blueF() + (text.blueF() - base.blueF()) * amount,
        )

    def _render(self, *, keep_scroll: bool) -> None:
        bar = self.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        self._fitted.clear()
        if self._article is None:
            if self._message is None:
                self.clear()
                return
            self.setHtml(self._message)
            self._apply_column()
            bar.setValue(position)
            return
        self.setHtml(self._markup(self._article))
        self._apply_column()
        bar.setValue(position)

    def _markup(self, article: Article) -> str:
        parts: list[str] = []
        if self._show_headline:
            parts.append(f"<h1>{html.escape(_clean(article.title))}</h1>")
            meta = format_meta(article, self._locale, self._local_zone)
            parts.append(f'<p class="meta">{html.escape(meta)}</p>')
        body = article.content_html or article.summary_html or ""
        lead = self._lead_key
        if lead and self._load_images and lead in self._images and lead not in self._body_keys:
            source = html.escape(lead, quote=True)
            parts.append(f'<p class="figure"><img style="float: none" src="{source}"></p>')
        parts.append(f"<div>{body}</div>")
        parts.append(self._attachments(article))
        return "\n".join(part for part in parts if part)

    def _attachments(self, article: Article) -> str:
        rows: list[str] = []
        shown_lead = self._lead_key
        for enclosure in article.enclosures[:20]:
            target = openable(enclosure.url, article.link, allow_mailto=False)
            if target is None:
                continue
            if image_key(target) == shown_lead and enclosure.type.startswith("image/"):
                continue  # the lead picture itself
            rows.append(self._attachment(target, enclosure))
        if not rows:
            return ""
        title = html.escape(QCoreApplication.translate("ArticleView", "Attachments"))
        return (
            f'<p class="attachments"><span class="attachments-title">{title}</span><br>'
            + "<br>".join(rows)
            + "</p>"
        )

    def _attachment(self, target: str, enclosure: Enclosure) -> str:
        path = urlsplit(target).path
        name = _clean(unquote(path.rstrip("/").rpartition("/")[2])) or urlsplit(target).netloc
        details = [_clean(enclosure.type)[:60]] if enclosure.type else []
        if enclosure.length and enclosure.length > 0:
            details.append(
                (self._locale or QLocale()).formattedDataSize(
                    enclosure.length, 1, QLocale.DataSizeFormat.DataSizeSIFormat
                )
            )
        suffix = f" · {html.escape(' · '.join(details))}" if details else ""
        return f'<a href="{html.escape(target, quote=True)}">{html.escape(name[:120])}</a>{suffix}'

    def _apply_column(self) -> None:
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        right = max(PADDING, self.viewport().width() - PADDING - self.column_width())
        fmt.setLeftMargin(PADDING)
        fmt.setRightMargin(right)
        fmt.setTopMargin(PADDING // 2)
        fmt.setBottomMargin(PADDING)
        root.setFrameFormat(fmt)

    def _fit(self, key: str, image: QImage) -> QImage:
        ratio = self.devicePixelRatioF()
        width = max(1, round(self.column_width() * ratio))
        if image.width() <= width:
            return image
        fitted = self._fitted.get((key, width))
        if fitted is None:
            fitted = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            fitted.setDevicePixelRatio(ratio)
            self._fitted[(key, width)] = fitted
        return fitted

    def _show_tooltip(self, event: QHelpEvent) -> None:
        href = self.anchorAt(event.pos())
        if not href:
            QToolTip.hideText()
            return
        text = self._describe_link(href)
        # Escaped text inside a rich-text paragraph: shown literally, no markup can get in.
        QToolTip.showText(event.globalPos(), f"<p>{html.escape(text)}</p>", self.viewport())

    def _describe_link(self, href: str) -> str:
        target = openable(href, self._base())
        if target is None:
            return QCoreApplication.translate(
                "ArticleView", "Not opened (not a web link): {0}"
            ).format(display_url(href))
        return display_url(target)

    # -- slots ---------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("#") or (url.hasFragment() and not url.path() and not url.host()):
            self.scrollToAnchor(url.fragment())
            return
        target = openable(href, self._base())
        if target is None:
            log.info("Ignored a link the policy refuses: %.200r", href)
            self.link_refused.emit(href)
            return
        self.link_activated.emit(target)

    @Slot(QUrl)
    def _on_highlighted(self, url: QUrl) -> None:
        href = url.toString()
        self.link_hovered.emit(self._describe_link(href) if href else "")

    @Slot()
    def _on_relayout(self) -> None:
        if self._article is not None:
            self._render(keep_scroll=True)


__all__ = [
    "ALLOCATION_LIMIT_MB",
    "FONT_SCALES",
    "ArticleView",
    "MAX_IMAGE_PIXELS",
    "decode_image",
    "format_dateline",
    "format_meta",
    "image_key",
    "image_sources",
]
