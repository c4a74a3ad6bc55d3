"""The "Topics" filter: "All" is checked exactly when no topic is chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from newsdesk.core.topics import Taxonomy, load_taxonomy
from newsdesk.ui.widgets.topic_filter import TopicFilter


@pytest.fixture
def taxonomy() -> Taxonomy:
    return load_taxonomy(None)


@pytest.fixture
def topics(qtbot, taxonomy) -> TopicFilter:
    widget = TopicFilter(taxonomy, language="en")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_starts_with_all_and_one_box_per_topic(topics, taxonomy):
    assert topics.all_checkbox().isChecked()
    assert topics.selected() == frozenset()
    assert [topics.checkbox(c).text() for c in taxonomy.codes()][:2] == ["Politics", "World"]
    assert not any(topics.checkbox(c).isChecked() for c in taxonomy.codes())
    assert topics.accessibleName() == "Topics"
    assert topics.checkbox("sport").accessibleName() == "Sport"
    assert topics.all_checkbox().accessibleName() == "All topics"
    assert all(topics.checkbox(c).focusPolicy() & Qt.FocusPolicy.TabFocus for c in taxonomy.codes())


def test_names_follow_the_ui_language(qtbot, taxonomy):
    widget = TopicFilter(taxonomy, language="ru")
    qtbot.addWidget(widget)
    assert widget.checkbox("politics").text() == "Политика"
    widget.set_language("en")
    assert widget.checkbox("politics").text() == "Politics"


def test_choosing_topics_unchecks_all_and_emits_the_choice(qtbot, topics):
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.checkbox("politics").click()
    assert blocker.args == [frozenset({"politics"})]
    assert not topics.all_checkbox().isChecked()
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.checkbox("sport").click()
    assert blocker.args == [frozenset({"politics", "sport"})]
    assert topics.selected() == frozenset({"politics", "sport"})


def test_all_clears_the_choice(qtbot, topics):
    topics.checkbox("politics").click()
    topics.checkbox("world").click()
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.all_checkbox().click()
    assert blocker.args == [frozenset()]
    assert topics.all_checkbox().isChecked()
    assert not topics.checkbox("politics").isChecked()
    assert not topics.checkbox("world").isChecked()


def test_all_cannot_be_unchecked_into_nothing(qtbot, topics):
    with qtbot.assertNotEmitted(topics.topics_changed):
        topics.all_checkbox().click()
    assert topics.all_checkbox().isChecked()
    assert topics.selected() == frozenset()


def test_unchecking_the_last_topic_goes_back_to_all(qtbot, topics):
    topics.checkbox("health").click()
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.checkbox("health").click()
    assert blocker.args == [frozenset()]
    assert topics.all_checkbox().isChecked()


def test_keyboard_space_toggles_a_topic(qtbot, topics):
    box = topics.checkbox("science")
    box.setFocus()
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert blocker.args == [frozenset({"science"})]
    assert box.isChecked()


def test_set_selected_checks_boxes_and_drops_unknown_codes(qtbot, topics):
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.set_selected({"world", "economy", "no-such-topic"})
    assert blocker.args == [frozenset({"world", "economy"})]
    assert topics.checkbox("world").isChecked() and topics.checkbox("economy").isChecked()
    assert not topics.all_checkbox().isChecked()
    with qtbot.assertNotEmitted(topics.topics_changed):
        topics.set_selected(["economy", "world"])
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.set_selected(())
    assert blocker.args == [frozenset()]
    assert topics.all_checkbox().isChecked()


def test_counts_are_shown_next_to_the_names(topics):
    topics.set_counts({"politics": 12})
    assert topics.checkbox("politics").text() == "Politics (12)"
    assert topics.checkbox("politics").accessibleName() == "Politics"
    assert topics.checkbox("world").text() == "World"
    topics.set_counts({})
    assert topics.checkbox("politics").text() == "Politics"


def test_topic_names_are_plain_text(qtbot):
    from newsdesk.core.model import Topic

    hostile = Taxonomy([Topic("x", {"en": "<b>x</b><img src=file:///x>"})])
    widget = TopicFilter(hostile, language="en")
    qtbot.addWidget(widget)
    assert widget.checkbox("x").text() == "<b>x</b><img src=file:///x>"  # QCheckBox: plain
