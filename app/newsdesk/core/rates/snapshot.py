"""The offline snapshot shipped in ``resources/rates-snapshot.json``.

A first start without network still converts, from official reference rates (the ECB and the
Bank of Russia) of a known date, and says so. Only official providers' data may be shipped:
open.er-api.com's terms forbid redistribution, and a snapshot table of a provider that is not
official is refused here, whatever the file says.

The numbers are strings, exactly as published (the Bank of Russia's in roubles per unit,
``"quote": "in_base"``), so they round-trip as ``Decimal``.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from newsdesk.core.rates._checks import check_rate, is_code
from newsdesk.core.rates.model import RateFormatError, RateTable
from newsdesk.core.rates.providers import PROVIDERS
from newsdesk.core.resources import resource_path

log = logging.getLogger(__name__)

RESOURCE = "rates-snapshot.json"
_NUMBER = re.compile(r"\d{1,12}(?:\.\d{1,12})?(?:E-\d{1,2})?")


def load_snapshot(path: Path | None = None) -> list[RateTable]:
    """The snapshot's tables (``fetched_at`` is ``None``; ``source_note`` says what they are).

    Raises:
        RateFormatError: the file is missing or malformed (a packaging bug; callers carry on
            without a snapshot).
    """
    target = path or resource_path(RESOURCE)
    try:
        data = json.loads(target.read_bytes().decode("utf-8"), parse_constant=_reject)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RateFormatError(f"The shipped rate snapshot cannot be read ({exc}).") from None
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, list):
        raise RateFormatError("The shipped rate snapshot has no tables.")
    return [_table(entry) for entry in tables if _official(entry)]


def _official(entry: Any) -> bool:
    provider = entry.get("provider") if isinstance(entry, dict) else None
    info = PROVIDERS.get(provider) if isinstance(provider, str) else None
    if info is None or not info.official:
        log.error("snapshot table of %r refused: only official rates may be shipped", provider)
        return False
    return True


def _table(entry: dict[str, Any]) -> RateTable:
    provider, base, quote = entry.get("provider"), entry.get("base"), entry.get("quote")
    rates, source = entry.get("rates"), entry.get("source")
    try:
        as_of = date.fromisoformat(str(entry.get("as_of")))
    except ValueError:
        raise RateFormatError("A table of the shipped rate snapshot has no valid date.") from None
    if (
        not isinstance(provider, str)
        or not is_code(base)
        or quote not in ("per_base", "in_base")
        or not isinstance(rates, dict)
        or not isinstance(source, str)
    ):
        raise RateFormatError("A table of the shipped rate snapshot is malformed.")
    values: dict[str, Decimal] = {}
    for code, text in rates.items():
        value = (
            check_rate(Decimal(text)) if isinstance(text, str) and _NUMBER.fullmatch(text) else ""
        )
        if not is_code(code) or not isinstance(value, Decimal):
            raise RateFormatError(f"The shipped rate snapshot has a bad rate for {code!r}.")
        values[code] = value
    note = f"Offline snapshot shipped with Newsdesk: {source}"
    if quote == "in_base":
        return RateTable.from_in_base(provider, as_of, base, values, source_note=note)
    return RateTable(provider, as_of, base, values, None, note)


def _reject(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")
