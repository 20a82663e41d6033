"""The breakdowns a report prints beside the headline figures: rows per reception day, visit, item,
station, month and deputy. Headline figures are never recounted here; per-station and per-month rows call
app.stats.compute for that station or month, so a row always agrees with `liaison stats`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app import stats
from app.errors import NotFound
from app.i18n import text
from app.period import Period


@dataclass(frozen=True)
class Station:
    uuid: str
    code: str
    name: str
    kind: str
    street: str


def station_by_code(db: Any, code: str) -> Station:
    row = db.execute(
        "SELECT uuid, code, name, COALESCE(kind, ''), street FROM stations WHERE code = ?",
        [code.strip().upper()],
    ).fetchone()
    if row is None:
        raise NotFound(text("找不到编号为“{c}”的家站点", "No station with code “{c}”", c=code))
    return Station(*row)


def all_stations(db: Any) -> list[Station]:
    rows = db.execute(
        "SELECT uuid, code, name, COALESCE(kind, ''), street FROM stations ORDER BY code"
    ).fetchall()
    return [Station(*row) for row in rows]


def reception_days(db: Any, period: Period, station_uuid: str) -> list[dict[str, Any]]:
    """Each reception day with the names of the deputies present, on leave and absent, and the residents
    registered that day."""
    days = db.execute(
        "SELECT uuid, date, start_time, end_time, kind, theme FROM reception_days"
        " WHERE station_uuid = ? AND date BETWEEN ? AND ? ORDER BY date, start_time",
        [station_uuid, period.start_iso, period.end_iso],
    ).fetchall()
    result: list[dict[str, Any]] = []
    for uuid, day, start, end, kind, theme in days:
        names: dict[str, list[str]] = {"present": [], "leave": [], "absent": [], "scheduled": []}
        for name, status in db.execute(
            "SELECT p.name, d.status FROM duties d JOIN deputies p ON p.uuid = d.deputy_uuid"
            " WHERE d.reception_day_uuid = ? ORDER BY p.deputy_no, p.name",
            [uuid],
        ).fetchall():
            names.setdefault(status, []).append(name)
        visits, person_visits = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(headcount), 0) FROM visits WHERE reception_day_uuid = ?", [uuid]
        ).fetchone()
        result.append(
            {
                "date": day,
                "time": f"{start}–{end}" if start and end else start,
                "kind": kind,
                "theme": theme,
                **names,
                "visits": int(visits),
                "person_visits": int(person_visits),
            }
        )
    return result


def visits(db: Any, period: Period, station_uuid: str) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT date, visitor_name, phone, community, headcount, raised, category FROM visits"
        " WHERE station_uuid = ? AND date BETWEEN ? AND ? ORDER BY date, created_at",
        [station_uuid, period.start_iso, period.end_iso],
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def items(db: Any, period: Period, station_uuid: str) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT item_no, date, title, category, status, department, satisfaction FROM items"
        " WHERE station_uuid = ? AND date BETWEEN ? AND ? ORDER BY date, item_no",
        [station_uuid, period.start_iso, period.end_iso],
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def month_periods(last: date, count: int) -> list[Period]:
    """The `count` calendar months ending with the month of `last`, oldest first."""
    periods = []
    for back in range(count - 1, -1, -1):
        y, m = divmod(last.year * 12 + last.month - 1 - back, 12)
        periods.append(Period.month(f"{y}-{m + 1:02d}"))
    return periods


def monthly_figures(db: Any, periods: list[Period], station_code: str | None) -> list[dict[str, Any]]:
    return [stats.compute(db, p, station_code) for p in periods]


def station_figures(db: Any, period: Period) -> list[tuple[Station, dict[str, Any]]]:
    return [(s, stats.compute(db, period, s.code)) for s in all_stations(db)]


def stations_by_street(db: Any) -> list[tuple[str, dict[str, int]]]:
    """Per street/town: how many stations of each kind."""
    table: dict[str, dict[str, int]] = {}
    for street, kind, count in db.execute(
        "SELECT street, COALESCE(kind, ''), COUNT(*) FROM stations GROUP BY street, kind ORDER BY street"
    ).fetchall():
        table.setdefault(street or "—", {"home": 0, "station": 0, "point": 0, "": 0})[kind] = int(count)
    return sorted(table.items())


def stationed_by_level(db: Any, period: Period) -> dict[str, tuple[int, int]]:
    """Per deputy level: (active deputies, of whom stationed at some station during the period)."""
    result: dict[str, tuple[int, int]] = {}
    for level, total, stationed in db.execute(
        "SELECT d.level, COUNT(*), SUM(EXISTS (SELECT 1 FROM stationings s WHERE s.deputy_uuid = d.uuid"
        " AND (s.since IS NULL OR s.since <= ?) AND (s.until IS NULL OR s.until >= ?)))"
        " FROM deputies d WHERE d.active = 1 GROUP BY d.level",
        [period.end_iso, period.start_iso],
    ).fetchall():
        result[level] = (int(total), int(stationed or 0))
    return result


def duty_record(db: Any, period: Period) -> list[dict[str, Any]]:
    """Every active deputy's record of duty in the period (履职档案): where stationed, attendance by status
    and residents received. Deputies with no duty still appear, with zeros: the record must show them."""
    lo, hi = period.start_iso, period.end_iso
    cursor = db.execute(
        """
        SELECT d.uuid, d.deputy_no, d.name, d.level,
            (SELECT GROUP_CONCAT(st.name, '、') FROM stationings s JOIN stations st ON st.uuid = s.station_uuid
              WHERE s.deputy_uuid = d.uuid AND (s.since IS NULL OR s.since <= ?)
              AND (s.until IS NULL OR s.until >= ?)) AS stations,
            COALESCE(a.present, 0), COALESCE(a.leave, 0), COALESCE(a.absent, 0),
            COALESCE(r.received, 0)
        FROM deputies d
        LEFT JOIN (
            SELECT du.deputy_uuid,
                SUM(du.status = 'present') AS present,
                SUM(du.status = 'leave') AS leave,
                SUM(du.status = 'absent') AS absent
            FROM duties du JOIN reception_days rd ON rd.uuid = du.reception_day_uuid
            WHERE rd.date BETWEEN ? AND ?
            GROUP BY du.deputy_uuid
        ) a ON a.deputy_uuid = d.uuid
        LEFT JOIN (
            SELECT vd.deputy_uuid, SUM(v.headcount) AS received
            FROM visit_deputies vd JOIN visits v ON v.uuid = vd.visit_uuid
            WHERE v.date BETWEEN ? AND ?
            GROUP BY vd.deputy_uuid
        ) r ON r.deputy_uuid = d.uuid
        WHERE d.active = 1
        ORDER BY CASE d.level WHEN 'national' THEN 0 WHEN 'municipal' THEN 1 ELSE 2 END,
            d.deputy_no, d.name
        """,
        [hi, lo, lo, hi, lo, hi],
    )
    keys = ("uuid", "deputy_no", "name", "level", "stations", "present", "leave", "absent", "received")
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]
