"""The rates store on a real SQLite file: exact round trips, idempotent saves, the gate."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.ecb import parse_ecb_daily_xml, parse_ecb_history_xml
from newsdesk.core.rates.model import RateTable
from newsdesk.core.rates.store import RATES_SCHEMA, RateStore
from tests.core.rates.conftest import CBR_DAILY, ECB_90D, ECB_DAILY

D = Decimal
FETCHED = datetime(2026, 7, 6, 15, 10, tzinfo=UTC)


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_storage_creates_the_rate_tables_as_a_migration(tmp_path, rate_bytes):
    from newsdesk.core.storage import MIGRATIONS, Storage

    assert MIGRATIONS[2] == RATES_SCHEMA  # schema 3 (later ones are the feeds' own)
    with Storage(tmp_path / "newsdesk.sqlite") as storage:
        assert storage.schema_version == len(MIGRATIONS)
        names = {
            r[0]
            for r in storage.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {"rates", "rate_fetches", "feeds", "articles"} <= names
        rates = RateStore(storage.connection)
        assert rates.save(parse_ecb_daily_xml(rate_bytes(ECB_DAILY))) is True
        assert rates.latest("ecb") is not None


def test_ecb_round_trip_is_exact(store, rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    table = RateTable(table.provider, table.as_of, table.base, table.rates, FETCHED, "ECB, url")
    assert store.save(table) is True
    loaded = store.latest("ecb")
    assert loaded == table
    assert loaded is not None and loaded.rates["GBP"] == D("0.85538")
    assert str(loaded.rates["HUF"]) == "353.50"  # the published text, trailing zero included


def test_cbr_round_trip_keeps_published_roubles(store, rates_db, rate_bytes):
    table = parse_cbr_xml(rate_bytes(CBR_DAILY))
    assert store.save(table)
    stored = dict(rates_db.execute("SELECT currency, rate FROM rates WHERE provider = 'cbr'"))
    assert stored["JPY"] == "0.472636" and stored["IRR"] == "0.0000539256"
    loaded = store.latest("cbr")
    assert loaded is not None
    assert loaded.in_base == table.in_base and loaded.rates == table.rates
    assert loaded.as_of == date(2026, 4, 25)


def test_refreshing_the_same_day_twice_stores_nothing_new(store, rates_db, rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    assert store.save(table) is True
    before = (count(rates_db, "rates"), count(rates_db, "rate_fetches"), rates_db.total_changes)
    again = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    assert store.save(again) is False
    assert (count(rates_db, "rates"), count(rates_db, "rate_fetches"), rates_db.total_changes) == (
        before[0],
        before[1],
        before[2],
    )
    assert before[:2] == (29, 1)


def test_a_corrected_day_replaces_the_stored_one(store, rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    store.save(table)
    corrected = table.replace_values({"USD": (D("1.1416"), None)}, ())
    assert store.save(corrected) is True
    loaded = store.latest("ecb")
    assert loaded is not None and loaded.rates["USD"] == D("1.1416") and len(loaded.rates) == 29


def test_history_for_the_90_day_chart(store, rate_bytes):
    days = parse_ecb_history_xml(rate_bytes(ECB_90D))
    assert sum(store.save(t) for t in days) == 61
    assert sum(store.save(t) for t in days) == 0
    usd = store.history("ecb", "USD", 90)
    assert (
        len(usd) == 61
        and usd[0][0] == date(2024, 11, 28)
        and usd[-1]
        == (
            date(2025, 2, 25),
            D("1.0497"),
        )
    )
    assert [d for d, _ in store.history("ecb", "USD", 7)] == [
        date(2025, 2, 19),
        date(2025, 2, 20),
        date(2025, 2, 21),
        date(2025, 2, 24),
        date(2025, 2, 25),
    ]
    pair = store.pair_history("ecb", "USD", "JPY", 90)
    assert pair[-1] == (date(2025, 2, 25), D("157.19") / D("1.0497"))
    assert store.history("cbr", "USD", 90) == []
    assert store.days("ecb")[0] == date(2025, 2, 25)


def test_cbr_history_is_per_rouble(store, rate_bytes):
    store.save(parse_cbr_xml(rate_bytes(CBR_DAILY)))
    ((day, value),) = store.history("cbr", "USD", 30)
    assert day == date(2026, 4, 25) and abs(value * D("75.5273") - 1) < D("1e-30")
    assert store.pair_history("cbr", "USD", "RUB", 30) == [(date(2026, 4, 25), D("75.5273"))]


def test_suspicious_jump_keeps_the_previous_value(store, rate_bytes):
    previous = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    store.save(previous)
    text = rate_bytes(ECB_DAILY).decode().replace("2026-07-06", "2026-07-07")
    text = text.replace("rate='1.1415'", "rate='114.15'")  # ×100: a decimal point lost
    text = text.replace("rate='185.31'", "rate='186.02'")  # a normal move
    text = text.replace("rate='0.85538'", "rate='0.4'")  # ×0.47
    bad = parse_ecb_daily_xml(text.encode())
    accepted, notes = store.accept(bad, store.latest("ecb"))
    assert accepted.rates["USD"] == D("1.1415") and accepted.rates["GBP"] == D("0.85538")
    assert accepted.rates["JPY"] == D("186.02")
    assert len(notes) == 2 and all("suspicious" in n for n in notes)
    assert "USD moved from 1.1415 to 114.15" in notes[0]
    assert set(notes) <= set(accepted.problems)
    assert store.save(accepted)
    latest = store.latest("ecb")
    assert latest is not None and latest.as_of == date(2026, 7, 7)
    assert latest.rates["USD"] == D("1.1415")


def test_unusable_rows_take_the_previous_value(store, rate_bytes):
    previous = parse_cbr_xml(rate_bytes(CBR_DAILY))
    text = rate_bytes(CBR_DAILY).replace(b"25.04.2026", b"28.04.2026")
    text = text.replace(
        b"<Value>75,5273</Value><VunitRate>75,5273", b"<Value>0</Value><VunitRate>0"
    )
    broken = parse_cbr_xml(text)
    assert "USD" not in broken.rates and broken.rejected == ("USD",)
    accepted, notes = store.accept(broken, previous)
    assert accepted.published("USD") == D("75.5273") and accepted.rejected == ()
    assert notes == ["USD was unusable in the new file; the rate of 2026-04-25 is kept."]


def test_accept_leaves_unrelated_or_distant_tables_alone(store, rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    far = RateTable("ecb", date(2025, 1, 2), "EUR", {"USD": D("0.5")})
    assert store.accept(table, far) == (table, [])
    assert store.accept(table, None) == (table, [])
    other = RateTable("cbr", date(2026, 7, 6), "RUB", {"USD": D("0.01")})
    assert store.accept(table, other) == (table, [])


def test_damaged_stored_value_is_left_out(store, rates_db, rate_bytes):
    store.save(parse_ecb_daily_xml(rate_bytes(ECB_DAILY)))
    rates_db.execute("UPDATE rates SET rate = 'NaN' WHERE currency = 'USD'")
    loaded = store.latest("ecb")
    assert loaded is not None and "USD" not in loaded.rates and "damaged" in loaded.problems[0]


def test_write_failure_is_a_storage_error(tmp_path, rate_bytes):
    from newsdesk.core.errors import StorageError

    conn = sqlite3.connect(tmp_path / "full.sqlite", isolation_level=None)
    try:
        for statement in (s.strip() for s in RATES_SCHEMA.split(";\n")):
            if statement:
                conn.execute(statement)
        conn.execute("PRAGMA max_page_count = 4")
        store = RateStore(conn)
        with pytest.raises(StorageError, match="disk holding the rates is full"):
            for table in parse_ecb_history_xml(rate_bytes(ECB_90D)):
                store.save(table)
        assert not conn.in_transaction
    finally:
        conn.close()
