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


def test_first_run_goes_through_the_wizard_then_the_window(qapp: Any, tmp_path: Path) -> None:
    from ui.first_run import FirstRunWizard

    db = tmp_path / "new.db"
    steps: list[str] = []

    def drive() -> None:
        wizard = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard) and w.isVisible()),
            None,
        )
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None
        )
        if window is not None:
            steps.append("window")
            window.close()
            return
        if wizard is not None:
            page = wizard.currentPage()
            if page is wizard.operator_page:
                wizard.operator_page.operator.setText("王芳")
            if page is wizard.identity_page:
                wizard.identity_page.code.setText("YP-09")
                wizard.identity_page.name.setText("五角场街道代表联络站")
                wizard.identity_page.passphrase.setText("五角场-口令-2026")
                wizard.identity_page.passphrase_again.setText("五角场-口令-2026")
            steps.append(type(page).__name__)
            if page is wizard.roster_page:
                wizard.accept()
            else:
                wizard.next()
        QTimer.singleShot(20, drive)

    QTimer.singleShot(20, drive)
    try:
        assert entry.main(["--db", str(db)]) == 0
    finally:
        translations.uninstall()
    assert steps == ["RolePage", "OperatorPage", "IdentityPage", "RosterPage", "window"]
    session = Session.open(db)
    assert session.role == "station"
    assert session.operator == "王芳"
    session.close()
