"""社情民意 as a clerk uses it: raise an item, move it step by step with each step's fields, see its history."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.domain import ItemStatus
from app.services import items as item_service
from ui.context import AppContext
from ui.pages.item_dialog import ItemDialog
from ui.pages.items_page import ItemsPage

from .conftest import type_text


def _page(qtbot: Any, ctx: AppContext) -> ItemsPage:
    page = ItemsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def _raise(ctx: AppContext, title: str = "小区路灯不亮") -> str:
    return item_service.create(
        ctx.session, date="2026-01-10", title=title, community="控江一村", category="城市建设"
    )


def test_new_item_dialog_saves_and_refuses_an_empty_title(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    dialog = ItemDialog(ctx, None, page)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.content, "居民反映夜间照明不足")
    assert not dialog.save()
    assert "标题" in dialog.errors.message_for("title")
    assert dialog.content.toPlainText() == "居民反映夜间照明不足"
    type_text(qtbot, dialog.title_edit, "路灯不亮")
    assert dialog.save()
    page.refresh()
    assert page.model.total_count() == 1
    assert (page.model.object_at(0) or {})["title"] == "路灯不亮"


def test_item_moves_through_every_step_with_the_fields_each_needs(qtbot: Any, ctx: AppContext) -> None:
    uuid = _raise(ctx)
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    assert page.current is not None and page.current["uuid"] == uuid
    actions = page.workflow
    assert actions.forward_button.text() == "转到：交办"

    # 交办 needs the department: refused first, the typed due date stays.
    actions.due_date.setDate(QDate(2026, 2, 28))
    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)
    assert "承办单位" in actions.errors.message_for("department")
    assert actions.due_date.date() == QDate(2026, 2, 28)
    type_text(qtbot, actions.department, "区建管委")
    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)
    assert page.current["status"] == "assigned"
    assert page.current["department"] == "区建管委"
    assert page.current["due_date"] == "2026-02-28"

    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)  # 承办
    assert page.current["status"] == "handling"
    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)  # 落实 without a reply
    assert "办理结果" in actions.errors.message_for("reply") or actions.errors.message_for("reply")
    type_text(qtbot, actions.reply, "已更换灯具")
    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)
    assert page.current["status"] == "resolved"
    actions.satisfaction.setCurrentIndex(actions.satisfaction.findData("satisfied"))
    qtbot.mouseClick(actions.forward_button, Qt.MouseButton.LeftButton)  # 反馈
    assert page.current["status"] == "fed_back"
    assert page.current["satisfaction"] == "satisfied"

    history = [page.history.item(i).text() for i in range(page.history.count())]
    assert len(history) == 6
    assert "测试员" in history[1] and "提出 → 交办" in history[1]
    assert "落实 → 反馈" in history[-2]
    assert history[-1].endswith("满意度：满意")  # recorded in the log with the step, shown in words


def test_going_back_needs_a_reason(qtbot: Any, ctx: AppContext) -> None:
    uuid = _raise(ctx)
    item_service.move(ctx.session, uuid, "assigned", department="区民政局")
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    assert not page.workflow.back()
    assert page.workflow.errors.message_for("reason")
    type_text(qtbot, page.workflow.reason, "交办单位有误")
    assert page.workflow.back()
    assert page.current is not None and page.current["status"] == ItemStatus.RAISED


def test_status_tabs_and_text_search_filter_in_sql(qtbot: Any, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    everything = page.model.total_count()
    page.show_status_tab(ItemStatus.FED_BACK)
    fed_back = page.model.total_count()
    assert 0 < fed_back < everything
    assert {(page.model.object_at(r) or {})["status"] for r in range(fed_back)} == {"fed_back"}
    page.show_status_tab(None)
    title = (page.model.object_at(0) or {})["title"]
    page.search.setText(title[:3])
    page.apply_filters()
    assert 0 < page.model.total_count() < everything


def test_editing_records_the_operator_in_the_history(qtbot: Any, ctx: AppContext) -> None:
    _raise(ctx)
    page = _page(qtbot, ctx)
    page.table.selectRow(0)

    def fill_and_save() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ItemDialog) and w.isVisible()
        )
        dialog.title_edit.setText("小区路灯长期不亮")
        dialog.save()

    QTimer.singleShot(0, fill_and_save)
    page.edit_item()
    assert page.current is not None and page.current["title"] == "小区路灯长期不亮"
    assert "测试员" in page.history.item(page.history.count() - 1).text()


def test_the_district_files_a_new_item_under_a_chosen_station(qtbot: Any, qapp: Any, tmp_path: Any) -> None:
    from app import identity
    from app.services import stations
    from app.session import Session
    from ui import translations

    session = Session.open(tmp_path / "district.db", operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会")
    with session.write() as writer:
        stations.upsert(writer, code="YP-01", name="控江路街道代表之家", kind="home")
        stations.upsert(writer, code="YP-02", name="殷行街道代表之家", kind="home")
    translations.install("zh_CN")
    ctx = AppContext(tmp_path / "district.db", session)
    dialog = ItemDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert dialog.station.count() == 2
    dialog.station.setCurrentIndex(1)
    dialog.title_edit.setText("来信反映噪声扰民")
    dialog.source.setCurrentIndex(dialog.source.findData("letter"))
    assert dialog.save()
    item_no = session.db.execute("SELECT item_no FROM items").fetchone()[0]
    assert item_no.startswith("YP-02-")
    session.close()
    translations.uninstall()


def test_a_note_goes_into_the_history_and_an_empty_one_is_refused(qtbot: Any, ctx: AppContext) -> None:
    _raise(ctx)
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    assert not page.add_note()
    assert page.note_error.isVisibleTo(page)
    type_text(qtbot, page.note, "已电话联系居民")
    assert page.add_note()
    assert "已电话联系居民" in page.history.item(page.history.count() - 1).text()
    assert page.note.text() == ""


def test_history_times_are_the_clerks_wall_clock_not_utc(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = _raise(ctx)
    ctx.session.db.execute("UPDATE item_events SET at = '2026-01-10T01:30:00Z' WHERE item_uuid = ?", [uuid])
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        page = _page(qtbot, ctx)
        page.open_item(uuid)
        first = page.history.item(0).text()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert first.startswith("2026-01-10 09:30"), first
