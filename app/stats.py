"""The figures a station or district must report, for any period and optionally one station.

Keys are fixed (the CLI prints them as JSON and the reports print them): see `compute`.
"""

from __future__ import annotations

from typing import Any

from app.domain import ItemStatus, Satisfaction
from app.errors import NotFound
from app.i18n import text
from app.period import Period

UNCATEGORISED = "未分类"


def category_label(category: str) -> str:
    """A category as printed or shown: the program's own 未分类 in the reader's language, a clerk's own words as typed."""
    return text("未分类", "Uncategorised").render() if category == UNCATEGORISED else category


# The keys `liaison stats --json` prints, exactly and in this order; compute() may carry more for the reports.
STATS_KEYS = (
    "from",
    "to",
    "stations",
    "reception_days",
    "attendance",
    "visits",
    "person_visits",
    "sentiment_items",
    "items_by_status",
    "items_by_category",
    "deputies",
    "deputies_stationed",
    "coverage",
)


def _station_uuid(db: Any, code: str | None) -> str | None:
    if not code:
        return None
    row = db.execute("SELECT uuid FROM stations WHERE code = ?", [code.strip().upper()]).fetchone()
    if row is None:
        raise NotFound(text("找不到编号为“{c}”的家站点", "No station with code “{c}”", c=code))
    return str(row[0])


def compute(db: Any, period: Period, station_code: str | None = None) -> dict[str, Any]:
    """Counts within [period.start, period.end] by each record's own date.

    deputies: active deputies on the roster; deputies_stationed: those of them stationed at a station
    (at the given station when one is named) at some time in the period; coverage = the ratio.
    """
    station = _station_uuid(db, station_code)
    lo, hi = period.start_iso, period.end_iso
    where_station = " AND station_uuid = ?" if station else ""
    extra: list[Any] = [station] if station else []

    def one(sql: str, params: list[Any]) -> int:
        return int(db.execute(sql, params).fetchone()[0] or 0)

    stations = 1 if station else one("SELECT COUNT(*) FROM stations", [])
    reception_days = one(
        f"SELECT COUNT(*) FROM reception_days WHERE date BETWEEN ? AND ?{where_station}", [lo, hi, *extra]
    )
    attendance = {"present": 0, "leave": 0, "absent": 0}
    for status, count in db.execute(
        "SELECT d.status, COUNT(*) FROM duties d JOIN reception_days r ON r.uuid = d.reception_day_uuid"
        f" WHERE r.date BETWEEN ? AND ?{where_station.replace('station_uuid', 'r.station_uuid')}"
        " GROUP BY d.status",
        [lo, hi, *extra],
    ).fetchall():
        if status in attendance:
            attendance[status] = int(count)
    visits, person_visits = db.execute(
        f"SELECT COUNT(*), COALESCE(SUM(headcount), 0) FROM visits WHERE date BETWEEN ? AND ?{where_station}",
        [lo, hi, *extra],
    ).fetchone()
    by_status = {s.value: 0 for s in ItemStatus}
    for status, count in db.execute(
        f"SELECT status, COUNT(*) FROM items WHERE date BETWEEN ? AND ?{where_station} GROUP BY status",
        [lo, hi, *extra],
    ).fetchall():
        by_status[status] = int(count)
    by_category: dict[str, int] = {}
    for category, count in db.execute(
        f"SELECT category, COUNT(*) FROM items WHERE date BETWEEN ? AND ?{where_station}"
        " GROUP BY category ORDER BY COUNT(*) DESC, category",
        [lo, hi, *extra],
    ).fetchall():
        key = category or UNCATEGORISED
        by_category[key] = by_category.get(key, 0) + int(count)
    # Residents' replies to fed-back items (满意 / 基本满意 / 不满意), for the satisfaction rate.
    satisfaction = {s.value: 0 for s in Satisfaction}
    for answer, count in db.execute(
        f"SELECT satisfaction, COUNT(*) FROM items WHERE date BETWEEN ? AND ?{where_station}"
        " AND satisfaction IS NOT NULL GROUP BY satisfaction",
        [lo, hi, *extra],
    ).fetchall():
        satisfaction[answer] = int(count)
    deputies = one("SELECT COUNT(*) FROM deputies WHERE active = 1", [])
    stationed_filter = " AND s.station_uuid = ?" if station else ""
    deputies_stationed = one(
        "SELECT COUNT(DISTINCT d.uuid) FROM deputies d JOIN stationings s ON s.deputy_uuid = d.uuid"
        " WHERE d.active = 1 AND (s.since IS NULL OR s.since <= ?) AND (s.until IS NULL OR s.until >= ?)"
        f"{stationed_filter}",
        [hi, lo, *extra],
    )
    return {
        "from": period.start.isoformat() if period.start else None,
        "to": period.end.isoformat() if period.end else None,
        "stations": stations,
        "reception_days": reception_days,
        "attendance": attendance,
        "visits": int(visits),
        "person_visits": int(person_visits),
        "sentiment_items": sum(by_status.values()),
        "items_by_status": by_status,
        "items_by_category": by_category,
        "satisfaction": satisfaction,
        "deputies": deputies,
        "deputies_stationed": deputies_stationed,
        "coverage": round(deputies_stationed / deputies, 4) if deputies else 0.0,
    }
