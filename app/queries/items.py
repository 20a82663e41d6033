"""The 社情民意 listing: filters, sort keys and the page query over items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain import ItemStatus, Satisfaction
from app.queries import filters, text_search
from app.queries.listing import STATIONS_BY_NAME, Listing, Segments, sorted_listing
from db.schema_listing import ITEMS_TEXT_COLUMNS


@dataclass(frozen=True)
class ItemFilters:
    status: str | Iterable[str] | None = None
    category: str | None = None
    community: str | None = None
    text: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    station_code: str | None = None


# Sort key -> ORDER BY expression(s). Each is backed by an index of schema version 1 or 4.
SORTS: dict[str, str | tuple[str, ...] | Segments] = {
    "item_no": "t.item_no",
    "date": "t.date",
    "title": "t.title",
    "category": "t.category",
    "community": "t.community",
    # Workflow order (提出 → 反馈), not the codes' alphabetical order.
    "status": Segments("t.status", tuple(s.value for s in ItemStatus)),
    "department": "t.department",
    "due_date": "t.due_date",
    "satisfaction": Segments("t.satisfaction", (*(s.value for s in Satisfaction), None)),
    "station": Segments("t.station_uuid", values_sql=STATIONS_BY_NAME),
}
DEFAULT_SORT = "date"

SELECT = """t.uuid, t.origin, t.created_at, t.updated_at, t.version, t.item_no, t.station_uuid, t.visit_uuid,
    t.date, t.title, t.content, t.category, t.community, t.source_kind, t.status, t.department, t.due_date,
    t.reply, t.satisfaction,
    (SELECT code FROM stations WHERE uuid = t.station_uuid) AS station_code,
    (SELECT name FROM stations WHERE uuid = t.station_uuid) AS station_name"""


def listing(
    item_filters: ItemFilters,
    sort: str = DEFAULT_SORT,
    descending: bool = True,
    have_bigram_index: bool = True,
) -> Listing:
    f = item_filters
    conditions = [
        *filters.one_of("status", f.status),
        *filters.equals("category", f.category),
        *filters.equals("community", f.community),
        *filters.date_range("date", f.date_from, f.date_to),
        *filters.station(f.station_code),
        *text_search.conditions("items", f.text, ITEMS_TEXT_COLUMNS, have_bigram_index),
    ]
    return sorted_listing(
        "items", SELECT, tuple(conditions), SORTS.get(sort, SORTS[DEFAULT_SORT]), descending
    )
