"""Cross rates against hand-computed Decimal values, the choice of tables, rounding, round trips."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.rates.cbr import parse_cbr_xml
from newsdesk.core.rates.convert import BookSource, RateBook
from newsdesk.core.rates.currencies import load_currencies
from newsdesk.core.rates.ecb import parse_ecb_daily_xml
from newsdesk.core.rates.jsonapis import parse_open_er_api
from newsdesk.core.rates.model import (
    ConversionError,
    MissingPairError,
    Origin,
    RateError,
    RateTable,
    UnknownCurrencyError,
)
from tests.core.rates.conftest import CBR_DAILY, ECB_DAILY, OPEN_ER_API

D = Decimal


@pytest.fixture
def ecb(rate_bytes) -> RateTable:
    return parse_ecb_daily_xml(rate_bytes(ECB_DAILY))


@pytest.fixture
def cbr(rate_bytes) -> RateTable:
    return parse_cbr_xml(rate_bytes(CBR_DAILY))


@pytest.fixture
def book(ecb, cbr) -> RateBook:
    return RateBook([ecb, cbr])


def close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * D("1e-25")


def test_usd_to_jpy_goes_through_eur_with_the_ecb(book):
    c = book.convert(D(100), "USD", "JPY")
    # 100 × 185.31 / 1.1415 = 16233.9027595…
    assert close(c.exact, D(100) * D("185.31") / D("1.1415"))
    assert c.result == D("16234") and str(c.result) == "16234"
    assert c.provider == "ecb" and c.as_of == date(2026, 7, 6) and not c.mixed
    assert close(c.rate, D("162.3390275952693823915900131"))


def test_usd_to_jpy_through_rub_with_the_cbr_alone(cbr):
    c = RateBook([cbr]).convert(D(1), "USD", "JPY", places=6)
    # 75.5273 RUB per USD / 0.472636 RUB per JPY (47.2636 per 100)
    assert close(c.exact, D("75.5273") / D("0.472636"))
    assert c.result == D("159.800142") and c.provider == "cbr"


def test_rub_pairs_use_the_bank_of_russia_exactly(book):
    usd = book.convert(D(100), "USD", "RUB")
    assert usd.result == D("7552.73") and usd.rate == D("75.5273") and usd.provider == "cbr"
    eur = book.convert(D(100), "EUR", "RUB")  # both tables have EUR; RUB decides
    assert eur.result == D("8828.26") and eur.provider == "cbr"
    back = book.convert(D("7552.73"), "RUB", "USD")
    assert back.result == D("100.00")


def test_non_rub_pair_in_both_tables_prefers_the_ecb(book):
    c = book.convert(D(100), "USD", "GBP")
    assert c.provider == "ecb"
    assert close(c.exact, D(100) * D("0.85538") / D("1.1415"))
    assert c.result == D("74.93")


def test_cbr_only_currencies_use_the_cbr(book):
    c = book.convert(D(10), "USD", "BHD")
    assert c.provider == "cbr" and c.result == D("3.761")  # 3 decimals for BHD
    assert close(c.exact, D(10) * D("75.5273") / D("200.8271"))


def test_pair_needing_both_sources_is_mixed_through_eur(book):
    c = book.convert(D(1000), "MXN", "KZT")
    # 1000 MXN → EUR at 19.9586 (ECB) → RUB at 88.2826 (CBR) → KZT at 0.163172 (CBR)
    assert close(c.exact, D(1000) * D("88.2826") / (D("19.9586") * D("0.163172")))
    assert c.result == D("27108.12")
    assert c.mixed and c.provider == "ecb+cbr"
    assert c.sources == (("ecb", date(2026, 7, 6)), ("cbr", date(2026, 4, 25)))
    assert c.as_of == date(2026, 4, 25)  # the older of the two
    ils = book.convert(D(250), "ILS", "RUB")
    assert ils.mixed and ils.result == D("6413.28")
    assert close(ils.exact, D(250) * D("88.2826") / D("3.4414"))


def test_rounding_per_minor_unit_half_even():
    table = RateTable("ecb", date(2026, 7, 6), "EUR", {"JPY": D(100), "KWD": D("0.5"), "USD": D(2)})
    book = RateBook([table])
    assert book.convert(D("0.125"), "EUR", "JPY").result == D("12")  # 12.5 → 12
    assert book.convert(D("0.135"), "EUR", "JPY").result == D("14")  # 13.5 → 14
    assert book.convert(D("0.001"), "EUR", "KWD").result == D("0.000")  # 0.0005 → 0.000
    assert book.convert(D("0.003"), "EUR", "KWD").result == D("0.002")  # 0.0015 → 0.002
    assert str(book.convert(D(1), "EUR", "KWD").result) == "0.500"
    assert book.convert(D("0.025"), "USD", "EUR").result == D("0.01")  # 0.0125 → 0.01
    assert book.convert(D("0.035"), "USD", "EUR").result == D("0.02")  # 0.0175 → 0.02
    assert str(book.convert(D(4), "USD", "EUR").result) == "2.00"


def test_kwd_from_the_wide_provider_rounds_to_three_places(rate_bytes):
    er = parse_open_er_api(rate_bytes(OPEN_ER_API))
    c = RateBook([er]).convert(D(1), "KWD", "RUB")
    assert close(c.exact, D(1) / D("0.003761"))
    assert c.result == D("265.89")
    assert RateBook([er]).convert(D(1000), "RUB", "KWD").result == D("3.761")


def test_more_digits_on_request(book):
    assert book.convert(D(100), "USD", "JPY", places=4).result == D("16233.9028")
    assert book.convert(D(1), "IRR", "RUB", places=8).result == D("0.00005393")
    with pytest.raises(ValueError):
        book.convert(D(1), "USD", "JPY", places=40)


def test_same_currency_and_codes_are_forgiving(book):
    c = book.convert(D("12.345"), " usd ", "USD")
    assert c.result == D("12.34") and c.rate == 1  # half-even
    assert book.convert(D(5), "eur", "rub").result == D("441.41")


def test_missing_rub_explains_the_fix(ecb):
    with pytest.raises(UnknownCurrencyError) as info:
        RateBook([ecb]).convert(D(100), "USD", "RUB")
    assert str(info.value) == (
        "ECB does not publish RUB; add the Bank of Russia (cbr) to the rate providers."
    )
    assert info.value.currency == "RUB"


def test_unknown_codes(book):
    with pytest.raises(UnknownCurrencyError, match="XYZ is not a known currency code"):
        book.convert(D(1), "XYZ", "USD")
    with pytest.raises(UnknownCurrencyError, match="not a currency code"):
        book.convert(D(1), "US", "EUR")
    with pytest.raises(UnknownCurrencyError, match="ECB and Bank of Russia do not publish PEN"):
        book.convert(D(1), "USD", "PEN")


def test_tables_without_a_shared_currency():
    one = RateTable("ecb", date(2026, 7, 6), "EUR", {"USD": D("1.1")})
    two = RateTable("cbr", date(2026, 7, 6), "RUB", {"KZT": D("5")})
    with pytest.raises(MissingPairError, match="share no currency"):
        RateBook([one, two]).convert(D(1), "USD", "KZT")


def test_empty_book():
    with pytest.raises(RateError, match="No exchange rates"):
        RateBook([]).convert(D(1), "USD", "EUR")


def test_labels_stale_and_snapshot(ecb, cbr):
    book = RateBook([BookSource(ecb, Origin.SNAPSHOT, stale=True), BookSource(cbr, Origin.CACHE)])
    jpy = book.convert(D(1), "USD", "JPY")
    assert jpy.offline_snapshot and jpy.stale
    rub = book.convert(D(1), "USD", "RUB")
    assert not rub.offline_snapshot and not rub.stale
    mixed = book.convert(D(1), "ILS", "RUB")
    assert mixed.offline_snapshot and mixed.stale


def test_book_marks_stale_tables_from_the_clock(ecb, cbr):
    later = RateBook([ecb, cbr], now=datetime(2026, 7, 7, 16, 0, tzinfo=UTC))
    assert [s.stale for s in later.sources] == [True, True]
    same_day = RateBook([ecb], now=datetime(2026, 7, 6, 15, 30, tzinfo=UTC))
    assert not same_day.convert(D(1), "USD", "JPY").stale


def test_convert_many_gives_one_result_per_target(book):
    results = book.convert_many(D(100), "USD", ["EUR", "RUB", "PEN", "KZT"])
    assert [type(r).__name__ for r in results] == [
        "Conversion",
        "Conversion",
        "UnknownCurrencyError",
        "Conversion",
    ]
    assert isinstance(results[2], ConversionError)
    assert (
        book.codes >= {"USD", "EUR", "RUB", "KZT", "ILS", "MXN"} and len(book.codes) == 60
    )  # the "60 currencies"


def _book_for_property() -> RateBook:
    from pathlib import Path

    from tests.conftest import FIXTURES

    folder = Path(FIXTURES) / "rates"
    ecb = parse_ecb_daily_xml((folder / ECB_DAILY).read_bytes())
    cbr = parse_cbr_xml((folder / CBR_DAILY).read_bytes())
    return RateBook([ecb, cbr])


PROPERTY_BOOK = _book_for_property()
CODES = sorted(PROPERTY_BOOK.codes)
CURRENCIES = load_currencies()


@settings(max_examples=300, deadline=None)
@given(
    source=st.sampled_from(CODES),
    target=st.sampled_from(CODES),
    units=st.integers(min_value=1, max_value=10**11),
)
def test_round_trip_error_is_bounded_by_rounding(source, target, units):
    """A → B → A never loses more than rounding to B's minor unit (and A's) can cause."""
    places_a = CURRENCIES.minor_unit(source)
    places_b = CURRENCIES.minor_unit(target)
    amount = D(units).scaleb(-places_a)
    there = PROPERTY_BOOK.convert(amount, source, target)
    back = PROPERTY_BOOK.convert(there.result, target, source)
    half_a = D(1).scaleb(-places_a) / 2
    half_b = D(1).scaleb(-places_b) / 2
    bound = half_a + half_b * back.rate + amount * D("1e-25")
    assert abs(back.result - amount) <= bound
    assert there.mixed == back.mixed and there.provider == back.provider
