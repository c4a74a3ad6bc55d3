"""Read an amount the way people type it, exactly, with a one-line reason when it cannot be read.

Accepted: ``1234.56``, ``1,234.56``, ``1 234,56`` (space, NBSP U+00A0, narrow NBSP U+202F, thin
space or an apostrophe as digit grouping), ``1.234,56``, ``.5``, ``1e6``, and arithmetic with
``+ - * / ( )``, ``×``, ``÷``, ``·``, ``−`` and unary signs. A lone separator followed by exactly
three digits (``1,234``) is ambiguous; the user's locale decides (``locale_decimal``).

The arithmetic is a small recursive-descent parser over ``Decimal`` — never ``eval`` — bounded
in length (:data:`MAX_LENGTH`), nesting (:data:`MAX_DEPTH`), magnitude (:data:`MAX_MAGNITUDE`,
checked after every step) and decimal places of each number typed (:data:`MAX_DECIMALS`).
Every failure is an :class:`AmountError` whose message names the problem and, where it helps,
its position (1-based in the text; ``position`` holds the 0-based index).
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal

from newsdesk.core.rates.model import AmountError

MAX_LENGTH = 200
MAX_DEPTH = 20
MAX_MAGNITUDE = Decimal("1e15")
MAX_DECIMALS = 12
WORKING_DIGITS = 34
_GROUPING = frozenset(" \u00a0\u202f\u2009'\u2019")
_SPACES = frozenset(" \t\u00a0\u202f\u2009\u2007")
_OPERATORS = {
    "+": "+",
    "-": "-",
    "\u2212": "-",  # minus sign
    "*": "*",
    "×": "*",
    "·": "*",
    "/": "/",
    "÷": "/",
    "(": "(",
    ")": ")",
}
_EXPONENT = re.compile(r"[eE][-+]?\d{1,4}")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "num", an operator ("+", "-", "*", "/", "(", ")"), or "end"
    pos: int
    text: str
    value: Decimal | None = None


def parse_amount(text: str, locale_decimal: str = ".") -> Decimal:
    """The amount ``text`` stands for, as an exact ``Decimal``.

    Args:
        text: What the user typed.
        locale_decimal: The locale's decimal separator (``"."`` or ``","``); it decides
            ambiguous input such as ``1,234``.

    Raises:
        AmountError: with a one-line reason for the user.
    """
    if locale_decimal not in (".", ","):
        raise ValueError("locale_decimal must be '.' or ','")
    if len(text) > MAX_LENGTH:
        raise AmountError(f"The amount is longer than {MAX_LENGTH} characters.")
    tokens = _tokenize(text, locale_decimal)
    if len(tokens) == 1:
        raise AmountError("Enter an amount.")
    with decimal.localcontext() as ctx:
        ctx.prec = WORKING_DIGITS
        ctx.traps[decimal.Inexact] = False
        ctx.traps[decimal.Rounded] = False
        parser = _Parser(tokens)
        value = parser.expression(0)
        if parser.peek.kind != "end":
            raise _unexpected(parser.peek)
        return value


def _tokenize(text: str, locale_decimal: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _SPACES:
            i += 1
        elif ch.isdigit() or (ch in ".," and i + 1 < len(text) and text[i + 1].isdigit()):
            end = _number_end(text, i)
            raw = text[i:end]
            tokens.append(_Token("num", i, raw, _number(raw, i, locale_decimal)))
            i = end
        elif ch in _OPERATORS:
            tokens.append(_Token(_OPERATORS[ch], i, ch))
            i += 1
        elif ch.isalpha():
            raise AmountError(
                f"Letters cannot be used in an amount (“{ch}” at position {i + 1}).", i
            )
        else:
            shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
            raise AmountError(f"“{shown}” at position {i + 1} cannot be used in an amount.", i)
    tokens.append(_Token("end", len(text), ""))
    return tokens


def _number_end(text: str, start: int) -> int:
    """The end of the number starting at ``start`` (digits, separators, grouping, exponent)."""
    i = start
    while i < len(text):
        ch = text[i]
        digit_next = i + 1 < len(text) and text[i + 1].isdigit()
        if ch.isdigit() or digit_next and (ch in ".," or (ch in _GROUPING and i > start)):
            i += 1
        elif ch in ".,":
            return i + 1  # "5." while typing: read as 5
        elif ch in "eE":
            match = _EXPONENT.match(text, i)
            return match.end() if match else i
        else:
            return i
    return i


def _number(raw: str, pos: int, locale_decimal: str) -> Decimal:
    shown = raw if len(raw) <= 24 else raw[:21] + "…"
    where = f"“{shown}” at position {pos + 1}"
    mantissa, exponent = raw, ""
    match = _EXPONENT.search(raw)
    if match:
        mantissa, exponent = raw[: match.start()], raw[match.start() :]
    groups = {ch for ch in mantissa if ch in _GROUPING}
    dots, commas = mantissa.count("."), mantissa.count(",")
    decimal_sep: str | None = None
    grouping: set[str] = set(groups)
    if dots and commas:
        decimal_sep = "." if mantissa.rfind(".") > mantissa.rfind(",") else ","
        grouping.add("," if decimal_sep == "." else ".")
        if mantissa.count(decimal_sep) > 1 or groups:
            raise AmountError(f"{where} mixes digit-grouping characters.", pos)
    elif dots or commas:
        sep = "." if dots else ","
        if dots + commas > 1:
            grouping.add(sep)
        else:
            before, after = mantissa.split(sep)
            ambiguous = not groups and len(after) == 3 and 1 <= len(before) <= 3 and before != "0"
            if ambiguous and sep != locale_decimal:
                grouping.add(sep)
            else:
                decimal_sep = sep
    if exponent and grouping:
        raise AmountError(f"{where} mixes digit grouping with an exponent.", pos)
    whole, _, fraction = mantissa.partition(decimal_sep) if decimal_sep else (mantissa, "", "")
    if not _DIGITS.fullmatch(fraction or "0"):
        raise AmountError(f"{where} is not a number.", pos)
    if grouping:
        parts = re.split("|".join(re.escape(g) for g in sorted(grouping)), whole)
        good = (
            1 <= len(parts[0]) <= 3
            and all(_DIGITS.fullmatch(p) for p in parts)
            and all(len(p) == 3 for p in parts[1:])
        )
        if not good:
            raise AmountError(f"{where} groups its digits wrongly (groups of three).", pos)
        whole = "".join(parts)
    if not _DIGITS.fullmatch(whole or "0"):
        raise AmountError(f"{where} is not a number.", pos)
    value = Decimal(f"{whole or '0'}{'.' + fraction if fraction else ''}{exponent}")
    if abs(value) > MAX_MAGNITUDE:
        raise AmountError(f"{where} is too large; the limit is {_LIMIT}.", pos)
    if _places(value) > MAX_DECIMALS:
        raise AmountError(f"{where} has more than {MAX_DECIMALS} decimal places.", pos)
    exponent_of = value.as_tuple().exponent
    if isinstance(exponent_of, int) and exponent_of > 0:
        value = value.quantize(Decimal(1))  # 1e6 → 1000000, not 1E+6
    return value


def _places(value: Decimal) -> int:
    """Significant decimal places (``1.50`` has 1, ``1e-20`` has 20)."""
    if value == 0:
        return 0
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


_LIMIT = "1 000 000 000 000 000"


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    @property
    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expression(self, depth: int) -> Decimal:
        value = self.term(depth)
        while self.peek.kind in ("+", "-"):
            op = self.take()
            right = self.term(depth)
            value = _checked(value + right if op.kind == "+" else value - right, op)
        return value

    def term(self, depth: int) -> Decimal:
        value = self.unary(depth)
        while self.peek.kind in ("*", "/"):
            op = self.take()
            right = self.unary(depth)
            if op.kind == "*":
                value = _checked(value * right, op)
            elif right == 0:
                raise AmountError(f"Division by zero at position {op.pos + 1}.", op.pos)
            else:
                value = _checked(value / right, op)
        return value

    def unary(self, depth: int) -> Decimal:
        if depth > MAX_DEPTH:
            raise AmountError(
                f"The amount is nested more than {MAX_DEPTH} levels deep.", self.peek.pos
            )
        token = self.peek
        if token.kind in ("+", "-"):
            self.take()
            value = self.unary(depth + 1)
            return -value if token.kind == "-" else value
        return self.primary(depth)

    def primary(self, depth: int) -> Decimal:
        token = self.take()
        if token.kind == "num":
            assert token.value is not None
            return token.value
        if token.kind == "(":
            value = self.expression(depth + 1)
            closing = self.take()
            if closing.kind != ")":
                if closing.kind == "end":
                    raise AmountError(
                        f"The parenthesis at position {token.pos + 1} is never closed.",
                        token.pos,
                    )
                raise _unexpected(closing)
            return value
        raise _unexpected(token)


def _unexpected(token: _Token) -> AmountError:
    if token.kind == "end":
        return AmountError("The amount ends too early; a number is missing.", token.pos)
    return AmountError(
        f"“{token.text[:24]}” at position {token.pos + 1} is not expected here.", token.pos
    )


def _checked(value: Decimal, op: _Token) -> Decimal:
    if abs(value) > MAX_MAGNITUDE:
        raise AmountError(
            f"The result at position {op.pos + 1} is too large; the limit is {_LIMIT}.", op.pos
        )
    return value
