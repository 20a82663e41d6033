"""The navigation's line icons (resources/icons/*.svg), drawn in the theme's text colour.

The SVGs stroke in "currentColor"; Qt's SVG renderer has no such colour, so the colour is written into the
source before rendering. That keeps one set of files for the light and the dark theme alike.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.resources import resource_path

SIZES = (16, 20, 24, 32, 48)  # rendered sharp at each, so high-DPI screens need no scaling


def themed_icon(name: str, color: QColor) -> QIcon:
    """The icon `name` stroked in `color`; an empty QIcon when the file is missing (the entry keeps its text)."""
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    source = path.read_text(encoding="utf-8").replace("currentColor", color.name(QColor.NameFormat.HexRgb))
    renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
    if not renderer.isValid():
        return QIcon()
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap, QIcon.Mode.Normal)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
