"""家站点: a station's identity. Its UUID follows from its code, so every copy of it agrees."""

from __future__ import annotations

import re
from typing import Any

from app import validate
from app.domain import StationKind
from app.errors import FieldError, NotFound, ValidationError
from app.i18n import text
from app.session import Session
from db.records import Writer, get, stable_uuid

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,31}$")
L_CODE = text("家站点编号", "station code")
L_NAME = text("家站点名称", "station name")
L_KIND = text("家站点类型", "station kind")
L_STREET = text("所属街道/镇", "street or town")
L_ADDRESS = text("地址", "address")


def station_uuid_for(code: str) -> str:
    return stable_uuid("station", code.upper())


def check_code(value: object) -> str:
    code = "" if value is None else str(value).strip().upper()
    if not CODE.match(code):
        raise ValidationError(
            [
                FieldError(
                    "code",
                    text(
                        "家站点编号“{v}”无效：应为字母、数字或连字符，如 YP-01",
                        "Station code “{v}” is invalid: use letters, digits and hyphens, e.g. YP-01",
                        v=value,
                    ),
                )
            ]
        )
    return code


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    checker = validate.FieldChecker()
    cleaned: dict[str, Any] = {}
    if "code" in values:
        cleaned["code"] = checker.check("code", check_code, values["code"])
    if "name" in values:
        cleaned["name"] = checker.check(
            "name", validate.required_text, values["name"], L_NAME, max_length=100
        )
    if "kind" in values:
        kind = checker.check("kind", validate.choice, values["kind"], StationKind, L_KIND)
        cleaned["kind"] = kind.value if kind else None
    if "street" in values:
        cleaned["street"] = checker.check(
            "street", validate.optional_text, values["street"], L_STREET, max_length=50
        )
    if "address" in values:
        cleaned["address"] = checker.check(
            "address", validate.optional_text, values["address"], L_ADDRESS, max_length=200
        )
    checker.raise_if_any()
    return cleaned


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
    cleaned = _clean({"code": code, "name": name, "street": street, "address": address})
    cleaned["kind"] = _clean({"kind": kind})["kind"] if kind else None
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
