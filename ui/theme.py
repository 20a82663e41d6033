"""Light or dark qt-material theme, with the CJK font, plus our own small additions (resources/styles).

qt-material compiles its Jinja template and regenerates its coloured icons on every call, which costs about
as much as starting Qt itself. The rendered style sheet and icons are therefore kept in the user cache folder,
keyed by theme, options and qt-material's version, and qt-material is only imported when that key changes.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.resources import resource_path
from db.paths import APP_DIR_NAME

log = logging.getLogger(__name__)

THEMES = {"light": "light_blue.xml", "dark": "dark_blue.xml"}
SHEET_FILE = "stylesheet.qss"
KEY_FILE = "key.json"


def _cache_folder(theme: str) -> Path:
    """qt-material writes files; by default under ~/.qt_material, which may be read-only on a locked-down
    office PC, so they go to the user cache folder (or $LIAISON_CACHE) instead."""
    folder = Path(os.environ.get("LIAISON_CACHE") or user_cache_path(APP_DIR_NAME, appauthor=False))
    folder = folder / "qt_material" / theme
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _options(theme: str, font_family: str) -> dict[str, object]:
    extra = {"density_scale": "-1", "font_size": "14px"}
    if font_family:
        extra["font_family"] = font_family
    return {
        "theme": THEMES[theme],
        "invert_secondary": theme == "light",
        "extra": extra,
        "qt_material": _qt_material_stamp(),
    }


def _qt_material_stamp() -> str:
    """Which qt-material rendered the cache: size and time of its template, read without importing it
    (importing qt-material, or even importlib.metadata, costs more than the whole cached path)."""
    template = Path(_qt_material_resources()).parent / "material.qss.template"
    try:
        stat = template.stat()
    except OSError:
        return "?"
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def _qt_material_resources() -> str:
    spec = importlib.util.find_spec("qt_material")
    assert spec is not None and spec.origin is not None
    return str(Path(spec.origin).parent / "resources")


def _from_cache(app: QApplication, folder: Path, options: dict[str, object]) -> bool:
    try:
        stored = json.loads((folder / KEY_FILE).read_text(encoding="utf-8"))
        sheet = (folder / SHEET_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    if stored.get("options") != options or not (folder / "primary").is_dir():
        return False
    # What qt_material.apply_stylesheet does besides the style sheet itself.
    app.setStyle("Fusion")
    palette = QGuiApplication.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor(stored["text_color"]))
    QGuiApplication.setPalette(palette)
    QDir.addSearchPath("icon", str(folder))
    QDir.addSearchPath("qt_material", _qt_material_resources())
    app.setStyleSheet(sheet)
    return True


def _render(app: QApplication, folder: Path, options: dict[str, object]) -> None:
    import qt_material  # after PySide6, which it requires

    qt_material.apply_stylesheet(
        app,
        theme=str(options["theme"]),
        invert_secondary=bool(options["invert_secondary"]),
        extra=dict(options["extra"]),  # type: ignore[call-overload]
        parent=str(folder),
        save_as=str(folder / SHEET_FILE),
    )
    text_color = QGuiApplication.palette().color(QPalette.ColorRole.Text).name(QColor.NameFormat.HexArgb)
    (folder / KEY_FILE).write_text(
        json.dumps({"options": options, "text_color": text_color}), encoding="utf-8"
    )


def apply_theme(app: QApplication, theme: str, font_family: str = "") -> str:
    theme = theme if theme in THEMES else "light"
    options = _options(theme, font_family)
    try:
        folder = _cache_folder(theme)
        if not _from_cache(app, folder, options):
            _render(app, folder, options)
    except OSError as exc:  # no writable cache: the plain Fusion style is still usable
        log.warning("theme not applied: %s", exc)
        app.setStyle("Fusion")
        return theme
    extra_qss = resource_path("styles", "desk.qss")
    if extra_qss.is_file():
        app.setStyleSheet(app.styleSheet() + "\n" + extra_qss.read_text(encoding="utf-8"))
    return theme
