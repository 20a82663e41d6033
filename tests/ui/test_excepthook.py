"""An unexpected error in the window: one dialog in the user's language, its details copied with a click and kept
in the log file; never silent, never a raw traceback."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from app.session import Session
from ui import excepthook, translations
from ui.context import AppContext, Unexpected
from ui.error_dialog import ErrorDialog


@pytest.fixture
def log_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("LIAISON_LOG_DIR", str(tmp_path / "logs"))
    return tmp_path / "logs" / "liaison.log"


def save_visit() -> None:
    raise ZeroDivisionError("division by zero")


def _broken_button(qtbot: Any) -> QPushButton:
    button = QPushButton("保存")
    button.clicked.connect(save_visit)
    qtbot.addWidget(button)
    return button


def _error_dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]


def test_an_exception_in_a_slot_opens_a_dialog_that_copies_the_traceback_and_logs_it(
    qtbot: Any, ctx: AppContext, log_file: Path
) -> None:
    button = _broken_button(qtbot)
    excepthook.install()  # in place of pytest-qt's own hook, which would fail the test on the exception
    try:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        excepthook.uninstall()

    dialog = excepthook.current_dialog()
    assert dialog is not None and _error_dialogs() == [dialog] and dialog.isModal()
    assert dialog.windowTitle() == "意外错误"
    assert dialog.heading.text() == "代表家站点工作台遇到意外错误，刚才的操作没有完成。"
    assert dialog.what.text() == "错误：ZeroDivisionError: division by zero"
    assert dialog.safe.text() == "没有数据丢失：出错的修改已整体撤销，此前保存的内容完好无损。"
    assert dialog.where.text() == f"详情也已保存在 {log_file}"
    assert dialog.more_label.isHidden()
    assert "Traceback" not in "".join(label.text() for label in dialog.findChildren(type(dialog.what)))

    assert dialog.copy_button.text() == "复制详情"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Liaison Desk 0.1.0")
    assert "Traceback (most recent call last):" in copied and "in save_visit" in copied
    assert copied.endswith("ZeroDivisionError: division by zero")
    assert dialog.copy_button.text() == "详情已复制"

    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in logged and "in save_visit" in logged

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert excepthook.current_dialog() is None


def test_errors_while_the_dialog_is_open_join_it_instead_of_opening_more(
    qtbot: Any, ctx: AppContext, log_file: Path
) -> None:
    button = _broken_button(qtbot)
    excepthook.install()
    try:
        for _ in range(50):
            button.click()
    finally:
        excepthook.uninstall()
    [dialog] = _error_dialogs()
    assert dialog.more == 49
    assert dialog.more_label.text() == "此窗口打开期间又出现了 49 个错误。"
    assert not dialog.more_label.isHidden()
    assert log_file.read_text(encoding="utf-8").count("Traceback (most recent call last):") == 50


def test_an_exception_in_another_thread_reaches_the_dialog(
    qtbot: Any, ctx: AppContext, log_file: Path
) -> None:
    def check_disk() -> None:
        raise OSError("disk gone")

    excepthook.install()
    try:
        thread = threading.Thread(target=check_disk)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: excepthook.current_dialog() is not None)
    finally:
        excepthook.uninstall()
    dialog = excepthook.current_dialog()
    assert dialog is not None and dialog.what.text() == "错误：OSError: disk gone"
    assert "in check_disk" in log_file.read_text(encoding="utf-8")


def _import_with_a_bug(session: Session) -> None:
    raise KeyError("deputy")


def test_a_bug_in_a_worker_task_opens_the_dialog_naming_the_task(
    qtbot: Any, ctx: AppContext, log_file: Path
) -> None:
    errors: list[str] = []
    ctx.run_task(_import_with_a_bug, on_error=errors.append, progress_label="正在导入 台账.xlsx…")
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["未完成：出现意外错误。"] and isinstance(errors[0], Unexpected)
    assert not ctx.busy
    dialog = excepthook.current_dialog()
    assert dialog is not None
    assert dialog.what.text() == "任务：正在导入 台账.xlsx…\n错误：KeyError: 'deputy'"
    assert "in _import_with_a_bug" in "\n".join(dialog.details)
    assert "in _import_with_a_bug" in log_file.read_text(encoding="utf-8")


def test_when_the_log_cannot_be_written_the_dialog_says_to_copy_the_details(
    qtbot: Any, ctx: AppContext
) -> None:
    excepthook.show("RuntimeError: boom", "Traceback …", None)
    dialog = excepthook.current_dialog()
    assert dialog is not None
    assert dialog.where.text() == "详情未能写入日志文件，请在关闭此窗口前复制。"


def test_a_failure_before_the_window_opens_is_shown_until_the_clerk_closes_it(
    qapp: Any, tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import main as entry
    from ui import startup

    def broken(db_path: Path, operator: str | None = None) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(startup, "open_context", broken)  # a damaged file is no bug: test_entry.py
    seen: list[str] = []

    def close_when_shown() -> None:
        dialog = excepthook.current_dialog()
        if dialog is None:
            QTimer.singleShot(20, close_when_shown)
            return
        seen.append(dialog.what.text())
        dialog.close_button.click()

    QTimer.singleShot(20, close_when_shown)
    try:
        assert entry.main(["--db", str(tmp_path / "station.db")]) == 1
    finally:
        translations.uninstall()
    assert seen and seen[0].startswith("错误：ZeroDivisionError")
    assert "Traceback (most recent call last):" in log_file.read_text(encoding="utf-8")


def _save_with_a_bug(session: Session, raised: str) -> None:
    with session.write() as writer:
        writer.insert(
            "visits", {"station_uuid": session.local_station_uuid(), "date": "2026-12-01", "raised": raised}
        )
        raise KeyError("deputy")


def test_a_change_that_hits_a_bug_is_rolled_back_reported_and_refused_in_the_form(
    qtbot: Any, ctx: AppContext, log_file: Path
) -> None:
    from app.errors import UserError

    with pytest.raises(UserError) as refused:
        ctx.apply(_save_with_a_bug, "路灯不亮")
    assert str(refused.value) == "未保存：出现意外错误（详见错误窗口）"
    assert ctx.session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0
    dialog = excepthook.current_dialog()
    assert dialog is not None and dialog.what.text() == "错误：KeyError: 'deputy'"
    assert "in _save_with_a_bug" in log_file.read_text(encoding="utf-8")
    assert not ctx.applying and ctx.undo_label() is None
