"""代表: the roster, stationing here, and the record of duty."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services import deputies as deputy_service
from app.services import reception as reception_service
from app.services import visits as visit_service
from db import clock
from ui.context import AppContext
from ui.pages.deputies_page import DeputiesPage
from ui.pages.deputy_dialog import DeputyDialog


def _page(qtbot: Any, ctx: AppContext) -> DeputiesPage:
    page = DeputiesPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_add_a_deputy_stationed_here_and_refuse_a_duplicate(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    dialog = DeputyDialog(ctx, page)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert "代表姓名" in dialog.errors.message_for("name")
    dialog.name.setText("周建国")
    dialog.phone.setText("12345")
    assert not dialog.save()
    assert dialog.errors.message_for("phone")
    assert dialog.name.text() == "周建国"
    dialog.phone.setText("13900001111")
    assert dialog.save()
    page.refresh()
    assert page.model.total_count() == 1
    page.here_only.setChecked(True)
    assert page.model.total_count() == 1

    again = DeputyDialog(ctx, page)
    qtbot.addWidget(again)
    again.name.setText("周建国")
    assert not again.save()
    assert "已在名册中" in again.errors.message_for("name")


def test_record_of_duty_counts_days_residents_and_items(qtbot: Any, ctx: AppContext) -> None:
    uuid = deputy_service.create(ctx.session, name="李梅", level="municipal")
    deputy_service.station_at(ctx.session, uuid, ctx.session.local_station_uuid() or "")
    past = (clock.today() - timedelta(days=3)).isoformat()
    day = reception_service.create(ctx.session, date=past, deputy_uuids=[uuid]).uuid
    reception_service.mark(ctx.session, day, uuid, "present")
    visit = visit_service.create(
        ctx.session, reception_day_uuid=day, date=past, headcount=4, raised="停车难", deputy_uuids=[uuid]
    )
    from app.services import items as item_service

    item_service.from_visit(ctx.session, visit)
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    assert page.name_label.text() == "李梅"
    assert page.record_values["present"].text() == "1"
    assert page.record_values["residents_received"].text() == "4"
    assert page.record_values["items_collected"].text() == "1"
    assert page.station_button.text() == "退出本站"


def test_leaving_and_rejoining_the_station(qtbot: Any, ctx: AppContext) -> None:
    uuid = deputy_service.create(ctx.session, name="王强", level="district")
    deputy_service.station_at(ctx.session, uuid, ctx.session.local_station_uuid() or "")
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    page.toggle_stationed()
    station = ctx.session.local_station_uuid() or ""
    assert not deputy_service.is_stationed(ctx.session.db, uuid, station)
    assert page.station_button.text() == "入驻本站"
    page.toggle_stationed()
    assert deputy_service.is_stationed(ctx.session.db, uuid, station)


def test_add_button_opens_the_dialog(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, DeputyDialog) and w.isVisible()
        )
        dialog.name.setText("陈静")
        dialog.save()

    QTimer.singleShot(0, fill)
    page.new_record()
    assert page.model.total_count() == 1
    assert page.name_label.text() == "陈静"
