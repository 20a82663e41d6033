"""编辑 ▸ 撤销 (Ctrl+Z): the clerk's last change comes back, and the menu says what it will take back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services import deputies as deputy_service
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.visits_page import VisitsPage

from .conftest import answer_next_message_box, type_text


def test_ctrl_z_brings_a_deleted_visit_back_with_its_deputies(qtbot: Any, ctx: AppContext) -> None:
    zhou = deputy_service.create(
        ctx.session, name="周建国", level="district", station_uuid=ctx.session.local_station_uuid()
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("visits")
    assert isinstance(page, VisitsPage)
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销(&U)"

    type_text(qtbot, page.form.visitor, "张秀英")
    type_text(qtbot, page.form.raised, "小区电梯加装进度缓慢")
    assert page.form.deputies.check_name("周建国")
    assert page.save()
    assert window.undo_action.text() == "撤销新增来访登记(&U)"
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    page.delete()
    assert page.model.total_count() == 0
    assert window.undo_action.text() == "撤销删除来访登记(&U)"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()  # Ctrl+Z in a text field undoes typing; elsewhere the last change
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert page.model.total_count() == 1
    row = page.model.object_at(0) or {}
    assert row["visitor_name"] == "张秀英"
    assert "周建国" in row.get("deputy_names", "")
    deputies = ctx.session.db.execute(
        "SELECT deputy_uuid FROM visit_deputies WHERE visit_uuid = ?", [row["uuid"]]
    ).fetchall()
    assert deputies == [(zhou,)]
    assert window.statusBar().currentMessage() == "已撤销：删除来访登记"
    # The creation is next: Ctrl+Z again takes the visit away for good.
    assert window.undo_action.text() == "撤销新增来访登记(&U)"
    window.undo_action.trigger()
    assert page.model.total_count() == 0
    assert not window.undo_action.isEnabled()


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_last_change(qtbot: Any, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("visits")
    assert isinstance(page, VisitsPage)
    page.form.raised.setPlainText("路灯不亮")
    assert page.save()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.form.visitor.clear()
    qtbot.keyClicks(page.form.visitor, "Li")
    qtbot.keyClick(page.form.visitor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.form.visitor.text() == ""
    assert page.model.total_count() == 1
    assert window.undo_action.text() == "撤销新增来访登记(&U)"
