"""The kinds of field a record has.

Each field reads a value two ways: as a person writes it (a form, the command line, a ledger cell: lenient, many
shapes) with parse(), and as a bundle carries it (written by a program: canonical, strict) with wire(). Both then
run the field's one check(), so a value that breaks a rule is told in the same words whichever way it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app import validate
from app.domain import Choice
from app.errors import ValidationError
from app.i18n import Text, text
from db import clock

Check = Callable[[Any], Any]
Read = Callable[[str], Any]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_INTEGER = re.compile(r"^-?\d+$")

NOT_CANONICAL = text("不是规范写法", "is not in canonical form")


class RuleBroken(Exception):
    """A value breaks a rule of its field. message: the rule's own words, the same on every path. shown: a
    bundle cell whose shape is wrong; the shape is not a rule about the value, so the words do not name it."""

    def __init__(self, field: str, message: Text, shown: str | None = None) -> None:
        super().__init__(message.render("en"))
        self.field = field
        self.message = message
        self.shown = shown


def _same(value: Any) -> Any:
    return value


def _stripped(raw: object) -> str:
    return "" if raw is None else str(raw).strip()


class Field:
    """A field: its name (the column it is stored in), its label in both languages, whether a record must have
    it; for an enum field the stored values it allows; for a reference, the table it points into."""

    allowed: frozenset[Any] | None = None
    references: str | None = None

    def __init__(self, name: str, label: Text, *, required: bool = False) -> None:
        self.name = name
        self.label = label
        self.required = required
        self.check: Check = self._compile()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def _compile(self) -> Check:
        """The rules on a value already in its stored form: what every path runs."""
        return _same

    def parse(self, raw: object) -> Any:
        """A value as a person gives it, in its stored form; only its shape is checked here."""
        return raw

    def clean(self, raw: object) -> Any:
        try:
            value = self.parse(raw)
        except ValidationError as exc:
            raise RuleBroken(self.name, exc.errors[0].message) from None
        return self.check(value)

    def wire(self) -> Read:
        """A bundle cell, read strictly, then the same rules."""
        return self.check

    def _missing(self) -> RuleBroken:
        return RuleBroken(self.name, validate.required(self.label))

    def _shape(self, cell: str, why: Text) -> RuleBroken:
        return RuleBroken(self.name, why, cell if len(cell) <= 40 else cell[:40] + "…")


class TextField(Field):
    """Free text up to max_length characters. upper: stored in capitals (a number, a code); blank: what an
    empty field is stored as."""

    def __init__(
        self,
        name: str,
        label: Text,
        *,
        max_length: int = 2000,
        required: bool = False,
        upper: bool = False,
        blank: str | None = "",
    ) -> None:
        self.max_length = max_length
        self.upper = upper
        self.blank = blank
        super().__init__(name, label, required=required)

    def parse(self, raw: object) -> str:
        value = _stripped(raw)
        return value.upper() if self.upper else value

    def _compile(self) -> Check:
        name, limit, blank = self.name, self.max_length, self.blank
        too_long = validate.too_long(self.label, limit)
        if self.required:
            missing = validate.required(self.label)

            def required(value: str) -> str:
                if not value.strip():
                    raise RuleBroken(name, missing)
                if len(value) > limit:
                    raise RuleBroken(name, too_long)
                return value

            return required

        def optional(value: str) -> str | None:
            if len(value) > limit:
                raise RuleBroken(name, too_long)
            return value or blank

        return optional

    def wire(self) -> Read:
        if not self.upper:
            return self.check
        check = self.check

        def read(cell: str) -> str | None:
            if cell != cell.strip().upper():
                raise self._shape(cell, NOT_CANONICAL)
            return check(cell)

        return read


class PatternField(TextField):
    """Text of a fixed pattern (a station code): the pattern's own message says what is wrong and how to fix it."""

    def __init__(
        self, name: str, label: Text, pattern: re.Pattern[str], message: Callable[[str], Text]
    ) -> None:
        self.pattern = pattern
        self.message = message
        super().__init__(name, label, max_length=10_000, required=True, upper=True)

    def _compile(self) -> Check:
        name, pattern, message = self.name, self.pattern, self.message

        def check(value: str) -> str:
            if not pattern.match(value):
                raise RuleBroken(name, message(value))
            return value

        return check


def not_recognised(label: Text, value: str, choices: type[Choice]) -> Text:
    return text(
        "{f}“{v}”无法识别，可选：{options}",
        "{F} “{v}” is not recognised; choose one of: {options}",
        f=label,
        F=validate.capitalised(label),
        v=value,
        options=list(choices),
    )


class ChoiceField(Field):
    """One of an enum's codes (app/domain.py). A person may write the code, either label or an alias; an empty
    field takes the default, if there is one, else is stored as blank (or refused, if required)."""

    def __init__(
        self,
        name: str,
        label: Text,
        choices: type[Choice],
        *,
        required: bool = True,
        default: Choice | None = None,
        blank: str | None = None,
    ) -> None:
        self.choices = choices
        self.default = default
        self.blank = blank
        self.codes = frozenset(c.value for c in choices)
        self.allowed = self.codes
        super().__init__(name, label, required=required)

    @property
    def stored(self) -> frozenset[Any]:
        """Every value the column may hold apart from NULL: the codes, and '' where that means none."""
        return self.codes | ({""} if not self.required and self.blank == "" else set())

    def parse(self, raw: object) -> str:
        value = _stripped(raw)
        if not value:
            return self.default.value if self.default is not None else ""
        found = self.choices.parse(value)
        return found.value if found is not None else value

    def _compile(self) -> Check:
        name, label, choices, allowed, blank = self.name, self.label, self.choices, self.codes, self.blank
        required = self.required

        def check(value: str) -> str | None:
            if value in allowed:
                return value
            if not value:
                if required:
                    raise self._missing()
                return blank
            raise RuleBroken(name, not_recognised(label, value, choices))

        return check


class FlagField(Field):
    """Yes or no, stored as 1 or 0."""

    allowed = frozenset({0, 1})

    def parse(self, raw: object) -> int:
        return 1 if raw else 0

    def _compile(self) -> Check:
        name = self.name
        message = text("{f}应为0或1", "{F} must be 0 or 1", f=self.label, F=validate.capitalised(self.label))

        def check(value: int) -> int:
            if value != 0 and value != 1:
                raise RuleBroken(name, message)
            return value

        return check

    def wire(self) -> Read:
        check = self.check

        def read(cell: str) -> int:
            return check(1 if cell == "1" else 0 if cell == "0" else -1)

        return read


def in_the_future(value: str, today: date) -> Text:
    return text(
        "日期{v}在今天（{t}）之后：已发生的事项不能登记为将来日期",
        "{v} is after today ({t}): something that happened cannot be dated in the future",
        v=value,
        t=today.isoformat(),
    )


class DateField(Field):
    """A day, stored as ISO text. not_future: the day something happened, so not after today."""

    def __init__(self, name: str, label: Text, *, required: bool = True, not_future: bool = False) -> None:
        self.not_future = not_future
        super().__init__(name, label, required=required)

    def parse(self, raw: object) -> str:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return ""
        return validate.parse_date(raw).isoformat()

    def _compile(self, slack_days: int = 0) -> Check:
        name, required, not_future = self.name, self.required, self.not_future
        slack = timedelta(days=slack_days)

        def check(value: str) -> str | None:
            if not value:
                if required:
                    raise self._missing()
                return None
            if not_future:
                today = clock.today()
                if value > (today + slack).isoformat():
                    raise RuleBroken(name, in_the_future(value, today))
            return value

        return check

    def wire(self) -> Read:
        # A station's clock may run a day ahead of the office's: a bundle's "today" may be tomorrow here.
        check = self._compile(slack_days=1)
        not_iso = text("不是 ISO 日期", "is not an ISO date")

        def read(cell: str) -> str | None:
            if cell:
                if not _DATE.match(cell):
                    raise self._shape(cell, not_iso)
                try:
                    date.fromisoformat(cell)
                except ValueError:
                    raise self._shape(cell, not_iso) from None
            return check(cell)

        return read


class TimeField(Field):
    """A time of day, HH:MM, or empty."""

    def parse(self, raw: object) -> str:
        return validate.parse_time(raw)

    def wire(self) -> Read:
        not_time = text("不是 HH:MM 时间", "is not an HH:MM time")

        def read(cell: str) -> str:
            if cell and not _TIME.match(cell):
                raise self._shape(cell, not_time)
            return cell

        return read


class CountField(Field):
    """A whole number from low to high. default: what an empty field counts as; unit: a word a person may
    write after the number (5人)."""

    def __init__(
        self, name: str, label: Text, *, low: int, high: int, default: int | None = None, unit: str = ""
    ) -> None:
        self.low, self.high, self.default, self.unit = low, high, default, unit
        super().__init__(name, label, required=default is None)

    def _not_whole(self, value: str) -> RuleBroken:
        return RuleBroken(
            self.name,
            text(
                "{f}“{v}”应为整数",
                "{F} “{v}” must be a whole number",
                f=self.label,
                F=validate.capitalised(self.label),
                v=value,
            ),
        )

    def parse(self, raw: object) -> int | None:
        value = _stripped(raw)
        if not value:
            return self.default
        value = value.removesuffix(".0")
        if self.unit:
            value = value.removesuffix(self.unit)
        if not _INTEGER.match(value):
            raise self._not_whole(value)
        return int(value)

    def _compile(self) -> Check:
        name, low, high = self.name, self.low, self.high
        label, capital = self.label, validate.capitalised(self.label)

        def check(value: int | None) -> int:
            if value is None:
                raise self._missing()
            if value < low:
                raise RuleBroken(
                    name,
                    text(
                        "{f}应至少为{n}，现为{v}",
                        "{F} must be at least {n}, got {v}",
                        f=label,
                        F=capital,
                        n=low,
                        v=value,
                    ),
                )
            if value > high:
                raise RuleBroken(
                    name,
                    text(
                        "{f}{v}过大，至多为{n}",
                        "{F} {v} is implausibly large (at most {n})",
                        f=label,
                        F=capital,
                        n=high,
                        v=value,
                    ),
                )
            return value

        return check

    def wire(self) -> Read:
        check = self.check

        def read(cell: str) -> int:
            if not (cell.isascii() and cell.isdigit()) and not _INTEGER.match(cell):
                raise self._not_whole(cell)
            return check(int(cell))

        return read


class PhoneField(Field):
    """A mobile or landline number, stored as digits; the formats are app/validate.py's."""

    def parse(self, raw: object) -> str:
        return validate.phone(raw)  # type: ignore[arg-type]

    def wire(self) -> Read:
        name = self.name

        def read(cell: str) -> str:
            if not cell:
                return cell
            try:
                normalised = validate.phone(cell)
            except ValidationError as exc:
                raise RuleBroken(name, exc.errors[0].message) from None
            if normalised != cell:
                raise self._shape(cell, NOT_CANONICAL)
            return cell

        return read


class RefField(Field):
    """The UUID of a record in another table. The app fills it in, never a person."""

    def __init__(self, name: str, label: Text, table: str, *, required: bool = True) -> None:
        self.references = table
        super().__init__(name, label, required=required)

    def parse(self, raw: object) -> str | None:
        return str(raw) if raw else None

    def wire(self) -> Read:
        required = self.required
        not_uuid = text("不是 UUID", "is not a UUID")

        def read(cell: str) -> str | None:
            if not _UUID.match(cell):
                if cell == "" and not required:
                    return None
                raise self._shape(cell, not_uuid)
            return cell

        return read


class StampField(Field):
    """A moment, as ISO 8601 text. The app fills it in, never a person."""

    def wire(self) -> Read:
        not_stamp = text("不是 ISO 时间", "is not an ISO timestamp")

        def read(cell: str) -> str:
            if not _STAMP.match(cell):
                raise self._shape(cell, not_stamp)
            return cell

        return read
