"""工作台: the next reception day, the items waiting too long, the person-visits of the last months."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypedDict, cast

from app.domain import ItemStatus
from app.views.common import ReceptionDayRow, rows, station_clause
from app.views.reception import DutyRow, duty_roster
from db import clock


class NextReceptionDay(ReceptionDayRow):
    station_name: str
    deputies: list[DutyRow]


class OverdueItem(TypedDict):
    uuid: str
    item_no: str
    title: str
    status: str
    department: str
    due_date: str | None
    community: str
    date: str
    waiting_since: str


def next_reception_day(
    db: Any, station_uuid: str | None, today: date | None = None
) -> NextReceptionDay | None:
    """The first reception day from today on, with its duty roster."""
    day_iso = (today or clock.today()).isoformat()
    where, params = station_clause("r.station_uuid", station_uuid)
    found = rows(
        db,
        "SELECT r.*, s.name AS station_name FROM reception_days r JOIN stations s ON s.uuid = r.station_uuid"
        f" WHERE r.date >= ?{where} ORDER BY r.date, r.start_time LIMIT 1",
        [day_iso, *params],
    )
    if not found:
        return None
    day = found[0]
    day["deputies"] = duty_roster(db, day["uuid"])
    return cast(NextReceptionDay, day)


def overdue_items(
    db: Any, station_uuid: str | None, days: int, today: date | None = None, limit: int = 100
) -> list[OverdueItem]:
    """Items not yet fed back whose current step has lasted more than `days` days, or whose due date passed
    before they were resolved. 'waiting_since' is the date the item entered its current step: its last status
    change, or the item's own date while it has not moved (an imported item was raised on its date, not on the
    day it was typed in)."""
    today = today or clock.today()
    cutoff = (today - timedelta(days=max(days, 0))).isoformat()
    where, params = station_clause("i.station_uuid", station_uuid)
    open_steps = [ItemStatus.RAISED, ItemStatus.ASSIGNED, ItemStatus.HANDLING]
    return cast(
        list[OverdueItem],
        rows(
            db,
            "SELECT * FROM ("
            " SELECT i.uuid, i.item_no, i.title, i.status, i.department, i.due_date, i.community, i.date,"
            "  COALESCE((SELECT substr(MAX(e.at), 1, 10) FROM item_events e"
            "            WHERE e.item_uuid = i.uuid AND e.kind = 'status'), i.date) AS waiting_since"
            f" FROM items i WHERE i.status != 'fed_back'{where}"
            ") WHERE waiting_since < ? OR (due_date IS NOT NULL AND due_date < ? AND status IN (?, ?, ?))"
            " ORDER BY waiting_since LIMIT ?",
            [*params, cutoff, today.isoformat(), *open_steps, limit],
        ),
    )


def month_keys(end: date, months: int) -> list[str]:
    """'YYYY-MM' for the `months` months ending with end's month, oldest first."""
    year, month = end.year, end.month
    keys: list[str] = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return keys[::-1]


def person_visits_by_month(
    db: Any, station_uuid: str | None, end: date | None = None, months: int = 12
) -> list[tuple[str, int]]:
    keys = month_keys(end or clock.today(), months)
    where, params = station_clause("station_uuid", station_uuid)
    counts = {
        row[0]: int(row[1])
        for row in db.execute(
            "SELECT substr(date, 1, 7), SUM(headcount) FROM visits WHERE date >= ? AND date <= ?"
            f"{where} GROUP BY 1",
            [keys[0] + "-01", keys[-1] + "-31", *params],
        ).fetchall()
    }
    return [(key, counts.get(key, 0)) for key in keys]
