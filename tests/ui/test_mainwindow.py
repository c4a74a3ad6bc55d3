"""The first window: it opens on a profile, shows stored headlines as plain text, and paints."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from newsdesk.core.model import DateNote, ParsedEntry, ParsedFeed
from newsdesk.core.profile import open_profile
from newsdesk.ui.mainwindow import MainWindow


def test_window_lists_headlines_as_plain_text(qtbot, profile):
    with open_profile(profile, seed_defaults=False) as p:
        fid = p.storage.add_feed("https://example.com/rss", "Example")
        title = '<b>Bold</b><img src="file:///dev/zero"> claim'
        p.storage.store_feed(
            fid,
            ParsedFeed(
                "Example",
                None,
                "rss20",
                (
                    ParsedEntry(
                        "g:1",
                        title,
                        "https://example.com/1",
                        "",
                        "",
                        "",
                        "",
                        datetime(2026, 11, 28, 10, tzinfo=UTC),
                        180,
                        DateNote.OK,
                    ),
                ),
            ),
        )
        window = MainWindow(p)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.article_count() == 1
        item = window._list.item(0)
        assert item.data(Qt.ItemDataRole.DisplayRole).startswith(title)
        assert not window.grab().isNull()


def test_empty_profile_says_what_to_do(qtbot, profile):
    with open_profile(profile, seed_defaults=False) as p:
        window = MainWindow(p)
        qtbot.addWidget(window)
        assert window.article_count() == 0
        assert "refresh" in window.statusBar().currentMessage()
