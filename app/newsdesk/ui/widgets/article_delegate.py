"""How one row of "All news" is drawn: a headline block in the manner of a news agency's list.

::

    ┌ Today ──────────────────────────────────────────────┐  (first row of each day only)
    │ ● Headline in bold while unread, wrapped to two      ★ │
    │   lines at most and elided after that…                 │
    │   Source · 13:39 UTC+3 · 2 h ago                       │
    │   (Politics) (World)                                   │
    └────────────────────────────────────────────────────────┘

Everything is feed text and is drawn as plain strings (``QPainter.drawText`` and
``QTextLayout`` over plain text), never as rich text (security model A5). Colours come from the
palette, so the row follows light and dark themes; sizes are in logical pixels, so it is sharp
on high-DPI screens. The row's height depends only on the title's width, whether it has topics
and whether it starts a day, which :meth:`ArticleDelegate.sizeHint` computes without laying out
text, so the view can measure thousands of rows quickly.

``appearance.density`` picks the spacing (:data:`DENSITIES`): "comfortable" as drawn above,
"compact" with tighter padding and the headline on one line, about a third more rows a screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from newsdesk.core.dates import format_offset
from newsdesk.core.model import Article
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.models.article_list import ArticleListModel

_Index = QModelIndex | QPersistentModelIndex
Role = ArticleListModel.Role

# Geometry, in logical pixels.
LEFT = 22  # text starts here; the unread dot sits in the margin
RIGHT = 14
STAR_GUTTER = 22  # kept free on the title's right, starred or not, so titles never reflow
PAD_TOP = 10
PAD_BOTTOM = 11
TITLE_GAP = 4  # title → meta line
CHIP_GAP = 7  # meta line → chips
CHIP_PAD_X = 7
CHIP_PAD_Y = 2
CHIP_SPACING = 5
HEADER_PAD_TOP = 12
HEADER_PAD_BOTTOM = 6
MAX_TITLE_LINES = 2
MIN_WIDTH = 160

STAR_COLOR = QColor(0xE8, 0xA3, 0x17)  # amber: readable on light and dark bases


@dataclass(frozen=True, slots=True)
class Spacing:
    """The vertical spacing of a row, in logical pixels, and how many lines a title gets."""

    pad_top: float
    pad_bottom: float
    title_gap: float
    chip_gap: float
    header_pad_top: float
    header_pad_bottom: float
    title_lines: int


DENSITIES: dict[str, Spacing] = {
    "comfortable": Spacing(
        PAD_TOP, PAD_BOTTOM, TITLE_GAP, CHIP_GAP, HEADER_PAD_TOP, HEADER_PAD_BOTTOM, MAX_TITLE_LINES
    ),
    "compact": Spacing(5, 6, 2, 4, 7, 3, 1),
}


class _Fonts:
    """The fonts and metrics derived from one base font (cached: building them is not free)."""

    __slots__ = (
        "chip",
        "chip_m",
        "header",
        "header_m",
        "meta",
        "meta_m",
        "source",
        "title",
        "title_bold",
        "title_bold_m",
        "title_m",
    )

    def __init__(self, base: QFont) -> None:
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        self.title = QFont(base)
        self.title.setPointSizeF(size * 1.08)
        self.title.setWeight(QFont.Weight.Normal)
        self.title_bold = QFont(self.title)
        self.title_bold.setWeight(QFont.Weight.Bold)
        self.meta = QFont(base)
        self.meta.setPointSizeF(size * 0.9)
        self.source = QFont(self.meta)
        self.source.setWeight(QFont.Weight.DemiBold)
        self.chip = QFont(base)
        self.chip.setPointSizeF(size * 0.8)
        self.header = QFont(base)
        self.header.setPointSizeF(size * 0.92)
        self.header.setWeight(QFont.Weight.Bold)
        self.title_m = QFontMetricsF(self.title)
        self.title_bold_m = QFontMetricsF(self.title_bold)
        self.meta_m = QFontMetricsF(self.meta)
        self.chip_m = QFontMetricsF(self.chip)
        self.header_m = QFontMetricsF(self.header)

    def header_height(self, spacing: Spacing) -> float:
        return spacing.header_pad_top + self.header_m.height() + spacing.header_pad_bottom

    def chip_height(self) -> float:
        return self.chip_m.height() + 2 * CHIP_PAD_Y


class ArticleDelegate(QStyledItemDelegate):
    """Draws an :class:`ArticleListModel` row: title, source and time, topic chips, star, and
    a day header above the first row of each day.

    It reads the model only through :class:`ArticleListModel.Role` (``ARTICLE``, ``DAY``), so
    it also works behind a proxy model.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        parent: QObject | None = None,
        *,
        language: str | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """Create the delegate.

        Args:
            taxonomy: Names the topic chips.
            parent: The owning object, usually the view.
            language: The UI language for topic names; the default locale's when ``None``.
            now: The clock for "2 h ago", "Today" and "Yesterday" (aware); for tests.
        """
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._spacing = DENSITIES["comfortable"]
        self._density = "comfortable"
        self._language = language or _ui_language()
        self._now = now or (lambda: datetime.now(UTC))
        self._fonts: dict[str, _Fonts] = {}
        self._topic_names: dict[str, str] = {}
        self._watched: set[int] = set()
        self._widths: dict[int, int] = {}
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._emit_relayout)
        if isinstance(parent, QAbstractItemView):
            self._watch(parent)

    # -- Qt -------------------------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        """The row's height: header (first row of a day), title lines, meta line, chips."""
        article = index.data(Role.ARTICLE)
        if not isinstance(article, Article):
            return super().sizeHint(option, index)
        self._watch(option.widget)
        fonts = self._fonts_for(option.font)
        spacing = self._spacing
        width = self._row_width(option)
        height = spacing.pad_top
        height += self._title_height(fonts, article, width - LEFT - RIGHT - STAR_GUTTER)
        height += spacing.title_gap + fonts.meta_m.height()
        if article.topics:
            height += spacing.chip_gap + fonts.chip_height()
        height += spacing.pad_bottom
        if self.starts_day(index):
            height += fonts.header_height(spacing)
        return QSize(MIN_WIDTH, math.ceil(height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Draw the row (and its day header) as plain text."""
        article = index.data(Role.ARTICLE)
        if not isinstance(article, Article):
            super().paint(painter, option, index)
            return
        fonts = self._fonts_for(option.font)
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            rect = QRectF(option.rect)
            if self.starts_day(index):
                header = QRectF(
                    rect.left(), rect.top(), rect.width(), fonts.header_height(self._spacing)
                )
                self._paint_header(painter, option, fonts, header, index.data(Role.DAY))
                rect.setTop(header.bottom())
            self._paint_row(painter, option, index, fonts, rect, article)
        finally:
            painter.restore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Re-measure the rows when a watched view's width changes (titles rewrap)."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            width = watched.width()
            if self._widths.get(id(watched)) != width:
                self._widths[id(watched)] = width
                self._relayout.start()
        return False

    # -- public helpers -------------------------------------------------------------------------

    def set_density(self, density: str) -> None:
        """Use the spacing of ``density`` ("comfortable" or "compact"); the views re-measure."""
        spacing = DENSITIES.get(density)
        if spacing is None:
            raise ValueError(f"unknown density {density!r}")
        if spacing != self._spacing:
            self._spacing = spacing
            self._density = density
            self._emit_relayout()

    def density(self) -> str:
        """The density in use."""
        return self._density

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Name the topic chips from ``taxonomy`` (the user edited the topics)."""
        self._taxonomy = taxonomy
        self._topic_names.clear()
        self._emit_relayout()

    @staticmethod
    def starts_day(index: _Index) -> bool:
        """Whether ``index`` is the first row of its day (it gets a day header)."""
        if index.row() == 0:
            return True
        previous = index.model().index(index.row() - 1, index.column(), index.parent())
        return bool(previous.data(Role.DAY) != index.data(Role.DAY))

    def day_text(self, day: date) -> str:
        """The day header: "Today", "Yesterday", "Wednesday, 25 November" (with the year when
        it is not this year)."""
        today = self._now().astimezone().date()
        if day == today:
            return self.tr("Today")
        if day == today - timedelta(days=1):
            return self.tr("Yesterday")
        pattern = "dddd, d MMMM" if day.year == today.year else "dddd, d MMMM yyyy"
        return QLocale().toString(QDate(day.year, day.month, day.day), pattern)

    def time_text(self, article: Article) -> str:
        """The clock time as the source published it ("13:39 UTC+3"), local when it gave no
        zone or the zone is the reader's own; with the date when that differs from the row's
        day."""
        local = article.published.astimezone()
        when = local
        zone = ""
        offset = article.utc_offset_minutes
        local_offset = local.utcoffset()
        if offset is not None and (
            local_offset is None or timedelta(minutes=offset) != local_offset
        ):
            when = article.published.astimezone(timezone(timedelta(minutes=offset)))
            zone = format_offset(offset)
        locale = QLocale()
        text = locale.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)
        if when.date() != local.date():
            text = f"{locale.toString(QDate(when.year, when.month, when.day), 'd MMM')} {text}"
        return f"{text} {zone}".rstrip()

    def relative_text(self, published: datetime) -> str:
        """ "just now", "5 min ago", "2 h ago", "3 d ago"; "" after a week (the day header
        has the date)."""
        seconds = (self._now() - published).total_seconds()
        if seconds < 60:
            return self.tr("just now")
        if seconds < 3600:
            return self.tr("%n min ago", "", int(seconds // 60))
        if seconds < 86400:
            return self.tr("%n h ago", "", int(seconds // 3600))
        if seconds < 7 * 86400:
            return self.tr("%n d ago", "", int(seconds // 86400))
        return ""

    def topic_name(self, code: str) -> str:
        """The topic's name in the UI language (the code for a topic the taxonomy lacks)."""
        name = self._topic_names.get(code)
        if name is None:
            topic = self._taxonomy.get(code)
            name = topic.name(self._language) if topic is not None else code
            self._topic_names[code] = name
        return name

    # -- painting -------------------------------------------------------------------------------

    def _paint_header(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        fonts: _Fonts,
        rect: QRectF,
        day: object,
    ) -> None:
        palette = option.palette
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
        line = _with_alpha(palette.color(QPalette.ColorRole.WindowText), 40)
        painter.setPen(QPen(line, 0))
        painter.drawLine(
            QPointF(rect.left(), rect.bottom() - 0.5), QPointF(rect.right(), rect.bottom() - 0.5)
        )
        text = self.day_text(day) if isinstance(day, date) else ""
        painter.setFont(fonts.header)
        painter.setPen(_with_alpha(palette.color(QPalette.ColorRole.WindowText), 175))
        text_rect = QRectF(
            rect.left() + LEFT,
            rect.top() + self._spacing.header_pad_top,
            rect.width() - LEFT - RIGHT,
            fonts.header_m.height(),
        )
        text = fonts.header_m.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, _LINE_FLAGS, text)

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: _Index,
        fonts: _Fonts,
        rect: QRectF,
        article: Article,
    ) -> None:
        # The style draws selection and hover, over the row only (not its day header).
        panel = QStyleOptionViewItem(option)
        self.initStyleOption(panel, index)
        panel.rect = rect.toAlignedRect()
        panel.text = ""
        panel.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, panel, painter, widget)

        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        if not option.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        text = palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        accent = text if selected else palette.color(group, QPalette.ColorRole.Highlight)
        muted = _with_alpha(text, 165)

        if not selected:
            separator = _with_alpha(palette.color(QPalette.ColorRole.Text), 28)
            painter.setPen(QPen(separator, 0))
            y = rect.bottom() - 0.5
            painter.drawLine(QPointF(rect.left() + LEFT, y), QPointF(rect.right() - RIGHT, y))

        x = rect.left() + LEFT
        width = rect.width() - LEFT - RIGHT
        spacing = self._spacing
        y = rect.top() + spacing.pad_top

        # Title, with the unread dot and the star beside its first line.
        title_font = fonts.title if article.read else fonts.title_bold
        title_metrics = fonts.title_m if article.read else fonts.title_bold_m
        lines = self._title_lines(title_font, title_metrics, article, width - STAR_GUTTER)
        line_height = title_metrics.lineSpacing()
        first_center = y + title_metrics.height() / 2
        if not article.read:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawEllipse(QPointF(rect.left() + LEFT / 2 + 1, first_center), 3.5, 3.5)
        if article.starred:
            star_color = text if selected else STAR_COLOR
            _draw_star(painter, QPointF(rect.right() - RIGHT - 8, first_center), 7.5, star_color)
        painter.setFont(title_font)
        painter.setPen(text)
        for number, line in enumerate(lines):
            line_rect = QRectF(
                x, y + number * line_height, width - STAR_GUTTER, title_metrics.height()
            )
            painter.drawText(line_rect, _LINE_FLAGS, line)
        y += self._title_height(fonts, article, width - STAR_GUTTER) + spacing.title_gap

        # Source · time · relative time.
        meta_height = fonts.meta_m.height()
        source_metrics = QFontMetricsF(fonts.source)
        source = source_metrics.elidedText(
            article.feed_title, Qt.TextElideMode.ElideRight, width * 0.6
        )
        painter.setFont(fonts.source)
        painter.setPen(_with_alpha(text, 215))
        painter.drawText(QRectF(x, y, width, meta_height), _LINE_FLAGS, source)
        used = source_metrics.horizontalAdvance(source)
        parts = [self.time_text(article), self.relative_text(article.published)]
        rest = "".join(f" · {p}" for p in parts if p)
        rest = fonts.meta_m.elidedText(rest, Qt.TextElideMode.ElideRight, width - used)
        painter.setFont(fonts.meta)
        painter.setPen(muted)
        painter.drawText(QRectF(x + used, y, width - used, meta_height), _LINE_FLAGS, rest)
        y += meta_height

        # Topic chips, as many as fit on one line.
        if article.topics:
            y += spacing.chip_gap
            self._paint_chips(
                painter,
                fonts,
                article,
                QRectF(x, y, width, fonts.chip_height()),
                text,
                accent,
                selected,
            )

    def _paint_chips(
        self,
        painter: QPainter,
        fonts: _Fonts,
        article: Article,
        rect: QRectF,
        text: QColor,
        accent: QColor,
        selected: bool,
    ) -> None:
        painter.setFont(fonts.chip)
        fill = _with_alpha(accent, 60 if selected else 38)
        border = _with_alpha(accent, 90 if selected else 70)
        x = rect.left()
        height = rect.height()
        for code in article.topics:
            name = self.topic_name(code)
            chip_width = fonts.chip_m.horizontalAdvance(name) + 2 * CHIP_PAD_X
            if x + chip_width > rect.right():
                break
            chip = QRectF(x, rect.top(), chip_width, height)
            painter.setPen(QPen(border, 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
            painter.setPen(_with_alpha(text, 230))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, name)
            x += chip_width + CHIP_SPACING

    # -- measuring ------------------------------------------------------------------------------

    def _title_height(self, fonts: _Fonts, article: Article, width: float) -> float:
        metrics = fonts.title_m if article.read else fonts.title_bold_m
        wrapped = metrics.horizontalAdvance(article.title) > width
        lines = self._spacing.title_lines if wrapped else 1
        return metrics.height() + (lines - 1) * metrics.lineSpacing()

    def _title_lines(
        self, font: QFont, metrics: QFontMetricsF, article: Article, width: float
    ) -> list[str]:
        """The title broken into at most the density's lines, the last one elided (plain
        text only)."""
        title = " ".join(article.title.split())
        if metrics.horizontalAdvance(title) <= width:
            return [title]
        most = self._spacing.title_lines
        layout = QTextLayout(title, font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(text_option)
        layout.beginLayout()
        lines: list[str] = []
        while len(lines) < most:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if len(lines) == most - 1:
                rest = title[start:]
                lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            else:
                lines.append(title[start : start + line.textLength()].rstrip())
        layout.endLayout()
        return lines

    def _row_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        if isinstance(widget, QAbstractItemView):
            return max(widget.viewport().width(), MIN_WIDTH)
        return max(option.rect.width(), MIN_WIDTH)

    def _fonts_for(self, font: QFont) -> _Fonts:
        key = font.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = _Fonts(font)
        return fonts

    def _watch(self, widget: QWidget | None) -> None:
        if not isinstance(widget, QAbstractItemView):
            return
        viewport = widget.viewport()
        if id(viewport) in self._watched:
            return
        self._watched.add(id(viewport))
        self._widths[id(viewport)] = viewport.width()
        viewport.installEventFilter(self)
        key = id(viewport)
        viewport.destroyed.connect(lambda _obj=None, key=key: self._forget(key))

    def _forget(self, key: int) -> None:
        self._watched.discard(key)
        self._widths.pop(key, None)

    @Slot()
    def _emit_relayout(self) -> None:
        # Every QAbstractItemView re-lays out its items when its delegate says size hints
        # changed.
        self.sizeHintChanged.emit(QModelIndex())


_LINE_FLAGS = (
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
)


def restyle_list(
    view: QAbstractItemView, *, density: str | None = None, taxonomy: Taxonomy | None = None
) -> None:
    """Give the article list ``view`` a new row density and/or topic names, and repaint it."""
    delegate = view.itemDelegate()
    if not isinstance(delegate, ArticleDelegate):
        return
    if density is not None:
        delegate.set_density(density)
    if taxonomy is not None:
        delegate.set_taxonomy(taxonomy)
    view.viewport().update()


def _with_alpha(color: QColor, alpha: int) -> QColor:
    out = QColor(color)
    out.setAlpha(alpha * color.alpha() // 255)
    return out


def _draw_star(painter: QPainter, center: QPointF, radius: float, color: QColor) -> None:
    """A five-pointed star as a path (no font needs to have the glyph)."""
    path = QPainterPath()
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle))
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(path)


def _ui_language() -> str:
    name = QLocale().name().split("_")[0].lower()
    return "en" if name in ("", "c") else name
