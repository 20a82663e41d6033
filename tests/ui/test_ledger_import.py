"""Importing a ledger from the window: done on the worker, the pages see the new rows, a bad file changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import ledger_import
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.deputies_page import DeputiesPage


def _answer_message_box(seen: list[str]) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


def test_a_roster_file_is_imported_on_the_worker(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    roster = tmp_path / "代表名册.csv"
    roster.write_text(
        "姓名,层级,性别,入驻家站点\n周建国,区,男,YP-01\n李梅,市,女,YP-01\n王强,区,男,YP-02\n",
        encoding="utf-8",
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_page("deputies")
    assert isinstance(page, DeputiesPage)
    assert page.model.total_count() == 0
    seen: list[str] = []
    _answer_message_box(seen)
    ledger_import.start(ctx, window, str(roster))
    assert ctx.busy
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "3" in seen[0]
    assert page.here_only.isChecked()  # a station starts with its own deputies
    assert page.model.total_count() == 2
    page.here_only.setChecked(False)
    assert page.model.total_count() == 3


def test_a_refused_file_changes_nothing_and_says_why(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "名册.csv"
    bad.write_text("姓名,层级\n周建国,省\n", encoding="utf-8")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[str] = []
    _answer_message_box(seen)
    ledger_import.start(ctx, window, str(bad))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "省" in seen[0] or "层级" in seen[0]
    assert ctx.session.db.execute("SELECT COUNT(*) FROM deputies").fetchone()[0] == 0


def test_a_file_of_unknown_kind_is_explained_without_command_line_advice(
    qtbot: Any, ctx: AppContext, tmp_path: Path
) -> None:
    odd = tmp_path / "统计表.csv"
    odd.write_text("序号,备注\n1,无\n", encoding="utf-8")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[str] = []
    _answer_message_box(seen)
    ledger_import.start(ctx, window, str(odd))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "无法判断这是哪种台账" in seen[0] and "序号、备注" in seen[0]
    assert "--" not in seen[0]  # the window has no command-line options to offer
    assert "表头" in seen[0]
