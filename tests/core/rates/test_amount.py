"""Amount input: forgiving about how numbers are written, exact, and clear about mistakes (I9)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsdesk.core.errors import NewsdeskError
from newsdesk.core.rates.amount import MAX_LENGTH, parse_amount
from newsdesk.core.rates.model import AmountError, RateError

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("1234.56", ".", "1234.56"),
        ("1234,56", ".", "1234.56"),  # two decimals after a comma can only be decimals
        ("1,234.56", ".", "1234.56"),
        ("1,234.56", ",", "1234.56"),
        ("1 234,56", ",", "1234.56"),
        ("1 234,56", ".", "1234.56"),
        (f"1{NBSP}234,56", ",", "1234.56"),
        (f"1{NNBSP}234{NNBSP}567,8", ",", "1234567.8"),
        ("1.234,56", ",", "1234.56"),
        ("1.234.567", ",", "1234567"),
        ("1,234,567", ".", "1234567"),
        ("1'234.50", ".", "1234.50"),
        # the ambiguous case: the locale decides
        ("1,234", ".", "1234"),
        ("1,234", ",", "1.234"),
        ("1.234", ".", "1.234"),
        ("1.234", ",", "1234"),
        ("0,123", ".", "0.123"),  # a group never starts with a lone 0
        ("1234,567", ".", "1234.567"),  # four digits before: not a group
        (" 42 ", ".", "42"),
        (".5", ".", "0.5"),
        (",5", ",", "0.5"),
        ("5.", ".", "5"),  # while typing
        ("0", ".", "0"),
        ("-5", ".", "-5"),
        ("\u22125", ".", "-5"),
        ("1e6", ".", "1000000"),
        # arithmetic
        ("100 + 20", ".", "120"),
        ("(1+2)*3", ".", "9"),
        ("2 × 3,5", ",", "7.0"),
        ("10 ÷ 4", ".", "2.5"),
        ("10 / 4", ".", "2.5"),
        ("-(2 - 5)", ".", "3"),
        ("--5", ".", "5"),
        ("2 * -3", ".", "-6"),
        ("1 234,50 - 34,50", ",", "1200.00"),
        ("0.1 + 0.2", ".", "0.3"),  # exact, unlike float
        ("1/3*3", ".", "0.9999999999999999999999999999999999"),
    ],
)
def test_accepted(text, locale, expected):
    assert parse_amount(text, locale) == Decimal(expected)
    assert str(parse_amount(text, locale)) == expected


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("", "Enter an amount", None),
        ("   ", "Enter an amount", None),
        ("abc", "Letters cannot be used in an amount (“a” at position 1)", 0),
        ("12a", "Letters cannot be used in an amount (“a” at position 3)", 2),
        ("5 USD", "“U” at position 3", 2),
        ("1e400", "is too large", 0),
        ("10000000000000000", "is too large", 0),
        ("99999999 * 99999999", "result at position 10 is too large", 9),
        ("1/0", "Division by zero at position 2", 1),
        ("5 / (2 - 2)", "Division by zero at position 3", 2),
        ("1.1234567890123", "more than 12 decimal places", 0),
        ("1e-20", "more than 12 decimal places", 0),
        ("(1 + 2", "parenthesis at position 1 is never closed", 0),
        ("1 +", "ends too early", 3),
        ("1 + * 2", "“*” at position 5 is not expected here", 4),
        ("2(3)", "“(” at position 2 is not expected here", 1),
        ("1 2", "groups its digits wrongly", 0),
        ("1,2,3", "groups its digits wrongly", 0),
        ("1 234.567,8", "mixes digit-grouping characters", 0),
        ("1,234e3", "grouping with an exponent", 0),
        ("$5", "“$” at position 1 cannot be used", 0),
        ("5%", "“%” at position 2 cannot be used", 1),
        ("(" * 25 + "1" + ")" * 25, "nested more than 20 levels", None),
        ("-" * 30 + "1", "nested more than 20 levels", None),
        ("1+" * 150 + "1", f"longer than {MAX_LENGTH} characters", None),
        ("__import__('os')", "“_” at position 1 cannot be used", 0),
    ],
)
def test_rejected_with_a_one_line_reason(text, message, position):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    reason = str(info.value)
    assert message in reason
    assert "\n" not in reason and reason.endswith(".")
    if position is not None:
        assert info.value.position == position
    assert isinstance(info.value, RateError) and isinstance(info.value, NewsdeskError)


def test_deep_but_allowed_nesting():
    assert parse_amount("(" * 20 + "7" + ")" * 20) == 7


def test_bad_locale_is_a_bug():
    with pytest.raises(ValueError):
        parse_amount("1", locale_decimal="x")
