"""Validation shared by every rate parser: codes, numbers, duplicates, whole-table rules.

Rate files are untrusted input (security model I2–I5, I8). A row is kept only when its code is
three capital letters, its value a finite ``Decimal`` greater than zero and within a sane band,
and its code appears once. Bad rows are dropped and described; a table that ends up empty, or
whose rows are mostly bad, is refused as a whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple, TypeGuard

from newsdesk.core.rates.model import EmptyTableError, RateFormatError

CODE_RE = re.compile(r"[A-Z]{3}")
#: No real rate against EUR, RUB or USD is outside this band; a value outside it is garbage.
MIN_RATE = Decimal("1e-9")
MAX_RATE = Decimal("1e9")
#: How many problems are listed one by one before the rest are summed up.
MAX_LISTED_PROBLEMS = 10


class Bad(NamedTuple):
    """A value that could not be read as a number, and why (a predicate for a sentence)."""

    reason: str


class JsonObject(dict[str, Any]):
    """A JSON object that also keeps every key/value pair in order, duplicates included."""

    pairs: list[tuple[str, Any]]


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject(pairs)
    obj.pairs = pairs
    return obj


def json_pairs(obj: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    """Every pair of a JSON object as sent (a repeated key appears each time)."""
    return obj.pairs if isinstance(obj, JsonObject) else obj.items()


def is_code(value: object) -> TypeGuard[str]:
    """True for a string of exactly three ASCII capital letters."""
    return isinstance(value, str) and CODE_RE.fullmatch(value) is not None


def check_rate(value: object) -> Decimal | Bad:
    """The value as a valid rate, or why it is not one."""
    if isinstance(value, Bad):
        return value
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return Bad("is not a number")
    if not value.is_finite():
        return Bad("is not a finite number")
    if value <= 0:
        return Bad("is not greater than zero")
    if not MIN_RATE <= value <= MAX_RATE:
        return Bad("is out of any plausible range")
    return value


def decimal_text(text: str | None, pattern: re.Pattern[str], comma: bool = False) -> Decimal | Bad:
    """Parse a number written the provider's way; ``pattern`` must match the whole text."""
    if text is None:
        return Bad("is missing")
    text = text.strip()
    if not pattern.fullmatch(text):
        return Bad(f"(“{text[:20]}”) is not a number in the provider's format")
    try:
        return Decimal(text.replace(",", ".") if comma else text)
    except InvalidOperation:
        return Bad(f"(“{text[:20]}”) is not a number")


class RowCollector:
    """Collects validated rows and the reasons for the rejected ones."""

    def __init__(self, provider: str, name: str, base: str) -> None:
        """Start an empty collection for ``provider`` (id), called ``name`` in messages."""
        self.provider = provider
        self.name = name
        self.base = base
        self.values: dict[str, Decimal] = {}
        self.problems: list[str] = []
        self.rejected: set[str] = set()
        self.rows = 0
        self._duplicates: set[str] = set()

    def add(self, code: object, value: object) -> None:
        """One row: a code and its value (a ``Decimal``, anything else, or a :class:`Bad`)."""
        self.rows += 1
        if not is_code(code):
            shown = str(code)[:12] if code is not None else "(none)"
            self.problems.append(f"The code “{shown}” is not a three-letter currency code.")
            return
        checked = check_rate(value)
        if isinstance(checked, Bad):
            self.problems.append(f"The rate of {code} {checked.reason}; it was left out.")
            self.rejected.add(code)
            return
        if code == self.base:
            if checked != 1:
                self.problems.append(f"The base {code} is listed with a rate other than 1.")
            return
        if code in self._duplicates:
            return
        if code in self.values:
            del self.values[code]
            self._duplicates.add(code)
            self.rejected.add(code)
            self.problems.append(f"{code} appears more than once; its rows were left out.")
            return
        self.values[code] = checked

    def finish(self) -> tuple[dict[str, Decimal], tuple[str, ...], tuple[str, ...]]:
        """The good rows, the problems and the rejected codes; an error when too few are good.

        Raises:
            EmptyTableError: no row is usable.
            RateFormatError: more than half of the rows are broken.
        """
        if not self.values:
            what = "no valid rate" if self.rows else "no rates"
            raise EmptyTableError(f"The {self.name} rate file has {what}.", self.provider)
        bad = self.rows - len(self.values)
        if bad * 2 > self.rows:
            raise RateFormatError(
                f"Most rows of the {self.name} rate file are broken ({bad} of {self.rows}).",
                self.provider,
            )
        problems = self.problems[:MAX_LISTED_PROBLEMS]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            problems.append(f"{len(self.problems) - MAX_LISTED_PROBLEMS} more rows were bad.")
        rejected = tuple(sorted(self.rejected - set(self.values)))
        return self.values, tuple(problems), rejected


def looks_like_html(body: bytes) -> bool:
    """An HTML page (an error page or a DDoS-protection challenge) rather than data."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def load_json(body: bytes, provider: str, name: str) -> Any:
    """Strict JSON: numbers become ``Decimal``; ``NaN`` and ``Infinity`` are refused.

    Raises:
        RateFormatError: a web page, text that is not UTF-8, or JSON that does not parse.
    """
    if looks_like_html(body):
        raise RateFormatError(f"{name} answered with a web page instead of rates.", provider)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RateFormatError(f"The {name} answer is not UTF-8 text.", provider) from None
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise RateFormatError(f"The {name} answer is nested too deeply.", provider) from None
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise RateFormatError(
            f"The {name} answer is not valid JSON ({reason}); it may be cut off.", provider
        ) from None
