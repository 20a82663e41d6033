"""Backups from the window run on the worker and leave a checked copy where the settings say."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app import settings
from ui import backup_actions
from ui.context import AppContext
from ui.main_window import MainWindow


def test_back_up_now_writes_a_checked_copy_to_the_chosen_folder(
    qtbot: Any, ctx: AppContext, tmp_path: Path
) -> None:
    folder = tmp_path / "备份"
    settings.BACKUP_FOLDER.set(ctx.session.db, str(folder))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    backup_actions.start_now(ctx, window)
    qtbot.waitUntil(lambda: not ctx.busy, timeout=10_000)
    copies = list(folder.glob("*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in window.statusBar().currentMessage()
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT COUNT(*) FROM stations").fetchone()[0] == 1


def test_the_daily_backup_is_made_once(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    backup_actions.start_daily(ctx, window)
    qtbot.waitUntil(lambda: not ctx.busy, timeout=10_000)
    backup_actions.start_daily(ctx, window)
    qtbot.waitUntil(lambda: not ctx.busy, timeout=10_000)
    made = list((ctx.db_path.parent / "backups").glob("*.db"))
    assert len(made) == 1
