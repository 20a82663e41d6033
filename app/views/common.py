"""Reads more than one page needs: a record by its UUID, the stations, the item categories."""

from __future__ import annotations

from typing import Any, TypedDict, cast

from app.domain import ITEM_CATEGORIES_ZH


class StationRow(TypedDict):
    uuid: str
    code: str
    name: str


class DeputyRow(TypedDict):
    uuid: str
    name: str
    level: str
    gender: str
    deputy_no: str | None
    delegation: str
    phone: str
    professional_group: str
    active: int


class ReceptionDayRow(TypedDict):
    uuid: str
    station_uuid: str
    date: str
    start_time: str
    end_time: str
    kind: str
    theme: str
    notes: str


class ItemRow(TypedDict):
    uuid: str
    item_no: str
    station_uuid: str
    visit_uuid: str | None
    date: str
    title: str
    content: str
    category: str
    community: str
    source_kind: str
    status: str
    department: str
    due_date: str | None
    reply: str
    satisfaction: str | None


def rows(db: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def station_clause(column: str, station_uuid: str | None) -> tuple[str, list[Any]]:
    """A filter on one station, or none (the district sees every station)."""
    return (f" AND {column} = ?", [station_uuid]) if station_uuid else ("", [])


def _record(db: Any, table: str, uuid: str) -> dict[str, Any] | None:
    found = rows(db, f"SELECT * FROM [{table}] WHERE uuid = ?", [uuid])
    return found[0] if found else None


def reception_day(db: Any, uuid: str) -> ReceptionDayRow | None:
    """One reception day as stored, or None once it is gone."""
    return cast(ReceptionDayRow | None, _record(db, "reception_days", uuid))


def item(db: Any, uuid: str) -> ItemRow | None:
    """One sentiment item as stored, or None once it is gone."""
    return cast(ItemRow | None, _record(db, "items", uuid))


def deputy(db: Any, uuid: str) -> DeputyRow | None:
    """One deputy as stored, or None once removed."""
    return cast(DeputyRow | None, _record(db, "deputies", uuid))


def item_no(db: Any, uuid: str) -> str:
    """The item's number as the clerk reads it (e.g. YP-01-2026-0012); empty when there is no such item."""
    found = item(db, uuid)
    return found["item_no"] if found else ""


def stations(db: Any) -> list[StationRow]:
    """Every station known here (code, name, uuid), in code order: what the district's filters offer."""
    return cast(list[StationRow], rows(db, "SELECT uuid, code, name FROM stations ORDER BY code", []))


def categories(db: Any) -> list[str]:
    """The standard categories first, then any others already in use."""
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
