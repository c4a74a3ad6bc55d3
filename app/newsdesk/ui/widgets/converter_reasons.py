"""The core's reasons for a typo or an impossible pair, said again in the UI language.

:func:`parse_amount` and :class:`RateBook` explain themselves in English sentences (they carry
no message codes yet). :func:`explain` recognises each sentence and says it again through
``QCoreApplication.translate("ConverterWidget", ...)`` with the same facts (positions, codes,
limits); a sentence it does not know is shown as the core wrote it. The context is the
converter's, where these strings were first translated. tests/ui/test_translation.py makes
every sentence happen and checks that none comes out in English under the Russian translation.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from newsdesk.core.rates import (
    AmountError,
    MissingPairError,
    RateBook,
    RateError,
    UnknownCurrencyError,
)
from newsdesk.ui.widgets.converter_captions import provider_list

#: ``RateBook``'s sentence for two codes that no table links.
_MISSING_PAIR = re.compile(
    r"(?P<source>\S+)→(?P<target>\S+) cannot be computed: the tables that have them share no "
    r"currency to convert through\.",
    re.DOTALL,
)


def explain(exc: RateError, book: RateBook) -> str:
    """``exc``'s one-line reason in the UI language; the core's text when it is not known.

    Args:
        exc: What :func:`parse_amount` or ``book`` raised (or returned, in ``convert_many``).
        book: The rates in use, to name the providers a missing currency was looked for in.
    """
    text = str(exc)
    if isinstance(exc, UnknownCurrencyError):
        return _unknown_currency(text, exc.currency, book)
    if isinstance(exc, MissingPairError):
        found = _MISSING_PAIR.fullmatch(text)
        if found is None:
            return text
        return QCoreApplication.translate(
            "ConverterWidget",
            "{source}→{target} cannot be computed: the tables that have them share no "
            "currency to convert through.",
        ).format(**found.groupdict())
    if isinstance(exc, AmountError):
        for pattern, message in _amount_messages():
            found = pattern.fullmatch(text)
            if found is not None:
                return message.format(**found.groupdict())
        return text
    if text == "No exchange rates are available yet; refresh when online.":
        return QCoreApplication.translate(
            "ConverterWidget", "No exchange rates are available yet; refresh when online."
        )
    return text


def _amount_messages() -> list[tuple[re.Pattern[str], str]]:
    """What :func:`parse_amount` says, as (its sentence, ours); ``where`` is its prefix."""
    where = r"“(?P<text>.+)” at position (?P<position>\d+)"
    return [
        (
            _pattern(r"The amount is longer than (?P<limit>\d+) characters\."),
            QCoreApplication.translate(
                "ConverterWidget", "The amount is longer than {limit} characters."
            ),
        ),
        (
            _pattern(r"Enter an amount\."),
            QCoreApplication.translate("ConverterWidget", "Enter an amount."),
        ),
        (
            _pattern(rf"Letters cannot be used in an amount \({where}\)\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "Letters cannot be used in an amount (“{text}” at position {position}).",
            ),
        ),
        (
            _pattern(rf"{where} cannot be used in an amount\."),
            QCoreApplication.translate(
                "ConverterWidget", "“{text}” at position {position} cannot be used in an amount."
            ),
        ),
        (
            _pattern(rf"{where} mixes digit-grouping characters\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "“{text}” at position {position} mixes digit-grouping characters.",
            ),
        ),
        (
            _pattern(rf"{where} mixes digit grouping with an exponent\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "“{text}” at position {position} mixes digit grouping with an exponent.",
            ),
        ),
        (
            _pattern(rf"{where} is not a number\."),
            QCoreApplication.translate(
                "ConverterWidget", "“{text}” at position {position} is not a number."
            ),
        ),
        (
            _pattern(rf"{where} groups its digits wrongly \(groups of three\)\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "“{text}” at position {position} groups its digits wrongly (groups of three).",
            ),
        ),
        (
            _pattern(rf"{where} is too large; the limit is (?P<limit>.+)\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "“{text}” at position {position} is too large; the limit is {limit}.",
            ),
        ),
        (
            _pattern(rf"{where} has more than (?P<limit>\d+) decimal places\."),
            QCoreApplication.translate(
                "ConverterWidget",
                "“{text}” at position {position} has more than {limit} decimal places.",
            ),
        ),
        (
            _pattern(rf"{where} is not expected here\."),
            QCoreApplication.translate(
                "ConverterWidget", "“{text}” at position {position} is not expected here."
            ),
        ),
        (
            _pattern(r"Division by zero at position (?P<position>\d+)\."),
            QCoreApplication.translate(
                "ConverterWidget", "Division by zero at position {position}."
            ),
        ),
        (
            _pattern(r"The amount is nested more than (?P<limit>\d+) levels deep\."),
            QCoreApplication.translate(
                "ConverterWidget", "The amount is nested more than {limit} levels deep."
            ),
        ),
        (
            _pattern(r"The parenthesis at position (?P<position>\d+) is never closed\."),
            QCoreApplication.translate(
                "ConverterWidget", "The parenthesis at position {position} is never closed."
            ),
        ),
        (
            _pattern(r"The amount ends too early; a number is missing\."),
            QCoreApplication.translate(
                "ConverterWidget", "The amount ends too early; a number is missing."
            ),
        ),
        (
            _pattern(
                r"The result at position (?P<position>\d+) is too large; "
                r"the limit is (?P<limit>.+)\."
            ),
            QCoreApplication.translate(
                "ConverterWidget",
                "The result at position {position} is too large; the limit is {limit}.",
            ),
        ),
    ]


def _unknown_currency(text: str, code: str, book: RateBook) -> str:
    """Why a code cannot be converted (``RateBook``'s reasons, in the same order)."""
    loaded = list(dict.fromkeys(s.table.provider for s in book.sources))
    names = provider_list(loaded)
    if text.endswith(" is not a currency code (three letters, like USD)."):
        typed = text[1 : text.index("”")] if text.startswith("“") else code
        return QCoreApplication.translate(
            "ConverterWidget", "“{text}” is not a currency code (three letters, like USD)."
        ).format(text=typed)
    if text == f"{code} is not a known currency code.":
        return QCoreApplication.translate(
            "ConverterWidget", "{code} is not a known currency code."
        ).format(code=code)
    if text.endswith("not publish RUB; add the Bank of Russia (cbr) to the rate providers."):
        if len(loaded) == 1:
            message = QCoreApplication.translate(
                "ConverterWidget",
                "{providers} does not publish RUB; add the Bank of Russia (cbr) to the "
                "rate providers.",
            )
        else:
            message = QCoreApplication.translate(
                "ConverterWidget",
                "{providers} do not publish RUB; add the Bank of Russia (cbr) to the "
                "rate providers.",
            )
        return message.format(providers=names)
    if text.endswith(f"not publish {code}; the extended provider (open.er-api.com) may have it."):
        if len(loaded) == 1:
            message = QCoreApplication.translate(
                "ConverterWidget",
                "{providers} does not publish {code}; the extended provider "
                "(open.er-api.com) may have it.",
            )
        else:
            message = QCoreApplication.translate(
                "ConverterWidget",
                "{providers} do not publish {code}; the extended provider "
                "(open.er-api.com) may have it.",
            )
        return message.format(providers=names, code=code)
    if text.startswith("None of the loaded rates ("):
        return QCoreApplication.translate(
            "ConverterWidget", "None of the loaded rates ({providers}) has {code}."
        ).format(providers=names, code=code)
    return text


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)
