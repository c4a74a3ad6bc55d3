"""Find the files of the top-level ``resources/`` folder.

An installed wheel carries them as ``newsdesk/resources`` (hatchling's force-include); a checkout
and an editable install read the repository's ``resources/`` folder directly, because
force-included files are invisible to an editable install.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding the shipped resources."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "resources", package.parent.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("The Newsdesk resources folder is missing from this installation.")


def resource_path(name: str) -> Path:
    """The path of one shipped resource file."""
    return resources_dir() / name
