"""报表: pick a month (a year at the district), generate the PDF off the UI thread, preview its pages, print
through Qt's print dialog or save a copy. The PDF itself is made by app.reports; this page only drives it."""

from __future__ import annotations

import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPointF, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import preferences, settings
from app.reports import ReportResult, build_annual, build_monthly, save_copy
from app.reports.queries import all_stations
from app.session import Session
from db import clock
from ui.context import AppContext
from ui.pages.base import Page

MONTHLY = "monthly"
ANNUAL = "annual"
PRINT_DPI = 300


def _make_monthly(session: Session, month: str, station_code: str | None, out: str) -> ReportResult:
    return build_monthly(session, month, out, station_code)


def _make_annual(session: Session, year: int, out: str) -> ReportResult:
    return build_annual(session, year, out)


def _last_month(today: date) -> QDate:
    first = QDate(today.year, today.month, 1)
    return first.addMonths(-1)


class ReportsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Previews live in a private folder, one file per generation: a PDF shown by QPdfDocument is not
        # overwritten while open (Windows would refuse). The folder is removed when the page is collected or,
        # at the latest, when the program exits.
        self._temp = tempfile.TemporaryDirectory(prefix="liaison-reports-", ignore_cleanup_errors=True)
        self._folder = Path(self._temp.name)
        self.result: ReportResult | None = None
        self.generating = False

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem("", MONTHLY)
        self.kind.addItem("", ANNUAL)
        self.month = QDateEdit()
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(_last_month(clock.today()))
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.station_label = QLabel()
        self.station = QComboBox()
        self.station.setObjectName("station")
        self.station.setMinimumContentsLength(14)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generate")
        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoom")
        self.zoom.addItem("", QPdfView.ZoomMode.FitToWidth)
        self.zoom.addItem("", QPdfView.ZoomMode.FitInView)
        self.show_names = QCheckBox()
        self.show_names.setObjectName("show_names")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.font_warning = QLabel()
        self.font_warning.setObjectName("font_warning")
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("color: #b3261e;")
        self.font_warning.hide()

        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setObjectName("preview")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)

        controls = QHBoxLayout()
        self.kind_label = QLabel()
        self.period_label = QLabel()
        for widget in (
            self.kind_label,
            self.kind,
            self.period_label,
            self.month,
            self.year,
            self.station_label,
            self.station,
            self.generate_button,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.print_button)
        controls.addWidget(self.save_button)
        options = QHBoxLayout()
        options.addWidget(self.show_names)
        options.addStretch(1)
        options.addWidget(self.status)
        options.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addLayout(options)
        layout.addWidget(self.font_warning)
        layout.addWidget(self.preview, 1)

        self.kind.currentIndexChanged.connect(self._update_controls)
        self.zoom.currentIndexChanged.connect(lambda _i: self.preview.setZoomMode(self.zoom.currentData()))
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_page)
        self.save_button.clicked.connect(self.save_as)
        self.show_names.toggled.connect(self._set_show_names)
        self.retranslate_ui()
        self._update_controls()

    # -- the page contract ---------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Reports"))
        self.kind_label.setText(self.tr("Report"))
        self.kind.setItemText(0, self.tr("Station's monthly summary"))
        self.kind.setItemText(1, self.tr("Annual report"))
        self.station_label.setText(self.tr("Station"))
        self.generate_button.setText(self.tr("Generate"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.show_names.setText(self.tr("Print visitors' names (phone numbers are always masked)"))
        self.zoom.setItemText(0, self.tr("Fit width"))
        self.zoom.setItemText(1, self.tr("Whole page"))
        self._update_controls()
        self._show_result_status()

    def refresh(self) -> None:
        session = self.ctx.session
        district = session.is_district
        current = self.station.currentData()
        self.station.blockSignals(True)
        self.station.clear()
        for station in all_stations(session.db):
            self.station.addItem(f"{station.code} {station.name}", station.code)
        if current:
            self.station.setCurrentIndex(max(0, self.station.findData(current)))
        self.station.blockSignals(False)
        self.show_names.blockSignals(True)
        self.show_names.setChecked(settings.SHOW_VISITOR_NAMES_IN_PRINT.get(session.db))
        self.show_names.blockSignals(False)
        if self.result is None:  # the district's report is the year's; a station's, the month's
            self.kind.setCurrentIndex(1 if district else 0)
        self._update_controls()

    def print_page(self) -> None:
        """Ctrl+P: the print dialog for the previewed report (generated first when there is none)."""
        if self.result is None:
            self.status.setText(self.tr("Generate the report first."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.result.path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    # -- generating ----------------------------------------------------------------------------------------

    def _update_controls(self) -> None:
        monthly = self.kind.currentData() == MONTHLY
        self.month.setVisible(monthly)
        self.year.setVisible(not monthly)
        self.period_label.setText(self.tr("Month") if monthly else self.tr("Year"))
        at_district = self.ctx.session.is_district
        self.station_label.setVisible(monthly and at_district)
        self.station.setVisible(monthly and at_district)
        self.show_names.setVisible(not at_district)
        ready = self.result is not None and not self.generating
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.generate_button.setEnabled(not self.generating)

    def _needs_station(self) -> bool:
        return self.kind.currentData() == MONTHLY and self.ctx.session.is_district

    def generate(self) -> None:
        if self.generating:
            return
        if self._needs_station() and self.station.currentData() is None:
            self.status.setText(
                self.tr("There is no station to report on yet: import a station's bundle first.")
            )
            return
        out = str(self._folder / f"report-{uuid.uuid4().hex}.pdf")
        self.generating = True
        self.status.setText(self.tr("Generating…"))
        self._update_controls()
        if self.kind.currentData() == MONTHLY:
            station = self.station.currentData() if self.ctx.session.is_district else None
            month = self.month.date().toString("yyyy-MM")
            self.ctx.run_task(
                _make_monthly,
                month,
                station,
                out,
                on_done=self._generated,
                on_error=self._failed,
                progress_label=self.tr("Generating the report"),
            )
        else:
            self.ctx.run_task(
                _make_annual,
                self.year.value(),
                out,
                on_done=self._generated,
                on_error=self._failed,
                progress_label=self.tr("Generating the report"),
            )

    def _generated(self, result: ReportResult) -> None:
        self.generating = False
        previous = self.result
        self.document.close()
        self.document.load(str(result.path))
        self.result = result
        if previous is not None and previous.path != result.path:
            previous.path.unlink(missing_ok=True)
        self.preview.pageNavigator().jump(0, QPointF(), 1.0)
        self._show_result_status()
        self._update_controls()

    def _failed(self, message: str) -> None:
        self.generating = False
        self.status.setText(message)
        self._update_controls()

    def _show_result_status(self) -> None:
        if self.result is None or self.generating:
            self.font_warning.hide()
            return
        self.status.setText(self.tr("%n page(s)", "", self.result.pages))
        if self.result.font_embedded:
            self.font_warning.hide()
        else:
            self.font_warning.setText(
                self.tr(
                    "No embeddable Chinese font was found on this computer, so the report uses the PDF viewer's "
                    "own STSong-Light and may print differently elsewhere. Install WenQuanYi Zen Hei, SimHei or "
                    "SimSun (TrueType) and generate it again."
                )
            )
            self.font_warning.show()

    def _set_show_names(self, checked: bool) -> None:
        self.ctx.apply(preferences.set_show_visitor_names_in_print, checked)
        self.ctx.settings_changed.emit()

    # -- output --------------------------------------------------------------------------------------------

    def save_as(self) -> None:
        if self.result is None:
            return
        suggested = str(Path.home() / self._suggested_name())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        if self.result is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_copy(self.result, path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save as PDF"),
                self.tr("Could not save %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc)),
            )
            return False
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return True

    def _suggested_name(self) -> str:
        if self.kind.currentData() == MONTHLY:
            return self.tr("monthly-report-%1.pdf").replace("%1", self.month.date().toString("yyyy-MM"))
        return self.tr("annual-report-%1.pdf").replace("%1", str(self.year.value()))

    def print_to(self, printer: QPrinter) -> int:
        """Render every page of the previewed PDF onto the printer, scaled to its page; returns pages sent."""
        pages = self.document.pageCount()
        if pages == 0:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("The printer could not be started."))
            return 0
        first = max(1, printer.fromPage() or 1)
        last = min(pages, printer.toPage() or pages)
        sent = 0
        try:
            for index in range(first - 1, last):
                if sent:
                    printer.newPage()
                target = painter.viewport()
                size = self.document.pagePointSize(index)
                scale = min(target.width() / size.width(), target.height() / size.height())
                # Rendered at no more than 300 dpi: a 1200 dpi A4 page would be half a gigabyte of pixels.
                dpi = min(printer.resolution(), PRINT_DPI)
                image = self.document.render(
                    index, QSize(int(size.width() * dpi / 72), int(size.height() * dpi / 72))
                )
                painter.drawImage(QRect(0, 0, int(size.width() * scale), int(size.height() * scale)), image)
                sent += 1
        finally:
            painter.end()
        self.status.setText(self.tr("Sent %n page(s) to the printer.", "", sent))
        return sent

    def current_options(self) -> dict[str, Any]:
        """What the page would generate now (for the window's status and the tests)."""
        monthly = self.kind.currentData() == MONTHLY
        return {
            "kind": self.kind.currentData(),
            "period": self.month.date().toString("yyyy-MM") if monthly else self.year.value(),
            "station": self.station.currentData() if monthly and self.ctx.session.is_district else None,
        }
