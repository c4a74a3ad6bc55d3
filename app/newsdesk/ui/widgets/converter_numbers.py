"""How the converter writes numbers: places, significant digits, grouping (display only).

Every number comes from the core (:meth:`RateBook.convert` rounds half-even to the places it is
asked for); these helpers only decide how many places to ask for and how to write the answer.
Numbers are written the way the default locale writes them: "1 234,56" in Russian.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

from newsdesk.core.rates import Conversion
from newsdesk.core.rates.convert import MAX_PLACES

#: Significant digits of a result that rounding would leave with under two (0.005393 RUB).
MIN_SIGNIFICANT = 4
#: Places shown of an amount that arithmetic made long (1/3); typed numbers have at most 12.
AMOUNT_MAX_PLACES = 12
_WIDE = 60  # precision for display quantizing: never the limit


def format_decimal(value: Decimal, decimal_point: str = ".", group: str = ",") -> str:
    """``value`` in fixed point with its digits grouped by three: ``9186.21`` → ``9 186.21``."""
    text = format(value, ",f")
    return text.replace(",", "\0").replace(".", decimal_point).replace("\0", group)


def significant(value: Decimal, digits: int) -> Decimal:
    """``value`` to ``digits`` significant digits (half up), without trailing zeros."""
    if not value:
        return value
    places = max(0, digits - 1 - value.adjusted())
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= places:
        return value
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if places:
            rounded = rounded.normalize()
        exponent = rounded.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            rounded = rounded.quantize(Decimal(1))
    return rounded


def shown_amount(amount: Decimal, minor_unit: int) -> Decimal:
    """The amount with at least the currency's places (``200`` → ``200.00``)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        exponent = amount.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places > AMOUNT_MAX_PLACES:
            return amount.quantize(Decimal(1).scaleb(-AMOUNT_MAX_PLACES), ROUND_HALF_EVEN)
        return amount.quantize(Decimal(1).scaleb(-max(places, minor_unit)))


def at_least(value: Decimal, places: int) -> Decimal:
    """``value`` without trailing zeros, but with at least ``places`` decimals (same value)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _WIDE
        exponent = value.normalize().as_tuple().exponent
        shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return value.quantize(Decimal(1).scaleb(-max(shown, places)))


def places_for_significance(conversion: Conversion) -> int | None:
    """More places for a result that rounding would leave with under two significant digits.

    Below a tenth of a cent-based unit (or one whole yen), 100 IRR = 0.01 RUB says little;
    :data:`MIN_SIGNIFICANT` digits (0.005393 RUB) say how much it is.
    """
    exact = conversion.exact
    limit = min(Decimal(1), Decimal(1).scaleb(1 - conversion.places))
    if not exact or abs(exact) >= limit:
        return None
    wanted = min(-exact.adjusted() + MIN_SIGNIFICANT - 1, MAX_PLACES)
    return wanted if wanted > conversion.places else None


def decimal_point(wanted: str | None, locale: QLocale) -> str:
    """``wanted`` ("." or ","), else the locale's decimal point; "." for anything else."""
    point = wanted if wanted is not None else locale.decimalPoint()
    return point if point in (".", ",") else "."


def group_separator(decimal_point: str, locale: QLocale) -> str:
    """The locale's group separator, unless it would read as the decimal point."""
    group = locale.groupSeparator()
    if locale.decimalPoint() == decimal_point and group and group != decimal_point:
        return group
    return "\u00a0" if decimal_point == "," else ","
