"""Tab walks each form in the order it reads; Ctrl+S saves from any field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.pages.item_actions import ItemActions
from ui.pages.item_dialog import ItemDialog
from ui.pages.reception_page import ReceptionPage
from ui.pages.visits_page import VisitsPage


def _follows(widgets: list[QWidget]) -> bool:
    """Each widget's next in the focus chain (skipping unfocusable helpers inside it) reaches the next one
    before any other listed widget."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        current = first.nextInFocusChain()
        for _ in range(50):
            if current is second:
                break
            if current in widgets:
                return False
            current = current.nextInFocusChain()
        else:
            return False
    return True


def test_visit_form_tab_order(qtbot: Any, ctx: AppContext) -> None:
    page = VisitsPage(ctx)
    qtbot.addWidget(page)
    assert _follows(
        [
            page.form.date,
            page.form.reception_day,
            page.form.visitor,
            page.form.phone,
            page.form.community,
            page.form.headcount,
            page.form.raised,
            page.form.category,
            page.form.deputies,
            page.form.save_button,
        ]
    )


def test_reception_and_item_forms_tab_order(qtbot: Any, ctx: AppContext) -> None:
    page = ReceptionPage(ctx)
    qtbot.addWidget(page)
    assert _follows(
        [page.date, page.start_time, page.end_time, page.kind, page.theme, page.notes, page.save_button]
    )
    dialog = ItemDialog(ctx)
    qtbot.addWidget(dialog)
    assert _follows(
        [dialog.date, dialog.title_edit, dialog.content, dialog.category, dialog.community, dialog.source]
    )
    actions = ItemActions(ctx)
    qtbot.addWidget(actions)
    assert _follows(
        [actions.department, actions.due_date, actions.reply, actions.forward_button, actions.reason]
    )


def test_ctrl_s_saves_the_visit(qtbot: Any, ctx: AppContext) -> None:
    page = VisitsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.form.raised.setPlainText("路灯不亮")
    page.form.raised.setFocus()
    qtbot.waitUntil(page.form.raised.hasFocus)
    qtbot.keyClick(page.form.raised, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.model.total_count() == 1
