"""Currency codes, English and Russian names and ISO 4217 minor units, for pickers and rounding.

The data is a table Newsdesk ships (``resources/currencies.json``) rather than a library: it is
small, has the Russian names the app needs, and changes a few times a decade. Codes a provider
publishes but the table lacks (XDR, say) still convert; they round to
:data:`DEFAULT_MINOR_UNIT` places and are named by their code.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsdesk.core.rates._checks import is_code
from newsdesk.core.resources import resource_path

log = logging.getLogger(__name__)

RESOURCE = "currencies.json"
DEFAULT_MINOR_UNIT = 2


@dataclass(frozen=True, slots=True)
class Currency:
    """One currency.

    Attributes:
        code: ISO 4217 code.
        name_en: English name.
        name_ru: Russian name.
        minor_unit: Decimal places of the currency (JPY 0, EUR 2, KWD 3).
        active: False for a recently withdrawn code (HRK, BGN) kept for old tables.
        note: Why it was withdrawn, for a tooltip.
    """

    code: str
    name_en: str
    name_ru: str
    minor_unit: int
    active: bool = True
    note: str = ""

    def name(self, language: str = "en") -> str:
        """The name in ``language`` (``"ru"`` or anything else for English)."""
        return self.name_ru if language == "ru" else self.name_en


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


class CurrencyTable:
    """The shipped currencies, looked up by code and searched by code or name."""

    def __init__(self, currencies: Iterable[Currency]) -> None:
        """Index ``currencies`` (sorted by code)."""
        self._by_code = {c.code: c for c in sorted(currencies, key=lambda c: c.code)}
        self._folded = {
            c.code: (_fold(c.code), _fold(c.name_en), _fold(c.name_ru))
            for c in self._by_code.values()
        }

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Currency]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Currency | None:
        """The currency with ``code``, or ``None``."""
        return self._by_code.get(code.strip().upper())

    def minor_unit(self, code: str) -> int:
        """Decimal places of ``code``; :data:`DEFAULT_MINOR_UNIT` for a code not in the table."""
        currency = self.get(code)
        return currency.minor_unit if currency else DEFAULT_MINOR_UNIT

    def search(
        self,
        text: str,
        *,
        favourites: Iterable[str] = (),
        within: Iterable[str] | None = None,
        include_inactive: bool = False,
    ) -> list[Currency]:
        """Currencies matching ``text`` by code or by English or Russian name, best first.

        The order: favourites, then an exact code, a code prefix, a name starting with the
        text, a name word starting with it, and a name containing it; ties go by code.
        Matching ignores case, and ``ё`` matches ``е``.

        Args:
            text: What the user typed; empty matches everything.
            favourites: Codes to put first among the matches.
            within: Only these codes (the ones the loaded rates can convert), if given.
            include_inactive: Also list withdrawn codes.
        """
        query = _fold(text.strip())
        favourite = {code.upper(): rank for rank, code in enumerate(favourites)}
        allowed = None if within is None else {code.upper() for code in within}
        ranked: list[tuple[int, int, str]] = []
        for code, currency in self._by_code.items():
            if allowed is not None and code not in allowed:
                continue
            if not currency.active and not include_inactive:
                continue
            score = self._score(code, query)
            if score is None:
                continue
            ranked.append((favourite.get(code, len(favourite)), score, code))
        ranked.sort()
        return [self._by_code[code] for _fav, _score, code in ranked]

    def _score(self, code: str, query: str) -> int | None:
        if not query:
            return 0
        folded_code, name_en, name_ru = self._folded[code]
        if folded_code == query:
            return 0
        if folded_code.startswith(query):
            return 1
        names = (name_en, name_ru)
        if any(name.startswith(query) for name in names):
            return 2
        if any(word.startswith(query) for name in names for word in name.split()):
            return 3
        if any(query in name for name in names):
            return 4
        return None


def load_currencies(path: Path | None = None) -> CurrencyTable:
    """Read a currencies file (the shipped one by default, read once and cached).

    Raises:
        ValueError: the file is malformed (a packaging bug, not a user error).
    """
    if path is None:
        return _shipped()
    return _read(path)


@cache
def _shipped() -> CurrencyTable:
    return _read(resource_path(RESOURCE))


def _read(path: Path) -> CurrencyTable:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data.get("currencies") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ValueError(f"{path} has no currency list")
    currencies: list[Currency] = []
    for row in rows:
        code, minor = row.get("code"), row.get("minor_unit")
        if not is_code(code) or not isinstance(minor, int) or not 0 <= minor <= 4:
            raise ValueError(f"{path}: bad currency row {row!r}")
        currencies.append(
            Currency(
                code,
                str(row.get("en", code)),
                str(row.get("ru", code)),
                minor,
                bool(row.get("active", True)),
                str(row.get("note", "")),
            )
        )
    log.debug("%d currencies read from %s", len(currencies), path)
    return CurrencyTable(currencies)
