"""Reading what people write: the shapes of phone numbers, dates and times (typed, or as a spreadsheet stores
them), and the messages a clerk understands. Each returns the normalised value or raises. The rules a record's
fields obey are declared once, in app/rules; these are the readers and the words they use."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from app.errors import FieldError, ValidationError
from app.i18n import Text, text

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


def required_text(value: object, label: Text, *, max_length: int = 2000) -> str:
    raw = "" if value is None else str(value).strip()
    if not raw:
        raise _error(required(label))
    if len(raw) > max_length:
        raise _error(too_long(label, max_length))
    return raw


def required(label: Text) -> Text:
    return text("请填写{f}", "Please fill in {f}", f=label)


def too_long(label: Text, limit: int) -> Text:
    return text(
        "{f}不能超过{n}个字", "{F} must be at most {n} characters", f=label, F=capitalised(label), n=limit
    )


def capitalised(label: Text) -> Text:
    """A label that opens an English sentence."""
    return Text(label.zh, label.en[:1].upper() + label.en[1:], label.params)
