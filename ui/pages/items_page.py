"""社情民意: tabs by step, a table filtered in SQL, and a detail pane with the history and the next step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.domain import ItemStatus, Satisfaction, SourceKind
from app.errors import UserError
from app.services import item_history
from app.services import items as item_service
from app.views import common as common_view
from ui.context import AppContext
from ui.local_time import local_time
from ui.models.items_model import ItemsTableModel
from ui.pages.base import Page, apply_listing_filters
from ui.pages.item_actions import ItemActions
from ui.pages.item_dialog import ItemDialog
from ui.pages.station_filter import StationFilter, fit_station_column, show_station_column_early
from ui.widgets.tables import (
    debounced,
    fit_to_contents,
    hide_station_column,
    make_table,
    on_row_selected,
    select_uuid,
)

TABS: tuple[ItemStatus | None, ...] = (None, *ItemStatus)


class ItemsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: Mapping[str, Any] | None = None
        self.model = ItemsTableModel(ctx.db_path, self)

        self.tabs = QTabBar()
        self.tabs.setObjectName("status_tabs")
        for _ in TABS:
            self.tabs.addTab("")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.filter_category = QComboBox()
        self.filter_category.setObjectName("filter_category")
        self.filter_community = QLineEdit()
        self.filter_community.setObjectName("filter_community")
        self.filter_station = StationFilter(ctx.session.role)
        self.new_button = QPushButton()
        self.new_button.setObjectName("new")
        self.filter_error = QLabel()
        self.filter_error.setProperty("role", "field-error")
        self.filter_error.hide()
        filters = QHBoxLayout()
        filters.addWidget(self.filter_station)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.filter_community, 1)
        filters.addWidget(self.filter_category, 1)
        filters.addWidget(self.new_button)
        m = ItemsTableModel
        self.table = make_table(
            self.model,
            "items_table",
            widths={
                m.COL_NO: 140,
                m.COL_DATE: 100,
                m.COL_TITLE: 240,
                m.COL_CATEGORY: 80,
                m.COL_COMMUNITY: 100,
                m.COL_STATUS: 60,
                m.COL_DEPARTMENT: 130,
                m.COL_DUE_DATE: 100,
                m.COL_SATISFACTION: 90,
            },
        )
        hide_station_column(self.table, m.COL_STATION, ctx.session.role)
        if ctx.session.role == "district":
            show_station_column_early(self.table, m.COL_STATION, after=m.COL_NO)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.filter_error)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        # -- detail pane --
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setProperty("role", "heading")
        self.detail_title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("edit")
        self.history_label = QLabel()
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note_button = QPushButton()
        self.note_button.setObjectName("add_note")
        self.note_error = QLabel()
        self.note_error.setProperty("role", "field-error")
        self.note_error.hide()
        self.workflow = ItemActions(ctx)
        self.write_controls += [
            self.new_button,
            self.edit_button,
            self.note_button,
            self.workflow.forward_button,
            self.workflow.back_button,
        ]
        self.workflow.setObjectName("actions")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.detail_title, 1)
        title_row.addWidget(self.edit_button)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.workflow)
        right_layout.addWidget(self.history_label)
        right_layout.addWidget(self.history, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button)
        right_layout.addLayout(note_row)
        right_layout.addWidget(self.note_error)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 380])  # the table gets the room; the form keeps a comfortable width
        QVBoxLayout(self).addWidget(splitter)

        self.tabs.currentChanged.connect(lambda _i: self.apply_filters())
        debounced(self.search, self.apply_filters)
        self.filter_community.editingFinished.connect(self.apply_filters)
        self.filter_category.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.filter_station.changed.connect(self.apply_filters)
        self.model.totalChanged.connect(self._show_count)
        on_row_selected(self.table, self.show_item)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_item)
        self.workflow.moved.connect(self._moved)
        self.note_button.clicked.connect(self.add_note)
        self.note.returnPressed.connect(self.add_note)
        self.retranslate_ui()
        self.show_item(None)

    def title(self) -> str:
        return self.tr("Sentiment items")

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("All"))
        for index, status in enumerate(TABS[1:], start=1):
            assert status is not None
            self.tabs.setTabText(index, status.label)
        self.search.setPlaceholderText(self.tr("Search title, content, department…"))
        self.filter_community.setPlaceholderText(self.tr("Community"))
        self.filter_station.retranslate_ui()
        if self.filter_category.count():
            self.filter_category.setItemText(0, self.tr("All categories"))
        self.new_button.setText(self.tr("New item"))
        self.edit_button.setText(self.tr("Edit"))
        self.history_label.setText(self.tr("History"))
        self.note.setPlaceholderText(self.tr("A note for the history (a call made, a visit paid…)"))
        self.note_button.setText(self.tr("Add note"))
        self.workflow.retranslate_ui()
        self.model.retranslate()
        fit_to_contents(
            self.table,
            (
                ItemsTableModel.COL_CATEGORY,
                ItemsTableModel.COL_COMMUNITY,
                ItemsTableModel.COL_STATUS,
                ItemsTableModel.COL_SATISFACTION,
            ),
        )
        self._show_count(self.model.total_count())
        self.show_item(self.current)

    def refresh(self) -> None:
        self.model.refresh()
        keep = self.filter_category.currentData() or ""
        self.filter_category.blockSignals(True)
        self.filter_category.clear()
        self.filter_category.addItem(self.tr("All categories"), "")
        for name in common_view.categories(self.ctx.session.db):
            self.filter_category.addItem(name, name)
        self.filter_category.setCurrentIndex(max(0, self.filter_category.findData(keep)))
        self.filter_category.blockSignals(False)
        names = self.filter_station.reload(self.ctx.session.db)
        fit_station_column(self.table, ItemsTableModel.COL_STATION, names)
        if self.current is not None:
            self.show_item(common_view.item(self.ctx.session.db, self.current["uuid"]))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        dialog = ItemDialog(self.ctx, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_uuid:
            self._after_write(dialog.saved_uuid)

    def edit_item(self) -> None:
        if self.current is None:
            return
        dialog = ItemDialog(self.ctx, self.current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_uuid:
            self._after_write(dialog.saved_uuid)

    def open_item(self, uuid: str) -> None:
        """Show one item (from the dashboard's overdue list): its step's tab, selected if listed."""
        item = common_view.item(self.ctx.session.db, uuid)
        if item is None:
            return
        self.search.clear()
        self.show_status_tab(ItemStatus(item["status"]))
        if not select_uuid(self.table, uuid):
            self.show_item(item)

    def show_status_tab(self, status: ItemStatus | None) -> None:
        self.tabs.setCurrentIndex(TABS.index(status))

    def apply_filters(self) -> None:
        status = TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None
        apply_listing_filters(
            self.model,
            self.filter_error,
            status=status.value if status else None,
            text=self.search.text().strip() or None,
            community=self.filter_community.text().strip() or None,
            category=self.filter_category.currentData() or None,
            station_code=self.filter_station.code() or None,
        )

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("Items: %n", "", total))

    def show_item(self, item: Mapping[str, Any] | None) -> None:
        if item is not None:  # a table row holds the listing's columns; the pane shows the whole record
            item = common_view.item(self.ctx.session.db, item["uuid"])
        self.current = item
        self.workflow.set_item(item)
        self.edit_button.setEnabled(item is not None)
        self.note.setEnabled(item is not None)
        self.note_button.setEnabled(item is not None)
        self.history.clear()
        if item is None:
            self.detail_title.setText(self.tr("Choose an item in the table"))
            self.detail.clear()
            return
        self.detail_title.setText(f"{item['item_no']}  {item['title']}")
        lines = [
            self.tr("Step: %1").replace("%1", ItemStatus(item["status"]).label),
            self.tr("Date: %1").replace("%1", item["date"]),
            self.tr("Source: %1").replace("%1", SourceKind(item["source_kind"]).label),
        ]
        if item["category"]:
            lines.append(self.tr("Category: %1").replace("%1", item["category"]))
        if item["community"]:
            lines.append(self.tr("Community: %1").replace("%1", item["community"]))
        if item["department"]:
            lines.append(self.tr("Department: %1").replace("%1", item["department"]))
        if item["due_date"]:
            lines.append(self.tr("Due: %1").replace("%1", item["due_date"]))
        if item["reply"]:
            lines.append(self.tr("Reply: %1").replace("%1", item["reply"]))
        if item["satisfaction"]:
            lines.append(self.tr("Satisfaction: %1").replace("%1", Satisfaction(item["satisfaction"]).label))
        if item["content"] and item["content"] != item["title"]:
            lines += ["", item["content"]]
        self.detail.setText("\n".join(lines))
        for event in item_service.history(self.ctx.session.db, item["uuid"]):
            self.history.addItem(self._describe(event))

    def _describe(self, event: dict[str, Any]) -> str:
        when = local_time(event["at"])
        who = event["operator"] or "—"
        if event["kind"] == "created":
            what = self.tr("raised")
        elif event["kind"] == "status":
            what = f"{ItemStatus(event['from_status']).label} → {ItemStatus(event['to_status']).label}"
            if event["note"]:
                what += "  " + self.tr("(reason: %1)").replace("%1", event["note"])
        elif event["kind"] == "edit":
            what = self.tr("edited: %1").replace("%1", event["note"])
        elif satisfaction := item_history.given_satisfaction(event["note"]):
            what = self.tr("Satisfaction: %1").replace("%1", Satisfaction(satisfaction).label)
        else:
            what = self.tr("note: %1").replace("%1", event["note"])
        return f"{when}  {who}  {what}"

    def add_note(self) -> bool:
        if self.current is None:
            return False
        try:
            self.ctx.apply(item_service.add_note, self.current["uuid"], self.note.text(), source=self)
        except UserError as exc:
            self.note_error.setText(str(exc))
            self.note_error.show()
            return False
        self.note_error.hide()
        self.note.clear()
        self.show_item(self.current)
        return True

    def _moved(self, uuid: str) -> None:
        self._after_write(uuid)

    def _after_write(self, uuid: str) -> None:
        """The change already refreshed the list (ctx.apply): show the item written."""
        if not select_uuid(self.table, uuid):
            self.table.clearSelection()
        self.show_item(common_view.item(self.ctx.session.db, uuid))
