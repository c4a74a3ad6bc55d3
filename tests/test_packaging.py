"""The resources ship: a built wheel carries them where newsdesk.core.resources looks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newsdesk.core.resources import resource_path, resources_dir

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("default-feeds.opml", "topics.json")


def test_resources_are_found_from_this_install():
    assert resources_dir().is_dir()
    for name in SHIPPED:
        assert resource_path(name).is_file()


@pytest.mark.slow
def test_wheel_carries_the_resources_and_no_fixtures(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("newsdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in SHIPPED:
        assert f"newsdesk/resources/{name}" in names
    assert not any("fixtures" in n or n.startswith("tests/") for n in names)
