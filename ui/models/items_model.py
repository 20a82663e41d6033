"""社情民意 table: every item, filtered and sorted in SQL, read a page at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.domain import ItemStatus, Satisfaction
from app.queries import items as item_queries
from app.queries.listing import Listing
from ui.models.labels import choice_label
from ui.models.paged_model import Column, PagedTableModel, field
from ui.translations import QT_TRANSLATE_NOOP

_CENTER = Qt.AlignmentFlag.AlignCenter


class ItemsTableModel(PagedTableModel):
    CONTEXT = "ItemsTableModel"
    COL_NO, COL_DATE, COL_TITLE, COL_CATEGORY, COL_COMMUNITY, COL_STATUS = range(6)
    COL_DEPARTMENT, COL_DUE_DATE, COL_SATISFACTION, COL_STATION = range(6, 10)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ItemsTableModel", "No."), "item_no", field("item_no"), "item_no"),
        Column(QT_TRANSLATE_NOOP("ItemsTableModel", "Date"), "date", field("date"), "date", _CENTER),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Title"),
            "title",
            field("title"),
            "title",
            tooltip=field("content"),
        ),
        Column(QT_TRANSLATE_NOOP("ItemsTableModel", "Category"), "category", field("category"), "category"),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Community"), "community", field("community"), "community"
        ),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Status"),
            "status",
            choice_label("status", ItemStatus),
            "status",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Department"),
            "department",
            field("department"),
            "department",
        ),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Due date"),
            "due_date",
            field("due_date"),
            "due_date",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Satisfaction"),
            "satisfaction",
            choice_label("satisfaction", Satisfaction),
            "satisfaction",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("ItemsTableModel", "Station"), "station", field("station_name"), "station_code"
        ),
    )
    DEFAULT_SORT_COLUMN = COL_DATE

    def build_listing(self, filters: dict[str, Any], sort_key: str, descending: bool) -> Listing:
        return item_queries.listing(
            item_queries.ItemFilters(**filters), sort_key, descending, self._bigram_index("items")
        )
