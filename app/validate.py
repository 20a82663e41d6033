"""Field-level checks with messages a clerk understands. Each returns the normalised value or raises."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain import Choice
from app.errors import FieldError, ValidationError
from app.i18n import Text, text
from db import clock

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Landline: area code 0xx / 0xxx, then 7–8 digits, optional extension; or a local 7–8 digit number.
_LANDLINE = re.compile(r"^(0\d{2,3})?[2-9]\d{6,7}(\d{1,6})?$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TIME = re.compile(r"^(\d{1,2})[:：时点](\d{2})?分?$")
# Excel stores dates as days since 1899-12-30 when a cell is formatted as a number.
_EXCEL_EPOCH = date(1899, 12, 30)


class FieldChecker:
    """Collects every problem in a form at once, so the clerk sees all of them, not one per save."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: Text) -> None:
        self.errors.append(FieldError(field, message))

    def check(self, field: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            for error in exc.errors:
                self.errors.append(FieldError(field, error.message))
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _error(message: Text, field: str = "") -> ValidationError:
    return ValidationError([FieldError(field, message)])


def phone(value: str | int | None, *, required: bool = False) -> str:
    raw = "" if value is None else str(value).strip()
    if raw.endswith(".0") and raw[:-2].isdigit():  # a phone typed into a numeric spreadsheet cell
        raw = raw[:-2]
    if not raw:
        if required:
            raise _error(text("请填写联系电话", "Please enter a phone number"))
        return ""
    digits = re.sub(r"[\s\-－—()（）]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits.isdigit():
        raise _error(text("联系电话“{v}”含有非数字字符", "Phone number “{v}” contains non-digits", v=raw))
    if digits.startswith("1"):
        if _MOBILE.match(digits):
            return digits
        raise _error(
            text(
                "手机号码“{v}”应为以1开头的11位数字",
                "Mobile number “{v}” must be 11 digits starting with 1",
                v=raw,
            )
        )
    if _LANDLINE.match(digits):
        return digits
    raise _error(
        text(
            "联系电话“{v}”不是有效的手机号码（11位）或固定电话（如021-65012345）",
            "“{v}” is not a valid mobile (11 digits) or landline number (e.g. 021-65012345)",
            v=raw,
        )
    )


def parse_date(value: object, *, field_label: Text | None = None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raw = "" if value is None else str(value).strip()
    # A spreadsheet may hand over "2023-03-15 00:00:00".
    raw = re.sub(r"[ T]00:00(:00)?$", "", raw)
    if not raw:
        raise _error(text("日期不能为空", "The date is empty"))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(raw)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                raise _error(
                    text(
                        "日期“{v}”不存在（{y}年没有{m}月{d}日）",
                        "The date “{v}” does not exist",
                        v=raw,
                        y=y,
                        m=mo,
                        d=d,
                    )
                ) from None
    raise _error(
        text(
            "日期“{v}”格式无法识别，请写作 2023-03-15、2023/3/15 或 2023年3月15日",
            "Cannot read the date “{v}”; write 2023-03-15, 2023/3/15 or 2023年3月15日",
            v=raw,
        )
    )


def past_date(value: object, *, today: date | None = None) -> date:
    """A date on which something already happened: not in the future."""
    parsed = parse_date(value)
    limit = today or clock.today()
    if parsed > limit:
        raise _error(
            text(
                "日期{v}在今天（{t}）之后：已发生的事项不能登记为将来日期",
                "{v} is after today ({t}): something that happened cannot be dated in the future",
                v=parsed.isoformat(),
                t=limit.isoformat(),
            )
        )
    return parsed


def parse_time(value: object) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime):
        return value.strftime("%H:%M")
    if isinstance(value, float) and 0 <= value < 1:  # Excel time fraction
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    raw = "" if value is None else str(value).strip()
    if not raw:
        return ""
    raw = re.sub(r":00$", "", raw) if raw.count(":") == 2 else raw
    m = _TIME.match(raw)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise _error(text("时间“{v}”应写作 09:00", "The time “{v}” should look like 09:00", v=raw))


def headcount(value: object) -> int:
    raw = "" if value is None else str(value).strip()
    if raw == "":
        return 1
    if raw.endswith(".0"):
        raw = raw[:-2]
    raw = raw.removesuffix("人")
    if not raw.lstrip("-").isdigit():
        raise _error(text("人数“{v}”应为整数", "Headcount “{v}” must be a whole number", v=raw))
    count = int(raw)
    if count < 1:
        raise _error(text("人数应至少为1，现为{v}", "Headcount must be at least 1, got {v}", v=count))
    if count > 10000:
        raise _error(text("人数{v}过大", "Headcount {v} is implausibly large", v=count))
    return count


def required_text(value: object, label: Text, *, max_length: int = 2000, multiline: bool = False) -> str:
    raw = _plain_text(value, label, multiline)
    if not raw:
        raise _error(_required(label))
    if len(raw) > max_length:
        raise _error(_too_long(label, max_length))
    return raw


def optional_text(value: object, label: Text, *, max_length: int = 2000, multiline: bool = False) -> str:
    raw = _plain_text(value, label, multiline)
    if len(raw) > max_length:
        raise _error(_too_long(label, max_length))
    return raw


# Control characters other than tabs and line breaks are refused (a bundle carrying them is refused at the
# other end, app/sync/tables.py); a one-line field has its tabs and line breaks (a spreadsheet cell typed
# with Alt+Enter) turned into a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def _plain_text(value: object, label: Text, multiline: bool) -> str:
    raw = "" if value is None else str(value).strip()
    found = _CONTROL.search(raw)
    if found is not None:
        raise _error(
            text(
                "{f}含有控制字符 U+{h:04X}：请删除后再试",
                "{f} holds the control character U+{h:04X}: remove it and try again",
                f=label,
                h=ord(found.group()),
            )
        )
    return raw if multiline else _LINE_BREAKS.sub(" ", raw)


def _required(label: Text) -> Text:
    return text("请填写{f}", "Please fill in {f}", f=label)


def _too_long(label: Text, limit: int) -> Text:
    return text("{f}不能超过{n}个字", "{f} must be at most {n} characters", f=label, n=limit)


def choice(value: object, kind: type[Choice], label: Text, *, required: bool = True) -> Choice | None:
    raw = "" if value is None else str(value).strip()
    if not raw:
        if required:
            raise _error(_required(label))
        return None
    parsed = kind.parse(raw)
    if parsed is None:
        raise _error(
            text(
                "{f}“{v}”无法识别，可选：{options}",
                "{f} “{v}” is not recognised; choose one of: {options}",
                f=label,
                v=raw,
                options=list(kind),
            )
        )
    return parsed
