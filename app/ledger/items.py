"""社情民意台账: 登记日期, 标题, 内容, 类别, 小区, 来源, 状态, 承办单位, 办理结果, 满意度, 编号.

A row whose 编号 (item number or UUID) is known updates that item's handling: this is how the district
applies the departments' replies. Any other row is a new item (or, imported again, recognised by its
content) and gets one status event per workflow step it has reached, as if moved by hand."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.domain import ItemStatus
from app.i18n import text
from app.ledger.context import Context, Station
from app.ledger.rows import Row
from app.rules import ITEMS
from app.services import items as item_service
from db.records import Writer, now_iso, stable_uuid

ITEM_COLUMNS = (
    "item_no",
    "station_uuid",
    "date",
    "title",
    "content",
    "category",
    "community",
    "source_kind",
    "status",
    "department",
    "reply",
    "satisfaction",
)
EVENT_COLUMNS = ("item_uuid", "at", "kind", "from_status", "to_status", "note", "operator")
HANDLING = ("status", "department", "reply", "satisfaction")
# The columns of an item ledger that the item's rule book checks: all but its number and its station.
CHECKED = tuple(column for column in ITEM_COLUMNS if column not in ("item_no", "station_uuid"))
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


@dataclass
class ItemPlan:
    items: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def apply(self, writer: Writer) -> None:
        if self.items:
            writer.insert_many("items", ITEM_COLUMNS, self.items)
        for uuid, changes in self.changes:
            writer.update("items", uuid, changes)
        # Operator and time are filled in here, at the moment of writing.
        if not self.events:
            return
        stamp = now_iso()
        writer.insert_many(
            "item_events",
            EVENT_COLUMNS,
            ((event_uuid, item, stamp, *rest, writer.operator) for event_uuid, item, *rest in self.events),
        )


@dataclass
class _Values:
    date: str
    title: str
    content: str
    category: str
    community: str
    source_kind: str
    status: ItemStatus
    department: str
    reply: str
    satisfaction: str | None
    status_given: bool


def prepare(ctx: Context, rows: Iterable[Row]) -> ItemPlan:
    plan = ItemPlan()
    known = _Known(ctx.db)
    unnumbered: list[tuple[int, Station, str]] = []
    occurrences: Counter[str] = Counter()
    file_numbers: dict[str, int] = {}
    note = text("台账导入：{f}", "ledger import: {f}", f=ctx.file_name).render("zh_CN")
    for row in rows:
        values = _check(row)
        number = row.text("item_no")
        if number and number.upper() in file_numbers:
            row.fail(
                "item_no",
                text(
                    "编号{n}与第{r}行重复",
                    "Number {n} is also on row {r}",
                    n=number,
                    r=file_numbers[number.upper()],
                ),
            )
        if values is None or row.failed:
            continue
        if number:
            file_numbers[number.upper()] = row.number
        existing = known.find(number) if number else None
        if number and existing is None and _UUID.match(number):
            row.fail(
                "item_no",
                text(
                    "找不到编号为{n}的社情民意（该事项可能尚未从家站点数据包导入）",
                    "No item with id {n} (its station's bundle may not have been imported yet)",
                    n=number,
                ),
            )
            continue
        station = None
        if existing is None:
            station = ctx.require_station()
            if station is None:
                continue
            if number:
                uuid = stable_uuid("ledger", station.uuid, "items", "no", number.upper())
            else:
                key = "\x1f".join((values.date, values.title, values.content))
                occurrences[key] += 1
                uuid = ctx.record_uuid(key, str(occurrences[key]))
            existing = known.by_uuid.get(uuid)
        if existing is None:
            assert station is not None
            _check_new(row, values)
            if row.failed:
                continue
            if not number:
                unnumbered.append((len(plan.items), station, values.date))
            _add(plan, uuid, station, values, number.upper(), note)
            ctx.report.added += 1
            continue
        if _update(ctx, row, plan, existing, values, note):
            ctx.report.updated += 1
        elif not row.failed:
            ctx.report.unchanged += 1
    # Numbered last, so a number the ledger itself gives further down is never handed out twice.
    numbers = _Numbering(ctx.db, {*known.by_number, *file_numbers})
    for index, station, day in unnumbered:
        plan.items[index] = (plan.items[index][0], numbers.next(station, day), *plan.items[index][2:])
    return plan


def _check(row: Row) -> _Values | None:
    item, errors = ITEMS.clean_fields(row.values(CHECKED))
    row.report(errors)
    if row.failed:
        return None
    return _Values(
        item["date"],
        item["title"],
        item["content"],
        item["category"],
        item["community"],
        item["source_kind"],
        ItemStatus(item["status"]),
        item["department"],
        item["reply"],
        item["satisfaction"],
        bool(row.text("status")),
    )


def _requirements(
    row: Row, status: ItemStatus, department: str, reply: str, satisfaction: str | None
) -> None:
    """The workflow's rules from the item's rule book, for the status the row brings the item to."""
    record = {"status": status.value, "department": department, "reply": reply, "satisfaction": satisfaction}
    row.report(ITEMS.rule_errors(record))


def _check_new(row: Row, values: _Values) -> None:
    _requirements(row, values.status, values.department, values.reply, values.satisfaction)


def _steps(from_status: ItemStatus, to_status: ItemStatus) -> list[tuple[str, str]]:
    order = list(ItemStatus)
    return [(order[i].value, order[i + 1].value) for i in range(from_status.rank, to_status.rank)]


def _add(plan: ItemPlan, uuid: str, station: Station, v: _Values, item_no: str, note: str) -> None:
    plan.items.append(
        (
            uuid,
            item_no,
            station.uuid,
            v.date,
            v.title,
            v.content,
            v.category,
            v.community,
            v.source_kind,
            v.status.value,
            v.department,
            v.reply,
            v.satisfaction,
        )
    )
    plan.events.append((stable_uuid("item-event", uuid, "created"), uuid, "created", None, "raised", note))
    for index, (old, new) in enumerate(_steps(ItemStatus.RAISED, v.status)):
        plan.events.append(
            (stable_uuid("item-event", uuid, "step", str(index)), uuid, "status", old, new, note)
        )


def _update(ctx: Context, row: Row, plan: ItemPlan, item: dict[str, Any], v: _Values, note: str) -> bool:
    """Apply the row's handling to a known item; returns whether anything changed."""
    current = ItemStatus(item["status"])
    # No status written for a known item: its handling details may change, its status stays.
    target = v.status if v.status_given else current
    if target.rank < current.rank:
        ctx.warn(
            row.number,
            "status",
            text(
                "事项{n}已是“{a}”，台账写的是“{b}”：状态保持不变（退回需在软件中填写原因）",
                "Item {n} is already “{a}”; the ledger says “{b}”: status kept (going back needs a reason, in the app)",
                n=item["item_no"],
                a=current,
                b=target,
            ),
        )
        target = current
    # An empty cell in the ledger never erases a department or reply already recorded.
    department = v.department or item["department"]
    reply = v.reply or item["reply"]
    satisfaction = v.satisfaction or (item["satisfaction"] if target == ItemStatus.FED_BACK else None)
    _requirements(row, target, department, reply, v.satisfaction)
    if row.failed:
        return False
    new = {"status": target.value, "department": department, "reply": reply, "satisfaction": satisfaction}
    changes = {k: new[k] for k in HANDLING if item[k] != new[k]}
    if not changes:
        return False
    plan.changes.append((item["uuid"], changes))
    version = str(item["version"])
    for index, (old, to) in enumerate(_steps(current, target)):
        plan.events.append(
            (
                stable_uuid("item-event", item["uuid"], version, str(index)),
                item["uuid"],
                "status",
                old,
                to,
                note,
            )
        )
    edited = [k for k in ("department", "reply") if k in changes]
    if edited:
        plan.events.append(
            (
                stable_uuid("item-event", item["uuid"], version, "edit"),
                item["uuid"],
                "edit",
                None,
                None,
                ", ".join(edited),
            )
        )
    if "satisfaction" in changes and satisfaction:
        plan.events.append(
            (
                stable_uuid("item-event", item["uuid"], version, "satisfaction"),
                item["uuid"],
                "note",
                None,
                None,
                f"satisfaction={satisfaction}",
            )
        )
    return True


class _Known:
    def __init__(self, db: Any) -> None:
        cursor = db.execute(f"SELECT uuid, version, {', '.join(ITEM_COLUMNS)} FROM items")
        names = [c[0] for c in cursor.description]
        self.by_uuid = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        self.by_number = {item["item_no"].upper(): item for item in self.by_uuid.values()}

    def find(self, number: str) -> dict[str, Any] | None:
        if _UUID.match(number):
            return self.by_uuid.get(number.lower())
        return self.by_number.get(number.upper())


class _Numbering:
    """Item numbers STATION-YEAR-NNNN continue from the highest already used, without a query per row."""

    def __init__(self, db: Any, taken: set[str]) -> None:
        self.db = db
        self.taken = taken
        self.last: dict[str, int] = {}

    def next(self, station: Station, day: str) -> str:
        prefix = f"{station.code}-{day[:4]}-"
        if prefix not in self.last:
            current = item_service.next_item_no(self.db, station.code, int(day[:4]))
            self.last[prefix] = int(current.rsplit("-", 1)[1]) - 1
        while True:
            self.last[prefix] += 1
            number = f"{prefix}{self.last[prefix]:04d}"
            if number not in self.taken:
                return number
