"""UI fixtures: a real database on disk, a real AppContext, Chinese translations built from the .ts files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import demo
from app.resources import resource_path
from app.session import Session
from ui import translations
from ui.context import AppContext

ROOT = Path(__file__).resolve().parents[2]


def build_qm_files() -> None:
    """What `make translations` does: every .ts to a .qm, so the tests see the Chinese a user sees."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(resource_path("translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(scope="session", autouse=True)
def _qm_files() -> None:
    build_qm_files()


@pytest.fixture(autouse=True)
def _no_windows_left_behind(qapp: Any) -> Iterator[None]:
    """Close and delete every window a test leaves open, so a later test's application-wide change (theme,
    language) never reaches a widget whose models or pages were already collected."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def ctx(qapp: Any, station_session: Session, db_path: Path) -> Iterator[AppContext]:
    translations.install("zh_CN")
    context = AppContext(db_path, station_session)
    yield context
    context.wait_for_tasks()
    translations.uninstall()


@pytest.fixture
def demo_ctx(qapp: Any, station_session: Session, db_path: Path) -> Iterator[AppContext]:
    """A station with a year of realistic activity."""
    demo.generate(station_session, months=12, seed=7)
    translations.install("zh_CN")
    context = AppContext(db_path, station_session)
    yield context
    context.wait_for_tasks()
    translations.uninstall()


def type_text(qtbot: Any, widget: Any, value: str) -> None:
    """Type as a clerk does: ASCII key by key; Chinese as an input method commits it (QTest cannot
    synthesise key events for non-ASCII characters)."""
    widget.setFocus()
    if value.isascii():
        qtbot.keyClicks(widget, value)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(value)
    else:
        widget.insert(value)


def answer_next_message_box(button: Any, seen: list[str] | None = None) -> None:
    """Press `button` on the next modal message box, as the clerk would (it opens inside the code under test)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(10, press)

    QTimer.singleShot(10, press)
