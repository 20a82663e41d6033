"""The navigation's icons: one for every entry, drawn in the theme's text colour, and redrawn when the
theme changes (a dark icon on the dark theme's dark list would vanish)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.nav_icons import themed_icon
from ui.navigation import PAGES


def _ink(image: QImage) -> list[QColor]:
    """The colours of the pixels the icon actually draws (fully opaque ones: the stroke's core)."""
    return [
        image.pixelColor(x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    ]


def test_every_entry_has_its_own_icon_in_the_text_colour(qtbot: Any, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    text = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    drawn: list[bytes] = []
    for row, entry in enumerate(PAGES):
        icon = window.navigation.item(row).icon()
        assert not icon.isNull(), entry.key
        image = icon.pixmap(QSize(24, 24)).toImage()
        ink = _ink(image)
        assert len(ink) > 8, entry.key  # a real drawing, not a blank square
        assert all(c.rgb() == text.rgb() for c in ink), entry.key
        drawn.append(bytes(image.constBits()))
    assert len(set(drawn)) == len(PAGES)  # no two entries share a picture


def test_a_missing_icon_leaves_the_entry_without_one() -> None:
    assert themed_icon("no-such-icon", QColor("#000000")).isNull()


def test_icons_follow_a_theme_change(qtbot: Any, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    palette = QGuiApplication.palette()
    before = palette.color(QPalette.ColorRole.Text)
    light = QColor("#f0f0f0")
    changed = QPalette(palette)
    changed.setColor(QPalette.ColorRole.Text, light)
    QGuiApplication.setPalette(changed)
    try:
        ctx.settings_changed.emit()  # what the settings page sends after applying a theme
        ink = _ink(window.navigation.item(0).icon().pixmap(QSize(24, 24)).toImage())
        assert ink and all(c.rgb() == light.rgb() for c in ink)
    finally:
        restored = QPalette(palette)
        restored.setColor(QPalette.ColorRole.Text, before)
        QGuiApplication.setPalette(restored)
