"""Staleness follows each bank's calendar, with an injected clock (security model I6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from newsdesk.core.rates.model import RateTable
from newsdesk.core.rates.schedule import (
    Freshness,
    berlin_time,
    describe,
    easter_sunday,
    expected_latest,
    is_russian_working_day,
    is_stale,
    is_target_day,
)


def table(provider: str, day: date) -> RateTable:
    base = "RUB" if provider == "cbr" else "EUR"
    return RateTable(provider, day, base, {"USD": Decimal("1.1")})


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_target_calendar():
    closed = [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 7, 4),
        date(2026, 7, 5),
    ]
    assert not any(is_target_day(d) for d in closed)
    assert all(is_target_day(d) for d in (date(2026, 1, 2), date(2026, 4, 2), date(2026, 4, 7)))


def test_russian_calendar():
    assert not any(is_russian_working_day(date(2026, 1, d)) for d in range(1, 9))
    assert not is_russian_working_day(date(2025, 12, 31))
    assert is_russian_working_day(date(2025, 12, 30))
    assert not is_russian_working_day(date(2026, 6, 12))


def test_berlin_time_follows_eu_summer_time():
    assert berlin_time(utc(2026, 3, 29, 0, 59)).utcoffset() == timedelta(hours=1)
    assert berlin_time(utc(2026, 3, 29, 1, 0)).utcoffset() == timedelta(hours=2)
    assert berlin_time(utc(2026, 10, 25, 0, 59)).utcoffset() == timedelta(hours=2)
    assert berlin_time(utc(2026, 10, 25, 1, 0)).utcoffset() == timedelta(hours=1)


def test_ecb_on_a_saturday_friday_is_current():
    saturday = utc(2026, 7, 4, 12, 0)
    assert expected_latest("ecb", saturday) == date(2026, 7, 3)
    assert not is_stale(table("ecb", date(2026, 7, 3)), saturday)
    assert is_stale(table("ecb", date(2026, 7, 2)), saturday)
    assert describe(table("ecb", date(2026, 7, 3)), saturday).state is Freshness.CURRENT


def test_ecb_monday_before_16_cet_friday_is_still_current():
    # 15:30 CET in winter is 14:30 UTC; in summer 14:30 UTC would already be 16:30 CEST
    monday = utc(2026, 1, 5, 14, 30)
    assert expected_latest("ecb", monday) == date(2026, 1, 2)
    assert not is_stale(table("ecb", date(2026, 1, 2)), monday)
    summer_monday = utc(2026, 7, 6, 13, 0)  # 15:00 CEST
    assert expected_latest("ecb", summer_monday) == date(2026, 7, 3)
    assert not is_stale(table("ecb", date(2026, 7, 3)), summer_monday)


def test_ecb_monday_evening_friday_is_stale_after_the_grace():
    friday = table("ecb", date(2026, 7, 3))
    assert expected_latest("ecb", utc(2026, 7, 6, 14, 30)) == date(2026, 7, 6)  # 16:30 CEST
    assert not is_stale(friday, utc(2026, 7, 6, 14, 30))  # within the hour of grace
    late = utc(2026, 7, 6, 15, 30)  # 17:30 CEST
    assert is_stale(friday, late)
    info = describe(friday, late)
    assert info.state is Freshness.BEHIND and info.missed == 1 and info.days_old == 3


def test_easter_holidays_are_not_stale():
    tuesday_morning = utc(2026, 4, 7, 8, 0)
    assert expected_latest("ecb", tuesday_morning) == date(2026, 4, 2)
    assert not is_stale(table("ecb", date(2026, 4, 2)), tuesday_morning)


def test_third_of_january():
    third = utc(2026, 1, 3, 10, 0)  # a Saturday; TARGET closed on 1 January only
    assert expected_latest("ecb", third) == date(2026, 1, 2)
    assert is_stale(table("ecb", date(2025, 12, 31)), third)
    # Russia's New Year holidays: the rates set on 30 December are valid from the 31st
    assert expected_latest("cbr", third) == date(2025, 12, 31)
    assert not is_stale(table("cbr", date(2025, 12, 31)), third)
    assert is_stale(table("cbr", date(2025, 12, 30)), third)
    friday = utc(2025, 1, 3, 10, 0)  # a working Friday for the ECB, before the fix
    assert expected_latest("ecb", friday) == date(2025, 1, 2)


def test_cbr_saturday_file_fetched_on_sunday_night_is_current():
    sunday_night = utc(2026, 4, 26, 22, 0)  # 01:00 Monday in Moscow
    fixture = table("cbr", date(2026, 4, 25))
    assert expected_latest("cbr", sunday_night) == date(2026, 4, 25)
    assert not is_stale(fixture, sunday_night)
    assert not is_stale(fixture, utc(2026, 4, 27, 13, 0))  # 16:00 MSK, within the grace
    assert is_stale(fixture, utc(2026, 4, 27, 14, 0))  # 17:00 MSK: Tuesday's rates are due


def test_cbr_rates_dated_tomorrow_are_valid_from():
    friday_evening = utc(2026, 4, 24, 14, 0)  # 17:00 MSK
    assert expected_latest("cbr", friday_evening) == date(2026, 4, 25)
    info = describe(table("cbr", date(2026, 4, 25)), friday_evening)
    assert info.state is Freshness.VALID_FROM and not info.stale and info.days_old == -1


def test_old_snapshot_is_old():
    info = describe(table("ecb", date(2026, 7, 6)), utc(2026, 11, 28, 12, 0))
    assert info.stale and info.state is Freshness.OLD and info.days_old == 145
    assert info.missed > 90


def test_other_time_zones_give_the_same_answer():
    tokyo = timezone(timedelta(hours=9))
    assert expected_latest("ecb", datetime(2026, 7, 6, 22, 0, tzinfo=tokyo)) == date(2026, 7, 3)


def test_open_er_api_updates_every_day_after_midnight_utc():
    assert expected_latest("open_er_api", utc(2025, 4, 26, 0, 10)) == date(2025, 4, 25)
    assert expected_latest("open_er_api", utc(2025, 4, 26, 0, 40)) == date(2025, 4, 26)


def test_naive_clock_is_a_bug():
    with pytest.raises(ValueError, match="aware"):
        expected_latest("ecb", datetime(2026, 7, 6, 12, 0))
