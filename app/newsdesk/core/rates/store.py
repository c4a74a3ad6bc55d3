"""Rate tables in the Newsdesk SQLite database: history for charts, the last good table offline.

One row per provider, day and currency keeps the numbers exactly as published (``TEXT``, so
``Decimal`` round-trips; the Bank of Russia's in roubles per unit, marked by
``rate_fetches.quote``). Refreshing a day that is already stored with the same numbers writes
nothing. :meth:`RateStore.accept` is the gate in front of :meth:`RateStore.save`: a download
never replaces good numbers with bad ones.

``RATES_SCHEMA`` is added to :data:`newsdesk.core.storage.MIGRATIONS` as one migration; each
statement ends with a semicolon at the end of a line, as that runner splits them.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from newsdesk.core.rates.model import RateTable, reciprocal
from newsdesk.core.transactions import immediate

log = logging.getLogger(__name__)

RATES_SCHEMA = """
CREATE TABLE rates(
    provider TEXT NOT NULL,
    day TEXT NOT NULL,
    currency TEXT NOT NULL,
    rate TEXT NOT NULL,
    PRIMARY KEY(provider, day, currency)
) WITHOUT ROWID;
CREATE TABLE rate_fetches(
    provider TEXT NOT NULL,
    day TEXT NOT NULL,
    base TEXT NOT NULL,
    quote TEXT NOT NULL DEFAULT 'per_base',
    fetched_at TEXT,
    source_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(provider, day)
) WITHOUT ROWID;
"""

#: A rate that moves outside ×(1/SUSPICIOUS_FACTOR) … ×SUSPICIOUS_FACTOR is suspicious.
SUSPICIOUS_FACTOR = Decimal(2)
#: Tables further apart than this are not compared (real moves over months can be large).
MAX_COMPARE_GAP = timedelta(days=31)
_PER_BASE = "per_base"
_IN_BASE = "in_base"


class RateStore:
    """Reads and writes rate tables through an open connection (``isolation_level=None``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Use ``conn``, whose database already has :data:`RATES_SCHEMA`."""
        self._conn = conn

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate(self._conn, "the rates")

    def save(self, table: RateTable) -> bool:
        """Store ``table``; False (and nothing written) when that day is stored identically.

        A day stored with different numbers (a corrected file) is replaced whole.

        Raises:
            StorageError: the database cannot be written (full, locked, read-only).
        """
        day = table.as_of.isoformat()
        quote = _IN_BASE if table.quotes_in_base else _PER_BASE
        values = {code: table.published(code) for code in table.rates}
        stored = self._day(table.provider, table.as_of)
        if stored is not None and stored.base == table.base and _same(stored, values, quote):
            log.debug("%s %s already stored", table.provider, day)
            return False
        fetched = table.fetched_at.isoformat() if table.fetched_at else None
        with self._write() as c:
            c.execute("DELETE FROM rates WHERE provider = ? AND day = ?", (table.provider, day))
            c.executemany(
                "INSERT INTO rates(provider, day, currency, rate) VALUES (?, ?, ?, ?)",
                [(table.provider, day, code, str(v)) for code, v in sorted(values.items())],
            )
            c.execute(
                "INSERT OR REPLACE INTO rate_fetches"
                "(provider, day, base, quote, fetched_at, source_note) VALUES (?, ?, ?, ?, ?, ?)",
                (table.provider, day, table.base, quote, fetched, table.source_note),
            )
        log.info("stored %d %s rates for %s", len(values), table.provider, day)
        return True

    def latest(self, provider: str) -> RateTable | None:
        """The newest stored table of ``provider``, or ``None``."""
        row = self._conn.execute(
            "SELECT day FROM rate_fetches WHERE provider = ? ORDER BY day DESC LIMIT 1",
            (provider,),
        ).fetchone()
        return self._day(provider, date.fromisoformat(row[0])) if row else None

    def days(self, provider: str) -> list[date]:
        """The stored days of ``provider``, newest first."""
        rows = self._conn.execute(
            "SELECT day FROM rate_fetches WHERE provider = ? ORDER BY day DESC", (provider,)
        ).fetchall()
        return [date.fromisoformat(r[0]) for r in rows]

    def table(self, provider: str, day: date) -> RateTable | None:
        """The stored table of ``provider`` for ``day``, or ``None``."""
        return self._day(provider, day)

    def history(self, provider: str, currency: str, days: int) -> list[tuple[date, Decimal]]:
        """Units of ``currency`` per 1 base over ``days`` days up to the newest stored day.

        Oldest first, for a chart; days the provider did not publish are simply absent.
        """
        newest = self._conn.execute(
            "SELECT max(day) FROM rate_fetches WHERE provider = ?", (provider,)
        ).fetchone()[0]
        if newest is None:
            return []
        since = (date.fromisoformat(newest) - timedelta(days=days)).isoformat()
        rows = self._conn.execute(
            "SELECT r.day, r.rate, f.quote FROM rates r JOIN rate_fetches f "
            "ON f.provider = r.provider AND f.day = r.day "
            "WHERE r.provider = ? AND r.currency = ? AND r.day > ? ORDER BY r.day",
            (provider, currency, since),
        ).fetchall()
        result: list[tuple[date, Decimal]] = []
        for day, text, quote in rows:
            value = _decimal(text)
            if value is None:
                continue
            result.append(
                (date.fromisoformat(day), reciprocal(value) if quote == _IN_BASE else value)
            )
        return result

    def pair_history(
        self, provider: str, source: str, target: str, days: int
    ) -> list[tuple[date, Decimal]]:
        """Units of ``target`` per 1 ``source`` by day (either may be the base), oldest first."""
        tables = [self._day(provider, day) for day in self.days(provider)]
        if not tables or tables[0] is None:
            return []
        since = tables[0].as_of - timedelta(days=days)
        result: list[tuple[date, Decimal]] = []
        for table in tables:
            if table is None or table.as_of <= since:
                continue
            if {source, target} <= table.codes:
                n_s, d_s = table.fraction(source)
                n_t, d_t = table.fraction(target)
                result.append((table.as_of, (n_t * d_s) / (d_t * n_s)))
        result.reverse()
        return result

    def accept(
        self,
        table: RateTable,
        previous: RateTable | None,
        *,
        factor: Decimal = SUSPICIOUS_FACTOR,
    ) -> tuple[RateTable, list[str]]:
        """Never let a bad download replace the last good table.

        Against ``previous`` (the same provider's last good table, same base, at most
        :data:`MAX_COMPARE_GAP` older): a rate that moved outside ×1/factor … ×factor keeps the
        previous value, and a row the parser rejected (zero, NaN, duplicate) takes the previous
        value if there was one. Each such case is reported and added to ``problems``.

        Returns:
            The table to store and use, and one sentence per corrected currency.
        """
        if (
            previous is None
            or previous.base != table.base
            or previous.provider != table.provider
            or not timedelta(0) <= table.as_of - previous.as_of <= MAX_COMPARE_GAP
        ):
            return table, []
        keep: dict[str, tuple[Decimal, Decimal | None]] = {}
        messages: list[str] = []
        low, high = 1 / factor, factor
        for code, rate in table.rates.items():
            old = previous.rates.get(code)
            if old is None or low <= rate / old <= high:
                continue
            keep[code] = (old, previous.in_base.get(code))
            messages.append(
                f"{code} moved from {previous.published(code)} to {table.published(code)}, "
                f"more than ×{factor}; suspicious data from the provider, the previous rate "
                f"of {previous.as_of.isoformat()} is kept."
            )
        for code in table.rejected:
            if code in previous.rates and code not in table.rates:
                keep[code] = (previous.rates[code], previous.in_base.get(code))
                messages.append(
                    f"{code} was unusable in the new file; the rate of "
                    f"{previous.as_of.isoformat()} is kept."
                )
        if not keep:
            return table, []
        for message in messages:
            log.warning("%s %s: %s", table.provider, table.as_of, message)
        return table.replace_values(keep, tuple(messages)), messages

    # -- reading ---------------------------------------------------------------------------

    def _day(self, provider: str, day: date) -> RateTable | None:
        meta = self._conn.execute(
            "SELECT base, quote, fetched_at, source_note FROM rate_fetches "
            "WHERE provider = ? AND day = ?",
            (provider, day.isoformat()),
        ).fetchone()
        if meta is None:
            return None
        base, quote, fetched_text, note = meta
        values: dict[str, Decimal] = {}
        problems: list[str] = []
        for code, text in self._conn.execute(
            "SELECT currency, rate FROM rates WHERE provider = ? AND day = ?",
            (provider, day.isoformat()),
        ):
            value = _decimal(text)
            if value is None:
                problems.append(f"The stored rate of {code} is damaged; it was left out.")
                continue
            values[code] = value
        fetched = _datetime(fetched_text)
        if quote == _IN_BASE:
            return RateTable.from_in_base(
                provider,
                day,
                base,
                values,
                fetched_at=fetched,
                source_note=note,
                problems=tuple(problems),
            )
        return RateTable(provider, day, base, values, fetched, note, tuple(problems))


def _same(stored: RateTable, values: dict[str, Decimal], quote: str) -> bool:
    if (quote == _IN_BASE) != stored.quotes_in_base or set(stored.rates) != set(values):
        return False
    return all(stored.published(code) == value for code, value in values.items())


def _decimal(text: object) -> Decimal | None:
    if not isinstance(text, str):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _datetime(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
