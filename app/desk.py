"""What the clerk's desk shows at a glance: the next reception day, overdue items, monthly trend,
each deputy's record of duty (履职档案), and how much has not been exported yet. Qt-free, so it is tested
headless and the window only displays it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app import settings
from app.domain import ItemStatus
from db import clock
from db.records import current_change_seq
from db.schema_sync import SYNCED_TABLES as RECORD_TABLES

# What a bundle carries: every synced record table, and the deletions.
EXPORTED_TABLES = (*RECORD_TABLES, "tombstones")


def _rows(db: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def unexported_count(db: Any) -> int:
    """Records written since the last bundle export (change_seq above LAST_EXPORTED_SEQ)."""
    since = settings.LAST_EXPORTED_SEQ.get(db)
    if current_change_seq(db) <= since:
        return 0  # the common case, answered without touching the big tables
    return sum(
        int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE change_seq > ?", [since]).fetchone()[0])
        for table in EXPORTED_TABLES
    )


def _station_clause(column: str, station_uuid: str | None) -> tuple[str, list[Any]]:
    return (f" AND {column} = ?", [station_uuid]) if station_uuid else ("", [])


def next_reception_day(db: Any, station_uuid: str | None, today: date | None = None) -> dict[str, Any] | None:
    """The first reception day from today on, with its duty roster as 'deputies': [{name, status}]."""
    day_iso = (today or clock.today()).isoformat()
    where, params = _station_clause("r.station_uuid", station_uuid)
    found = _rows(
        db,
        "SELECT r.*, s.name AS station_name FROM reception_days r JOIN stations s ON s.uuid = r.station_uuid"
        f" WHERE r.date >= ?{where} ORDER BY r.date, r.start_time LIMIT 1",
        [day_iso, *params],
    )
    if not found:
        return None
    day = found[0]
    day["deputies"] = duty_roster(db, day["uuid"])
    return day


def duty_roster(db: Any, day_uuid: str) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT d.uuid AS deputy_uuid, d.name, d.level, u.status, u.not_stationed, u.uuid AS duty_uuid"
        " FROM duties u JOIN deputies d ON d.uuid = u.deputy_uuid WHERE u.reception_day_uuid = ?"
        " ORDER BY d.level, d.name",
        [day_uuid],
    )


def overdue_items(
    db: Any, station_uuid: str | None, days: int, today: date | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Items not yet fed back whose current step has lasted more than `days` days, or whose due date passed
    before they were resolved. 'waiting_since' is the date the item entered its current step: its last status
    change, or the item's own date while it has not moved (an imported item was raised on its date, not on the
    day it was typed in)."""
    today = today or clock.today()
    cutoff = (today - timedelta(days=max(days, 0))).isoformat()
    where, params = _station_clause("i.station_uuid", station_uuid)
    open_steps = [ItemStatus.RAISED, ItemStatus.ASSIGNED, ItemStatus.HANDLING]
    return _rows(
        db,
        "SELECT * FROM ("
        " SELECT i.uuid, i.item_no, i.title, i.status, i.department, i.due_date, i.community, i.date,"
        "  COALESCE((SELECT substr(MAX(e.at), 1, 10) FROM item_events e"
        "            WHERE e.item_uuid = i.uuid AND e.kind = 'status'), i.date) AS waiting_since"
        f" FROM items i WHERE i.status != 'fed_back'{where}"
        ") WHERE waiting_since < ? OR (due_date IS NOT NULL AND due_date < ? AND status IN (?, ?, ?))"
        " ORDER BY waiting_since LIMIT ?",
        [*params, cutoff, today.isoformat(), *open_steps, limit],
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
    where, params = _station_clause("station_uuid", station_uuid)
    counts = {
        row[0]: int(row[1])
        for row in db.execute(
            "SELECT substr(date, 1, 7), SUM(headcount) FROM visits WHERE date >= ? AND date <= ?"
            f"{where} GROUP BY 1",
            [keys[0] + "-01", keys[-1] + "-31", *params],
        ).fetchall()
    }
    return [(key, counts.get(key, 0)) for key in keys]


def reception_dates(db: Any, station_uuid: str | None, first: date, last: date) -> list[str]:
    where, params = _station_clause("station_uuid", station_uuid)
    return [
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT date FROM reception_days WHERE date BETWEEN ? AND ?{where} ORDER BY date",
            [first.isoformat(), last.isoformat(), *params],
        ).fetchall()
    ]


def reception_days_between(
    db: Any, station_uuid: str | None, first: date, last: date
) -> list[dict[str, Any]]:
    """Reception days with their duty counts and the person-visits received that day."""
    where, params = _station_clause("r.station_uuid", station_uuid)
    return _rows(
        db,
        "SELECT r.*,"
        " (SELECT COUNT(*) FROM duties u WHERE u.reception_day_uuid = r.uuid) AS scheduled,"
        " (SELECT COUNT(*) FROM duties u WHERE u.reception_day_uuid = r.uuid AND u.status = 'present')"
        "   AS present,"
        " (SELECT COALESCE(SUM(v.headcount), 0) FROM visits v WHERE v.reception_day_uuid = r.uuid)"
        "   AS person_visits"
        f" FROM reception_days r WHERE r.date BETWEEN ? AND ?{where} ORDER BY r.date, r.start_time",
        [first.isoformat(), last.isoformat(), *params],
    )


def visits_of_day(db: Any, day_uuid: str) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT uuid, date, visitor_name, community, headcount, raised, category FROM visits"
        " WHERE reception_day_uuid = ? ORDER BY created_at",
        [day_uuid],
    )


def duty_record(db: Any, deputy_uuid: str, station_uuid: str | None = None) -> dict[str, int]:
    """履职档案: reception days present / on leave / absent / scheduled, residents received (person-visits),
    and items collected from the visits the deputy received."""
    where, params = _station_clause("r.station_uuid", station_uuid)
    record = {"present": 0, "leave": 0, "absent": 0, "scheduled": 0}
    for status, count in db.execute(
        "SELECT u.status, COUNT(*) FROM duties u JOIN reception_days r ON r.uuid = u.reception_day_uuid"
        f" WHERE u.deputy_uuid = ?{where} GROUP BY u.status",
        [deputy_uuid, *params],
    ).fetchall():
        record[status] = int(count)
    vwhere, vparams = _station_clause("v.station_uuid", station_uuid)
    residents, items = db.execute(
        "SELECT COALESCE(SUM(v.headcount), 0),"
        " (SELECT COUNT(*) FROM items i JOIN visit_deputies l ON l.visit_uuid = i.visit_uuid"
        f"   JOIN visits v ON v.uuid = i.visit_uuid WHERE l.deputy_uuid = ?{vwhere})"
        f" FROM visits v JOIN visit_deputies l ON l.visit_uuid = v.uuid WHERE l.deputy_uuid = ?{vwhere}",
        [deputy_uuid, *vparams, deputy_uuid, *vparams],
    ).fetchone()
    record["residents_received"] = int(residents)
    record["items_collected"] = int(items)
    return record


def communities(db: Any, station_uuid: str | None, limit: int = 500) -> list[str]:
    """Communities typed before, most used first: what the visit form completes from."""
    where, params = _station_clause("station_uuid", station_uuid)
    return [
        row[0]
        for row in db.execute(
            f"SELECT community FROM visits WHERE community != ''{where}"
            " GROUP BY community ORDER BY COUNT(*) DESC, community LIMIT ?",
            [*params, limit],
        ).fetchall()
    ]


def categories(db: Any) -> list[str]:
    """The standard categories first, then any others already in use."""
    from app.domain import ITEM_CATEGORIES_ZH

    # A loose index scan (one index seek per distinct value) rather than GROUP BY over every item, so the
    # district's million items answer in milliseconds.
    used = [
        row[0]
        for row in db.execute(
            "WITH RECURSIVE c(category) AS ("
            " SELECT MIN(category) FROM items WHERE category > ''"
            " UNION ALL SELECT (SELECT MIN(category) FROM items WHERE category > c.category) FROM c"
            "  WHERE c.category IS NOT NULL"
            ") SELECT category FROM c WHERE category IS NOT NULL LIMIT 100"
        ).fetchall()
    ]
    return list(dict.fromkeys([*ITEM_CATEGORIES_ZH, *used]))


def visit_deputy_uuids(db: Any, visit_uuid: str) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT deputy_uuid FROM visit_deputies WHERE visit_uuid = ?", [visit_uuid]
        ).fetchall()
    ]


def offered_deputies(db: Any, station_uuid: str | None, on: str | None = None) -> list[dict[str, Any]]:
    """Who a form offers: the deputies stationed at this station (every active deputy at the district)."""
    from app.services import deputies

    if station_uuid:
        return deputies.stationed_at(db, station_uuid, on)
    return _rows(db, "SELECT * FROM deputies WHERE active = 1 ORDER BY level, name", [])


def stations(db: Any) -> list[dict[str, Any]]:
    """Every station known here (code, name, uuid), in code order: what the district's filters offer."""
    return _rows(db, "SELECT uuid, code, name FROM stations ORDER BY code", [])


def district_summary(db: Any) -> dict[str, Any]:
    """What the district's status bar says instead of an unexported count (the district answers each
    station with a return bundle, so its own writes have no single 'not yet exported' figure): how many
    stations it holds, and when the last station bundle was imported (None before any, or when this
    database has no sync tables yet)."""
    count = int(db.execute("SELECT COUNT(*) FROM stations").fetchone()[0])
    last_import: str | None = None
    has_bundles = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_bundles'"
    ).fetchone()
    if has_bundles:
        last_import = db.execute(
            "SELECT MAX(imported_at) FROM sync_bundles WHERE kind = 'station'"
        ).fetchone()[0]
    return {"stations": count, "last_import": last_import}


def _record(db: Any, table: str, uuid: str) -> dict[str, Any] | None:
    rows = _rows(db, f"SELECT * FROM [{table}] WHERE uuid = ?", [uuid])
    return rows[0] if rows else None


def reception_day(db: Any, uuid: str) -> dict[str, Any] | None:
    """One reception day as stored, or None once it is gone."""
    return _record(db, "reception_days", uuid)


def item(db: Any, uuid: str) -> dict[str, Any] | None:
    """One sentiment item as stored, or None once it is gone."""
    return _record(db, "items", uuid)


def deputy(db: Any, uuid: str) -> dict[str, Any] | None:
    """One deputy as stored, or None once removed."""
    return _record(db, "deputies", uuid)


def item_no(db: Any, uuid: str) -> str:
    """The item's number as the clerk reads it (e.g. YP-01-2026-0012); empty when there is no such item."""
    found = item(db, uuid)
    return str(found["item_no"]) if found else ""
