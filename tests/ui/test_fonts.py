"""Chinese renders from the font the app registers itself, not from whatever the system happens to have."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.fonts import find_cjk_font
from ui import fonts


def test_the_cjk_font_is_registered_and_becomes_the_application_font(qapp: Any) -> None:
    assert find_cjk_font() is not None, "no CJK font shipped in resources/fonts or found on the system"
    family = fonts.apply_app_font(qapp)
    assert family
    assert family in QFontDatabase.families()
    assert QApplication.font().family() == family
    metrics = QFontMetrics(QFont(family, 12))
    for char in "代表家站点工作台社情民意接待日":
        assert metrics.inFontUcs4(ord(char)), char


def test_chinese_text_draws_real_glyphs(qapp: Any) -> None:
    """Two different characters must not draw the same box (the sign of a missing glyph)."""
    family = fonts.register_cjk_font()

    def draw(char: str) -> bytes:
        image = QImage(40, 40, QImage.Format.Format_Grayscale8)
        image.fill(255)
        painter = QPainter(image)
        painter.setFont(QFont(family, 24))
        painter.drawText(4, 32, char)
        painter.end()
        return bytes(image.constBits())

    first, second, blank = draw("代"), draw("表"), draw(" ")
    assert first != second
    assert first != blank and second != blank
