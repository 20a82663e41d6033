"""代表 table: the roster, with each deputy's level, group and the stations they are stationed at."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.domain import DeputyLevel, Gender
from app.queries import deputies as deputy_queries
from app.queries.listing import Listing
from ui.models.labels import Row, choice_label
from ui.models.paged_model import Column, PagedTableModel, field
from ui.translations import QT_TRANSLATE_NOOP

_CENTER = Qt.AlignmentFlag.AlignCenter
_YES = QT_TRANSLATE_NOOP("DeputiesTableModel", "Yes")
_NO = QT_TRANSLATE_NOOP("DeputiesTableModel", "No")


def _active(row: Row) -> str:
    return QCoreApplication.translate("DeputiesTableModel", str(_YES if row.get("active") else _NO))


class DeputiesTableModel(PagedTableModel):
    CONTEXT = "DeputiesTableModel"
    COL_NAME, COL_LEVEL, COL_GENDER, COL_DELEGATION, COL_GROUP, COL_STATIONS, COL_ACTIVE = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("DeputiesTableModel", "Name"), "name", field("name"), "name"),
        Column(
            QT_TRANSLATE_NOOP("DeputiesTableModel", "Level"),
            "level",
            choice_label("level", DeputyLevel),
            "level",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("DeputiesTableModel", "Gender"),
            "gender",
            choice_label("gender", Gender),
            "gender",
            _CENTER,
        ),
        Column(
            QT_TRANSLATE_NOOP("DeputiesTableModel", "Delegation"),
            "delegation",
            field("delegation"),
            "delegation",
        ),
        Column(
            QT_TRANSLATE_NOOP("DeputiesTableModel", "Professional group"),
            "professional_group",
            field("professional_group"),
            "professional_group",
        ),
        Column(
            QT_TRANSLATE_NOOP("DeputiesTableModel", "Stationed at"), "stations", field("stations"), "stations"
        ),
        Column(QT_TRANSLATE_NOOP("DeputiesTableModel", "Serving"), "active", _active, "active", _CENTER),
    )
    DEFAULT_SORT_COLUMN = COL_NAME
    DEFAULT_SORT_ORDER = Qt.SortOrder.AscendingOrder

    def build_listing(self, filters: dict[str, Any], sort_key: str, descending: bool) -> Listing:
        return deputy_queries.listing(deputy_queries.DeputyFilters(**filters), sort_key, descending)
