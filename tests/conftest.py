"""Test set-up shared by every test: headless Qt, the fixture folder, a throw-away profile."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports PySide6: render offscreen, never on a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may write to the real user folders.
os.environ.pop("NEWSDESK_PROFILE", None)

import socket  # noqa: E402

import pytest  # noqa: E402

_real_getaddrinfo = socket.getaddrinfo
_LOOPBACK = ("127.", "localhost", "::1", "0.0.0.0")


def _loopback_only(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Tests talk to 127.0.0.1 only: a name lookup of any other host is a test bug."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if host is not None and not name.startswith(_LOOPBACK):
        raise OSError(f"test tried to reach {name!r}; tests may only use loopback servers")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_only

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(os.environ.get("NEWSDESK_FIXTURES", REPO.parent / "shared" / "fixtures"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The shared folder of real feeds, OPML lists and rate files (test data only)."""
    if not FIXTURES.is_dir():
        pytest.fail(f"The shared fixtures are missing: {FIXTURES} (set NEWSDESK_FIXTURES).")
    return FIXTURES


#: Nothing listens on the discard port: a test that forgets to point an address at its own
#: loopback server fails fast instead of reaching for the internet.
NOWHERE = "http://127.0.0.1:9/"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A fresh profile folder for one test, whose rate addresses lead nowhere."""
    from newsdesk.core import settings as s

    folder = tmp_path / "profile"
    (folder / "config").mkdir(parents=True)
    quiet = s.Settings()
    for key in ("ecb_url", "ecb_history_url", "cbr_url", "frankfurter_url", "open_er_api_url"):
        quiet = quiet.with_value(f"rates.{key}", NOWHERE + key)
    s.save(quiet, folder / "config" / "settings.json")
    return folder


@pytest.fixture
def feed_server(fixtures_dir: Path):  # type: ignore[no-untyped-def]
    """A loopback HTTP server serving ``fixtures/feeds`` (see tests/helpers/feedserver.py)."""
    from tests.helpers.feedserver import FeedServer

    server = FeedServer(fixtures_dir / "feeds").start()
    yield server
    server.stop()
