"""Turn whatever a user types into a safe SQLite FTS5 query.

Raw user text as an FTS5 ``MATCH`` argument fails in ordinary ways: ``USD-RUB`` reads as a
column filter, ``"abc`` is an unterminated string, ``C++`` and ``NEAR(`` are syntax errors. Here
the text is split into words and quoted phrases, each quoted for FTS5, so no input can produce a
syntax error. A little syntax is kept on purpose: ``"exact phrase"``, ``OR`` between words,
``-word`` or ``NOT word`` to exclude, and ``word*`` for a prefix. Words of three letters or more
match as prefixes anyway, which stands in for stemming (``доллар`` finds ``доллара``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 16
MAX_QUERY = 500
PREFIX_MIN = 3
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]
    prefix: bool
    negated: bool


def words(text: str) -> list[str]:
    """The searchable words of ``text``, lower-cased, as FTS5's unicode61 tokenizer sees them."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


def build_match(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it holds nothing to search for."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUERY]
    groups: list[list[_Term]] = [[]]
    negated_next = False
    for match in _TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                if groups[-1]:
                    groups.append([])
                continue
            if bare in ("AND", "&&"):
                continue
            if bare == "NOT":
                negated_next = True
                continue
            negated = negated_next or (bare.startswith("-") and len(bare) > 1)
            raw = bare[1:] if bare.startswith("-") else bare
            found = words(raw)
            if not found:
                continue
            prefix = raw.endswith("*") or len(found[-1]) >= PREFIX_MIN
            # "USD-RUB" or "C++" become the phrase of their words.
            groups[-1].append(_Term(tuple(found), prefix and len(found) == 1, negated))
        else:
            found = words(phrase or "")
            if found:
                groups[-1].append(_Term(tuple(found), False, bool(minus) or negated_next))
        negated_next = False
    clauses = []
    count = 0
    for group in groups:
        positive = [t for t in group if not t.negated]
        negative = [t for t in group if t.negated]
        if not positive:  # FTS5 has no unary NOT: a group of exclusions alone is dropped
            continue
        parts = []
        for term in positive[: MAX_TERMS - count]:
            parts.append(_quote(term))
            count += 1
        clause = " AND ".join(parts)
        for term in negative[: max(0, MAX_TERMS - count)]:
            clause = f"({clause}) NOT {_quote(term)}"
            count += 1
        clauses.append(f"({clause})")
    if not clauses:
        return None
    return " OR ".join(clauses)


def _quote(term: _Term) -> str:
    phrase = " ".join(term.words).replace('"', '""')
    return f'"{phrase}"' + ("*" if term.prefix else "")
