"""The shipped currency table: complete enough, right minor units, searchable in both languages."""

from __future__ import annotations

import json

import pytest

from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.currencies import DEFAULT_MINOR_UNIT, load_currencies
from newsdesk.core.rates.ecb import parse_ecb_daily_xml
from newsdesk.core.resources import resource_path
from tests.core.rates.conftest import CBR_DAILY, ECB_DAILY


@pytest.fixture(scope="module")
def currencies():  # type: ignore[no-untyped-def]
    return load_currencies()


def test_all_active_iso_currencies_are_there(currencies):
    active = [c for c in currencies if c.active]
    assert 150 <= len(active) <= 170
    cis = {"RUB", "BYN", "KZT", "KGS", "TJS", "UZS", "TMT", "AMD", "AZN", "GEL", "MDL", "UAH"}
    assert cis <= {c.code for c in active}
    assert {"HRK", "BGN"} <= {c.code for c in currencies if not c.active}


@pytest.mark.parametrize(
    ("code", "minor"),
    [
        ("JPY", 0),
        ("KRW", 0),
        ("ISK", 0),
        ("VND", 0),
        ("CLP", 0),
        ("XOF", 0),
        ("EUR", 2),
        ("USD", 2),
        ("RUB", 2),
        ("IDR", 2),
        ("KWD", 3),
        ("BHD", 3),
        ("OMR", 3),
        ("JOD", 3),
        ("TND", 3),
        ("IQD", 3),
        ("LYD", 3),
    ],
)
def test_minor_units(currencies, code, minor):
    assert currencies.minor_unit(code) == minor


def test_every_currency_the_banks_publish_is_named(currencies, rate_bytes):
    codes = set(parse_ecb_daily_xml(rate_bytes(ECB_DAILY)).rates)
    codes |= set(parse_cbr_xml(rate_bytes(CBR_DAILY)).rates)
    missing = {c for c in codes if c not in currencies}
    assert missing == {"XDR"}  # not a currency; rounds to the default
    assert currencies.minor_unit("XDR") == DEFAULT_MINOR_UNIT


def test_names(currencies):
    usd = currencies.get("usd")
    assert usd is not None and usd.name("en") == "US Dollar" and usd.name("ru") == "Доллар США"
    assert currencies.get("RUB").name_ru == "Российский рубль"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("usd", "USD"),
        ("US", "USD"),
        ("yen", "JPY"),
        ("иена", "JPY"),
        ("рубль", "BYN"),
        ("Российский", "RUB"),
        ("franc", "BIF"),
        ("тенге", "KZT"),
        ("ТЕНГЕ", "KZT"),
        ("Hryvnia", "UAH"),
    ],
)
def test_search_by_code_or_name(currencies, text, first):
    assert currencies.search(text)[0].code == first


def test_search_orders_favourites_first_and_respects_within(currencies):
    found = [c.code for c in currencies.search("dollar", favourites=["NZD", "CAD"])]
    assert found[:2] == ["NZD", "CAD"] and "USD" in found
    limited = [c.code for c in currencies.search("", within={"EUR", "RUB", "USD", "HRK"})]
    assert limited == ["EUR", "RUB", "USD"]
    assert "HRK" in [c.code for c in currencies.search("kuna", include_inactive=True)]
    assert currencies.search("kuna") == []
    assert currencies.search("ё") == currencies.search("е")


def test_file_is_well_formed():
    data = json.loads(resource_path("currencies.json").read_text(encoding="utf-8"))
    codes = [row["code"] for row in data["currencies"]]
    assert codes == sorted(set(codes))
    assert all(row["en"] and row["ru"] for row in data["currencies"])
