"""代表 and their stationing (入驻) at stations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.errors import FieldError, NotFound, ValidationError
from app.i18n import text
from app.rules import DEPUTIES
from app.session import Session
from db import clock
from db.records import Writer, get, stable_uuid


def deputy_uuid_for(*, deputy_no: str | None, name: str, level: str) -> str:
    """By number when the roster gives one, else by name and level: the same deputy everywhere."""
    if deputy_no:
        return stable_uuid("deputy-no", deputy_no.strip().upper())
    return stable_uuid("deputy", name.strip(), level)


def stationing_uuid_for(deputy_uuid: str, station_uuid: str) -> str:
    return stable_uuid("stationing", deputy_uuid, station_uuid)


def clean(values: dict[str, Any]) -> dict[str, Any]:
    """The given fields by the deputy's rule book."""
    return DEPUTIES.clean(values)


def create(session: Session, *, station_uuid: str | None = None, **values: Any) -> str:
    """Add a deputy to the roster; with station_uuid, stationed there in the same transaction."""
    values.setdefault("gender", "")
    cleaned = clean(values)
    uuid = deputy_uuid_for(deputy_no=cleaned.get("deputy_no"), name=cleaned["name"], level=cleaned["level"])
    if get(session.db, "deputies", uuid) is not None:
        raise ValidationError(
            [
                FieldError(
                    "name",
                    text("代表“{n}”已在名册中", "Deputy “{n}” is already on the roster", n=cleaned["name"]),
                )
            ]
        )
    with session.write() as writer:
        writer.insert("deputies", cleaned, record_uuid=uuid)
        if station_uuid:
            station(writer, uuid, station_uuid)
    return uuid


def update(session: Session, deputy_uuid: str, **values: Any) -> None:
    cleaned = clean(values)
    with session.write() as writer:
        writer.update("deputies", deputy_uuid, cleaned)


def delete(session: Session, deputy_uuid: str) -> None:
    """A deputy with a record of duty is kept (made inactive), so the history stays whole."""
    with session.write() as writer:
        has_history = writer.db.execute(
            "SELECT 1 FROM duties WHERE deputy_uuid = ? UNION ALL SELECT 1 FROM visit_deputies WHERE deputy_uuid = ?"
            " LIMIT 1",
            [deputy_uuid, deputy_uuid],
        ).fetchone()
        if has_history:
            writer.update("deputies", deputy_uuid, {"active": 0})
            return
        for (stationing,) in writer.db.execute(
            "SELECT uuid FROM stationings WHERE deputy_uuid = ?", [deputy_uuid]
        ).fetchall():
            writer.delete("stationings", stationing)
        writer.delete("deputies", deputy_uuid)


def station_at(session: Session, deputy_uuid: str, station_uuid: str, since: str | None = None) -> str:
    """入驻: the deputy is stationed at the station (from `since`, or with no start date)."""
    with session.write() as writer:
        return station(writer, deputy_uuid, station_uuid, since)


def station(writer: Writer, deputy_uuid: str, station_uuid: str, since: str | None = None) -> str:
    """入驻: idempotent; re-stationing a deputy who had left clears the end date."""
    uuid = stationing_uuid_for(deputy_uuid, station_uuid)
    existing = get(writer.db, "stationings", uuid)
    if existing is None:
        writer.insert(
            "stationings",
            {"deputy_uuid": deputy_uuid, "station_uuid": station_uuid, "since": since, "until": None},
            record_uuid=uuid,
        )
    elif existing["until"] is not None:
        writer.update("stationings", uuid, {"until": None})
    return uuid


def toggle_stationed(session: Session, deputy_uuid: str, station_uuid: str) -> bool:
    """Station the deputy here, or end the stationing; returns whether the deputy is now stationed.

    A stationing ends yesterday: from today on the deputy is no longer offered here, while the days
    already served stay in the record of duty."""
    with session.write() as writer:
        if is_stationed(writer.db, deputy_uuid, station_uuid):
            yesterday = (clock.today() - timedelta(days=1)).isoformat()
            _unstation(writer, deputy_uuid, station_uuid, until=yesterday)
            return False
        station(writer, deputy_uuid, station_uuid)
        return True


def _unstation(writer: Writer, deputy_uuid: str, station_uuid: str, until: str | None = None) -> None:
    uuid = stationing_uuid_for(deputy_uuid, station_uuid)
    if get(writer.db, "stationings", uuid) is None:
        raise NotFound(text("该代表未入驻此家站点", "This deputy is not stationed here"))
    writer.update("stationings", uuid, {"until": until or clock.today().isoformat()})


def is_stationed(db: Any, deputy_uuid: str, station_uuid: str, on: str | None = None) -> bool:
    row = db.execute(
        "SELECT since, until FROM stationings WHERE deputy_uuid = ? AND station_uuid = ?",
        [deputy_uuid, station_uuid],
    ).fetchone()
    if row is None:
        return False
    since, until = row
    day = on or clock.today().isoformat()
    return (since is None or since <= day) and (until is None or day <= until)


def stationed_at(db: Any, station_uuid: str, on: str | None = None) -> list[dict[str, Any]]:
    day = on or clock.today().isoformat()
    cursor = db.execute(
        "SELECT d.* FROM deputies d JOIN stationings s ON s.deputy_uuid = d.uuid"
        " WHERE s.station_uuid = ? AND d.active = 1 AND (s.since IS NULL OR s.since <= ?)"
        " AND (s.until IS NULL OR ? <= s.until) ORDER BY d.level, d.name",
        [station_uuid, day, day],
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
