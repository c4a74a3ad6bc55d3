"""A profile's first start: whether it is one, and the welcome page the article pane shows.

A first run is a profile with no articles that was never welcomed (the ``welcomed`` mark in the
database). The welcome says what the app does, which keys refresh and open the settings, and
where the settings are kept; when the first pass reached no server, it says that too.

The page is safe HTML: each translation is escaped first, then our markup and escaped values go
into its ``{placeholders}``. Its texts keep the ``MainWindow`` translation context they had
before they moved here.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from newsdesk.core.storage import Storage

#: The database mark set once the first-run welcome has been shown.
WELCOMED_KEY = "welcomed"
#: The settings shortcut the welcome names; the Settings action has it on every platform.
SETTINGS_KEYS = "Ctrl+,"


def is_first_run(storage: Storage) -> bool:
    """Whether the profile has no articles and was never welcomed."""
    return storage.article_count() == 0 and storage.get_meta(WELCOMED_KEY) is None


def mark_welcomed(storage: Storage) -> None:
    """Remember that the welcome was shown (the next start is not a first run)."""
    storage.set_meta(WELCOMED_KEY, "1")


def welcome_html(
    *, refresh_keys: str, refreshing: bool, folder: Path, offline_note: str | None
) -> str:
    """The welcome page.

    Args:
        refresh_keys: The Refresh action's shortcut as the platform writes it ("F5").
        refreshing: Whether the first update starts by itself (``refresh.on_start``).
        folder: Where the settings are kept.
        offline_note: What to say because no server answered, or ``None``.
    """
    title = QCoreApplication.translate("MainWindow", "Welcome to Newsdesk")
    about = QCoreApplication.translate(
        "MainWindow",
        "Newsdesk gathers the news from the sources you follow, shows the same story as "
        "other media tell it, and converts currencies at the central banks' reference rates.",
    )
    started = QCoreApplication.translate("MainWindow", "The first update has started.")
    keys = QCoreApplication.translate(
        "MainWindow",
        "Press {refresh} to update at any time, and {settings} to open the settings: "
        "sources, topics, theme.",
    )
    saved = QCoreApplication.translate("MainWindow", "Your settings are saved in {folder}.")
    settings_keys = QKeySequence(SETTINGS_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
    howto = _text(keys).format(
        refresh=f"<b>{_text(refresh_keys)}</b>", settings=f"<b>{_text(settings_keys)}</b>"
    )
    if refreshing:
        howto = f"{_text(started)} {howto}"
    code = f"<code>{_text(str(folder))}</code>"
    parts = [
        f"<h1>{_text(title)}</h1>",
        f"<p>{_text(about)}</p>",
        f"<p>{howto}</p>",
        f'<p class="note">{_text(saved).format(folder=code)}</p>',
    ]
    if offline_note is not None:
        parts.append(f"<p><b>{_text(offline_note)}</b></p>")
    return "\n".join(parts)


def _text(value: str) -> str:
    return html.escape(value, quote=False)
