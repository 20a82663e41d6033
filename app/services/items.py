"""社情民意: items and their workflow 提出 → 交办 → 承办 → 落实 → 反馈, with an append-only history."""

from __future__ import annotations

from datetime import date
from typing import Any

from app import validate
from app.domain import ItemStatus, Satisfaction, SourceKind
from app.errors import FieldError, NotFound, UserError, ValidationError
from app.i18n import text
from app.session import Session
from db.records import Writer, get, now_iso

L_TITLE = text("标题", "title")
L_CONTENT = text("内容", "content")
L_CATEGORY = text("类别", "category")
L_COMMUNITY = text("小区/居委", "community")
L_SOURCE = text("来源", "source")
L_DEPARTMENT = text("承办单位", "handling department")
L_REPLY = text("办理结果", "handling reply")
L_REASON = text("退回原因", "reason for going back")
L_SATISFACTION = text("满意度", "satisfaction")

EDITABLE = (
    "date",
    "title",
    "content",
    "category",
    "community",
    "source_kind",
    "department",
    "due_date",
    "reply",
)


def clean(values: dict[str, Any]) -> dict[str, Any]:
    checker = validate.FieldChecker()
    cleaned: dict[str, Any] = {}
    if "date" in values:
        parsed = checker.check("date", validate.past_date, values["date"])
        cleaned["date"] = parsed.isoformat() if parsed else None
    if "title" in values:
        cleaned["title"] = checker.check(
            "title", validate.required_text, values["title"], L_TITLE, max_length=100
        )
    if "content" in values:
        cleaned["content"] = checker.check(
            "content",
            validate.optional_text,
            values["content"],
            L_CONTENT,
            max_length=8000,
            multiline=True,
        )
    if "category" in values:
        cleaned["category"] = checker.check(
            "category", validate.optional_text, values["category"], L_CATEGORY, max_length=30
        )
    if "community" in values:
        cleaned["community"] = checker.check(
            "community", validate.optional_text, values["community"], L_COMMUNITY, max_length=50
        )
    if "source_kind" in values:
        source = checker.check(
            "source_kind", validate.choice, values["source_kind"] or "reception", SourceKind, L_SOURCE
        )
        cleaned["source_kind"] = source.value if source else None
    if "department" in values:
        cleaned["department"] = checker.check(
            "department", validate.optional_text, values["department"], L_DEPARTMENT, max_length=60
        )
    if "due_date" in values:
        if values["due_date"] in (None, ""):
            cleaned["due_date"] = None
        else:
            parsed = checker.check("due_date", validate.parse_date, values["due_date"])
            cleaned["due_date"] = parsed.isoformat() if parsed else None
    if "reply" in values:
        cleaned["reply"] = checker.check(
            "reply", validate.optional_text, values["reply"], L_REPLY, max_length=8000, multiline=True
        )
    checker.raise_if_any()
    return cleaned


def next_item_no(db: Any, station_code: str, year: int) -> str:
    prefix = f"{station_code}-{year}-"
    row = db.execute(
        "SELECT MAX(CAST(substr(item_no, ?) AS INTEGER)) FROM items WHERE item_no LIKE ?",
        [len(prefix) + 1, prefix + "%"],
    ).fetchone()
    return f"{prefix}{(row[0] or 0) + 1:04d}"


# Written into the handling log when the clerk undoes a step (Ctrl+Z); the log is read in Chinese at the
# station and the district alike, as its other notes are.
UNDONE_NOTE = "撤销"


def _event(
    writer: Writer,
    item_uuid: str,
    kind: str,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str = "",
) -> None:
    writer.insert(
        "item_events",
        {
            "item_uuid": item_uuid,
            "at": now_iso(),
            "kind": kind,
            "from_status": from_status,
            "to_status": to_status,
            "note": note,
            "operator": writer.operator,
        },
    )


def create(
    session: Session, *, station_uuid: str | None = None, visit_uuid: str | None = None, **values: Any
) -> str:
    values.setdefault("source_kind", "reception")
    for required in ("date", "title"):
        values.setdefault(required, "")
    cleaned = clean(values)
    station = station_uuid or session.local_station_uuid()
    if station is None:
        raise ValidationError([FieldError("station", text("请选择家站点", "Please choose a station"))])
    code = session.db.execute("SELECT code FROM stations WHERE uuid = ?", [station]).fetchone()[0]
    with session.write() as writer:
        return insert(writer, station, code, cleaned, visit_uuid=visit_uuid)


def insert(
    writer: Writer,
    station_uuid: str,
    station_code: str,
    cleaned: dict[str, Any],
    *,
    visit_uuid: str | None = None,
    record_uuid: str | None = None,
    item_no: str | None = None,
) -> str:
    number = item_no or next_item_no(writer.db, station_code, int(cleaned["date"][:4]))
    uuid = writer.insert(
        "items",
        {
            "item_no": number,
            "station_uuid": station_uuid,
            "visit_uuid": visit_uuid,
            "status": "raised",
            **cleaned,
        },
        record_uuid=record_uuid,
    )
    _event(writer, uuid, "created", to_status="raised")
    return uuid


def from_visit(session: Session, visit_uuid: str) -> str:
    """One click: a visit becomes an item carrying its text, community and category."""
    visit = get(session.db, "visits", visit_uuid)
    if visit is None:
        raise NotFound(text("来访登记不存在", "Visit not found"))
    # A second click would count the same concern twice in every report.
    made = session.db.execute(
        "SELECT item_no FROM items WHERE visit_uuid = ? LIMIT 1", [visit_uuid]
    ).fetchone()
    if made is not None:
        raise UserError(
            text(
                "此来访已转为社情民意 {n}，未重复生成",
                "This visit already became sentiment item {n}; no second item was made",
                n=made[0],
            )
        )
    raised = visit["raised"].strip()
    title = raised.splitlines()[0][:30] if raised else ""
    return create(
        session,
        station_uuid=visit["station_uuid"],
        visit_uuid=visit_uuid,
        date=visit["date"],
        title=title,
        content=raised,
        category=visit["category"],
        community=visit["community"],
        source_kind="reception" if visit["reception_day_uuid"] else "visit",
    )


def require(db: Any, item_uuid: str) -> dict[str, Any]:
    item = get(db, "items", item_uuid)
    if item is None:
        raise NotFound(text("社情民意不存在", "Item not found"))
    return item


def edit(session: Session, item_uuid: str, **values: Any) -> None:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    cleaned = clean(values)
    with session.write() as writer:
        old = writer.update("items", item_uuid, cleaned)
        changed = [k for k, v in cleaned.items() if old.get(k) != v]
        if changed:
            _event(writer, item_uuid, "edit", note=", ".join(changed))


def step_requirements(
    item: dict[str, Any], target: ItemStatus, values: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldError]]:
    """What each forward step needs: department at 交办, a reply at 落实."""
    changes: dict[str, Any] = {}
    errors: list[FieldError] = []
    checker = validate.FieldChecker()
    if target == ItemStatus.ASSIGNED:
        department = checker.check(
            "department", validate.optional_text, values.get("department", item["department"]), L_DEPARTMENT
        )
        if not department:
            errors.append(
                FieldError(
                    "department", text("交办时请填写承办单位", "Name the handling department to assign")
                )
            )
        changes["department"] = department
        if values.get("due_date"):
            due = checker.check("due_date", validate.parse_date, values["due_date"])
            if due is not None:
                if due < date.fromisoformat(item["date"]):
                    errors.append(
                        FieldError(
                            "due_date",
                            text("办理期限不能早于登记日期", "The due date is before the item's date"),
                        )
                    )
                changes["due_date"] = due.isoformat()
    if target == ItemStatus.RESOLVED:
        reply = checker.check(
            "reply", validate.optional_text, values.get("reply", item["reply"]), L_REPLY, multiline=True
        )
        if not reply:
            errors.append(
                FieldError("reply", text("落实时请填写办理结果", "Enter the handling reply to resolve"))
            )
        changes["reply"] = reply
    if target == ItemStatus.FED_BACK and values.get("satisfaction"):
        satisfaction = checker.check(
            "satisfaction", validate.choice, values["satisfaction"], Satisfaction, L_SATISFACTION
        )
        if satisfaction is not None:
            changes["satisfaction"] = satisfaction.value
    return changes, errors + checker.errors


def move(session: Session, item_uuid: str, to_status: str, *, reason: str = "", **values: Any) -> None:
    """Forward one step with that step's fields, or back any number of steps with a reason."""
    target = ItemStatus.parse(to_status)
    if target is None:
        raise ValidationError(
            [FieldError("status", text("状态“{s}”无效", "Unknown status “{s}”", s=to_status))]
        )
    item = require(session.db, item_uuid)
    current = ItemStatus(item["status"])
    if target == current:
        return
    changes: dict[str, Any] = {}
    if target.rank > current.rank:
        if target.rank != current.rank + 1:
            raise ValidationError(
                [
                    FieldError(
                        "status",
                        text(
                            "不能从“{a}”直接跳到“{b}”：请按 提出→交办→承办→落实→反馈 逐步办理",
                            "Cannot go from “{a}” straight to “{b}”: move one step at a time",
                            a=current,
                            b=target,
                        ),
                    )
                ]
            )
        changes, errors = step_requirements(item, target, values)
        if errors:
            raise ValidationError(errors)
    else:
        reason = reason.strip()
        if not reason:
            raise ValidationError(
                [FieldError("reason", text("退回到上一步需要填写原因", "Going back a step needs a reason"))]
            )
        if current == ItemStatus.FED_BACK:
            changes["satisfaction"] = None
    with session.write() as writer:
        writer.update("items", item_uuid, {"status": target.value, **changes})
        _event(writer, item_uuid, "status", from_status=current.value, to_status=target.value, note=reason)


def set_satisfaction(session: Session, item_uuid: str, satisfaction: str) -> None:
    item = require(session.db, item_uuid)
    if item["status"] != ItemStatus.FED_BACK:
        raise ValidationError(
            [
                FieldError(
                    "satisfaction",
                    text(
                        "只有已反馈的事项才能登记满意度", "Satisfaction can be recorded only after feedback"
                    ),
                )
            ]
        )
    parsed = validate.choice(satisfaction, Satisfaction, L_SATISFACTION)
    assert parsed is not None
    with session.write() as writer:
        writer.update("items", item_uuid, {"satisfaction": parsed.value})
        _event(writer, item_uuid, "note", note=f"satisfaction={parsed.value}")


def add_note(session: Session, item_uuid: str, note: str) -> None:
    require(session.db, item_uuid)
    note = validate.required_text(note, text("备注", "note"), max_length=2000, multiline=True)
    with session.write() as writer:
        _event(writer, item_uuid, "note", note=note)


def take_back_event(writer: Writer, event: dict[str, Any]) -> None:
    """Answer an entry of the handling log (which only grows) with one that takes it back: a status step
    returns to where it came from, a note or an edit is marked as withdrawn."""
    if event["kind"] == "status":
        _event(
            writer,
            event["item_uuid"],
            "status",
            from_status=event["to_status"],
            to_status=event["from_status"],
            note=UNDONE_NOTE,
        )
    else:
        _event(writer, event["item_uuid"], event["kind"], note=f"{UNDONE_NOTE}：{event['note']}")


def delete(session: Session, item_uuid: str) -> None:
    require(session.db, item_uuid)
    with session.write() as writer:
        for (event,) in writer.db.execute(
            "SELECT uuid FROM item_events WHERE item_uuid = ?", [item_uuid]
        ).fetchall():
            writer.delete("item_events", event)
        writer.delete("items", item_uuid)


def history(db: Any, item_uuid: str) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT * FROM item_events WHERE item_uuid = ? ORDER BY at, rowid", [item_uuid])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
