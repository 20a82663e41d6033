from __future__ import annotations

from datetime import timedelta

import pytest

from app import i18n
from app.errors import UserError, ValidationError
from app.services import deputies, items, reception, visits
from app.session import Session
from db import clock


def _deputy(session: Session, name: str = "王建国", level: str = "district", stationed: bool = True) -> str:
    uuid = deputies.create(session, name=name, level=level, gender="男", phone="13800001111")
    if stationed:
        with session.write() as w:
            deputies.station(w, uuid, session.local_station_uuid() or "")
    return uuid


def test_deputy_validation_names_every_field(station_session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        deputies.create(station_session, name="", level="省", phone="123")
    fields = {e.field for e in err.value.errors}
    assert fields == {"name", "level", "phone"}
    assert "全国、市、区" in str(err.value.for_field("level")[0])


def test_same_deputy_twice_is_refused(station_session: Session) -> None:
    _deputy(station_session)
    with pytest.raises(ValidationError, match="已在名册中"):
        deputies.create(station_session, name="王建国", level="区")


def test_unstationed_deputy_on_duty_is_flagged(station_session: Session) -> None:
    here = _deputy(station_session, "李红")
    elsewhere = _deputy(station_session, "张伟", stationed=False)
    result = reception.create(
        station_session,
        date="2023-03-15",
        start_time="9:00",
        end_time="11:30",
        kind="常规接待日",
        deputy_uuids=[here, elsewhere],
    )
    assert len(result.warnings) == 1 and "张伟" in str(result.warnings[0])
    flags = dict(station_session.db.execute("SELECT deputy_uuid, not_stationed FROM duties").fetchall())
    assert flags == {here: 0, elsewhere: 1}


def test_attendance_cannot_be_recorded_before_the_day(station_session: Session) -> None:
    deputy = _deputy(station_session)
    future = (clock.today() + timedelta(days=7)).isoformat()
    day = reception.create(station_session, date=future, deputy_uuids=[deputy]).uuid
    with pytest.raises(ValidationError, match="尚未到来"):
        reception.mark(station_session, day, deputy, "present")
    reception.mark(station_session, day, deputy, "请假")  # leave can be known in advance
    status = station_session.db.execute("SELECT status FROM duties").fetchone()[0]
    assert status == "leave"


def test_end_time_after_start(station_session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        reception.create(station_session, date="2023-03-15", start_time="11:00", end_time="09:00")
    assert err.value.errors[0].field == "end_time"


def test_visit_rules(station_session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        visits.create(station_session, date="2023-02-30", headcount=0, phone="1381234", raised="")
    assert {e.field for e in err.value.errors} == {"date", "headcount", "phone", "raised"}
    assert station_session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0
    deputy = _deputy(station_session)
    uuid = visits.create(
        station_session,
        date="2023-03-15",
        visitor_name="赵阿姨",
        phone="13912345678",
        community="控江一村",
        headcount=3,
        raised="小区加装电梯进度慢",
        category="城市建设",
        deputy_uuids=[deputy],
    )
    assert visits.receiving_deputies(station_session.db, uuid) == ["王建国"]


def test_visit_becomes_an_item_carrying_its_text(station_session: Session) -> None:
    visit = visits.create(
        station_session,
        date="2023-03-15",
        community="控江一村",
        raised="小区门禁损坏半年未修\n外来人员随意进出",
        category="物业管理",
    )
    item = items.require(station_session.db, items.from_visit(station_session, visit))
    assert item["title"] == "小区门禁损坏半年未修"
    assert item["content"].endswith("外来人员随意进出")
    assert (item["community"], item["category"], item["visit_uuid"]) == ("控江一村", "物业管理", visit)
    assert item["item_no"] == "YP-01-2023-0001"
    # Clicked again: no second item for the same concern, and the clerk is told which one exists.
    with pytest.raises(UserError) as again:
        items.from_visit(station_session, visit)
    assert "YP-01-2023-0001" in str(again.value)
    assert station_session.db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1


def _item(session: Session) -> str:
    return items.create(
        session, date="2023-03-15", title="路口拥堵", content="早高峰拥堵", category="交通出行"
    )


def test_workflow_moves_one_step_at_a_time_with_each_steps_fields(station_session: Session) -> None:
    uuid = _item(station_session)
    with pytest.raises(ValidationError, match="逐步"):
        items.move(station_session, uuid, "resolved")
    with pytest.raises(ValidationError) as err:
        items.move(station_session, uuid, "交办")
    assert err.value.errors[0].field == "department"
    items.move(station_session, uuid, "交办", department="区交通委", due_date="2023-04-15")
    items.move(station_session, uuid, "承办")
    with pytest.raises(ValidationError, match="办理结果"):
        items.move(station_session, uuid, "落实")
    items.move(station_session, uuid, "落实", reply="已设置临时停车区")
    with pytest.raises(ValidationError, match="已反馈"):
        items.set_satisfaction(station_session, uuid, "满意")
    items.move(station_session, uuid, "反馈", satisfaction="基本满意")
    item = items.require(station_session.db, uuid)
    assert (item["status"], item["department"], item["due_date"], item["satisfaction"]) == (
        "fed_back",
        "区交通委",
        "2023-04-15",
        "basically",
    )
    events = items.history(station_session.db, uuid)
    assert [(e["from_status"], e["to_status"], e["note"]) for e in events] == [
        (None, "raised", ""),
        ("raised", "assigned", ""),
        ("assigned", "handling", ""),
        ("handling", "resolved", ""),
        ("resolved", "fed_back", ""),
        (None, None, "satisfaction=basically"),  # in the log too, which a merge follows
    ]
    assert {e["operator"] for e in events} == {"测试员"}


def test_going_back_needs_a_reason_and_clears_satisfaction(station_session: Session) -> None:
    uuid = _item(station_session)
    items.move(station_session, uuid, "assigned", department="区交通委")
    with pytest.raises(ValidationError, match="原因"):
        items.move(station_session, uuid, "raised")
    items.move(station_session, uuid, "raised", reason="承办单位不对")
    assert items.require(station_session.db, uuid)["status"] == "raised"
    assert items.history(station_session.db, uuid)[-1]["note"] == "承办单位不对"


def test_english_messages(station_session: Session) -> None:
    uuid = _item(station_session)
    i18n.set_language("en")
    with pytest.raises(ValidationError) as err:
        items.move(station_session, uuid, "fed_back")
    assert "Cannot go from “Raised” straight to “Fed back”" in str(err.value)


def test_edit_records_operator_in_history(station_session: Session) -> None:
    uuid = _item(station_session)
    items.edit(station_session, uuid, title="学校门口路口拥堵")
    last = items.history(station_session.db, uuid)[-1]
    assert (last["kind"], last["note"], last["operator"]) == ("edit", "title", "测试员")


def test_deleting_a_deputy_with_history_keeps_the_record(station_session: Session) -> None:
    deputy = _deputy(station_session)
    reception.create(station_session, date="2023-03-15", deputy_uuids=[deputy])
    deputies.delete(station_session, deputy)
    assert (
        station_session.db.execute("SELECT active FROM deputies WHERE uuid = ?", [deputy]).fetchone()[0] == 0
    )
    fresh = _deputy(station_session, "钱多多")
    deputies.delete(station_session, fresh)
    assert (
        station_session.db.execute("SELECT COUNT(*) FROM deputies WHERE uuid = ?", [fresh]).fetchone()[0] == 0
    )
    assert (
        station_session.db.execute(
            "SELECT COUNT(*) FROM tombstones WHERE record_uuid = ?", [fresh]
        ).fetchone()[0]
        == 1
    )
