"""Putting the application together: Qt application, font, translations, theme, context, window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import settings
from app.resources import resource_path
from app.session import Session
from ui import fonts, theme, translations
from ui.context import AppContext

ORGANISATION = "LiaisonDesk"
APPLICATION = "Liaison Desk"


def make_application(qt_args: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    # The menu entry the .deb installs (scripts/build_deb.py): Wayland docks match the window to its icon by it.
    QGuiApplication.setDesktopFileName("liaison-desk")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0], *(qt_args or [])])
    icon = resource_path("icons", "app.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_context(db_path: Path, operator: str | None = None) -> AppContext:
    """The UI thread's session and everything the pages share; applies the database's language and theme."""
    session = Session.open(db_path, operator=operator)
    ctx = AppContext(db_path, session)
    apply_appearance(ctx)
    return ctx


def apply_appearance(ctx: AppContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    family = fonts.apply_app_font(app)
    translations.install(settings.LANGUAGE.get(ctx.session.db))
    theme.apply_theme(app, settings.THEME.get(ctx.session.db), family)
