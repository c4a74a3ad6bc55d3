"""The converter's chart: the pair's rate over the last :data:`CHART_DAYS` days, or why not.

The history comes from a callable (``RateStore.pair_history``), read again only when the pair
or its provider changes. A cross rate between two tables has no history of its own, and a
history that cannot be read leaves the converter working. The strings stay in the converter's
translation context (``QCoreApplication.translate("ConverterWidget", ...)``), where they were
first translated.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from newsdesk.core.errors import NewsdeskError
from newsdesk.core.rates import Conversion
from newsdesk.ui.widgets.converter_captions import provider_name
from newsdesk.ui.widgets.sparkline import Sparkline

log = logging.getLogger(__name__)

#: ``history(provider, source, target, days)``: the pair's points, oldest first.
History = Callable[[str, str, str, int], list[tuple[date, Decimal]]]

CHART_DAYS = 90


class PairChart(QWidget):
    """A title ("USD → JPY, last 90 days (ECB)") over a :class:`Sparkline` of the pair's rate."""

    def __init__(
        self,
        history: History | None,
        *,
        value_text: Callable[[Decimal], str],
        date_text: Callable[[date], str],
        parent: QWidget | None = None,
    ) -> None:
        """Build an empty chart.

        Args:
            history: Where the points come from; ``None`` shows no chart data.
            value_text: Writes a rate for the labels.
            date_text: Writes a day for the labels.
            parent: The owning widget.
        """
        super().__init__(parent)
        self._history = history
        self._key: tuple[str, str, str] | None = None
        self._title = QLabel(self)
        self._title.setObjectName("chart_title")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setAccessibleName(QCoreApplication.translate("ConverterWidget", "Chart title"))
        self._title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._title.setWordWrap(True)
        self._chart = Sparkline(self, value_text=value_text, date_text=date_text)
        self._chart.setObjectName("chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._chart)

    def set_formatters(
        self, value_text: Callable[[Decimal], str], date_text: Callable[[date], str]
    ) -> None:
        """Write rates and days anew (after "More digits" was toggled)."""
        self._chart.set_formatters(value_text, date_text)

    def forget(self) -> None:
        """Read the history again on the next :meth:`show_pair` (new rates were stored)."""
        self._key = None

    def show_pair(self, conversion: Conversion) -> None:
        """Chart the pair and provider of ``conversion`` (nothing to do when they are shown)."""
        key = (conversion.provider, conversion.source, conversion.target)
        if key == self._key:
            return
        self._key = key
        source, target = conversion.source, conversion.target
        self._title.setText(
            QCoreApplication.translate(
                "ConverterWidget", "{source} → {target}, last {days} days ({provider})"
            ).format(
                source=source,
                target=target,
                days=CHART_DAYS,
                provider=provider_name(conversion.provider),
            )
        )
        points: list[tuple[date, Decimal]] = []
        if conversion.mixed:
            self._chart.set_empty_text(
                QCoreApplication.translate(
                    "ConverterWidget", "No chart for a cross rate between two sources."
                )
            )
        elif self._history is None:
            self._chart.set_empty_text(
                QCoreApplication.translate("ConverterWidget", "No rate history yet.")
            )
        else:
            try:
                points = self._history(conversion.provider, source, target, CHART_DAYS)
            except (NewsdeskError, sqlite3.Error) as exc:  # pair_history lets sqlite3's through
                log.warning("rate history of %s→%s unreadable: %s", source, target, exc)
                self._chart.set_empty_text(
                    QCoreApplication.translate(
                        "ConverterWidget", "The rate history cannot be read."
                    )
                )
            else:
                self._chart.set_empty_text(
                    QCoreApplication.translate(
                        "ConverterWidget", "No rate history of {source} → {target} yet."
                    ).format(source=source, target=target)
                )
        self._chart.set_points(points)

    def show_impossible(self, source: str, target: str) -> None:
        """Say that these rates cannot convert ``source`` → ``target``, so there is no chart."""
        self._key = None
        self._title.setText(
            QCoreApplication.translate("ConverterWidget", "{source} → {target}").format(
                source=source, target=target
            )
        )
        self._chart.set_empty_text(
            QCoreApplication.translate(
                "ConverterWidget", "No chart: these rates cannot convert this pair."
            )
        )
        self._chart.set_points([])
