"""Make the README's screenshots: a profile filled from real feeds served on loopback.

Run with ``make screenshots``. It needs the shared test fixtures beside the repository
(``../shared/fixtures``); they are test data and are never shipped, only pictured. The window
is taken in the light theme (``main-window.png``, ``converter.png``) and the dark one
(``main-window-dark.png``), then in Russian (``main-window-ru.png``); the Settings dialog's
pages in both languages (``settings-<page>.png``, ``settings-<page>-ru.png``).
``python packaging/screenshots.py DIR`` saves them in DIR instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.helpers.feedserver

FEEDS = [
    ("News", "real/guardian-us-rss2.xml", "The Guardian"),
    ("News", "real/google-news-rss2.xml", ""),
    ("News", "real/cnn-topstories-feedburner-rss2.xml", ""),
    ("News", "real/tut-by-news-rss2.xml", ""),
    ("News", "real/aif-ru-rss2-yandex-fulltext.xml", ""),
    ("News", "real/lemonde-une-rss2.xml", ""),
    ("News", "real/washingtonpost-wellness-rss2.xml", ""),
    ("Partner news", "real/oren-ru-news-rss2-windows-1251.xml", ""),
    ("Partner news", "real/pikabu-ru-rss2-windows-1251.xml", ""),
    ("Partner news", "real/bbc-urdu-rss2.xml", ""),
]


def main(argv: list[str]) -> int:
    """Fill a throw-away profile, open the window with an article, save PNGs."""
    from PySide6.QtWidgets import QApplication

    from newsdesk.core.profile import open_profile
    from newsdesk.core.refresh import Refresher
    from newsdesk.ui.i18n import install_translation, uninstall_translation
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.theme import apply_theme
    from tests.helpers.feedserver import FeedServer, Reply

    fixtures = Path(os.environ.get("NEWSDESK_FIXTURES", REPO.parent / "shared" / "fixtures"))
    out = Path(argv[0]) if argv else REPO / "packaging" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    feeds = FeedServer(fixtures / "feeds").start()
    rates = FeedServer(fixtures / "rates").start()
    cbr = (fixtures / "rates" / "cbr-xml-daily-2026-04-25.cp1251.xml").read_bytes()
    cbr_type = {"Content-Type": "text/xml; charset=windows-1251"}
    rates.route("/cbr", lambda seen: Reply(200, cbr, cbr_type))
    app = QApplication.instance() or QApplication([])
    try:
        with (
            tempfile.TemporaryDirectory() as folder,
            open_profile(folder, seed_defaults=False) as profile,
        ):
            settings = profile.settings
            for key, value in {
                "rates.ecb_url": rates.url("/plain/ecb-eurofxref-daily-2026-07-06.xml"),
                "rates.ecb_history_url": rates.url(
                    "/plain/ecb-eurofxref-hist-90d-2024-11-28_2025-02-25.xml"
                ),
                "rates.cbr_url": rates.url("/cbr"),
                "refresh.retention_days": "0",
            }.items():
                settings = settings.with_value(key, value)
            profile.save_settings(settings)
            profile.storage.add_feeds(
                (feeds.url(f"/feeds/{path}"), title, group, "") for group, path, title in FEEDS
            )
            with Refresher(profile.storage, profile.settings, profile.taxonomy) as refresher:
                refresher.run()
            from newsdesk.core.net import make_session

            service = profile.rate_service()
            with make_session() as session:
                service.refresh(session)
                service.backfill_history(session)
            apply_theme(app, "light")
            window = MainWindow(profile)
            window.resize(1480, 900)
            window.show()
            app.processEvents()
            from PySide6.QtWidgets import QLineEdit

            from newsdesk.core.model import ArticleQuery

            guardian = next(f.id for f in profile.storage.feeds() if f.title == "The Guardian")
            story = profile.storage.articles(ArticleQuery(feed_id=guardian), limit=5).articles
            window.next_article()
            window.select_article(story[-1].id)
            amount = window.converter.findChild(QLineEdit, "amount")
            if amount is not None:
                amount.setText("100")
            window.converter.set_pair("USD", "RUB")
            for _ in range(5):  # let pending layout requests run, as the event loop would
                app.processEvents()
            window.grab().save(str(out / "main-window.png"))
            window.converter.grab().save(str(out / "converter.png"))
            apply_theme(app, "dark")
            for _ in range(5):  # the new palette reaches the window through posted events
                app.processEvents()
            window.grab().save(str(out / "main-window-dark.png"))
            window.close()
            apply_theme(app, "light")
            for language, suffix in (("en", ""), ("ru", "-ru")):
                install_translation(app, language)
                window = MainWindow(profile)
                window.resize(1480, 900)
                window.show()
                window.select_article(story[-1].id)
                amount = window.converter.findChild(QLineEdit, "amount")
                if amount is not None:
                    amount.setText("100")
                window.converter.set_pair("USD", "RUB")
                for _ in range(5):
                    app.processEvents()
                if suffix:
                    window.grab().save(str(out / f"main-window{suffix}.png"))
                _settings_pages(app, profile, window, out, suffix)
                window.close()
            uninstall_translation(app)
    finally:
        feeds.stop()
        rates.stop()
    print(f"screenshots saved in {out}")  # noqa: T201 (a command-line tool)
    return 0


def _settings_pages(app, profile, window, out: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """Save each page of the Settings dialog as settings-<page><suffix>.png."""
    from newsdesk.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(profile, parent=window)
    dialog.resize(820, 600)
    dialog.show()
    for page in dialog.pages:
        dialog.show_page(page)
        for _ in range(3):
            app.processEvents()
        name = type(page).__name__.removesuffix("Page").lower()
        dialog.grab().save(str(out / f"settings-{name}{suffix}.png"))
    dialog.reject()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
