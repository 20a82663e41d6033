"""Backups from the window: the daily automatic one after start-up, and 'Back up now' from the File menu.
Both run on the worker (SQLite's online backup API), so the clerk keeps working while the copy is made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from app import backup, settings
from app.session import Session
from db.paths import backup_dir_for
from ui.context import AppContext

MESSAGE_MS = 8000


def daily_backup(session: Session) -> str:
    made = backup.auto_backup(session)
    return str(made) if made else ""


def backup_now(session: Session) -> str:
    assert session.path is not None
    chosen = settings.BACKUP_FOLDER.get(session.db)
    folder = Path(chosen) if chosen else backup_dir_for(session.path)
    folder.mkdir(parents=True, exist_ok=True)  # backup_to names the file itself when given a folder
    return str(backup.backup_to(session, folder))


def _saved(window: QMainWindow, path: str) -> None:
    if path:
        text = QCoreApplication.translate("Backup", "Backup saved: %1").replace("%1", path)
        window.statusBar().showMessage(text, MESSAGE_MS)


def _failed(window: QMainWindow, message: str) -> None:
    text = QCoreApplication.translate("Backup", "Backup failed: %1").replace("%1", message)
    window.statusBar().showMessage(text, MESSAGE_MS * 2)


def start_daily(ctx: AppContext, window: QMainWindow) -> None:
    ctx.run_task(
        daily_backup,
        on_done=lambda path: _saved(window, path),
        on_error=lambda message: _failed(window, message),
        progress_label=QCoreApplication.translate("Backup", "Daily backup…"),
    )


def start_now(ctx: AppContext, window: QMainWindow) -> None:
    ctx.run_task(
        backup_now,
        on_done=lambda path: _saved(window, path),
        on_error=lambda message: _failed(window, message),
        progress_label=QCoreApplication.translate("Backup", "Backing up…"),
    )
