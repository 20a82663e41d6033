"""The district's station filter: one combo, 全部家站点 and then each station as "code name".

The district office reads every station's records in one list; this narrows a page's table to one station.
At a station it stays hidden (that database holds only its own records).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QSizePolicy, QTableView, QWidget

from app.views import common as common_view


class StationFilter(QComboBox):
    """currentData() is the chosen station's code, "" for every station."""

    changed = Signal()

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_station")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setVisible(role == "district")
        self.addItem("", "")
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("All stations"))

    def reload(self, db: Any) -> list[str]:
        """Offer the stations now in the database, keeping the one chosen if it is still there. Returns
        the stations' names (for sizing the table's station column to them)."""
        keep = self.code()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        known = common_view.stations(db)
        for station in known:
            self.addItem(f"{station['code']} {station['name']}", station["code"])
        index = self.findData(keep) if keep else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        if keep and index < 0:
            self.changed.emit()  # the chosen station is gone: the table shows every station again
        return [str(station["name"]) for station in known]

    def code(self) -> str:
        return str(self.currentData() or "")

    def choose(self, code: str) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(0, index))


def show_station_column_early(view: QTableView, column: int, after: int) -> None:
    """At the district the station says whose record a row is: place its column right after `after`, so it
    is in view without scrolling sideways whatever the window's width."""
    header: QHeaderView = view.horizontalHeader()
    header.moveSection(header.visualIndex(column), header.visualIndex(after) + 1)


def fit_station_column(view: QTableView, column: int, names: list[str], most: int = 220) -> None:
    """Wide enough for the longest station name (a paged table cannot measure rows it has not read),
    but never so wide that it pushes the item's own words out of view."""
    if view.isColumnHidden(column):
        return
    metrics = view.fontMetrics()
    widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
    view.horizontalHeader().resizeSection(column, min(max(widest + 24, 90), most))
