"""A small line chart of one rate over time, with its lowest and highest values labelled.

:class:`SparklineModel` holds the points and answers the questions the painting needs (lowest,
highest, first and last day), so tests can check them without looking at pixels. The x axis is
calendar time, not the index of a point, so weekends and holidays show as the gaps they are.
Values become ``float`` only to be placed on screen; every number written is formatted from the
``Decimal`` by the caller's formatter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[date, Decimal]

_PAD = 6.0
_DOT = 3.0


@dataclass(frozen=True, slots=True)
class SparklineModel:
    """The points of a chart, oldest first, and what its labels say.

    Attributes:
        points: ``(day, value)`` pairs sorted by day; non-finite values are left out.
    """

    points: tuple[Point, ...] = ()

    @classmethod
    def from_points(cls, points: Iterable[Point]) -> SparklineModel:
        """Sort ``points`` by day and drop values that cannot be drawn (NaN, infinity)."""
        kept = [(day, value) for day, value in points if value.is_finite()]
        return cls(tuple(sorted(kept, key=lambda point: point[0])))

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.points

    @property
    def minimum(self) -> Point | None:
        """The lowest value and its (first) day."""
        return min(self.points, key=lambda point: point[1]) if self.points else None

    @property
    def maximum(self) -> Point | None:
        """The highest value and its (first) day."""
        return max(self.points, key=lambda point: point[1]) if self.points else None

    @property
    def first_day(self) -> date | None:
        """The oldest day."""
        return self.points[0][0] if self.points else None

    @property
    def last_day(self) -> date | None:
        """The newest day."""
        return self.points[-1][0] if self.points else None


class Sparkline(QWidget):
    """Paints a :class:`SparklineModel`: the line, min and max labelled, first and last day.

    With no points it shows :meth:`empty_text` instead. It takes no focus; its accessible
    description carries the same facts as the picture.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        value_text: Callable[[Decimal], str] = str,
        date_text: Callable[[date], str] = date.isoformat,
    ) -> None:
        """Create an empty chart.

        Args:
            parent: The owning widget.
            value_text: Writes a value for a label (the caller's locale and precision).
            date_text: Writes a day for a label.
        """
        super().__init__(parent)
        self._model = SparklineModel()
        self._value_text = value_text
        self._date_text = date_text
        self._empty_text = self.tr("No rate history")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Rate chart"))

    def model(self) -> SparklineModel:
        """What the chart shows."""
        return self._model

    def set_points(self, points: Iterable[Point]) -> None:
        """Show ``points`` (any order), or the empty text when there are none."""
        self._model = SparklineModel.from_points(points)
        self._describe()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What to say when there is nothing to draw."""
        self._empty_text = text
        self._describe()
        self.update()

    def empty_text(self) -> str:
        """What the chart says when it has no points."""
        return self._empty_text

    def set_formatters(
        self, value_text: Callable[[Decimal], str], date_text: Callable[[date], str]
    ) -> None:
        """Change how values and days are written (after a locale or precision change)."""
        self._value_text = value_text
        self._date_text = date_text
        self._describe()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for the labels and a line that shows a trend."""
        return QSize(320, self.fontMetrics().height() * 2 + 96)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Small, but the labels still fit."""
        return QSize(180, self.fontMetrics().height() * 2 + 48)

    def _describe(self) -> None:
        low, high = self._model.minimum, self._model.maximum
        first, last = self._model.first_day, self._model.last_day
        if low is None or high is None or first is None or last is None:
            self.setAccessibleDescription(self._empty_text)
            return
        self.setAccessibleDescription(
            self.tr(
                "Lowest {low} on {low_day}, highest {high} on {high_day}; {first} to {last}"
            ).format(
                low=self._value_text(low[1]),
                low_day=self._date_text(low[0]),
                high=self._value_text(high[1]),
                high_day=self._date_text(high[0]),
                first=self._date_text(first),
                last=self._date_text(last),
            )
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the frame, then either the empty text or the chart."""
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawRect(frame)
            if self._model.is_empty:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    frame.adjusted(_PAD, _PAD, -_PAD, -_PAD),
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                    self._empty_text,
                )
                return
            self._paint_chart(painter, palette)
        finally:
            painter.end()

    def _paint_chart(self, painter: QPainter, palette: QPalette) -> None:
        low, high = self._model.minimum, self._model.maximum
        first, last = self._model.first_day, self._model.last_day
        assert low is not None and high is not None and first is not None and last is not None
        metrics = self.fontMetrics()
        line_height = float(metrics.height())
        low_text, high_text = self._value_text(low[1]), self._value_text(high[1])
        label_width = float(
            max(metrics.horizontalAdvance(low_text), metrics.horizontalAdvance(high_text))
        )
        plot = QRectF(
            _PAD * 2 + label_width,
            _PAD + line_height / 2,
            self.width() - label_width - _PAD * 4,
            self.height() - line_height * 2 - _PAD * 2.5,
        )
        if plot.width() < 4 or plot.height() < 4:
            return
        span_days = (last - first).days
        low_value, high_value = float(low[1]), float(high[1])
        spread = high_value - low_value

        def place(day: date, value: Decimal) -> QPointF:
            x = (
                plot.center().x()
                if span_days == 0
                else (plot.left() + (day - first).days / span_days * plot.width())
            )
            y = (
                plot.center().y()
                if spread == 0
                else (plot.bottom() - (float(value) - low_value) / spread * plot.height())
            )
            return QPointF(x, y)

        text_colour = palette.color(QPalette.ColorRole.Text)
        guide = QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        levels = [plot.top(), plot.bottom()] if spread else [plot.center().y()]
        for y in levels:
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

        points = [place(day, value) for day, value in self._model.points]
        line_colour = palette.color(QPalette.ColorRole.Highlight)
        if len(points) > 1:
            area = QPainterPath(QPointF(points[0].x(), plot.bottom()))
            for point in points:
                area.lineTo(point)
            area.lineTo(QPointF(points[-1].x(), plot.bottom()))
            area.closeSubpath()
            fill = QColor(line_colour)
            fill.setAlpha(40)
            painter.fillPath(area, fill)
            line = QPainterPath(points[0])
            for point in points[1:]:
                line.lineTo(point)
            painter.setPen(QPen(line_colour, 2))
            painter.drawPath(line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line_colour)
        for day, value in (low, high) if len(points) > 1 else (low,):
            painter.drawEllipse(place(day, value), _DOT, _DOT)

        painter.setPen(text_colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label_box = QRectF(_PAD, 0, label_width, line_height)
        if spread:
            label_box.moveCenter(QPointF(label_box.center().x(), plot.top()))
            painter.drawText(label_box, right, high_text)
            label_box.moveCenter(QPointF(label_box.center().x(), plot.bottom()))
            painter.drawText(label_box, right, low_text)
        else:
            label_box.moveCenter(QPointF(label_box.center().x(), plot.center().y()))
            painter.drawText(label_box, right, high_text)
        dates_top = plot.bottom() + _PAD
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        first_text, last_text = self._date_text(first), self._date_text(last)
        painter.drawText(
            QRectF(plot.left(), dates_top, plot.width(), line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            first_text,
        )
        if last != first:
            painter.drawText(
                QRectF(plot.left(), dates_top, plot.width(), line_height),
                right,
                last_text,
            )
