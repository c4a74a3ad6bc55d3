"""Parsers for the keyless JSON rate APIs: Frankfurter v1 and open.er-api.com, from bytes.

JSON numbers become ``Decimal`` (never ``float``) and ``NaN``/``Infinity`` are refused at the
parser. These APIs answer some failures with HTTP 200 and an error body
(``{"result":"error","error-type":"invalid-key"}``, ``{"success":false,...}``), so every body is
schema-checked and error bodies become typed errors with one sentence for the user.

Frankfurter rounds rebased values by magnitude, so Newsdesk asks it for base EUR and computes
crosses itself; a table with another base is accepted with a problem noted. open.er-api's terms
forbid redistribution: its data is fetched and cached on request, never shipped.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from newsdesk.core.rates._checks import RowCollector, is_code, json_pairs, load_json
from newsdesk.core.rates.ecb import FIRST_DAY
from newsdesk.core.rates.model import (
    ApiKeyRequiredError,
    ProviderRefusedError,
    RateFormatError,
    RateTable,
)

FRANKFURTER = "frankfurter"
FRANKFURTER_NAME = "Frankfurter"
FRANKFURTER_NOTE = "Frankfurter (ECB reference rates)"
OPEN_ER_API = "open_er_api"
OPEN_ER_API_NAME = "open.er-api.com"
OPEN_ER_API_NOTE = "Rates by ExchangeRate-API (https://www.exchangerate-api.com), not official"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ERROR_WORD = re.compile(r"[^A-Za-z0-9_ -]")
_MAX_DAY = date(2200, 1, 1)


def parse_frankfurter(body: bytes) -> RateTable:
    """Parse a Frankfurter v1 answer (``/v1/latest?base=EUR``).

    Raises:
        RateFormatError: not the v1 object shape (the v2 list shape is named as such).
        ProviderRefusedError: an error body.
        EmptyTableError: no valid rate.
    """
    data = load_json(body, FRANKFURTER, FRANKFURTER_NAME)
    if isinstance(data, list):
        raise RateFormatError(
            "This is Frankfurter's v2 format; a v1 address (…/v1/latest?base=EUR) is expected.",
            FRANKFURTER,
        )
    if not isinstance(data, dict):
        raise RateFormatError("The Frankfurter answer is not a rate table.", FRANKFURTER)
    raise_for_error_body(data, FRANKFURTER, FRANKFURTER_NAME)
    if "rates" not in data and isinstance(data.get("message"), str):
        raise ProviderRefusedError(
            f"Frankfurter answered with an error ({_word(data['message'])}).", FRANKFURTER
        )
    base = data.get("base")
    rates = data.get("rates")
    if not is_code(base) or not isinstance(rates, dict):
        raise RateFormatError(
            "The Frankfurter answer lacks its base currency or its rates.", FRANKFURTER
        )
    amount = data.get("amount", Decimal(1))
    if not isinstance(amount, Decimal) or amount != 1:
        raise RateFormatError(
            "The Frankfurter answer is for an amount other than 1; ask without amount=.",
            FRANKFURTER,
        )
    day = _iso_day(data.get("date"))
    if day is None:
        raise RateFormatError("The Frankfurter answer has no valid date.", FRANKFURTER)
    collector = RowCollector(FRANKFURTER, FRANKFURTER_NAME, base)
    for code, value in json_pairs(rates):
        collector.add(code, value)
    values, problems, rejected = collector.finish()
    if base != "EUR":
        problems += (
            f"Frankfurter rounds rates rebased to {base}; the address should ask for base=EUR.",
        )
    return RateTable(
        FRANKFURTER, day, base, values, None, FRANKFURTER_NOTE, problems, rejected=rejected
    )


def parse_open_er_api(body: bytes) -> RateTable:
    """Parse an open.er-api.com ``/v6/latest/{BASE}`` answer.

    Raises:
        RateFormatError: not the expected shape.
        ApiKeyRequiredError: the error type says a key is needed or invalid.
        ProviderRefusedError: any other error body (``result: error``, ``success: false``).
        EmptyTableError: no valid rate.
    """
    data = load_json(body, OPEN_ER_API, OPEN_ER_API_NAME)
    if not isinstance(data, dict):
        raise RateFormatError("The open.er-api.com answer is not a rate table.", OPEN_ER_API)
    raise_for_error_body(data, OPEN_ER_API, OPEN_ER_API_NAME)
    if data.get("result") != "success":
        raise RateFormatError("The open.er-api.com answer does not say it succeeded.", OPEN_ER_API)
    base = data.get("base_code")
    rates = data.get("rates")
    if not is_code(base) or not isinstance(rates, dict):
        raise RateFormatError(
            "The open.er-api.com answer lacks its base currency or its rates.", OPEN_ER_API
        )
    day = _unix_day(data.get("time_last_update_unix"))
    if day is None:
        raise RateFormatError("The open.er-api.com answer has no valid update time.", OPEN_ER_API)
    collector = RowCollector(OPEN_ER_API, OPEN_ER_API_NAME, base)
    for code, value in json_pairs(rates):
        collector.add(code, value)
    values, problems, rejected = collector.finish()
    return RateTable(
        OPEN_ER_API, day, base, values, None, OPEN_ER_API_NOTE, problems, rejected=rejected
    )


def raise_for_error_body(data: dict[str, Any], provider: str, name: str) -> None:
    """Turn the error bodies these APIs send with HTTP 200 into typed errors.

    Raises:
        ApiKeyRequiredError: the provider wants a key, or rejects the one sent.
        ProviderRefusedError: any other error the body reports.
    """
    error = data.get("error")
    failed = (
        data.get("success") is False
        or data.get("result") == "error"
        or (error not in (None, False) and "rates" not in data)
    )
    if not failed:
        return
    kind = data.get("error-type")
    if kind is None and isinstance(error, dict):
        kind = error.get("type") or error.get("code") or error.get("info")
    if kind is None:
        kind = error if isinstance(error, str) else "unknown"
    word = _word(str(kind))
    lowered = word.lower()
    if any(token in lowered for token in ("key", "access", "auth", "inactive-account")):
        raise ApiKeyRequiredError(f"{name} now requires an API key ({word}).", provider)
    if "quota" in lowered or "limit" in lowered:
        raise ProviderRefusedError(
            f"{name} says its request limit is reached; try again later.", provider
        )
    if "unsupported" in lowered or "code" in lowered:
        raise ProviderRefusedError(
            f"{name} does not support the base currency that was asked for.", provider
        )
    raise ProviderRefusedError(f"{name} answered with an error ({word}).", provider)


def _word(text: str) -> str:
    return _ERROR_WORD.sub("", text)[:60] or "no reason given"


def _iso_day(value: object) -> date | None:
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_DAY <= day < _MAX_DAY else None


def _unix_day(value: object) -> date | None:
    if not isinstance(value, Decimal) or not value.is_finite() or value != value.to_integral():
        return None
    if not 0 < value < Decimal(7_258_118_400):  # 2200-01-01
        return None
    return datetime.fromtimestamp(int(value), UTC).date()
