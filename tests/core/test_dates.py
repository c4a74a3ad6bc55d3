"""Tests for newsdesk.core.dates: the dates feeds write (security-model.md rows E2, E3).

The table holds real-world forms: RFC 822 as Russian, US and European feeds write it, RFC 3339
and its near misses, Russian and other localized month names, numeric dates and epoch strings.
Every expected value is spelled out as UTC plus the offset the source wrote.
"""

from __future__ import annotations

import calendar
import html
import io
import json
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core import dates
from newsdesk.core.dates import (
    FUTURE_GRACE,
    MAX_OFFSET_MINUTES,
    format_offset,
    parse_date,
    register_feedparser_handlers,
    sane_date,
)
from newsdesk.core.model import DateNote


def from_struct(value: time.struct_time) -> datetime:
    """An aware UTC datetime from one of feedparser's UTC ``struct_time`` values."""
    return datetime.fromtimestamp(calendar.timegm(value), UTC)


def utc(text: str) -> datetime:
    """An aware UTC datetime from ``YYYY-MM-DDTHH:MM:SS[.ffffff]``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


READABLE: list[tuple[str, str, int | None]] = [
    # --- RFC 822 / 1123, numeric offsets and named zones ---
    ("Sat, 28 Nov 2026 10:00:00 MSK", "2026-11-28T07:00:00", 180),
    ("Sat, 28 Nov 2026 10:00:00 MSD", "2026-11-28T06:00:00", 240),
    ("Sat, 28 Nov 2026 10:00:00 +0300", "2026-11-28T07:00:00", 180),
    ("Sat, 28 Nov 2026 10:00:00 +0300 (MSK)", "2026-11-28T07:00:00", 180),
    ("Fri, 17 May 2019 15:28:36 +0300", "2019-05-17T12:28:36", 180),
    ("Wed, 22 Jan 2014 18:11:30 +0600", "2014-01-22T12:11:30", 360),
    ("Fri, 05 Jan 2018 08:27:04 GMT", "2018-01-05T08:27:04", 0),
    ("Sat, 28 Nov 2026 10:00:00 UT", "2026-11-28T10:00:00", 0),
    ("Sat, 28 Nov 2026 10:00:00 UTC", "2026-11-28T10:00:00", 0),
    ("Sat, 28 Nov 2026 10:00:00 Z", "2026-11-28T10:00:00", 0),
    ("Fri, 04 Oct 2013 06:52:42 EDT", "2013-10-04T10:52:42", -240),
    ("Mon, 2 Jul 2012 13:41:00 EST", "2012-07-02T18:41:00", -300),  # EST in July, as written
    ("Tue, 01 Jan 2019 10:00:00 PST", "2019-01-01T18:00:00", -480),
    ("Tue, 01 Jan 2019 10:00:00 CDT", "2019-01-01T15:00:00", -300),
    ("Sat, 28 Nov 2026 10:00:00 CET", "2026-11-28T09:00:00", 60),
    ("Sat, 28 Jun 2025 10:00:00 CEST", "2025-06-28T08:00:00", 120),
    ("Sat, 28 Jun 2025 10:00:00 EEST", "2025-06-28T07:00:00", 180),
    ("Sat, 28 Jun 2025 10:00:00 BST", "2025-06-28T09:00:00", 60),
    ("Sat, 28 Jun 2025 10:00:00 JST", "2025-06-28T01:00:00", 540),
    ("Sat, 28 Nov 2026 10:00 +0530", "2026-11-28T04:30:00", 330),  # no seconds
    ("28 Nov 2026 10:00:00 +0545", "2026-11-28T04:15:00", 345),  # no weekday
    ("Fri, 28 Nov 2026 10:00:00 +0300", "2026-11-28T07:00:00", 180),  # wrong weekday
    ("Sat, 5 Dec 2026 10:00:00 -0330", "2026-12-05T13:30:00", -210),  # one-digit day
    ("Thu, 10 Jan 20 14:33:00 GMT", "2020-01-10T14:33:00", 0),  # 2-digit year
    ("Sun, 10 Dec 17 13:01:36 -0800", "2017-12-10T21:01:36", -480),
    ("Sun, 10 Jan 99 14:33:00 GMT", "1999-01-10T14:33:00", 0),
    ("Saturday, 28-Nov-26 10:00:00 GMT", "2026-11-28T10:00:00", 0),  # RFC 850
    ("Sat Nov 28 10:00:00 2026", "2026-11-28T10:00:00", None),  # asctime
    ("Sat Nov 28 10:00:00 MSK 2026", "2026-11-28T07:00:00", 180),  # date(1)
    ("Nov 28, 2026 10:00 PM", "2026-11-28T22:00:00", None),
    ("28 Nov 2026 12:30 AM GMT", "2026-11-28T00:30:00", 0),
    ("28 Nov 2026 10:00 GMT+3", "2026-11-28T07:00:00", 180),
    ("28 Nov 2026 10:00 UTC+05:30", "2026-11-28T04:30:00", 330),
    (
        "Mon Jun 14 2021 14:54:23 GMT+0300 (Moscow Standard Time)",  # JavaScript Date.toString()
        "2021-06-14T11:54:23",
        180,
    ),
    # --- Russian, Ukrainian, Belarusian ---
    ("Сб, 28 ноя 2026 10:00:00 +0300", "2026-11-28T07:00:00", 180),
    ("Сб, 28 Ноя 2026 10:00:00 MSK", "2026-11-28T07:00:00", 180),
    ("Пт, 09 мая 2025 23:30:00 +0300", "2025-05-09T20:30:00", 180),
    ("Вт, 3 сент. 2025 14:05 +0300", "2025-09-03T11:05:00", 180),
    ("28 ноября 2026, 10:00", "2026-11-28T10:00:00", None),
    ("Суббота, 28 ноября 2026 10:00", "2026-11-28T10:00:00", None),
    ("28 ноября 2026 г. в 10:00 (МСК)", "2026-11-28T07:00:00", 180),
    ("28 нояб. 2026 10:00 МСК", "2026-11-28T07:00:00", 180),
    ("1 января 2026", "2026-01-01T00:00:00", None),
    ("1 ЯНВАРЯ 2026 года", "2026-01-01T00:00:00", None),
    ("12 февр. 2026 09:15 +0300", "2026-02-12T06:15:00", 180),
    ("8 марта 2026 08:00 +0300", "2026-03-08T05:00:00", 180),
    ("Ср, 01 июл 2026 00:00:00 +0300", "2026-06-30T21:00:00", 180),
    ("31 декабря 2025 23:59:59 +0300", "2025-12-31T20:59:59", 180),
    ("15 березня 2024 о 12:00 +0200", "2024-03-15T10:00:00", 120),  # Ukrainian
    ("Нд, 24 листопада 2024 18:30 +0200", "2024-11-24T16:30:00", 120),
    ("5 лютага 2024", "2024-02-05T00:00:00", None),  # Belarusian
    # --- Western European month and weekday names ---
    ("Seg, 24 Set 2018 19:18:49 -0300", "2018-09-24T22:18:49", -180),  # Portuguese
    ("Sa., 28. Nov. 2026 10:00:00 +0100", "2026-11-28T09:00:00", 60),  # German
    ("28. März 2026 10:00 Uhr MEZ", "2026-03-28T09:00:00", 60),
    ("mar., 28 mars 2026 10h30", "2026-03-28T10:30:00", None),  # French: "mar." is Tuesday
    ("sam., 28 févr. 2026 10:00:00 +0100", "2026-02-28T09:00:00", 60),
    ("sábado, 28 de noviembre de 2026 10:00", "2026-11-28T10:00:00", None),  # Spanish
    ("sab, 28 dic 2026 10:00:00 +0100", "2026-12-28T09:00:00", 60),  # Italian
    # --- ISO 8601 / RFC 3339 and near misses ---
    ("2018-02-14T17:24:45Z", "2018-02-14T17:24:45", 0),
    ("2014-06-26T23:17:51+02:00", "2014-06-26T21:17:51", 120),
    ("2019-01-18T10:58:46-05:00", "2019-01-18T15:58:46", -300),
    ("2017-02-27T12:04:00.004+01:00", "2017-02-27T11:04:00.004000", 60),
    ("2017-02-27T12:04:00.123456789Z", "2017-02-27T12:04:00.123456", 0),
    ("2019-05-18 10:58:46 +0300", "2019-05-18T07:58:46", 180),
    ("2022-09-03 09:37:11+03:00", "2022-09-03T06:37:11", 180),
    ("2019-01-18 00:00:00", "2019-01-18T00:00:00", None),
    ("2019-01-18T10:58", "2019-01-18T10:58:00", None),
    ("2019-01-18", "2019-01-18T00:00:00", None),
    ("2019-05-18 10:58:46 MSK", "2019-05-18T07:58:46", 180),
    ("2026-11-28T24:00:00Z", "2026-11-29T00:00:00", 0),  # ISO 8601 end of day
    ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59", 0),  # leap second
    ("  2019-01-18T10:58:46Z\n", "2019-01-18T10:58:46", 0),
    # --- numeric dates ---
    ("2020/1/10 14:33:00", "2020-01-10T14:33:00", None),
    ("28.11.2026 10:00", "2026-11-28T10:00:00", None),
    ("05.02.2025", "2025-02-05T00:00:00", None),
    ("28.11.26 10:00", "2026-11-28T10:00:00", None),
    ("10:00 28.11.2026", "2026-11-28T10:00:00", None),
    ("28/11/2026 10:00 +0300", "2026-11-28T07:00:00", 180),  # day first: 28 > 12
    ("11/28/2026 10:00", "2026-11-28T10:00:00", None),  # month first: 28 > 12
    # --- epoch strings ---
    ("1764316800", "2025-11-28T08:00:00", 0),
    ("1764316800000", "2025-11-28T08:00:00", 0),
    ("1764316800.5", "2025-11-28T08:00:00.500000", 0),
    ("946684800", "2000-01-01T00:00:00", 0),
    # --- out of our sane range but readable: sane_date flags them ---
    ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00", 0),
    ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59", 0),
]

UNREADABLE = [
    None,
    "",
    "   ",
    "garbage",
    "Published yesterday",
    "Сегодня, 10:00",
    "31 Feb 2020",
    "2020-02-30",
    "2026-13-01",
    "25:61",
    "28 Nov 2026 25:61",
    "28 Nov 2026 10:61",
    "Sat, 28 Nov 2026 10:00:00 IST",  # India, Israel or Ireland: refuse to guess
    "Sat, 28 Nov 2026 10:00:00 A",  # military zones other than Z
    "Sat, 28 Nov 2026 10:00:00 +2400",  # beyond ±18 h
    "Sat, 28 Nov 2026 10:00:00 +0375",
    "Sat, 28 Nov 2026 10:00:00 +0300 +0300",
    "Sat, 28 Nov 2026 13:00 PM",
    "01/02/2026",  # 1 February or 2 January?
    "19-01-18",  # YY-MM-DD or DD-MM-YY?
    "28/11/26",
    "Nov 2026",
    "28 Nov",
    "10:00",
    "1764",
    "123456789012",  # 12 digits: neither seconds nor milliseconds
    "28 ноября",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00+03:00",  # before datetime.min in UTC
    "9999-12-31T23:00:00-05:00",  # after datetime.max in UTC
    "Fri, 31 Dec 9999 23:59:59 -1200",
    "x" * 1000,
    "<script>2026-11-28</script>",
]


@pytest.mark.parametrize(("raw", "expected", "offset"), READABLE)
def test_parse_date_reads_real_world_forms(raw: str, expected: str, offset: int | None) -> None:
    found = parse_date(raw)
    assert found == (utc(expected), offset)
    assert found is not None and found[0].tzinfo is UTC


@pytest.mark.parametrize("raw", UNREADABLE)
def test_parse_date_returns_none_for_unreadable(raw: str | None) -> None:
    assert parse_date(raw) is None


def test_nine_digit_epoch_is_read_and_flagged_by_sane_date() -> None:
    found = parse_date("176431680")
    assert found == (utc("1975-08-05T00:48:00"), 0)
    fetched = utc("2026-01-01T00:00:00")
    assert sane_date(found[0], fetched) == (fetched, DateNote.INVALID)


def test_input_cap_applies_after_stripping_whitespace() -> None:
    assert parse_date("2019-01-18T10:58:46Z" + " " * 300) == (utc("2019-01-18T10:58:46"), 0)
    assert len("2019-01-18T10:58:46Z" + " ," * 100) > dates.MAX_INPUT_CHARS
    assert parse_date("2019-01-18T10:58:46Z" + " ," * 100) is None


# --- sane_date -----------------------------------------------------------------------------

FETCHED = utc("2026-11-28T12:00:00")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, (FETCHED, DateNote.MISSING)),
        (utc("2026-11-28T07:00:00"), (utc("2026-11-28T07:00:00"), DateNote.OK)),
        (utc("1990-01-01T00:00:00"), (utc("1990-01-01T00:00:00"), DateNote.OK)),
        (utc("1989-12-31T23:59:59"), (FETCHED, DateNote.INVALID)),
        (utc("1970-01-01T00:00:00"), (FETCHED, DateNote.INVALID)),
        (utc("0001-01-01T00:00:00"), (FETCHED, DateNote.INVALID)),
        (FETCHED + FUTURE_GRACE, (FETCHED + FUTURE_GRACE, DateNote.OK)),
        (FETCHED + FUTURE_GRACE + timedelta(seconds=1), (FETCHED, DateNote.FUTURE)),
        (FETCHED + timedelta(hours=2), (FETCHED, DateNote.FUTURE)),  # wrong server zone
        (utc("2036-11-28T12:00:00"), (FETCHED, DateNote.FUTURE)),  # typo in the year
        (utc("9999-12-31T23:59:59"), (FETCHED, DateNote.FUTURE)),
    ],
)
def test_sane_date(published: datetime | None, expected: tuple[datetime, DateNote]) -> None:
    assert sane_date(published, FETCHED) == expected


def test_sane_date_returns_utc_for_an_aware_non_utc_date() -> None:
    moscow = datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=3)))
    when, note = sane_date(moscow, FETCHED)
    assert (when, note) == (utc("2026-11-28T07:00:00"), DateNote.OK)
    assert when.tzinfo is UTC


def test_sane_date_from_parse_date_end_to_end() -> None:
    found = parse_date("Sat, 28 Nov 2026 10:00:00 MSK")
    assert found is not None
    assert sane_date(found[0], FETCHED) == (utc("2026-11-28T07:00:00"), DateNote.OK)
    found = parse_date("1764")  # feedparser would make this the year 1764
    assert sane_date(found[0] if found else None, FETCHED) == (FETCHED, DateNote.MISSING)


# --- format_offset ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (None, "UTC"),
        (0, "UTC"),
        (180, "UTC+3"),
        (60, "UTC+1"),
        (-300, "UTC\u22125"),
        (330, "UTC+5:30"),
        (345, "UTC+5:45"),
        (-210, "UTC\u22123:30"),
        (840, "UTC+14"),
        (-720, "UTC\u221212"),
    ],
)
def test_format_offset(minutes: int | None, text: str) -> None:
    assert format_offset(minutes) == text


def test_format_offset_of_a_parsed_date() -> None:
    found = parse_date("Sat, 28 Nov 2026 13:39:00 +0300")
    assert found is not None
    when, offset = found
    local = when.astimezone(timezone(timedelta(minutes=offset or 0)))
    assert f"{local:%H:%M} {format_offset(offset)}" == "13:39 UTC+3"


# --- properties ------------------------------------------------------------------------------

FRAGMENTS = [
    "0", "1", "12", "28", "31", "99", "2026", "0001", "9999", "1764316800", ":", "+", "-",
    "\u2212", ".", "/", ",", " ", "T", "Z", "GMT", "MSK", "UTC", "Nov", "ноя", "ноября", "mar",
    "Sat", "Сб", "PM", "(", ")", "г.", "10:00", "23:59:60", "24:00", "+0300", "-12:00",
    "+9999", "2019-01-18", "28.11.2026", "01/02/2026", "\u00a0", "\x00",
]  # fmt: skip


def _check_result(raw: str) -> None:
    found = parse_date(raw)
    if found is not None:
        when, offset = found
        assert when.tzinfo is UTC
        assert offset is None or abs(offset) <= MAX_OFFSET_MINUTES


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_parse_date_never_raises_on_any_text(raw: str) -> None:
    _check_result(raw)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_parse_date_never_raises_on_date_like_text(raw: str) -> None:
    _check_result(raw)


EN_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
RU_MONTHS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
)
RU_WEEKDAYS = "Пн Вт Ср Чт Пт Сб Вс".split()


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
)
def test_round_trip_through_written_forms(local: datetime, offset: int) -> None:
    local = local.replace(microsecond=0)
    expected = (local.replace(tzinfo=UTC) - timedelta(minutes=offset), offset)
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    rfc822 = (
        f"{RU_WEEKDAYS[(local.weekday() + 3) % 7]}, {local.day} {EN_MONTHS[local.month - 1]} "
        f"{local.year} {local:%H:%M:%S} {sign}{hours:02d}{minutes:02d}"
    )
    russian = (
        f"{RU_WEEKDAYS[local.weekday()]}, {local.day:02d} {RU_MONTHS[local.month - 1]} "
        f"{local.year} г. {local:%H:%M} {sign}{hours:02d}:{minutes:02d}"
    )
    rfc3339 = f"{local:%Y-%m-%dT%H:%M:%S}{sign}{hours:02d}:{minutes:02d}"
    assert parse_date(rfc822) == expected  # a wrong weekday is ignored
    assert parse_date(russian) == (expected[0] - timedelta(seconds=local.second), offset)
    assert parse_date(rfc3339) == expected


# --- feedparser ------------------------------------------------------------------------------

RUSSIAN_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><title>a</title><pubDate>Сб, 28 ноя 2026 10:00:00 +0300</pubDate></item>
<item><title>b</title><pubDate>Sat, 28 Nov 2026 10:00:00 MSK</pubDate></item>
<item><title>c</title><pubDate>1764316800</pubDate></item>
</channel></rss>
""".encode()


def test_register_feedparser_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Work on a copy of feedparser's global handler list, so other tests see the stock one.
    handlers = feedparser.datetimes._date_handlers
    monkeypatch.setattr(feedparser.datetimes, "_date_handlers", list(handlers))
    register_feedparser_handlers()
    register_feedparser_handlers()
    assert len(feedparser.datetimes._date_handlers) == len(handlers) + 1
    parsed = feedparser.parse(io.BytesIO(RUSSIAN_RSS))
    got = [from_struct(e.published_parsed) for e in parsed.entries]
    assert got == [utc("2026-11-28T07:00:00"), utc("2026-11-28T07:00:00"), utc("2025-11-28T08:00")]


# --- the shared fixtures ---------------------------------------------------------------------

_XML_DATE = re.compile(
    r"<(pubDate|pubdate|dc:date|published|updated|lastBuildDate)(?:\s[^>]*)?>(.*?)</\1>", re.S
)
_JSON_DATE = re.compile(r'"date_(?:published|modified)"\s*:\s*("(?:[^"\\]|\\.)*")')
_DECLARED = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _decode(body: bytes) -> str:
    declared = _DECLARED.search(body[:300])
    encoding = declared[1].decode("ascii") if declared else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def raw_dates(path: Path) -> list[str]:
    """The raw text of every date element (or JSON Feed date) in one fixture file."""
    text = _decode(path.read_bytes())
    if path.suffix == ".json":
        found = [json.loads(m[1]) for m in _JSON_DATE.finditer(text)]
    else:
        found = [
            html.unescape(m[2].replace("<![CDATA[", "").replace("]]>", ""))
            for m in _XML_DATE.finditer(text)
        ]
    return [d.strip() for d in found if d.strip()]  # an empty element is missing, not wrong


@pytest.mark.parametrize("folder", ["real", "odd"])
def test_fixture_dates_parse(fixtures_dir: Path, folder: str) -> None:
    files = sorted(p for p in (fixtures_dir / "feeds" / folder).rglob("*") if p.is_file())
    assert files
    seen: list[str] = []
    failed: list[str] = []
    for path in files:
        for raw in raw_dates(path):
            seen.append(raw)
            if parse_date(raw) is None:
                failed.append(f"{path.name}: {raw!r}")
    assert len(seen) > 100
    share = 1 - len(failed) / len(seen)
    report = "\n".join(failed)
    assert share >= 0.95, f"{share:.1%} of {len(seen)} dates parsed; failed:\n{report}"


_EXPLICIT_ZONE = re.compile(r"(?:[+-]\d\d:?\d\d|Z|GMT|UTC|UT)$")


def test_fixture_dates_agree_with_feedparser(fixtures_dir: Path) -> None:
    # Where feedparser reads a date with an explicit numeric or UTC zone, it is a fair oracle
    # for the instant (it drops only the offset). Slashed dates are left out: feedparser reads
    # "2020/1/10 14:33:00" as 1 November 2020.
    compared = 0
    for path in sorted((fixtures_dir / "feeds").rglob("*")):
        if not path.is_file() or path.suffix not in (".xml", ".json", ".rss", ".atom"):
            continue
        for raw in raw_dates(path):
            theirs = feedparser.datetimes._parse_date(raw)
            if theirs is None or "/" in raw or not _EXPLICIT_ZONE.search(raw):
                continue
            found = parse_date(raw)
            assert found is not None, raw
            assert found[0].replace(microsecond=0) == from_struct(theirs), raw
            compared += 1
    assert compared > 1000
