"""代表: the roster, who is stationed here, and each deputy's record of duty (履职档案)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.domain import DeputyLevel, Gender
from app.errors import UserError
from app.services import deputies as deputy_service
from app.views import common as common_view
from app.views import deputies as deputies_view
from app.views.common import DeputyRow
from ui import ledger_import
from ui.context import AppContext
from ui.models.deputies_model import DeputiesTableModel
from ui.pages.base import Page
from ui.pages.deputy_dialog import DeputyDialog
from ui.widgets.tables import debounced, fit_to_contents, make_table, on_row_selected, select_uuid

RECORD_KEYS = ("present", "leave", "absent", "scheduled", "residents_received", "items_collected")


class DeputiesPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: DeputyRow | None = None
        self.model = DeputiesTableModel(ctx.db_path, self)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.level = QComboBox()
        self.level.setObjectName("filter_level")
        self.level.addItem("", "")
        for level in DeputyLevel:
            self.level.addItem(level.label, level.value)
        self.here_only = QCheckBox()
        self.here_only.setObjectName("here_only")
        self.add_button = QPushButton()
        self.add_button.setObjectName("add")
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_roster")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level, 1)
        filters.addWidget(self.here_only)
        filters.addWidget(self.add_button)
        filters.addWidget(self.import_button)
        m = DeputiesTableModel
        self.table = make_table(
            self.model,
            "deputies_table",
            widths={
                m.COL_NAME: 90,
                m.COL_LEVEL: 60,
                m.COL_GENDER: 50,
                m.COL_DELEGATION: 130,
                m.COL_GROUP: 130,
                m.COL_STATIONS: 160,
            },
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.name_label = QLabel()
        self.name_label.setObjectName("deputy_name")
        self.name_label.setProperty("role", "heading")
        self.info = QLabel()
        self.info.setObjectName("deputy_info")
        self.info.setWordWrap(True)
        self.record_box = QGroupBox()
        self.record_values = {key: QLabel("—") for key in RECORD_KEYS}
        self.record_captions = {key: QLabel() for key in RECORD_KEYS}
        grid = QGridLayout(self.record_box)
        for index, key in enumerate(RECORD_KEYS):
            value = self.record_values[key]
            value.setObjectName(f"record_{key}")
            value.setProperty("role", "figure")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = self.record_captions[key]
            caption.setProperty("role", "figure-caption")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            grid.addWidget(value, (index // 3) * 2, index % 3)
            grid.addWidget(caption, (index // 3) * 2 + 1, index % 3)
        self.station_button = QPushButton()
        self.write_controls += [self.add_button, self.import_button, self.station_button]
        self.station_button.setObjectName("station_toggle")
        self.message = QLabel()
        self.message.setProperty("role", "field-error")
        self.message.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.name_label)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.record_box)
        right_layout.addWidget(self.station_button)
        right_layout.addWidget(self.message)
        right_layout.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 380])  # the table gets the room; the form keeps a comfortable width
        QVBoxLayout(self).addWidget(splitter)

        debounced(self.search, self.apply_filters)
        self.level.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.here_only.toggled.connect(lambda _c: self.apply_filters())
        self.model.totalChanged.connect(self._show_count)
        on_row_selected(self.table, self.show_deputy)
        self.add_button.clicked.connect(self.new_record)
        self.import_button.clicked.connect(lambda: ledger_import.choose_and_import(self.ctx, self))
        self.station_button.clicked.connect(self.toggle_stationed)
        self.here_only.setVisible(self._station_code() is not None)
        # A station's clerk works with the deputies stationed there; the whole roster is one click away.
        self.here_only.setChecked(self._station_code() is not None)
        self.retranslate_ui()
        self.show_deputy(None)

    def _station_code(self) -> str | None:
        return settings.STATION_CODE.get(self.ctx.session.db) or None

    def title(self) -> str:
        return self.tr("Deputies")

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search name, delegation, group…"))
        self.level.setItemText(0, self.tr("All levels"))
        for index, level in enumerate(DeputyLevel, start=1):
            self.level.setItemText(index, level.label)
        self.here_only.setText(self.tr("Stationed here only"))
        self.add_button.setText(self.tr("Add a deputy"))
        self.import_button.setText(self.tr("Import roster…"))
        self.record_box.setTitle(self.tr("Record of duty"))
        captions = {
            "present": self.tr("Reception days present"),
            "leave": self.tr("On leave"),
            "absent": self.tr("Absent"),
            "scheduled": self.tr("Scheduled, not yet held"),
            "residents_received": self.tr("Residents received (person-visits)"),
            "items_collected": self.tr("Sentiment items collected"),
        }
        for key, caption in captions.items():
            self.record_captions[key].setText(caption)
        self.model.retranslate()
        fit_to_contents(self.table, (DeputiesTableModel.COL_LEVEL, DeputiesTableModel.COL_GENDER))
        self._show_count(self.model.total_count())
        self.show_deputy(self.current)

    def refresh(self) -> None:
        self.model.refresh()
        if self.current is not None:
            self.show_deputy(self.current)

    def new_record(self) -> None:
        dialog = DeputyDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_uuid:
            self._after_write(dialog.saved_uuid)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_filters(self) -> None:
        self.model.set_filters(
            text=self.search.text().strip() or None,
            level=self.level.currentData() or None,
            station_code=self._station_code() if self.here_only.isChecked() else None,
        )

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("Deputies: %n", "", total))

    def show_deputy(self, row: Mapping[str, Any] | None) -> None:
        deputy = common_view.deputy(self.ctx.session.db, row["uuid"]) if row else None
        self.current = deputy
        self.message.clear()
        station = self.ctx.session.local_station_uuid()
        self.station_button.setVisible(deputy is not None and station is not None)
        self.record_box.setEnabled(deputy is not None)
        if deputy is None:
            self.name_label.setText(self.tr("Choose a deputy in the table"))
            self.info.clear()
            for value in self.record_values.values():
                value.setText("—")
            return
        self.name_label.setText(deputy["name"])
        parts = [DeputyLevel(deputy["level"]).label + self.tr(" deputy")]
        if deputy["gender"]:
            parts.append(Gender(deputy["gender"]).label)
        for key in ("deputy_no", "delegation", "professional_group", "phone"):
            if deputy.get(key):
                parts.append(str(deputy[key]))
        if not deputy["active"]:
            parts.append(self.tr("no longer serving"))
        self.info.setText(" · ".join(parts))
        figures: Mapping[str, object] = deputies_view.duty_record(
            self.ctx.session.db, deputy["uuid"], station
        )
        for key in RECORD_KEYS:
            self.record_values[key].setText(str(figures[key]))
        if station is not None:
            here = deputy_service.is_stationed(self.ctx.session.db, deputy["uuid"], station)
            self.station_button.setText(self.tr("Leave this station") if here else self.tr("Station here"))

    def toggle_stationed(self) -> None:
        station = self.ctx.session.local_station_uuid()
        if self.current is None or station is None:
            return
        uuid = self.current["uuid"]
        try:
            self.ctx.apply(deputy_service.toggle_stationed, uuid, station)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self._after_write(uuid)

    def _after_write(self, uuid: str) -> None:
        """The change already refreshed the list (ctx.apply): show the deputy written."""
        select_uuid(self.table, uuid)
        self.show_deputy({"uuid": uuid})
