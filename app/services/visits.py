"""来访登记: residents received, what they raised, and which deputies received them."""

from __future__ import annotations

from typing import Any

from app import validate
from app.errors import FieldError, NotFound, ValidationError
from app.i18n import text
from app.session import Session
from db.records import Writer, get, stable_uuid

L_VISITOR = text("来访人", "visitor")
L_COMMUNITY = text("小区/居委", "community")
L_RAISED = text("反映问题", "what was raised")
L_CATEGORY = text("问题类别", "category")


def visit_deputy_uuid_for(visit_uuid: str, deputy_uuid: str) -> str:
    return stable_uuid("visit-deputy", visit_uuid, deputy_uuid)


def clean(values: dict[str, Any]) -> dict[str, Any]:
    checker = validate.FieldChecker()
    cleaned: dict[str, Any] = {}
    if "date" in values:
        parsed = checker.check("date", validate.past_date, values["date"])
        cleaned["date"] = parsed.isoformat() if parsed else None
    if "visitor_name" in values:
        cleaned["visitor_name"] = checker.check(
            "visitor_name", validate.optional_text, values["visitor_name"], L_VISITOR, max_length=30
        )
    if "phone" in values:
        cleaned["phone"] = checker.check("phone", validate.phone, values["phone"])
    if "community" in values:
        cleaned["community"] = checker.check(
            "community", validate.optional_text, values["community"], L_COMMUNITY, max_length=50
        )
    if "headcount" in values:
        cleaned["headcount"] = checker.check("headcount", validate.headcount, values["headcount"])
    if "raised" in values:
        cleaned["raised"] = checker.check(
            "raised", validate.required_text, values["raised"], L_RAISED, max_length=4000, multiline=True
        )
    if "category" in values:
        cleaned["category"] = checker.check(
            "category", validate.optional_text, values["category"], L_CATEGORY, max_length=30
        )
    checker.raise_if_any()
    return cleaned


def _set_deputies(writer: Writer, visit_uuid: str, deputy_uuids: list[str]) -> None:
    current = {
        row[0]: row[1]
        for row in writer.db.execute(
            "SELECT deputy_uuid, uuid FROM visit_deputies WHERE visit_uuid = ?", [visit_uuid]
        ).fetchall()
    }
    for deputy_uuid in deputy_uuids:
        if deputy_uuid not in current:
            writer.insert(
                "visit_deputies",
                {"visit_uuid": visit_uuid, "deputy_uuid": deputy_uuid},
                record_uuid=visit_deputy_uuid_for(visit_uuid, deputy_uuid),
            )
    for deputy_uuid, link in current.items():
        if deputy_uuid not in deputy_uuids:
            writer.delete("visit_deputies", link)


def create(
    session: Session,
    *,
    station_uuid: str | None = None,
    reception_day_uuid: str | None = None,
    deputy_uuids: list[str] | None = None,
    **values: Any,
) -> str:
    values.setdefault("headcount", 1)
    for required in ("date", "raised"):
        values.setdefault(required, "")
    cleaned = clean(values)
    station = station_uuid or session.local_station_uuid()
    if station is None:
        raise ValidationError([FieldError("station", text("请选择家站点", "Please choose a station"))])
    if reception_day_uuid and get(session.db, "reception_days", reception_day_uuid) is None:
        raise NotFound(text("接待日不存在", "Reception day not found"))
    with session.write() as writer:
        uuid = writer.insert(
            "visits", {"station_uuid": station, "reception_day_uuid": reception_day_uuid, **cleaned}
        )
        _set_deputies(writer, uuid, deputy_uuids or [])
    return uuid


def update(
    session: Session, visit_uuid: str, *, deputy_uuids: list[str] | None = None, **values: Any
) -> None:
    cleaned = clean(values)
    with session.write() as writer:
        writer.update("visits", visit_uuid, cleaned)
        if deputy_uuids is not None:
            _set_deputies(writer, visit_uuid, deputy_uuids)


def delete(session: Session, visit_uuid: str) -> None:
    with session.write() as writer:
        for (link,) in writer.db.execute(
            "SELECT uuid FROM visit_deputies WHERE visit_uuid = ?", [visit_uuid]
        ).fetchall():
            writer.delete("visit_deputies", link)
        for (item,) in writer.db.execute(
            "SELECT uuid FROM items WHERE visit_uuid = ?", [visit_uuid]
        ).fetchall():
            writer.update("items", item, {"visit_uuid": None})
        writer.delete("visits", visit_uuid)


def receiving_deputies(db: Any, visit_uuid: str) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT d.name FROM visit_deputies v JOIN deputies d ON d.uuid = v.deputy_uuid WHERE v.visit_uuid = ?"
            " ORDER BY d.name",
            [visit_uuid],
        ).fetchall()
    ]
