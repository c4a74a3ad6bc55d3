"""The ``newsdesk`` command: the window by default, and subcommands for headless use.

Errors are one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk import __version__
from newsdesk.core import search as fts
from newsdesk.core.dates import format_offset
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.model import Article, FeedResult, Outcome
from newsdesk.core.profile import Profile, open_profile

if TYPE_CHECKING:
    from newsdesk.core.rates import RateService

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (public so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Newsdesk: a desktop news reader. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="keep settings, data and cache in DIR "
        "(default: $NEWSDESK_PROFILE, else the user's folders)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the window, let it paint, exit 0"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the window (the default)")

    refresh = commands.add_parser("refresh", help="refresh every enabled feed once")
    refresh.add_argument("--feed", type=int, action="append", metavar="ID", help="only this feed")

    imp = commands.add_parser("import-opml", help="subscribe to the feeds of an OPML file")
    imp.add_argument("file", type=Path)
    exp = commands.add_parser("export-opml", help="write the subscriptions as OPML ('-': stdout)")
    exp.add_argument("file")

    add = commands.add_parser("add", help="subscribe to a feed (or a page that links to one)")
    add.add_argument("url")
    add.add_argument("--group", default="", help='the group, e.g. "News" or "Partner news"')
    add.add_argument("--topic", default="", help="the topic every article of the feed gets")
    remove = commands.add_parser("remove", help="unsubscribe (by id or URL)")
    remove.add_argument("feed")

    feeds = commands.add_parser("feeds", help="list the subscriptions and their status")
    feeds.add_argument("--json", action="store_true", help="machine-readable output")

    search = commands.add_parser("search", help="search the stored articles")
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--newest", action="store_true", help="newest first instead of best match")
    search.add_argument("--json", action="store_true", help="machine-readable output")

    rates = commands.add_parser("rates", help="show the exchange-rate tables in use")
    rates.add_argument("--refresh", action="store_true", help="download new rates first")
    rates.add_argument("--json", action="store_true", help="machine-readable output")

    convert = commands.add_parser(
        "convert", help="convert an amount, e.g. `convert 100 USD EUR RUB`"
    )
    convert.add_argument("amount", help="1234.56, '1 234,56', 100*3 …")
    convert.add_argument("source", metavar="FROM", help="currency code, e.g. USD")
    convert.add_argument("targets", metavar="TO", nargs="+", help="one or more currency codes")
    convert.add_argument("--digits", type=int, metavar="N", help="show N decimal places")
    convert.add_argument("--json", action="store_true", help="machine-readable output")

    config = commands.add_parser("config", help="show or change settings (dotted keys)")
    config.add_argument("key", nargs="?")
    config.add_argument("value", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    command = args.command or "gui"
    try:
        if command == "gui":
            from newsdesk.app import run_gui  # Qt is imported only for the window

            return run_gui(profile_dir=args.profile, smoke_test=args.smoke_test)
        return _run(command, args)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsdesk: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


def _run(command: str, args: argparse.Namespace) -> int:
    seed = command not in ("import-opml", "config")
    with open_profile(args.profile, seed_defaults=seed) as profile:
        for warning in profile.warnings:
            print(f"newsdesk: warning: {warning}", file=sys.stderr)
        handler = {
            "refresh": _refresh,
            "import-opml": _import_opml,
            "export-opml": _export_opml,
            "add": _add,
            "remove": _remove,
            "feeds": _feeds,
            "search": _search,
            "config": _config,
            "rates": _rates,
            "convert": _convert,
        }[command]
        return handler(profile, args)


# -- commands ------------------------------------------------------------------------------------


def _refresh(profile: Profile, args: argparse.Namespace) -> int:
    from newsdesk.core.refresh import Refresher

    tty = sys.stderr.isatty()
    cancel = threading.Event()
    failures: list[FeedResult] = []

    def progress(done: int, total: int, result: FeedResult) -> None:
        if result.outcome is Outcome.FAILED:
            failures.append(result)
            if tty:
                sys.stderr.write("\r\x1b[K")
            name = result.url
            if result.title not in ("", result.url):
                name = f"{result.title} ({result.url})"
            print(f"failed: {name}: {result.message}", file=sys.stderr)
        if tty:
            sys.stderr.write(f"\rRefreshing {done}/{total}: {_clip(result.title, 50)}\x1b[K")
            sys.stderr.flush()

    with Refresher(profile.storage, profile.settings, profile.taxonomy) as refresher:
        try:
            summary = refresher.run(args.feed, progress=progress, cancel=cancel)
        except KeyboardInterrupt:
            cancel.set()
            raise
    if tty:
        sys.stderr.write("\r\x1b[K")
    if args.feed is None:
        _refresh_rates(profile, cancel)
    ok = summary.count(Outcome.UPDATED)
    print(
        f"{len(summary.results)} feeds: {ok} ok, {summary.count(Outcome.UNCHANGED)} unchanged, "
        f"{summary.count(Outcome.FAILED)} failed"
        + (f", {summary.count(Outcome.SKIPPED)} waiting" if summary.count(Outcome.SKIPPED) else "")
        + f"; {summary.new_articles} new articles in {summary.seconds:.1f} s."
        + (f" {summary.removed_old} old articles removed." if summary.removed_old else "")
    )
    attempted = [r for r in summary.results if r.outcome is not Outcome.SKIPPED]
    if attempted and all(r.outcome is Outcome.FAILED for r in attempted):
        return EXIT_ERROR
    return EXIT_OK


def _refresh_rates(
    profile: Profile, cancel: threading.Event, service: RateService | None = None
) -> bool:
    """Download the rates (the worker's job in the window); False when none could be had."""
    from newsdesk.core.net import make_session

    service = service or profile.rate_service()
    with make_session(profile.settings.network) as session:
        report = service.refresh(session, cancel=cancel)
        if not report.offline and "ecb" in service.slots():
            try:  # the 90-day history behind the converter's chart
                service.backfill_history(session, cancel=cancel)
            except NewsdeskError as exc:
                print(f"rates: the 90-day history could not be loaded: {exc}", file=sys.stderr)
    for slot in report.slots:
        for error in slot.errors:
            print(f"rates: {error}", file=sys.stderr)
    if report.offline:
        print("Exchange rates: no provider answered; the stored rates stay in use.")
    else:
        print(
            "Exchange rates: "
            + "; ".join(
                f"{_provider_name(s.provider)} {s.as_of:%d %b %Y}"
                + (" (new)" if s.stored else " (unchanged)")
                for s in report.slots
                if s.provider and s.as_of
            )
            + "."
        )
    return not report.offline


def _import_opml(profile: Profile, args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise NewsdeskError(f"Cannot read {args.file}: {exc.strerror}.") from exc
    summary = profile.import_opml(data)
    for skipped in summary.skipped:
        print(f"skipped: {skipped.text}: {skipped.reason}", file=sys.stderr)
    note = " (the file was not well-formed; it was read leniently)" if summary.repaired else ""
    print(
        f"Imported {summary.added} feeds; {summary.already} were already subscribed, "
        f"{len(summary.skipped)} skipped{note}."
    )
    return EXIT_OK


def _export_opml(profile: Profile, args: argparse.Namespace) -> int:
    from newsdesk.core.opml import export_opml
    from newsdesk.core.settings import atomic_write

    data = export_opml(profile.storage.feeds())
    if args.file == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(args.file)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise NewsdeskError(f"Cannot write {target}: {exc.strerror}.") from exc
    print(f"Wrote {profile.storage.feed_count()} feeds to {target}.")
    return EXIT_OK


def _add(profile: Profile, args: argparse.Namespace) -> int:
    from newsdesk.core.discover import resolve_feed

    found = resolve_feed(args.url, profile.settings)
    feed_id = profile.add_feed(found.url, found.title, args.group, args.topic)
    print(f"Subscribed to {found.title or found.url} (id {feed_id}).")
    return EXIT_OK


def _remove(profile: Profile, args: argparse.Namespace) -> int:
    for feed in profile.storage.feeds():
        if args.feed in (str(feed.id), feed.url):
            profile.remove_feed(feed.id)
            print(f"Unsubscribed from {feed.title}.")
            return EXIT_OK
    raise NewsdeskError(f"There is no subscription {args.feed!r}; `newsdesk feeds` lists them.")


def _feeds(profile: Profile, args: argparse.Namespace) -> int:
    feeds = profile.storage.feeds()
    if args.json:
        _print_json(
            [
                {
                    "id": f.id,
                    "title": f.title,
                    "url": f.url,
                    "group": f.group,
                    "topic": f.topic,
                    "enabled": f.enabled,
                    "status": f.status,
                    "message": f.message,
                    "articles": f.article_count,
                    "unread": f.unread_count,
                    "last_refresh": f.last_refresh.isoformat() if f.last_refresh else None,
                }
                for f in feeds
            ]
        )
        return EXIT_OK
    if not feeds:
        print("No subscriptions. Add one with `newsdesk add URL` or `newsdesk import-opml FILE`.")
        return EXIT_OK
    group = None
    for f in feeds:
        if f.group != group:
            group = f.group
            print(f"{group or 'Ungrouped'}:")
        status = f.status if not f.message else f"{f.status}: {f.message}"
        when = _local(f.last_refresh) if f.last_refresh else "never"
        topic = f" [{f.topic}]" if f.topic else ""
        print(f"  {f.id:>4}  {_clip(f.title, 40)}{topic}")
        print(f"        {f.url}")
        print(f"        {f.article_count} articles, refreshed {when}, {status}")
    return EXIT_OK


def _search(profile: Profile, args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    if args.limit < 1:
        raise NewsdeskError("--limit must be at least 1.")
    if fts.build_match(text) is None:
        raise NewsdeskError(f"{text!r} holds no words to search for.")
    found = profile.storage.search(text, limit=args.limit, newest_first=args.newest)
    if args.json:
        _print_json([_article_json(a) for a in found])
        return EXIT_OK
    if not found:
        print(f"Nothing matches {text!r}.")
        return EXIT_OK
    bold = sys.stdout.isatty()
    for a in found:
        print(_clip(a.title, 100))
        print(f"  {a.feed_title} · {_published(a)}")
        if a.link:
            print(f"  {a.link}")
        if a.snippet:
            print(f"  {_highlight(a.snippet, bold)}")
    return EXIT_OK


def _config(profile: Profile, args: argparse.Namespace) -> int:
    from newsdesk.core.settings import Settings

    if args.key is None:
        for key in Settings.dotted_keys():
            print(f"{key} = {_show(profile.settings.get(key))}")
        return EXIT_OK
    if args.value is None:
        print(_show(profile.settings.get(args.key)))
        return EXIT_OK
    profile.save_settings(profile.settings.with_value(args.key, args.value))
    print(f"{args.key} = {_show(profile.settings.get(args.key))}")
    return EXIT_OK


def _rates(profile: Profile, args: argparse.Namespace) -> int:
    from datetime import UTC

    from newsdesk.core.rates import describe

    service = profile.rate_service()
    if args.refresh:
        _refresh_rates(profile, threading.Event(), service)
    now = datetime.now(UTC)
    book = service.book(now)
    if not book.sources:
        raise NewsdeskError("No exchange rates are available yet; run `newsdesk rates --refresh`.")
    tables = []
    for source in book.sources:
        table = source.table
        age = describe(table, now)
        tables.append(
            {
                "provider": table.provider,
                "name": _provider_name(table.provider),
                "as_of": table.as_of.isoformat(),
                "stale": source.stale,
                "freshness": age.state.value,
                "origin": source.origin.value,
                "base": table.base,
                "quoted_in_base": table.quotes_in_base,
                "rates": {code: str(table.published(code)) for code in sorted(table.rates)},
            }
        )
    if args.json:
        _print_json(tables)
        return EXIT_OK
    names = book.currencies
    for data in tables:
        state = "stale" if data["stale"] else "up to date"
        origin = {"snapshot": ", offline snapshot", "cache": ", stored copy"}.get(
            data["origin"], ""
        )
        print(f"{data['name']}, rates of {data['as_of']} ({state}{origin}):")
        base = data["base"]
        for code, value in data["rates"].items():
            known = names.get(code)
            label = f"{code}  {known.name('en') if known else ''}".rstrip()
            if data["quoted_in_base"]:
                print(f"  {label:<40} 1 {code} = {value} {base}")
            else:
                print(f"  {label:<40} 1 {base} = {value} {code}")
    return EXIT_OK


def _convert(profile: Profile, args: argparse.Namespace) -> int:
    from datetime import UTC

    from newsdesk.core.rates import parse_amount

    amount = parse_amount(args.amount)
    source = args.source.strip().upper()
    targets = [t.strip().upper() for t in args.targets]
    if args.digits is not None and not 0 <= args.digits <= 18:
        raise NewsdeskError("--digits must be between 0 and 18.")
    book = profile.rate_service().book(datetime.now(UTC))
    if not book.sources:
        raise NewsdeskError("No exchange rates are available yet; run `newsdesk rates --refresh`.")
    results = []
    for target in targets:
        try:
            results.append(book.convert(amount, source, target, places=args.digits))
        except NewsdeskError as exc:
            if len(targets) == 1:
                raise
            print(f"newsdesk: {exc}", file=sys.stderr)
    if not results:
        return EXIT_ERROR
    if args.json:
        _print_json(
            [
                {
                    "amount": str(r.amount),
                    "from": r.source,
                    "to": r.target,
                    "result": str(r.result),
                    "rate": str(r.rate),
                    "provider": r.provider,
                    "as_of": r.as_of.isoformat(),
                    "stale": r.stale,
                    "mixed": r.mixed,
                    "offline_snapshot": r.offline_snapshot,
                }
                for r in results
            ]
        )
        return EXIT_OK
    source_places = book.currencies.minor_unit(source)
    shown_amount = amount.quantize(Decimal(1).scaleb(-source_places)) if source_places else amount
    for r in results:
        print(f"{_money(shown_amount)} {r.source} = {_money(r.result)} {r.target}")
    notes = []
    for r in results:
        where = " + ".join(
            f"{_provider_name(p)} {d:%d %b %Y}" for p, d in (r.sources or ((r.provider, r.as_of),))
        )
        flags = []
        if r.mixed:
            flags.append("cross rate through two sources")
        if r.offline_snapshot:
            flags.append("offline snapshot shipped with Newsdesk")
        elif r.stale:
            flags.append("not the latest rates")
        note = f"Rates: {where}" + (f" ({'; '.join(flags)})" if flags else "") + "."
        if note not in notes:
            notes.append(note)
    for note in notes:
        print(note)
    return EXIT_OK


# -- formatting ----------------------------------------------------------------------------------


def _provider_name(provider_id: str | None) -> str:
    from newsdesk.core.rates import PROVIDERS

    info = PROVIDERS.get(provider_id or "")
    return info.name if info else (provider_id or "?")


def _money(value: Decimal) -> str:
    return f"{value:,f}"


def _article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "source": a.feed_title,
        "published": a.published.isoformat(),
        "utc_offset_minutes": a.utc_offset_minutes,
        "link": a.link,
        "topics": list(a.topics),
        "snippet": a.snippet.replace(fts.HIGHLIGHT_START, "").replace(fts.HIGHLIGHT_END, ""),
    }


def _published(a: Article) -> str:
    """ "2026-11-28 13:39 UTC+3": the time as the source wrote it, with its zone."""
    from datetime import timedelta, timezone

    offset = a.utc_offset_minutes
    local = a.published.astimezone(timezone(timedelta(minutes=offset or 0)))
    note = f" ({a.date_note.value} date)" if a.date_note.value else ""
    return f"{local:%Y-%m-%d %H:%M} {format_offset(offset)}{note}"


def _highlight(snippet: str, bold: bool) -> str:
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    return snippet.replace(fts.HIGHLIGHT_START, start).replace(fts.HIGHLIGHT_END, end)


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def _print_json(data: Any, out: TextIO | None = None) -> None:
    json.dump(data, out or sys.stdout, ensure_ascii=False, indent=2)
    (out or sys.stdout).write("\n")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
