"""The workflow panel of a sentiment item: the next step with the fields it needs, or a step back with a reason.

提出 → 交办 (department, due date) → 承办 → 落实 (reply) → 反馈 (satisfaction). The rules are the core's
(app.services.items.move); this panel only asks for the fields and shows the core's messages beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import ItemStatus, Satisfaction
from app.errors import UserError
from app.services import items as item_service
from ui import local_time
from ui.context import AppContext
from ui.widgets.field_errors import FieldErrors
from ui.widgets.tables import chain_tab_order


class ItemActions(QGroupBox):
    moved = Signal(str)  # the item's uuid, after a successful step

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item: Mapping[str, Any] | None = None
        self.errors = FieldErrors()
        self.department = QLineEdit()
        self.department.setObjectName("department")
        self.due_date = QDateEdit()
        self.due_date.setObjectName("due_date")
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("yyyy-MM-dd")
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("reply")
        self.reply.setTabChangesFocus(True)
        self.reply.setMaximumHeight(90)
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem("", "")
        for choice in Satisfaction:
            self.satisfaction.addItem(choice.label, choice.value)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.labels = {
            name: QLabel() for name in ("department", "due_date", "reply", "satisfaction", "reason")
        }
        self.form = QFormLayout()
        self.rows: dict[str, QWidget] = {}
        for name, widget in (
            ("department", self.department),
            ("due_date", self.due_date),
            ("reply", self.reply),
            ("satisfaction", self.satisfaction),
        ):
            wrapped = self.errors.wrap(name, widget)
            self.rows[name] = wrapped
            self.form.addRow(self.labels[name], wrapped)
        self.forward_button = QPushButton()
        self.forward_button.setObjectName("forward")
        self.back_button = QPushButton()
        self.back_button.setObjectName("back")
        self.done_label = QLabel()
        back_row = QHBoxLayout()
        back_row.addWidget(self.labels["reason"])
        back_row.addWidget(self.errors.wrap("reason", self.reason), 1)
        back_row.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.form)
        layout.addWidget(self.forward_button)
        layout.addWidget(self.done_label)
        layout.addLayout(back_row)
        chain_tab_order(
            [
                self.department,
                self.due_date,
                self.reply,
                self.satisfaction,
                self.forward_button,
                self.reason,
                self.back_button,
            ]
        )
        self.forward_button.clicked.connect(self.forward)
        self.back_button.clicked.connect(self.back)
        self.retranslate_ui()
        self.set_item(None)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Handling"))
        self.labels["department"].setText(self.tr("Handling department"))
        self.labels["due_date"].setText(self.tr("Due date"))
        self.labels["reply"].setText(self.tr("Handling reply"))
        self.labels["satisfaction"].setText(self.tr("Resident's satisfaction"))
        self.labels["reason"].setText(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why the item goes back a step"))
        self.back_button.setText(self.tr("Back one step"))
        for index, choice in enumerate(Satisfaction, start=1):
            self.satisfaction.setItemText(index, choice.label)
        self._show_step()

    def next_step(self) -> ItemStatus | None:
        if self.item is None:
            return None
        current = ItemStatus(self.item["status"])
        steps = list(ItemStatus)
        return steps[current.rank + 1] if current.rank + 1 < len(steps) else None

    def set_item(self, item: Mapping[str, Any] | None) -> None:
        self.item = item
        self.errors.clear()
        self.reason.clear()
        if item is not None:
            self.department.setText(item.get("department") or "")
            due = item.get("due_date")
            self.due_date.setDate(
                QDate.fromString(due, "yyyy-MM-dd") if due else local_time.today().addDays(15)
            )
            self.reply.setPlainText(item.get("reply") or "")
            self.satisfaction.setCurrentIndex(
                max(0, self.satisfaction.findData(item.get("satisfaction") or ""))
            )
        self._show_step()

    def _show_step(self) -> None:
        target = self.next_step()
        self.setEnabled(self.item is not None)
        needs = (
            {
                ItemStatus.ASSIGNED: ("department", "due_date"),
                ItemStatus.RESOLVED: ("reply",),
                ItemStatus.FED_BACK: ("satisfaction",),
            }.get(target, ())
            if target
            else ()
        )
        fed_back = self.item is not None and self.item["status"] == ItemStatus.FED_BACK
        for name, row in self.rows.items():
            visible = name in needs or (fed_back and name == "satisfaction")
            row.setVisible(visible)
            self.labels[name].setVisible(visible)
        self.forward_button.setVisible(target is not None)
        if target is not None:
            self.forward_button.setText(self.tr("Move to: %1").replace("%1", target.label))
        if fed_back:
            self.done_label.setText(self.tr("This item has been fed back to the resident."))
            self.forward_button.setVisible(True)
            self.forward_button.setText(self.tr("Record satisfaction"))
        else:
            self.done_label.clear()
        at_start = self.item is None or self.item["status"] == ItemStatus.RAISED
        for widget in (self.reason, self.back_button, self.labels["reason"]):
            widget.setVisible(not at_start)

    def forward(self) -> bool:
        if self.item is None:
            return False
        uuid = self.item["uuid"]
        try:
            if self.item["status"] == ItemStatus.FED_BACK:
                self.ctx.apply(item_service.set_satisfaction, uuid, self.satisfaction.currentData() or "")
            else:
                target = self.next_step()
                assert target is not None
                values: dict[str, Any] = {}
                if target == ItemStatus.ASSIGNED:
                    values = {
                        "department": self.department.text(),
                        "due_date": self.due_date.date().toString("yyyy-MM-dd"),
                    }
                elif target == ItemStatus.RESOLVED:
                    values = {"reply": self.reply.toPlainText()}
                elif target == ItemStatus.FED_BACK:
                    values = {"satisfaction": self.satisfaction.currentData() or ""}
                self.ctx.apply(item_service.move, uuid, target.value, **values)
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.moved.emit(uuid)
        return True

    def back(self) -> bool:
        if self.item is None:
            return False
        current = ItemStatus(self.item["status"])
        if current.rank == 0:
            return False
        target = list(ItemStatus)[current.rank - 1]
        try:
            self.ctx.apply(item_service.move, self.item["uuid"], target.value, reason=self.reason.text())
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.moved.emit(self.item["uuid"])
        return True
