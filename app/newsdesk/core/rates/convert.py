"""Convert any pair through cross rates, exactly, and say which rates were used.

A :class:`RateBook` holds the tables in use, in priority order (by default the ECB, then the
Bank of Russia). For a pair it chooses, in this order:

1. **One table with both currencies.** When both the ECB and the Bank of Russia have them, a
   pair with RUB goes to the table whose base is RUB (the Bank of Russia), any other pair to
   the first table in the book (the ECB). So USD→JPY is ECB's ``JPY/USD`` and USD→RUB is the
   Bank of Russia's own number.
2. **Two tables through a shared currency**, when no table has both (MXN→KZT): MXN→EUR with
   the ECB, then EUR→KZT with the Bank of Russia, which publishes EUR in roubles. The bridge is
   EUR if both tables have it, else RUB, else USD; the result is flagged ``mixed``.

Everything is ``Decimal``: each table contributes an exact fraction (the published numbers, the
Bank of Russia's in their own direction), the fractions are multiplied exactly, and there is one
division at the end. The result is rounded half-even to the target's ISO 4217 minor unit (or to
the places asked for); ``exact`` keeps 34 significant digits.
"""

from __future__ import annotations

import decimal
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from newsdesk.core.rates._checks import is_code
from newsdesk.core.rates.currencies import CurrencyTable, load_currencies
from newsdesk.core.rates.model import (
    Conversion,
    ConversionError,
    MissingPairError,
    Origin,
    RateError,
    RateTable,
    UnknownCurrencyError,
)
from newsdesk.core.rates.providers import PROVIDERS
from newsdesk.core.rates.schedule import is_stale

log = logging.getLogger(__name__)

EXACT_DIGITS = 34
RATE_DIGITS = 28
MAX_PLACES = 18
_PRODUCT_DIGITS = 200  # products of a few published numbers are exact at this precision
BRIDGES = ("EUR", "RUB", "USD")


@dataclass(frozen=True, slots=True)
class BookSource:
    """A table in a book, with where it came from and whether it is stale."""

    table: RateTable
    origin: Origin = Origin.NETWORK
    stale: bool = False

    @property
    def offline_snapshot(self) -> bool:
        """True for the snapshot shipped with Newsdesk."""
        return self.origin is Origin.SNAPSHOT


@dataclass(frozen=True, slots=True)
class _Route:
    numerator: Decimal
    denominator: Decimal
    used: tuple[BookSource, ...]


class RateBook:
    """The tables in use, in priority order, and conversions between any of their currencies."""

    def __init__(
        self,
        sources: Iterable[RateTable | BookSource],
        *,
        now: datetime | None = None,
        currencies: CurrencyTable | None = None,
    ) -> None:
        """Build a book.

        Args:
            sources: Tables (or tables with their origin) in priority order.
            now: When given, plain tables are marked stale by their provider's schedule.
            currencies: Names and minor units (the shipped table by default).
        """
        self._sources = tuple(
            s
            if isinstance(s, BookSource)
            else BookSource(s, stale=is_stale(s, now) if now is not None else False)
            for s in sources
        )
        self._currencies = currencies or load_currencies()

    @property
    def sources(self) -> tuple[BookSource, ...]:
        """The tables in priority order."""
        return self._sources

    @property
    def codes(self) -> frozenset[str]:
        """Every currency some table in the book can convert."""
        codes: frozenset[str] = frozenset()
        for source in self._sources:
            codes |= source.table.codes
        return codes

    @property
    def currencies(self) -> CurrencyTable:
        """Names and minor units used for rounding."""
        return self._currencies

    def convert(
        self, amount: Decimal, source: str, target: str, *, places: int | None = None
    ) -> Conversion:
        """Convert ``amount`` of ``source`` into ``target``.

        Args:
            amount: The amount (``parse_amount`` gives one).
            source: ISO code to convert from (case and spaces are forgiven).
            target: ISO code to convert to.
            places: Decimal places of the result; the target's minor unit by default.

        Raises:
            UnknownCurrencyError: a code that is not a code, or that no table has.
            MissingPairError: no table, or pair of tables, links the two.
            RateError: the book is empty.
        """
        if isinstance(amount, int):
            amount = Decimal(amount)
        if not amount.is_finite():
            raise ValueError("amount must be finite")
        source, target = _code(source), _code(target)
        digits = self._currencies.minor_unit(target) if places is None else places
        if not 0 <= digits <= MAX_PLACES:
            raise ValueError(f"places must be between 0 and {MAX_PLACES}")
        route = self._route(source, target)
        with decimal.localcontext() as ctx:
            ctx.prec = _PRODUCT_DIGITS
            product = amount * route.numerator
            ctx.prec = EXACT_DIGITS
            exact = _plain(product / route.denominator)
            ctx.prec = RATE_DIGITS
            rate = _trim(route.numerator / route.denominator)
            ctx.prec = _PRODUCT_DIGITS
            result = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
        # named in book order ("ecb+cbr" both ways), dated by the tables in the order applied
        used = [s for s in self._sources if any(s is u for u in route.used)]
        providers = list(dict.fromkeys(s.table.provider for s in used))
        return Conversion(
            amount=amount,
            source=source,
            target=target,
            result=result,
            exact=exact,
            rate=rate,
            provider="+".join(providers),
            as_of=min(s.table.as_of for s in route.used),
            stale=any(s.stale for s in route.used),
            mixed=len(route.used) > 1,
            offline_snapshot=any(s.offline_snapshot for s in route.used),
            sources=tuple((s.table.provider, s.table.as_of) for s in route.used),
            places=digits,
        )

    def convert_many(
        self,
        amount: Decimal,
        source: str,
        targets: Sequence[str],
        *,
        places: int | None = None,
    ) -> list[Conversion | ConversionError]:
        """Convert one amount into several targets (the favourites list), one result each."""
        results: list[Conversion | ConversionError] = []
        for target in targets:
            try:
                results.append(self.convert(amount, source, target, places=places))
            except ConversionError as exc:
                results.append(exc)
        return results

    # -- choosing the tables ---------------------------------------------------------------

    def _route(self, source: str, target: str) -> _Route:
        if not self._sources:
            raise RateError("No exchange rates are available yet; refresh when online.")
        for code in (source, target):
            if not any(code in s.table.codes for s in self._sources):
                raise self._unknown(code)
        both = [s for s in self._sources if {source, target} <= s.table.codes]
        if both:
            chosen = both[0]
            if "RUB" in (source, target):
                chosen = next((s for s in both if s.table.base == "RUB"), chosen)
            return _single(chosen, source, target)
        for first in (s for s in self._sources if source in s.table.codes):
            for second in (s for s in self._sources if target in s.table.codes):
                bridge = _bridge(first.table, second.table)
                if bridge is not None:
                    one = _single(first, source, bridge)
                    two = _single(second, bridge, target)
                    return _Route(
                        one.numerator * two.numerator,
                        one.denominator * two.denominator,
                        (first, second),
                    )
        raise MissingPairError(
            f"{source}→{target} cannot be computed: the tables that have them share no "
            "currency to convert through."
        )

    def _unknown(self, code: str) -> UnknownCurrencyError:
        loaded = list(dict.fromkeys(s.table.provider for s in self._sources))
        names = _names(loaded)
        verb = "does" if len(loaded) == 1 else "do"
        currency = self._currencies.get(code)
        if currency is None and code != "XDR":
            return UnknownCurrencyError(f"{code} is not a known currency code.", code)
        if code == "RUB" and "cbr" not in loaded:
            return UnknownCurrencyError(
                f"{names} {verb} not publish RUB; add the Bank of Russia (cbr) to the rate "
                "providers.",
                code,
            )
        if "open_er_api" not in loaded:
            return UnknownCurrencyError(
                f"{names} {verb} not publish {code}; the extended provider (open.er-api.com) "
                "may have it.",
                code,
            )
        return UnknownCurrencyError(f"None of the loaded rates ({names}) has {code}.", code)


def _single(source_of: BookSource, source: str, target: str) -> _Route:
    table = source_of.table
    n_s, d_s = table.fraction(source)
    n_t, d_t = table.fraction(target)
    with decimal.localcontext() as ctx:
        ctx.prec = _PRODUCT_DIGITS
        return _Route(n_t * d_s, d_t * n_s, (source_of,))


def _bridge(first: RateTable, second: RateTable) -> str | None:
    shared = first.codes & second.codes
    for code in BRIDGES:
        if code in shared:
            return code
    return min(shared) if shared else None


def _code(text: str) -> str:
    code = text.strip().upper()
    if not is_code(code):
        raise UnknownCurrencyError(
            f"“{text.strip()[:20]}” is not a currency code (three letters, like USD).", code
        )
    return code


def _names(provider_ids: Sequence[str]) -> str:
    names = [PROVIDERS[p].name if p in PROVIDERS else p for p in provider_ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _plain(value: Decimal) -> Decimal:
    """Never in exponent form for whole numbers (``0E+2`` becomes ``0``)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return value.quantize(Decimal(1))
    return value


def _trim(value: Decimal) -> Decimal:
    """Without trailing zeros, and never in exponent form for whole numbers."""
    trimmed = value.normalize()
    exponent = trimmed.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return trimmed.quantize(Decimal(1))
    return trimmed
