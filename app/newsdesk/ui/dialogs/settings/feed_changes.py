"""Writing the Feeds page's queued changes to the profile, in an order that keeps them apart.

The order matters: removals first (a removed feed's address may come back in an import), then
edits of stored feeds, then feeds added by hand, then the queued OPML imports (which skip what
is already there), and last the edits and removals the user made to imported rows before
saving. Those are found by address among the feeds the imports created, and only there, so an
imported row the user dropped never takes a stored feed with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.core.profile import Profile
from newsdesk.core.storage import UNCHANGED
from newsdesk.ui.dialogs.settings.feed_table import FeedRow, FeedValues


@dataclass(slots=True)
class FeedChanges:
    """What the rows themselves cannot tell: what was removed, and the files imported."""

    removed_ids: list[int] = field(default_factory=list)  # stored feeds
    removed_imports: set[str] = field(default_factory=set)  # import_url of dropped rows
    imports: list[bytes] = field(default_factory=list)  # OPML documents, in order

    def clear(self) -> None:
        """Forget everything (after saving, or on reload)."""
        self.removed_ids.clear()
        self.removed_imports.clear()
        self.imports.clear()

    def forget(self, row: FeedRow) -> None:
        """Note that the user removed ``row``."""
        if row.feed is not None:
            self.removed_ids.append(row.feed.id)
        elif row.import_url is not None:
            self.removed_imports.add(row.import_url)

    def pending(self, rows: Sequence[FeedRow]) -> bool:
        """Whether writing would change anything."""
        return bool(self.removed_ids or self.imports or any(r.is_pending for r in rows))


def write_changes(profile: Profile, rows: Sequence[FeedRow], changes: FeedChanges) -> None:
    """Save ``rows`` and ``changes`` through ``profile`` (see the module docstring).

    Raises:
        NewsdeskError: a feed could not be saved (another feed took its address meanwhile).
        OSError, ValueError: the database or the subscriptions backup could not be written.
    """
    for feed_id in changes.removed_ids:
        profile.remove_feed(feed_id)
    for row in rows:
        if row.feed is not None and row.original is not None:
            _update(profile, row.feed.id, row.original, row.values)
    for row in rows:
        if row.feed is None and row.import_url is None:
            v = row.values
            feed_id = profile.add_feed(v.url, v.title, v.group, v.topic)
            _update(profile, feed_id, FeedValues(v.url, v.title, v.group, v.topic), v)
    before = {feed.id for feed in profile.storage.feeds()}
    for data in changes.imports:
        profile.import_opml(data)
    imported = {f.url: f.id for f in profile.storage.feeds() if f.id not in before}
    for url in changes.removed_imports:
        if url in imported:
            profile.remove_feed(imported[url])
    for row in rows:
        if row.import_url in imported and row.original is not None:
            _update(profile, imported[row.import_url], row.original, row.values)


def _update(profile: Profile, feed_id: int, old: FeedValues, new: FeedValues) -> None:
    """Write the fields of a subscription that changed from ``old`` to ``new``."""
    changes: dict[str, Any] = {
        name: getattr(new, name)
        for name in ("url", "title", "group", "topic", "enabled")
        if getattr(new, name) != getattr(old, name)
    }
    interval = new.interval_minutes if new.interval_minutes != old.interval_minutes else UNCHANGED
    if changes or interval is not UNCHANGED:
        profile.update_feed(feed_id, interval_minutes=interval, **changes)
