"""One data row as the importers see it: cells by field, handed to the rule book, and every problem the book
finds turned into a RowProblem naming the spreadsheet row and the column as the file wrote it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from app.errors import FieldError
from app.i18n import Text
from app.ledger.columns import HeaderMap
from app.ledger.report import RowProblem

# 、 and ， are what a clerk types between names; , ; ； / and line breaks turn up too.
NAME_SEPARATORS = re.compile(r"[、，,；;/／\n\r]+")
STATION_SEPARATORS = re.compile(r"[；;、，,\s]+")


def split_names(value: object) -> list[str]:
    """Names in one cell, in order, blanks and repeats dropped; inner spaces (王 伟) are kept out."""
    seen: dict[str, None] = {}
    for part in NAME_SEPARATORS.split(as_text(value)):
        name = re.sub(r"[\s\u3000]+", "", part)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def split_codes(value: object) -> list[str]:
    seen: dict[str, None] = {}
    for part in STATION_SEPARATORS.split(as_text(value)):
        if part.strip():
            seen.setdefault(part.strip().upper(), None)
    return list(seen)


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Row:
    def __init__(self, number: int, cells: list[Any], header: HeaderMap, problems: list[RowProblem]) -> None:
        self.number = number
        self.cells = cells
        self.header = header
        self.problems = problems
        self.failed = False

    def raw(self, field: str) -> Any:
        position = self.header.index.get(field)
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position]

    def text(self, field: str) -> str:
        return as_text(self.raw(field))

    def fail(self, field: str, message: Text) -> None:
        self.failed = True
        self.problems.append(RowProblem(self.number, self.header.header_of(field) if field else "", message))

    def values(self, fields: Iterable[str]) -> dict[str, Any]:
        """The cells of these fields as the file holds them; a column the file lacks reads as empty."""
        return {name: self.raw(name) for name in fields}

    def report(self, errors: Iterable[FieldError]) -> None:
        """Each problem the rule book found, against this row and the column of its field."""
        for error in errors:
            self.fail(error.field, error.message)
