"""The values the rates engine passes around, and the failures it can meet.

A :class:`RateTable` is one provider's table for one day, exactly as published and validated.
``rates`` always holds units of a currency per 1 ``base`` (what the ECB publishes). The Bank of
Russia publishes the other direction (roubles per unit); its exact numbers are kept in
``in_base`` so that conversions, storage and display never go through a rounded reciprocal.

Every expected failure is a :class:`RateError` whose ``str()`` is one sentence for a user.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

from newsdesk.core.errors import NewsdeskError

#: Significant digits of a reciprocal kept in ``RateTable.rates`` (Decimal's default is 28).
RECIPROCAL_DIGITS = 34
_ONE = Decimal(1)


def reciprocal(value: Decimal) -> Decimal:
    """``1 / value`` to :data:`RECIPROCAL_DIGITS` significant digits."""
    with decimal.localcontext() as ctx:
        ctx.prec = RECIPROCAL_DIGITS
        return _ONE / value


def _frozen(mapping: Mapping[str, Decimal]) -> Mapping[str, Decimal]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class RateTable:
    """One provider's rates for one day.

    Attributes:
        provider: Provider id (``"ecb"``, ``"cbr"``, ``"frankfurter"``, ``"open_er_api"``).
        as_of: The provider's own date: ECB ``Cube@time``, CBR ``ValCurs@Date`` (the day the
            rates are valid for, which can be after the publication day).
        base: The currency every rate is quoted against (EUR, RUB, ...).
        rates: Units of each currency per 1 ``base``; ``base`` itself is not a key.
        fetched_at: When it was downloaded (aware UTC), or ``None`` for shipped data.
        source_note: Where the numbers came from, for a tooltip ("European Central Bank, URL").
        problems: One sentence per row that was dropped or corrected.
        in_base: Units of ``base`` per 1 unit of each currency, exactly as the provider
            published them (CBR's ``VunitRate``); empty for providers that quote per base.
        rejected: Codes whose rows were present but unusable (zero, NaN, duplicated, ...);
            :meth:`RateStore.accept` carries their previous values forward.
    """

    provider: str
    as_of: date
    base: str
    rates: Mapping[str, Decimal]
    fetched_at: datetime | None = None
    source_note: str = ""
    problems: tuple[str, ...] = ()
    in_base: Mapping[str, Decimal] = field(default_factory=dict)
    rejected: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rates", _frozen(self.rates))
        object.__setattr__(self, "in_base", _frozen(self.in_base))
        if set(self.in_base) - set(self.rates):
            raise ValueError("every in_base code must also be in rates")

    @classmethod
    def from_in_base(
        cls,
        provider: str,
        as_of: date,
        base: str,
        in_base: Mapping[str, Decimal],
        *,
        fetched_at: datetime | None = None,
        source_note: str = "",
        problems: tuple[str, ...] = (),
        rejected: tuple[str, ...] = (),
    ) -> RateTable:
        """A table from "base units per 1 unit" quotes (the Bank of Russia's direction)."""
        rates = {code: reciprocal(value) for code, value in in_base.items()}
        return cls(
            provider, as_of, base, rates, fetched_at, source_note, problems, in_base, rejected
        )

    @property
    def codes(self) -> frozenset[str]:
        """Every currency this table can convert, its base included."""
        return frozenset(self.rates) | {self.base}

    @property
    def quotes_in_base(self) -> bool:
        """True when the published numbers are base units per currency unit (CBR)."""
        return bool(self.in_base)

    def published(self, code: str) -> Decimal:
        """The number as the provider published it (per base, or in base units for CBR)."""
        if code == self.base:
            return _ONE
        if code in self.in_base:
            return self.in_base[code]
        return reciprocal(self.rates[code]) if self.in_base else self.rates[code]

    def fraction(self, code: str) -> tuple[Decimal, Decimal]:
        """Units of ``code`` per 1 base as an exact ``(numerator, denominator)`` pair."""
        if code == self.base:
            return _ONE, _ONE
        if code in self.in_base:
            return _ONE, self.in_base[code]
        return self.rates[code], _ONE

    def replace_values(
        self, values: Mapping[str, tuple[Decimal, Decimal | None]], problems: tuple[str, ...]
    ) -> RateTable:
        """A copy where some codes take other ``(rate, in_base)`` values, with more problems.

        Codes that get a value are no longer listed in ``rejected``.
        """
        rates = dict(self.rates)
        in_base = dict(self.in_base)
        for code, (rate, quoted) in values.items():
            rates[code] = rate
            if quoted is not None:
                in_base[code] = quoted
            else:
                in_base.pop(code, None)
        return RateTable(
            self.provider,
            self.as_of,
            self.base,
            rates,
            self.fetched_at,
            self.source_note,
            self.problems + problems,
            in_base,
            tuple(code for code in self.rejected if code not in values),
        )


class Origin(enum.StrEnum):
    """Where a table in use came from."""

    NETWORK = "network"  # downloaded now from a chosen provider
    FALLBACK = "fallback"  # downloaded now from a fallback (Frankfurter for the ECB)
    CACHE = "cache"  # the last good table stored in the database
    SNAPSHOT = "snapshot"  # the offline snapshot shipped with Newsdesk


@dataclass(frozen=True, slots=True)
class Conversion:
    """One conversion, with everything a caption needs.

    Attributes:
        amount: What was converted, in ``source``.
        source: ISO code converted from.
        target: ISO code converted to.
        result: ``exact`` rounded (ROUND_HALF_EVEN) to the target's minor unit or the places
            asked for.
        exact: ``amount × rate`` to 34 significant digits, before rounding.
        rate: Units of ``target`` per 1 ``source`` (28 significant digits, no trailing zeros).
        provider: The provider id, or ``"ecb+cbr"`` for a mixed-source cross rate.
        as_of: The rate date; for a mixed cross rate the older of the two.
        stale: A table used has missed at least one expected publication.
        mixed: The pair needed two providers (through a currency both publish, EUR first).
        offline_snapshot: A table used is the snapshot shipped with Newsdesk.
        sources: ``(provider, as_of)`` of each table used, in the order they were applied.
        places: The number of decimal places of ``result``.
    """

    amount: Decimal
    source: str
    target: str
    result: Decimal
    exact: Decimal
    rate: Decimal
    provider: str
    as_of: date
    stale: bool
    mixed: bool
    offline_snapshot: bool
    sources: tuple[tuple[str, date], ...] = ()
    places: int = 2


class RateError(NewsdeskError):
    """Base of every expected failure of the rates engine."""

    code = "rates"


class ProviderError(RateError):
    """A provider's answer cannot be used; ``provider`` says which one."""

    code = "rates_provider"

    def __init__(self, message: str, provider: str = "") -> None:
        super().__init__(message)
        self.provider = provider


class RateFormatError(ProviderError):
    """Not the expected document: garbage, a web page, a cut-off file, a DTD."""

    code = "rates_format"


class EmptyTableError(ProviderError):
    """The document parsed but held no usable rate."""

    code = "rates_empty"


class ProviderRefusedError(ProviderError):
    """The provider answered with an error body (often with HTTP 200)."""

    code = "rates_refused"


class ApiKeyRequiredError(ProviderRefusedError):
    """The provider now wants an API key (or rejects the one it was given)."""

    code = "rates_api_key"


class ProviderUnavailableError(ProviderError):
    """The provider could not be reached or answered with an error status."""

    code = "rates_unavailable"

    def __init__(
        self,
        message: str,
        provider: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, provider)
        self.status = status
        self.retry_after = retry_after


class ConversionError(RateError):
    """A conversion the loaded rates cannot answer."""

    code = "rates_conversion"


class UnknownCurrencyError(ConversionError):
    """Not a currency code, or a code no loaded table knows."""

    code = "rates_unknown_currency"

    def __init__(self, message: str, currency: str = "") -> None:
        super().__init__(message)
        self.currency = currency


class MissingPairError(ConversionError):
    """Both codes are known, but no table (or pair of tables) links them."""

    code = "rates_missing_pair"


class AmountError(RateError):
    """Text the amount parser cannot read; ``position`` is 0-based, or ``None``."""

    code = "rates_amount"

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position
