"""A reception day's attendance (each deputy on duty: present / on leave / absent) and the visits received
that day. Marking goes straight to the core (app.services.reception.mark), which refuses presence on a day
that has not come yet; the combo then shows again what is stored."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import DeputyLevel, DutyStatus
from app.errors import UserError
from app.services import reception as reception_service
from app.views import common as common_view
from app.views import reception as reception_view
from app.views.reception import DutyRow
from ui.context import AppContext


class DayDetails(QWidget):
    marked = Signal()  # an attendance was recorded
    add_visit_requested = Signal(dict)  # the reception day, for a new visit on it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day_uuid: str | None = None
        self.attendance_box = QGroupBox()
        self.attendance = QTableWidget(0, 3)
        self.attendance.setObjectName("attendance")
        self.attendance.verticalHeader().hide()
        self.attendance.horizontalHeader().setStretchLastSection(True)
        self.attendance.setMinimumHeight(120)
        self.attendance_error = QLabel()
        self.attendance_error.setProperty("role", "field-error")
        self.attendance_error.setWordWrap(True)
        self.attendance_error.hide()
        attendance_layout = QVBoxLayout(self.attendance_box)
        attendance_layout.addWidget(self.attendance)
        attendance_layout.addWidget(self.attendance_error)
        self.visits_box = QGroupBox()
        self.day_visits = QListWidget()
        self.day_visits.setObjectName("day_visits")
        self.add_visit_button = QPushButton()
        self.add_visit_button.setObjectName("add_visit")
        visits_layout = QVBoxLayout(self.visits_box)
        visits_layout.addWidget(self.day_visits)
        visits_layout.addWidget(self.add_visit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.attendance_box, 1)
        layout.addWidget(self.visits_box, 1)
        self.add_visit_button.clicked.connect(self._add_visit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.attendance_box.setTitle(self.tr("Attendance"))
        self.attendance.setHorizontalHeaderLabels(
            [self.tr("Deputy"), self.tr("Level"), self.tr("Attendance")]
        )
        self.visits_box.setTitle(self.tr("Visits received that day"))
        self.add_visit_button.setText(self.tr("Register a visit on this day"))

    def show_day(self, day_uuid: str | None, read_only: bool) -> None:
        self.day_uuid = day_uuid
        self.attendance_error.hide()
        self.attendance.setRowCount(0)
        self.day_visits.clear()
        self.attendance.setEnabled(day_uuid is not None and not read_only)
        self.add_visit_button.setEnabled(day_uuid is not None and not read_only)
        if day_uuid is None:
            return
        db = self.ctx.session.db
        roster = reception_view.duty_roster(db, day_uuid)
        self.attendance.setRowCount(len(roster))
        for row, duty in enumerate(roster):
            self._show_duty(row, duty)
        self.attendance.resizeColumnsToContents()
        for visit in reception_view.visits_of_day(db, day_uuid):
            who = visit["visitor_name"] or self.tr("(name not given)")
            self.day_visits.addItem(
                self.tr("%1, %2 person(s): %3")
                .replace("%1", who)
                .replace("%2", str(visit["headcount"]))
                .replace("%3", visit["raised"].splitlines()[0] if visit["raised"] else "")
            )

    def _show_duty(self, row: int, duty: DutyRow) -> None:
        name = QTableWidgetItem(duty["name"] + (" *" if duty["not_stationed"] else ""))
        if duty["not_stationed"]:
            name.setToolTip(self.tr("Not stationed here"))
        self.attendance.setItem(row, 0, name)
        self.attendance.setItem(row, 1, QTableWidgetItem(DeputyLevel(duty["level"]).label))
        combo = QComboBox()
        combo.setObjectName(f"attendance_{row}")
        for status in DutyStatus:
            combo.addItem(status.label, status.value)
        combo.setCurrentIndex(combo.findData(duty["status"]))
        combo.setProperty("stored", duty["status"])
        combo.currentIndexChanged.connect(
            lambda _i, c=combo, d=duty: self.mark(d["deputy_uuid"], c.currentData(), c)
        )
        self.attendance.setCellWidget(row, 2, combo)

    def mark(self, deputy_uuid: str, status: str, combo: QComboBox | None = None) -> bool:
        assert self.day_uuid is not None
        try:
            # The page holding this table keeps its combos; it reads only the list's counts again (marked).
            self.ctx.apply(reception_service.mark, self.day_uuid, deputy_uuid, status, source=self)
        except UserError as exc:
            self.attendance_error.setText(str(exc))
            self.attendance_error.show()
            if combo is not None:  # show what is really stored
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(combo.property("stored")))
                combo.blockSignals(False)
            return False
        if combo is not None:
            combo.setProperty("stored", status)
        self.attendance_error.hide()
        self.marked.emit()
        return True

    def _add_visit(self) -> None:
        if self.day_uuid is None:
            return
        day = common_view.reception_day(self.ctx.session.db, self.day_uuid)
        if day is not None:
            self.add_visit_requested.emit(day)
