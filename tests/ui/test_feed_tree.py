"""The sources sidebar model: groups, unread counts, failed feeds, and reloads that keep the
tree's expansion."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTreeView

from newsdesk.core import feeds
from newsdesk.core.model import ArticleQuery
from newsdesk.core.profile import Profile, open_profile
from newsdesk.ui.models.feed_tree import FeedTreeModel

Role = FeedTreeModel.Role


@pytest.fixture
def opened(profile: Path) -> Iterator[Profile]:
    with open_profile(profile, seed_defaults=False) as p:
        yield p


def subscribe(p: Profile, fixtures_dir: Path, name: str, group: str, title: str = "") -> int:
    url = f"https://example.org/{name}"
    feed_id = p.storage.add_feed(url, title, group)
    assert feed_id is not None
    body = (fixtures_dir / "feeds" / "real" / name).read_bytes()
    parsed = feeds.parse(body, "", url, fetched_at=datetime.now(UTC))
    p.storage.store_feed(
        feed_id, parsed, topics_of=lambda e: p.taxonomy.classify(e.title, e.text, e.categories)
    )
    return feed_id


@pytest.fixture
def subscribed(opened: Profile, fixtures_dir: Path) -> dict[str, int]:
    # Storage lists groups alphabetically; the sidebar puts News and Partner news first.
    return {
        "tech": subscribe(opened, fixtures_dir, "golem-de-rss2-iso8859-1.xml", "Tech"),
        "aif": subscribe(opened, fixtures_dir, "aif-ru-rss2-yandex-fulltext.xml", "Partner news"),
        "tut": subscribe(opened, fixtures_dir, "tut-by-news-rss2.xml", "Partner news"),
        "guardian": subscribe(opened, fixtures_dir, "guardian-us-rss2.xml", "News", "Guardian"),
        "cnn": subscribe(opened, fixtures_dir, "cnn-topstories-feedburner-rss2.xml", "News"),
        "loose": subscribe(opened, fixtures_dir, "hackernews-hnapp-atom.xml", ""),
    }


def top_level(model: FeedTreeModel) -> list[str]:
    return [model.index(r, 0).data(Role.TITLE) for r in range(model.rowCount())]


def test_groups_first_then_loose_feeds_with_unread_counts(qtmodeltester, opened, subscribed):
    model = FeedTreeModel()
    model.reload(opened.storage.feeds())
    qtmodeltester.check(model)
    assert top_level(model) == ["News", "Partner news", "Tech", model.index(3, 0).data(Role.TITLE)]
    loose = model.index(3, 0)
    assert loose.data(Role.FEED_ID) == subscribed["loose"]
    assert model.rowCount(loose) == 0
    assert not model.hasChildren(loose)

    news = model.index(0, 0)
    assert news.data(Role.IS_GROUP) is True
    assert news.data(Role.FEED_ID) is None
    assert news.data(Role.GROUP) == "News"
    assert model.rowCount(news) == 2
    guardian = model.index(0, 0, news)
    assert guardian.parent() == news
    assert guardian.data(Role.FEED_ID) == subscribed["guardian"]
    assert guardian.data(Role.GROUP) == "News"
    assert guardian.data(Role.UNREAD) == 55
    assert guardian.data(Qt.ItemDataRole.DisplayRole) == "Guardian (55)"
    assert guardian.data(Qt.ItemDataRole.FontRole).bold()
    assert guardian.data(Role.STATUS) == "ok"
    cnn_unread = model.index(1, 0, news).data(Role.UNREAD)
    assert news.data(Role.UNREAD) == 55 + cnn_unread
    assert news.data(Qt.ItemDataRole.DisplayRole) == f"News ({55 + cnn_unread})"
    assert model.feed_index(subscribed["tut"]).data(Role.GROUP) == "Partner news"
    assert model.feed_index(subscribed["loose"]) == loose
    assert model.group_index("Tech").row() == 2
    assert not model.feed_index(9999).isValid()
    assert model.index(0, 0, guardian) == QModelIndex()
    assert model.data(news, Qt.ItemDataRole.UserRole + 500) is None


def test_read_articles_change_counts_without_a_reset(qtbot, qtmodeltester, opened, subscribed):
    model = FeedTreeModel()
    model.reload(opened.storage.feeds())
    qtmodeltester.check(model)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    news = model.group_index("News")
    view.expand(news)
    guardian = model.feed_index(subscribed["guardian"])
    view.setCurrentIndex(guardian)

    opened.storage.mark_all_read(ArticleQuery(feed_id=subscribed["guardian"]))
    changed: list[tuple[int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append((top.internalId(), top.row(), bottom.row()))
    )
    with qtbot.assertNotEmitted(model.modelReset):
        model.reload(opened.storage.feeds())
    assert guardian.data(Qt.ItemDataRole.DisplayRole) == "Guardian"
    assert guardian.data(Role.UNREAD) == 0
    assert guardian.data(Qt.ItemDataRole.FontRole) is None
    assert news.data(Role.UNREAD) == model.index(1, 0, news).data(Role.UNREAD)
    assert sorted(changed) == [(0, 0, 0), (news.row() + 1, 0, 0)]  # the group and the feed
    assert view.isExpanded(news)
    assert view.currentIndex() == guardian
    with qtbot.assertNotEmitted(model.dataChanged):
        model.reload(opened.storage.feeds())  # nothing changed


def test_a_new_feed_resets_the_tree(qtbot, qtmodeltester, opened, fixtures_dir, subscribed):
    model = FeedTreeModel()
    model.reload(opened.storage.feeds())
    qtmodeltester.check(model)
    subscribe(opened, fixtures_dir, "lemonde-une-rss2.xml", "News")
    with qtbot.waitSignal(model.modelReset):
        model.reload(opened.storage.feeds())
    assert model.rowCount(model.group_index("News")) == 3
    with qtbot.waitSignal(model.modelReset):
        model.reload([])
    assert model.rowCount() == 0


def test_a_failed_feed_shows_its_status_and_plain_message(qtmodeltester, opened, subscribed):
    message = 'Server said <b>500</b> <img src="file:///etc/passwd">'
    opened.storage.record_failure(subscribed["cnn"], message)
    model = FeedTreeModel()
    model.reload(opened.storage.feeds())
    qtmodeltester.check(model)
    cnn = model.feed_index(subscribed["cnn"])
    assert cnn.data(Role.STATUS) == "error"
    assert cnn.data(Role.MESSAGE) == message
    icon = cnn.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    tooltip = cnn.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;500&lt;/b&gt;" in tooltip and "<img" not in tooltip and "<b>" not in tooltip
    assert model.group_index("News").data(Role.STATUS) == "error"
    spoken = f"{cnn.data(Role.TITLE)}, {cnn.data(Role.UNREAD)} unread, failed: {message}"
    assert cnn.data(Qt.ItemDataRole.AccessibleTextRole) == spoken
    guardian = model.feed_index(subscribed["guardian"])
    assert guardian.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.group_index("Tech").data(Role.STATUS) == "ok"


def test_feed_titles_are_plain_text(qtmodeltester, opened):
    title = "<b>x</b><img src=file:///x>"
    feed_id = opened.storage.add_feed("https://example.com/rss", title, "News")
    model = FeedTreeModel()
    model.reload(opened.storage.feeds())
    qtmodeltester.check(model)
    index = model.feed_index(feed_id)
    assert index.data(Qt.ItemDataRole.DisplayRole) == title  # no unread: no count
    assert index.data(Role.TITLE) == title
    assert "&lt;b&gt;x&lt;/b&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)
