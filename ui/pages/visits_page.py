"""来访登记: the visits table with filters, and the form a clerk fills while the resident is there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.privacy import mask_phone
from app.services import items as item_service
from app.services import visits as visit_service
from app.views import common as common_view
from app.views import reception as reception_view
from app.views import visits as visits_view
from db import clock
from ui.context import AppContext
from ui.models.paged_model import Column, field
from ui.models.visits_model import VisitsTableModel
from ui.pages.base import Page, apply_listing_filters
from ui.pages.station_filter import StationFilter, fit_station_column, show_station_column_early
from ui.pages.visit_form import VisitForm
from ui.translations import QT_TRANSLATE_NOOP
from ui.widgets.tables import debounced, fit_to_contents, make_table, on_row_selected, select_uuid

# The reception days a visit form offers: recent ones and those coming soon.
DAYS_BACK, DAYS_AHEAD = 120, 60


class VisitsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editing: str | None = None  # uuid of the visit in the form, None for a new one
        # Stations register their own visits; the district office sees them as they arrive in bundles.
        self.read_only = ctx.session.local_station_uuid() is None
        self._saved_state: tuple[Any, ...] = ()
        at_district = ctx.session.role == "district"
        self.model = (DistrictVisitsModel if at_district else VisitsTableModel)(ctx.db_path, self)

        # -- filters --
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.filter_from = QLineEdit()
        self.filter_from.setObjectName("filter_from")
        self.filter_to = QLineEdit()
        self.filter_to.setObjectName("filter_to")
        self.filter_community = QLineEdit()
        self.filter_community.setObjectName("filter_community")
        self.filter_category = QComboBox()
        self.filter_category.setObjectName("filter_category")
        self.show_phones = QCheckBox()
        self.filter_station = StationFilter(ctx.session.role)
        for edit in (self.filter_from, self.filter_to):
            edit.setMaximumWidth(120)
        self.filter_error = QLabel()
        self.filter_error.setProperty("role", "field-error")
        self.filter_error.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        search_row = QHBoxLayout()
        search_row.addWidget(self.filter_station)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.show_phones)
        filters = QHBoxLayout()
        self.filter_labels = [QLabel() for _ in range(3)]
        filters.addWidget(self.filter_labels[0])
        filters.addWidget(self.filter_from)
        filters.addWidget(self.filter_labels[1])
        filters.addWidget(self.filter_to)
        filters.addWidget(self.filter_community, 1)
        filters.addWidget(self.filter_labels[2])
        filters.addWidget(self.filter_category, 1)
        m = VisitsTableModel
        self.table = make_table(
            self.model,
            "visits_table",
            widths={
                m.COL_DATE: 100,
                m.COL_VISITOR: 80,
                m.COL_PHONE: 115,
                m.COL_HEADCOUNT: 55,
                m.COL_COMMUNITY: 110,
                m.COL_CATEGORY: 80,
                m.COL_RAISED: 260,
                m.COL_DEPUTIES: 120,
            },
        )
        if at_district:
            show_station_column_early(self.table, DistrictVisitsModel.COL_STATION, after=m.COL_DATE)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.filter_error)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.form = VisitForm()
        self.write_controls += [
            self.form.save_button,
            self.form.to_item_button,
            self.form.delete_button,
        ]
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 380])  # the table gets the room; the form keeps a comfortable width
        QVBoxLayout(self).addWidget(splitter)

        debounced(self.search, self.apply_filters)
        for edit in (self.filter_from, self.filter_to, self.filter_community):
            edit.editingFinished.connect(self.apply_filters)
        self.filter_category.currentIndexChanged.connect(self.apply_filters)
        self.filter_station.changed.connect(self.apply_filters)
        self.show_phones.toggled.connect(self.model.set_show_full_phone)
        self.model.totalChanged.connect(self._show_count)
        on_row_selected(self.table, self._load_record)
        form = self.form
        form.reception_day.activated.connect(lambda _i: self._day_chosen())
        form.new_button.clicked.connect(self.new_record)
        form.save_button.clicked.connect(self.save)
        form.to_item_button.clicked.connect(self.make_item)
        form.delete_button.clicked.connect(self.delete)
        # Ctrl+S saves the form from any field, the habit of every office program.
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(lambda: form.save_button.isEnabled() and self.save())
        if self.read_only:
            form.set_read_only(True)
        self.retranslate_ui()
        self._clear_form()

    # -- Page ----------------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Visits")

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search visitor, community, issue…"))
        self.filter_labels[0].setText(self.tr("From"))
        self.filter_labels[1].setText(self.tr("to"))
        self.filter_labels[2].setText(self.tr("Category"))
        self.filter_from.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.filter_to.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.filter_community.setPlaceholderText(self.tr("Community"))
        self.show_phones.setText(self.tr("Show phone numbers"))
        self.filter_station.retranslate_ui()
        if self.filter_category.count():
            self.filter_category.setItemText(0, self.tr("All"))
        self.form.retranslate_ui()
        self.model.retranslate()
        fit_to_contents(
            self.table,
            (VisitsTableModel.COL_VISITOR, VisitsTableModel.COL_HEADCOUNT, VisitsTableModel.COL_CATEGORY),
        )
        self._show_count(self.model.total_count())
        self._update_buttons()

    def refresh(self) -> None:
        self.model.refresh()
        db = self.ctx.session.db
        station = self.ctx.session.local_station_uuid()
        self.form.communities.setStringList(visits_view.communities(db, station))
        categories = common_view.categories(db)
        current_filter = self.filter_category.currentText() if self.filter_category.currentIndex() > 0 else ""
        self.filter_category.blockSignals(True)
        self.filter_category.clear()
        self.filter_category.addItem(self.tr("All"), "")
        for name in categories:
            self.filter_category.addItem(name, name)
        self.filter_category.setCurrentIndex(max(0, self.filter_category.findData(current_filter)))
        self.filter_category.blockSignals(False)
        names = self.filter_station.reload(db)
        if isinstance(self.model, DistrictVisitsModel):
            fit_station_column(self.table, DistrictVisitsModel.COL_STATION, names)
        self.form.set_categories(categories)
        self._load_choices()

    def new_record(self) -> None:
        if not self.confirm_discard():
            return
        self._clear_form()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_for_day(self, day: dict[str, Any]) -> None:
        """Opened from the Reception days page: a new visit on that day."""
        if not self.confirm_discard():
            return
        self._clear_form()
        self.form.date.setDate(QDate.fromString(day["date"], "yyyy-MM-dd"))
        self._load_choices(day_uuid=day["uuid"], deputy_uuids=[])
        self._remember_form()
        self.form.visitor.setFocus()

    # -- filters -------------------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        apply_listing_filters(
            self.model,
            self.filter_error,
            text=self.search.text().strip() or None,
            date_from=self.filter_from.text().strip() or None,
            date_to=self.filter_to.text().strip() or None,
            community=self.filter_community.text().strip() or None,
            category=self.filter_category.currentData() or None,
            station_code=self.filter_station.code() or None,
        )

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("Visits: %n", "", total))

    # -- the form ------------------------------------------------------------------------------------------
    def _clear_form(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.form.clear()
        self._load_choices(day_uuid=None, deputy_uuids=[])
        self._update_buttons()
        self._remember_form()
        self.form.date.setFocus()

    def _load_choices(self, day_uuid: str | None = None, deputy_uuids: list[str] | None = None) -> None:
        """Reception days and deputies offered; without arguments the current choice is kept."""
        db = self.ctx.session.db
        station = self.ctx.session.local_station_uuid()
        keep_day = day_uuid if deputy_uuids is not None else self.form.reception_day.currentData()
        today = clock.today()
        days = reception_view.reception_days_between(
            db, station, today - timedelta(days=DAYS_BACK), today + timedelta(days=DAYS_AHEAD)
        )
        self.form.set_days(list(reversed(days)), keep_day)
        self.form.deputies.set_deputies(reception_view.offered_deputies(db, station), deputy_uuids)

    def _day_chosen(self) -> None:
        """A visit on a reception day was usually received by the deputies on duty: tick those present (or
        still scheduled) when none is ticked yet, and take the day's date."""
        day_uuid = self.form.reception_day.currentData()
        if not day_uuid:
            return
        roster = reception_view.duty_roster(self.ctx.session.db, day_uuid)
        if not self.form.deputies.checked():
            self.form.deputies.set_checked(
                [d["deputy_uuid"] for d in roster if d["status"] in ("present", "scheduled")]
            )
        day = common_view.reception_day(self.ctx.session.db, day_uuid)
        if day:
            self.form.date.setDate(QDate.fromString(day["date"], "yyyy-MM-dd"))

    def _load_record(self, record: dict[str, Any] | None) -> None:
        if record is None or record["uuid"] == self.editing:
            return
        if not self.confirm_discard():
            # Keep the typed form; put the selection back on the record being edited (or none).
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            if self.editing is None or not select_uuid(self.table, self.editing):
                self.table.clearSelection()
                self.table.setCurrentIndex(self.model.index(-1, -1))
            selection.blockSignals(False)
            return
        self.editing = record["uuid"]
        self.form.fill(record)
        if self.read_only:  # the district looks, it does not call back: the phone stays masked (PIPL)
            self.form.phone.setText(mask_phone(str(record.get("phone") or "")))
        deputies = visits_view.visit_deputy_uuids(self.ctx.session.db, record["uuid"])
        self._load_choices(day_uuid=record.get("reception_day_uuid"), deputy_uuids=deputies)
        self._update_buttons()
        self._remember_form()

    # -- nothing typed is lost -----------------------------------------------------------------------------
    def _remember_form(self) -> None:
        self._saved_state = self.form.state()

    def is_dirty(self) -> bool:
        return self.form.state() != self._saved_state

    def confirm_discard(self) -> bool:
        """True when the form may be replaced: nothing was typed, or the clerk agrees to drop it."""
        if not self.is_dirty():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved visit"),
            self.tr("The visit in the form has not been saved. Discard what was typed?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discard_question")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    # -- writes --------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Create or update; a refused save leaves every field as typed and says what is wrong beside it."""
        values = self.form.values()
        deputy_uuids = self.form.deputies.checked()
        try:
            if self.editing is None:
                uuid = self.ctx.apply(
                    visit_service.create,
                    reception_day_uuid=self.form.reception_day.currentData(),
                    deputy_uuids=deputy_uuids,
                    **values,
                )
            else:
                uuid = self.editing
                self.ctx.apply(visit_service.update, uuid, deputy_uuids=deputy_uuids, **values)
        except UserError as exc:
            self.form.errors.show(exc)
            self.form.status.clear()
            return False
        self.form.errors.clear()
        self.editing = uuid
        select_uuid(self.table, uuid)
        self.form.status.setText(self.tr("Saved."))
        self._update_buttons()
        self._remember_form()
        return True

    def make_item(self) -> str | None:
        # The item carries what the clerk sees: a new visit, or edits not yet saved, are saved first.
        if (self.editing is None or self.is_dirty()) and not self.save():
            return None
        assert self.editing is not None
        try:
            item_uuid = self.ctx.apply(item_service.from_visit, self.editing)
        except UserError as exc:
            self.form.errors.show(exc)
            return None
        item_no = common_view.item_no(self.ctx.session.db, item_uuid)
        self.form.status.setText(self.tr("Sentiment item %1 created from this visit.").replace("%1", item_no))
        return item_uuid

    def delete(self) -> None:
        if self.editing is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete visit"), self.tr("Delete this visit? Items made from it are kept.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.apply(visit_service.delete, self.editing)
        except UserError as exc:
            self.form.errors.show(exc)
            return
        self._clear_form()

    def _update_buttons(self) -> None:
        self.form.delete_button.setEnabled(self.editing is not None and not self.read_only)


class DistrictVisitsModel(VisitsTableModel):
    """The district's visits table: every station's visits, so each row also says whose it is."""

    COL_STATION = len(VisitsTableModel.COLUMNS)
    COLUMNS = (
        *VisitsTableModel.COLUMNS,
        Column(
            QT_TRANSLATE_NOOP("VisitsTableModel", "Station"), "station", field("station_name"), "station_code"
        ),
    )
