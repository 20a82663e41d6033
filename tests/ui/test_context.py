"""The task runner: work on a worker thread with its own session, results and errors back on the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from app import settings
from app.errors import UserError
from app.i18n import text
from app.session import Session
from ui.context import AppContext


def _count_deputies(session: Session) -> tuple[int, bool]:
    on_worker = threading.current_thread() is not threading.main_thread()
    return session.db.execute("SELECT COUNT(*) FROM deputies").fetchone()[0], on_worker


def _refuse(session: Session) -> None:
    raise UserError(text("名册文件无法读取", "The roster file cannot be read"))


def _count_with_progress(session: Session, n: int, *, progress: Any) -> int:
    for i in range(n):
        progress(i + 1, n)
    return n


def _set_operator(session: Session, name: str) -> None:
    settings.OPERATOR.set(session.db, name)


def test_task_runs_off_the_ui_thread_with_its_own_session(
    qtbot: Any, station_session: Session, db_path: Path
) -> None:
    ctx = AppContext(db_path, station_session)
    results: list[Any] = []
    ctx.run_task(_count_deputies, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    count, on_worker = results[0]
    assert count == 0
    assert on_worker


def test_user_error_comes_back_as_a_message_in_the_current_language(
    qtbot: Any, station_session: Session, db_path: Path
) -> None:
    ctx = AppContext(db_path, station_session)
    errors: list[str] = []
    ctx.run_task(_refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["名册文件无法读取"]
    assert not ctx.busy


def test_progress_is_reported_and_writes_are_visible_to_the_ui_session(
    qtbot: Any, station_session: Session, db_path: Path
) -> None:
    ctx = AppContext(db_path, station_session)
    seen: list[tuple[str, int, int]] = []
    ctx.task_progress.connect(lambda label, v, m: seen.append((label, v, m)))
    done: list[Any] = []
    ctx.run_task(_count_with_progress, 3, on_done=done.append, progress_label="导入")
    ctx.run_task(_set_operator, "王芳", on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2)
    assert done[0] == 3
    assert seen[-1] == ("导入", 3, 3)
    assert settings.OPERATOR.get(station_session.db) == "王芳"


def _station_name(session: Session) -> str:
    return str(session.db.execute("SELECT name FROM stations").fetchone()[0])


def test_a_result_for_a_closed_widget_is_dropped(qtbot: Any, station_session: Session, db_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel

    ctx = AppContext(db_path, station_session)
    label = QLabel()
    alive = QLabel()
    ctx.run_task(_count_deputies, on_done=lambda result: alive.setText(str(result[0])))
    ctx.run_task(_station_name, on_done=label.setText)  # a bound method of a widget that goes away
    label.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ctx.wait_for_tasks()
    qtbot.waitUntil(lambda: alive.text() == "0")  # the other result still arrives; no error is raised
