"""来访登记台账: 日期, 来访人, 联系电话, 小区, 人数, 反映问题, 问题类别, 接待代表.

Built for size (a station's years of visits): lookups are loaded once, rows go in with executemany."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app import validate
from app.ledger.context import Context
from app.ledger.directory import Deputy
from app.ledger.rows import Row, split_names
from app.services.visits import L_CATEGORY, L_COMMUNITY, L_RAISED, L_VISITOR, visit_deputy_uuid_for
from db.records import Writer

VISIT_COLUMNS = (
    "station_uuid",
    "reception_day_uuid",
    "date",
    "visitor_name",
    "phone",
    "community",
    "headcount",
    "raised",
    "category",
)
LINK_COLUMNS = ("visit_uuid", "deputy_uuid")


@dataclass
class VisitPlan:
    visits: list[tuple[Any, ...]] = field(default_factory=list)  # uuid, then VISIT_COLUMNS
    links: list[tuple[Any, ...]] = field(default_factory=list)  # uuid, then LINK_COLUMNS

    def apply(self, writer: Writer) -> None:
        if self.visits:
            writer.insert_many("visits", VISIT_COLUMNS, self.visits)
        if self.links:
            writer.insert_many("visit_deputies", LINK_COLUMNS, self.links)


def prepare(ctx: Context, rows: Iterable[Row]) -> VisitPlan:
    plan = VisitPlan()
    station = ctx.require_station()
    if station is None:
        for _ in rows:  # still count the rows for the report
            pass
        return plan
    existing = {
        r[0]
        for r in ctx.db.execute("SELECT uuid FROM visits WHERE station_uuid = ?", [station.uuid]).fetchall()
    }
    # A visit on a date the station held a reception day belongs to that day (the earliest, if several).
    days: dict[str, str] = {}
    for day_uuid, day in ctx.db.execute(
        "SELECT uuid, date FROM reception_days WHERE station_uuid = ? ORDER BY date, start_time DESC, uuid DESC",
        [station.uuid],
    ).fetchall():
        days[day] = day_uuid
    occurrences: Counter[str] = Counter()
    directory = ctx.directory
    has_deputies = "deputies" in ctx.header.index
    today = ctx.today
    for row in rows:
        when = row.check("date", validate.past_date, today=today)
        visitor = row.check("visitor_name", validate.optional_text, L_VISITOR, max_length=30)
        phone = row.check("phone", validate.phone)
        community = row.check("community", validate.optional_text, L_COMMUNITY, max_length=50)
        headcount = row.check("headcount", validate.headcount)
        raised = row.check("raised", validate.required_text, L_RAISED, max_length=4000, multiline=True)
        category = row.check("category", validate.optional_text, L_CATEGORY, max_length=30)
        deputies: list[str] = []
        if has_deputies:
            for name in split_names(row.raw("deputies")):
                found = directory.resolve(name)
                if isinstance(found, Deputy):
                    deputies.append(found.uuid)
                else:
                    row.fail("deputies", found)
        if row.failed:
            continue
        day = when.isoformat()
        deputies.sort()
        key = "\x1f".join((day, visitor, phone, community, str(headcount), raised, category, *deputies))
        occurrences[key] += 1
        uuid = ctx.record_uuid(key, str(occurrences[key]))
        if uuid in existing:
            ctx.report.unchanged += 1
            continue
        ctx.report.added += 1
        plan.visits.append(
            (uuid, station.uuid, days.get(day), day, visitor, phone, community, headcount, raised, category)
        )
        for deputy in deputies:
            plan.links.append((visit_deputy_uuid_for(uuid, deputy), uuid, deputy))
    return plan
