"""What the pages read (app/views): next reception day, overdue items, monthly trend, duty record, unexported."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app import preferences, settings
from app.errors import ValidationError
from app.services import deputies, items, reception, visits
from app.session import Session
from app.views import dashboard as dashboard_view
from app.views import deputies as deputies_view
from app.views import status as status_view
from app.views import visits as visits_view
from db import clock

TODAY = clock.today()


def _iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _deputy(session: Session, name: str) -> str:
    uuid = deputies.create(session, name=name, level="district")
    deputies.station_at(session, uuid, session.local_station_uuid() or "")
    return uuid


def test_next_reception_day_is_the_first_from_today_with_its_roster(station_session: Session) -> None:
    zhou = _deputy(station_session, "周建国")
    reception.create(station_session, date=_iso(-3))
    later = reception.create(station_session, date=_iso(20)).uuid
    soon = reception.create(station_session, date=_iso(6), theme="加装电梯", deputy_uuids=[zhou]).uuid
    found = dashboard_view.next_reception_day(station_session.db, station_session.local_station_uuid(), TODAY)
    assert found is not None and found["uuid"] == soon != later
    assert [(d["name"], d["status"]) for d in found["deputies"]] == [("周建国", "scheduled")]


def test_overdue_means_waiting_too_long_in_its_step_or_past_its_due_date(station_session: Session) -> None:
    old = items.create(station_session, date=_iso(-40), title="路灯不亮")
    fresh = items.create(station_session, date=_iso(-3), title="井盖松动")
    late = items.create(station_session, date=_iso(-5), title="噪声扰民")
    items.move(station_session, late, "assigned", department="区城管局", due_date=_iso(-1))
    done = items.create(station_session, date=_iso(-60), title="已反馈事项")
    for step, extra in (
        ("assigned", {"department": "区民政局"}),
        ("handling", {}),
        ("resolved", {"reply": "已处理"}),
        ("fed_back", {}),
    ):
        items.move(station_session, done, step, **extra)
    station = station_session.local_station_uuid()
    overdue = dashboard_view.overdue_items(station_session.db, station, 15, TODAY)
    assert [row["uuid"] for row in overdue] == [old, late]
    assert fresh not in {row["uuid"] for row in overdue}
    assert dashboard_view.overdue_items(station_session.db, station, 60, TODAY)[0]["uuid"] == late


def test_person_visits_by_month_counts_headcounts_in_each_of_12_months(station_session: Session) -> None:
    visits.create(station_session, date=_iso(0), headcount=3, raised="停车难")
    visits.create(station_session, date=_iso(0), headcount=2, raised="噪声")
    months = dashboard_view.person_visits_by_month(
        station_session.db, station_session.local_station_uuid(), TODAY
    )
    assert len(months) == 12
    assert months[-1] == (f"{TODAY:%Y-%m}", 5)
    assert sum(v for _, v in months) == 5
    assert dashboard_view.month_keys(date(2026, 2, 10), 3) == ["2025-12", "2026-01", "2026-02"]


def test_duty_record_counts_attendance_residents_and_items(station_session: Session) -> None:
    zhou = _deputy(station_session, "周建国")
    day = reception.create(station_session, date=_iso(-2), deputy_uuids=[zhou]).uuid
    reception.mark(station_session, day, zhou, "present")
    reception.create(station_session, date=_iso(-9), deputy_uuids=[zhou])
    absent_day = reception.create(station_session, date=_iso(-16), deputy_uuids=[zhou]).uuid
    reception.mark(station_session, absent_day, zhou, "absent")
    visit = visits.create(
        station_session,
        date=_iso(-2),
        reception_day_uuid=day,
        headcount=4,
        raised="停车难",
        deputy_uuids=[zhou],
    )
    items.from_visit(station_session, visit)
    record = deputies_view.duty_record(station_session.db, zhou)
    assert record == {
        "present": 1,
        "leave": 0,
        "absent": 1,
        "scheduled": 1,
        "residents_received": 4,
        "items_collected": 1,
    }


def test_unexported_counts_records_written_since_the_last_export(station_session: Session) -> None:
    before = status_view.unexported_count(station_session.db)
    assert before >= 1  # the station itself
    visits.create(station_session, date=_iso(0), raised="停车难")
    assert status_view.unexported_count(station_session.db) == before + 1
    seq = station_session.db.execute("SELECT value FROM change_counter").fetchone()[0]
    settings.LAST_EXPORTED_SEQ.set(station_session.db, seq)
    assert status_view.unexported_count(station_session.db) == 0


def test_communities_are_offered_most_used_first(station_session: Session) -> None:
    for community in ("长白二村", "控江一村", "长白二村"):
        visits.create(station_session, date=_iso(0), community=community, raised="问题")
    assert visits_view.communities(station_session.db, station_session.local_station_uuid()) == [
        "长白二村",
        "控江一村",
    ]


def test_preferences_are_checked_together_and_saved_only_when_all_are_right(station_session: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        preferences.save(
            station_session,
            language="fr",
            theme="light",
            operator="",
            backup_folder="relative",
            overdue_days="0",
        )
    fields = {e.field for e in refused.value.errors}
    assert fields == {"language", "operator", "backup_folder", "overdue_days"}
    assert settings.OVERDUE_DAYS.get(station_session.db) == 15
    saved = preferences.save(
        station_session, language="en", theme="dark", operator="李梅", backup_folder="", overdue_days=30
    )
    assert saved == preferences.load(station_session)
    assert (saved.language, saved.theme, saved.operator, saved.overdue_days) == ("en", "dark", "李梅", 30)
