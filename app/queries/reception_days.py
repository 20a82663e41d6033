"""The 接待日 listing, with how many deputies were scheduled and how many came."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.queries import filters
from app.queries.listing import STATIONS_BY_NAME, Condition, Listing, Segments, sorted_listing


@dataclass(frozen=True)
class ReceptionDayFilters:
    kind: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    station_code: str | None = None


SORTS: dict[str, str | tuple[str, ...] | Segments] = {
    "date": ("t.date", "t.start_time"),
    "time": ("t.start_time", "t.date"),
    "kind": "t.kind",
    "theme": "t.theme",
    "station": Segments("t.station_uuid", values_sql=STATIONS_BY_NAME),
}
DEFAULT_SORT = "date"

SELECT = """t.uuid, t.origin, t.created_at, t.updated_at, t.version, t.station_uuid, t.date, t.start_time,
    t.end_time, t.kind, t.theme, t.notes,
    (SELECT count(*) FROM duties WHERE reception_day_uuid = t.uuid) AS scheduled_count,
    (SELECT count(*) FROM duties WHERE reception_day_uuid = t.uuid AND status = 'present') AS present_count,
    (SELECT code FROM stations WHERE uuid = t.station_uuid) AS station_code,
    (SELECT name FROM stations WHERE uuid = t.station_uuid) AS station_name"""


def listing(day_filters: ReceptionDayFilters, sort: str = DEFAULT_SORT, descending: bool = True) -> Listing:
    f = day_filters
    conditions: list[Condition] = [
        *filters.equals("kind", f.kind),
        *filters.date_range("date", f.date_from, f.date_to),
        *filters.station(f.station_code),
    ]
    return sorted_listing(
        "reception_days", SELECT, tuple(conditions), SORTS.get(sort, SORTS[DEFAULT_SORT]), descending
    )
