"""接待日 and 出勤: scheduling deputies on duty and recording who came."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import validate
from app.domain import DutyStatus, ReceptionKind
from app.errors import FieldError, NotFound, ValidationError
from app.i18n import Text, text
from app.services import deputies
from app.session import Session
from db import clock
from db.records import Writer, get, stable_uuid

L_DATE = text("接待日期", "reception date")
L_KIND = text("接待类型", "reception kind")
L_THEME = text("接待主题", "theme")
L_NOTES = text("备注", "notes")


@dataclass
class SaveResult:
    uuid: str
    warnings: list[Text] = field(default_factory=list)


def duty_uuid_for(day_uuid: str, deputy_uuid: str) -> str:
    return stable_uuid("duty", day_uuid, deputy_uuid)


def clean(values: dict[str, Any]) -> dict[str, Any]:
    checker = validate.FieldChecker()
    cleaned: dict[str, Any] = {}
    if "date" in values:
        parsed = checker.check("date", validate.parse_date, values["date"])
        cleaned["date"] = parsed.isoformat() if parsed else None
    for name in ("start_time", "end_time"):
        if name in values:
            cleaned[name] = checker.check(name, validate.parse_time, values[name])
    if cleaned.get("start_time") and cleaned.get("end_time") and cleaned["end_time"] <= cleaned["start_time"]:
        checker.fail("end_time", text("结束时间应晚于开始时间", "The end time must be after the start time"))
    if "kind" in values:
        kind = checker.check("kind", validate.choice, values["kind"] or "regular", ReceptionKind, L_KIND)
        cleaned["kind"] = kind.value if kind else None
    if "theme" in values:
        cleaned["theme"] = checker.check(
            "theme", validate.optional_text, values["theme"], L_THEME, max_length=100
        )
    if "notes" in values:
        cleaned["notes"] = checker.check(
            "notes", validate.optional_text, values["notes"], L_NOTES, multiline=True
        )
    checker.raise_if_any()
    return cleaned


def schedule(writer: Writer, day: dict[str, Any], deputy_uuid: str, status: str = "scheduled") -> list[Text]:
    """Put a deputy on duty; a deputy not stationed at the day's station is allowed but flagged."""
    warnings: list[Text] = []
    stationed = deputies.is_stationed(writer.db, deputy_uuid, day["station_uuid"], day["date"])
    if not stationed:
        name = writer.db.execute("SELECT name FROM deputies WHERE uuid = ?", [deputy_uuid]).fetchone()
        warnings.append(
            text(
                "代表{n}未入驻本家站点，已排班但作标记",
                "Deputy {n} is not stationed here: scheduled, but flagged",
                n=name[0] if name else deputy_uuid,
            )
        )
    uuid = duty_uuid_for(day["uuid"], deputy_uuid)
    existing = get(writer.db, "duties", uuid)
    values = {"status": status, "not_stationed": 0 if stationed else 1}
    if existing is None:
        writer.insert(
            "duties",
            {"reception_day_uuid": day["uuid"], "deputy_uuid": deputy_uuid, **values},
            record_uuid=uuid,
        )
    else:
        writer.update("duties", uuid, values)
    return warnings


def create(
    session: Session, *, station_uuid: str | None = None, deputy_uuids: list[str] | None = None, **values: Any
) -> SaveResult:
    values.setdefault("kind", "regular")
    cleaned = clean(values)
    station = station_uuid or session.local_station_uuid()
    if station is None:
        raise ValidationError([FieldError("station", text("请选择家站点", "Please choose a station"))])
    with session.write() as writer:
        uuid = writer.insert("reception_days", {"station_uuid": station, **cleaned})
        day = get(writer.db, "reception_days", uuid)
        assert day is not None
        warnings: list[Text] = []
        for deputy_uuid in deputy_uuids or []:
            warnings += schedule(writer, day, deputy_uuid)
    return SaveResult(uuid, warnings)


def update(
    session: Session, day_uuid: str, *, deputy_uuids: list[str] | None = None, **values: Any
) -> SaveResult:
    cleaned = clean(values)
    warnings: list[Text] = []
    with session.write() as writer:
        writer.update("reception_days", day_uuid, cleaned)
        if deputy_uuids is not None:
            day = get(writer.db, "reception_days", day_uuid)
            assert day is not None
            current = {
                row[0]: row[1]
                for row in writer.db.execute(
                    "SELECT deputy_uuid, uuid FROM duties WHERE reception_day_uuid = ?", [day_uuid]
                ).fetchall()
            }
            for deputy_uuid in deputy_uuids:
                if deputy_uuid not in current:
                    warnings += schedule(writer, day, deputy_uuid)
            for deputy_uuid, duty_uuid in current.items():
                if deputy_uuid not in deputy_uuids:
                    writer.delete("duties", duty_uuid)
    return SaveResult(day_uuid, warnings)


def mark(session: Session, day_uuid: str, deputy_uuid: str, status: str) -> None:
    parsed = DutyStatus.parse(status)
    if parsed is None:
        raise ValidationError([FieldError("status", text("出勤状态无效", "Invalid attendance status"))])
    day = get(session.db, "reception_days", day_uuid)
    if day is None:
        raise NotFound(text("接待日不存在", "Reception day not found"))
    if parsed in (DutyStatus.PRESENT, DutyStatus.ABSENT) and day["date"] > clock.today().isoformat():
        raise ValidationError(
            [
                FieldError(
                    "status",
                    text(
                        "接待日{d}尚未到来，不能登记到场或缺席",
                        "The reception day {d} has not come yet: presence or absence cannot be recorded",
                        d=day["date"],
                    ),
                )
            ]
        )
    with session.write() as writer:
        schedule(writer, day, deputy_uuid, parsed.value)


def delete(session: Session, day_uuid: str) -> None:
    """Deleting a day removes its duty roster; visits of that day stay, detached from it."""
    with session.write() as writer:
        for (duty,) in writer.db.execute(
            "SELECT uuid FROM duties WHERE reception_day_uuid = ?", [day_uuid]
        ).fetchall():
            writer.delete("duties", duty)
        for (visit,) in writer.db.execute(
            "SELECT uuid FROM visits WHERE reception_day_uuid = ?", [day_uuid]
        ).fetchall():
            writer.update("visits", visit, {"reception_day_uuid": None})
        writer.delete("reception_days", day_uuid)
