"""When each provider publishes, so that "stale" means "missed a publication", not "old".

A weekend, a holiday or the hours before the daily fix are not staleness: on a Saturday the
newest ECB table is Friday's, and it is current. Every function takes the time as an argument
(aware ``datetime``), so tests and the UI inject their clock.

The calendars, kept deliberately simple:

* **ECB** (also Frankfurter v1, which serves ECB data): about 16:00 Europe/Berlin on TARGET
  working days. TARGET is closed on weekends, 1 January, Good Friday, Easter Monday, 1 May,
  25 and 26 December. Berlin time is computed with the EU rule (CEST from the last Sunday of
  March to the last Sunday of October, switching at 01:00 UTC), so no tz database is needed.
* **Bank of Russia**: rates are set at about 15:30 Moscow time (UTC+3 all year) on Russian
  working days and are valid from the *next calendar day* — Friday's rates carry Saturday's
  date and stay in force through Monday. Non-working days here are weekends, 1–8 January,
  31 December (a day off by decree in recent years), 23 February, 8 March, 1 and 9 May,
  12 June and 4 November. Yearly weekend transfers are not modelled: on such a day the label
  may be off by one publication; conversions are never blocked by it.
* **open.er-api.com**: once a day, shortly after 00:00 UTC, every day.

A table is stale when its date is before the newest date expected one :data:`GRACE` after the
publication time (fetches run a little after the fix, and the ECB's "around 16:00" varies).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from newsdesk.core.rates.model import RateTable

GRACE = timedelta(hours=1)
#: Rates older than this many days are "old" (Qalculate's default), whatever the calendar says.
OLD_AFTER_DAYS = 7
_LOOKBACK_DAYS = 40  # no calendar here closes for longer
_CET = timezone(timedelta(hours=1), "CET")
_CEST = timezone(timedelta(hours=2), "CEST")
MSK = timezone(timedelta(hours=3), "MSK")
_SCHEDULE_OF = {"ecb": "ecb", "frankfurter": "ecb", "cbr": "cbr", "open_er_api": "daily_utc"}


class Freshness(enum.StrEnum):
    """How a table's date relates to what the provider should have published by now."""

    CURRENT = "current"  # the newest expected publication (weekends and holidays included)
    VALID_FROM = "valid_from"  # a CBR table dated after today: valid from that day
    BEHIND = "behind"  # missed at least one publication
    OLD = "old"  # behind, and more than OLD_AFTER_DAYS days old


@dataclass(frozen=True, slots=True)
class Staleness:
    """What a caption needs to say about a table's age.

    Attributes:
        expected: The newest date the provider should have published by now.
        stale: ``as_of`` is before ``expected``.
        state: The caption's state.
        days_old: Calendar days from ``as_of`` to today in the provider's time zone (0 or less
            for a current or valid-from table).
        missed: How many expected publications are newer than ``as_of``.
    """

    expected: date
    stale: bool
    state: Freshness
    days_old: int
    missed: int


@dataclass(frozen=True, slots=True)
class _Calendar:
    local: Callable[[datetime], datetime]
    publish: time
    working: Callable[[date], bool]
    lag: timedelta  # publication day → the date the table carries


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def is_target_day(day: date) -> bool:
    """True when TARGET2 (and so the ECB reference rate) works that day."""
    if day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (5, 1), (12, 25), (12, 26)}:
        return False
    easter = easter_sunday(day.year)
    return day not in (easter - timedelta(days=2), easter + timedelta(days=1))


_RU_HOLIDAYS = frozenset({(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4), (12, 31)})


def is_russian_working_day(day: date) -> bool:
    """True on a day the Bank of Russia sets rates (simplified calendar, see the module doc)."""
    if day.weekday() >= 5 or (day.month == 1 and day.day <= 8):
        return False
    return (day.month, day.day) not in _RU_HOLIDAYS


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def berlin_time(now: datetime) -> datetime:
    """``now`` in Europe/Berlin (CET/CEST by the EU rule)."""
    utc = now.astimezone(UTC)
    start = datetime.combine(_last_sunday(utc.year, 3), time(1), UTC)
    end = datetime.combine(_last_sunday(utc.year, 10), time(1), UTC)
    return utc.astimezone(_CEST if start <= utc < end else _CET)


def _moscow_time(now: datetime) -> datetime:
    return now.astimezone(MSK)


def _utc_time(now: datetime) -> datetime:
    return now.astimezone(UTC)


def _every_day(day: date) -> bool:
    return True


_CALENDARS = {
    "ecb": _Calendar(berlin_time, time(16, 0), is_target_day, timedelta(0)),
    "cbr": _Calendar(_moscow_time, time(15, 30), is_russian_working_day, timedelta(days=1)),
    "daily_utc": _Calendar(_utc_time, time(0, 30), _every_day, timedelta(0)),
}


def _calendar(provider: str) -> _Calendar:
    return _CALENDARS[_SCHEDULE_OF.get(provider, "daily_utc")]


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the clock must give an aware datetime")


def _publications(cal: _Calendar, now: datetime) -> tuple[date, datetime]:
    """The last publication day whose fix has passed by ``now``, and ``now`` in local time."""
    local = cal.local(now)
    day = local.date()
    if not (cal.working(day) and local.time() >= cal.publish):
        day -= timedelta(days=1)
        for _ in range(_LOOKBACK_DAYS):
            if cal.working(day):
                break
            day -= timedelta(days=1)
    return day, local


def expected_latest(provider: str, now: datetime) -> date:
    """The newest date ``provider``'s table should carry at ``now`` (no grace applied).

    For the Bank of Russia this is the day after its last fix, so it can be tomorrow.
    """
    _check_aware(now)
    cal = _calendar(provider)
    day, _local = _publications(cal, now)
    return day + cal.lag


def is_stale(table: RateTable, now: datetime) -> bool:
    """True when ``table`` missed a publication that is at least :data:`GRACE` old."""
    return table.as_of < expected_latest(table.provider, now - GRACE)


def describe(table: RateTable, now: datetime) -> Staleness:
    """Everything about ``table``'s age at ``now``, for a caption or a badge."""
    _check_aware(now)
    cal = _calendar(table.provider)
    expected = expected_latest(table.provider, now - GRACE)
    today = cal.local(now).date()
    days_old = (today - table.as_of).days
    missed = 0
    if table.as_of < expected:
        day = expected - cal.lag
        for _ in range(400):
            if day + cal.lag <= table.as_of:
                break
            if cal.working(day):
                missed += 1
            day -= timedelta(days=1)
    stale = missed > 0
    if stale and days_old > OLD_AFTER_DAYS:
        state = Freshness.OLD
    elif stale:
        state = Freshness.BEHIND
    elif table.as_of > today:
        state = Freshness.VALID_FROM
    else:
        state = Freshness.CURRENT
    return Staleness(expected, stale, state, days_old, missed)
