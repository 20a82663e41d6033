"""WHERE terms shared by the listings: equality on a column, one-or-several codes, a date range, a station."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app import validate
from app.queries.listing import Condition


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def equals(column: str, value: Any) -> list[Condition]:
    if blank(value):
        return []
    return [Condition(f"t.{column} = ?", (value.strip() if isinstance(value, str) else value,))]


def one_of(column: str, value: str | Iterable[str] | None) -> list[Condition]:
    """A single code, or any of several (a tab showing 交办 and 承办 together)."""
    if blank(value):
        return []
    values = [value] if isinstance(value, str) else [v for v in value if not blank(v)]  # type: ignore[union-attr]
    if not values:
        return []
    if len(values) == 1:
        return [Condition(f"t.{column} = ?", (str(values[0]),))]
    marks = ",".join("?" * len(values))
    return [Condition(f"t.{column} IN ({marks})", tuple(str(v) for v in values))]


def date_range(column: str, date_from: Any, date_to: Any) -> list[Condition]:
    """Inclusive at both ends; accepts dates or any date text validate.parse_date knows."""
    result: list[Condition] = []
    if not blank(date_from):
        result.append(Condition(f"t.{column} >= ?", (validate.parse_date(date_from).isoformat(),)))
    if not blank(date_to):
        result.append(Condition(f"t.{column} <= ?", (validate.parse_date(date_to).isoformat(),)))
    return result


def station(code: str | None, column: str = "station_uuid") -> list[Condition]:
    if blank(code):
        return []
    assert code is not None
    return [Condition(f"t.{column} = (SELECT uuid FROM stations WHERE code = ?)", (code.strip(),))]
