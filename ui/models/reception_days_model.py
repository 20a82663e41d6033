"""接待日 table: each day with its kind, theme, and how many deputies were scheduled and came."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.domain import ReceptionKind
from app.queries import reception_days as day_queries
from app.queries.listing import Listing
from ui.models.labels import Row, choice_label
from ui.models.paged_model import Column, PagedTableModel, field
from ui.translations import QT_TRANSLATE_NOOP

_CENTER = Qt.AlignmentFlag.AlignCenter


def _time(row: Row) -> str:
    start, end = str(row.get("start_time") or ""), str(row.get("end_time") or "")
    return f"{start}–{end}" if start and end else start or end


def _duty_counts(row: Row) -> str:
    return f"{row.get('scheduled_count') or 0} / {row.get('present_count') or 0}"


class ReceptionDaysTableModel(PagedTableModel):
    CONTEXT = "ReceptionDaysTableModel"
    COL_DATE, COL_TIME, COL_KIND, COL_THEME, COL_DUTIES, COL_STATION = range(6)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Date"), "date", field("date"), "date", _CENTER),
        Column(QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Time"), "time", _time, "start_time", _CENTER),
        Column(
            QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Kind"),
            "kind",
            choice_label("kind", ReceptionKind),
            "kind",
        ),
        Column(QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Theme"), "theme", field("theme"), "theme"),
        Column(
            QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Scheduled / present"),
            "",
            _duty_counts,
            "present_count",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionDaysTableModel", "Station"),
            "station",
            field("station_name"),
            "station_code",
        ),
    )
    DEFAULT_SORT_COLUMN = COL_DATE

    def build_listing(self, filters: dict[str, Any], sort_key: str, descending: bool) -> Listing:
        return day_queries.listing(day_queries.ReceptionDayFilters(**filters), sort_key, descending)
