"""Typed settings, saved as versioned JSON and written atomically.

One frozen :class:`Settings` serves the dialog, the worker, the CLI and the tests. Every setting
has a dotted key (``network.read_timeout``) so ``newsdesk config KEY VALUE`` can read and set it.
A corrupt file is moved aside, defaults are used, and :func:`load` says so in its warnings.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import time
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.core.errors import SettingsError
from newsdesk.core.links import is_web_url
from newsdesk.core.model import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    """How feeds and rate files are downloaded."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    feed_deadline: float = 60.0
    max_feed_bytes: int = 10_000_000
    max_redirects: int = 5
    max_connections: int = 16
    max_per_host: int = 2
    proxy: str = "system"  # system: the environment's proxy | none | manual: proxy_url
    proxy_url: str = ""  # http://host:port, used when proxy is "manual"


@dataclass(frozen=True, slots=True)
class RefreshSettings:
    """When and how much to refresh, and how long to keep articles."""

    interval_minutes: int = 30
    on_start: bool = True
    retention_days: int = 60
    max_entries_per_feed: int = 500
    parse_processes: int = 0  # 0: one per core; 1: parse inside the refreshing process


@dataclass(frozen=True, slots=True)
class TopicSettings:
    """The topics the user follows (empty: all of them)."""

    followed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AppearanceSettings:
    """Look of the window."""

    theme: str = "system"  # system | light | dark
    font_scale: float = 1.0
    language: str = "auto"  # auto | en | ru
    page_size: int = 50
    density: str = "comfortable"  # comfortable | compact (the article list's row height)


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    """What the app may reveal about the user's reading."""

    load_remote_images: bool = False
    send_referer: bool = False  # never tell a site which article linked to it


@dataclass(frozen=True, slots=True)
class NotificationSettings:
    """Desktop notifications and the tray."""

    new_articles: bool = True  # summarise new articles in the topics the user follows
    close_to_tray: bool = False
    start_minimised: bool = False


@dataclass(frozen=True, slots=True)
class RatesSettings:
    """Where exchange rates come from. Every address is a setting (tests point them at
    127.0.0.1). The default is the ECB and the Bank of Russia together; Frankfurter stands in
    for an unreachable ECB; open.er-api.com (≈160 currencies) only when the user opts in."""

    providers: tuple[str, ...] = ("ecb", "cbr")
    fallbacks: tuple[str, ...] = ("frankfurter",)
    open_er_api: bool = False
    ecb_url: str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
    ecb_history_url: str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml"
    cbr_url: str = "https://www.cbr.ru/scripts/XML_daily.asp"
    frankfurter_url: str = "https://api.frankfurter.dev/v1/latest?base=EUR"
    open_er_api_url: str = "https://open.er-api.com/v6/latest/EUR"
    deadline: float = 20.0
    max_bytes: int = 1_000_000
    interval_minutes: int = 60
    favourites: tuple[str, ...] = ("USD", "EUR", "RUB", "CNY", "GBP")
    base: str = "USD"  # the converter's "From" currency on start
    digits: int = -1  # decimal places of results; -1: the currency's own (2 for USD, 0 for JPY)


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings. Replace with :meth:`with_value` or :func:`dataclasses.replace`."""

    network: NetworkSettings = field(default_factory=NetworkSettings)
    refresh: RefreshSettings = field(default_factory=RefreshSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    appearance: AppearanceSettings = field(default_factory=AppearanceSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    rates: RatesSettings = field(default_factory=RatesSettings)
    notifications: NotificationSettings = field(default_factory=NotificationSettings)

    def validate(self) -> None:
        """Raise :class:`SettingsError` naming the first setting whose value does not fit."""
        problems = self.problems()
        if problems:
            raise SettingsError(problems[0][1])

    def problems(self) -> list[tuple[str, str]]:
        """Every setting whose value does not fit, as (dotted key, reason)."""
        found: list[tuple[str, str]] = []
        for key, (low, high) in _RANGES.items():
            value = self.get(key)
            if not low <= value <= high:
                found.append((key, f"{key} must be between {low} and {high}, not {value}."))
        for key, allowed in _CHOICES.items():
            if self.get(key) not in allowed:
                found.append((key, f"{key} must be one of {', '.join(allowed)}."))
        for key, allowed in _LIST_CHOICES.items():
            unknown = [v for v in self.get(key) if v not in allowed]
            if unknown:
                found.append(
                    (key, f"{key} may hold only {', '.join(allowed)}, not {', '.join(unknown)}.")
                )
        for key in _URL_KEYS:
            if not is_web_url(self.get(key)):
                found.append((key, f"{key} must be an http or https address."))
        for code in self.rates.favourites:
            if not _is_currency_code(code):
                found.append(
                    ("rates.favourites", f"rates.favourites holds {code!r}, not a currency code.")
                )
        if not _is_currency_code(self.rates.base):
            found.append(
                (
                    "rates.base",
                    f"rates.base must be a currency code such as USD, not {self.rates.base!r}.",
                )
            )
        if self.network.proxy == "manual" and not is_web_url(self.network.proxy_url):
            found.append(
                (
                    "network.proxy_url",
                    "network.proxy_url must be an http or https address such as "
                    "http://proxy.example:3128 when network.proxy is manual.",
                )
            )
        return found

    def get(self, key: str) -> Any:
        """The value of a dotted key such as ``network.read_timeout``."""
        section, name = _split(key)
        return getattr(getattr(self, section), name)

    def with_value(self, key: str, value: Any, *, validate: bool = True) -> Settings:
        """A copy with one setting changed; strings are converted to the setting's type.

        With ``validate=False`` only the type is checked (for setting related keys one by one,
        then calling :meth:`validate` once).
        """
        section, name = _split(key)
        part = getattr(self, section)
        converted = _convert(key, _field_types(type(part))[name], value)
        new = dataclasses.replace(self, **{section: dataclasses.replace(part, **{name: converted})})
        if validate:
            new.validate()
        return new

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with the schema version."""
        data: dict[str, Any] = {"version": SCHEMA_VERSION}
        for section in dataclasses.fields(self):
            part = getattr(self, section.name)
            data[section.name] = {
                f.name: list(v) if isinstance(v := getattr(part, f.name), tuple) else v
                for f in dataclasses.fields(part)
            }
        return data

    @classmethod
    def dotted_keys(cls) -> list[str]:
        """Every dotted key, in declaration order."""
        result = []
        for section in dataclasses.fields(cls):
            part_type = _field_types(cls)[section.name]
            result += [f"{section.name}.{f.name}" for f in dataclasses.fields(part_type)]
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple[Settings, list[str]]:
        """Build settings from JSON data; a bad value falls back to its default, with a warning."""
        settings = cls()
        warnings: list[str] = []
        for key in cls.dotted_keys():
            section, name = _split(key)
            part = data.get(section)
            if not isinstance(part, dict) or name not in part:
                continue
            try:
                settings = settings.with_value(key, part[name], validate=False)
            except SettingsError as exc:
                warnings.append(f"{exc} The default is used.")
        # Values are checked together, so that related keys (a manual proxy and its address)
        # may arrive in any order; each bad one falls back to its default.
        defaults = cls()
        for _ in range(len(cls.dotted_keys())):
            problems = settings.problems()
            if not problems:
                break
            key, message = problems[0]
            warnings.append(f"{message} The default is used.")
            settings = settings.with_value(key, defaults.get(key), validate=False)
            if key == "network.proxy_url":
                settings = settings.with_value(
                    "network.proxy", defaults.network.proxy, validate=False
                )
        return settings, warnings


_RANGES: dict[str, tuple[float, float]] = {
    "network.connect_timeout": (0.1, 300),
    "network.read_timeout": (0.1, 300),
    "network.feed_deadline": (0.5, 3600),
    "network.max_feed_bytes": (10_000, 1_000_000_000),
    "network.max_redirects": (0, 20),
    "network.max_connections": (1, 64),
    "network.max_per_host": (1, 16),
    "refresh.interval_minutes": (MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES),
    "refresh.retention_days": (0, 36_500),
    "refresh.max_entries_per_feed": (1, 100_000),
    "refresh.parse_processes": (0, 64),
    "appearance.font_scale": (0.5, 3.0),
    "appearance.page_size": (10, 1000),
    "rates.deadline": (0.5, 300),
    "rates.max_bytes": (10_000, 50_000_000),
    "rates.interval_minutes": (15, 7 * 24 * 60),
    "rates.digits": (-1, 8),
}
_RATE_PROVIDERS = ("ecb", "cbr", "frankfurter", "open_er_api")
_LIST_CHOICES: dict[str, tuple[str, ...]] = {
    "rates.providers": _RATE_PROVIDERS,
    "rates.fallbacks": _RATE_PROVIDERS,
}
_URL_KEYS = (
    "rates.ecb_url",
    "rates.ecb_history_url",
    "rates.cbr_url",
    "rates.frankfurter_url",
    "rates.open_er_api_url",
)
_CHOICES: dict[str, tuple[str, ...]] = {
    "appearance.theme": ("system", "light", "dark"),
    "appearance.language": ("auto", "en", "ru"),
    "appearance.density": ("comfortable", "compact"),
    "network.proxy": ("system", "none", "manual"),
}


def int_range(key: str) -> tuple[int, int]:
    """The lowest and highest value a whole-number setting may take (for spin boxes)."""
    low, high = _RANGES[key]
    return int(low), int(high)


def _is_currency_code(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isupper() and code.isalpha()


def _split(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    if key not in Settings.dotted_keys():
        raise SettingsError(f"There is no setting called {key!r}.")
    return section, name


def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(key: str, kind: Any, value: Any) -> Any:
    """Convert ``value`` (from JSON or a command line) to the type ``kind``."""
    origin = typing.get_origin(kind)
    if origin is tuple:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{key} must be a list of words.")
        return tuple(value)
    if isinstance(kind, types.UnionType):  # not used yet; kept strict
        raise SettingsError(f"{key} has a type this version cannot set.")
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {
            "true",
            "yes",
            "on",
            "1",
            "false",
            "no",
            "off",
            "0",
        }:
            return value.lower() in {"true", "yes", "on", "1"}
        raise SettingsError(f"{key} must be true or false.")
    if kind is int:
        if isinstance(value, bool):
            raise SettingsError(f"{key} must be a whole number.")
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise SettingsError(f"{key} must be a whole number.")
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                raise SettingsError(f"{key} must be a number.") from None
        else:
            raise SettingsError(f"{key} must be a number.")
        if number != number or number in (float("inf"), float("-inf")):
            raise SettingsError(f"{key} must be a finite number.")
        return number
    if kind is str:
        if isinstance(value, str):
            return value
        raise SettingsError(f"{key} must be text.")
    raise SettingsError(f"{key} has a type this version cannot set.")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Settings as loaded, and what the user should be told about the file."""

    settings: Settings
    warnings: tuple[str, ...] = ()
    moved_aside: Path | None = None


def load(path: Path) -> LoadResult:
    """Read the settings file; a missing file gives defaults, a corrupt one is moved aside."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings())
    except OSError as exc:
        return LoadResult(Settings(), (f"Cannot read {path}: {exc.strerror}. Defaults are used.",))
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
        if not isinstance(data, dict):
            raise ValueError("the top level is not an object")
        version = data.get("version", SCHEMA_VERSION)
        if not isinstance(version, int) or version < 1:
            raise ValueError("the version field is not a positive number")
    except (UnicodeDecodeError, ValueError) as exc:
        aside = _move_aside(path)
        where = f" It was moved to {aside.name}." if aside else ""
        message = f"The settings file {path} is damaged ({exc}); defaults are used.{where}"
        log.warning(message)
        return LoadResult(Settings(), (message,), aside)
    data = _migrate(data, version)
    settings, warnings = Settings.from_dict(data)
    return LoadResult(settings, tuple(warnings))


def save(settings: Settings, path: Path) -> None:
    """Write atomically: a temp file in the same folder, fsync, then rename over the old one."""
    settings.validate()
    payload = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    atomic_write(path, payload)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a valid value")


def _move_aside(path: Path) -> Path | None:
    target = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def _migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring older settings files forward. Version 1 is the first; nothing to do yet."""
    return data
