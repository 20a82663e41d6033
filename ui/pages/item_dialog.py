"""The form for a new sentiment item, or for correcting one (each edit is recorded in its history)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import SourceKind
from app.errors import UserError
from app.services import items as item_service
from app.views import common as common_view
from ui import local_time
from ui.context import AppContext
from ui.widgets.field_errors import FieldErrors
from ui.widgets.tables import chain_tab_order


class ItemDialog(QDialog):
    def __init__(
        self, ctx: AppContext, item: Mapping[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.saved_uuid: str | None = None
        self.setObjectName("ItemDialog")
        self.setMinimumWidth(560)
        self.errors = FieldErrors()
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setMaxLength(100)
        self.content = QPlainTextEdit()
        self.content.setObjectName("content")
        self.content.setTabChangesFocus(True)
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.setEditable(True)
        self.category.addItems(["", *common_view.categories(ctx.session.db)])
        self.community = QLineEdit()
        self.community.setObjectName("community")
        self.source = QComboBox()
        self.source.setObjectName("source_kind")
        for kind in SourceKind:
            self.source.addItem(kind.label, kind.value)
        # At the district office an item is filed under the station it concerns; a station files its own.
        self.station = QComboBox()
        self.station.setObjectName("station")
        self.station_label = QLabel()
        if ctx.session.local_station_uuid() is None:
            for station in common_view.stations(ctx.session.db):
                self.station.addItem(f"{station['code']} {station['name']}", station["uuid"])
        self.labels = [QLabel() for _ in range(6)]
        form = QFormLayout()
        if item is None and self.station.count():
            form.addRow(self.station_label, self.errors.wrap("station", self.station))
        for label, field, widget in zip(
            self.labels,
            ("date", "title", "content", "category", "community", "source_kind"),
            (self.date, self.title_edit, self.content, self.category, self.community, self.source),
            strict=True,
        ):
            form.addRow(label, self.errors.wrap(field, widget))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        chain_tab_order(
            [
                self.station,
                self.date,
                self.title_edit,
                self.content,
                self.category,
                self.community,
                self.source,
            ]
        )
        if item is None:
            self.date.setDate(local_time.today())
        else:
            self.date.setDate(QDate.fromString(item["date"], "yyyy-MM-dd"))
            self.title_edit.setText(item["title"])
            self.content.setPlainText(item.get("content") or "")
            self.category.setCurrentText(item.get("category") or "")
            self.community.setText(item.get("community") or "")
            self.source.setCurrentIndex(max(0, self.source.findData(item.get("source_kind"))))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.station_label.setText(self.tr("Station"))
        self.setWindowTitle(
            self.tr("New sentiment item") if self.item is None else self.tr("Edit sentiment item")
        )
        for label, caption in zip(
            self.labels,
            (
                self.tr("Date"),
                self.tr("Title"),
                self.tr("Content"),
                self.tr("Category"),
                self.tr("Community"),
                self.tr("Source"),
            ),
            strict=True,
        ):
            label.setText(caption)

    def values(self) -> dict[str, Any]:
        return {
            "date": self.date.date().toString("yyyy-MM-dd"),
            "title": self.title_edit.text(),
            "content": self.content.toPlainText(),
            "category": self.category.currentText(),
            "community": self.community.text(),
            "source_kind": self.source.currentData(),
        }

    def save(self) -> bool:
        try:
            if self.item is None:
                self.saved_uuid = self.ctx.apply(
                    item_service.create, station_uuid=self.station.currentData(), **self.values()
                )
            else:
                self.ctx.apply(item_service.edit, self.item["uuid"], **self.values())
                self.saved_uuid = self.item["uuid"]
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.accept()
        return True
