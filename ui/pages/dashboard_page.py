"""工作台: this month's figures, the next reception day and who is on duty, overdue items, and charts."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings, stats
from app.domain import DeputyLevel, DutyStatus, ItemStatus, ReceptionKind
from app.period import Period
from app.session import Session
from app.views import dashboard as dashboard_view
from db import clock
from ui.context import AppContext
from ui.pages.base import Page
from ui.widgets.charts import ChartView


def load_dashboard(session: Session, today: date | None = None) -> dict[str, Any]:
    """Everything the dashboard shows, read on the worker thread (a district database can be large)."""
    today = today or clock.today()
    db = session.db
    station_code = settings.STATION_CODE.get(db) if session.role == "station" else None
    station_uuid = session.local_station_uuid() if station_code else None
    month = Period.month(f"{today.year}-{today.month:02d}")
    keys = dashboard_view.month_keys(today, 12)
    year_period = Period.between(keys[0] + "-01", today.isoformat())
    return {
        "today": today,
        "month": stats.compute(db, month, station_code),
        "year": stats.compute(db, year_period, station_code),
        "next_day": dashboard_view.next_reception_day(db, station_uuid, today),
        "overdue": dashboard_view.overdue_items(db, station_uuid, settings.OVERDUE_DAYS.get(db), today),
        "overdue_days": settings.OVERDUE_DAYS.get(db),
        "by_month": dashboard_view.person_visits_by_month(db, station_uuid, today, 12),
    }


CHART_HEIGHT = 280


class Figure(QFrame):
    """One big number with its caption."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setProperty("role", "figure")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setProperty("role", "figure-caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardPage(Page):
    open_item_requested = Signal(str)  # an overdue item's uuid: the window shows it on the items page
    plan_day_requested = Signal()  # the window opens the reception days page on a new day

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: dict[str, Any] | None = None
        self.loads = 0  # completed loads; tests wait on it

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.figures = {
            key: Figure(f"figure_{key}")
            for key in ("reception_days", "present", "person_visits", "raised", "fed_back")
        }
        figures_row = QHBoxLayout()
        for figure in self.figures.values():
            figures_row.addWidget(figure)

        self.next_box = QGroupBox()
        self.next_label = QLabel()
        self.next_label.setObjectName("next_day")
        self.next_label.setWordWrap(True)
        self.next_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("plan_day")
        self.plan_button.clicked.connect(self.plan_day_requested.emit)
        next_layout = QVBoxLayout(self.next_box)
        next_layout.addWidget(self.next_label, 1)
        next_layout.addWidget(self.plan_button)
        # The district office looks at the stations' days; only a station plans its own.
        self.plan_button.setVisible(ctx.session.role != "district")

        self.overdue_box = QGroupBox()
        self.overdue_table = QTableWidget(0, 4)
        self.overdue_table.setObjectName("overdue")
        self.overdue_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.overdue_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.overdue_table.verticalHeader().hide()
        self.overdue_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.overdue_table.setMinimumHeight(180)
        QVBoxLayout(self.overdue_box).addWidget(self.overdue_table)
        self.overdue_table.cellDoubleClicked.connect(self._open_overdue)

        middle = QHBoxLayout()
        middle.addWidget(self.next_box, 2)
        middle.addWidget(self.overdue_box, 3)

        # The charts are built when their numbers arrive (after the window is shown): building three chart
        # views is a good part of the window's start-up, and nothing is drawn in them before then anyway.
        self.charts_area = QWidget()
        self.charts_area.setFixedHeight(2 * CHART_HEIGHT + 8)  # the same before and after the charts arrive
        self.charts_grid = QGridLayout(self.charts_area)
        self.charts_grid.setContentsMargins(0, 0, 0, 0)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addLayout(figures_row)
        layout.addLayout(middle)
        layout.addWidget(self.charts_area)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Dashboard")

    def selected_overdue_uuid(self) -> str | None:
        row = self.overdue_table.currentRow()
        cell = self.overdue_table.item(row, 0) if row >= 0 else None
        return str(cell.data(Qt.ItemDataRole.UserRole)) if cell else None

    def refresh(self) -> None:
        self.ctx.run_task(load_dashboard, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, data: dict[str, Any]) -> None:
        self.data = data
        self.loads += 1
        self._show()

    def _open_overdue(self, _row: int, _column: int) -> None:
        uuid = self.selected_overdue_uuid()
        if uuid:
            self.open_item_requested.emit(uuid)

    def _failed(self, message: str) -> None:
        self.next_label.setText(message)

    def retranslate_ui(self) -> None:
        self.next_box.setTitle(self.tr("Next reception day"))
        self.plan_button.setText(self.tr("Plan a reception day"))
        captions = {
            "reception_days": self.tr("Reception days"),
            "present": self.tr("Deputies present (person-times)"),
            "person_visits": self.tr("Residents received (person-visits)"),
            "raised": self.tr("Sentiment items raised"),
            "fed_back": self.tr("Items fed back"),
        }
        for key, caption in captions.items():
            self.figures[key].caption.setText(caption)
        self.overdue_table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Title"), self.tr("Step"), self.tr("Waiting since")]
        )
        self._show()

    def _show(self) -> None:
        data = self.data
        if data is None:
            self.heading.setText(self.tr("This month"))
            self.overdue_box.setTitle(self.tr("Waiting too long"))
            self.next_label.setText(self.tr("Loading…"))
            return
        today: date = data["today"]
        self.heading.setText(self.tr("This month: %1").replace("%1", f"{today:%Y-%m}"))
        month = data["month"]
        self.figures["reception_days"].value.setText(str(month["reception_days"]))
        self.figures["present"].value.setText(str(month["attendance"]["present"]))
        self.figures["person_visits"].value.setText(str(month["person_visits"]))
        self.figures["raised"].value.setText(str(month["sentiment_items"]))
        self.figures["fed_back"].value.setText(str(month["items_by_status"]["fed_back"]))
        self._show_next_day(data["next_day"])
        self._show_overdue(data["overdue"], data["overdue_days"])
        self._show_charts(data)

    def _show_next_day(self, day: dict[str, Any] | None) -> None:
        if day is None:
            if self.ctx.session.role == "district":
                self.next_label.setText(self.tr("No station has a reception day scheduled."))
            else:
                self.next_label.setText(
                    self.tr("No reception day is scheduled. Plan one on the Reception days page.")
                )
            return
        when = day["date"]
        if day["start_time"]:
            when += f"  {day['start_time']}" + (f"–{day['end_time']}" if day["end_time"] else "")
        lines = [when, ReceptionKind(day["kind"]).label + (f" · {day['theme']}" if day["theme"] else "")]
        lines.append(day["station_name"])
        lines.append("")
        if day["deputies"]:
            lines.append(self.tr("On duty:"))
            for duty in day["deputies"]:
                lines.append(
                    f"  {duty['name']}（{DeputyLevel(duty['level']).label}）  {DutyStatus(duty['status']).label}"
                )
        else:
            lines.append(self.tr("No deputy is scheduled yet."))
        self.next_label.setText("\n".join(lines))

    def _show_overdue(self, rows: list[dict[str, Any]], days: int) -> None:
        self.overdue_box.setTitle(
            self.tr("Waiting more than %n days: %1", "", days).replace("%1", str(len(rows)))
        )
        self.overdue_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [row["item_no"], row["title"], ItemStatus(row["status"]).label, row["waiting_since"]]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, row["uuid"])
                self.overdue_table.setItem(r, c, cell)
        header = self.overdue_table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in (0, 2, 3):
            self.overdue_table.resizeColumnToContents(column)
            # The theme shows headers in capitals with 20 px padding each side, which Qt's own sizing does not
            # know: "WAITING SINCE" is wider than "Waiting since".
            label = self.overdue_table.horizontalHeaderItem(column)
            if label is not None:
                wanted = metrics.horizontalAdvance(label.text().upper()) + 44
                header.resizeSection(column, max(header.sectionSize(column), wanted))

    def _ensure_charts(self) -> None:
        if hasattr(self, "month_chart"):
            return
        self.month_chart = ChartView()
        self.month_chart.setObjectName("chart_months")
        self.category_chart = ChartView()
        self.category_chart.setObjectName("chart_categories")
        self.status_chart = ChartView()
        self.status_chart.setObjectName("chart_status")
        for chart in (self.month_chart, self.category_chart, self.status_chart):
            chart.setMinimumHeight(CHART_HEIGHT - 20)
        self.charts_grid.addWidget(self.month_chart, 0, 0, 1, 2)
        self.charts_grid.addWidget(self.category_chart, 1, 0)
        self.charts_grid.addWidget(self.status_chart, 1, 1)
        self.charts_grid.setRowStretch(0, 1)
        self.charts_grid.setRowStretch(1, 1)

    def _show_charts(self, data: dict[str, Any]) -> None:
        self._ensure_charts()
        dark = settings.THEME.get(self.ctx.session.db) == "dark"
        for chart in (self.month_chart, self.category_chart, self.status_chart):
            chart.dark = dark
        months = data["by_month"]
        self.month_chart.show_columns(
            self.tr("Person-visits per month, last 12 months"),
            [key[2:].replace("-", "/") for key, _ in months],
            [value for _, value in months],
            self.tr("Person-visits"),
        )
        categories = list(data["year"]["items_by_category"].items())[:8]
        self.category_chart.show_rows(
            self.tr("Sentiment items by category, last 12 months"),
            [self.tr("Uncategorised") if name == stats.UNCATEGORISED else name for name, _ in categories],
            [count for _, count in categories],
            self.tr("Items"),
        )
        by_status = data["year"]["items_by_status"]
        self.status_chart.show_pie(
            self.tr("Sentiment items by step, last 12 months"),
            [ItemStatus(s).label for s in by_status],
            list(by_status.values()),
        )
