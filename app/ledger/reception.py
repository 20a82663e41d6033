"""接待日台账: 日期, 开始时间, 结束时间, 类型, 主题, 到场代表, 请假代表, 缺席代表.

A day is identified by its station, date and start time (with an occurrence counter for two sessions at the
same time), so a corrected ledger updates the day's theme and attendance instead of adding a second day."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.domain import DutyStatus
from app.i18n import text
from app.ledger.context import Context
from app.ledger.directory import Deputy
from app.ledger.rows import Row, split_names
from app.rules import DUTIES, RECEPTION_DAYS
from app.services.reception import duty_uuid_for
from db.records import Writer

DAY_COLUMNS = ("station_uuid", "date", "start_time", "end_time", "kind", "theme")
# The columns of a reception ledger that the reception day's rule book checks, in the table's order.
DAY_FIELDS = DAY_COLUMNS[1:]
DUTY_COLUMNS = ("reception_day_uuid", "deputy_uuid", "status", "not_stationed")
STATUS_FIELDS = (("present", DutyStatus.PRESENT), ("leave", DutyStatus.LEAVE), ("absent", DutyStatus.ABSENT))
FIELD_OF = {status: name for name, status in STATUS_FIELDS}


@dataclass
class ReceptionPlan:
    days: list[tuple[Any, ...]] = field(default_factory=list)
    duties: list[tuple[Any, ...]] = field(default_factory=list)
    day_changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    duty_changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    duty_removals: list[str] = field(default_factory=list)

    def apply(self, writer: Writer) -> None:
        if self.days:
            writer.insert_many("reception_days", DAY_COLUMNS, self.days)
        if self.duties:
            writer.insert_many("duties", DUTY_COLUMNS, self.duties)
        for uuid, changes in self.day_changes:
            writer.update("reception_days", uuid, changes)
        for uuid, changes in self.duty_changes:
            writer.update("duties", uuid, changes)
        for uuid in self.duty_removals:
            writer.delete("duties", uuid)


def prepare(ctx: Context, rows: Iterable[Row]) -> ReceptionPlan:
    plan = ReceptionPlan()
    station = ctx.require_station()
    if station is None:
        for _ in rows:
            pass
        return plan
    existing: dict[str, dict[str, Any]] = {}
    by_slot: dict[tuple[str, str], list[str]] = defaultdict(list)
    cursor = ctx.db.execute(
        f"SELECT uuid, {', '.join(DAY_COLUMNS)} FROM reception_days WHERE station_uuid = ? ORDER BY rowid",
        [station.uuid],
    )
    names = [c[0] for c in cursor.description]
    for values in cursor.fetchall():
        day = dict(zip(names, values, strict=True))
        existing[day["uuid"]] = day
        by_slot[(day["date"], day["start_time"])].append(day["uuid"])
    duties: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    for duty_uuid, day_uuid, deputy_uuid, status, flagged in ctx.db.execute(
        "SELECT d.uuid, d.reception_day_uuid, d.deputy_uuid, d.status, d.not_stationed FROM duties d"
        " JOIN reception_days r ON r.uuid = d.reception_day_uuid WHERE r.station_uuid = ?",
        [station.uuid],
    ).fetchall():
        duties[day_uuid][deputy_uuid] = (duty_uuid, status, flagged)

    occurrences: Counter[tuple[str, str]] = Counter()
    first_row: dict[tuple[str, str], int] = {}
    claimed: set[str] = set()
    has_attendance = any(name in ctx.header.index for name, _ in STATUS_FIELDS)
    for row in rows:
        day, errors = RECEPTION_DAYS.check(row.values(DAY_FIELDS))
        row.report(errors)
        attendance = _attendance(ctx, row)
        if "date" in day:
            for field_name, status in STATUS_FIELDS:
                if any(s == status for s in attendance.values()):
                    _, errors = DUTIES.check({"status": status.value}, context={"day_date": day["date"]})
                    for error in errors:
                        row.fail(field_name, error.message)
        if row.failed:
            continue
        day_values = {"station_uuid": station.uuid, **{name: day[name] for name in DAY_FIELDS}}
        slot = (day_values["date"], day_values["start_time"])
        occurrences[slot] += 1
        if occurrences[slot] > 1:
            ctx.warn(
                row.number,
                "date",
                text(
                    "与第{r}行日期、开始时间相同，作为同一天的另一场接待日导入",
                    "Same date and start time as row {r}: imported as a second reception day",
                    r=first_row[slot],
                ),
            )
        first_row.setdefault(slot, row.number)
        uuid = ctx.record_uuid(*slot, str(occurrences[slot]))
        if uuid not in existing:
            # A day entered by hand in the app on the same date and time is the same day.
            unclaimed = [u for u in by_slot.get(slot, []) if u not in claimed]
            if occurrences[slot] == 1 and len(unclaimed) == 1:
                uuid = unclaimed[0]
        claimed.add(uuid)
        flags = {
            deputy: 0 if ctx.directory.stationed(deputy, station.uuid, day_values["date"]) else 1
            for deputy in attendance
        }
        deputy_names = attendance_names(ctx, row) if any(flags.values()) else {}
        for deputy, flagged in flags.items():
            if flagged:
                ctx.warn(
                    row.number,
                    FIELD_OF[attendance[deputy]],
                    text(
                        "代表{n}未入驻本家站点，已登记出勤但作标记",
                        "Deputy {n} is not stationed at this station: attendance recorded, but flagged",
                        n=deputy_names[deputy],
                    ),
                )
        if uuid not in existing:
            ctx.report.added += 1
            plan.days.append((uuid, *day_values.values()))
            for deputy, status in attendance.items():
                plan.duties.append((duty_uuid_for(uuid, deputy), uuid, deputy, status.value, flags[deputy]))
            continue
        # Columns the file does not have leave what the database holds alone.
        day_values = {k: v for k, v in day_values.items() if k in ctx.header.index or k == "date"}
        changed = _update_day(
            plan,
            existing[uuid],
            day_values,
            attendance if has_attendance else None,
            flags,
            duties.get(uuid, {}),
        )
        if changed:
            ctx.report.updated += 1
        else:
            ctx.report.unchanged += 1
    return plan


def _attendance(ctx: Context, row: Row) -> dict[str, DutyStatus]:
    """deputy uuid -> status; a deputy named in two columns, or a name matching none or several, fails."""
    found: dict[str, DutyStatus] = {}
    for field_name, status in STATUS_FIELDS:
        for name in split_names(row.raw(field_name)):
            deputy = ctx.directory.resolve(name)
            if not isinstance(deputy, Deputy):
                row.fail(field_name, deputy)
            elif deputy.uuid in found and found[deputy.uuid] != status:
                row.fail(
                    field_name,
                    text(
                        "代表{n}同时被登记为“{a}”和“{b}”",
                        "Deputy {n} is recorded both as “{a}” and as “{b}”",
                        n=name,
                        a=found[deputy.uuid],
                        b=status,
                    ),
                )
            else:
                found[deputy.uuid] = status
    return found


def attendance_names(ctx: Context, row: Row) -> dict[str, str]:
    names: dict[str, str] = {}
    for field_name, _ in STATUS_FIELDS:
        for name in split_names(row.raw(field_name)):
            deputy = ctx.directory.resolve(name)
            if isinstance(deputy, Deputy):
                names[deputy.uuid] = deputy.name
    return names


def _update_day(
    plan: ReceptionPlan,
    old: dict[str, Any],
    values: dict[str, Any],
    attendance: dict[str, DutyStatus] | None,
    flags: dict[str, int],
    current: dict[str, tuple[str, str, int]],
) -> bool:
    day_uuid = old["uuid"]
    changes = {k: v for k, v in values.items() if old[k] != v}
    if changes:
        plan.day_changes.append((day_uuid, changes))
    touched = bool(changes)
    if attendance is None:
        return touched
    for deputy, status in attendance.items():
        if deputy not in current:
            plan.duties.append(
                (duty_uuid_for(day_uuid, deputy), day_uuid, deputy, status.value, flags[deputy])
            )
            touched = True
            continue
        duty_uuid, old_status, old_flag = current[deputy]
        duty_changes = {
            k: v
            for k, v in (("status", status.value), ("not_stationed", flags[deputy]))
            if v != (old_status if k == "status" else old_flag)
        }
        if duty_changes:
            plan.duty_changes.append((duty_uuid, duty_changes))
            touched = True
    # The ledger row lists the day's whole duty roster: a deputy no longer on it is taken off.
    for deputy, (duty_uuid, _, _) in current.items():
        if deputy not in attendance:
            plan.duty_removals.append(duty_uuid)
            touched = True
    return touched
