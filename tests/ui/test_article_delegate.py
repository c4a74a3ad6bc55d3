"""The article row delegate: it paints real feeds in light and dark palettes, measures day
headers only where a day starts, and words times as a news agency would."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyleOptionViewItem

from newsdesk.core import feeds
from newsdesk.core.model import ArticleQuery, DateNote, ParsedEntry, ParsedFeed
from newsdesk.core.profile import Profile
from newsdesk.core.topics import Taxonomy
from newsdesk.ui.models.article_list import ArticleListModel
from newsdesk.ui.widgets.article_delegate import ArticleDelegate
from tests.ui.conftest import LIST_FEEDS

Role = ArticleListModel.Role

FEEDS = LIST_FEEDS
HOSTILE = '<b>x</b><img src="file:///dev/zero">'


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(before)


def local(*args: int) -> datetime:
    """An aware datetime at a wall-clock time of the machine's own zone."""
    return datetime(*args).astimezone()  # type: ignore[arg-type]


def store_entries(p: Profile, rows: Sequence[tuple[str, datetime, tuple[str, ...]]]) -> None:
    feed_id = p.storage.add_feed("https://example.com/rss", "Example Agency")
    assert feed_id is not None
    entries = tuple(
        ParsedEntry(
            f"k{i}",
            title,
            f"https://example.com/{i}",
            "",
            "",
            "",
            "",
            when.astimezone(UTC),
            180,
            DateNote.OK,
        )
        for i, (title, when, _topics) in enumerate(rows)
    )
    topics = {title: codes for title, _when, codes in rows}
    p.storage.store_feed(
        feed_id, ParsedFeed("Example", None, "rss20", entries), topics_of=lambda e: topics[e.title]
    )


def make_view(qtbot, p: Profile, now: datetime, width: int = 520, height: int = 700):
    model = ArticleListModel(p.storage, page_size=60)
    model.set_query(ArticleQuery())
    view = QListView()
    qtbot.addWidget(view)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setModel(model)
    delegate = ArticleDelegate(p.taxonomy, view, language="en", now=lambda: now)
    view.setItemDelegate(delegate)
    view.resize(width, height)
    return model, view, delegate


def option_for(view: QListView) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.widget = view
    return option


def distinct_colours(image, step: int = 7) -> int:  # type: ignore[no-untyped-def]
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_paints_real_feeds(qtbot, unseeded, fixtures_dir, tmp_path, dark):
    fetched = datetime.now(UTC)
    for name in FEEDS:
        url = f"https://example.org/{name}"
        feed_id = unseeded.storage.add_feed(url, "", "News")
        parsed = feeds.parse(
            (fixtures_dir / "feeds" / "real" / name).read_bytes(), "", url, fetched_at=fetched
        )
        unseeded.storage.store_feed(
            feed_id,
            parsed,
            topics_of=lambda e: unseeded.taxonomy.classify(e.title, e.text, e.categories),
        )
    store_entries(unseeded, [(HOSTILE, local(2030, 1, 1, 12, 0), ("politics",))])
    newest = unseeded.storage.articles(limit=1).articles[0].published
    model, view, _delegate = make_view(qtbot, unseeded, newest + timedelta(hours=2))
    if dark:
        palette = QPalette(view.palette())
        for role, colour in (
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(colour))
        view.setPalette(palette)
    model.toggle_starred(1)
    model.set_read(2, True)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(model.index(3))
    pixmap = view.grab()
    assert not pixmap.isNull()
    assert pixmap.save(str(tmp_path / "article_list.png"))
    image = pixmap.toImage()
    assert distinct_colours(image) > 20  # text, chips, star, selection: more than a blank list
    base = view.palette().color(QPalette.ColorRole.Base)
    corner = QColor(image.pixel(image.width() // 2, image.height() - 3))
    assert abs(corner.lightness() - base.lightness()) < 80  # the rows use the palette's base
    assert model.index(0).data(Qt.ItemDataRole.DisplayRole) == HOSTILE


def test_size_hint_has_the_day_header_only_on_the_first_row_of_a_day(qtbot, unseeded, english):
    store_entries(
        unseeded,
        [
            ("Same headline", local(2026, 11, 28, 11, 0), ("politics",)),
            ("Same headline", local(2026, 11, 28, 9, 0), ("politics",)),
            ("Same headline", local(2026, 11, 27, 18, 0), ("politics",)),
            ("Same headline", local(2026, 11, 27, 8, 0), ("politics",)),
        ],
    )
    model, view, delegate = make_view(qtbot, unseeded, local(2026, 11, 28, 13, 0))
    option = option_for(view)
    indexes = [model.index(r) for r in range(4)]
    assert [delegate.starts_day(i) for i in indexes] == [True, False, True, False]
    heights = [delegate.sizeHint(option, i).height() for i in indexes]
    assert heights[0] == heights[2] > heights[1] == heights[3]
    header = heights[0] - heights[1]
    assert header >= view.fontMetrics().height()
    assert delegate.day_text(indexes[0].data(Role.DAY)) == "Today"
    assert delegate.day_text(indexes[2].data(Role.DAY)) == "Yesterday"


def test_titles_take_two_lines_at_most(qtbot, unseeded):
    long = " ".join(["Negotiators"] * 60)
    # One a day, so that every row has a day header and the heights compare.
    store_entries(
        unseeded,
        [
            ("Short", local(2026, 11, 28, 11, 0), ()),
            ("Talks resume as negotiators meet again " * 2, local(2026, 11, 27, 11, 0), ()),
            (long, local(2026, 11, 26, 11, 0), ()),
        ],
    )
    model, view, delegate = make_view(qtbot, unseeded, local(2026, 11, 28, 13, 0), width=420)
    option = option_for(view)
    short, two, many = (delegate.sizeHint(option, model.index(r)).height() for r in range(3))
    assert short < two == many
    view.show()
    qtbot.waitExposed(view)
    assert not view.grab().isNull()


def test_day_headers_and_times_are_worded_for_a_reader(qtbot, unseeded, english):
    now = local(2026, 11, 28, 16, 0)
    store_entries(unseeded, [("A", local(2026, 11, 28, 13, 39), ())])
    model, _view, delegate = make_view(qtbot, unseeded, now)
    assert delegate.day_text(local(2026, 11, 25, 9, 0).date()) == "Wednesday, 25 November"
    assert delegate.day_text(local(2019, 11, 13, 9, 0).date()) == "Wednesday, 13 November 2019"
    article = model.article(0)
    local_offset = article.published.astimezone().utcoffset()
    if local_offset == timedelta(hours=3):
        assert delegate.time_text(article) == "13:39"
    else:  # shown as the source published it, with its zone
        expected = article.published.astimezone(UTC) + timedelta(hours=3)
        assert delegate.time_text(article).endswith(f"{expected:%H:%M} UTC+3")
    assert delegate.relative_text(now - timedelta(seconds=20)) == "just now"
    assert delegate.relative_text(now - timedelta(minutes=5)) == "5 min ago"
    assert delegate.relative_text(now - timedelta(hours=2, minutes=21)) == "2 h ago"
    assert delegate.relative_text(now - timedelta(days=3)) == "3 d ago"
    assert delegate.relative_text(now - timedelta(days=30)) == ""


def test_topic_chips_use_the_ui_language(unseeded):
    delegate = ArticleDelegate(unseeded.taxonomy, language="ru")
    assert delegate.topic_name("politics") == "Политика"
    assert delegate.topic_name("no-such-topic") == "no-such-topic"


def test_a_wider_view_is_measured_again(qtbot, unseeded):
    store_entries(unseeded, [("Headline " * 12, local(2026, 11, 28, 11, 0), ())])
    _model, view, delegate = make_view(qtbot, unseeded, local(2026, 11, 28, 13, 0), width=300)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(delegate.sizeHintChanged):
        view.resize(900, 700)


def test_compact_density_fits_more_rows_with_one_line_titles(qtbot, unseeded):
    long = "Talks resume as negotiators meet again in Geneva " * 2
    store_entries(
        unseeded,
        [(f"{long} {n}", local(2026, 11, 28, 11, n), ("politics",)) for n in range(30)],
    )
    model, view, delegate = make_view(qtbot, unseeded, local(2026, 11, 28, 13, 0), width=420)
    view.show()
    qtbot.waitExposed(view)
    option = option_for(view)
    comfortable = [delegate.sizeHint(option, model.index(r)).height() for r in range(3)]
    rows_comfortable = view.indexAt(view.viewport().rect().bottomLeft()).row()
    assert delegate.density() == "comfortable"
    with qtbot.waitSignal(delegate.sizeHintChanged, timeout=1000):
        delegate.set_density("compact")
    compact = [delegate.sizeHint(option, model.index(r)).height() for r in range(3)]
    assert all(c < w for c, w in zip(compact, comfortable, strict=True))
    title_line = QFontMetricsF(view.font()).lineSpacing()
    # The long title lost its second line, and the paddings shrank too.
    assert comfortable[1] - compact[1] > title_line
    qtbot.waitUntil(
        lambda: view.indexAt(view.viewport().rect().bottomLeft()).row() > rows_comfortable,
        timeout=3000,
    )
    delegate.set_density("comfortable")
    assert [delegate.sizeHint(option, model.index(r)).height() for r in range(3)] == comfortable
    with pytest.raises(ValueError, match="dense"):
        delegate.set_density("dense")


def test_new_topic_names_reach_the_chips(unseeded):
    delegate = ArticleDelegate(unseeded.taxonomy, language="en")
    assert delegate.topic_name("politics") == "Politics"
    renamed = [
        replace(t, names={**t.names, "en": "Government"}) if t.code == "politics" else t
        for t in unseeded.taxonomy.topics
    ]
    delegate.set_taxonomy(Taxonomy(renamed))
    assert delegate.topic_name("politics") == "Government"
