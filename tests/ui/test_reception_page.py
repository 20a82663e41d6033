"""接待日 as a clerk uses it: plan a day with the deputies stationed here, mark attendance, see its visits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.rules import RECEPTION_DAYS
from app.services import deputies as deputy_service
from app.services import visits as visit_service
from app.views import deputies as deputies_view
from app.views import reception as reception_view
from db import clock
from ui import local_time
from ui.context import AppContext
from ui.pages.reception_page import ReceptionPage

from .conftest import type_text


def _deputy(ctx: AppContext, name: str, stationed: bool = True) -> str:
    uuid = deputy_service.create(ctx.session, name=name, level="district")
    if stationed:
        deputy_service.station_at(ctx.session, uuid, ctx.session.local_station_uuid() or "")
    return uuid


def _page(qtbot: Any, ctx: AppContext) -> ReceptionPage:
    page = ReceptionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_only_deputies_stationed_here_are_offered(qtbot: Any, ctx: AppContext) -> None:
    _deputy(ctx, "周建国")
    _deputy(ctx, "外站代表", stationed=False)
    page = _page(qtbot, ctx)
    offered = [page.deputies.item(i).text() for i in range(page.deputies.count())]
    assert offered == ["周建国（区）"]


@pytest.mark.parametrize("today", ["2026-12-01", "2026-12-15", "2026-12-31", "2027-01-01"])
def test_plan_a_day_see_it_marked_and_listed(qtbot: Any, ctx: AppContext, today: str) -> None:
    """The day planned is in the month the calendar shows, and the list shows it at once, on any day."""
    clock.set_now(date.fromisoformat(today))
    _deputy(ctx, "周建国")
    page = _page(qtbot, ctx)
    assert page.model.total_count() == 0
    shown = local_time.today()
    day = shown.addDays(7) if shown.addDays(7).month() == shown.month() else shown
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (day.year(), day.month())
    page.date.setDate(day)
    page.start_time.setText("09:00")
    page.end_time.setText("11:30")
    page.kind.setCurrentIndex(page.kind.findData("thematic"))
    type_text(qtbot, page.theme, "老旧小区加装电梯")
    assert page.deputies.check_name("周建国")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert page.status.text().startswith("已保存")
    assert day in page.calendar.marked
    assert page.model.total_count() == 1
    row = page.model.object_at(0) or {}
    assert row["theme"] == "老旧小区加装电梯"
    roster = reception_view.duty_roster(ctx.session.db, page.editing or "")
    assert [d["name"] for d in roster] == ["周建国"]
    assert page.details.attendance.rowCount() == 1


def test_end_before_start_is_refused_beside_the_field(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    page.start_time.setText("14:00")
    page.end_time.setText("10:00")
    type_text(qtbot, page.theme, "专题接待")
    assert not page.save()
    # The rule book's own words, as a ledger row or a bundle row with these times is told (tests/app/test_rule_book.py).
    rule = RECEPTION_DAYS.rule("end_after_start").broken("14:00", "10:00")
    assert rule is not None and page.errors.message_for("end_time") == rule.render("zh_CN")
    assert page.theme.text() == "专题接待"
    assert page.model.total_count() == 0


def test_attendance_is_marked_and_a_future_presence_refused(qtbot: Any, ctx: AppContext) -> None:
    deputy = _deputy(ctx, "周建国")
    page = _page(qtbot, ctx)
    page.date.setDate(local_time.today().addDays(-2))
    page.deputies.check_name("周建国")
    assert page.save()
    combo = page.details.attendance.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findData("present"))
    assert reception_view.duty_roster(ctx.session.db, page.editing or "")[0]["status"] == "present"
    assert deputies_view.duty_record(ctx.session.db, deputy)["present"] == 1

    page.new_record()
    page.date.setDate(local_time.today().addDays(5))
    page.deputies.check_name("周建国")
    assert page.save()
    combo = page.details.attendance.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findData("absent"))
    assert page.details.attendance_error.isVisibleTo(page)
    assert "尚未到来" in page.details.attendance_error.text()
    assert combo.currentData() == "scheduled"  # the combo shows what is stored


def test_the_days_visits_are_listed_and_a_new_one_can_be_asked_for(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    page.date.setDate(local_time.today().addDays(-1))
    assert page.save()
    visit_service.create(
        ctx.session,
        reception_day_uuid=page.editing,
        date=(clock.today() - timedelta(days=1)).isoformat(),
        visitor_name="王阿姨",
        headcount=2,
        raised="楼道灯坏了",
    )
    page.refresh()
    assert page.details.day_visits.count() == 1
    assert "王阿姨" in page.details.day_visits.item(0).text()
    with qtbot.waitSignal(page.add_visit_requested) as signal:
        qtbot.mouseClick(page.details.add_visit_button, Qt.MouseButton.LeftButton)
    assert signal.args[0]["uuid"] == page.editing


def test_at_the_district_reception_days_are_looked_at_not_changed(
    qtbot: Any, qapp: Any, tmp_path: Any
) -> None:
    from app import demo, identity
    from app.session import Session
    from ui import translations

    session = Session.open(tmp_path / "district.db", operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会")
    demo.generate(session, months=2, seed=3)
    translations.install("zh_CN")
    district = AppContext(tmp_path / "district.db", session)
    page = ReceptionPage(district)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.total_count() > 0
    page.table.selectRow(0)
    assert page.editing is not None
    assert page.details.attendance.rowCount() > 0
    assert not page.details.attendance.isEnabled()
    assert not page.delete_button.isEnabled()
    assert not page.save_button.isEnabled()
    assert not page.details.add_visit_button.isEnabled()
    session.close()
    translations.uninstall()
