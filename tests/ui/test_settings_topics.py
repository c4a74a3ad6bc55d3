"""The Topics page of the Settings dialog: turn off, rename, add, and refuse bad rules.

The profile's taxonomy file is read back with ``load_taxonomy`` to prove what was saved.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from newsdesk.core.profile import Profile
from newsdesk.core.topics import Taxonomy, load_taxonomy
from newsdesk.ui.dialogs.settings import SettingsDialog
from tests.ui.conftest import open_settings

Ok = QDialogButtonBox.StandardButton.Ok
Cancel = QDialogButtonBox.StandardButton.Cancel


@pytest.fixture
def dialog(qtbot: QtBot, opened: Profile) -> SettingsDialog:
    d = open_settings(qtbot, opened)
    d.show_page(d.topics_page)
    return d


def _press(qtbot: QtBot, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _saved(p: Profile) -> Taxonomy:
    taxonomy = load_taxonomy(p.paths.topics_file)
    assert taxonomy.warning is None
    return taxonomy


def test_the_page_lists_the_topics_with_their_state(
    dialog: SettingsDialog, opened: Profile
) -> None:
    page = dialog.topics_page
    topics = opened.taxonomy.topics
    assert page.list.count() == len(topics)
    assert [page.list.item(i).text() for i in range(page.list.count())] == [
        t.name("en") for t in topics
    ]
    assert all(page.list.item(i).checkState() == Qt.CheckState.Checked for i in range(len(topics)))
    page.list.setCurrentRow(1)
    assert page.name_en.text() == topics[1].names["en"]
    assert page.name_ru.text() == topics[1].names["ru"]
    assert page.keywords.toPlainText().splitlines() == list(topics[1].keywords)
    assert page.categories.toPlainText().splitlines() == list(topics[1].categories)


def test_a_topic_is_turned_off_and_renamed(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    page = dialog.topics_page
    code = opened.taxonomy.topics[2].code
    page.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    page.list.setCurrentRow(2)
    page.name_en.selectAll()
    qtbot.keyClicks(page.name_en, "Money")
    page.name_ru.setText("Деньги")  # setText: typing non-ASCII through QTest aborts Qt
    assert page.list.item(2).text() == "Money"
    page.list.setCurrentRow(0)  # the edits stay when another topic is shown
    with qtbot.waitSignal(dialog.topics_changed, timeout=5000) as changed:
        _press(qtbot, dialog, Ok)
    saved = _saved(opened)
    topic = saved.get(code)
    assert topic is not None
    assert topic.enabled is False
    assert topic.names == {"en": "Money", "ru": "Деньги"}
    assert isinstance(changed.args[0], Taxonomy)
    assert changed.args[0].get(code).names["en"] == "Money"
    assert opened.taxonomy is changed.args[0]


def test_a_topic_is_added_with_a_code_from_its_name(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    page = dialog.topics_page
    count = page.list.count()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.list.count() == count + 1
    assert page.list.currentRow() == count
    assert page.name_en.text() == "New topic"
    assert page.name_en.hasFocus() or dialog.focusWidget() is page.name_en
    page.name_en.setText("Space")
    page.name_ru.setText("Космос")
    page.keywords.setPlainText("rocket\nastronaut$\n\nорбит*")
    page.categories.setPlainText("space\nspaceflight")
    _press(qtbot, dialog, Ok)
    saved = _saved(opened)
    topic = saved.topics[-1]
    assert topic.code == "space"
    assert topic.names == {"en": "Space", "ru": "Космос"}
    assert topic.keywords == ("rocket", "astronaut$", "орбит*")
    assert topic.categories == ("space", "spaceflight")
    assert saved.classify("Rocket lands", "") == ("space",)


@pytest.mark.parametrize(
    ("keywords", "line"),
    [("war\n$peace", 2), ("one\ntwo\n\nwar*$", 4), ("*", 1)],
)
def test_an_invalid_keyword_is_named_by_its_line(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile, keywords: str, line: int
) -> None:
    page = dialog.topics_page
    page.list.setCurrentRow(3)
    page.keywords.setPlainText(keywords)
    page.list.setCurrentRow(0)  # the bad topic is not the one shown
    dialog.show_page(dialog.updates_page)
    with qtbot.assertNotEmitted(dialog.topics_changed):
        _press(qtbot, dialog, Ok)
    assert dialog.isVisible()
    assert dialog.current_page() is page
    assert page.list.currentRow() == 3
    message = page.error_text(page.keywords)
    assert message.startswith(f"Line {line}: ")
    assert dialog.focusWidget() is page.keywords
    assert not opened.paths.topics_file.exists()


def test_a_topic_needs_a_name(qtbot: QtBot, dialog: SettingsDialog, opened: Profile) -> None:
    page = dialog.topics_page
    page.name_en.setText("")
    page.name_ru.setText(" ")
    _press(qtbot, dialog, Ok)
    assert page.error_text(page.name_en) == "Give the topic a name."
    assert not opened.paths.topics_file.exists()


def test_cancel_discards_topic_edits(qtbot: QtBot, dialog: SettingsDialog, opened: Profile) -> None:
    page = dialog.topics_page
    page.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(dialog.topics_changed):
        _press(qtbot, dialog, Cancel)
    assert not opened.paths.topics_file.exists()
    assert all(t.enabled for t in opened.taxonomy.topics)


def test_unchanged_topics_are_not_written(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    dialog.topics_page.list.setCurrentRow(4)  # looking is not editing
    with qtbot.assertNotEmitted(dialog.topics_changed):
        _press(qtbot, dialog, Ok)
    assert not opened.paths.topics_file.exists()


def test_a_removed_topic_is_gone_and_the_last_one_stays(
    qtbot: QtBot, dialog: SettingsDialog, opened: Profile
) -> None:
    page = dialog.topics_page
    first = opened.taxonomy.topics[0].code
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.list.count() == len(opened.taxonomy.topics) - 1
    while page.list.count() > 1:
        page.remove_button.click()
    assert not page.remove_button.isEnabled()
    _press(qtbot, dialog, Ok)
    saved = _saved(opened)
    assert len(saved.topics) == 1
    assert saved.get(first) is None


def test_feeds_offer_the_topics_as_edited(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.topics_page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.name_en.setText("Space")
    dialog.show_page(dialog.feeds_page)
    editor = dialog.feeds_page.add_feed()
    names = [editor.topic.itemText(i) for i in range(editor.topic.count())]
    assert names[-1] == "Space"
    editor.reject()
