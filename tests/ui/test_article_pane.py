"""The article pane as a reader uses it: headline, dateline, actions, images, other media.

Also security tests 2 ("Open original" and links in the text reach the OS only as http/https),
4/5 (feed text outside the article view is plain text) and row A6 (no remote request until the
user asks for images; then one capped request per image, through the image worker).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QToolButton, QWidget

from newsdesk.core.feeds import parse
from newsdesk.core.model import Article, Enclosure
from newsdesk.ui import link_opener
from newsdesk.ui.widgets.article_pane import ArticlePane
from newsdesk.worker.images import ImageFetcher
from tests.helpers.feedserver import Reply, Seen
from tests.ui.test_article_view import (  # noqa: F401 (url_spy is a fixture)
    make_article,
    png_bomb,
    png_bytes,
    url_spy,
)

EN_GB = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
MSK = timezone(timedelta(hours=3))
HOSTILE_TITLE = '<b>x</b><img src="file:///tmp/nothing.png">'


@pytest.fixture
def make_pane(qtbot):  # type: ignore[no-untyped-def]
    def make(*, allow_remote_images: bool = False, zone: object = MSK) -> ArticlePane:
        pane = ArticlePane(allow_remote_images=allow_remote_images, local_zone=zone)  # type: ignore[arg-type]
        pane.setLocale(EN_GB)
        pane.resize(820, 760)
        qtbot.addWidget(pane)
        pane.show()
        qtbot.waitExposed(pane)
        return pane

    return make


def _button(pane: ArticlePane, action_text: str) -> QToolButton:
    for button in pane.findChildren(QToolButton):
        if button.defaultAction() is not None and action_text in button.defaultAction().text():
            return button
    raise AssertionError(f"no button {action_text!r}")


def _related(pane: ArticlePane) -> QListWidget:
    return pane.findChild(QListWidget)


def _labels(pane: ArticlePane) -> tuple[QLabel, QLabel]:
    """The headline and the source/author/date line, found as a screen reader would."""
    by_name = {label.accessibleName(): label for label in pane.findChildren(QLabel)}
    return by_name["Headline"], by_name["Source, author and date"]


# -- the header ----------------------------------------------------------------------------------


def test_meta_line_names_source_author_and_the_time_as_published(make_pane):
    pane = make_pane(zone=MSK)
    pane.show_article(make_article())
    headline, meta = _labels(pane)
    assert headline.text() == "Headline"
    assert meta.text() == "TASS · Ivan Petrov · 26 October 2011, 13:39 UTC+3"
    pane = make_pane(zone=UTC)
    pane.show_article(make_article())
    assert _labels(pane)[1].text() == (
        "TASS · Ivan Petrov · 26 October 2011, 13:39 UTC+3 (10:39 your time)"
    )


def test_a_long_headline_wraps_instead_of_being_cut(qtbot, make_pane):
    pane = make_pane()  # empty: the header is hidden until an article comes
    pane.show_article(make_article(id=2, title="Director of CDC resigns " * 6))
    headline = _labels(pane)[0]
    QApplication.processEvents()
    needed = headline.heightForWidth(headline.width())
    assert needed > 2 * headline.fontMetrics().height()
    assert headline.height() >= needed


def test_feed_text_outside_the_article_is_plain_text(make_pane):
    """Tests 4/5 (row A5): markup in titles, sources and authors is shown literally."""
    pane = make_pane()
    related = [make_article(id=7, title=HOSTILE_TITLE, feed_title="<i>Agency</i>")]
    pane.show_article(
        make_article(title=HOSTILE_TITLE, feed_title="<u>TASS</u>", author="<s>Ivan</s>"),
        related,
    )
    headline, meta = _labels(pane)
    for label in pane.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()
    assert headline.text() == HOSTILE_TITLE
    assert meta.text().startswith("<u>TASS</u> · <s>Ivan</s> · ")
    item = _related(pane).item(0)
    assert item.text().startswith(f"{HOSTILE_TITLE} — <i>Agency</i>, ")
    assert not item.toolTip()  # a tooltip would guess rich text


def test_every_control_has_an_accessible_name(make_pane):
    pane = make_pane()
    pane.show_article(make_article(content_html='<p><img src="https://e.com/a.png"></p>'))
    for widget in pane.findChildren(QWidget):
        if isinstance(widget, (QToolButton, QLabel, QListWidget)) or widget is pane.view():
            assert widget.accessibleName(), widget


def test_empty_pane_says_what_to_do(make_pane):
    pane = make_pane()
    pane.clear()
    assert pane.article() is None
    assert not pane.open_action.isEnabled() and not pane.star_action.isEnabled()
    assert "Choose an article" in pane.view().placeholderText()
    assert not _related(pane).isVisibleTo(pane)


# -- actions -------------------------------------------------------------------------------------


def test_star_toggling_emits_only_for_the_user(qtbot, make_pane):
    pane = make_pane()
    with qtbot.assertNotEmitted(pane.star_toggled):
        pane.show_article(make_article(id=5, starred=True))
    assert pane.star_action.isChecked()
    with qtbot.waitSignal(pane.star_toggled) as blocker:
        qtbot.mouseClick(_button(pane, "Star"), Qt.MouseButton.LeftButton)
    assert blocker.args == [5, False]
    assert "Star" in _button(pane, "Star").text()
    with qtbot.waitSignal(pane.star_toggled) as blocker:
        qtbot.mouseClick(_button(pane, "Star"), Qt.MouseButton.LeftButton)
    assert blocker.args == [5, True]


def test_related_click_and_enter_choose_the_story(qtbot, make_pane):
    pane = make_pane()
    related = [make_article(id=11, title="First"), make_article(id=12, title="Second")]
    pane.show_article(make_article(), related)
    listing = _related(pane)
    assert pane.related_count() == 2
    assert listing.item(0).text() == "First — TASS, 26/10/2011 13:39"
    rect = listing.visualItemRect(listing.item(1))
    with qtbot.waitSignal(pane.related_activated) as blocker:
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [12]
    listing.setCurrentRow(0)
    listing.setFocus()
    with qtbot.waitSignal(pane.related_activated) as blocker:
        qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert blocker.args == [11]


def test_copy_link_puts_the_address_on_the_clipboard(qtbot, make_pane):
    pane = make_pane()
    pane.show_article(make_article(link="https://example.com/news/42"))
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(_button(pane, "Copy link"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "https://example.com/news/42"


class Window(QObject):
    """Answers "Open original" as the main window does: through the one link opener."""

    def __init__(self, pane: ArticlePane) -> None:
        super().__init__()
        self.pane = pane
        pane.open_original.connect(self.open_original)

    @Slot(str)
    def open_original(self, url: str) -> None:
        link_opener.open_link(url, parent=self.pane)


def test_open_original_goes_to_the_system_browser(qtbot, make_pane, url_spy):  # noqa: F811
    pane = make_pane()
    window = Window(pane)
    pane.show_article(make_article(link="https://example.com/news/42"))
    with qtbot.waitSignal(pane.open_original) as blocker:
        qtbot.mouseClick(_button(pane, "Open original"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["https://example.com/news/42"]
    assert url_spy.opened == ["https://example.com/news/42"]  # once
    assert window.pane is pane


@pytest.mark.parametrize(
    "link",
    ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "ms-settings:x", None],
)
def test_a_hostile_original_link_cannot_be_opened_or_copied(qtbot, make_pane, url_spy, link):  # noqa: F811
    pane = make_pane()
    Window(pane)
    QGuiApplication.clipboard().clear()
    pane.show_article(make_article(link=link))
    assert not pane.open_action.isEnabled() and not pane.copy_action.isEnabled()
    with qtbot.assertNotEmitted(pane.open_original):
        pane.open_action.trigger()
        pane.copy_action.trigger()
    assert url_spy.opened == []
    assert QGuiApplication.clipboard().text() == ""


def test_links_and_attachments_in_the_text_open_only_on_the_web(qtbot, make_pane, url_spy):  # noqa: F811
    pane = make_pane()
    pane.show_article(
        make_article(
            content_html='<p><a href="file:///etc/passwd">file link</a> '
            '<a href="smb://evil/share">smb link</a> <a href="/world/7">relative link</a></p>',
            enclosures=(
                Enclosure("https://cdn.example.com/a.mp3", "audio/mpeg", 1000),
                Enclosure("file:///home/user/.ssh/id_rsa", "audio/mpeg", 1000),
            ),
        )
    )
    view = pane.view()
    view.setFocus()
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert url_spy.opened == ["https://example.com/world/7", "https://cdn.example.com/a.mp3"]
    assert view.source().isEmpty()


def test_mailto_in_the_text_asks_first(qtbot, make_pane, url_spy, monkeypatch):  # noqa: F811
    asked: list[str] = []
    monkeypatch.setattr(link_opener, "confirm", lambda address, parent: asked.append(address))
    pane = make_pane()
    pane.show_article(
        make_article(content_html='<p><a href="mailto:desk@example.com">mail</a></p>')
    )
    pane.view().setFocus()
    qtbot.keyClick(pane.view(), Qt.Key.Key_Tab)
    qtbot.keyClick(pane.view(), Qt.Key.Key_Return)
    assert asked == ["desk@example.com"]
    assert url_spy.opened == []  # declined


# -- remote images (row A6) ----------------------------------------------------------------------


class Images:
    """A loopback image server route that logs every request."""

    def __init__(self, feed_server) -> None:  # type: ignore[no-untyped-def]
        self.server = feed_server
        self.body = png_bytes(60, 40, "#2266aa")

    def add(self, name: str) -> str:
        def reply(seen: Seen) -> Reply:
            return Reply(200, self.body, {"Content-Type": "image/png", "Set-Cookie": "t=1"})

        return self.server.route(f"/img/{name}", reply)

    def hits(self) -> list[Seen]:
        return self.server.hits("/img/")


@pytest.fixture
def image_worker(qtbot):  # type: ignore[no-untyped-def]
    """The image worker in its own thread, as the window will run it."""
    fetcher = ImageFetcher()
    thread = QThread()
    fetcher.moveToThread(thread)
    thread.start()
    yield fetcher
    fetcher.stop()
    thread.quit()
    assert thread.wait(5000)
    assert fetcher.wait(15)


def _wire(pane: ArticlePane, fetcher: ImageFetcher) -> None:
    pane.images_requested.connect(fetcher.fetch)
    fetcher.image_ready.connect(pane.on_image_ready)
    fetcher.image_failed.connect(pane.on_image_failed)


def _shown_size(pane: ArticlePane, url: str) -> tuple[int, int]:
    got = pane.view().document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    return got.width(), got.height()


def test_no_image_request_until_the_reader_asks(qtbot, make_pane, feed_server, image_worker):
    images = Images(feed_server)
    body_image, lead_image = images.add("body.png"), images.add("lead.png")
    pane = make_pane()
    _wire(pane, image_worker)
    article = make_article(content_html=f'<p>Text <img src="{body_image}"> more.</p>')
    with qtbot.assertNotEmitted(pane.images_requested):
        pane.show_article(article)
        pane.show_article(replace(article, id=2, content_html="<p>x</p>", image=lead_image))
        pane.grab()
    assert images.hits() == []
    load = _button(pane, "Load images")
    assert load.isVisible()
    # The reader asks: exactly one capped request per image, and the picture appears.
    with qtbot.waitSignal(pane.images_requested) as blocker:
        qtbot.mouseClick(load, Qt.MouseButton.LeftButton)
    assert blocker.args == [[lead_image]]
    qtbot.waitUntil(lambda: pane.view().has_image(lead_image), timeout=10000)
    assert [hit.path for hit in images.hits()] == ["/img/lead.png"]
    assert _shown_size(pane, lead_image) == (60, 40)
    assert not load.isVisible()
    # Starring re-shows the same article: its pictures stay, nothing is fetched again.
    with qtbot.assertNotEmitted(pane.images_requested):
        pane.show_article(replace(pane.article(), starred=True))
    assert _shown_size(pane, lead_image) == (60, 40)
    assert not load.isVisible()
    # Another article: off again until asked; the body image appears where it was a placeholder.
    pane.show_article(article)
    assert _shown_size(pane, body_image) == (1, 1)
    qtbot.mouseClick(_button(pane, "Load images"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _shown_size(pane, body_image) == (60, 40), timeout=10000)
    assert [hit.path for hit in images.hits()] == ["/img/lead.png", "/img/body.png"]
    for hit in images.hits():
        assert "cookie" not in hit.headers and "referer" not in hit.headers
    colour = (
        pane.view().document().resource(QTextDocument.ResourceType.ImageResource, QUrl(body_image))
    )
    assert colour.pixelColor(3, 3) == QColor("#2266aa")


def test_allowed_images_load_with_the_article(qtbot, make_pane, feed_server, image_worker):
    images = Images(feed_server)
    url = images.add("auto.png")
    pane = make_pane(allow_remote_images=True)
    _wire(pane, image_worker)
    assert not _button(pane, "Load images").isVisibleTo(pane)
    pane.show_article(make_article(content_html=f'<p><img src="{url}"></p>'))
    qtbot.waitUntil(lambda: _shown_size(pane, url) == (60, 40), timeout=10000)
    assert len(images.hits()) == 1
    assert not _button(pane, "Load images").isVisibleTo(pane)


def test_turning_images_on_fetches_the_current_article(qtbot, make_pane, feed_server, image_worker):
    images = Images(feed_server)
    url = images.add("later.png")
    pane = make_pane()
    _wire(pane, image_worker)
    pane.show_article(make_article(content_html=f'<p><img src="{url}"></p>'))
    assert images.hits() == []
    with qtbot.waitSignal(pane.images_requested):
        pane.set_allow_remote_images(True)
    qtbot.waitUntil(lambda: _shown_size(pane, url) == (60, 40), timeout=10000)


def test_load_images_is_offered_only_when_there_are_images(make_pane):
    pane = make_pane()
    pane.show_article(make_article(content_html="<p>No pictures</p>"))
    assert not _button(pane, "Load images").isVisibleTo(pane)
    pane.show_article(make_article(content_html='<p><img src="file:///etc/x.png"></p>'))
    assert not _button(pane, "Load images").isVisibleTo(pane)


class Relay(QObject):
    """A GUI-thread receiver of the worker's signal, re-emitted for the test to wait on."""

    ready = Signal(str)

    @Slot(str, bytes)
    def on_ready(self, url: str, data: bytes) -> None:
        self.ready.emit(url)


def test_a_png_bomb_from_the_network_is_not_shown(qtbot, make_pane, feed_server, image_worker):
    bomb = png_bomb()
    url = feed_server.route(
        "/img/bomb.png", lambda seen: Reply(200, bomb, {"Content-Type": "image/png"})
    )
    pane = make_pane(allow_remote_images=True)
    _wire(pane, image_worker)  # the pane's slot is connected first, so it runs first
    relay = Relay()
    image_worker.image_ready.connect(relay.on_ready)
    with qtbot.waitSignal(relay.ready, timeout=15000) as blocker:
        pane.show_article(make_article(content_html=f'<p><img src="{url}"></p>'))
    assert blocker.args == [url]
    assert not pane.view().has_image(url)
    assert _shown_size(pane, url) == (1, 1)  # the placeholder stays


# -- a real article, as a reader sees it ---------------------------------------------------------


def test_a_real_fixture_article_renders(make_pane, fixtures_dir: Path):
    body = (fixtures_dir / "feeds" / "real" / "tut-by-news-rss2.xml").read_bytes()
    feed = parse(body, "application/xml", "https://news.tut.by/rss/all.rss")

    def article(i: int) -> Article:
        e = feed.entries[i]
        return make_article(
            id=i + 1,
            feed_title="TUT.BY",
            title=e.title,
            link=e.link,
            author=e.author,
            published=e.published,
            utc_offset_minutes=e.utc_offset_minutes,
            date_note=e.date_note,
            summary_html=e.summary_html,
            content_html=e.content_html,
            image=e.image,
            enclosures=e.enclosures,
        )

    pane = make_pane(zone=UTC)
    pane.show_article(article(0), [article(1), article(2)])
    headline, meta = _labels(pane)
    assert headline.text() == feed.entries[0].title
    assert meta.text() == "TUT.BY · 14 November 2019, 16:24 UTC+3 (13:24 your time)"
    assert "Куличкова" in pane.view().toPlainText()
    assert pane.related_count() == 2
    assert _button(pane, "Load images").isVisible()
    assert not pane.grab().isNull()
    assert pane.view().image_urls() == [
        "https://img.tyt.by/thumbnails/n/regiony/03/8/brest_vybory_uchastok_2019_1.jpg"
    ]


def test_image_requests_name_the_article_only_when_allowed(
    qtbot, make_pane, feed_server, image_worker
):
    """The window wires article_images_requested to the fetcher's fetch_for, and the
    privacy.send_referer setting to set_send_referer: off, no site learns the article."""
    images = Images(feed_server)
    first, second = images.add("first.png"), images.add("second.png")
    pane = make_pane(allow_remote_images=True)
    pane.article_images_requested.connect(image_worker.fetch_for)
    image_worker.image_ready.connect(pane.on_image_ready)
    story = "http://news.example/world/story-1"  # https pages send none to http images
    with qtbot.waitSignal(pane.article_images_requested) as blocker:
        pane.show_article(make_article(link=story, content_html=f'<p><img src="{first}"></p>'))
    assert blocker.args == [[first], story]
    qtbot.waitUntil(lambda: _shown_size(pane, first) == (60, 40), timeout=10000)
    assert "referer" not in images.hits()[0].headers
    image_worker.set_send_referer(True)  # a direct call here: the slot only takes a lock
    pane.show_article(make_article(id=2, link=story, content_html=f'<p><img src="{second}"></p>'))
    qtbot.waitUntil(lambda: _shown_size(pane, second) == (60, 40), timeout=10000)
    assert images.hits()[1].headers.get("referer") == "http://news.example/"  # origin only
