"""来访登记 table. The clerk sees visitors' names on screen; phone numbers are masked unless asked for."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt

from app.privacy import mask_phone
from app.queries import visits as visit_queries
from app.queries.listing import Listing
from ui.models.labels import Row, first_line
from ui.models.paged_model import Column, PagedTableModel, field
from ui.translations import QT_TRANSLATE_NOOP

_CENTER = Qt.AlignmentFlag.AlignCenter


def _masked_phone(row: Row) -> str:
    return mask_phone(str(row.get("phone") or ""))


class VisitsTableModel(PagedTableModel):
    CONTEXT = "VisitsTableModel"
    COL_DATE, COL_VISITOR, COL_PHONE, COL_HEADCOUNT, COL_COMMUNITY, COL_CATEGORY = range(6)
    COL_RAISED, COL_DEPUTIES = range(6, 8)
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(QT_TRANSLATE_NOOP("VisitsTableModel", "Date"), "date", field("date"), "date", _CENTER),
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "Visitor"),
            "visitor_name",
            field("visitor_name"),
            "visitor_name",
        ),
        Column(QT_TRANSLATE_NOOP("VisitsTableModel", "Phone"), "phone", _masked_phone, "phone", _CENTER),
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "People"),
            "headcount",
            field("headcount"),
            "headcount",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "Community"), "community", field("community"), "community"
        ),
        Column(QT_TRANSLATE_NOOP("VisitsTableModel", "Category"), "category", field("category"), "category"),
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "Issue raised"),
            "raised",
            first_line("raised"),
            "raised",
            tooltip=field("raised"),
        ),
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "Received by"), "", field("deputy_names"), "deputy_names"
        ),
    )
    DEFAULT_SORT_COLUMN = COL_DATE

    def __init__(self, db_path: Any, parent: QObject | None = None) -> None:
        self._show_full_phone = False
        super().__init__(db_path, parent)

    def set_show_full_phone(self, show: bool) -> None:
        """The clerk may unmask phones on screen (to call a resident back); print never does."""
        self._show_full_phone = bool(show)
        if self._total:
            self.dataChanged.emit(self.index(0, self.COL_PHONE), self.index(self._total - 1, self.COL_PHONE))

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._show_full_phone and role == Qt.ItemDataRole.DisplayRole and index.column() == self.COL_PHONE:
            record = self.object_at(index.row())
            return str(record.get("phone") or "") if record else None
        return super().data(index, role)

    def build_listing(self, filters: dict[str, Any], sort_key: str, descending: bool) -> Listing:
        return visit_queries.listing(
            visit_queries.VisitFilters(**filters), sort_key, descending, self._bigram_index("visits")
        )
