"""What a bundle carries, table by table: the columns, in order, and the rules every incoming row must pass.

The rules are the services' rules (app/services/*.clean) in the form a machine-written row takes: values are
already canonical (ISO dates, codes), so they are checked, not re-parsed. Checks are compiled once per table so
that a bundle of a million rows is checked at the speed of the CSV reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app import validate
from app.domain import (
    Choice,
    DeputyLevel,
    DutyStatus,
    Gender,
    ItemStatus,
    ReceptionKind,
    Satisfaction,
    SourceKind,
    StationKind,
)
from app.errors import ValidationError
from app.i18n import Text, text
from app.services.stations import CODE
from db import clock

META = ("uuid", "origin", "created_at", "updated_at", "version", "clock")
TOMBSTONE_COLUMNS = ("uuid", "table_name", "record_uuid", "origin", "deleted_at", "operator")

# \Z, not $: a value must not end in a line break ($ matches before one). \d only in ASCII.
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?\Z", re.ASCII)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d\Z", re.ASCII)
_ORIGIN = re.compile(r"^(district|[A-Z0-9][A-Z0-9_\-]{0,31})\Z")
_DIGITS = re.compile(r"^[0-9]{1,12}\Z")
# Control characters (C0 and DEL) have no place in a record; a multi-line text keeps its tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A version clock is one flat JSON object of a few origins; anything longer or nested is not one.
_MAX_CLOCK_LENGTH = 4000


class RowRefused(Exception):
    """One row breaks a rule; the message names the column and the value."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.render("en"))
        self.message = message


Check = Callable[[str], Any]


def _bad(column: str, value: str, why: Text) -> RowRefused:
    shown = value if len(value) <= 40 else value[:40] + "…"
    shown = _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", shown)
    return RowRefused(text("{c}=“{v}”：{w}", "{c}=“{v}”: {w}", c=column, v=shown, w=why))


def _no_control(column: str, value: str, *, multiline: bool = False) -> None:
    found = (_CONTROL_IN_MULTILINE if multiline else _CONTROL).search(value)
    if found is not None:
        raise _bad(
            column,
            value,
            text(
                "含有控制字符 U+{h:04X}（只有多行文字可以含制表符和换行）",
                "holds the control character U+{h:04X} (only multi-line texts may hold tabs and line breaks)",
                h=ord(found.group()),
            ),
        )


def _text(column: str, max_length: int, *, required: bool = False, multiline: bool = False) -> Check:
    def check(value: str) -> str:
        if required and not value.strip():
            raise _bad(column, value, text("不能为空", "must not be empty"))
        if len(value) > max_length:
            raise _bad(column, value, text("超过{n}个字", "longer than {n} characters", n=max_length))
        _no_control(column, value, multiline=multiline)
        return value

    return check


def _choice(column: str, kind: type[Choice], *, nullable: bool = False, empty: bool = False) -> Check:
    allowed = {c.value for c in kind}

    def check(value: str) -> str | None:
        if value == "":
            if nullable:
                return None
            if empty:
                return ""
        if value not in allowed:
            raise _bad(column, value, text("不是可选值", "is not one of the allowed values"))
        return value

    return check


def _date(column: str, *, nullable: bool = False, not_future: bool = False) -> Check:
    # A station's clock may run a day ahead of the office's; "not in the future" allows for that.
    def check(value: str) -> str | None:
        if value == "" and nullable:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            raise _bad(column, value, text("不是 ISO 日期", "is not an ISO date")) from None
        if not_future and day > clock.today() + timedelta(days=1):
            raise _bad(column, value, text("在今天之后", "is in the future"))
        return value

    return check


def _stamp(column: str) -> Check:
    def check(value: str) -> str:
        if not _STAMP.match(value):
            raise _bad(column, value, text("不是 ISO 时间", "is not an ISO timestamp"))
        return value

    return check


def _time(column: str) -> Check:
    def check(value: str) -> str:
        if value and not _TIME.match(value):
            raise _bad(column, value, text("不是 HH:MM 时间", "is not an HH:MM time"))
        return value

    return check


def _int(column: str, low: int, high: int) -> Check:
    def check(value: str) -> int:
        if not _DIGITS.match(value) or not low <= int(value) <= high:
            raise _bad(
                column, value, text("应为 {a}–{b} 的整数", "must be a whole number {a}–{b}", a=low, b=high)
            )
        return int(value)

    return check


def _uuid(column: str, *, nullable: bool = False) -> Check:
    def check(value: str) -> str | None:
        if value == "" and nullable:
            return None
        if not _UUID.match(value):
            raise _bad(column, value, text("不是 UUID", "is not a UUID"))
        return value

    return check


def _phone(column: str) -> Check:
    def check(value: str) -> str:
        if not value:
            return value
        try:
            normalised = validate.phone(value)
        except ValidationError as exc:
            raise RowRefused(exc.errors[0].message) from None
        if normalised != value:
            raise _bad(column, value, text("不是规范写法", "is not in canonical form"))
        return value

    return check


def _code(column: str) -> Check:
    def check(value: str) -> str:
        if not CODE.match(value) or value != value.upper() or value.endswith("\n"):
            raise _bad(column, value, text("不是有效的家站点编号", "is not a valid station code"))
        return value

    return check


def _deputy_no(column: str) -> Check:
    def check(value: str) -> str | None:
        if value == "":
            return None
        if len(value) > 30 or value != value.upper() or value != value.strip():
            raise _bad(column, value, text("不是规范的代表编号", "is not a canonical deputy number"))
        _no_control(column, value)
        return value

    return check


def _origin(value: str) -> str:
    if not _ORIGIN.match(value):
        raise _bad(
            "origin", value, text("不是家站点编号或 district", "is neither a station code nor 'district'")
        )
    return value


def parse_clock(value: str) -> dict[str, int]:
    if len(value) > _MAX_CLOCK_LENGTH or value.count("{") + value.count("[") > 1:
        raise _bad("clock", value, text("不是版本时钟", "is not a version clock"))
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


@dataclass
class TableSpec:
    name: str
    columns: tuple[str, ...]  # content columns, after META
    checks: tuple[Check, ...]
    references: tuple[Reference, ...] = ()
    row_rule: Callable[[dict[str, Any]], None] | None = None

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
        for check, value in zip(self.checks, raw[6:], strict=True):
            values.append(check(value))
        if self.row_rule is not None:
            self.row_rule(dict(zip(self.header, values, strict=True)))
        return values


_STAMP_CHECK = _stamp("created_at")
_UPDATED_CHECK = _stamp("updated_at")
_VERSION_CHECK = _int("version", 1, 10**9)


def _item_rule(row: dict[str, Any]) -> None:
    if row["satisfaction"] is not None and row["status"] != ItemStatus.FED_BACK.value:
        raise RowRefused(text("未反馈的事项不能有满意度", "an item not fed back cannot have a satisfaction"))


def _times_rule(row: dict[str, Any]) -> None:
    if row["start_time"] and row["end_time"] and row["end_time"] <= row["start_time"]:
        raise RowRefused(text("结束时间应晚于开始时间", "the end time must be after the start time"))


def _spec(
    name: str, columns: list[tuple[str, Check]], refs: tuple[Reference, ...] = (), rule: Any = None
) -> TableSpec:
    return TableSpec(name, tuple(c for c, _ in columns), tuple(k for _, k in columns), refs, rule)


_STATUS = ItemStatus
SPECS: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        _spec(
            "stations",
            [
                ("code", _code("code")),
                ("name", _text("name", 100, required=True)),
                ("kind", _choice("kind", StationKind, nullable=True)),
                ("street", _text("street", 50)),
                ("address", _text("address", 200)),
            ],
        ),
        _spec(
            "deputies",
            [
                ("deputy_no", _deputy_no("deputy_no")),
                ("name", _text("name", 30, required=True)),
                ("level", _choice("level", DeputyLevel)),
                ("gender", _choice("gender", Gender, empty=True)),
                ("delegation", _text("delegation", 50)),
                ("phone", _phone("phone")),
                ("professional_group", _text("professional_group", 50)),
                ("active", _int("active", 0, 1)),
            ],
        ),
        _spec(
            "stationings",
            [
                ("deputy_uuid", _uuid("deputy_uuid")),
                ("station_uuid", _uuid("station_uuid")),
                ("since", _date("since", nullable=True)),
                ("until", _date("until", nullable=True)),
            ],
            (Reference("deputy_uuid", "deputies"), Reference("station_uuid", "stations")),
        ),
        _spec(
            "reception_days",
            [
                ("station_uuid", _uuid("station_uuid")),
                ("date", _date("date")),
                ("start_time", _time("start_time")),
                ("end_time", _time("end_time")),
                ("kind", _choice("kind", ReceptionKind)),
                ("theme", _text("theme", 100)),
                ("notes", _text("notes", 2000, multiline=True)),
            ],
            (Reference("station_uuid", "stations"),),
            _times_rule,
        ),
        _spec(
            "duties",
            [
                ("reception_day_uuid", _uuid("reception_day_uuid")),
                ("deputy_uuid", _uuid("deputy_uuid")),
                ("status", _choice("status", DutyStatus)),
                ("not_stationed", _int("not_stationed", 0, 1)),
            ],
            (Reference("reception_day_uuid", "reception_days"), Reference("deputy_uuid", "deputies")),
        ),
        _spec(
            "visits",
            [
                ("station_uuid", _uuid("station_uuid")),
                ("reception_day_uuid", _uuid("reception_day_uuid", nullable=True)),
                ("date", _date("date", not_future=True)),
                ("visitor_name", _text("visitor_name", 30)),
                ("phone", _phone("phone")),
                ("community", _text("community", 50)),
                ("headcount", _int("headcount", 1, 10000)),
                ("raised", _text("raised", 4000, required=True, multiline=True)),
                ("category", _text("category", 30)),
            ],
            (Reference("station_uuid", "stations"), Reference("reception_day_uuid", "reception_days")),
        ),
        _spec(
            "visit_deputies",
            [("visit_uuid", _uuid("visit_uuid")), ("deputy_uuid", _uuid("deputy_uuid"))],
            (Reference("visit_uuid", "visits"), Reference("deputy_uuid", "deputies")),
        ),
        _spec(
            "items",
            [
                ("item_no", _text("item_no", 60, required=True)),
                ("station_uuid", _uuid("station_uuid")),
                ("visit_uuid", _uuid("visit_uuid", nullable=True)),
                ("date", _date("date", not_future=True)),
                ("title", _text("title", 100, required=True)),
                ("content", _text("content", 8000, multiline=True)),
                ("category", _text("category", 30)),
                ("community", _text("community", 50)),
                ("source_kind", _choice("source_kind", SourceKind)),
                ("status", _choice("status", _STATUS)),
                ("department", _text("department", 60)),
                ("due_date", _date("due_date", nullable=True)),
                ("reply", _text("reply", 8000, multiline=True)),
                ("satisfaction", _choice("satisfaction", Satisfaction, nullable=True)),
            ],
            (Reference("station_uuid", "stations"), Reference("visit_uuid", "visits")),
            _item_rule,
        ),
        _spec(
            "item_events",
            [
                ("item_uuid", _uuid("item_uuid")),
                ("at", _stamp("at")),
                ("kind", _text("kind", 10, required=True)),
                ("from_status", _choice("from_status", _STATUS, nullable=True)),
                ("to_status", _choice("to_status", _STATUS, nullable=True)),
                ("note", _text("note", 8000, multiline=True)),
                ("operator", _text("operator", 100)),
            ],
            (Reference("item_uuid", "items"),),
            lambda row: _event_kind(row["kind"]),
        ),
    )
}

# Parents before children; deletions run the other way round.
ORDER: tuple[str, ...] = tuple(SPECS)
EVENT_KINDS = frozenset({"created", "status", "note", "edit"})


def _event_kind(kind: str) -> None:
    if kind not in EVENT_KINDS:
        raise _bad("kind", kind, text("不是可选值", "is not one of the allowed values"))


def check_tombstone(raw: list[str]) -> list[Any]:
    if len(raw) != len(TOMBSTONE_COLUMNS):
        raise RowRefused(text("列数不对", "wrong number of columns"))
    uuid, table_name, record_uuid, origin, deleted_at, operator = raw
    if not _UUID.match(uuid) or not _UUID.match(record_uuid):
        raise _bad("uuid", uuid, text("不是 UUID", "is not a UUID"))
    if table_name not in SPECS:
        raise _bad("table_name", table_name, text("不是同步的表", "is not a synced table"))
    _no_control("operator", operator)
    return [uuid, table_name, record_uuid, _origin(origin), _stamp("deleted_at")(deleted_at), operator[:100]]
