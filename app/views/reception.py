"""接待日: the month's days and marks, a day's duty roster and visits, the deputies a form offers."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict, cast

from app.views.common import DeputyRow, ReceptionDayRow, rows, station_clause


class DutyRow(TypedDict):
    deputy_uuid: str
    name: str
    level: str
    status: str
    not_stationed: int
    duty_uuid: str


class DaySummary(ReceptionDayRow):
    scheduled: int
    present: int
    person_visits: int


class DayVisit(TypedDict):
    uuid: str
    date: str
    visitor_name: str
    community: str
    headcount: int
    raised: str
    category: str


def duty_roster(db: Any, day_uuid: str) -> list[DutyRow]:
    return cast(
        list[DutyRow],
        rows(
            db,
            "SELECT d.uuid AS deputy_uuid, d.name, d.level, u.status, u.not_stationed, u.uuid AS duty_uuid"
            " FROM duties u JOIN deputies d ON d.uuid = u.deputy_uuid WHERE u.reception_day_uuid = ?"
            " ORDER BY d.level, d.name",
            [day_uuid],
        ),
    )


def reception_dates(db: Any, station_uuid: str | None, first: date, last: date) -> list[str]:
    where, params = station_clause("station_uuid", station_uuid)
    return [
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT date FROM reception_days WHERE date BETWEEN ? AND ?{where} ORDER BY date",
            [first.isoformat(), last.isoformat(), *params],
        ).fetchall()
    ]


def reception_days_between(db: Any, station_uuid: str | None, first: date, last: date) -> list[DaySummary]:
    """Reception days with their duty counts and the person-visits received that day."""
    where, params = station_clause("r.station_uuid", station_uuid)
    return cast(
        list[DaySummary],
        rows(
            db,
            "SELECT r.*,"
            " (SELECT COUNT(*) FROM duties u WHERE u.reception_day_uuid = r.uuid) AS scheduled,"
            " (SELECT COUNT(*) FROM duties u WHERE u.reception_day_uuid = r.uuid AND u.status = 'present')"
            "   AS present,"
            " (SELECT COALESCE(SUM(v.headcount), 0) FROM visits v WHERE v.reception_day_uuid = r.uuid)"
            "   AS person_visits"
            f" FROM reception_days r WHERE r.date BETWEEN ? AND ?{where} ORDER BY r.date, r.start_time",
            [first.isoformat(), last.isoformat(), *params],
        ),
    )


def visits_of_day(db: Any, day_uuid: str) -> list[DayVisit]:
    return cast(
        list[DayVisit],
        rows(
            db,
            "SELECT uuid, date, visitor_name, community, headcount, raised, category FROM visits"
            " WHERE reception_day_uuid = ? ORDER BY created_at",
            [day_uuid],
        ),
    )


def offered_deputies(db: Any, station_uuid: str | None, on: str | None = None) -> list[DeputyRow]:
    """Who a form offers: the deputies stationed at this station (every active deputy at the district)."""
    from app.services import deputies

    if station_uuid:
        return cast(list[DeputyRow], deputies.stationed_at(db, station_uuid, on))
    return cast(list[DeputyRow], rows(db, "SELECT * FROM deputies WHERE active = 1 ORDER BY level, name", []))
