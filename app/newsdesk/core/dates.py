"""Read the dates that feeds write, keeping the UTC offset the source wrote.

Why not feedparser's ``*_parsed`` fields alone (notes/security-model.md §2.3, rows E2, E3): they
are UTC ``struct_time`` values, so the source's offset is lost and we cannot show "13:39 UTC+3"
as published; they read ``MSK`` as UTC (three hours off); they return ``None`` for Russian month
names (``Сб, 28 ноя 2026 10:00:00 +0300``); they read the bare epoch string ``"1764316800"`` as
the year 1764 and ``2020/1/10 14:33:00`` as 1 November 2020. ``email.utils.parsedate_tz`` is no
remedy: it knows only US zone names and accepts ``25:61`` and ``+9900``.

:func:`parse_date` is one linear tokenizer (a single compiled regex) plus word tables, with these
rules, chosen so that a date is either right or reported unreadable, never silently hours off:

- Only known words are accepted: month names and abbreviations in English, Russian, Ukrainian,
  Belarusian, German, French, Spanish, Portuguese and Italian (every case form, accents and
  ``ё`` optional), weekday names (ignored, even when wrong), zone abbreviations, AM/PM and a few
  filler words (``г.``, ``года``, ``в``, ``de``, ``um``...). Any other word makes the string
  unreadable. An unknown or ambiguous zone abbreviation (``IST``, ``AST``) does too, rather than
  being read as UTC; the caller then falls back to the first-seen time, flagged.
- A numeric offset beats a zone name (``+0300 (MSK)``); ``GMT+3`` means UTC+3. Offsets beyond
  ±18 h are unreadable. Of the single-letter military zones only ``Z`` is known.
- Numeric dates: ``Y-M-D``, ``Y/M/D`` and ``Y.M.D`` are year first; ``D.M.Y`` is day first;
  ``D/M/Y`` versus ``M/D/Y`` (and the same with ``-``) is decided only when one of the two
  numbers is above 12 (or both are equal), otherwise it is ambiguous and unreadable; with
  ``/`` and ``-`` the year must have four digits (``19-01-18`` could be either end first).
- Two-digit years follow RFC 822 usage: below 50 means 20xx, otherwise 19xx.
- A bare number of 9-10 digits (optionally with a fraction) is Unix seconds, of 13 digits Unix
  milliseconds; both are exact instants, so their offset is 0.
- A string without a zone is read as UTC and its offset is ``None`` ("the source gave no zone").
- Inputs longer than :data:`MAX_INPUT_CHARS` are unreadable; nothing raises.

IANA names (``Europe/Moscow``), ISO week and ordinal dates, compact ISO (``20190118T105846Z``)
and relative dates ("вчера", "2 hours ago") are not supported.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from datetime import UTC, datetime, timedelta

import feedparser

from newsdesk.core.model import DateNote

log = logging.getLogger(__name__)

#: How far past the fetch time an article's own date may lie before it counts as "in the future"
#: (clock skew between servers); later dates are stored and sorted by the fetch time instead.
FUTURE_GRACE = timedelta(minutes=10)
#: Dates before this year are treated as invalid (epoch zero, "0001-01-01" placeholders).
MIN_YEAR = 1990
#: Longer strings are not dates; the cap also bounds the work per call.
MAX_INPUT_CHARS = 200
#: The largest UTC offset accepted, in minutes (real ones span -12:00 to +14:00).
MAX_OFFSET_MINUTES = 18 * 60
#: :func:`format_offset` writes negative offsets with U+2212 MINUS SIGN, as typography wants.
MINUS_SIGN = "\u2212"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_SECONDS = re.compile(r"([0-9]{9,10})(?:\.([0-9]{1,9}))?")
_EPOCH_MILLIS = re.compile(r"[0-9]{13}")
# "(MSK)" after a date is kept as a zone; any other parenthesised comment
# ("(Moscow Standard Time)" from JavaScript's Date.toString()) is dropped.
_COMMENT = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(
    r"""
      (?P<ymd>(?P<y1>[0-9]{4})(?P<s1>[-/.])(?P<m1>[0-9]{1,2})(?P=s1)(?P<d1>[0-9]{1,2}))(?![0-9])
    | (?P<dmy>(?P<a2>[0-9]{1,2})(?P<s2>[-/.])(?P<b2>[0-9]{1,2})(?P=s2)(?P<y2>[0-9]{4}|[0-9]{2}))
      (?![0-9])
    | (?P<time>(?P<hh>[0-9]{1,2})[:hH](?P<mm>[0-9]{2})
        (?::(?P<ss>[0-9]{2})(?:[.,](?P<frac>[0-9]+))?)?)(?![0-9])
    | (?P<signed>[-+\u2212](?P<oh>[0-9]{1,2})(?::?(?P<om>[0-9]{2}))?)(?![0-9])
    | (?P<num>[0-9]+)
    | (?P<word>[^\W\d_]+)\.?
    | (?P<sep>(?:[\s,;|/.\u2013\u2014\u00b7]|-(?![0-9]))+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# Month words, one line per month: English, German, French, Spanish, Portuguese, Italian |
# Russian | Ukrainian | Belarusian. Accents and "ё" are folded away on both sides.
_MONTH_WORDS = (
    "jan january januar jänner jän janv janvier ene enero janeiro gen gennaio"
    " | янв январь января январе | січ січень січня | студ студз студзень студзеня",
    "feb febr february februar feber fev fevr février febrero fevereiro febbraio"
    " | фев февр февраль февраля феврале | лют лютий лютого | люты лютага",
    "mar march mär märz mrz mars marzo março"
    " | мар март марта марте | бер берез березень березня | сак сакавік сакавіка",
    "apr april avr avril abr abril aprile"
    " | апр апрель апреля апреле | кві квіт квітень квітня | крас красавік красавіка",
    "may mai mayo maio mag maggio | май мая мае | тра трав травень травня",
    "jun june juni juin junio junho giu giugno"
    " | июн июнь июня июне | чер черв червень червня | чэрв чэрвень чэрвеня",
    "jul july juli juil juillet julio julho lug luglio"
    " | июл июль июля июле | лип липень липня | ліп ліпень ліпеня",
    "aug august août ago agosto | авг август августа августе | сер серп серпень серпня"
    " | жн жнів жнівень жніўня",
    "sep sept september septembre septiembre setembro set settembre"
    " | сен сент сентябрь сентября сентябре | вер верес вересень вересня | верасень верасня",
    "oct october okt oktober octobre octubre outubro out ott ottobre"
    " | окт октябрь октября октябре | жов жовт жовтень жовтня | каст кастр кастрычнік кастрычніка",
    "nov november novembre noviembre novembro"
    " | ноя нояб ноябрь ноября ноябре | лис лист листоп листопад листопада"
    " | ліст лістап лістапад лістапада",
    "dec december dez dezember décembre dic diciembre dezembro dicembre"
    " | дек декаб декабрь декабря декабре | гру груд грудень грудня | снеж снежань снежня",
)
# Weekday words are ignored wherever they stand (and whatever day they name).
_WEEKDAY_WORDS = (
    "mon tue tues wed thu thur thurs fri sat sun"
    " monday tuesday wednesday thursday friday saturday sunday"
    " пн вт ср чт пт сб вс нд пнд втр срд чтв птн сбт вск"
    " понедельник вторник среда четверг пятница суббота воскресенье"
    " понеділок вівторок середа четвер пятниця пʼятниця субота неділя"
    " аў чц панядзелак аўторак серада чацвер пятніца нядзеля"
    " mo di mi do fr sa so montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag"
    " lun mar mer jeu ven sam dim lundi mardi mercredi jeudi vendredi samedi dimanche"
    " mié jue vie sáb dom lunes martes miércoles jueves viernes sábado domingo"
    " seg ter qua qui sex segunda terça quarta quinta sexta"
    " gio lunedì martedì mercoledì giovedì venerdì sabato domenica"
)
# Words that may stand between the parts of a date: "2026 г.", "в 10:00", "28 de noviembre",
# "segunda-feira", "à 10h00", "um 10:00 Uhr".
_FILLER_WORDS = "г года год гг в во о об at on of the de del à às alle le el um uhr feira"
# Zone abbreviations with one meaning; ambiguous ones (IST, AST, CST as China, BST as
# Bangladesh) are either left out or kept with their RFC 822 / common meaning.
_ZONE_MINUTES = {
    "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    "akst": -540, "akdt": -480, "hst": -600,
    "west": 60, "bst": 60, "cet": 60, "mez": 60, "met": 60,
    "cest": 120, "mesz": 120, "mest": 120, "eet": 120, "eest": 180,
    "msk": 180, "мск": 180, "msd": 240, "samt": 240, "yekt": 300, "omst": 360, "krat": 420,
    "irkt": 480, "yakt": 540, "vlat": 600, "magt": 660, "pett": 720,
    "hkt": 480, "sgt": 480, "awst": 480, "jst": 540, "kst": 540,
    "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
}  # fmt: skip
# Zones after which a signed number is an offset ("GMT+3", "UTC+05:30").
_UTC_NAMES = frozenset({"ut", "utc", "gmt"})


def _fold(word: str) -> str:
    """Lower-case ``word`` and drop accents (and the dots of ё), so tables match either form."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, line in enumerate(_MONTH_WORDS, start=1):
        for word in line.replace("|", " ").split():
            if table.setdefault(_fold(word), number) != number:
                raise ValueError(f"month word {word!r} names two months")
    return table


_MONTHS = _month_table()
_WEEKDAYS = frozenset(_fold(w) for w in _WEEKDAY_WORDS.split())
# Compared without folding accents: "à" is a filler, the military zone "A" is not.
_FILLERS = frozenset(_FILLER_WORDS.split())
_ZONES = {_fold(name): minutes for name, minutes in _ZONE_MINUTES.items()}


class _UnreadableError(Exception):
    """Internal: the string is not a date we can read."""


def parse_date(raw: str | None) -> tuple[datetime, int | None] | None:
    """Parse one date string as found in a feed.

    Reads RFC 822/1123 (``pubDate``), RFC 3339 / ISO 8601 (``updated``, ``dc:date``, JSON Feed
    ``date_published``), common variants of both (space before the offset, no seconds, 2-digit
    years, named zones such as ``MSK``), dates with localized month and weekday names (Russian,
    Ukrainian, Belarusian, German, French, Spanish, Portuguese, Italian), numeric dates such as
    ``2020/1/10 14:33:00`` and ``28.11.2026 10:00``, and Unix epoch seconds or milliseconds.
    The rules are in the module docstring.

    Args:
        raw: The text of the date element, or ``None``.

    Returns:
        ``(when, offset)``: ``when`` is an aware UTC datetime; ``offset`` is the UTC offset the
        source wrote, in minutes (+180 for ``+0300`` or ``MSK``), or ``None`` when the source
        gave no zone (the time was then read as UTC). ``None`` when the string is empty,
        unreadable or out of range. Never raises.
    """
    if not raw:
        return None
    text = raw.strip()
    if not text or len(text) > MAX_INPUT_CHARS:
        return None
    try:
        return _parse(text)
    except (_UnreadableError, ValueError, OverflowError):
        log.debug("Unreadable date %r", text)
        return None


def _parse(text: str) -> tuple[datetime, int | None]:
    epoch = _parse_epoch(text)
    if epoch is not None:
        return epoch
    # NFC first: a decomposed "й" (и + combining breve) would otherwise split the word.
    text = _COMMENT.sub(_keep_zone_comment, unicodedata.normalize("NFC", text))

    date: tuple[int, int, int] | None = None
    clock: tuple[int, int, int, int] | None = None
    months: list[tuple[int, bool]] = []  # (month, the word could also be a weekday)
    numbers: list[str] = []
    offset: int | None = None
    zone: int | None = None
    pm: bool | None = None
    previous = ""  # the kind of the previous token that was not a separator
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "sep":
            continue
        if kind == "ymd" or kind == "dmy":
            if date is not None:
                raise _UnreadableError
            date = _numeric_date(match)
        elif kind == "time":
            if clock is not None:
                raise _UnreadableError
            clock = _clock(match)
        elif kind == "signed":
            if previous in ("time", "utc") and offset is None:
                offset = _offset(match)
            elif ":" in match["signed"]:
                raise _UnreadableError
            else:  # "28-Nov-2026": the sign was a separator
                numbers.append(match["signed"][1:])
                kind = "num"
        elif kind == "num":
            numbers.append(match["num"])
        elif kind == "word":
            word = _fold(match["word"])
            if word == "t" and previous == "ymd":  # ISO 8601 "2019-01-18T10:58:46"
                pass
            elif word in _ZONES:
                if zone is not None:
                    raise _UnreadableError
                zone = _ZONES[word]
                kind = "utc" if word in _UTC_NAMES else "zone"
            elif word in _MONTHS:
                months.append((_MONTHS[word], word in _WEEKDAYS))
            elif word in ("am", "pm"):
                if pm is not None:
                    raise _UnreadableError
                pm = word == "pm"
            elif word not in _WEEKDAYS and match["word"].lower() not in _FILLERS:
                raise _UnreadableError
        else:  # "other": a character no date contains
            raise _UnreadableError
        previous = kind or ""

    if date is None:
        date = _text_date(_pick_month(months), numbers)
    elif months or numbers:
        raise _UnreadableError
    hour, minute, second, micro = clock or (0, 0, 0, 0)
    if pm is not None:
        if clock is None or not 1 <= hour <= 12:
            raise _UnreadableError
        hour = hour % 12 + (12 if pm else 0)
    next_day = hour == 24
    if next_day:
        if minute or second or micro:
            raise _UnreadableError
        hour = 0
    if offset is None:
        offset = zone
    year, month, day = date
    when = datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)
    when -= timedelta(minutes=offset or 0)
    if next_day:
        when += timedelta(days=1)
    return when, offset


def _parse_epoch(text: str) -> tuple[datetime, int | None] | None:
    seconds = _EPOCH_SECONDS.fullmatch(text)
    if seconds is not None:
        micro = int((seconds[2] or "0").ljust(6, "0")[:6])
        return _EPOCH + timedelta(seconds=int(seconds[1]), microseconds=micro), 0
    if _EPOCH_MILLIS.fullmatch(text):
        return _EPOCH + timedelta(milliseconds=int(text)), 0
    return None


def _keep_zone_comment(match: re.Match[str]) -> str:
    inner = match[1].strip()
    return f" {inner} " if _fold(inner) in _ZONES else " "


def _year(digits: str) -> int:
    if len(digits) == 2:  # RFC 822 usage: "20" is 2020, "99" is 1999
        value = int(digits)
        return value + (2000 if value < 50 else 1900)
    if len(digits) != 4:
        raise _UnreadableError
    return int(digits)


def _numeric_date(match: re.Match[str]) -> tuple[int, int, int]:
    if match["ymd"]:
        return int(match["y1"]), int(match["m1"]), int(match["d1"])
    first, second, year = int(match["a2"]), int(match["b2"]), _year(match["y2"])
    if match["s2"] == ".":  # 28.11.2026 and 28.11.26 are day first everywhere
        return year, second, first
    if len(match["y2"]) == 2:  # 19-01-18: YY-MM-DD or DD-MM-YY?
        raise _UnreadableError
    if first == second:
        return year, second, first
    if first > 12 >= second:
        return year, second, first
    if second > 12 >= first:
        return year, first, second
    raise _UnreadableError  # 01/02/2026: January or February?


def _clock(match: re.Match[str]) -> tuple[int, int, int, int]:
    hour, minute = int(match["hh"]), int(match["mm"])
    second = int(match["ss"] or 0)
    micro = int((match["frac"] or "0")[:6].ljust(6, "0"))
    if hour > 24 or minute > 59 or second > 60:
        raise _UnreadableError
    return hour, minute, min(second, 59), micro  # a leap second becomes :59


def _offset(match: re.Match[str]) -> int:
    hours, minutes = int(match["oh"]), int(match["om"] or 0)
    total = hours * 60 + minutes
    if minutes > 59 or total > MAX_OFFSET_MINUTES:
        raise _UnreadableError
    return total if match["signed"][0] == "+" else -total


def _pick_month(months: list[tuple[int, bool]]) -> int:
    """The month among the month words; French/Spanish/Italian "mar" is also Tuesday."""
    if len(months) == 1:
        return months[0][0]
    only_months = [month for month, weekday in months if not weekday]
    if len(only_months) == 1:
        return only_months[0]
    if months and not only_months:  # "mar., 28 mar. 2026": the weekday comes first
        return months[-1][0]
    raise _UnreadableError


def _text_date(month: int, numbers: list[str]) -> tuple[int, int, int]:
    """Day and year from the two numbers beside a month word, in either order."""
    if len(numbers) != 2:
        raise _UnreadableError
    first, second = numbers
    if len(first) == 4 and len(second) <= 2:
        return int(first), month, int(second)
    if len(first) <= 2 and len(second) in (2, 4):
        return _year(second), month, int(first)
    raise _UnreadableError


def sane_date(published: datetime | None, fetched_at: datetime) -> tuple[datetime, DateNote]:
    """The date to store and sort an article by, and what was wrong with its own date.

    Args:
        published: The article's own date (aware), or ``None`` when it had none or it was
            unreadable.
        fetched_at: When the feed was fetched, aware UTC.

    Returns:
        ``(published, DateNote.OK)`` for a plausible date; otherwise ``fetched_at`` with
        ``MISSING`` (no date), ``INVALID`` (before :data:`MIN_YEAR`) or ``FUTURE`` (more than
        :data:`FUTURE_GRACE` after ``fetched_at``).
    """
    if published is None:
        return fetched_at, DateNote.MISSING
    try:
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        published = published.astimezone(UTC)
    except (OverflowError, ValueError):
        return fetched_at, DateNote.INVALID
    if published.year < MIN_YEAR:
        return fetched_at, DateNote.INVALID
    if published - FUTURE_GRACE > fetched_at:
        return fetched_at, DateNote.FUTURE
    return published, DateNote.OK


def format_offset(minutes: int | None) -> str:
    """A UTC offset for display: ``UTC``, ``UTC+3``, ``UTC−5``, ``UTC+5:30``.

    Negative offsets use U+2212 MINUS SIGN (:data:`MINUS_SIGN`), not the ASCII hyphen.

    Args:
        minutes: The offset in minutes east of UTC; ``None`` (no zone given) reads as UTC.

    Returns:
        The offset as text, hours without a leading zero and minutes only when not zero.
    """
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else MINUS_SIGN
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def _feedparser_handler(value: str) -> time.struct_time | None:
    found = parse_date(value)
    return None if found is None else found[0].utctimetuple()


_registered: list[bool] = []  # fallback marker should feedparser's handler list move


def register_feedparser_handlers() -> None:
    """Make feedparser's own ``*_parsed`` fields use :func:`parse_date` first.

    feedparser then reads Russian month names, ``MSK`` and epoch strings correctly. Strings
    :func:`parse_date` cannot read still go on to feedparser's own handlers. Safe to call more
    than once; it changes feedparser's global state, so each process (a pool worker too) calls
    it once. The offset is lost in ``*_parsed`` either way: call :func:`parse_date` on the raw
    string when it matters.
    """
    handlers = getattr(feedparser.datetimes, "_date_handlers", None)
    if isinstance(handlers, list):
        if _feedparser_handler in handlers:
            return
    elif _registered:
        return
    feedparser.registerDateHandler(_feedparser_handler)
    _registered.append(True)
