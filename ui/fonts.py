"""Chinese must render on a PC with no CJK system font: register the font the app ships (or finds)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.fonts import find_cjk_font

log = logging.getLogger(__name__)

_registered: str | None = None


def register_cjk_font() -> str:
    """Add the CJK font to Qt once and return its family name ('' if none was found)."""
    global _registered
    if _registered is not None:
        return _registered
    _registered = ""
    found = find_cjk_font()
    if found is None:
        log.warning("no CJK font found: Chinese may show as boxes")
        return _registered
    font_id = QFontDatabase.addApplicationFont(str(found.path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load CJK font %s", found.path)
        return _registered
    # A .ttc holds several faces; the first family of the requested face is the one reportlab also uses.
    _registered = families[min(found.subfont_index, len(families) - 1)]
    return _registered


def apply_app_font(app: QApplication, point_size: int = 10) -> str:
    family = register_cjk_font()
    if family:
        font = QFont(family, point_size)
        app.setFont(font)
    return family
