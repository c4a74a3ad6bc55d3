"""The "All news" model over a real profile filled from real fixture feeds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListView

from newsdesk.core import feeds
from newsdesk.core.model import ArticleQuery, DateNote, ParsedEntry, ParsedFeed
from newsdesk.core.profile import Profile
from newsdesk.ui.models.article_list import ArticleListModel
from tests.ui.conftest import LIST_FEEDS

Role = ArticleListModel.Role

FEEDS = LIST_FEEDS


def store_fixture(p: Profile, fixtures_dir: Path, name: str, group: str = "News") -> int:
    """Subscribe to one real fixture feed and store it as a refresh would."""
    url = f"https://example.org/{name}"
    feed_id = p.storage.add_feed(url, "", group)
    assert feed_id is not None
    body = (fixtures_dir / "feeds" / "real" / name).read_bytes()
    parsed = feeds.parse(body, "", url, fetched_at=datetime.now(UTC))
    p.storage.store_feed(
        feed_id,
        parsed,
        topics_of=lambda e: p.taxonomy.classify(e.title, e.text, e.categories),
    )
    return feed_id


def fill(p: Profile, fixtures_dir: Path, names: Sequence[str] = FEEDS) -> None:
    for name in names:
        store_fixture(p, fixtures_dir, name)


def ids(model: ArticleListModel) -> list[int]:
    return [model.index(r).data(Role.ID) for r in range(model.rowCount())]


def assert_newest_first(model: ArticleListModel) -> None:
    keys = [(a.sort_key, a.id) for a in (model.article(r) for r in range(model.rowCount()))]
    assert keys == sorted(keys, reverse=True)
    assert len(set(keys)) == len(keys)


def everything(p: Profile, query: ArticleQuery = ArticleQuery()) -> list[int]:  # noqa: B008
    return [a.id for a in p.storage.articles(query, limit=1_000_000).articles]


def test_set_query_loads_the_first_page_with_a_reset(qtbot, qtmodeltester, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir)
    model = ArticleListModel(unseeded.storage, page_size=30)
    assert model.rowCount() == 0 and not model.has_more()
    with qtbot.waitSignal(model.modelReset):
        model.set_query(ArticleQuery())
    assert model.rowCount() == 30
    assert model.has_more()
    assert ids(model) == everything(unseeded)[:30]
    assert_newest_first(model)
    qtmodeltester.check(model)


def test_show_more_adds_exactly_one_page_until_the_end(
    qtbot, qtmodeltester, unseeded, fixtures_dir
):
    fill(unseeded, fixtures_dir)
    total = everything(unseeded)
    model = ArticleListModel(unseeded.storage, page_size=40)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)  # the tester fetches one page more itself
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    while model.has_more():
        before = model.rowCount()
        added = model.show_more()
        assert model.rowCount() == before + added
        if model.has_more():
            assert added == 40
        assert inserts[-1] == (before, before + added - 1)  # one batch per page
        qtmodeltester.check(model)
    assert ids(model) == total
    assert_newest_first(model)
    with qtbot.assertNotEmitted(model.rowsAboutToBeInserted):
        assert model.show_more() == 0
    assert not model.canFetchMore(QModelIndex())


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir, FEEDS[:3])
    model = ArticleListModel(unseeded.storage, page_size=20)
    model.set_query(ArticleQuery())
    view = QListView()
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    loaded = model.rowCount()
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=2000):
        view.scrollToBottom()
    assert model.rowCount() > loaded
    assert_newest_first(model)


def test_a_topic_narrows_the_list(qtmodeltester, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir)
    model = ArticleListModel(unseeded.storage, page_size=1000)
    model.set_query(ArticleQuery())
    everyone = model.rowCount()
    model.set_query(ArticleQuery(topics=frozenset({"politics"})))
    qtmodeltester.check(model)
    narrowed = model.rowCount()
    assert 0 < narrowed < everyone
    assert all("politics" in model.index(r).data(Role.TOPICS) for r in range(narrowed))
    assert ids(model) == everything(unseeded, ArticleQuery(topics=frozenset({"politics"})))


def test_insert_newer_puts_new_articles_on_top_and_keeps_the_current_article(
    qtbot, qtmodeltester, unseeded, fixtures_dir
):
    # Older news first (2013-2018), then a refresh brings 2019 news.
    fill(unseeded, fixtures_dir, ("guardian-us-rss2.xml", "cnn-topstories-feedburner-rss2.xml"))
    model = ArticleListModel(unseeded.storage, page_size=25)
    model.set_query(ArticleQuery())
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setCurrentIndex(model.index(3))
    current = model.article(3).id
    before = ids(model)
    qtmodeltester.check(model)
    loaded = model.rowCount()
    stored = len(everything(unseeded))

    store_fixture(unseeded, fixtures_dir, "google-news-rss2.xml")
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    with qtbot.assertNotEmitted(model.modelReset):
        added = model.insert_newer()
    assert added == len(everything(unseeded)) - stored == 38
    assert inserts == [(0, added - 1)]  # one batch, at the top
    assert model.rowCount() == loaded + added
    assert view.currentIndex().data(Role.ID) == current
    assert view.selectionModel().isSelected(view.currentIndex())
    assert ids(model)[added : added + len(before)] == before
    assert_newest_first(model)
    assert model.insert_newer() == 0
    qtmodeltester.check(model)


def test_insert_newer_places_a_late_article_between_loaded_rows(
    qtbot, qtmodeltester, unseeded, fixtures_dir
):
    # Everything loaded: 2019 news above 2013 news. Then 2017/2018 news arrive "late".
    fill(unseeded, fixtures_dir, ("google-news-rss2.xml", "cnn-topstories-feedburner-rss2.xml"))
    model = ArticleListModel(unseeded.storage, page_size=500)
    model.set_query(ArticleQuery())
    assert not model.has_more()
    qtmodeltester.check(model)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    last = model.rowCount() - 1
    view.setCurrentIndex(model.index(last))
    current = model.article(last).id
    store_fixture(unseeded, fixtures_dir, "guardian-us-rss2.xml")
    with qtbot.assertNotEmitted(model.modelReset):
        added = model.insert_newer()
    assert added == 55
    assert ids(model) == everything(unseeded)
    assert view.currentIndex().data(Role.ID) == current
    assert_newest_first(model)


def test_insert_newer_on_an_empty_list_loads_the_first_page(
    qtbot, qtmodeltester, unseeded, fixtures_dir
):
    model = ArticleListModel(unseeded.storage, page_size=10)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)
    assert model.insert_newer() == 0
    store_fixture(unseeded, fixtures_dir, "golem-de-rss2-iso8859-1.xml")
    with qtbot.assertNotEmitted(model.modelReset):
        assert model.insert_newer() == 10
    assert model.has_more()
    assert ids(model) == everything(unseeded)[:10]


def test_set_read_persists_and_emits_data_changed(qtbot, qtmodeltester, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir, FEEDS[:2])
    model = ArticleListModel(unseeded.storage, page_size=20)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)
    article_id = model.index(2).data(Role.ID)
    assert model.index(2).data(Role.READ) is False
    assert isinstance(model.index(2).data(Qt.ItemDataRole.FontRole), QFont)
    assert model.index(2).data(Qt.ItemDataRole.FontRole).bold()
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_read(2, True)
    top, bottom, roles = blocker.args
    assert top.row() == bottom.row() == 2
    assert Role.READ in roles and Qt.ItemDataRole.FontRole in roles
    assert model.index(2).data(Role.READ) is True
    assert model.index(2).data(Qt.ItemDataRole.FontRole) is None
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_read(2, True)  # nothing changes
    again = ArticleListModel(unseeded.storage, page_size=20)
    again.set_query(ArticleQuery())
    assert again.article(again.row_of(article_id)).read
    unread = ArticleListModel(unseeded.storage, page_size=1000)
    unread.set_query(ArticleQuery(unread_only=True))
    assert unread.row_of(article_id) is None
    model.set_read(2, False)
    assert unseeded.storage.article(article_id).read is False


def test_toggle_starred_persists_and_emits_data_changed(qtbot, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir, FEEDS[:2])
    model = ArticleListModel(unseeded.storage, page_size=20)
    model.set_query(ArticleQuery())
    article_id = model.article(5).id
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.toggle_starred(5) is True
    assert blocker.args[0].row() == 5 and Role.STARRED in blocker.args[2]
    assert model.index(5).data(Role.STARRED) is True
    starred = ArticleListModel(unseeded.storage)
    starred.set_query(ArticleQuery(starred_only=True))
    assert ids(starred) == [article_id]
    assert model.toggle_starred(5) is False
    assert unseeded.storage.article(article_id).starred is False


def test_mark_all_read_covers_the_query_loaded_or_not(qtbot, qtmodeltester, unseeded, fixtures_dir):
    fill(unseeded, fixtures_dir)
    query = ArticleQuery(topics=frozenset({"politics"}))
    model = ArticleListModel(unseeded.storage, page_size=5)
    model.set_query(query)
    qtmodeltester.check(model)
    expected = len(everything(unseeded, query))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.mark_all_read() == expected
    assert (blocker.args[0].row(), blocker.args[1].row()) == (0, model.rowCount() - 1)
    assert all(model.index(r).data(Role.READ) for r in range(model.rowCount()))
    assert everything(unseeded, ArticleQuery(topics=query.topics, unread_only=True)) == []
    assert everything(unseeded, ArticleQuery(unread_only=True))  # other topics stay unread


def test_roles_and_plain_text_title(qtmodeltester, unseeded):
    feed_id = unseeded.storage.add_feed("https://example.com/rss", "Example <i>feed</i>")
    title = "<b>x</b><img src=file:///x>"
    published = datetime(2026, 11, 25, 10, 39, tzinfo=UTC)
    entry = ParsedEntry(
        "k1",
        title,
        "https://example.com/1",
        "",
        "",
        "",
        "",
        published,
        180,
        DateNote.OK,
        categories=(),
        image=None,
    )
    unseeded.storage.store_feed(
        feed_id, ParsedFeed("Example", None, "rss20", (entry,)), topics_of=lambda e: ("politics",)
    )
    model = ArticleListModel(unseeded.storage)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == title
    assert index.data(Role.TITLE) == title
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip and "<img" not in tooltip
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=file:///x&gt;" in tooltip
    assert "&lt;i&gt;feed&lt;/i&gt;" in tooltip
    assert "UTC+3" in tooltip
    assert index.data(Role.SOURCE) == "Example <i>feed</i>"
    assert index.data(Role.PUBLISHED) == published
    assert index.data(Role.PUBLISHED).tzinfo is not None
    assert index.data(Role.UTC_OFFSET) == 180
    assert index.data(Role.TOPICS) == ("politics",)
    assert index.data(Role.DAY) == published.astimezone().date()
    assert index.data(Role.SNIPPET) == ""
    assert index.data(Role.ARTICLE).id == index.data(Role.ID) == model.article(0).id
    assert model.row_of(model.article(0).id) == 0
    assert model.row_of(-1) is None
    assert index.data(Qt.ItemDataRole.UserRole + 500) is None
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(index) == 0
    assert model.data(model.index(1)) is None
    with pytest.raises(IndexError):
        model.article(1)
    assert model.roleNames()[Role.ARTICLE] == b"article"
