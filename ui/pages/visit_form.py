"""The visit form (来访登记): its fields, the errors beside them, and its buttons. A plain widget: it is filled
from and read into plain values; the visits page does the reading and writing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.views.common import ReceptionDayRow
from ui import local_time
from ui.widgets.deputy_picker import DeputyPicker
from ui.widgets.field_errors import FieldErrors
from ui.widgets.tables import chain_tab_order

FIELDS = (
    "date",
    "reception_day",
    "visitor_name",
    "phone",
    "community",
    "headcount",
    "raised",
    "category",
    "deputies",
)


class VisitForm(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visit_form")
        self.errors = FieldErrors()
        self.district_note = QLabel()
        self.district_note.setObjectName("district_note")
        self.district_note.setWordWrap(True)
        self.district_note.hide()
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reception_day = QComboBox()
        self.reception_day.setObjectName("reception_day")
        self.visitor = QLineEdit()
        self.visitor.setObjectName("visitor_name")
        self.visitor.setMaxLength(30)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.community = QLineEdit()
        self.community.setObjectName("community")
        self.communities = QStringListModel(self)
        completer = QCompleter(self.communities, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.community.setCompleter(completer)
        self.headcount = QSpinBox()
        self.headcount.setObjectName("headcount")
        self.headcount.setRange(1, 9999)
        self.raised = QPlainTextEdit()
        self.raised.setObjectName("raised")
        self.raised.setTabChangesFocus(True)
        self.raised.setMinimumHeight(90)
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.setEditable(True)
        self.deputies = DeputyPicker()
        self.deputies.setObjectName("deputies")
        inputs = (
            self.date,
            self.reception_day,
            self.visitor,
            self.phone,
            self.community,
            self.headcount,
            self.raised,
            self.category,
            self.deputies,
        )
        self.labels = [QLabel() for _ in FIELDS]
        form = QFormLayout()
        for label, field, widget in zip(self.labels, FIELDS, inputs, strict=True):
            form.addRow(label, self.errors.wrap(field, widget))
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("new")
        self.to_item_button = QPushButton()
        self.to_item_button.setObjectName("to_item")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.to_item_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.district_note)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        chain_tab_order([*inputs, self.save_button, self.new_button, self.to_item_button, self.delete_button])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Visit"))
        self.district_note.setText(
            self.tr("Visits are registered at the stations and arrive here in their bundles.")
        )
        captions = (
            self.tr("Date"),
            self.tr("Reception day"),
            self.tr("Visitor"),
            self.tr("Phone"),
            self.tr("Community"),
            self.tr("People"),
            self.tr("Issue raised"),
            self.tr("Category"),
            self.tr("Received by"),
        )
        for label, caption in zip(self.labels, captions, strict=True):
            label.setText(caption)
        self.visitor.setPlaceholderText(self.tr("May be left empty"))
        self.phone.setPlaceholderText(self.tr("Mobile or landline"))
        self.new_button.setText(self.tr("New"))
        self.save_button.setText(self.tr("Save"))
        self.to_item_button.setText(self.tr("Make a sentiment item"))
        self.delete_button.setText(self.tr("Delete"))
        if self.reception_day.count():
            self.reception_day.setItemText(0, self.no_day_text())

    def no_day_text(self) -> str:
        return self.tr("None (outside a reception day)")

    # -- values in and out ---------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the core's visits.create/update take (besides the day and the deputies)."""
        return {
            "date": self.date.date().toString("yyyy-MM-dd"),
            "visitor_name": self.visitor.text(),
            "phone": self.phone.text(),
            "community": self.community.text(),
            "headcount": self.headcount.value(),
            "raised": self.raised.toPlainText(),
            "category": self.category.currentText(),
        }

    def state(self) -> tuple[Any, ...]:
        """Everything the clerk can change, to tell whether anything was typed since the form was filled."""
        return (
            tuple(sorted(self.values().items())),
            tuple(sorted(self.deputies.checked())),
            self.reception_day.currentData(),
        )

    def clear(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.date.setDate(local_time.today())
        self.visitor.clear()
        self.phone.clear()
        self.community.clear()
        self.headcount.setValue(1)
        self.raised.clear()
        self.category.setCurrentText("")

    def fill(self, record: dict[str, Any]) -> None:
        self.errors.clear()
        self.status.clear()
        self.date.setDate(QDate.fromString(record["date"], "yyyy-MM-dd"))
        self.visitor.setText(record.get("visitor_name") or "")
        self.phone.setText(record.get("phone") or "")
        self.community.setText(record.get("community") or "")
        self.headcount.setValue(int(record.get("headcount") or 1))
        self.raised.setPlainText(record.get("raised") or "")
        self.category.setCurrentText(record.get("category") or "")

    def set_days(self, days: Sequence[ReceptionDayRow], current: str | None) -> None:
        """The reception days offered, newest first, with `current` chosen (kept even if out of range)."""
        self.reception_day.clear()
        self.reception_day.addItem(self.no_day_text(), None)
        for day in days:
            theme = f" {day['theme']}" if day["theme"] else ""
            self.reception_day.addItem(f"{day['date']}{theme}", day["uuid"])
        if current and self.reception_day.findData(current) < 0:
            self.reception_day.addItem(str(current), current)
        self.reception_day.setCurrentIndex(max(0, self.reception_day.findData(current)))

    def set_categories(self, categories: list[str]) -> None:
        typed = self.category.currentText()
        self.category.clear()
        self.category.addItems(["", *categories])
        self.category.setCurrentText(typed)

    def set_read_only(self, read_only: bool) -> None:
        self.district_note.setVisible(read_only)
        for child in self.findChildren(QWidget):
            if child is not self.district_note:
                child.setEnabled(not read_only)
