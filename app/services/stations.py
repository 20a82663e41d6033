"""家站点: a station's identity. Its UUID follows from its code, so every copy of it agrees."""

from __future__ import annotations

from typing import Any

from app.errors import NotFound
from app.i18n import text
from app.rules import STATIONS
from app.session import Session
from db.records import Writer, get, stable_uuid


def station_uuid_for(code: str) -> str:
    return stable_uuid("station", code.upper())


def check_code(value: object) -> str:
    """A station code as the station's rule book reads it: in capitals, or ValidationError naming the field."""
    return str(STATIONS.clean({"code": value})["code"])


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return STATIONS.clean(values)


def find_by_code(session: Session, code: str) -> dict[str, Any] | None:
    cursor = session.db.execute("SELECT * FROM stations WHERE code = ?", [code.strip().upper()])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def require_by_code(session: Session, code: str) -> dict[str, Any]:
    station = find_by_code(session, code)
    if station is None:
        raise NotFound(text("找不到编号为“{c}”的家站点", "No station with code “{c}”", c=code))
    return station


def upsert(
    writer: Writer, *, code: str, name: str, kind: str | None, street: str = "", address: str = ""
) -> str:
    """Create the station, or fill in / correct the one already known by this code."""
    cleaned = _clean({"code": code, "name": name, "kind": kind or "", "street": street, "address": address})
    uuid = station_uuid_for(cleaned["code"])
    existing = get(writer.db, "stations", uuid)
    if existing is None:
        writer.insert("stations", cleaned, record_uuid=uuid)
    else:
        changes = {k: v for k, v in cleaned.items() if v not in (None, "")}
        writer.update("stations", uuid, changes)
    return uuid


def ensure_placeholder(writer: Writer, code: str) -> str:
    """A station named only by its code (e.g. in a roster) until its own data arrives."""
    code = check_code(code)
    uuid = station_uuid_for(code)
    if get(writer.db, "stations", uuid) is None:
        writer.insert("stations", {"code": code, "name": code, "kind": None}, record_uuid=uuid)
    return uuid


def update(session: Session, station_uuid: str, **values: Any) -> None:
    values.pop("code", None)  # the code is the station's identity; it never changes
    cleaned = _clean(values)
    with session.write() as writer:
        writer.update("stations", station_uuid, cleaned)
