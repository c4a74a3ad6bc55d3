"""`newsdesk rates` and `newsdesk convert` as a user runs them, rates served from loopback."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from newsdesk.cli import main
from tests.helpers.feedserver import FeedServer, Reply

ECB = "ecb-eurofxref-daily-2026-07-06.xml"
CBR = "cbr-xml-daily-2026-04-25.cp1251.xml"
ECB_90D = "ecb-eurofxref-hist-90d-2024-11-28_2025-02-25.xml"


def run(capsys, *args):  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def rate_server(fixtures_dir):  # type: ignore[no-untyped-def]
    server = FeedServer(fixtures_dir / "rates").start()
    cbr = (fixtures_dir / "rates" / CBR).read_bytes()
    server.route(
        "/cbr", lambda seen: Reply(200, cbr, {"Content-Type": "text/xml; charset=windows-1251"})
    )
    yield server
    server.stop()


@pytest.fixture
def rate_profile(capsys, profile, rate_server):  # type: ignore[no-untyped-def]
    """A profile whose rate addresses point at the loopback server (no feeds)."""
    settings = [
        ("rates.ecb_url", rate_server.url(f"/plain/{ECB}")),
        ("rates.ecb_history_url", rate_server.url(f"/plain/{ECB_90D}")),
        ("rates.cbr_url", rate_server.url("/cbr")),
        ("rates.frankfurter_url", rate_server.url("/status/500")),
        ("rates.deadline", "3"),
        ("network.read_timeout", "2"),
    ]
    for key, value in settings:
        assert run(capsys, "--profile", str(profile), "config", key, value)[0] == 0
    return profile


def test_rates_refresh_shows_both_banks_with_their_dates(capsys, rate_profile, rate_server):
    code, out, _ = run(capsys, "--profile", str(rate_profile), "rates", "--refresh", "--json")
    tables = {t["provider"]: t for t in json.loads(out.split("\n", 1)[1])}
    assert code == 0
    assert tables["ecb"]["as_of"] == "2026-07-06" and tables["ecb"]["origin"] == "network"
    assert tables["ecb"]["rates"]["USD"] == "1.1415"
    assert tables["cbr"]["as_of"] == "2026-04-25" and tables["cbr"]["quoted_in_base"]
    assert Decimal(tables["cbr"]["rates"]["USD"]) > 50
    assert rate_server.hits("/cbr") and rate_server.hits(f"/plain/{ECB}")
    assert rate_server.hits(f"/plain/{ECB_90D}")  # the chart's history came along
    # Refreshing the same day again stores nothing new.
    code, out, _ = run(capsys, "--profile", str(rate_profile), "rates", "--refresh")
    assert "(unchanged)" in out and "(new)" not in out


def test_convert_prints_one_line_per_target_and_the_source(capsys, rate_profile):
    run(capsys, "--profile", str(rate_profile), "rates", "--refresh")
    code, out, _ = run(
        capsys, "--profile", str(rate_profile), "convert", "100", "USD", "EUR", "JPY"
    )
    lines = out.splitlines()
    assert code == 0
    # 100 / 1.1415 = 87.6040…; 100 × 185.96 / 1.1415 = 16 290.8… (ECB of 6 July 2026).
    assert lines[0] == "100.00 USD = 87.60 EUR"
    assert lines[1].startswith("100.00 USD = 16,") and lines[1].endswith(" JPY")
    assert "ECB 06 Jul 2026" in out and "not the latest rates" in out  # honest about age
    assert "live" not in out.lower()


def test_convert_json_has_exact_decimal_strings(capsys, rate_profile):
    run(capsys, "--profile", str(rate_profile), "rates", "--refresh")
    code, out, _ = run(
        capsys, "--profile", str(rate_profile), "convert", "1 234,56", "EUR", "RUB", "--json"
    )
    (row,) = json.loads(out)
    assert code == 0 and row["from"] == "EUR" and row["to"] == "RUB"
    assert row["provider"] == "cbr" and row["as_of"] == "2026-04-25"
    assert Decimal(row["result"]) == Decimal(row["result"]).quantize(Decimal("0.01"))
    assert set(row) >= {"amount", "result", "rate", "provider", "as_of", "stale"}


def test_offline_first_start_uses_the_shipped_snapshot_and_says_so(capsys, profile):
    for key in ("rates.ecb_url", "rates.cbr_url", "rates.frankfurter_url"):
        run(capsys, "--profile", str(profile), "config", key, "http://127.0.0.1:9/none")
    code, out, err = run(capsys, "--profile", str(profile), "convert", "100", "USD", "RUB")
    assert code == 0 and out.startswith("100.00 USD = ")
    assert "offline snapshot" in out
    code, out, err = run(capsys, "--profile", str(profile), "rates", "--refresh")
    assert code == 0 and "no provider answered" in out and "offline snapshot" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["12abc", "USD", "EUR"], "Letters cannot be used"),
        (["100", "USD", "XXX"], "not a known currency"),
        (["1/0", "USD", "EUR"], "zero"),
        (["", "USD", "EUR"], "Enter an amount"),
    ],
)
def test_typos_get_one_line_reasons(capsys, profile, args, message):
    code, out, err = run(capsys, "--profile", str(profile), "convert", *args)
    assert code == 1 and message in err and err.count("\n") == 1
