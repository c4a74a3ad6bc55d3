"""Parser for the Bank of Russia's ``XML_daily.asp``, from bytes.

The file is windows-1251 (declared in the prolog, so the bytes go to the XML parser as they are),
writes decimals with a comma (``53,8359``, and ``5,39256E-05`` for IRR), and quotes roubles per
``Nominal`` units (100 JPY, 10 000 IDR, 1 000 000 IRR). ``VunitRate`` (roubles per 1 unit) is
used when present and cross-checked against ``Value / Nominal``; older files lack it.

``ValCurs@Date`` is the day the rates are *valid for*: rates set on Friday carry Saturday's date,
so the date can be after the day the file was published.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from xml.etree.ElementTree import Element

from newsdesk.core.rates._checks import Bad, RowCollector, check_rate, decimal_text
from newsdesk.core.rates.ecb import FIRST_DAY, parse_xml
from newsdesk.core.rates.model import RateFormatError, RateTable

PROVIDER = "cbr"
NAME = "Bank of Russia"
SOURCE_NOTE = "Bank of Russia official exchange rates"
#: ``VunitRate`` may differ from ``Value / Nominal`` by this fraction at most.
CROSS_CHECK_TOLERANCE = Decimal("1e-5")
_NUMBER = re.compile(r"\d{1,12}(?:,\d{1,12})?(?:[Ee][-+]?\d{1,2})?")
_NOMINAL = re.compile(r"[1-9]\d{0,8}")
_DAY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


def parse_cbr_xml(body: bytes) -> RateTable:
    """Parse the Bank of Russia daily XML (base RUB).

    ``rates`` holds units per rouble (a 34-digit reciprocal); ``in_base`` holds the published
    roubles per unit exactly.

    Raises:
        RateFormatError: not the CBR format (a DDoS-Guard page, garbage, a cut-off file).
        EmptyTableError: no valid rate.
    """
    root = parse_xml(body, PROVIDER, NAME)
    if root.tag != "ValCurs":
        raise RateFormatError("This is not the Bank of Russia rate file format.", PROVIDER)
    day = _day(root.get("Date"))
    if day is None:
        raise RateFormatError("The Bank of Russia rate file has no valid date.", PROVIDER)
    collector = RowCollector(PROVIDER, NAME, "RUB")
    for valute in root.findall("Valute"):
        code = (valute.findtext("CharCode") or "").strip() or None
        collector.add(code, _per_unit(valute))
    in_base, problems, rejected = collector.finish()
    return RateTable.from_in_base(
        PROVIDER,
        day,
        "RUB",
        in_base,
        source_note=SOURCE_NOTE,
        problems=problems,
        rejected=rejected,
    )


def _day(text: str | None) -> date | None:
    match = _DAY.fullmatch((text or "").strip())
    if match is None:
        return None
    dd, mm, yyyy = (int(g) for g in match.groups())
    try:
        day = date(yyyy, mm, dd)
    except ValueError:
        return None
    return day if day >= FIRST_DAY else None


def _per_unit(valute: Element) -> Decimal | Bad:
    """Roubles per 1 unit, or why the row cannot be used."""
    nominal_text = (valute.findtext("Nominal") or "").strip()
    if not _NOMINAL.fullmatch(nominal_text):
        return Bad(f"has an invalid Nominal (“{nominal_text[:12]}”)")
    value = check_rate(decimal_text(valute.findtext("Value"), _NUMBER, comma=True))
    if isinstance(value, Bad):
        return value
    per_unit = value / Decimal(nominal_text)
    if valute.find("VunitRate") is None:
        return per_unit
    vunit = check_rate(decimal_text(valute.findtext("VunitRate"), _NUMBER, comma=True))
    if isinstance(vunit, Bad):
        return Bad(f"(VunitRate) {vunit.reason}")
    if abs(vunit - per_unit) > per_unit * CROSS_CHECK_TOLERANCE:
        return Bad(f"(VunitRate {vunit}) disagrees with Value/Nominal ({per_unit})")
    return vunit
