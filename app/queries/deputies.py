"""The 代表 roster listing, with the stations each deputy is stationed at (入驻)."""

from __future__ import annotations

from dataclasses import dataclass

from app.queries import filters
from app.queries.listing import Condition, Listing, order_terms

# A stationing counts until it is ended (services.deputies.unstation sets until).
_CURRENT = "s.until IS NULL"


@dataclass(frozen=True)
class DeputyFilters:
    text: str | None = None  # part of the name, the delegation or the professional group
    level: str | None = None
    station_code: str | None = None  # stationed at this station
    active: bool | None = None


SORTS: dict[str, str | tuple[str, ...]] = {
    "name": "t.name",
    "level": "t.level",
    "gender": "t.gender",
    "delegation": "t.delegation",
    "professional_group": "t.professional_group",
    "stations": "stations",
    "active": "t.active",
}
DEFAULT_SORT = "name"

SELECT = f"""t.uuid, t.origin, t.created_at, t.updated_at, t.version, t.deputy_no, t.name, t.level, t.gender,
    t.delegation, t.phone, t.professional_group, t.active,
    (SELECT group_concat(st.name, '、') FROM stationings s JOIN stations st ON st.uuid = s.station_uuid
        WHERE s.deputy_uuid = t.uuid AND {_CURRENT}) AS stations"""


def listing(deputy_filters: DeputyFilters, sort: str = DEFAULT_SORT, descending: bool = False) -> Listing:
    f = deputy_filters
    conditions: list[Condition] = [*filters.equals("level", f.level)]
    if f.active is not None:
        conditions.append(Condition("t.active = ?", (1 if f.active else 0,)))
    if not filters.blank(f.station_code):
        conditions.append(
            Condition(
                "t.uuid IN (SELECT s.deputy_uuid FROM stationings s JOIN stations st ON st.uuid = s.station_uuid"
                f" WHERE st.code = ? AND {_CURRENT})",
                ((f.station_code or "").strip(),),
            )
        )
    # The roster is hundreds of deputies, not millions: a LIKE over it costs nothing.
    for word in (f.text or "").split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            Condition(
                "t.name LIKE ? ESCAPE '\\' OR t.delegation LIKE ? ESCAPE '\\'"
                " OR t.professional_group LIKE ? ESCAPE '\\'",
                (pattern, pattern, pattern),
            )
        )
    sort_sql = SORTS.get(sort, SORTS[DEFAULT_SORT])
    if sort == "stations":
        sort_sql = (
            "(SELECT group_concat(st.name, '、') FROM stationings s JOIN stations st ON st.uuid = s.station_uuid"
            f" WHERE s.deputy_uuid = t.uuid AND {_CURRENT})"
        )
    return Listing(
        table="deputies",
        select=SELECT,
        conditions=tuple(conditions),
        order_by=order_terms(sort_sql, descending),
    )
