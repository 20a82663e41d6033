"""The GUI entry point: opens the window on an initialised database and returns when it is closed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import identity
from app.session import Session
from ui import main as entry
from ui import translations
from ui.main_window import MainWindow


def test_main_opens_the_window_and_returns_when_it_closes(qapp: Any, tmp_path: Path) -> None:
    db = tmp_path / "station.db"
    session = Session.open(db)
    identity.init_station(session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道")
    session.close()
    shown: list[str] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_when_shown)
            return
        shown.append(windows[0].navigation.item(0).text())
        windows[0].close()

    QTimer.singleShot(20, close_when_shown)
    try:
        assert entry.main(["--db", str(db), "--lang", "en"]) == 0
    finally:
        translations.uninstall()
    assert shown == ["Dashboard"]
    assert list((tmp_path / "backups").glob("auto-*.db"))  # the daily backup ran on the worker
