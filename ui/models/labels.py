"""Cell texts shared by the table models: coded values shown with their label in the current language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain import Choice

Row = dict[str, Any]


def choice_label(name: str, kind: type[Choice]) -> Callable[[Row], str]:
    """The localized label of a stored code (提出 / Raised); an unknown code is shown as stored."""

    def show(row: Row) -> str:
        value = row.get(name)
        if not value:
            return ""
        try:
            return kind(value).label
        except ValueError:
            return str(value)

    return show


def first_line(name: str, limit: int = 60) -> Callable[[Row], str]:
    """Long text in one table cell: its first line, cut with an ellipsis."""

    def show(row: Row) -> str:
        text = str(row.get(name) or "").strip().splitlines()
        line = text[0] if text else ""
        return line if len(line) <= limit else line[: limit - 1] + "…"

    return show
