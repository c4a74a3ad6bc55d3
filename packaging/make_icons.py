"""Render the app icon's PNG sizes and its Windows/macOS icon files from the one SVG.

    .venv/bin/python -m pip install pillow      # only needed to run this script
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Qt's own SVG renderer (QtSvg, part of PySide6-Essentials) draws each size, so the PNGs look the
way Qt shows the SVG; Pillow optimises the PNGs and writes the .ico (Windows: exe and installer)
and the .icns (macOS .app). The results are committed next to the SVG (about 0.2 MB in all),
so building a package needs neither step. Run this again after editing the SVG.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "newsdesk.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual sizes
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 64 and 1024 are the @2x of 32 and 512


def render(size: int):  # type: ignore[no-untyped-def]  # returns a PIL.Image.Image
    """Draw the SVG at size x size with QtSvg and hand it to Pillow."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"Qt cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    """Write newsdesk-N.png, newsdesk.ico and newsdesk.icns into resources/icons/."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        print("Pillow is missing: .venv/bin/python -m pip install pillow", file=sys.stderr)  # noqa: T201
        return 1
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  # QImage, fonts
    images = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        images[size].save(ICONS / f"newsdesk-{size}.png", optimize=True)
    largest = images[max(ICO_SIZES)]
    largest.save(
        ICONS / "newsdesk.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    images[1024].save(
        ICONS / "newsdesk.icns", append_images=[images[s] for s in ICNS_SIZES if s != 1024]
    )
    for path in sorted(ICONS.glob("newsdesk*")):
        print(f"{path.stat().st_size:>8}  {path.relative_to(ICONS.parent.parent)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
