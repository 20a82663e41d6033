"""接待日: a calendar with the reception days marked, the month's list, the day's form with the deputies on duty,
attendance for each of them, and the visits received that day."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import ReceptionKind
from app.errors import UserError
from app.services import reception as reception_service
from app.views import common as common_view
from app.views import reception as reception_view
from ui import local_time
from ui.context import AppContext
from ui.models.reception_days_model import ReceptionDaysTableModel
from ui.pages.base import Page
from ui.pages.day_details import DayDetails
from ui.pages.station_filter import StationFilter, fit_station_column, show_station_column_early
from ui.widgets.deputy_picker import DeputyPicker
from ui.widgets.field_errors import FieldErrors
from ui.widgets.marked_calendar import MarkedCalendar
from ui.widgets.tables import fit_to_contents, hide_station_column, make_table, on_row_selected, select_uuid


class ReceptionPage(Page):
    add_visit_requested = Signal(dict)  # the window opens the visits page on that day

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editing: str | None = None
        self.read_only = False  # set at the district office, where days are only looked at
        self.model = ReceptionDaysTableModel(ctx.db_path, self)

        self.calendar = MarkedCalendar()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMaximumHeight(300)
        m = ReceptionDaysTableModel
        self.table = make_table(
            self.model,
            "days_table",
            widths={m.COL_DATE: 100, m.COL_TIME: 100, m.COL_KIND: 100, m.COL_THEME: 120, m.COL_DUTIES: 90},
        )
        hide_station_column(self.table, m.COL_STATION, ctx.session.role)
        if ctx.session.role == "district":
            show_station_column_early(self.table, m.COL_STATION, after=m.COL_DATE)
        self.filter_station = StationFilter(ctx.session.role)
        self.station_uuids: dict[str, str] = {}  # code -> uuid, for the calendar's marks
        self.month_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_station)
        left_layout.addWidget(self.calendar)
        left_layout.addWidget(self.month_label)
        left_layout.addWidget(self.table, 1)

        # -- the day's form --
        self.form_box = QGroupBox()
        self.errors = FieldErrors()
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.start_time = QLineEdit()
        self.start_time.setObjectName("start_time")
        self.end_time = QLineEdit()
        self.end_time.setObjectName("end_time")
        times = QWidget()
        times_layout = QHBoxLayout(times)
        times_layout.setContentsMargins(0, 0, 0, 0)
        self.to_label = QLabel()
        times_layout.addWidget(self.errors.wrap("start_time", self.start_time))
        times_layout.addWidget(self.to_label)
        times_layout.addWidget(self.errors.wrap("end_time", self.end_time))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in ReceptionKind:
            self.kind.addItem(kind.label, kind.value)
        self.theme = QLineEdit()
        self.theme.setObjectName("theme")
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.deputies = DeputyPicker()
        self.deputies.setObjectName("deputies")
        self.form_labels = [QLabel() for _ in range(6)]
        form = QFormLayout()
        form.addRow(self.form_labels[0], self.errors.wrap("date", self.date))
        form.addRow(self.form_labels[1], times)
        form.addRow(self.form_labels[2], self.errors.wrap("kind", self.kind))
        form.addRow(self.form_labels[3], self.errors.wrap("theme", self.theme))
        form.addRow(self.form_labels[4], self.errors.wrap("notes", self.notes))
        form.addRow(self.form_labels[5], self.errors.wrap("deputies", self.deputies))
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.delete_button):
            buttons.addWidget(button)
        form_layout = QVBoxLayout(self.form_box)
        form_layout.addWidget(self.errors.general)
        form_layout.addLayout(form)
        form_layout.addLayout(buttons)
        form_layout.addWidget(self.status)

        # -- attendance and the day's visits --
        self.details = DayDetails(ctx)
        self.write_controls += [self.save_button, self.delete_button, self.details.attendance]
        self.details.marked.connect(self._marked)
        self.details.add_visit_requested.connect(self.add_visit_requested.emit)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form_box)
        right_layout.addWidget(self.details, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)

        order = [
            self.date,
            self.start_time,
            self.end_time,
            self.kind,
            self.theme,
            self.notes,
            self.deputies,
            self.save_button,
            self.new_button,
            self.delete_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.calendar.currentPageChanged.connect(lambda _y, _m: self._show_month())
        self.filter_station.changed.connect(self._show_month)
        self.calendar.clicked.connect(self._day_clicked)
        on_row_selected(self.table, self._load_record)
        self.date.dateChanged.connect(lambda _d: self._offer_deputies())
        self.save_button.clicked.connect(self.save)
        # Ctrl+S saves the form from any field, the habit of every office program.
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(lambda: self.save_button.isEnabled() and self.save())
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete)
        self._read_only_at_district()
        self.retranslate_ui()
        self.new_record()

    def _read_only_at_district(self) -> None:
        """Stations register their own work; the district office sees it here as it arrives in bundles."""
        self.district_note = QLabel()
        self.district_note.setObjectName("district_note")
        self.district_note.setWordWrap(True)
        at_district = self.ctx.session.local_station_uuid() is None
        self.read_only = at_district
        self.district_note.setVisible(at_district)
        box_layout = self.form_box.layout()
        assert isinstance(box_layout, QVBoxLayout)
        box_layout.insertWidget(0, self.district_note)
        for child in self.form_box.findChildren(QWidget):
            if child is not self.district_note and at_district:
                child.setEnabled(False)

    # -- Page ----------------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Reception days")

    def retranslate_ui(self) -> None:
        self.calendar.setLocale(QLocale())
        self.filter_station.retranslate_ui()
        self.form_box.setTitle(self.tr("Reception day"))
        self.district_note.setText(
            self.tr("Reception days are planned at the stations and arrive here in their bundles.")
        )
        captions = (
            self.tr("Date"),
            self.tr("Time"),
            self.tr("Kind"),
            self.tr("Theme"),
            self.tr("Notes"),
            self.tr("Deputies on duty"),
        )
        for label, caption in zip(self.form_labels, captions, strict=True):
            label.setText(caption)
        self.to_label.setText(self.tr("to"))
        self.start_time.setPlaceholderText("09:00")
        self.end_time.setPlaceholderText("11:30")
        self.theme.setPlaceholderText(self.tr("Leave empty for a regular reception day"))
        for index, kind in enumerate(ReceptionKind):
            self.kind.setItemText(index, kind.label)
        self.save_button.setText(self.tr("Save"))
        self.new_button.setText(self.tr("New reception day"))
        self.delete_button.setText(self.tr("Delete"))
        self.details.retranslate_ui()
        self.model.retranslate()
        fit_to_contents(self.table, (ReceptionDaysTableModel.COL_KIND, ReceptionDaysTableModel.COL_DUTIES))
        self._show_month()
        self._show_day_extras()

    def refresh(self) -> None:
        # The model caches each listing's row count: a day planned in the shown month must be counted anew.
        self.model.refresh()
        names = self.filter_station.reload(self.ctx.session.db)
        self.station_uuids = {s["code"]: s["uuid"] for s in common_view.stations(self.ctx.session.db)}
        fit_station_column(self.table, ReceptionDaysTableModel.COL_STATION, names)
        self._show_month()
        self._offer_deputies()
        self._show_day_extras()

    def new_record(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.errors.clear()
        self.status.clear()
        selected = self.calendar.selectedDate()
        self.date.setDate(selected if selected >= local_time.today() else local_time.today())
        self.start_time.setText("09:00")
        self.end_time.setText("11:30")
        self.kind.setCurrentIndex(0)
        self.theme.clear()
        self.notes.clear()
        self._offer_deputies(checked=[])
        self._show_day_extras()
        self.date.setFocus()

    # -- the month -----------------------------------------------------------------------------------------
    def _month_bounds(self) -> tuple[date, date]:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

    def _show_month(self) -> None:
        first, last = self._month_bounds()
        try:
            self.model.set_filters(
                date_from=first.isoformat(),
                date_to=last.isoformat(),
                station_code=self.filter_station.code() or None,
            )
        except UserError:
            return
        self.model.sort(ReceptionDaysTableModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicator(
            ReceptionDaysTableModel.COL_DATE, Qt.SortOrder.AscendingOrder
        )
        # A station marks its own days; the district the chosen station's, or every station's.
        station = self.ctx.session.local_station_uuid() or self.station_uuids.get(self.filter_station.code())
        self.calendar.set_marked(
            [
                QDate.fromString(d, "yyyy-MM-dd")
                for d in reception_view.reception_dates(self.ctx.session.db, station, first, last)
            ]
        )
        self.month_label.setText(
            self.tr("Reception days in %1: %n", "", self.model.total_count()).replace("%1", f"{first:%Y-%m}")
        )

    def _day_clicked(self, day: QDate) -> None:
        iso = day.toString("yyyy-MM-dd")
        for row in range(self.model.total_count()):
            record = self.model.object_at(row)
            if record and record["date"] == iso:
                self.table.selectRow(row)
                return
        self.new_record()
        self.date.setDate(day)

    # -- the form ------------------------------------------------------------------------------------------
    def _offer_deputies(self, checked: list[str] | None = None) -> None:
        station = self.ctx.session.local_station_uuid()
        on = self.date.date().toString("yyyy-MM-dd")
        self.deputies.set_deputies(reception_view.offered_deputies(self.ctx.session.db, station, on), checked)

    def _load_record(self, record: dict[str, Any] | None) -> None:
        if record is None:
            return
        day = common_view.reception_day(self.ctx.session.db, record["uuid"])
        if day is None:
            return
        self.editing = day["uuid"]
        self.errors.clear()
        self.status.clear()
        self.date.blockSignals(True)
        self.date.setDate(QDate.fromString(day["date"], "yyyy-MM-dd"))
        self.date.blockSignals(False)
        self.start_time.setText(day["start_time"])
        self.end_time.setText(day["end_time"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(day["kind"])))
        self.theme.setText(day["theme"])
        self.notes.setText(day["notes"])
        roster = reception_view.duty_roster(self.ctx.session.db, day["uuid"])
        self._offer_deputies(checked=[d["deputy_uuid"] for d in roster])
        self._show_day_extras()

    def _values(self) -> dict[str, Any]:
        return {
            "date": self.date.date().toString("yyyy-MM-dd"),
            "start_time": self.start_time.text(),
            "end_time": self.end_time.text(),
            "kind": self.kind.currentData(),
            "theme": self.theme.text(),
            "notes": self.notes.text(),
        }

    def save(self) -> bool:
        try:
            if self.editing is None:
                result = self.ctx.apply(
                    reception_service.create,
                    deputy_uuids=self.deputies.checked(),
                    **self._values(),
                    source=self,
                )
            else:
                result = self.ctx.apply(
                    reception_service.update,
                    self.editing,
                    deputy_uuids=self.deputies.checked(),
                    **self._values(),
                    source=self,
                )
        except UserError as exc:
            self.errors.show(exc)
            self.status.clear()
            return False
        self.errors.clear()
        self.editing = result.uuid
        saved = QDate.fromString(self._values()["date"], "yyyy-MM-dd")
        self.calendar.setSelectedDate(saved)
        self.calendar.setCurrentPage(saved.year(), saved.month())
        self.refresh()  # after the calendar moved to the saved day's month
        select_uuid(self.table, result.uuid)
        message = self.tr("Saved.")
        if result.warnings:
            message += "\n" + "\n".join(str(w) for w in result.warnings)
        self.status.setText(message)
        return True

    def delete(self) -> None:
        if self.editing is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete reception day"),
            self.tr("Delete this reception day and its duty roster? Its visits are kept."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.apply(reception_service.delete, self.editing)
        except UserError as exc:
            self.errors.show(exc)
            return
        self.new_record()

    # -- attendance and visits -----------------------------------------------------------------------------
    def _show_day_extras(self) -> None:
        self.delete_button.setEnabled(self.editing is not None and not self.read_only)
        self.details.show_day(self.editing, self.read_only)

    def _marked(self) -> None:
        # The attendance table is where the change was made: only the list's counts need reading again.
        self.model.refresh()
