"""Where Newsdesk keeps its files. The only module that knows about ``appdirs``.

A profile folder (``--profile DIR`` or ``NEWSDESK_PROFILE``) replaces every location, for tests,
benchmarks and portable runs. ``appdirs`` is unmaintained upstream; should it ever go, swapping it
for ``platformdirs`` is a change to this file alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import appdirs

from newsdesk import APP_ID
from newsdesk.core.errors import StorageError

PROFILE_ENV = "NEWSDESK_PROFILE"


@dataclass(frozen=True, slots=True)
class Paths:
    """The three folders Newsdesk writes to."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        """The JSON settings file."""
        return self.config_dir / "settings.json"

    @property
    def database_file(self) -> Path:
        """The SQLite database."""
        return self.data_dir / "newsdesk.sqlite3"

    @property
    def topics_file(self) -> Path:
        """The user's own topic taxonomy, if they made one (else the shipped default is used)."""
        return self.config_dir / "topics.json"

    @property
    def subscriptions_backup(self) -> Path:
        """An OPML copy of the subscriptions, kept so a lost database does not lose them."""
        return self.data_dir / "subscriptions-backup.opml"

    def ensure(self) -> None:
        """Create the folders (mode 0700) or raise a :class:`StorageError` saying which failed."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StorageError(f"Cannot create the folder {folder}: {exc.strerror}.") from exc


def resolve(profile: str | os.PathLike[str] | None = None) -> Paths:
    """Return the folders for ``profile``, ``$NEWSDESK_PROFILE`` or the user's appdirs."""
    chosen = profile if profile is not None else os.environ.get(PROFILE_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return Paths(root / "config", root / "data", root / "cache")
    return Paths(
        Path(appdirs.user_config_dir(APP_ID, appauthor=False)),
        Path(appdirs.user_data_dir(APP_ID, appauthor=False)),
        Path(appdirs.user_cache_dir(APP_ID, appauthor=False)),
    )
