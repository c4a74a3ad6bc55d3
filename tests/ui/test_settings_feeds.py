"""The Feeds page of the Settings dialog and its Add/Edit dialog: a real profile, real OPML
files, and the feed editor's Test button against the loopback feed server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from newsdesk.core import opml
from newsdesk.core.model import PARTNER_GROUP
from newsdesk.core.profile import Profile
from newsdesk.ui.dialogs.settings import SettingsDialog
from newsdesk.ui.dialogs.settings.feed_editor import FeedEditor
from newsdesk.ui.dialogs.settings.feed_table import FeedTableModel
from tests.conftest import NOWHERE
from tests.helpers.feedserver import FeedServer, Reply, Seen
from tests.ui.conftest import open_settings

Ok = QDialogButtonBox.StandardButton.Ok
Cancel = QDialogButtonBox.StandardButton.Cancel
GUARDIAN = "/feeds/real/guardian-us-rss2.xml"


@pytest.fixture
def dialog(qtbot: QtBot, opened: Profile) -> SettingsDialog:
    d = open_settings(qtbot, opened)
    return d


def _press(qtbot: QtBot, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    button = box.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _urls(p: Profile) -> list[str]:
    return [feed.url for feed in p.storage.feeds()]


def _select(dialog: SettingsDialog, url: str) -> int:
    page = dialog.feeds_page
    row = next(i for i, r in enumerate(page.model.rows()) if r.values.url == url)
    page.table.selectRow(row)
    return row


def _test(qtbot: QtBot, editor: FeedEditor, address: str) -> None:
    editor.address.setText(address)
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    assert editor.is_testing()
    assert not editor.test_button.isEnabled()
    assert editor.busy.isVisible()
    qtbot.waitUntil(lambda: not editor.is_testing(), timeout=10_000)
    assert editor.test_button.isEnabled()
    assert not editor.busy.isVisible()


# -- the list --------------------------------------------------------------------------------


def test_the_list_shows_the_subscriptions(
    dialog: SettingsDialog, opened: Profile, qtmodeltester
) -> None:
    model = dialog.feeds_page.model
    qtmodeltester.check(model)
    feeds = opened.storage.feeds()
    assert model.rowCount() == len(feeds) > 0
    first = model.index(0, FeedTableModel.TITLE)
    assert first.data() == feeds[0].title
    assert model.index(0, FeedTableModel.ADDRESS).data() == feeds[0].url
    assert model.index(0, FeedTableModel.ENABLED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert model.index(0, FeedTableModel.INTERVAL).data() == "Default"
    partner = next(i for i, f in enumerate(feeds) if f.group == PARTNER_GROUP)
    assert model.index(partner, FeedTableModel.GROUP).data() == "Partner news"
    assert not dialog.feeds_page.edit_button.isEnabled()  # nothing selected yet
    _select(dialog, feeds[0].url)
    assert dialog.feeds_page.edit_button.isEnabled()


# -- Test ------------------------------------------------------------------------------------


def test_test_shows_the_title_and_the_count(
    qtbot: QtBot, dialog: SettingsDialog, feed_server: FeedServer
) -> None:
    editor = dialog.feeds_page.add_feed()
    qtbot.waitExposed(editor)
    _test(qtbot, editor, feed_server.url(GUARDIAN))
    assert editor.test_result.text() == "The Guardian — 55 item(s)"
    assert editor.address_error.text() == ""
    assert editor.title.placeholderText() == "The Guardian"
    assert feed_server.hits(GUARDIAN)


def test_test_names_the_error_next_to_the_address(qtbot: QtBot, dialog: SettingsDialog) -> None:
    editor = dialog.feeds_page.add_feed()
    _test(qtbot, editor, NOWHERE + "feed.xml")
    assert editor.address_error.isVisible()
    assert "127.0.0.1" in editor.address_error.text()
    assert not editor.test_result.isVisible()


def test_a_site_page_is_saved_as_the_feed_it_announces(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, feed_server
) -> None:
    feed = feed_server.url(GUARDIAN)
    page = (
        f'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" '
        f'href="{feed}"><title>Site</title></head><body>Hello</body></html>'
    ).encode()

    def site(seen: Seen) -> Reply:
        return Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})

    address = feed_server.route("/site", site)
    editor = dialog.feeds_page.add_feed()
    _test(qtbot, editor, address)
    assert editor.test_result.text() == f"The Guardian — 55 item(s)\nFeed found at {feed}"
    _press(qtbot, editor.buttons, Ok)
    assert not editor.isVisible()
    assert dialog.feeds_page.model.rows()[-1].values.url == feed
    with qtbot.waitSignal(dialog.subscriptions_changed, timeout=5000):
        _press(qtbot, dialog.buttons, Ok)
    assert feed in _urls(opened)
    assert address not in _urls(opened)


def test_closing_the_editor_stops_a_running_test(
    qtbot: QtBot, dialog: SettingsDialog, feed_server
) -> None:
    editor = dialog.feeds_page.add_feed()
    editor.address.setText(feed_server.url("/drip"))
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(feed_server.hits("/drip")), timeout=10_000)
    thread = editor.probe_thread()
    assert thread is not None and thread.isRunning()
    _press(qtbot, editor.buttons, Cancel)
    assert not thread.isRunning()
    assert editor.probe_thread() is None


# -- adding, editing, removing ---------------------------------------------------------------


def test_an_added_feed_is_saved_by_ok_with_its_fields(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, feed_server
) -> None:
    before = _urls(opened)
    editor = dialog.feeds_page.add_feed()
    url = feed_server.url(GUARDIAN)
    editor.address.setText(url)
    editor.title.setText("Guardian US")
    editor.group.setCurrentIndex(editor.group.findData(PARTNER_GROUP))
    editor.topic.setCurrentIndex(editor.topic.findData("politics"))
    editor.enabled.setChecked(False)
    editor.interval.setValue(15)
    _press(qtbot, editor.buttons, Ok)
    model = dialog.feeds_page.model
    last = model.rowCount() - 1
    assert model.index(last, FeedTableModel.TOPIC).data() == "Politics"
    assert model.index(last, FeedTableModel.INTERVAL).data() == "15 min"
    assert model.index(last, 0).data(Qt.ItemDataRole.FontRole).italic()  # not saved yet
    assert _urls(opened) == before
    with qtbot.waitSignal(dialog.subscriptions_changed, timeout=5000):
        _press(qtbot, dialog.buttons, Ok)
    added = next(f for f in opened.storage.feeds() if f.url == url)
    assert (added.title, added.group, added.topic) == ("Guardian US", PARTNER_GROUP, "politics")
    assert added.enabled is False
    assert added.interval_minutes == 15


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Enter the address of a feed or a website."),
        ("javascript:alert(1)", "is not a web address"),
        ("file:///etc/passwd", "is not a web address"),
        ("http://", "is not a web address"),
    ],
)
def test_an_unsafe_address_is_refused(
    qtbot: QtBot, dialog: SettingsDialog, address: str, message: str
) -> None:
    rows = dialog.feeds_page.model.rowCount()
    editor = dialog.feeds_page.add_feed()
    editor.address.setText(address)
    _press(qtbot, editor.buttons, Ok)
    assert editor.isVisible()
    assert message in editor.address_error.text()
    assert editor.address_error.isVisible()
    assert dialog.feeds_page.model.rowCount() == rows


def test_a_duplicate_is_refused(qtbot: QtBot, dialog: SettingsDialog, opened: Profile) -> None:
    existing = _urls(opened)[0]
    editor = dialog.feeds_page.add_feed()
    editor.address.setText(existing)
    _press(qtbot, editor.buttons, Ok)
    assert editor.isVisible()
    assert editor.address_error.text() == f"You are already subscribed to {existing}."
    _press(qtbot, editor.buttons, Cancel)
    assert dialog.feeds_page.model.rowCount() == len(_urls(opened))


def test_an_interval_under_five_minutes_is_refused(qtbot: QtBot, dialog: SettingsDialog) -> None:
    editor = dialog.feeds_page.add_feed()
    assert editor.interval.text() == "Default (30 min)"
    editor.address.setText("https://127.0.0.1/feed.xml")
    editor.interval.setValue(3)
    _press(qtbot, editor.buttons, Ok)
    assert editor.isVisible()
    assert editor.interval_error.text() == "Choose at least 5 minutes, or the default."
    assert editor.address_error.text() == ""


def test_editing_keeps_the_address_and_writes_only_on_ok(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    feed = opened.storage.feeds()[1]
    _select(dialog, feed.url)
    dialog.feeds_page.table.setFocus()
    qtbot.keyClick(dialog.feeds_page.table, Qt.Key.Key_Return)  # Enter edits the row
    editor = dialog.feeds_page.editor
    assert editor is not None and editor.isVisible()
    assert editor.windowTitle() == "Edit feed"
    assert editor.address.text() == feed.url
    editor.title.setText("Renamed")
    editor.interval.setValue(120)
    _press(qtbot, editor.buttons, Ok)  # its own address is no duplicate
    assert not editor.isVisible()
    assert opened.storage.feeds()[1].title == feed.title
    _press(qtbot, dialog.buttons, Ok)
    edited = next(f for f in opened.storage.feeds() if f.id == feed.id)
    assert (edited.url, edited.title, edited.interval_minutes) == (feed.url, "Renamed", 120)


def test_unticking_enabled_in_the_list_disables_the_feed(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    feed = opened.storage.feeds()[0]
    model = dialog.feeds_page.model
    assert model.setData(
        model.index(0, FeedTableModel.ENABLED),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    _press(qtbot, dialog.buttons, Ok)
    assert next(f for f in opened.storage.feeds() if f.id == feed.id).enabled is False


def test_remove_then_cancel_keeps_the_feed(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    before = _urls(opened)
    _select(dialog, before[0])
    qtbot.mouseClick(dialog.feeds_page.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.feeds_page.model.rowCount() == len(before) - 1
    with qtbot.assertNotEmitted(dialog.subscriptions_changed):
        _press(qtbot, dialog.buttons, Cancel)
    assert _urls(opened) == before


def test_remove_with_the_delete_key_then_ok(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    before = _urls(opened)
    _select(dialog, before[2])
    dialog.feeds_page.table.setFocus()
    qtbot.keyClick(dialog.feeds_page.table, Qt.Key.Key_Delete)
    with qtbot.waitSignal(dialog.subscriptions_changed, timeout=5000):
        _press(qtbot, dialog.buttons, Ok)
    assert _urls(opened) == before[:2] + before[3:]


# -- OPML ------------------------------------------------------------------------------------


def test_importing_opml_adds_its_feeds_on_ok(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, fixtures_dir: Path
) -> None:
    path = fixtures_dir / "feeds" / "opml" / "rssguard-export-nested.opml"
    document = opml.parse_opml(path.read_bytes())
    before = _urls(opened)
    new = [f.url for f in document.feeds if f.url not in before]
    already = len(document.feeds) - len(new)
    message = dialog.feeds_page.import_opml_file(path)
    assert message.startswith(f"Added {len(new)} feed(s), {already} already there, ")
    assert f"{len(document.skipped)} skipped" in message
    assert dialog.feeds_page.status.text() == message
    assert _urls(opened) == before  # queued until OK
    with qtbot.waitSignal(dialog.subscriptions_changed, timeout=5000):
        _press(qtbot, dialog.buttons, Ok)
    assert set(_urls(opened)) == set(before) | set(new)


def test_an_imported_feed_can_be_edited_or_dropped_before_ok(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, fixtures_dir: Path
) -> None:
    path = fixtures_dir / "feeds" / "opml" / "antennapod-podcasts.opml"
    page = dialog.feeds_page
    start = page.model.rowCount()
    page.import_opml_file(path)
    imported = [r.values.url for r in page.model.rows()[start:]]
    assert len(imported) >= 2
    _select(dialog, imported[0])
    page.remove_selected()
    _select(dialog, imported[1])
    editor = page.edit_selected()
    assert editor is not None
    editor.title.setText("Mine")
    _press(qtbot, editor.buttons, Ok)
    _press(qtbot, dialog.buttons, Ok)
    stored = {f.url: f for f in opened.storage.feeds()}
    assert imported[0] not in stored
    assert stored[imported[1]].title == "Mine"
    assert all(url in stored for url in imported[2:])


def test_cancel_drops_an_import(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, fixtures_dir: Path
) -> None:
    before = _urls(opened)
    dialog.feeds_page.import_opml_file(fixtures_dir / "feeds" / "opml" / "netnewswire-subs.opml")
    _press(qtbot, dialog.buttons, Cancel)
    assert _urls(opened) == before


def test_an_unreadable_import_is_named(dialog: SettingsDialog, tmp_path: Path) -> None:
    page = dialog.feeds_page
    rows = page.model.rowCount()
    missing = page.import_opml_file(tmp_path / "missing.opml")
    assert missing.startswith("missing.opml cannot be read")
    big = tmp_path / "big.opml"
    big.write_bytes(b" " * 10_000_001)
    assert "larger than 10 MB" in page.import_opml_file(big)
    assert page.page_error.text() == "big.opml is larger than 10 MB; it is not a subscription list."
    not_opml = tmp_path / "feed.opml"
    not_opml.write_bytes(b"\x00\x01 nothing here")
    assert page.import_opml_file(not_opml).startswith("feed.opml is not an OPML file")
    assert page.model.rowCount() == rows


def test_export_writes_the_list_as_opml(
    dialog: SettingsDialog, opened: Profile, tmp_path: Path
) -> None:
    target = tmp_path / "out.opml"
    message = dialog.feeds_page.export_opml_file(target)
    feeds = opened.storage.feeds()
    assert message == f"Exported {len(feeds)} feed(s) to out.opml."
    document = opml.parse_opml(target.read_bytes())
    assert [f.url for f in document.feeds] == [f.url for f in feeds]
    assert {f.group for f in document.feeds} == {f.group for f in feeds}
