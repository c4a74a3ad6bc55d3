"""The Linux package as a person gets it: build, validate, install, run, remove.

Skipped unless ``NEWSDESK_PACKAGE_TEST=1``: it runs ``make package`` (PyInstaller and the .deb,
about 30 s), installs the .deb system-wide with apt (root only) and removes it again. ``.ci/run``
runs it after the main suite; packaging/INSTALL.md lists the Debian packages it needs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk import __version__

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
INSTALLED = Path("/opt/newsdesk")
LAUNCHER = Path("/usr/bin/newsdesk")

pytestmark = [
    pytest.mark.slow,
    # The first test that needs the .deb waits for `make package` (a minute on a busy machine).
    pytest.mark.timeout(900),
    pytest.mark.skipif(
        os.environ.get("NEWSDESK_PACKAGE_TEST") != "1",
        reason="builds and installs the .deb system-wide: set NEWSDESK_PACKAGE_TEST=1",
    ),
]


def _run(*cmd: str | Path, timeout: float = 120, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.fail(f"missing tools: {' '.join(missing)} (see packaging/INSTALL.md)")


def _report(config: pytest.Config, line: str) -> None:
    """Print a measurement into the test log, also under -q."""
    reporter = config.pluginmanager.getplugin("terminalreporter")
    capture = config.pluginmanager.getplugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"package: {line}")


def _mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*")) / 1e6


@pytest.fixture(scope="module")
def deb(pytestconfig: pytest.Config) -> Path:
    """Run ``make package`` once; the .deb it leaves in dist/."""
    _need("dpkg-deb", "objdump", "patchelf")
    command = ["make", "package"] if shutil.which("make") else ["bash", "packaging/build-linux.sh"]
    start = time.monotonic()
    done = _run(*command, cwd=REPO, timeout=900)
    seconds = time.monotonic() - start
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    (package,) = DIST.glob(f"newsdesk_{__version__}_*.deb")
    _report(
        pytestconfig,
        f"{' '.join(command)} {seconds:.0f} s; bundle {_mb(DIST / 'newsdesk'):.0f} MB, "
        f"{package.name} {_mb(package):.0f} MB",
    )
    return package


@pytest.fixture
def installed(deb: Path) -> Iterator[Path]:
    """The package installed with apt (which pulls its Depends), removed again afterwards."""
    if os.geteuid() != 0:
        pytest.fail("installing the .deb needs root")
    _need("apt-get", "dpkg")
    done = _run(
        "apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q",
        "--no-install-recommends", f"./{deb.relative_to(REPO)}",
        cwd=REPO, timeout=600, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    try:
        yield LAUNCHER
    finally:
        _run("dpkg", "-r", "newsdesk", timeout=300)


def _control(deb: Path) -> dict[str, str]:
    text = _run("dpkg-deb", "--field", deb).stdout
    return dict(re.findall(r"^([\w-]+): (.*)$", text, re.M))


def test_package_declares_version_glibc_and_qt_libraries(deb: Path) -> None:
    fields = _control(deb)
    assert fields["Package"] == "newsdesk"
    assert fields["Version"] == __version__
    depends = fields["Depends"]
    glibc = re.search(r"libc6 \(>= (2\.\d+)\)", depends)
    assert glibc, depends
    # The highest GLIBC_ symbol version any bundled file needs is what the package declares.
    bundle = DIST / "newsdesk"
    elves = [p for p in bundle.rglob("*") if p.is_file() and ".so" in p.name]
    elves.append(bundle / "newsdesk")
    needed = set(re.findall(r"GLIBC_(2\.\d+)", _run("objdump", "-T", *elves).stdout))
    assert max(needed, key=lambda v: tuple(map(int, v.split(".")))) == glibc.group(1)
    for lib in ("libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libxcb-cursor0"):
        assert lib in depends


def test_desktop_file_and_metainfo_validate() -> None:
    _need("desktop-file-validate", "appstreamcli")
    done = _run("desktop-file-validate", REPO / "resources" / "newsdesk.desktop")
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    # --no-net: otherwise appstreamcli tries to fetch every URL and fails offline.
    metainfo = REPO / "resources" / "io.newsdesk.Newsdesk.metainfo.xml"
    done = _run("appstreamcli", "validate", "--no-net", metainfo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f'<release version="{__version__}"' in metainfo.read_text(encoding="utf-8")


def test_installed_tree_passes_appstream(deb: Path, tmp_path: Path) -> None:
    """Inside the package: metainfo, desktop file and icon find each other."""
    _need("appstreamcli")
    root = tmp_path / "root"
    assert _run("dpkg-deb", "-x", deb, root).returncode == 0
    done = _run("appstreamcli", "validate-tree", "--no-net", root)
    assert done.returncode == 0, done.stdout + done.stderr
    icons = root / "usr/share/icons/hicolor"
    assert (icons / "scalable/apps/newsdesk.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / f"{size}x{size}/apps/newsdesk.png").is_file()


def test_lintian_finds_no_errors(deb: Path, pytestconfig: pytest.Config) -> None:
    _need("lintian")
    start = time.monotonic()
    done = _run("lintian", "--fail-on", "error", deb, timeout=600)
    seconds = time.monotonic() - start
    _report(pytestconfig, f"lintian {seconds:.0f} s: {done.stdout.strip() or 'clean'}")
    assert done.returncode == 0, done.stdout + done.stderr


def test_deb_installs_runs_and_uninstalls_cleanly(
    installed: Path, profile: Path, feed_server, fixtures_dir: Path, tmp_path: Path
) -> None:
    def newsdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        # From / so nothing of the checkout can be picked up by accident.
        return _run(installed, *args, cwd="/", timeout=60, env={**os.environ, **(env or {})})

    assert installed.resolve() == INSTALLED / "newsdesk"
    done = newsdesk("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"newsdesk {__version__}")

    # The profile's subscriptions: fixture feeds on a loopback server, imported first so that
    # the default (real, remote) subscriptions are never seeded; its rate URLs lead nowhere.
    feeds = sorted((fixtures_dir / "feeds" / "real").glob("*.xml"))[:6]
    opml = tmp_path / "local.opml"
    urls = {f.stem: feed_server.url(f"/feeds/real/{f.name}") for f in feeds}
    outlines = "".join(f'<outline type="rss" text="{t}" xmlUrl="{u}"/>' for t, u in urls.items())
    opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', encoding="utf-8")
    done = newsdesk("--profile", str(profile), "import-opml", str(opml))
    assert done.returncode == 0, done.stdout + done.stderr
    done = newsdesk("--profile", str(profile), "config", "refresh.parse_processes", "2")
    assert done.returncode == 0, done.stderr

    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    done = newsdesk("--smoke-test", "--profile", str(profile), env=offscreen)
    assert done.returncode == 0, done.stderr
    assert "smoke-test ok" in done.stdout

    # Parsing runs in a "spawn" process pool: in the frozen program every worker is the
    # executable started again, which only works with multiprocessing.freeze_support().
    done = newsdesk("--profile", str(profile), "refresh")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(feeds)} feeds: {len(feeds)} ok" in done.stdout, done.stdout + done.stderr
    listed = json.loads(newsdesk("--profile", str(profile), "feeds", "--json").stdout)
    assert all(f["articles"] > 0 for f in listed)
    done = newsdesk("--smoke-test", "--profile", str(profile), env=offscreen)
    assert done.returncode == 0 and " 0 articles" not in done.stdout, done.stdout + done.stderr

    if shutil.which("xvfb-run"):  # the X11 (xcb) plugin and the system's libxcb-* as well
        done = _run(
            "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", installed, "--smoke-test",
            "--profile", str(profile), cwd="/", timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        )  # fmt: skip
        assert done.returncode == 0 and "platform=xcb" in done.stdout, done.stdout + done.stderr

    done = _run("dpkg", "-r", "newsdesk", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not INSTALLED.exists()
    assert not LAUNCHER.exists() and not LAUNCHER.is_symlink()
    assert not Path("/usr/share/applications/newsdesk.desktop").exists()
    status = _run("dpkg-query", "-W", "-f=${Status}", "newsdesk").stdout
    assert status in ("", "deinstall ok config-files"), status


def test_windows_installer_script_compiles(tmp_path: Path) -> None:
    """makensis (Debian's nsis) compiles the .nsi against a stand-in for the Windows bundle."""
    if shutil.which("makensis") is None:
        pytest.skip("makensis is not installed (apt-get install nsis)")
    bundle = tmp_path / "newsdesk"
    (bundle / "_internal").mkdir(parents=True)
    for exe in ("newsdesk.exe", "newsdesk-cli.exe"):
        (bundle / exe).write_bytes(b"MZ stand-in for the PyInstaller executable")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    setup = tmp_path / f"newsdesk-{__version__}-setup.exe"
    done = _run(
        "makensis", "-V2", "-WX", f"-DDIST={bundle}", f"-DOUTFILE={setup}",
        REPO / "packaging" / "windows" / "newsdesk.nsi",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert setup.read_bytes()[:2] == b"MZ"
    # The version came from app/newsdesk/__init__.py (no /DVERSION given).
    assert __version__.encode("utf-16-le") in setup.read_bytes()
