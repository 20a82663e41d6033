"""来访登记 as a clerk uses it: fill the form, save, see the row; a refused save keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.rules import VISITS, RuleBroken
from app.services import deputies as deputy_service
from ui import local_time
from ui.context import AppContext
from ui.pages.visits_page import VisitsPage

from .conftest import type_text


def _page(qtbot: Any, ctx: AppContext) -> VisitsPage:
    page = VisitsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def _station_deputy(ctx: AppContext, name: str) -> str:
    uuid = deputy_service.create(ctx.session, name=name, level="district")
    deputy_service.station_at(ctx.session, uuid, ctx.session.local_station_uuid() or "")
    return uuid


def test_a_saved_visit_appears_in_the_table(qtbot: Any, ctx: AppContext) -> None:
    _station_deputy(ctx, "周建国")
    page = _page(qtbot, ctx)
    type_text(qtbot, page.form.visitor, "张秀英")
    type_text(qtbot, page.form.phone, "138 1234 5678")
    type_text(qtbot, page.form.community, "控江一村")
    page.form.headcount.setValue(3)
    type_text(qtbot, page.form.raised, "小区电梯加装进度缓慢\n希望代表协调")
    page.form.category.setCurrentText("城市建设")
    assert page.form.deputies.check_name("周建国")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    assert page.model.total_count() == 1
    row = page.model.object_at(0)
    assert row is not None
    assert row["visitor_name"] == "张秀英"
    assert row["phone"] == "13812345678"
    assert row["headcount"] == 3
    shown = page.model.index(0, page.model.COL_VISITOR).data()
    assert shown == "张秀英"
    assert page.table.currentIndex().row() == 0
    assert "周建国" in (page.model.object_at(0) or {}).get("deputy_names", "")
    assert page.form.status.text() == "已保存。"


def test_a_refused_save_keeps_the_input_and_says_why_beside_the_field(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    type_text(qtbot, page.form.visitor, "李明")
    type_text(qtbot, page.form.phone, "1381234")
    type_text(qtbot, page.form.community, "民星苑")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    assert page.model.total_count() == 0
    assert "手机号码" in page.form.errors.message_for("phone")
    assert "反映问题" in page.form.errors.message_for("raised")
    assert page.form.visitor.text() == "李明"
    assert page.form.phone.text() == "1381234"
    assert page.form.community.text() == "民星苑"

    page.form.phone.setText("13812345678")
    type_text(qtbot, page.form.raised, "楼道堆物")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert page.model.total_count() == 1
    assert page.form.errors.message_for("phone") == ""


def test_a_twelve_digit_phone_is_told_in_the_rule_books_words(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    type_text(qtbot, page.form.phone, "138123456789")
    type_text(qtbot, page.form.raised, "楼道堆物")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    assert page.model.total_count() == 0
    # The same words a ledger row or a bundle row with this number gets (tests/app/test_rule_book.py).
    with pytest.raises(RuleBroken) as broken:
        VISITS.field("phone").clean("138123456789")
    assert page.form.errors.message_for("phone") == broken.value.message.render("zh_CN")


def test_a_future_date_is_refused(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    page.form.date.setDate(local_time.today().addDays(3))
    type_text(qtbot, page.form.raised, "噪声扰民")
    assert not page.save()
    assert page.form.errors.message_for("date")
    assert page.form.raised.toPlainText() == "噪声扰民"


def test_one_click_turns_a_visit_into_a_sentiment_item(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    type_text(qtbot, page.form.raised, "非机动车停车难")
    page.form.category.setCurrentText("交通出行")
    type_text(qtbot, page.form.community, "长白二村")
    qtbot.mouseClick(page.form.to_item_button, Qt.MouseButton.LeftButton)
    item = ctx.session.db.execute(
        "SELECT title, content, category, community, visit_uuid FROM items"
    ).fetchone()
    assert item[:4] == ("非机动车停车难", "非机动车停车难", "交通出行", "长白二村")
    assert item[4] == page.editing
    assert "YP-01-" in page.form.status.text()


def test_filters_and_community_completion(qtbot: Any, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    everything = page.model.total_count()
    assert everything > 20
    community = page.form.communities.stringList()[0]
    page.filter_community.setText(community)
    page.apply_filters()
    assert 0 < page.model.total_count() < everything
    filtered = page.model.total_count()
    assert all((page.model.object_at(r) or {})["community"] == community for r in range(filtered))
    page.filter_from.setText("2020-13-45")
    page.apply_filters()
    assert page.filter_error.isVisibleTo(page)
    assert "2020-13-45" in page.filter_error.text()
    assert page.model.total_count() == filtered  # a bad filter leaves the table as it was
    page.filter_from.clear()
    page.filter_community.clear()
    page.apply_filters()
    assert page.model.total_count() == everything
    assert not page.filter_error.isVisibleTo(page)


def test_switching_rows_never_silently_drops_what_was_typed(qtbot: Any, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QMessageBox

    from .conftest import answer_next_message_box

    page = _page(qtbot, ctx)
    for issue in ("楼道堆物", "噪声扰民"):
        page.new_record()
        page.form.raised.setPlainText(issue)
        assert page.save()
    page.table.selectRow(0)
    first = page.editing
    type_text(qtbot, page.form.community, "长白二村")
    assert page.is_dirty()

    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    page.table.selectRow(1)
    assert seen and "未保存" in seen[0]
    assert page.editing == first
    assert page.form.community.text() == "长白二村"  # kept
    assert page.table.currentIndex().row() == 0

    answer_next_message_box(QMessageBox.StandardButton.Discard)
    page.table.selectRow(1)
    assert page.editing != first
    assert page.form.community.text() == ""
    assert not page.is_dirty()


def test_choosing_a_reception_day_ticks_the_deputies_on_duty(qtbot: Any, ctx: AppContext) -> None:
    from app.services import reception

    zhou = _station_deputy(ctx, "周建国")
    _station_deputy(ctx, "李梅")
    day = reception.create(
        ctx.session, date=local_time.today().addDays(-1).toString("yyyy-MM-dd"), deputy_uuids=[zhou]
    )
    page = _page(qtbot, ctx)
    index = page.form.reception_day.findData(day.uuid)
    assert index > 0
    page.form.reception_day.setCurrentIndex(index)
    page.form.reception_day.activated.emit(index)
    assert page.form.deputies.checked() == [zhou]
    assert page.form.date.date() == local_time.today().addDays(-1)


def test_at_the_district_visits_are_read_only(qtbot: Any, qapp: Any, tmp_path: Any) -> None:
    from app import identity
    from app.session import Session
    from ui import translations

    session = Session.open(tmp_path / "district.db")
    identity.init_district(session, name="杨浦区人大常委会", operator="区人大")
    translations.install("zh_CN")
    district = AppContext(tmp_path / "district.db", session)
    page = VisitsPage(district)
    qtbot.addWidget(page)
    page.refresh()
    assert page.form.district_note.isVisibleTo(page)
    assert "家站点" in page.form.district_note.text()
    assert not page.form.save_button.isEnabled()
    assert not page.form.raised.isEnabled()
    assert page.search.isEnabled()  # looking and filtering still work
    session.close()
    translations.uninstall()


def test_the_district_sees_a_visit_with_the_phone_masked(qtbot: Any, qapp: Any, tmp_path: Any) -> None:
    from app import demo, identity
    from app.session import Session
    from ui import translations

    session = Session.open(tmp_path / "district.db")
    identity.init_district(session, name="杨浦区人大常委会", operator="区人大")
    demo.generate(session, months=2, seed=5)
    translations.install("zh_CN")
    district = AppContext(tmp_path / "district.db", session)
    page = VisitsPage(district)
    qtbot.addWidget(page)
    page.refresh()
    with_phone = next(
        r for r in range(page.model.total_count()) if (page.model.object_at(r) or {}).get("phone")
    )
    page.table.selectRow(with_phone)
    stored = (page.model.object_at(with_phone) or {})["phone"]
    assert "*" in page.form.phone.text()
    assert page.form.phone.text() != stored
    session.close()
    translations.uninstall()


def test_an_item_carries_the_edits_on_screen(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    type_text(qtbot, page.form.community, "控江一村")
    type_text(qtbot, page.form.raised, "门禁损坏")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert page.model.total_count() == 1

    page.form.raised.clear()
    type_text(qtbot, page.form.raised, "门禁损坏半年未修，外来人员随意进出")
    qtbot.mouseClick(page.form.to_item_button, Qt.MouseButton.LeftButton)

    content = ctx.session.db.execute("SELECT content FROM items").fetchone()[0]
    assert content == "门禁损坏半年未修，外来人员随意进出"
    stored = ctx.session.db.execute("SELECT raised FROM visits").fetchone()[0]
    assert stored == content
