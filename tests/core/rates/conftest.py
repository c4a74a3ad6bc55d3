"""Fixtures for the rates tests: a loopback server with the real rate files, a rates database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core import net
from newsdesk.core.rates.store import RATES_SCHEMA, RateStore
from tests.helpers.feedserver import FeedServer, Reply, Seen

ECB_DAILY = "ecb-eurofxref-daily-2026-07-06.xml"
ECB_LEGACY = "ecb-eurofxref-daily-2021-08-24-legacy-bgn-hrk-rub.xml"
ECB_90D = "ecb-eurofxref-hist-90d-2024-11-28_2025-02-25.xml"
ECB_CSV = "ecb-eurofxref-daily-2026-10-30.csv"
ECB_HIST_CSV = "ecb-eurofxref-hist-excerpt-2026-09-28_2026-10-30.csv"
CBR_DAILY = "cbr-xml-daily-2026-04-25.cp1251.xml"
FRANKFURTER_EUR = "frankfurter-v1-EUR-2022-06-29.json"
FRANKFURTER_USD = "frankfurter-v1-latest-USD-EUR-GBP-JPY-2026-09-02.json"
FRANKFURTER_V2 = "frankfurter-v2-rates-SGD-TWD-2026-09-08.json"
OPEN_ER_API = "open-er-api-latest-RUB-2025-04-23.json"
CBR_TYPE = "text/xml; charset=windows-1251"

#: Tight bounds so that failing tests fail fast.
TEST_LIMITS = net.Limits(
    connect_timeout=2, read_timeout=2, deadline=3, max_bytes=1_000_000, max_redirects=3
)
#: Monday 6 July 2026, 17:30 CEST: after the ECB fix of the day.
MON_EVENING = datetime(2026, 7, 6, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def rates_dir(fixtures_dir: Path) -> Path:
    """The shared folder of real rate files (test data only; never shipped)."""
    return fixtures_dir / "rates"


@pytest.fixture
def rate_bytes(rates_dir: Path):  # type: ignore[no-untyped-def]
    """Read one fixture file's bytes by name."""

    def read(name: str) -> bytes:
        return (rates_dir / name).read_bytes()

    return read


@pytest.fixture
def rates_server(rates_dir: Path) -> Iterator[FeedServer]:
    """A loopback server: ``/plain/<file>`` serves the rate files; CBR gets its real type.

    ``/cbr/XML_daily.asp`` serves the CBR file as ``text/xml; charset=windows-1251``; tests add
    their own failing routes with :meth:`FeedServer.route` and :func:`static`.
    """
    server = FeedServer(rates_dir).start()
    cbr = (rates_dir / CBR_DAILY).read_bytes()
    server.route("/cbr/XML_daily.asp", lambda seen: Reply(200, cbr, {"Content-Type": CBR_TYPE}))
    yield server
    server.stop()


def static(status: int, body: bytes, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    """A route handler that always answers ``status`` with ``body``."""

    def handler(seen: Seen) -> Reply:
        return Reply(status, body, {"Content-Type": content_type})

    return handler


@pytest.fixture
def session() -> Iterator[object]:
    """One requests session for the test, closed at the end."""
    with net.make_session() as s:
        yield s


@pytest.fixture
def rates_db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A real SQLite file with the rates schema, run statement by statement like storage.py."""
    conn = sqlite3.connect(tmp_path / "rates.sqlite", isolation_level=None)
    for statement in (s.strip() for s in RATES_SCHEMA.split(";\n")):
        if statement:
            conn.execute(statement)
    yield conn
    conn.close()


@pytest.fixture
def store(rates_db: sqlite3.Connection) -> RateStore:
    """A :class:`RateStore` on the test database."""
    return RateStore(rates_db)
