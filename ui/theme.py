"""Light or dark qt-material theme, with the CJK font, plus our own small additions (resources/styles)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtWidgets import QApplication

from app.resources import resource_path
from db.paths import APP_DIR_NAME

log = logging.getLogger(__name__)

THEMES = {"light": "light_blue.xml", "dark": "dark_blue.xml"}


def _icon_folder(theme: str) -> Path:
    """qt-material writes coloured icons to disk; by default under ~/.qt_material, which may be read-only
    (a locked-down office PC), so they go to the user cache folder instead."""
    folder = Path(os.environ.get("LIAISON_CACHE") or user_cache_path(APP_DIR_NAME, appauthor=False))
    folder = folder / "qt_material" / theme
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def apply_theme(app: QApplication, theme: str, font_family: str = "") -> str:
    theme = theme if theme in THEMES else "light"
    import qt_material  # after PySide6, which it requires

    extra = {"density_scale": "-1", "font_size": "14px"}
    if font_family:
        extra["font_family"] = font_family
    try:
        qt_material.apply_stylesheet(
            app,
            theme=THEMES[theme],
            invert_secondary=theme == "light",
            extra=extra,
            parent=str(_icon_folder(theme)),
        )
    except OSError as exc:  # no writable cache: the plain Fusion style is still usable
        log.warning("theme not applied: %s", exc)
        app.setStyle("Fusion")
        return theme
    extra_qss = resource_path("styles", "desk.qss")
    if extra_qss.is_file():
        app.setStyleSheet(app.styleSheet() + "\n" + extra_qss.read_text(encoding="utf-8"))
    return theme
