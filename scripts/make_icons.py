"""Make the app icon's PNG, ICO (Windows) and ICNS (macOS) renditions from resources/icons/app.svg.

    .venv/bin/python scripts/make_icons.py

Qt's SVG renderer draws every size natively (a 16 px icon drawn at 16 px, not shrunk from 1024),
Pillow (installed with matplotlib) packs the sizes into one .ico and one .icns. The results are
committed: building the app does not need this script, only a changed app.svg does.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "app.svg"
PNG_SIZE = 256  # app.png: the window icon where the SVG cannot be read
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)  # Windows: small, medium, large, jumbo
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS: 16 px to 512 px at 2x


def render(size: int) -> bytes:
    """app.svg drawn at size x size, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter
    images = {size: Image.open(io.BytesIO(render(size))).convert("RGBA")
              for size in sorted({PNG_SIZE, *ICO_SIZES, *ICNS_SIZES})}
    (ICONS / "app.png").write_bytes(render(PNG_SIZE))
    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(ICONS / "app.ico", format="ICO",
                             sizes=[(s, s) for s in ICO_SIZES],
                             append_images=[images[s] for s in ICO_SIZES if s != largest_ico])
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(ICONS / "app.icns", format="ICNS",
                              append_images=[images[s] for s in ICNS_SIZES if s != largest_icns])
    for name in ("app.png", "app.ico", "app.icns"):
        print(f"{ICONS / name} ({(ICONS / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
