"""The fallback chain against a real loopback server: providers down, broken, lying, or fine.

Security model I5, I7 (tests 15 and 16): a 500, a drip that times out, garbage, an HTML page, a
zero rate, an API-key error with HTTP 200, an older file than the cache; the converter keeps
answering from the best table left, and says where it came from.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from newsdesk.core import net
from newsdesk.core.rates.model import Origin
from newsdesk.core.rates.service import RatesConfig, RateService
from tests.core.rates.conftest import (
    CBR_TYPE,
    ECB_DAILY,
    ECB_LEGACY,
    FRANKFURTER_EUR,
    MON_EVENING,
    OPEN_ER_API,
    TEST_LIMITS,
)
from tests.helpers.feedserver import Reply, Seen

D = Decimal


class Switch:
    """A route whose answer a test changes between refreshes."""

    def __init__(self, status: int, body: bytes, content_type: str = "application/xml") -> None:
        self.set(status, body, content_type)

    def set(self, status: int, body: bytes, content_type: str = "application/xml") -> None:
        self.reply = Reply(status, body, {"Content-Type": content_type})

    def __call__(self, seen: Seen) -> Reply:
        return self.reply


@pytest.fixture
def routes(rates_server, rate_bytes):  # type: ignore[no-untyped-def]
    """Switchable routes for each provider, serving the real files at first."""
    switches = {
        "ecb": Switch(200, rate_bytes(ECB_DAILY)),
        "cbr": Switch(200, rate_bytes("cbr-xml-daily-2026-04-25.cp1251.xml"), CBR_TYPE),
        "frankfurter": Switch(200, rate_bytes(FRANKFURTER_EUR), "application/json"),
        "open_er_api": Switch(200, rate_bytes(OPEN_ER_API), "application/json"),
    }
    for name, switch in switches.items():
        rates_server.route(f"/{name}", switch)
    return switches


@pytest.fixture
def config(rates_server) -> RatesConfig:
    return RatesConfig(
        ecb_url=rates_server.url("/ecb"),
        ecb_history_url=rates_server.url("/plain/ecb-eurofxref-hist-90d-2024-11-28_2025-02-25.xml"),
        cbr_url=rates_server.url("/cbr"),
        frankfurter_url=rates_server.url("/frankfurter"),
        open_er_api_url=rates_server.url("/open_er_api"),
    )


def service(store, config, **kwargs) -> RateService:  # type: ignore[no-untyped-def]
    return RateService(store, config, limits=TEST_LIMITS, **kwargs)


def test_both_official_providers_answer(store, config, routes, session, rates_server):
    svc = service(store, config)
    report = svc.refresh(session, MON_EVENING)
    assert report.ok and not report.offline and report.stored == 2
    assert [(s.slot, s.provider, s.origin) for s in report.slots] == [
        ("ecb", "ecb", Origin.NETWORK),
        ("cbr", "cbr", Origin.NETWORK),
    ]
    book = svc.book(MON_EVENING)
    assert book.convert(D(100), "USD", "RUB").result == D("7552.73")
    jpy = book.convert(D(100), "USD", "JPY")
    assert jpy.provider == "ecb" and jpy.result == D("16234") and not jpy.stale
    assert not jpy.offline_snapshot
    assert [s.stale for s in book.sources] == [False, True]  # CBR's April table is behind
    assert len(rates_server.hits("/frankfurter")) == 0  # fallbacks only when needed
    assert svc.refresh(session, MON_EVENING).stored == 0  # same day again: nothing new


def test_ecb_down_frankfurter_replaces_it(store, config, routes, session):
    routes["ecb"].set(500, b"Internal Server Error", "text/plain")
    report = service(store, config).refresh(session, MON_EVENING)
    ecb = report.slots[0]
    assert (ecb.provider, ecb.origin, ecb.stored) == ("frankfurter", Origin.FALLBACK, True)
    assert ecb.errors == ("ECB answered with an error (HTTP 500).",)
    assert report.ok
    assert store.latest("frankfurter") is not None and store.latest("ecb") is None


@pytest.mark.parametrize(
    ("status", "body", "content_type", "error"),
    [
        (500, b"oops", "text/plain", "HTTP 500"),
        (200, b"\x00\x8f garbage \xff", "application/xml", "damaged or cut off"),
        (200, b"<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html", "web page"),
        (200, b"", "application/xml", "empty file"),
    ],
)
def test_everything_down_uses_the_cache(
    store, config, routes, session, status, body, content_type, error
):
    svc = service(store, config)
    svc.refresh(session, MON_EVENING)  # fills the cache
    for name in ("ecb", "cbr", "frankfurter"):
        routes[name].set(status, body, content_type)
    later = datetime(2026, 7, 8, 16, 0, tzinfo=UTC)
    report = service(store, config).refresh(session, later)
    assert report.offline and not report.ok
    assert [(s.provider, s.origin) for s in report.slots] == [
        ("ecb", Origin.CACHE),
        ("cbr", Origin.CACHE),
    ]
    assert any(error in e for e in report.slots[0].errors)
    assert len(report.slots[0].errors) == 2  # the ECB, then Frankfurter


def test_timeouts_fall_through_to_the_cache(store, config, routes, session, rates_server):
    svc = service(store, config)
    svc.refresh(session, MON_EVENING)
    tiny = net.Limits(connect_timeout=1, read_timeout=1, deadline=0.5, max_bytes=1_000_000)
    slow = replace(
        config,
        ecb_url=rates_server.url("/drip"),
        frankfurter_url=rates_server.url("/drip"),
        cbr_url=rates_server.url("/drip"),
    )
    report = RateService(store, slow, limits=tiny).refresh(session, MON_EVENING)
    assert [s.origin for s in report.slots] == [Origin.CACHE, Origin.CACHE]
    assert "did not answer in time" in report.slots[0].errors[0]


def test_offline_first_start_uses_the_shipped_snapshot(store, session):
    nowhere = RatesConfig(
        ecb_url="http://127.0.0.1:9/ecb",
        cbr_url="http://127.0.0.1:9/cbr",
        frankfurter_url="http://127.0.0.1:9/frankfurter",
    )
    svc = service(store, nowhere)
    # before any refresh the book already converts, from the snapshot
    first = svc.book(MON_EVENING).convert(D(100), "USD", "RUB")
    assert first.offline_snapshot and first.result == D("7552.73")
    report = svc.refresh(session, datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    assert [(s.provider, s.origin) for s in report.slots] == [
        ("ecb", Origin.SNAPSHOT),
        ("cbr", Origin.SNAPSHOT),
    ]
    assert all("could not be reached" in s.errors[0] for s in report.slots)
    book = svc.book(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    c = book.convert(D(100), "USD", "JPY")
    assert c.offline_snapshot and c.stale  # labelled, never blocked
    assert c.as_of == date(2026, 7, 6) and c.result == D("16234")
    assert "Offline snapshot shipped with Newsdesk" in book.sources[0].table.source_note
    assert book.sources[0].table.fetched_at is None
    assert store.latest("ecb") is None  # the snapshot is not copied into the cache


def test_no_snapshot_and_no_cache_means_no_table(store, session):
    nowhere = RatesConfig(
        ecb_url="http://127.0.0.1:9/",
        cbr_url="http://127.0.0.1:9/",
        frankfurter_url="http://127.0.0.1:9/",
    )
    svc = service(store, nowhere, use_snapshot=False)
    report = svc.refresh(session, MON_EVENING)
    assert [s.origin for s in report.slots] == [None, None]
    assert svc.book(MON_EVENING).sources == ()


def test_zero_rate_keeps_the_previous_value(store, config, routes, session, rate_bytes):
    svc = service(store, config)
    svc.refresh(session, MON_EVENING)
    zero = rate_bytes(ECB_DAILY).replace(b"2026-07-06", b"2026-07-07")
    routes["ecb"].set(200, zero.replace(b"rate='1.1415'", b"rate='0'"))
    report = svc.refresh(session, datetime(2026, 7, 7, 15, 30, tzinfo=UTC))
    ecb = report.slots[0]
    assert ecb.origin is Origin.NETWORK and ecb.as_of == date(2026, 7, 7)
    assert any("USD" in p and "greater than zero" in p for p in ecb.problems)
    assert any("2026-07-06 is kept" in p for p in ecb.problems)
    assert svc.book().convert(D(1), "EUR", "USD", places=4).result == D("1.1415")


def test_suspicious_jump_is_not_used(store, config, routes, session, rate_bytes):
    svc = service(store, config)
    svc.refresh(session, MON_EVENING)
    jump = rate_bytes(ECB_DAILY).replace(b"2026-07-06", b"2026-07-07")
    routes["ecb"].set(200, jump.replace(b"rate='185.31'", b"rate='18531'"))
    report = svc.refresh(session, datetime(2026, 7, 7, 15, 30, tzinfo=UTC))
    assert any("suspicious" in p for p in report.slots[0].problems)
    latest = store.latest("ecb")
    assert latest is not None and latest.rates["JPY"] == D("185.31")


def test_older_file_than_the_cache_keeps_the_cache(store, config, routes, session, rate_bytes):
    svc = service(store, config)
    svc.refresh(session, MON_EVENING)
    routes["ecb"].set(200, rate_bytes(ECB_LEGACY))  # 2021: a stale mirror or a proxy cache
    report = svc.refresh(session, MON_EVENING)
    ecb = report.slots[0]
    assert ecb.origin is Origin.CACHE and ecb.as_of == date(2026, 7, 6)
    assert "older than the stored ones of 2026-07-06" in ecb.errors[0]


def test_far_future_date_is_refused(store, config, routes, session, rate_bytes):
    routes["ecb"].set(200, rate_bytes(ECB_DAILY).replace(b"2026-07-06", b"2031-07-07"))
    report = service(store, config).refresh(session, MON_EVENING)
    assert report.slots[0].provider == "frankfurter"
    assert "too far in the future" in report.slots[0].errors[0]


def test_open_er_api_only_when_opted_in(store, config, routes, session, rates_server):
    plain = service(store, config)
    assert plain.slots() == ["ecb", "cbr"]
    plain.refresh(session, MON_EVENING)
    assert rates_server.hits("/open_er_api") == []
    wide = service(store, replace(config, open_er_api=True))
    assert wide.slots() == ["ecb", "cbr", "open_er_api"]
    wide.refresh(session, MON_EVENING)
    book = wide.book(MON_EVENING)
    pen = book.convert(D(100), "USD", "PEN")
    assert pen.provider == "open_er_api"
    assert book.convert(D(100), "USD", "RUB").provider == "cbr"  # official first


def test_api_key_error_with_http_200(store, config, routes, session):
    routes["open_er_api"].set(
        200, b'{"result":"error","error-type":"invalid-key"}', "application/json"
    )
    report = service(store, replace(config, open_er_api=True)).refresh(session, MON_EVENING)
    extended = report.slots[2]
    assert extended.origin is None  # never a snapshot of open.er-api
    assert extended.errors == ("open.er-api.com now requires an API key (invalid-key).",)
    assert report.slots[0].origin is Origin.NETWORK


def test_snapshot_never_ships_unofficial_data(store, tmp_path, session):
    fake = {
        "format": 1,
        "tables": [
            {
                "provider": "open_er_api",
                "as_of": "2025-04-23",
                "base": "EUR",
                "quote": "per_base",
                "source": "x",
                "rates": {"USD": "1.1"},
            },
        ],
    }
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(fake), encoding="utf-8")
    svc = service(store, replace(RatesConfig(), open_er_api=True), snapshot_path=path)
    assert svc.book(MON_EVENING).sources == ()


def test_history_backfill(store, config, session):
    svc = service(store, config)
    assert svc.backfill_history(session, MON_EVENING) == 61
    assert svc.backfill_history(session, MON_EVENING) == 0
    assert len(store.history("ecb", "USD", 90)) == 61


def test_unknown_provider_in_settings_is_ignored(store, config):
    svc = service(store, replace(config, providers=("ecb", "fixer", "cbr", "ecb")))
    assert svc.slots() == ["ecb", "cbr"]
    assert svc.fallbacks("ecb") == ["frankfurter"] and svc.fallbacks("cbr") == []
