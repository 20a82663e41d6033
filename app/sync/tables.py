"""What a bundle carries, table by table: the columns, in order, and the checks every incoming row must pass.

The checks are the rule book's (app/rules), in the form a machine-written row takes: values are already
canonical (ISO dates, codes), so each cell is read strictly and then checked by its field's rules, and the
cross-field rules that hold in bundles are run on the row. They are compiled once per table, so that a bundle of
a million rows is checked at the speed of the CSV reader. The bookkeeping columns (META) and tombstones are the
bundle format's own, and checked here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from app.i18n import Text, text
from app.rules import BOOK, RecordRules, RuleBroken
from db.schema_sync import SYNCED_TABLES

META = ("uuid", "origin", "created_at", "updated_at", "version", "clock")
# Residents' personal details (PIPL): left out of a bundle that cannot be sealed (docs/bundle-format.md).
PERSONAL: dict[str, tuple[str, ...]] = {"visits": ("visitor_name", "phone")}
TOMBSTONE_COLUMNS = ("uuid", "table_name", "record_uuid", "origin", "deleted_at", "operator")

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_ORIGIN = re.compile(r"^(district|[A-Z0-9][A-Z0-9_\-]{0,31})$")


class RowRefused(Exception):
    """One row breaks a rule; the message names the column and the value."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.render("en"))
        self.message = message


Check = Callable[[str], Any]


def _bad(column: str, value: str, why: Text) -> RowRefused:
    shown = value if len(value) <= 40 else value[:40] + "…"
    return RowRefused(text("{c}=“{v}”：{w}", "{c}=“{v}”: {w}", c=column, v=shown, w=why))


def _stamp(column: str) -> Check:
    def check(value: str) -> str:
        if not _STAMP.match(value):
            raise _bad(column, value, text("不是 ISO 时间", "is not an ISO timestamp"))
        return value

    return check


def _int(column: str, low: int, high: int) -> Check:
    def check(value: str) -> int:
        if not value.isdigit() or not low <= int(value) <= high:
            raise _bad(
                column, value, text("应为 {a}–{b} 的整数", "must be a whole number {a}–{b}", a=low, b=high)
            )
        return int(value)

    return check


def _origin(value: str) -> str:
    if not _ORIGIN.match(value):
        raise _bad(
            "origin", value, text("不是家站点编号或 district", "is neither a station code nor 'district'")
        )
    return value


def parse_clock(value: str) -> dict[str, int]:
    try:
        clock = json.loads(value)
    except ValueError:
        raise _bad("clock", value, text("不是版本时钟", "is not a version clock")) from None
    if (
        not isinstance(clock, dict)
        or not clock
        or not all(
            isinstance(k, str) and _ORIGIN.match(k) and type(v) is int and v >= 1 for k, v in clock.items()
        )
    ):
        raise _bad("clock", value, text("不是版本时钟", "is not a version clock"))
    return clock


@dataclass(frozen=True)
class Reference:
    column: str
    table: str


# A cross-field rule as a bundle row runs it: the field it is told beside, the rule, and where its values sit.
RowRule = tuple[str, Callable[..., Text | None], Callable[[list[Any]], Any]]


def refusal(exc: RuleBroken) -> Text:
    """A field's problem in a bundle row: its column, then the rule's own words (with the cell, when it is the
    cell's shape that is wrong)."""
    if exc.shown is not None:
        return text("{c}=“{v}”：{m}", "{c}=“{v}”: {m}", c=exc.field, v=exc.shown, m=exc.message)
    return text("{c}：{m}", "{c}: {m}", c=exc.field, m=exc.message)


@dataclass
class TableSpec:
    name: str
    columns: tuple[str, ...]  # content columns, after META
    checks: tuple[Check, ...]
    references: tuple[Reference, ...] = ()
    rules: tuple[RowRule, ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        return (*META, *self.columns)

    def check_row(self, raw: list[str]) -> list[Any]:
        """Typed values in header order, or RowRefused naming the first broken rule."""
        if len(raw) != len(self.columns) + len(META):
            raise RowRefused(text("列数不对", "wrong number of columns"))
        uuid, origin, created_at, updated_at, version, clock = raw[:6]
        if not _UUID.match(uuid):
            raise _bad("uuid", uuid, text("不是 UUID", "is not a UUID"))
        values: list[Any] = [
            uuid,
            _origin(origin),
            _STAMP_CHECK(created_at),
            _UPDATED_CHECK(updated_at),
            _VERSION_CHECK(version),
            parse_clock(clock),
        ]
        try:
            for check, value in zip(self.checks, raw[6:], strict=True):
                values.append(check(value))
        except RuleBroken as exc:
            raise RowRefused(refusal(exc)) from None
        for field, broken, where in self.rules:
            message = broken(*where(values))
            if message is not None:
                raise RowRefused(refusal(RuleBroken(field, message)))
        return values


_STAMP_CHECK = _stamp("created_at")
_UPDATED_CHECK = _stamp("updated_at")
_VERSION_CHECK = _int("version", 1, 10**9)


def compile_spec(rules: RecordRules) -> TableSpec:
    """A table's checks, compiled once from its rule book."""
    position = {name: len(META) + i for i, name in enumerate(rules.columns)}
    row_rules: list[RowRule] = []
    for rule in rules.rules:
        if rule.in_bundles:
            # itemgetter of one position returns the value, not a 1-tuple; a rule reads two fields or more.
            assert len(rule.reads) > 1, rule.name
            row_rules.append((rule.field, rule.broken, itemgetter(*(position[name] for name in rule.reads))))
    return TableSpec(
        rules.table,
        rules.columns,
        tuple(field.wire() for field in rules.fields),
        tuple(Reference(field.name, field.references) for field in rules.fields if field.references),
        tuple(row_rules),
    )


SPECS: dict[str, TableSpec] = {table: compile_spec(BOOK[table]) for table in SYNCED_TABLES}

# Parents before children; deletions run the other way round.
ORDER: tuple[str, ...] = tuple(SPECS)


def check_tombstone(raw: list[str]) -> list[Any]:
    if len(raw) != len(TOMBSTONE_COLUMNS):
        raise RowRefused(text("列数不对", "wrong number of columns"))
    uuid, table_name, record_uuid, origin, deleted_at, operator = raw
    if not _UUID.match(uuid) or not _UUID.match(record_uuid):
        raise _bad("uuid", uuid, text("不是 UUID", "is not a UUID"))
    if table_name not in SPECS:
        raise _bad("table_name", table_name, text("不是同步的表", "is not a synced table"))
    return [uuid, table_name, record_uuid, _origin(origin), _stamp("deleted_at")(deleted_at), operator[:100]]
