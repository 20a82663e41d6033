"""代表: each deputy's record of duty (履职档案)."""

from __future__ import annotations

from typing import Any, TypedDict

from app.views.common import station_clause


class DutyRecord(TypedDict):
    present: int
    leave: int
    absent: int
    scheduled: int
    residents_received: int
    items_collected: int


def duty_record(db: Any, deputy_uuid: str, station_uuid: str | None = None) -> DutyRecord:
    """履职档案: reception days present / on leave / absent / scheduled, residents received (person-visits),
    and items collected from the visits the deputy received."""
    where, params = station_clause("r.station_uuid", station_uuid)
    counts = {"present": 0, "leave": 0, "absent": 0, "scheduled": 0}
    for status, count in db.execute(
        "SELECT u.status, COUNT(*) FROM duties u JOIN reception_days r ON r.uuid = u.reception_day_uuid"
        f" WHERE u.deputy_uuid = ?{where} GROUP BY u.status",
        [deputy_uuid, *params],
    ).fetchall():
        counts[status] = int(count)
    vwhere, vparams = station_clause("v.station_uuid", station_uuid)
    residents, items = db.execute(
        "SELECT COALESCE(SUM(v.headcount), 0),"
        " (SELECT COUNT(*) FROM items i JOIN visit_deputies l ON l.visit_uuid = i.visit_uuid"
        f"   JOIN visits v ON v.uuid = i.visit_uuid WHERE l.deputy_uuid = ?{vwhere})"
        f" FROM visits v JOIN visit_deputies l ON l.visit_uuid = v.uuid WHERE l.deputy_uuid = ?{vwhere}",
        [deputy_uuid, *vparams, deputy_uuid, *vparams],
    ).fetchone()
    return DutyRecord(
        present=counts["present"],
        leave=counts["leave"],
        absent=counts["absent"],
        scheduled=counts["scheduled"],
        residents_received=int(residents),
        items_collected=int(items),
    )
