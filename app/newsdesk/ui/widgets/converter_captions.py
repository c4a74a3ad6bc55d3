"""The converter's words about its rates: providers, dates, the source line and its tooltip.

Which tables a conversion used and how old they are come from the core (:class:`Conversion`,
:func:`describe`); these functions put that into words. They belong to the converter's
translation context: each string is ``QCoreApplication.translate("ConverterWidget", ...)``
with a literal text, so lupdate files it where ``ConverterWidget.tr`` put it before.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from newsdesk.core.dates import format_offset
from newsdesk.core.rates import (
    PROVIDERS,
    BookSource,
    Conversion,
    Freshness,
    RateBook,
    describe,
)
from newsdesk.core.rates.convert import BRIDGES
from newsdesk.core.rates.schedule import OLD_AFTER_DAYS


def plain_tooltip(text: str) -> str:
    """``text`` for ``setToolTip``, shown as written: a tooltip guesses rich text like a label."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def provider_name(provider: str) -> str:
    """A provider's name ("ECB"); joined names for a cross rate ("ECB + Bank of Russia")."""
    names = {
        "ecb": QCoreApplication.translate("ConverterWidget", "ECB"),
        "cbr": QCoreApplication.translate("ConverterWidget", "Bank of Russia"),
        "frankfurter": QCoreApplication.translate("ConverterWidget", "Frankfurter"),
        "open_er_api": QCoreApplication.translate("ConverterWidget", "open.er-api.com"),
    }
    parts = [
        names.get(p) or (PROVIDERS[p].name if p in PROVIDERS else p) for p in provider.split("+")
    ]
    return " + ".join(parts)


def provider_list(providers: Sequence[str]) -> str:
    """Provider names as a list in words: "ECB", "ECB and Frankfurter", "A, B and C"."""
    names = [provider_name(p) for p in providers]
    if len(names) <= 1:
        return "".join(names)
    return QCoreApplication.translate("ConverterWidget", "{names} and {last}").format(
        names=", ".join(names[:-1]), last=names[-1]
    )


def long_date(locale: QLocale, day: date) -> str:
    """ "6 July 2026", in ``locale``'s language."""
    return locale.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def short_date(locale: QLocale, day: date) -> str:
    """ "6 Jul 2026", in ``locale``'s language."""
    return locale.toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def moment(locale: QLocale, when: datetime) -> str:
    """An instant in local time with its offset: "6 July 2026 17:30 UTC+2"."""
    local = when.astimezone()
    offset = local.utcoffset()
    clock = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    zone = format_offset(round(offset.total_seconds() / 60) if offset is not None else None)
    return f"{long_date(locale, local.date())} {clock} {zone}"


def used_sources(conversion: Conversion, book: RateBook) -> list[BookSource]:
    """The tables of ``book`` that ``conversion`` was computed from, in book order."""
    wanted = set(conversion.sources) or {(conversion.provider, conversion.as_of)}
    return [s for s in book.sources if (s.table.provider, s.table.as_of) in wanted]


def bridge(used: Sequence[BookSource]) -> str | None:
    """The currency a two-table cross rate goes through (the book's own rule, for the label)."""
    if len(used) != 2:
        return None
    shared = used[0].table.codes & used[1].table.codes
    return next((code for code in BRIDGES if code in shared), min(shared) if shared else None)


def source_caption(conversion: Conversion, book: RateBook, locale: QLocale, now: datetime) -> str:
    """Which provider(s) and rate date(s) the result uses: "ECB, rates of 6 July 2026"."""
    used = used_sources(conversion, book)
    if conversion.mixed:
        parts = " + ".join(
            QCoreApplication.translate("ConverterWidget", "{provider} {date}").format(
                provider=provider_name(s.table.provider), date=long_date(locale, s.table.as_of)
            )
            for s in used
        )
        via = bridge(used)
        if via is None:
            return QCoreApplication.translate("ConverterWidget", "{sources} (cross rate)").format(
                sources=parts
            )
        return QCoreApplication.translate(
            "ConverterWidget", "{sources} (cross rate via {bridge})"
        ).format(sources=parts, bridge=via)
    provider = provider_name(conversion.provider)
    day = long_date(locale, conversion.as_of)
    if used and describe(used[0].table, now).state is Freshness.VALID_FROM:
        caption = QCoreApplication.translate(
            "ConverterWidget", "{provider}, rates valid from {date}"
        )
    else:
        caption = QCoreApplication.translate("ConverterWidget", "{provider}, rates of {date}")
    return caption.format(provider=provider, date=day)


def source_details(conversion: Conversion, book: RateBook, locale: QLocale) -> str:
    """The source line's tooltip: each table's note, when it was downloaded, its attribution."""
    lines: list[str] = []
    for source in used_sources(conversion, book):
        table = source.table
        info = PROVIDERS.get(table.provider)
        lines.append(table.source_note or provider_name(table.provider))
        if source.offline_snapshot:
            lines.append(
                QCoreApplication.translate(
                    "ConverterWidget", "Shipped with Newsdesk (offline snapshot)"
                )
            )
        elif table.fetched_at is not None:
            lines.append(
                QCoreApplication.translate("ConverterWidget", "Downloaded {when}").format(
                    when=moment(locale, table.fetched_at)
                )
            )
        if info is not None and info.attribution:
            lines.append(info.attribution)
    return "\n".join(lines)


def days_old(conversion: Conversion, book: RateBook, now: datetime) -> int | None:
    """How many days the oldest stale table ``conversion`` used is behind (None: none stale)."""
    ages = [describe(s.table, now).days_old for s in used_sources(conversion, book) if s.stale]
    return max(ages) if ages else None


def approximate(conversion: Conversion, book: RateBook, now: datetime) -> bool:
    """Whether the result is marked "≈": the offline snapshot, or rates past OLD_AFTER_DAYS."""
    if conversion.offline_snapshot:
        return True
    days = days_old(conversion, book, now) if conversion.stale else None
    return days is not None and days > OLD_AFTER_DAYS
