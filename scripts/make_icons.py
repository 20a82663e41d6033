"""Render resources/icons/app.svg into app.png (window icon, Linux) and app.ico (Windows executables).

Run after editing the SVG: python scripts/make_icons.py. The PNG and ICO are committed, so builds need no SVG
renderer; Qt's SVG module draws it here and Pillow packs the ICO.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    from PIL import Image

    (ICONS / "app.png").write_bytes(render(PNG_SIZE))
    # Each ICO size rendered from the vector, not scaled down from 256 px, so small sizes stay crisp.
    images = [Image.open(io.BytesIO(render(size))) for size in ICO_SIZES]
    images[-1].save(
        ICONS / "app.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1]
    )
    print(ICONS / "app.png", ICONS / "app.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
