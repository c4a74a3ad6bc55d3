"""Every provider's real sample parses to the published numbers; broken input becomes typed errors.

Security model I2–I5 and I8: Nominal ≠ 1, comma decimals in cp1251, NaN/Infinity/0/negative/
null/strings, error bodies with HTTP 200, HTML pages, cut-off documents, duplicates, DTDs.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.ecb import (
    parse_ecb_csv,
    parse_ecb_csv_history,
    parse_ecb_daily_xml,
    parse_ecb_history_xml,
)
from newsdesk.core.rates.jsonapis import parse_frankfurter, parse_open_er_api
from newsdesk.core.rates.model import (
    ApiKeyRequiredError,
    EmptyTableError,
    ProviderRefusedError,
    RateFormatError,
)
from tests.core.rates.conftest import (
    CBR_DAILY,
    ECB_90D,
    ECB_CSV,
    ECB_DAILY,
    ECB_HIST_CSV,
    ECB_LEGACY,
    FRANKFURTER_EUR,
    FRANKFURTER_USD,
    FRANKFURTER_V2,
    OPEN_ER_API,
)

ECB_2026 = (
    "USD JPY CZK DKK GBP HUF PLN RON SEK CHF ISK NOK TRY AUD BRL CAD CNY HKD IDR ILS INR KRW "
    "MXN MYR NZD PHP SGD THB ZAR"
).split()


# -- ECB ------------------------------------------------------------------------------------


def test_ecb_daily_sample(rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_DAILY))
    assert table.provider == "ecb" and table.base == "EUR"
    assert table.as_of == date(2026, 7, 6)
    assert sorted(table.rates) == sorted(ECB_2026)
    assert table.rates["USD"] == Decimal("1.1415")
    assert table.rates["JPY"] == Decimal("185.31")
    assert table.rates["IDR"] == Decimal("20565.38")
    assert table.rates["GBP"] == Decimal("0.85538")
    assert "RUB" not in table.rates and "BGN" not in table.rates
    assert table.problems == () and table.rejected == ()


def test_ecb_legacy_sample_still_has_rub_bgn_hrk(rate_bytes):
    table = parse_ecb_daily_xml(rate_bytes(ECB_LEGACY))
    assert table.as_of == date(2021, 8, 24)
    assert len(table.rates) == 32
    assert {"RUB", "BGN", "HRK"} <= set(table.rates)
    assert table.rates["BGN"] == Decimal("1.9558")


def test_ecb_90_day_history_by_day(rate_bytes):
    tables = parse_ecb_history_xml(rate_bytes(ECB_90D))
    days = [t.as_of for t in tables]
    assert len(tables) == 61
    assert days == sorted(days, reverse=True)
    assert days[0] == date(2025, 2, 25) and days[-1] == date(2024, 11, 28)
    # TARGET holidays and weekends have no rows
    for closed in (date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1), date(2025, 2, 22)):
        assert closed not in days
    newest = tables[0]
    assert newest.rates["USD"] == Decimal("1.0497")
    assert newest.rates["BGN"] == Decimal("1.9558")
    assert len(newest.rates) == 30


def test_ecb_daily_csv(rate_bytes):
    table = parse_ecb_csv(rate_bytes(ECB_CSV))
    assert table.as_of == date(2026, 10, 30)
    assert table.rates["USD"] == Decimal("1.1172")
    assert table.rates["ZAR"] == Decimal("18.6455")
    assert len(table.rates) == 29 and table.problems == ()


def test_ecb_history_csv_skips_not_quoted_cells(rate_bytes):
    tables = parse_ecb_csv_history(rate_bytes(ECB_HIST_CSV))
    assert len(tables) == 25
    assert tables[0].as_of == date(2026, 10, 30)
    assert tables[0].rates["ISK"] == Decimal("136")
    assert "RUB" not in tables[0].rates and "CYP" not in tables[0].rates
    assert all(t.problems == () for t in tables)
    assert parse_ecb_csv(rate_bytes(ECB_HIST_CSV)).as_of == date(2026, 10, 30)


# -- Bank of Russia ----------------------------------------------------------------------------


def test_cbr_sample_nominal_comma_and_exponent(rate_bytes):
    table = parse_cbr_xml(rate_bytes(CBR_DAILY))
    assert table.provider == "cbr" and table.base == "RUB"
    assert table.as_of == date(2026, 4, 25)  # the day the rates are valid for (a Saturday)
    assert len(table.rates) == 54 and table.problems == ()
    # roubles per unit, exactly as published
    assert table.published("USD") == Decimal("75.5273")
    assert table.published("EUR") == Decimal("88.2826")
    assert table.published("JPY") == Decimal("0.472636")  # Value 47,2636 for Nominal 100
    assert table.published("IDR") == Decimal("0.00436372")  # Nominal 10000
    assert table.published("IRR") == Decimal("0.0000539256")  # "5,39256E-05", Nominal 1e6
    # rates are units per rouble
    assert abs(table.rates["JPY"] - Decimal("2.115793126211291564755964421")) < Decimal("1e-27")
    assert abs(table.rates["USD"] * Decimal("75.5273") - 1) < Decimal("1e-30")
    assert table.fraction("JPY") == (Decimal(1), Decimal("0.472636"))
    assert {"KZT", "BYN", "UZS", "KGS", "TJS", "AMD", "AZN", "GEL", "MDL", "UAH", "TMT"} <= set(
        table.rates
    )


def cbr_body(rows: str, date_text: str = "25.04.2026") -> bytes:
    return (
        f'<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="{date_text}" '
        f'name="Foreign Currency Market">{rows}</ValCurs>'
    ).encode("cp1251")


def valute(code: str, nominal: str, value: str, vunit: str | None = None) -> str:
    extra = f"<VunitRate>{vunit}</VunitRate>" if vunit is not None else ""
    return (
        f"<Valute><CharCode>{code}</CharCode><Nominal>{nominal}</Nominal>"
        f"<Name>Доллар</Name><Value>{value}</Value>{extra}</Valute>"
    )


def test_cbr_without_vunitrate_divides_by_nominal():
    table = parse_cbr_xml(cbr_body(valute("JPY", "100", "47,2636") + valute("USD", "1", "75,5")))
    assert table.published("JPY") == Decimal("0.472636")


def test_cbr_vunitrate_disagreeing_with_value_is_dropped_and_reported():
    body = cbr_body(
        valute("JPY", "100", "47,2636", "47,2636")  # VunitRate forgot the Nominal
        + valute("USD", "1", "75,5273", "75,5273")
        + valute("EUR", "1", "88,2826", "88,2826")
    )
    table = parse_cbr_xml(body)
    assert "JPY" not in table.rates and table.rejected == ("JPY",)
    assert any("JPY" in p and "disagrees" in p for p in table.problems)
    assert table.published("USD") == Decimal("75.5273")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0", "greater than zero"),
        ("-75,5", "not a number"),
        ("NaN", "not a number"),
        ("75.5", "not a number"),  # a dot where the CBR writes a comma
        ("1 234,56", "not a number"),
        ("", "not a number"),
    ],
)
def test_cbr_bad_values_are_dropped_one_by_one(value, reason):
    body = cbr_body(
        valute("GBP", "1", value) + valute("USD", "1", "75,5273") + valute("EUR", "1", "88,2826")
    )
    table = parse_cbr_xml(body)
    assert set(table.rates) == {"USD", "EUR"}
    assert table.rejected == ("GBP",)
    assert len(table.problems) == 1 and reason in table.problems[0]


def test_cbr_without_a_valid_date_is_refused():
    with pytest.raises(RateFormatError, match="no valid date"):
        parse_cbr_xml(cbr_body(valute("USD", "1", "75,5"), date_text="31.02.2026"))


# -- Frankfurter and open.er-api ---------------------------------------------------------------


def test_frankfurter_eur_sample_keeps_its_published_rounding(rate_bytes):
    table = parse_frankfurter(rate_bytes(FRANKFURTER_EUR))
    assert table.provider == "frankfurter" and table.base == "EUR"
    assert table.as_of == date(2022, 6, 29)
    assert len(table.rates) == 31
    assert table.rates["IDR"] == Decimal("15613")  # the ECB published 15612.61
    assert table.rates["USD"] == Decimal("1.0517")
    assert table.problems == ()


def test_frankfurter_rebased_sample_is_accepted_with_a_warning(rate_bytes):
    table = parse_frankfurter(rate_bytes(FRANKFURTER_USD))
    assert table.base == "USD" and table.rates["JPY"] == Decimal("159.6")
    assert any("base=EUR" in p for p in table.problems)


def test_frankfurter_v2_shape_is_named(rate_bytes):
    with pytest.raises(RateFormatError, match="v2 format"):
        parse_frankfurter(rate_bytes(FRANKFURTER_V2))


def test_open_er_api_sample(rate_bytes):
    table = parse_open_er_api(rate_bytes(OPEN_ER_API))
    assert table.provider == "open_er_api" and table.base == "RUB"
    assert table.as_of == date(2025, 4, 23)  # time_last_update_unix, in UTC
    assert len(table.rates) == 162  # 163 codes, the base itself left out
    assert table.rates["AED"] == Decimal("0.045091")
    assert {"HRK", "XCG", "XDR"} <= set(table.rates)
    assert table.problems == ()


def er_api(rates: str) -> bytes:
    return (
        '{"result":"success","time_last_update_unix":1745366552,"base_code":"EUR",'
        f'"rates":{{{rates}}}}}'
    ).encode()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("NaN", "not valid JSON"),
        ("Infinity", "not valid JSON"),
        ("-Infinity", "not valid JSON"),
    ],
)
def test_json_constants_are_refused_at_the_parser(raw, reason):
    with pytest.raises(RateFormatError, match=reason):
        parse_open_er_api(er_api(f'"USD":1.1,"GBP":{raw},"JPY":170'))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("0", "greater than zero"),
        ("-1.5", "greater than zero"),
        ("null", "not a number"),
        ('"0.86"', "not a number"),
        ("true", "not a number"),
        ("1e400", "plausible range"),
        ("[1]", "not a number"),
    ],
)
def test_json_bad_rates_are_dropped_and_reported(raw, reason):
    table = parse_open_er_api(er_api(f'"USD":1.1,"GBP":{raw},"JPY":170,"CHF":0.93'))
    assert set(table.rates) == {"USD", "JPY", "CHF"}
    assert table.rejected == ("GBP",)
    assert reason in table.problems[0]


def test_json_rates_are_decimals_not_floats():
    table = parse_open_er_api(er_api('"USD":1.1,"JPY":170'))
    assert table.rates["USD"] == Decimal("1.1")  # float 1.1 would be 1.100000000000000088…


def test_bad_codes_and_duplicates_are_rejected():
    table = parse_open_er_api(
        er_api('"USD":1.1,"usd":1.2,"US":1,"JPY":170,"JPY":171,"CHF":0.93,"GBP":0.85,"SEK":11')
    )
    assert set(table.rates) == {"USD", "CHF", "GBP", "SEK"}
    assert "JPY" in table.rejected
    assert any("more than once" in p for p in table.problems)
    assert any("“usd”" in p for p in table.problems)


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b'{"result":"error","error-type":"invalid-key"}', ApiKeyRequiredError, "API key"),
        (
            b'{"success":false,"error":{"code":101,"type":"missing_access_key"}}',
            ApiKeyRequiredError,
            "API key",
        ),
        (
            b'{"success":false,"error":{"type":"https_access_restricted"}}',
            ApiKeyRequiredError,
            "API key",
        ),
        (b'{"result":"error","error-type":"unsupported-code"}', ProviderRefusedError, "base"),
        (b'{"result":"error","error-type":"quota-reached"}', ProviderRefusedError, "limit"),
        (
            b'{"result":"success","base_code":"EUR","time_last_update_unix":1745366552}',
            RateFormatError,
            "lacks",
        ),
        (
            b'{"result":"success","base_code":"EUR","time_last_update_unix":1745366552,"rates":{}}',
            EmptyTableError,
            "no rates",
        ),
        (
            b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
            RateFormatError,
            "web page",
        ),
        (b'{"result":"success","base_code":"EUR","rates":{"USD":1.1', RateFormatError, "cut off"),
        (b"\xff\xfe garbage", RateFormatError, "UTF-8"),
        (b"[" * 100_000, RateFormatError, "nested"),
        (b"42", RateFormatError, "not a rate table"),
    ],
)
def test_open_er_api_error_bodies(body, error, message):
    with pytest.raises(error, match=message) as info:
        parse_open_er_api(body)
    assert info.value.provider == "open_er_api"
    assert str(info.value).endswith(".")


def test_api_key_message_reads_as_one_sentence():
    with pytest.raises(ApiKeyRequiredError) as info:
        parse_frankfurter(b'{"success":false,"error":{"type":"missing_access_key"}}')
    assert str(info.value) == "Frankfurter now requires an API key (missing_access_key)."


def test_frankfurter_error_message_body():
    with pytest.raises(ProviderRefusedError, match="not found"):
        parse_frankfurter(json.dumps({"message": "not found"}).encode())


# -- XML failures ------------------------------------------------------------------------------


@pytest.mark.parametrize("parse", [parse_ecb_daily_xml, parse_cbr_xml, parse_ecb_history_xml])
@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b"", EmptyTableError, "empty"),
        (
            b"<html><head><title>DDoS-Guard</title></head><body>checking</body></html>",
            RateFormatError,
            "web page",
        ),
        (b"\x00\x01garbage\xff", RateFormatError, "damaged"),
        (b'<?xml version="1.0"?><rss><channel/></rss>', RateFormatError, "not the"),
    ],
)
def test_xml_failures_are_typed(parse, body, error, message):
    with pytest.raises(error, match=message):
        parse(body)


def test_truncated_documents_are_refused_whole(rate_bytes):
    ecb = rate_bytes(ECB_DAILY)
    with pytest.raises(RateFormatError, match="cut off"):
        parse_ecb_daily_xml(ecb[: len(ecb) // 2])
    cbr = rate_bytes(CBR_DAILY)
    with pytest.raises(RateFormatError, match="cut off"):
        parse_cbr_xml(cbr[:-40])


def test_empty_cube_is_an_empty_table():
    body = (
        b'<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        b'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube/></gesmes:Envelope>'
    )
    with pytest.raises(EmptyTableError, match="no rates"):
        parse_ecb_daily_xml(body)


def test_dtd_and_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<ValCurs Date="25.04.2026">&lol2;</ValCurs>'
    )
    with pytest.raises(RateFormatError, match="DTD"):
        parse_cbr_xml(bomb)
    external = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<ValCurs Date="25.04.2026">&e;</ValCurs>'
    )
    with pytest.raises(RateFormatError, match="DTD"):
        parse_cbr_xml(external)


def test_mostly_broken_file_is_refused_partly_broken_kept(rate_bytes):
    text = rate_bytes(ECB_DAILY).decode()
    partly = text.replace("rate='1.1415'", "rate='0'").replace("rate='185.31'", "rate='NaN'")
    table = parse_ecb_daily_xml(partly.encode())
    assert len(table.rates) == 27 and table.rejected == ("JPY", "USD")
    assert table.rates["GBP"] == Decimal("0.85538")
    mostly = text
    for code in ECB_2026[:20]:
        mostly = mostly.replace(f"currency='{code}' rate='", f"currency='{code}' rate='-")
    with pytest.raises(RateFormatError, match="Most rows"):
        parse_ecb_daily_xml(mostly.encode())
