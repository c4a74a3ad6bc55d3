"""The "Topics" filter: "All" is checked exactly when no topic is chosen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from newsdesk.core.model import Topic
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
    hostile = Taxonomy([Topic("x", {"en": "<b>x</b><img src=file:///x>"})])
    widget = TopicFilter(hostile, language="en")
    qtbot.addWidget(widget)
    assert widget.checkbox("x").text() == "<b>x</b><img src=file:///x>"  # QCheckBox: plain


# -- edited topics -------------------------------------------------------------------------------


def edited(taxonomy: Taxonomy, **changes: Topic | None) -> Taxonomy:
    """``taxonomy`` with topics replaced (``code=Topic``) or removed (``code=None``), in order."""
    topics = [changes.get(t.code, t) for t in taxonomy.topics]
    known = {t.code for t in taxonomy.topics}
    added = [t for code, t in changes.items() if code not in known]
    return Taxonomy([t for t in [*topics, *added] if t is not None])


def offered(widget: TopicFilter) -> list[str]:
    """The topic boxes a user sees, top to bottom, by code (once the layout has run)."""
    layout = widget.layout()
    assert layout is not None
    layout.activate()
    boxes = [
        b
        for b in widget.findChildren(QCheckBox)
        if b.isVisible() and b is not widget.all_checkbox()
    ]
    return [b.objectName().removeprefix("topic_") for b in sorted(boxes, key=lambda b: b.y())]


def test_only_enabled_topics_are_offered(qtbot, taxonomy):
    off = edited(taxonomy, sport=replace(taxonomy.get("sport"), enabled=False))
    widget = TopicFilter(off, language="en")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert offered(widget) == [c for c in taxonomy.codes() if c != "sport"]
    with pytest.raises(KeyError):
        widget.checkbox("sport")
    with qtbot.assertNotEmitted(widget.topics_changed):
        widget.set_selected({"sport"})  # a turned-off topic cannot be chosen
    assert widget.selected() == frozenset()


def test_new_topics_keep_the_choice_without_a_change_signal(qtbot, topics, taxonomy):
    topics.set_selected({"politics", "health"})
    topics.set_counts({"politics": 4, "sport": 2})
    kept = topics.checkbox("politics")
    new = edited(
        taxonomy,
        politics=Topic("politics", {"en": "Power & Politics", "ru": "Власть"}),
        sport=replace(taxonomy.get("sport"), enabled=False),
        weather=Topic("weather", {"en": "Weather"}),
    )
    with qtbot.assertNotEmitted(topics.topics_changed):
        topics.set_taxonomy(new)
    assert topics.selected() == frozenset({"politics", "health"})
    assert offered(topics) == [c for c in new.codes() if c != "sport"]
    assert topics.checkbox("politics") is kept and kept.isChecked()
    assert kept.text() == "Power && Politics (4)"  # renamed, count kept
    assert topics.checkbox("health").isChecked()
    assert not topics.checkbox("weather").isChecked() and topics.checkbox("weather").isVisible()
    assert topics.checkbox("weather").text() == "Weather"
    assert not topics.all_checkbox().isChecked()
    with pytest.raises(KeyError):
        topics.checkbox("sport")
    # the new box works like the others
    with qtbot.waitSignal(topics.topics_changed) as blocker:
        topics.checkbox("weather").click()
    assert blocker.args == [frozenset({"politics", "health", "weather"})]


def test_losing_chosen_topics_emits_the_change_once(qtbot, topics, taxonomy):
    topics.set_selected({"politics", "sport", "science"})
    seen: list[frozenset[str]] = []
    topics.topics_changed.connect(seen.append)
    topics.set_taxonomy(
        edited(taxonomy, sport=replace(taxonomy.get("sport"), enabled=False), science=None)
    )
    assert seen == [frozenset({"politics"})]
    assert topics.selected() == frozenset({"politics"})
    topics.set_taxonomy(edited(taxonomy, politics=None))
    assert seen == [frozenset({"politics"}), frozenset()]
    assert topics.all_checkbox().isChecked()
    # turned on again, a topic comes back unchosen
    topics.set_taxonomy(taxonomy)
    assert seen == [frozenset({"politics"}), frozenset()]
    assert offered(topics) == list(taxonomy.codes())
    assert not any(topics.checkbox(c).isChecked() for c in taxonomy.codes())


def test_tab_follows_the_new_order(qtbot, topics, taxonomy):
    first, *rest = taxonomy.topics
    new = Taxonomy([*rest, Topic("weather", {"en": "Weather"}), first])
    topics.set_taxonomy(new)
    assert offered(topics) == list(new.codes())
    topics.activateWindow()
    topics.all_checkbox().setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(topics.all_checkbox().hasFocus, timeout=1000)
    order = []
    for _ in new.codes():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName().removeprefix("topic_"))
    assert order == list(new.codes())


def test_a_focused_topic_that_goes_leaves_the_focus_on_all(qtbot, topics, taxonomy):
    box = topics.checkbox("health")
    topics.activateWindow()
    box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(box.hasFocus, timeout=1000)
    topics.set_taxonomy(edited(taxonomy, health=None))
    assert topics.all_checkbox().hasFocus()
