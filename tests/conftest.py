"""Test set-up shared by every test: headless Qt, the fixture folder, a throw-away profile."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports PySide6: render offscreen, never on a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may write to the real user folders.
os.environ.pop("NEWSDESK_PROFILE", None)

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(os.environ.get("NEWSDESK_FIXTURES", REPO.parent / "shared" / "fixtures"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The shared folder of real feeds, OPML lists and rate files (test data only)."""
    if not FIXTURES.is_dir():
        pytest.fail(f"The shared fixtures are missing: {FIXTURES} (set NEWSDESK_FIXTURES).")
    return FIXTURES


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A fresh profile folder for one test."""
    folder = tmp_path / "profile"
    folder.mkdir()
    return folder


@pytest.fixture
def feed_server(fixtures_dir: Path):  # type: ignore[no-untyped-def]
    """A loopback HTTP server serving ``fixtures/feeds`` (see tests/helpers/feedserver.py)."""
    from tests.helpers.feedserver import FeedServer

    server = FeedServer(fixtures_dir / "feeds").start()
    yield server
    server.stop()
