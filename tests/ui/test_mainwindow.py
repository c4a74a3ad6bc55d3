"""The main window driven as a user would: filters, search, paging, reading, keys, refresh."""

from __future__ import annotations

import email.utils
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTime, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QDialog, QWidget

from newsdesk.core.model import Outcome, RefreshSummary
from newsdesk.core.profile import open_profile
from newsdesk.core.refresh import Refresher as CoreRefresher
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.mainwindow import MainWindow
from newsdesk.ui.theme import is_dark
from tests.helpers.feedserver import Reply
from tests.ui.conftest import start_worker, stop_worker
from tests.ui.test_theme import restore_look  # noqa: F401, F811 (a fixture)

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
    worker, thread = start_worker(w, filled)
    bridge = Bridge()
    worker.finished.connect(bridge.finished)
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
        assert "Broken" in w._status.failed_dialog.list.item(0).text()
        assert "500" in w._status.failed_dialog.list.item(0).text()
    finally:
        stop_worker(worker, thread)


# -- settings applied live --------------------------------------------------------------------


def visible_rows(view: QAbstractItemView) -> int:
    area = view.viewport().rect()
    model = view.model()
    return sum(
        1 for r in range(model.rowCount()) if view.visualRect(model.index(r)).intersects(area)
    )


def test_apply_settings_theme_text_size_and_density_live(qtbot, window, filled, restore_look):  # noqa: F811
    window.resize(790, 780)
    window.list.setCurrentIndex(window.model.index(0))
    qtbot.waitUntil(lambda: window.pane.article() is not None, timeout=3000)
    rows = visible_rows(window.list)
    text_size = window.pane.view().font().pointSizeF()
    new = (
        filled.settings.with_value("appearance.theme", "dark")
        .with_value("appearance.font_scale", "1.3")
        .with_value("appearance.density", "compact")
    )
    window.apply_settings(new)
    assert filled.settings is new
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.list.palette()), timeout=3000)
    qtbot.waitUntil(lambda: visible_rows(window.list) > rows, timeout=3000)  # compact rows
    assert window.pane.view().font().pointSizeF() == pytest.approx(text_size * 1.3)
    # What the user sees: the list and the article page are dark.
    list_pixel = window.list.viewport().grab().toImage().pixelColor(3, 3)
    page_pixel = window.pane.grab().toImage().pixelColor(3, 3)
    assert list_pixel.lightness() < 80 and page_pixel.lightness() < 80
    window.apply_settings(new.with_value("appearance.theme", "light"))
    qtbot.waitUntil(lambda: not is_dark(window.list.palette()), timeout=3000)
    assert window.pane.grab().toImage().pixelColor(3, 3).lightness() > 200


class SettingsSink(QObject):
    """Collects what the window sends to the workers, in the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.settings: list[object] = []

    @Slot(object)
    def on_settings(self, settings: object) -> None:
        self.settings.append(settings)


def test_apply_settings_images_paging_converter_timer_and_workers(qtbot, window, filled):
    worker, thread = start_worker(window, filled)
    sink = SettingsSink()
    window.settings_changed.connect(sink.on_settings)
    try:
        window.list.setCurrentIndex(window.model.index(3))
        chosen = window.current_article()
        assert window.model.rowCount() == 20 and window.refresh_interval_minutes() == 30
        assert not window.pane.allow_remote_images()
        new = (
            filled.settings.with_value("privacy.load_remote_images", "true")
            .with_value("privacy.send_referer", "true")
            .with_value("appearance.page_size", "10")
            .with_value("rates.favourites", "EUR,JPY,RUB")
            .with_value("rates.base", "EUR")
            .with_value("refresh.interval_minutes", "45")
        )
        window.apply_settings(new)
        assert window.pane.allow_remote_images()
        assert window.model.rowCount() == 10  # pages of ten now
        assert window.current_article().id == chosen.id  # the same article stays chosen
        window.show_more.click()
        assert window.model.rowCount() == 20
        assert window.converter.favourites() == ["EUR", "JPY", "RUB"]
        assert window.converter.pair()[0] == "EUR"
        assert window.refresh_interval_minutes() == 45
        assert sink.settings == [new] and sink.settings[0].privacy.send_referer is True
        # The refresher (in its thread) uses them from its next pass.
        qtbot.waitUntil(lambda: worker._settings is new, timeout=3000)
        # A feed with its own, shorter interval sets the timer's pace.
        feed = filled.storage.feeds()[0]
        filled.storage.update_feed(feed.id, interval_minutes=20)
        window.reload_subscriptions()
        assert window.refresh_interval_minutes() == 20
        # The pair is left alone when other settings change.
        window.converter.set_pair("RUB", "JPY")
        window.apply_settings(new.with_value("appearance.page_size", "15"))
        assert window.converter.pair() == ("RUB", "JPY")
    finally:
        stop_worker(worker, thread)


def test_apply_taxonomy_updates_filter_chips_and_refresher(qtbot, window, filled):
    worker, thread = start_worker(window, filled)
    try:
        old_codes = set(filled.taxonomy.codes())
        assert "sport" in old_codes
        kept = [t for t in filled.taxonomy.topics if t.code != "sport"]
        renamed = [
            replace(t, names={**t.names, "en": "World affairs"}) if t.code == "world" else t
            for t in kept
        ]
        taxonomy = Taxonomy(renamed)
        window.apply_taxonomy(taxonomy)
        assert filled.taxonomy is taxonomy
        boxes = {
            box.objectName()
            for box in window.topics.findChildren(QCheckBox)
            if box.isVisibleTo(window.topics)  # a box taken away is deleted later
        }
        assert "topic_sport" not in boxes and "topic_world" in boxes
        assert window.topics.checkbox("world").text().startswith("World affairs")
        delegate = window.list.itemDelegate()
        assert delegate.topic_name("world") == "World affairs"
        assert delegate.topic_name("sport") == "sport"  # unknown now: the bare code
        qtbot.waitUntil(lambda: worker._taxonomy is taxonomy, timeout=3000)
    finally:
        stop_worker(worker, thread)


class ShowCounter(QObject):
    """Counts the times a widget was shown (a progress bar that flashes counts)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.shown = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            self.shown += 1
        return False


def test_a_timer_pass_with_nothing_due_shows_no_progress(qtbot, filled):
    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show()
    worker, thread = start_worker(w, filled)
    bridge = Bridge()
    worker.finished.connect(bridge.finished)
    counter = ShowCounter(w.progress)
    try:
        # Every feed was refreshed moments ago (the fixture): none is due.
        with qtbot.waitSignal(bridge.done, timeout=10_000):
            w._scheduler.timer.timeout.emit()
        assert counter.shown == 0 and w.progress.isHidden()
        assert w.last_update.text() == ""  # nothing happened, nothing to report
        assert w.refresh_action.isEnabled()
        # F5 refreshes every feed, with progress.
        with qtbot.waitSignal(bridge.done, timeout=30_000):
            w.refresh()
        assert counter.shown >= 1
        assert w.last_update.text().startswith("Updated ")
    finally:
        stop_worker(worker, thread)


def test_updated_time_is_written_the_locale_way(qtbot, window):
    window.on_refresh_finished(RefreshSummary())
    clock = window.last_update.text().removeprefix("Updated ")
    parsed = QLocale().toTime(clock, QLocale.FormatType.ShortFormat)
    assert parsed.isValid()
    assert abs(parsed.secsTo(QTime.currentTime())) < 120


# -- the Settings dialog ----------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_settings_action_opens_one_dialog_wired_to_the_window(qtbot, window, filled):
    action = window.settings_action
    assert QKeySequence("Ctrl+,") in action.shortcuts()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    dialog = window.settings_dialog()
    assert dialog is not None and dialog.isVisible()
    action.trigger()  # again: the same dialog comes to the front
    assert window.settings_dialog() is dialog
    assert len([d for d in window.findChildren(QDialog) if d.isVisible()]) == 1
    # Its signals reach the window.
    dialog.settings_applied.emit(filled.settings.with_value("appearance.density", "compact"))
    assert window.list.itemDelegate().density() == "compact"
    feed_count = window.feed_model.rowCount()
    filled.storage.add_feed("https://added.example/feed.xml", "Added", "Brand new group")
    dialog.subscriptions_changed.emit()
    assert window.feed_model.rowCount() == feed_count + 1
    dialog.close()
    qtbot.waitUntil(lambda: window.settings_dialog() is None, timeout=3000)
    action.trigger()
    assert window.settings_dialog() is not None and window.settings_dialog() is not dialog
    window.settings_dialog().close()


# -- start, tray and raise --------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_start_minimised_then_raised(qtbot, filled):
    filled.save_settings(filled.settings.with_value("notifications.start_minimised", "true"))
    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show_at_start()
    assert w._tray.icon is None  # the offscreen platform has no tray: minimised instead
    qtbot.waitUntil(w.isMinimized, timeout=3000)
    w.bring_to_front()
    assert w.isVisible() and not w.isMinimized()
    w.hide()  # as in the tray
    w.bring_to_front()
    assert w.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_pressing_ctrl_comma_opens_the_settings(qtbot, window):
    """What a user does: the key itself, in the active window, not the action's trigger()."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.list.setFocus()
    QTest.keyClick(window.list, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_dialog() is not None, timeout=3000)
    assert window.settings_dialog().isVisible()
    window.settings_dialog().close()
