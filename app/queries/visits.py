"""The 来访登记 listing: filters, sort keys and the page query over visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.queries import filters, text_search
from app.queries.listing import STATIONS_BY_NAME, Condition, Listing, Segments, sorted_listing
from db.schema_listing import VISITS_TEXT_COLUMNS


@dataclass(frozen=True)
class VisitFilters:
    community: str | None = None
    category: str | None = None
    text: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    reception_day_uuid: str | None = None
    station_code: str | None = None


SORTS: dict[str, str | tuple[str, ...] | Segments] = {
    "date": "t.date",
    "visitor_name": "t.visitor_name",
    "phone": "t.phone",
    "headcount": "t.headcount",
    "community": "t.community",
    "category": "t.category",
    "raised": "t.raised",
    "station": Segments("t.station_uuid", values_sql=STATIONS_BY_NAME),
}
DEFAULT_SORT = "date"

# The receiving deputies are read for the rows of a page only, never for the whole listing.
SELECT = """t.uuid, t.origin, t.created_at, t.updated_at, t.version, t.station_uuid, t.reception_day_uuid,
    t.date, t.visitor_name, t.phone, t.community, t.headcount, t.raised, t.category,
    (SELECT group_concat(d.name, '、') FROM visit_deputies vd JOIN deputies d ON d.uuid = vd.deputy_uuid
        WHERE vd.visit_uuid = t.uuid) AS deputy_names,
    (SELECT code FROM stations WHERE uuid = t.station_uuid) AS station_code,
    (SELECT name FROM stations WHERE uuid = t.station_uuid) AS station_name"""


def listing(
    visit_filters: VisitFilters,
    sort: str = DEFAULT_SORT,
    descending: bool = True,
    have_bigram_index: bool = True,
) -> Listing:
    f = visit_filters
    conditions: list[Condition] = [
        *filters.equals("community", f.community),
        *filters.equals("category", f.category),
        *filters.equals("reception_day_uuid", f.reception_day_uuid),
        *filters.date_range("date", f.date_from, f.date_to),
        *filters.station(f.station_code),
        *text_search.conditions("visits", f.text, VISITS_TEXT_COLUMNS, have_bigram_index),
    ]
    return sorted_listing(
        "visits", SELECT, tuple(conditions), SORTS.get(sort, SORTS[DEFAULT_SORT]), descending
    )
