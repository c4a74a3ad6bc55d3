"""The frozen program's entry point (PyInstaller runs this file as ``__main__``).

The refresh code parses feeds in a ``spawn`` process pool. A frozen executable has no Python
interpreter to start for those workers: it starts *itself* again with multiprocessing's
arguments, and ``freeze_support()`` must see them and run the worker before anything else
happens (no argument parsing, no Qt). PyInstaller's runtime hook makes ``freeze_support()``
work on Linux and macOS as well as on Windows.
"""

import multiprocessing
import os
import sys


def _clean_environment_for_children() -> None:
    """Linux: programs Newsdesk starts (xdg-open and the browser behind it) get the user's setup.

    The bootloader points LD_LIBRARY_PATH at the bundle (and restarts itself so that the
    loader uses it), and PyInstaller's PySide6 hook sets QT_PLUGIN_PATH to the bundled plugins.
    Inherited, they make a Qt program opened for a link (kde-open, a Qt browser) load our Qt
    build instead of its own and crash. This process no longer needs them: the loader read
    LD_LIBRARY_PATH at start-up, and PySide6 finds its plugins through its built-in qt.conf.
    """
    if not (sys.platform.startswith("linux") and getattr(sys, "frozen", False)):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original
    for name in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        os.environ.pop(name, None)
    # Our own pool workers, started from this executable, then set the library path up again
    # as a new top-level instance would (instead of expecting to inherit it).
    os.environ["PYINSTALLER_RESET_ENVIRONMENT"] = "1"


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _clean_environment_for_children()

    from newsdesk.cli import main

    raise SystemExit(main())
