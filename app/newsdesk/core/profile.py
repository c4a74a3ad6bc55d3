"""Open everything a profile holds: settings, database, topics; recover from damage; seed.

Both the command line and the window start here. What the user must be told (a damaged
settings file moved aside, a damaged database replaced) comes back in :attr:`Profile.warnings`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from newsdesk.core import opml
from newsdesk.core import settings as settings_mod
from newsdesk.core.errors import NewsdeskError, OpmlError, StorageError, UnsafeUrlError
from newsdesk.core.links import normalize_feed_url
from newsdesk.core.model import Topic
from newsdesk.core.paths import Paths, resolve
from newsdesk.core.rates import RateService, RateStore
from newsdesk.core.rates.providers import rate_limits
from newsdesk.core.resources import resource_path
from newsdesk.core.settings import Settings
from newsdesk.core.storage import SCHEMA_VERSION, UNCHANGED, Storage, Unchanged
from newsdesk.core.topics import Taxonomy, check_taxonomy, load_taxonomy, taxonomy_to_json

log = logging.getLogger(__name__)

SEEDED_KEY = "subscriptions_initialised"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an OPML import did."""

    added: int
    already: int
    skipped: tuple[opml.Skipped, ...]
    repaired: bool


@dataclass(slots=True)
class Profile:
    """An open profile. Close it when done."""

    paths: Paths
    settings: Settings
    storage: Storage
    taxonomy: Taxonomy
    warnings: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Close the database."""
        self.storage.close()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rate_service(self) -> RateService:
        """The exchange-rate service on this profile's database and settings."""
        network = self.settings.network
        rates = self.settings.rates
        limits = rate_limits(
            rates.deadline,
            rates.max_bytes,
            network.connect_timeout,
            network.read_timeout,
            network.max_redirects,
        )
        return RateService(RateStore(self.storage.connection), rates, limits=limits)

    def save_settings(self, new: Settings) -> None:
        """Validate, write and adopt new settings."""
        settings_mod.save(new, self.paths.settings_file)
        self.settings = new

    def backup_subscriptions(self) -> None:
        """Write the subscriptions as OPML beside the database (used if the database is lost)."""
        try:
            data = opml.export_opml(self.storage.feeds())
            settings_mod.atomic_write(self.paths.subscriptions_backup, data)
        except OSError as exc:
            log.warning("cannot write the subscriptions backup: %s", exc)

    def import_opml(self, data: bytes) -> ImportSummary:
        """Subscribe to every feed of an OPML document (one transaction)."""
        document = opml.parse_opml(data)
        before = self.storage.feed_count()
        added = self.storage.add_feeds(
            (f.url, _own_title(f), f.group, f.topic, f.interval_minutes) for f in document.feeds
        )
        self.storage.set_meta(SEEDED_KEY, "1")
        del before
        self.backup_subscriptions()
        return ImportSummary(
            added, len(document.feeds) - added, document.skipped, document.repaired
        )

    def add_feed(self, url: str, title: str = "", group: str = "", topic: str = "") -> int:
        """Subscribe to one URL (normalised first). Raises if it is unsafe or already there."""
        normalised = normalize_feed_url(url)
        feed_id = self.storage.add_feed(normalised, title, group, topic)
        if feed_id is None:
            raise NewsdeskError(f"You are already subscribed to {normalised}.")
        self.storage.set_meta(SEEDED_KEY, "1")
        self.backup_subscriptions()
        return feed_id

    def update_feed(
        self,
        feed_id: int,
        *,
        url: str | None = None,
        title: str | None = None,
        group: str | None = None,
        topic: str | None = None,
        enabled: bool | None = None,
        interval_minutes: int | None | Literal[Unchanged.UNCHANGED] = UNCHANGED,
    ) -> None:
        """Edit a subscription (see :meth:`Storage.update_feed`), then back the list up.

        A new ``url`` is normalised first, as :meth:`add_feed` does.

        Raises:
            UnsafeUrlError: the new URL is not an http(s) address.
            NewsdeskError: there is no such feed, or another one already has the new URL.
            ValueError: the interval is out of bounds.
        """
        normalised = normalize_feed_url(url) if url is not None else None
        self.storage.update_feed(
            feed_id,
            url=normalised,
            title=title,
            group=group,
            topic=topic,
            enabled=enabled,
            interval_minutes=interval_minutes,
        )
        self.backup_subscriptions()

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe (the feed's articles go too) and back the list up; False if unknown."""
        removed = self.storage.remove_feed(feed_id)
        if removed:
            self.backup_subscriptions()
        return removed

    def save_taxonomy(self, topics: Sequence[Topic]) -> Taxonomy:
        """Check, write (atomically) and adopt topics the user edited; returns the new taxonomy.

        Articles already stored keep their topics; the new rules apply from the next refresh
        (hand the result to the worker's ``apply_taxonomy``).

        Raises:
            ValueError: a topic or keyword is invalid; the message names it.
            OSError: the file cannot be written.
        """
        check_taxonomy(topics)
        taxonomy = Taxonomy(topics)
        data = taxonomy_to_json(taxonomy).encode("utf-8")
        settings_mod.atomic_write(self.paths.topics_file, data)
        self.taxonomy = taxonomy
        return taxonomy


def _own_title(feed: opml.OpmlFeed) -> str:
    """The OPML title, unless it is only the host name stood in for a missing one (then the
    feed's own title is used after its first refresh)."""
    return "" if feed.title == (urlsplit(feed.url).hostname or "") else feed.title


def open_profile(
    profile_dir: str | os.PathLike[str] | None = None, *, seed_defaults: bool = True
) -> Profile:
    """Open the profile (the user's folders when ``profile_dir`` is None).

    Raises:
        NewsdeskError: the folders cannot be created, or the database is from a newer version.
    """
    paths = resolve(profile_dir)
    paths.ensure()
    loaded = settings_mod.load(paths.settings_file)
    warnings = list(loaded.warnings)
    storage = _open_storage(paths, warnings)
    taxonomy = load_taxonomy(paths.topics_file)
    if taxonomy.warning:
        warnings.append(taxonomy.warning)
    profile = Profile(paths, loaded.settings, storage, taxonomy, warnings)
    if seed_defaults and storage.feed_count() == 0 and storage.get_meta(SEEDED_KEY) is None:
        _seed(profile)
    return profile


def _open_storage(paths: Paths, warnings: list[str]) -> Storage:
    db = paths.database_file
    try:
        return Storage(db)
    except StorageError as exc:
        if _is_newer(db):
            raise
        aside = _move_aside(db)
        warnings.append(
            f"The database was damaged ({exc}); it was moved to {aside.name} "
            "and a new one was made."
        )
    storage = Storage(db)
    backup = paths.subscriptions_backup
    if backup.exists():
        try:
            document = opml.parse_opml(backup.read_bytes())
            count = storage.add_feeds(
                (f.url, f.title, f.group, f.topic, f.interval_minutes) for f in document.feeds
            )
            storage.set_meta(SEEDED_KEY, "1")
            warnings.append(f"{count} subscriptions were restored from {backup.name}.")
        except (OSError, OpmlError) as err:
            warnings.append(f"The subscriptions backup could not be read: {err}")
    return storage


def _is_newer(db: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _move_aside(db: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = db.with_name(f"{db.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(db) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    return target


def _seed(profile: Profile) -> None:
    try:
        data = resource_path("default-feeds.opml").read_bytes()
        profile.import_opml(data)
    except (OSError, OpmlError, UnsafeUrlError) as exc:  # a packaging bug, not the user's
        log.error("the default subscriptions could not be loaded: %s", exc)
