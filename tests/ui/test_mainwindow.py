"""The main window driven as a user would: filters, search, paging, reading, keys, refresh."""

from __future__ import annotations

import email.utils
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView

from newsdesk.core.model import Outcome
from newsdesk.core.profile import open_profile
from newsdesk.core.refresh import Refresher as CoreRefresher
from newsdesk.ui.mainwindow import MainWindow
from newsdesk.worker.refresher import Refresher
from tests.helpers.feedserver import Reply

FEEDS = [
    ("News", "real/guardian-us-rss2.xml"),
    ("News", "real/tut-by-news-rss2.xml"),
    ("News", "real/aif-ru-rss2-yandex-fulltext.xml"),
    ("Partner news", "real/oren-ru-news-rss2-windows-1251.xml"),
    ("Partner news", "real/google-news-rss2.xml"),
]


@pytest.fixture
def filled(profile: Path, feed_server):  # type: ignore[no-untyped-def]
    """A profile with five real feeds refreshed from the loopback server."""
    p = open_profile(profile, seed_defaults=False)
    p.save_settings(
        p.settings.with_value("refresh.parse_processes", "1")
        .with_value("refresh.retention_days", "0")
        .with_value("appearance.page_size", "20")
    )
    p.storage.add_feeds((feed_server.url(f"/feeds/{path}"), "", group, "") for group, path in FEEDS)
    with CoreRefresher(p.storage, p.settings, p.taxonomy) as refresher:
        summary = refresher.run()
    assert summary.count(Outcome.UPDATED) == len(FEEDS)
    yield p
    p.close()


@pytest.fixture
def window(qtbot, filled):  # type: ignore[no-untyped-def]
    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def titles(w: MainWindow) -> list[str]:
    return [w.model.article(r).title for r in range(w.model.rowCount())]


def test_all_news_newest_first_with_show_more(window):
    assert window.model.rowCount() == 20
    keys = [window.model.article(r).sort_key for r in range(20)]
    assert keys == sorted(keys, reverse=True)
    assert window.show_more.isVisible()
    window.show_more.click()
    assert window.model.rowCount() == 40
    assert window.heading.text() == "All news"


def test_topic_checkbox_narrows_the_list(window, filled):
    everything = window._storage.articles(limit=10_000).articles
    window.topics.set_selected(frozenset({"sport"}))
    window.topics.topics_changed.emit(frozenset({"sport"}))
    shown = [window.model.article(r) for r in range(window.model.rowCount())]
    assert shown and len(shown) < len(everything)
    assert all("sport" in a.topics for a in shown)
    assert filled.settings.topics.followed == ("sport",)  # the choice persists


def test_search_as_you_type(qtbot, window):
    window.search.setFocus()
    window.search.insert("Трамп")  # QTest cannot type non-ASCII keys (it aborts)
    qtbot.waitUntil(lambda: window.heading.text().startswith("News search"), timeout=3000)
    found = titles(window)
    assert found and all(
        "трамп" in (a.title + a.summary_html + a.content_html).lower()
        for a in (window.model.article(r) for r in range(window.model.rowCount()))
    )
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.heading.text() == "All news", timeout=3000)


def test_selecting_an_article_shows_it_marks_it_read_and_finds_related(qtbot, window):
    window.list.setFocus()
    window.next_article()
    article = window.current_article()
    assert article is not None
    shown = window.pane.article()
    assert shown is not None and shown.id == article.id
    assert window._storage.article(article.id).read
    assert window.model.article(0).read
    # "In other media": whatever it found comes from other feeds.
    related = window._storage.related(article.id)
    assert window.pane.related_count() == len(related)
    assert all(r.feed_id != article.feed_id for r in related)


def test_keyboard_j_k_s_m(qtbot, window):
    window.list.setFocus()
    window.list.setCurrentIndex(window.model.index(0))
    QTest.keyClick(window.list, Qt.Key.Key_J)
    QTest.keyClick(window.list, Qt.Key.Key_J)
    assert window.list.currentIndex().row() == 2
    QTest.keyClick(window.list, Qt.Key.Key_K)
    QTest.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 0
    first = window.current_article()
    QTest.keyClick(window.list, Qt.Key.Key_S)
    assert window._storage.article(first.id).starred
    QTest.keyClick(window.list, Qt.Key.Key_M)
    assert not window._storage.article(first.id).read
    QTest.keyClick(window.list, Qt.Key.Key_Slash)
    assert window.search.hasFocus()


def test_partner_news_panel_lists_the_partner_group(window):
    partner_feeds = {f.id for f in window._storage.feeds() if f.group == "Partner news"}
    shown = [window.partner_model.article(r) for r in range(window.partner_model.rowCount())]
    assert shown and all(a.feed_id in partner_feeds for a in shown)
    window.partner_list.clicked.emit(window.partner_model.index(1))
    assert window.pane.article().id == shown[1].id


def test_window_state_persists(qtbot, filled):
    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(790, 600)  # the offscreen screen is 800×800: restored sizes are clamped to it
    w.converter_dock.hide()
    size = w.size()
    w.close()
    again = MainWindow(filled)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == size and again.converter_dock.isHidden()


class Bridge(QObject):
    """Receives the worker's signals in the GUI thread, as the app does."""

    done = Signal()

    @Slot(object)
    def finished(self, summary: object) -> None:
        self.done.emit()


def test_refresh_through_the_worker_updates_list_and_status(qtbot, filled, feed_server):
    now = email.utils.formatdate(usegmt=True)
    items = "".join(
        f"<item><title>Breaking story {n}</title><link>https://fresh.example/{n}</link>"
        f"<pubDate>{now}</pubDate></item>"
        for n in range(3)
    )
    body = f'<rss version="2.0"><channel><title>Fresh</title>{items}</channel></rss>'.encode()
    fresh = feed_server.route(
        "/fresh", lambda seen: Reply(200, body, {"Content-Type": "application/xml"})
    )
    filled.storage.add_feed(fresh, "", "News")
    filled.storage.add_feed(feed_server.url("/status/500"), "Broken", "News")
    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show()
    worker = Refresher(filled.paths.database_file, filled.settings, filled.taxonomy)
    thread = QThread()
    worker.moveToThread(thread)
    w.attach_refresher(worker)
    bridge = Bridge()
    worker.finished.connect(bridge.finished)
    thread.start()
    try:
        w.resize(1300, 780)
        w.list.setCurrentIndex(w.model.index(3))
        selected = w.current_article()
        w.list.scrollTo(w.model.index(6), QAbstractItemView.ScrollHint.PositionAtTop)
        top_id = w.model.article(w.list.indexAt(w.list.viewport().rect().topLeft()).row()).id
        before = w.model.rowCount()
        with qtbot.waitSignal(bridge.done, timeout=30_000):
            w.refresh()
        assert w.model.rowCount() == before + 3  # inserted at the top, no reset
        assert w.model.article(0).title.startswith("Breaking story")
        # What the reader was looking at stays in place: same article at the top of the view.
        top = w.list.indexAt(w.list.viewport().rect().topLeft())
        assert w.model.article(top.row()).id == top_id
        assert w.current_article() is not None and w.current_article().id == selected.id
        assert w.failed_button.isVisible() and "1" in w.failed_button.text()
        assert w.last_update.text().startswith("Updated")
        w.show_failures()
        assert "Broken" in w._failed_dialog.list.item(0).text()
        assert "500" in w._failed_dialog.list.item(0).text()
    finally:
        QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        assert thread.wait(10_000)
