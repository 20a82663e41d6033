"""A reporting period: a year, a month, or from/to dates (inclusive). Open ends mean 'all time'."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app import validate
from app.errors import UserError
from app.i18n import text


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def month(cls, value: str) -> Period:
        m = re.match(r"^(\d{4})-(\d{1,2})$", value.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise UserError(
                text("月份“{v}”应写作 2023-03", "The month “{v}” should look like 2023-03", v=value)
            )
        y, mo = int(m.group(1)), int(m.group(2))
        return cls(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))

    @classmethod
    def between(cls, start: str | None, end: str | None) -> Period:
        try:
            period = cls(
                validate.parse_date(start) if start else None, validate.parse_date(end) if end else None
            )
        except UserError as exc:
            raise UserError(exc.message) from None
        if period.start and period.end and period.end < period.start:
            raise UserError(text("结束日期早于开始日期", "The end date is before the start date"))
        return period

    @property
    def start_iso(self) -> str:
        return self.start.isoformat() if self.start else "0000-01-01"

    @property
    def end_iso(self) -> str:
        return self.end.isoformat() if self.end else "9999-12-31"

    def label(self) -> str:
        if self.start and self.end:
            return f"{self.start.isoformat()} – {self.end.isoformat()}"
        return "—"


def from_args(
    year: int | None = None, month: str | None = None, start: str | None = None, end: str | None = None
) -> Period:
    if year is not None:
        if not 1900 <= year <= 9999:
            raise UserError(text("年份{y}无效", "Invalid year {y}", y=year))
        return Period.year(year)
    if month:
        return Period.month(month)
    return Period.between(start, end)
