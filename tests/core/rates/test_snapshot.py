"""The shipped snapshot holds exactly the official numbers of its date, and only official ones."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.ecb import parse_ecb_daily_xml
from newsdesk.core.rates.model import RateFormatError
from newsdesk.core.rates.snapshot import load_snapshot
from newsdesk.core.resources import resource_path
from tests.core.rates.conftest import CBR_DAILY, ECB_DAILY


def test_snapshot_matches_the_official_files(rate_bytes):
    ecb, cbr = load_snapshot()
    official_ecb = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    official_cbr = parse_cbr_xml(rate_bytes(CBR_DAILY))
    assert (ecb.provider, ecb.as_of, ecb.base) == ("ecb", date(2026, 7, 6), "EUR")
    assert ecb.rates == official_ecb.rates
    assert (cbr.provider, cbr.as_of, cbr.base) == ("cbr", date(2026, 4, 25), "RUB")
    assert cbr.in_base == official_cbr.in_base
    assert "ecb.europa.eu" in ecb.source_note and "cbr.ru" in cbr.source_note
    assert all(t.fetched_at is None for t in (ecb, cbr))


def test_snapshot_file_names_only_official_providers():
    data = json.loads(resource_path("rates-snapshot.json").read_text(encoding="utf-8"))
    assert [t["provider"] for t in data["tables"]] == ["ecb", "cbr"]
    assert "exchangerate-api" not in json.dumps(data["tables"])


@pytest.mark.parametrize(
    "rates",
    [{"USD": "NaN"}, {"USD": "0"}, {"usd": "1.1"}, {"USD": 1.1}, {"USD": "-1"}],
)
def test_malformed_snapshot_is_an_error(tmp_path, rates):
    path = tmp_path / "s.json"
    table = {
        "provider": "ecb",
        "as_of": "2026-07-06",
        "base": "EUR",
        "quote": "per_base",
        "source": "x",
        "rates": rates,
    }
    path.write_text(json.dumps({"format": 1, "tables": [table]}), encoding="utf-8")
    with pytest.raises(RateFormatError):
        load_snapshot(path)


def test_missing_snapshot_is_an_error(tmp_path):
    with pytest.raises(RateFormatError, match="cannot be read"):
        load_snapshot(tmp_path / "nothing.json")
