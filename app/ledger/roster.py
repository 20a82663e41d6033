"""代表名册: 姓名, 层级, 性别, 代表团/选区, 联系电话, 专业小组, 入驻家站点, 代表编号.

The same roster loaded at two stations and at the district describes the same people: a deputy is found by
代表编号 when given, else by name and level; a station by its code (an unknown code becomes a placeholder)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.errors import ValidationError
from app.i18n import text
from app.ledger.context import Context
from app.ledger.rows import Row, split_codes
from app.rules import DEPUTIES
from app.services import deputies as deputy_service
from app.services import stations as station_service
from db.records import Writer

DEPUTY_FIELDS = ("name", "level", "gender", "delegation", "phone", "professional_group", "deputy_no")


@dataclass
class RosterPlan:
    new_deputies: dict[str, dict[str, Any]] = field(default_factory=dict)
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    station_codes: set[str] = field(default_factory=set)
    stationings: list[tuple[str, str]] = field(default_factory=list)  # (deputy uuid, station code)

    def apply(self, writer: Writer) -> None:
        stations = {
            code: station_service.ensure_placeholder(writer, code) for code in sorted(self.station_codes)
        }
        if self.new_deputies:
            columns = (*DEPUTY_FIELDS, "active")
            writer.insert_many(
                "deputies",
                columns,
                (
                    (uuid, *(values[c] for c in DEPUTY_FIELDS), 1)
                    for uuid, values in self.new_deputies.items()
                ),
            )
        for uuid, changes in self.changes.items():
            writer.update("deputies", uuid, changes)
        for deputy_uuid, code in self.stationings:
            deputy_service.station(writer, deputy_uuid, stations[code])


def prepare(ctx: Context, rows: Iterable[Row]) -> RosterPlan:
    plan = RosterPlan()
    known = _Known(ctx.db)
    seen: dict[str, int] = {}  # deputy uuid -> first row
    changed_deputies: set[str] = set()
    for row in rows:
        values = _check(row)
        codes = []
        for code in split_codes(row.raw("stations")):
            try:
                codes.append(station_service.check_code(code))
            except ValidationError as exc:
                row.fail("stations", exc.errors[0].message)
        if row.failed:
            continue
        uuid, old = known.find(values)
        if uuid in seen:
            ctx.warn(
                row.number,
                "name",
                text(
                    "{n}已在第{r}行出现，两行合并（以本行为准）",
                    "{n} is already on row {r}; the rows are merged (this one wins)",
                    n=values["name"],
                    r=seen[uuid],
                ),
            )
        if old is None:
            if uuid not in seen:
                ctx.report.added += 1
            plan.new_deputies[uuid] = values
        else:
            present = {k: v for k, v in values.items() if k in ctx.header.index or k in ("name", "level")}
            if present.get("deputy_no") is None:
                present.pop("deputy_no", None)  # an empty cell never takes a deputy's number away
            changes = {k: v for k, v in present.items() if old.get(k) != v}
            if not old["active"]:
                changes["active"] = 1
            if changes:
                plan.changes[uuid] = {**plan.changes.get(uuid, {}), **changes}
                changed_deputies.add(uuid)
        for code in codes:
            plan.station_codes.add(code)
            if not known.is_stationed(uuid, code):
                plan.stationings.append((uuid, code))
                changed_deputies.add(uuid)
        seen.setdefault(uuid, row.number)
    for uuid in seen:
        if uuid in plan.new_deputies:
            continue
        if uuid in changed_deputies:
            ctx.report.updated += 1
        else:
            ctx.report.unchanged += 1
    return plan


def _check(row: Row) -> dict[str, Any]:
    deputy, errors = DEPUTIES.check(row.values(DEPUTY_FIELDS))
    row.report(errors)
    return deputy


class _Known:
    """Every deputy and stationing already in the database, loaded once."""

    def __init__(self, db: Any) -> None:
        cursor = db.execute(f"SELECT uuid, active, {', '.join(DEPUTY_FIELDS)} FROM deputies")
        names = [c[0] for c in cursor.description]
        self.by_uuid = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        self.by_number = {d["deputy_no"]: u for u, d in self.by_uuid.items() if d["deputy_no"]}
        self.by_name_level: dict[tuple[str, str], list[str]] = {}
        for uuid, deputy in self.by_uuid.items():
            self.by_name_level.setdefault((deputy["name"], deputy["level"]), []).append(uuid)
        self.stationed = {
            (row[0], row[1]): row[2] is None
            for row in db.execute(
                "SELECT s.deputy_uuid, t.code, s.until FROM stationings s JOIN stations t ON t.uuid = s.station_uuid"
            ).fetchall()
        }

    def find(self, values: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        number = values["deputy_no"]
        uuid = deputy_service.deputy_uuid_for(deputy_no=number, name=values["name"], level=values["level"])
        if uuid in self.by_uuid:
            return uuid, self.by_uuid[uuid]
        if number and number in self.by_number:
            found = self.by_number[number]
            return found, self.by_uuid[found]
        # Entered by hand before the roster gave numbers (or the other way round): the same name and level,
        # if only one deputy has them and no other number, is the same person.
        same = [
            u
            for u in self.by_name_level.get((values["name"], values["level"]), [])
            if not number or not self.by_uuid[u]["deputy_no"]
        ]
        if len(same) == 1:
            return same[0], self.by_uuid[same[0]]
        return uuid, None

    def is_stationed(self, deputy_uuid: str, code: str) -> bool:
        return self.stationed.get((deputy_uuid, code), False)
