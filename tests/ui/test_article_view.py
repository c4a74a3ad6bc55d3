"""The article view never reads the disk, never navigates, and lets only web links out.

Security tests 1 and 2 of notes/security-model.md §5, done for real: hostile HTML goes straight
into the view (the sanitiser is bypassed on purpose), the rendering that could crash or hang runs
in a child process with a memory limit and a watchdog, and links are activated with the keyboard
and the mouse while ``QDesktopServices`` URL handlers spy on every scheme.
"""

from __future__ import annotations

import base64
import errno
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import textwrap
import threading
import xml.etree.ElementTree as ET
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QLocale,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTranslator,
    QUrl,
    Slot,
)
from PySide6.QtGui import QColor, QDesktopServices, QHelpEvent, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from newsdesk.core.model import Article, DateNote, Enclosure
from newsdesk.ui import link_opener
from newsdesk.ui.widgets.article_view import (
    ArticleView,
    decode_image,
    format_dateline,
    format_meta,
    image_key,
)

REPO = Path(__file__).resolve().parents[2]

SPIED_SCHEMES = (
    "http",
    "https",
    "file",
    "smb",
    "mailto",
    "javascript",
    "data",
    "ms-settings",
    "qrc",
    "ftp",
)
EN_GB = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
MSK = timezone(timedelta(hours=3))


def make_article(**changes: object) -> Article:
    """A plain article; tests change what they need."""
    article = Article(
        id=1,
        feed_id=1,
        feed_title="TASS",
        title="Headline",
        link="https://example.com/news/1",
        author="Ivan Petrov",
        published=datetime(2011, 10, 26, 10, 39, tzinfo=UTC),
        utc_offset_minutes=180,
        date_note=DateNote.OK,
        summary_html="",
        content_html="<p>Body.</p>",
        image=None,
        categories=(),
        topics=(),
        enclosures=(),
        read=False,
        starred=False,
        sort_key=0.0,
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def png_bytes(width: int, height: int, color: str = "#cc3333") -> bytes:
    """A real PNG of that size."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


_BOMB: bytes | None = None


def png_bomb(side: int = 20000) -> bytes:
    """A valid grey PNG declaring ``side`` x ``side`` pixels, ~0.4 MB of zlib over zero rows."""
    global _BOMB
    if _BOMB is None:
        packer = zlib.compressobj(9)
        row = bytes(side + 1)  # filter byte 0 + one zero byte per pixel
        block = row * 200
        parts = [packer.compress(block) for _ in range(side // 200)]
        parts.append(packer.flush())
        header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
        _BOMB = (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", b"".join(parts))
            + _chunk(b"IEND", b"")
        )
    return _BOMB


class UrlSpy(QObject):
    """Receives every ``QDesktopServices.openUrl`` call for the schemes it is registered for."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def url_spy():  # type: ignore[no-untyped-def]
    """A spy on ``openUrl`` for every scheme a hostile link could use; nothing is launched."""
    spy = UrlSpy()
    for scheme in SPIED_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, spy, "handle")
    yield spy
    for scheme in SPIED_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    widget = ArticleView()
    widget.set_date_context(EN_GB, MSK)
    widget.resize(700, 500)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _anchor_point(view: ArticleView, text: str) -> QPoint:
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    return view.cursorRect(cursor).center() - QPoint(view.fontMetrics().horizontalAdvance("x"), 0)


# -- configuration -------------------------------------------------------------------------------


def test_view_never_opens_links_itself(view):
    assert not view.openLinks()
    assert not view.openExternalLinks()
    assert view.isReadOnly()


# -- test 1: the view never touches the filesystem -----------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "file:///dev/zero",
        "file://dev/zero",
        "/dev/zero",
        "fifo",
        "../secret.png",
        "qrc:/qt-project.org/styles/commonstyle/images/file-16.png",
        ":/qt-project.org/styles/commonstyle/images/file-16.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
@pytest.mark.parametrize("load_images", [False, True])
def test_load_resource_answers_local_images_with_a_placeholder(view, name, load_images):
    view.show_article(make_article(), load_images=load_images)
    result = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
    # Never None (Qt would then open the file itself): a QImage, null or the 1x1 placeholder.
    assert isinstance(result, QImage)
    assert result.isNull() or result.size() == QSize(1, 1)


def test_load_resource_gives_stylesheets_and_pages_no_text(view):
    # An image, not "": QTextDocument caches answers by URL, and a "" cached for a URL an <img>
    # also names makes Qt's image handler open that path itself.
    for kind in (
        QTextDocument.ResourceType.StyleSheetResource,
        QTextDocument.ResourceType.HtmlResource,
        QTextDocument.ResourceType.MarkdownResource,
    ):
        result = view.loadResource(kind.value, QUrl("file:///etc/hostname"))
        assert isinstance(result, QImage) and result.size() == QSize(1, 1)


def test_a_stylesheet_import_does_not_open_the_image_path(view, tmp_path, monkeypatch):
    (tmp_path / "secret.png").write_bytes(png_bytes(7, 5))
    monkeypatch.chdir(tmp_path)
    for src in ("secret.png", (tmp_path / "secret.png").as_uri(), str(tmp_path / "secret.png")):
        view.show_article(
            make_article(content_html=f'<style>@import url("{src}");</style><img src="{src}">'),
            load_images=True,
        )
        view.grab()
        got = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(src))
        assert isinstance(got, QImage) and got.size() == QSize(1, 1), src


def test_file_images_are_never_stored_even_when_offered(view, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(7, 5))
    image = QImage(str(secret))
    assert image.size() == QSize(7, 5)
    assert not view.set_image(secret.as_uri(), image)
    assert not view.set_image(str(secret), image)
    view.show_article(make_article(content_html=f'<img src="{secret.as_uri()}">'), load_images=True)
    got = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(secret.as_uri()))
    assert isinstance(got, QImage) and got.size() != QSize(7, 5)


def test_set_source_never_navigates(view, tmp_path):
    page = tmp_path / "secret.html"
    page.write_text("<p>SECRET-CONTENT</p>", encoding="utf-8")
    view.show_article(make_article())
    view.setSource(QUrl.fromLocalFile(str(page)))
    assert view.source().isEmpty()
    assert "SECRET-CONTENT" not in view.toPlainText()
    assert "Body." in view.toPlainText()


CHILD = textwrap.dedent(
    """
    import json, os, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from dataclasses import replace
    from datetime import UTC, datetime
    from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl
    from PySide6.QtGui import QHelpEvent, QImage, QTextDocument
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from newsdesk.core.model import Article, DateNote
    from newsdesk.ui.widgets.article_view import ArticleView

    case = json.loads(open(sys.argv[1], encoding="utf-8").read())
    app = QApplication([])
    article = Article(1, 1, case["source"], case["title"], None, case["author"],
                      datetime(2011, 10, 26, 10, 39, tzinfo=UTC), 180, DateNote.OK,
                      "", case["html"], None, (), (), (), False, False, 0.0)
    view = ArticleView(show_headline=True)
    view.resize(700, 900)
    view.show()
    QTest.qWaitForWindowExposed(view)
    for load in (False, True):
        view.show_article(article, load_images=load)
        app.processEvents()
        view.grab()
    # Hover every link and picture: titles must never become rich tooltips.
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            cursor = view.textCursor()
            cursor.setPosition(fragment.position() + max(0, fragment.length() // 2))
            pos = view.cursorRect(cursor).center()
            event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
            QCoreApplication.sendEvent(view.viewport(), event)
            it += 1
        block = block.next()
    # Activate every link with the keyboard, and try to navigate directly.
    for _ in range(case["links"] + 2):
        QTest.keyClick(view, Qt.Key.Key_Tab)
        QTest.keyClick(view, Qt.Key.Key_Return)
    for target in case["navigate"]:
        view.setSource(QUrl(target))
    app.processEvents()
    view.grab()
    found = {}
    for src in case["sources"]:
        got = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(src))
        found[src] = [got.width(), got.height()] if isinstance(got, QImage) else repr(got)
    print("RENDERED", flush=True)
    sys.stdin.readline()  # the parent checks the FIFO and the open files meanwhile
    print(json.dumps({"resources": found, "source": view.source().toString(),
                      "text": view.toPlainText()}), flush=True)
    """
)


@pytest.mark.slow
def test_hostile_html_never_touches_the_filesystem(tmp_path, monkeypatch):
    """Test 1 (rows A1, A2): render in a child with RLIMIT_AS and a watchdog; exit 0."""
    work = tmp_path / "work"
    work.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(7, 5))
    (work / "secret.png").write_bytes(png_bytes(7, 5))
    fifo = work / "fifo"
    os.mkfifo(fifo)
    monkeypatch.chdir(work)
    qrc = "qrc:/qt-project.org/styles/commonstyle/images/file-16.png"
    data_png = "data:image/png;base64," + base64.b64encode(png_bytes(7, 5)).decode()
    sources = [
        "file:///dev/zero",
        "file://dev/zero",
        "/dev/zero",
        "fifo",
        "./fifo",
        str(fifo),
        "secret.png",
        "../secret.png",
        secret.as_uri(),
        str(secret),
        "file:/" + str(secret),
        qrc,
        ":/qt-project.org/styles/commonstyle/images/file-16.png",
        data_png,
    ]
    images = "".join(f'<p>image <img src="{src}"> end</p>' for src in sources)
    imports = "".join(f'<style>@import url("{src}");</style>' for src in sources)
    links = (
        '<p><a href="file:///dev/zero" title="&lt;img src=&quot;file:///dev/zero&quot;&gt;">zero</a>'
        ' <a href="fifo" title="&lt;img src=&quot;fifo&quot;&gt;">fifo link</a>'
        ' <a href="../secret.png">secret</a>'
        ' <abbr title="&lt;b&gt;x&lt;/b&gt;&lt;img src=&quot;/dev/zero&quot;&gt;">abbr</abbr>'
        ' <img src="https://example.com/p.png" title="&lt;img src=&quot;fifo&quot;&gt;"></p>'
    )
    hostile = "".join(
        [
            '<link rel="stylesheet" href="file:///dev/zero"><link rel="stylesheet" href="fifo">',
            imports,  # a stylesheet answer cached for a URL must not make Qt open it as an image
            images,
            '<table background="file:///dev/zero">'
            '<tr><td background="/dev/zero">x</td></tr></table>',
            '<p style="background-image: url(file:///dev/zero)">styled</p>',
            links,
        ]
    )
    case = {
        "html": hostile,
        "title": '<b>x</b><img src="file:///dev/zero">',
        "source": '<img src="fifo">TASS',
        "author": '<img src="/dev/zero">',
        "sources": sources,
        "links": 3,
        "navigate": ["file:///dev/zero", "fifo", str(secret), secret.as_uri()],
    }
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case), encoding="utf-8")
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO / "app"))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(case_file)],
        cwd=work,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None and proc.stdin is not None
        line = proc.stdout.readline()
        if line.strip() != "RENDERED":
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"the child crashed or hung (exit {proc.returncode}): {err[-2000:]}")
        # Nobody ever opened the FIFO for reading: a writer that will not wait finds no reader.
        with pytest.raises(OSError) as refused:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        assert refused.value.errno == errno.ENXIO
        # And nothing local is open in the child now.
        fd_dir = Path(f"/proc/{proc.pid}/fd")
        if fd_dir.is_dir():
            targets = set()
            for fd in fd_dir.iterdir():
                try:
                    targets.add(os.readlink(fd))
                except OSError:
                    continue
            assert not targets & {str(fifo), str(secret), str(work / "secret.png"), "/dev/zero"}
        proc.stdin.write("go\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=60)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err[-2000:]
    result = json.loads(out.strip().splitlines()[-1])
    assert result["source"] == ""
    for src, size in result["resources"].items():
        # The 1x1 placeholder for every one of them: no 7x5 secret, no 16x16 qrc icon.
        assert size == [1, 1], (src, size)
    assert '<b>x</b><img src="file:///dev/zero">' in result["text"]  # the title, as text


# -- test 2: links reach the OS only as http, https and (confirmed) mailto -----------------------

HOSTILE_LINKS = [
    ("file", "file:///etc/passwd"),
    ("smb", "smb://attacker.example/share"),
    ("javascript", "javascript:alert(1)"),
    ("data", "data:text/html,<script>alert(1)</script>"),
    ("settings", "ms-settings:privacy"),
    ("qrc", "qrc:/index.html"),
    ("ftp", "ftp://example.com/file"),
    ("creds", "https://user:pass@example.com/"),
    ("mangled", "file://home/user/.ssh/id_rsa"),
]
GOOD_LINKS = [
    ("web", "https://example.org/story"),
    ("plain", "http://example.org/plain"),
    ("relative", "/world/2"),
    ("protocolrel", "//cdn.example.net/x"),
]


def _link_article() -> Article:
    anchors = " ".join(
        f'<a href="{href}">{label} link</a>' for label, href in HOSTILE_LINKS + GOOD_LINKS
    )
    return make_article(
        content_html=f'<p>{anchors} <a href="mailto:desk@example.com?attach=/etc/passwd'
        '&amp;subject=Hi">mail link</a></p>'
    )


def test_keyboard_activation_lets_only_web_links_out(qtbot, view, url_spy, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(
        link_opener, "confirm", lambda address, parent: asked.append(address) or True
    )
    view.show_article(_link_article())
    activated: list[str] = []
    refused: list[str] = []
    view.link_activated.connect(activated.append)
    view.link_refused.connect(refused.append)
    view.link_activated.connect(lambda url: link_opener.open_link(url, view.article().link))
    view.setFocus()
    for _ in range(len(HOSTILE_LINKS) + len(GOOD_LINKS) + 1):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.keyClick(view, Qt.Key.Key_Return)
    # Refused, in document order (as QUrl spells them: "<" comes back as "%3C").
    assert [QUrl(r).scheme() for r in refused] == [QUrl(h).scheme() for _, h in HOSTILE_LINKS]
    assert refused[0] == "file:///etc/passwd"
    assert activated == [
        "https://example.org/story",
        "http://example.org/plain",
        "https://example.com/world/2",
        "https://cdn.example.net/x",
        "mailto:desk@example.com?attach=/etc/passwd&subject=Hi",
    ]
    assert url_spy.opened == [
        "https://example.org/story",
        "http://example.org/plain",
        "https://example.com/world/2",
        "https://cdn.example.net/x",
        "mailto:desk@example.com?subject=Hi",  # attach= never reaches the mail program
    ]
    assert asked == ["desk@example.com"]
    assert view.source().isEmpty()
    assert "file link" in view.toPlainText()  # still the article, nothing was loaded


def test_mouse_click_on_a_file_link_does_nothing(qtbot, view, url_spy):
    view.show_article(_link_article())
    with qtbot.assertNotEmitted(view.link_activated):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(view, "file link")
        )
    assert url_spy.opened == []
    assert view.source().isEmpty()
    with qtbot.waitSignal(view.link_activated) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(view, "web link")
        )
    assert blocker.args == ["https://example.org/story"]


@pytest.mark.parametrize("label, href", HOSTILE_LINKS + [("rel", "/x"), ("none", "")])
def test_open_link_refuses_everything_but_the_web(url_spy, label, href):
    assert link_opener.open_link(href) is False  # no base: even "/x" has nowhere to go
    assert url_spy.opened == []


def test_open_link_opens_the_web_and_asks_before_mail(url_spy, monkeypatch):
    answers = iter([False, True])
    monkeypatch.setattr(link_opener, "confirm", lambda address, parent: next(answers))
    assert link_opener.open_link("https://example.org/a")
    assert link_opener.open_link("b", "http://example.org/a/")
    assert not link_opener.open_link("mailto:x@example.org")  # declined
    assert link_opener.open_link("mailto:x@example.org?body=hello+there&attachment=~/.ssh/id_rsa")
    assert url_spy.opened == [
        "https://example.org/a",
        "http://example.org/a/b",
        "mailto:x@example.org?body=hello%2Bthere",
    ]


def test_mailto_confirmation_is_plain_text(qtbot):
    box = link_opener.mailto_box('<b>boss</b><img src="file:///dev/zero">@example.org')
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert '<b>boss</b><img src="file:///dev/zero">@example.org' in box.text()


def test_hover_shows_the_real_target_with_a_punycode_host(qtbot, view):
    view.show_article(
        make_article(
            content_html='<p><a href="https://аррӏе.com/login">apple link</a> '
            '<a href="javascript:alert(1)">script link</a></p>'
        )
    )
    with qtbot.waitSignal(view.link_hovered) as blocker:
        qtbot.mouseMove(view.viewport(), _anchor_point(view, "apple link"))
    assert blocker.args == ["https://xn--80ak6aa92e.com/login"]
    with qtbot.waitSignal(view.link_hovered) as blocker:
        qtbot.mouseMove(view.viewport(), _anchor_point(view, "script link"))
    assert "javascript:alert(1)" in blocker.args[0] and "Not opened" in blocker.args[0]


@pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")
def test_tooltips_show_the_target_never_the_feeds_title(qtbot, view):
    view.show_article(
        make_article(
            content_html='<p><a href="https://example.org/x" title="&lt;b&gt;BOLD&lt;/b&gt;">'
            "titled link</a></p>"
        )
    )
    pos = _anchor_point(view, "titled link")
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert "BOLD" not in QToolTip.text()
    assert "https://example.org/x" in QToolTip.text()
    QToolTip.hideText()


def test_in_page_anchors_scroll_instead_of_opening(qtbot, view, url_spy):
    view.show_article(make_article(content_html='<p><a href="#notes">to notes</a></p>'))
    with qtbot.assertNotEmitted(view.link_activated), qtbot.assertNotEmitted(view.link_refused):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(view, "to notes")
        )
    assert url_spy.opened == []


# -- rendering -----------------------------------------------------------------------------------


def test_headline_and_meta_are_escaped_in_the_document(view):
    view.show_article(
        make_article(
            title='<b>x</b><img src="file:///dev/zero">',
            feed_title="<i>TASS</i>",
            author="<u>Ivan</u>",
        )
    )
    text = view.toPlainText()
    assert '<b>x</b><img src="file:///dev/zero">' in text
    assert "<i>TASS</i> · <u>Ivan</u> · 26 October 2011, 13:39 UTC+3" in text


def test_enclosures_are_links_only_when_openable(view):
    view.show_article(
        make_article(
            enclosures=(
                Enclosure("https://cdn.example.com/audio/show%201.mp3", "audio/mpeg", 12_300_000),
                Enclosure("file:///etc/passwd", "text/plain"),
                Enclosure("javascript:alert(1)", "audio/mpeg"),
            )
        )
    )
    html = view.toHtml()
    assert "show 1.mp3" in view.toPlainText()
    assert "12.3 MB" in view.toPlainText()
    assert "passwd" not in html and "javascript" not in html


def test_image_urls_lists_web_images_only(view):
    article = make_article(
        image="https://example.com/lead.jpg",
        content_html='<p><img src="/a.png"><img src="file:///dev/zero"><img src="data:x">'
        '<img src="https://cdn.example.com/b.png#frag"><img src="/a.png"></p>',
    )
    view.show_article(article)
    # The lead picture is not fetched when the text has pictures of its own.
    assert view.image_urls() == ["https://example.com/a.png", "https://cdn.example.com/b.png"]
    view.show_article(replace(article, content_html="<p>No pictures.</p>"))
    assert view.image_urls() == ["https://example.com/lead.jpg"]


def test_fetched_images_appear_only_when_allowed(view):
    url = "https://cdn.example.com/b.png"
    view.show_article(make_article(content_html=f'<p><img src="{url}"></p>'), load_images=False)
    image = decode_image(png_bytes(40, 30), 1000)
    assert view.set_image(url, image)
    resource = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert resource.size() == QSize(1, 1)  # the placeholder: images are off
    view.set_load_images(True)
    resource = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert resource.size() == QSize(40, 30)
    assert resource.pixelColor(5, 5) == QColor("#cc3333")


def test_wide_images_fit_the_column(view):
    url = "https://cdn.example.com/wide.png"
    view.show_article(make_article(content_html=f'<p><img src="{url}"></p>'), load_images=True)
    view.set_image(url, decode_image(png_bytes(3000, 300), view.decode_width()))
    resource = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert 0 < resource.width() <= view.column_width() * view.devicePixelRatioF()


def test_image_key_is_one_spelling():
    assert image_key("https://EXAMPLE.com/a b.png#x") == "https://example.com/a%20b.png"
    assert image_key("/a.png", "https://example.com/x/") == "https://example.com/a.png"
    assert image_key("a.png", "file:///home/user/") is None
    assert image_key("https://пример.рф/к.png") == "https://xn--e1afmkfd.xn--p1ai/%D0%BA.png"


# -- decoding ------------------------------------------------------------------------------------


def test_decode_image_scales_and_refuses_junk():
    assert decode_image(png_bytes(800, 400), 200).size() == QSize(200, 100)
    assert decode_image(png_bytes(1, 1), 200).isNull()
    assert decode_image(png_bytes(1, 300), 200).isNull()
    assert decode_image(b"", 200).isNull()
    assert decode_image(b"not an image at all", 200).isNull()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect/></svg>'
    assert decode_image(svg, 200).isNull()


def test_decode_image_refuses_a_png_bomb_without_allocating_it():
    bomb = png_bomb()
    assert len(bomb) < 1_500_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    image = decode_image(bomb, 800)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert image.isNull()
    assert after - before < 100_000  # KiB: nowhere near the 400 MB the pixels would take


# -- the dateline --------------------------------------------------------------------------------


def test_dateline_in_the_sources_zone_with_the_readers_time():
    article = make_article()
    assert format_dateline(article, EN_GB, MSK) == "26 October 2011, 13:39 UTC+3"
    assert format_dateline(article, EN_GB, UTC) == "26 October 2011, 13:39 UTC+3 (10:39 your time)"
    late = replace(article, published=datetime(2011, 10, 26, 22, 30, tzinfo=UTC))
    assert format_dateline(late, EN_GB, timezone(timedelta(hours=-5))) == (
        "27 October 2011, 01:30 UTC+3 (26 October 2011, 17:30 your time)"
    )
    west = replace(article, utc_offset_minutes=-300)
    assert format_dateline(west, EN_GB, UTC).startswith("26 October 2011, 05:39 UTC\u22125 (")
    no_zone = replace(article, utc_offset_minutes=None)
    assert format_dateline(no_zone, EN_GB, UTC) == "26 October 2011, 10:39 UTC"


def test_dateline_follows_the_locale():
    article = make_article()
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert format_dateline(article, us, MSK) == "October 26, 2011, 1:39\u202fPM UTC+3" or (
        format_dateline(article, us, MSK) == "October 26, 2011, 1:39 PM UTC+3"
    )
    ru = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    assert format_dateline(article, ru, MSK).startswith("26 октября 2011")


@pytest.mark.parametrize(
    "note, words",
    [
        (DateNote.MISSING, "date not given"),
        (DateNote.INVALID, "date unreadable"),
        (DateNote.FUTURE, "dated in the future"),
    ],
)
def test_dateline_says_when_the_date_is_unknown(note, words):
    text = format_dateline(make_article(date_note=note), EN_GB, MSK)
    assert text == f"{words}; first seen 26 October 2011, 13:39 UTC+3"


class MarkingTranslator(QTranslator):
    """Answers ArticleView's strings with a marked copy and notes which ones were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def translate(  # type: ignore[override]  # PySide6 stubs name the arguments differently
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context != "ArticleView":
            return source
        self.asked.add(source)
        return f"«{source}»"

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def _lupdate_sources(path: Path, tmp_path: Path) -> set[str] | None:
    """What ``pyside6-lupdate`` extracts from ``path`` for ArticleView (None: no lupdate)."""
    beside = Path(sys.executable).parent / "pyside6-lupdate"
    tool = str(beside) if beside.exists() else shutil.which("pyside6-lupdate")
    if tool is None:
        return None
    out = tmp_path / "article_view.ts"
    run = subprocess.run(
        [tool, "-silent", str(path), "-ts", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    root = ET.parse(out).getroot()
    return {
        message.findtext("source") or ""
        for context in root.iter("context")
        if context.findtext("name") == "ArticleView"
        for message in context.iter("message")
    }


@pytest.fixture
def marking(qapp):  # type: ignore[no-untyped-def]
    """A translator for ArticleView installed for one test (process-wide, so removed after)."""
    translator = MarkingTranslator()
    assert qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_every_string_the_view_translates_is_one_lupdate_extracts(qtbot, view, marking, tmp_path):
    article = make_article()
    assert format_dateline(article, EN_GB, UTC) == (
        "26 October 2011, 13:39 UTC+3 «(10:39 your time)»"
    )
    for note, words in [
        (DateNote.MISSING, "date not given"),
        (DateNote.INVALID, "date unreadable"),
        (DateNote.FUTURE, "dated in the future"),
    ]:
        text = format_dateline(replace(article, date_note=note), EN_GB, MSK)
        assert text == f"«{words}; first seen 26 October 2011, 13:39 UTC+3»"
    # A note the view does not know by name still says when the article was first seen.
    assert (
        format_dateline(
            replace(article, date_note="later"),  # type: ignore[arg-type]  # a future DateNote
            EN_GB,
            MSK,
        )
        == "«first seen 26 October 2011, 13:39 UTC+3»"
    )
    view.show_article(
        replace(
            article,
            content_html='<p><a href="javascript:alert(1)">script link</a></p>',
            enclosures=(Enclosure("https://cdn.example.com/show.mp3", "audio/mpeg"),),
        )
    )
    assert "«Attachments»" in view.toPlainText()
    with qtbot.waitSignal(view.link_hovered) as blocker:
        qtbot.mouseMove(view.viewport(), _anchor_point(view, "script link"))
    assert blocker.args[0].startswith("«Not opened (not a web link): javascript:alert(1)")
    assert len(marking.asked) >= 7
    extracted = _lupdate_sources(REPO / "app/newsdesk/ui/widgets/article_view.py", tmp_path)
    if extracted is None:
        pytest.skip("pyside6-lupdate is not installed")
    assert marking.asked <= extracted, marking.asked - extracted


def test_meta_skips_an_author_that_is_the_source():
    article = make_article(author="  tass ", feed_title="TASS\n")
    assert format_meta(article, EN_GB, MSK) == "TASS · 26 October 2011, 13:39 UTC+3"


def test_enter_on_a_link_then_tab_moves_on_to_the_next_link(qtbot, view):
    view.show_article(
        make_article(
            content_html='<p><a href="https://a.example/">one</a> <a href="https://b.example/">'
            'two</a> <a href="https://c.example/">three</a></p>'
        )
    )
    activated: list[str] = []
    view.link_activated.connect(activated.append)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated == ["https://a.example/", "https://b.example/", "https://c.example/"]


def test_the_apps_own_page_follows_palette_and_is_replaced_by_an_article(qtbot, view):
    view.show_message('<h1>Welcome</h1><p>Press <b>F5</b>. <a href="https://a.example/">A</a></p>')
    assert view.message() is not None and view.article() is None
    assert "Press F5." in view.toPlainText()
    # Its links take the palette's link colour, again after a palette change.
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Link, QColor("#82b4ff"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#1c1d20"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e9eaec"))
    view.setPalette(palette)
    flags = QTextDocument.FindFlag.FindCaseSensitively | QTextDocument.FindFlag.FindWholeWords
    cursor = view.document().find("A", 0, flags)
    assert cursor.charFormat().isAnchor()
    assert cursor.charFormat().foreground().color() == QColor("#82b4ff")
    assert "Welcome" in view.toPlainText()  # re-rendered, still the same page
    view.show_article(make_article(title="Real news"))
    assert view.message() is None and view.article() is not None
    assert "Welcome" not in view.toPlainText()


def test_font_scale_sizes_the_text_and_the_column(view):
    view.show_article(make_article(content_html="<p>" + "Words to read. " * 80 + "</p>"))
    size, column = view.font().pointSizeF(), view.comfortable_width()
    view.set_font_scale(1.5)
    assert view.font_scale() == 1.5
    assert view.font().pointSizeF() == pytest.approx(size * 1.5)
    assert view.comfortable_width() > column * 1.3  # the column grows with the letters
    view.set_font_scale(0.1)
    assert view.font_scale() == 0.5
