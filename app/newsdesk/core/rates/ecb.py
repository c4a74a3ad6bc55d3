"""Parsers for the European Central Bank's euro reference rates (XML and CSV), from bytes.

The daily file and the 90-day file share one structure (``Envelope/Cube/Cube@time/Cube``) but
not one layout: the daily file uses single quotes and tabs, the history file one line per day
with double quotes. So the XML is read by its namespaces, never by patterns on the text, and
through defusedxml, which refuses DTDs and entities (a rate file never needs either).
"""

from __future__ import annotations

import re
from datetime import date
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as DefusedET

from newsdesk.core.rates._checks import RowCollector, decimal_text, looks_like_html
from newsdesk.core.rates.model import EmptyTableError, RateFormatError, RateTable

PROVIDER = "ecb"
NAME = "ECB"
SOURCE_NOTE = "European Central Bank euro foreign exchange reference rates"
GESMES_NS = "http://www.gesmes.org/xml/2002-08-01"
EUROFXREF_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"
_ENVELOPE = f"{{{GESMES_NS}}}Envelope"
_CUBE = f"{{{EUROFXREF_NS}}}Cube"
_NUMBER = re.compile(r"\d{1,12}(?:\.\d{1,12})?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = {
    name: number
    for number, name in enumerate(
        "January February March April May June July August September October November "
        "December".split(),
        start=1,
    )
}
FIRST_DAY = date(1999, 1, 4)  # the first ECB reference rates


def parse_ecb_daily_xml(body: bytes) -> RateTable:
    """Parse ``eurofxref-daily.xml``: the newest day it holds.

    Raises:
        RateFormatError: not the ECB format (a web page, garbage, a cut-off file, a DTD).
        EmptyTableError: no day, or a day without any valid rate.
    """
    days = _xml_days(body)
    return _table(*max(days, key=lambda day: day[0]))


def parse_ecb_history_xml(body: bytes) -> list[RateTable]:
    """Parse ``eurofxref-hist-90d.xml`` (or the full history): one table per day, newest first.

    A day without a single valid rate is left out; the others are kept.

    Raises:
        RateFormatError: not the ECB format.
        EmptyTableError: no day has a valid rate.
    """
    tables: list[RateTable] = []
    seen: set[date] = set()
    for day, rows in sorted(_xml_days(body), key=lambda d: d[0], reverse=True):
        if day in seen:
            continue
        seen.add(day)
        try:
            tables.append(_table(day, rows))
        except (EmptyTableError, RateFormatError):
            continue
    if not tables:
        raise EmptyTableError("The ECB history file has no valid rates.", PROVIDER)
    return tables


def parse_ecb_csv(body: bytes) -> RateTable:
    """Parse the ECB CSV (the daily ``eurofxref.csv`` or the history): its newest row.

    Raises:
        RateFormatError: not the ECB CSV format, or cut off.
        EmptyTableError: no row with a valid rate.
    """
    return parse_ecb_csv_history(body)[0]


def parse_ecb_csv_history(body: bytes) -> list[RateTable]:
    """Parse the ECB CSV: one table per row, newest first; ``N/A`` cells mean "not quoted".

    Raises:
        RateFormatError: not the ECB CSV format, or a row with the wrong number of cells.
        EmptyTableError: no row with a valid rate.
    """
    if looks_like_html(body):
        raise RateFormatError(
            "The ECB answered with a web page instead of the rate file.", PROVIDER
        )
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RateFormatError("The ECB CSV file is not text.", PROVIDER) from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise EmptyTableError("The ECB CSV file is empty.", PROVIDER)
    header = _cells(lines[0])
    if not header or header[0] != "Date":
        raise RateFormatError("This is not the ECB CSV format (no Date column).", PROVIDER)
    tables: list[RateTable] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = _cells(line)
        if len(cells) != len(header):
            raise RateFormatError(
                f"Line {number} of the ECB CSV file has {len(cells)} cells, not {len(header)}; "
                "the file may be cut off.",
                PROVIDER,
            )
        day = _csv_day(cells[0])
        if day is None:
            raise RateFormatError(f"Line {number} of the ECB CSV file has no valid date.", PROVIDER)
        rows = [(code, value) for code, value in zip(header[1:], cells[1:], strict=True)]
        try:
            tables.append(_table(day, [(c, v) for c, v in rows if v != "N/A"]))
        except EmptyTableError:
            continue
    if not tables:
        raise EmptyTableError("The ECB CSV file has no valid rates.", PROVIDER)
    tables.sort(key=lambda t: t.as_of, reverse=True)
    return tables


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split(",")]
    if cells and cells[-1] == "":
        cells.pop()  # every ECB CSV line ends with a comma
    return cells


def _csv_day(text: str) -> date | None:
    if _ISO_DAY.fullmatch(text):
        return _valid_day(text)
    parts = text.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit() and parts[1] in _MONTHS:
        try:
            day = date(int(parts[2]), _MONTHS[parts[1]], int(parts[0]))
        except ValueError:
            return None
        return day if day >= FIRST_DAY else None
    return None


def _valid_day(text: str | None) -> date | None:
    if text is None or not _ISO_DAY.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day >= FIRST_DAY else None


def parse_xml(body: bytes, provider: str, name: str) -> Element:
    """Parse untrusted XML bytes with defusedxml (the declared encoding is honoured).

    Raises:
        EmptyTableError: an empty body.
        RateFormatError: a web page, malformed or cut-off XML, or a DTD or entity.
    """
    if not body.strip():
        raise EmptyTableError(f"{name} sent an empty file.", provider)
    if looks_like_html(body):
        raise RateFormatError(
            f"{name} answered with a web page instead of the rate file.", provider
        )
    try:
        root: Element = DefusedET.fromstring(body, forbid_dtd=True)
    except DefusedET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise RateFormatError(
            f"The {name} rate file is damaged or cut off (XML error on line {line}).", provider
        ) from None
    except defusedxml.DefusedXmlException:
        raise RateFormatError(
            f"The {name} rate file declares a DTD or entities, which rate files never do; "
            "it was refused.",
            provider,
        ) from None
    return root


def _xml_days(body: bytes) -> list[tuple[date, list[tuple[str | None, str | None]]]]:
    root = parse_xml(body, PROVIDER, NAME)
    if root.tag != _ENVELOPE:
        raise RateFormatError("This is not the ECB rate file format.", PROVIDER)
    outer = root.find(_CUBE)
    if outer is None:
        raise RateFormatError("The ECB rate file has no Cube element.", PROVIDER)
    days: list[tuple[date, list[tuple[str | None, str | None]]]] = []
    for cube in outer.findall(_CUBE):
        day = _valid_day(cube.get("time"))
        if day is None:
            continue
        rows = [(row.get("currency"), row.get("rate")) for row in cube.findall(_CUBE)]
        days.append((day, rows))
    if not days:
        raise EmptyTableError("The ECB rate file has no rates (an empty Cube).", PROVIDER)
    return days


def _table(day: date, rows: list[tuple[str | None, str | None]]) -> RateTable:
    collector = RowCollector(PROVIDER, NAME, "EUR")
    for code, text in rows:
        collector.add(code, decimal_text(text, _NUMBER))
    rates, problems, rejected = collector.finish()
    return RateTable(PROVIDER, day, "EUR", rates, None, SOURCE_NOTE, problems, rejected=rejected)
