"""Settings: typed values, dotted keys, atomic saves, and recovery from damaged files."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.core import settings as s
from newsdesk.core.errors import SettingsError

REPO = Path(__file__).resolve().parents[2]


def test_defaults_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    s.save(s.Settings(), path)
    loaded = s.load(path)
    assert loaded.settings == s.Settings()
    assert loaded.warnings == ()
    assert json.loads(path.read_text())["version"] == s.SCHEMA_VERSION


def test_dotted_keys_convert_strings_to_the_setting_type():
    new = (
        s.Settings()
        .with_value("network.read_timeout", "2.5")
        .with_value("refresh.interval_minutes", "15")
        .with_value("privacy.load_remote_images", "yes")
        .with_value("topics.followed", "politics, sport")
    )
    assert new.network.read_timeout == 2.5
    assert new.refresh.interval_minutes == 15
    assert new.privacy.load_remote_images is True
    assert new.topics.followed == ("politics", "sport")
    assert new.get("topics.followed") == ("politics", "sport")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("network.nope", "1", "no setting called"),
        ("refresh.interval_minutes", "1", "between 5"),
        ("refresh.interval_minutes", "ten", "whole number"),
        ("network.read_timeout", "nan", "finite"),
        ("privacy.load_remote_images", "maybe", "true or false"),
        ("appearance.theme", "purple", "one of"),
    ],
)
def test_bad_values_are_refused_with_the_setting_named(key, value, message):
    with pytest.raises(SettingsError, match=message):
        s.Settings().with_value(key, value)


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe garbage", b"[1, 2]", b'{"version": "x"}', b'{"network": NaN}', b"null"],
)
def test_corrupt_file_is_moved_aside_and_defaults_used(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded = s.load(path)
    assert loaded.settings == s.Settings()
    assert loaded.moved_aside is not None and loaded.moved_aside.read_bytes() == content
    assert not path.exists()
    assert "damaged" in loaded.warnings[0]


def test_wrong_types_fall_back_per_key_with_a_warning(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "network": {"read_timeout": "slow", "connect_timeout": 3},
                "refresh": {"interval_minutes": 10**12, "on_start": False},
                "unknown": {"x": 1},
            }
        )
    )
    loaded = s.load(path)
    assert loaded.settings.network.read_timeout == s.NetworkSettings().read_timeout
    assert loaded.settings.network.connect_timeout == 3
    assert loaded.settings.refresh.interval_minutes == s.RefreshSettings().interval_minutes
    assert loaded.settings.refresh.on_start is False
    assert len(loaded.warnings) == 2


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"version": 1, "appearance": {"theme": "dark"}}).encode()
    )
    assert s.load(path).settings.appearance.theme == "dark"


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    s.save(s.Settings(), path)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        s.save(s.Settings().with_value("appearance.theme", "dark"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp file left behind


CHILD = """
import sys
sys.path.insert(0, {app!r})
from pathlib import Path
from newsdesk.core import settings as s
path = Path({path!r})
n = 0
print("ready", flush=True)
while True:
    n += 1
    s.save(s.Settings().with_value("refresh.max_entries_per_feed", str(n % 50000 + 1)), path)
"""


@pytest.mark.slow
def test_killing_a_writer_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "settings.json"
    code = CHILD.format(app=str(REPO / "app"), path=str(path))
    rng = random.Random(7)
    deadline = time.monotonic() + 60
    kills = 0
    while kills < 60 and time.monotonic() < deadline:
        with subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(rng.uniform(0.0, 0.05))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        kills += 1
        if path.exists():
            loaded = s.load(path)
            assert loaded.warnings == (), loaded.warnings
            assert 1 <= loaded.settings.refresh.max_entries_per_feed <= 50000
    assert kills >= 20
    assert path.exists()


def test_a_manual_proxy_survives_a_save_and_load(tmp_path: Path) -> None:
    """The proxy mode and its address are checked together, whatever their order in the file."""
    path = tmp_path / "settings.json"
    chosen = dataclasses.replace(
        s.Settings(),
        network=dataclasses.replace(
            s.Settings().network, proxy="manual", proxy_url="http://127.0.0.1:3128"
        ),
    )
    s.save(chosen, path)
    loaded = s.load(path)
    assert loaded.warnings == ()
    assert loaded.settings.network.proxy == "manual"
    assert loaded.settings.network.proxy_url == "http://127.0.0.1:3128"


def test_a_manual_proxy_without_an_address_falls_back_to_the_system_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": 1, "network": {"proxy": "manual", "proxy_url": "ftp://x"}})
    )
    loaded = s.load(path)
    assert loaded.settings.network.proxy == "system"
    assert loaded.settings.network.proxy_url == ""
    assert any("network.proxy_url" in w for w in loaded.warnings)


def test_a_bad_base_currency_is_refused_by_name() -> None:
    with pytest.raises(SettingsError, match="rates.base"):
        s.Settings().with_value("rates.base", "dollars")
