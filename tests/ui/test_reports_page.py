"""报表 as a clerk uses it: generate last month's summary off the UI thread, see its pages, save and print it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from app import demo, identity, settings, stats
from app.period import Period
from app.reports import build_monthly
from app.reports.fonts import register
from app.session import Session
from ui import translations
from ui.context import AppContext
from ui.pages.reports_page import ReportsPage


def _page(qtbot: Any, ctx: AppContext) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.refresh()
    return page


def _generate(qtbot: Any, page: ReportsPage) -> None:
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.generating or page.result is not None
    qtbot.waitUntil(lambda: not page.generating, timeout=20000)


@pytest.fixture
def district_ctx(qapp: Any, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "district.db"
    session = Session.open(path, operator="测试员")
    identity.init_district(session, name="杨浦区人大常委会", operator="测试员")
    translations.install("zh_CN")
    context = AppContext(path, session)
    yield context
    context.wait_for_tasks()
    session.close()


def test_labels_are_chinese(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    assert page.title() == "报表"
    assert page.generate_button.text() == "生成报表"
    assert page.kind.currentText() == "家站点月报"
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert page.zoom.itemText(1) == "整页"
    page.zoom.setCurrentIndex(1)
    assert page.preview.zoomMode() == QPdfView.ZoomMode.FitInView


def test_generate_preview_save_and_print_last_months_summary(
    qtbot: Any, demo_ctx: AppContext, tmp_path: Path
) -> None:
    page = _page(qtbot, demo_ctx)
    month = page.month.date().toString("yyyy-MM")
    _generate(qtbot, page)
    assert page.result is not None, page.status.text()
    assert page.document.status() == QPdfDocument.Status.Ready
    assert page.document.pageCount() == page.result.pages >= 1
    assert page.status.text() == f"共 {page.result.pages} 页"
    assert not page.font_warning.isVisible()
    assert page.print_button.isEnabled() and page.save_button.isEnabled()

    saved = tmp_path / "月报"
    assert page.save_to(saved)
    text = "".join(p.extract_text() for p in PdfReader(str(saved.with_suffix(".pdf"))).pages)
    assert "控江路街道代表之家" in text
    year, mon = month.split("-")
    assert f"{int(year)}年{int(mon)}月" in text
    figures = stats.compute(demo_ctx.session.db, Period.month(month), "YP-01")
    assert f"接待群众（人次）\n{figures['person_visits']}" in text

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert page.print_to(printer) == page.result.pages
    assert len(PdfReader(str(printed)).pages) == page.result.pages


def test_generating_again_replaces_the_preview_and_removes_the_old_file(
    qtbot: Any, demo_ctx: AppContext
) -> None:
    page = _page(qtbot, demo_ctx)
    _generate(qtbot, page)
    assert page.result is not None
    first = page.result.path
    page.month.setDate(page.month.date().addMonths(-1))
    _generate(qtbot, page)
    assert page.result is not None and page.result.path != first
    assert not first.exists()


def test_the_font_fallback_is_shown(qtbot: Any, demo_ctx: AppContext, tmp_path: Path) -> None:
    page = _page(qtbot, demo_ctx)
    result = build_monthly(demo_ctx.session, "2026-01", tmp_path / "fallback.pdf", font=register(None))
    page._generated(result)
    assert page.font_warning.isVisible()
    assert "STSong-Light" in page.font_warning.text() and "中文字体" in page.font_warning.text()


def test_names_in_print_are_a_station_setting(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    assert page.show_names.isVisible() and not page.show_names.isChecked()
    page.show_names.setChecked(True)
    assert settings.SHOW_VISITOR_NAMES_IN_PRINT.get(ctx.session.db) is True


def test_the_district_reports_the_year_and_picks_a_station_for_a_month(
    qtbot: Any, district_ctx: AppContext
) -> None:
    page = _page(qtbot, district_ctx)
    assert page.kind.currentData() == "annual"
    assert page.year.isVisible() and not page.month.isVisible()
    assert not page.show_names.isVisible()
    _generate(qtbot, page)
    assert page.result is not None and page.document.pageCount() == page.result.pages

    page.kind.setCurrentIndex(0)
    assert page.station.isVisible() and page.station.count() == 0
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)  # no station yet: refused, preview kept
    assert not page.generating
    assert page.status.text() == "还没有可生成报表的家站点：请先导入家站点的数据包。"
    assert page.document.pageCount() == page.result.pages

    demo.generate(district_ctx.session, months=3, seed=3)
    page.refresh()
    assert page.station.count() == 6
    page.station.setCurrentIndex(page.station.findData("YP-02"))
    assert page.current_options()["station"] == "YP-02"
    _generate(qtbot, page)
    assert page.result is not None
    text = "".join(p.extract_text() for p in PdfReader(str(page.result.path)).pages)
    assert "殷行街道代表之家" in text


def test_english(qtbot: Any, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    translations.install("en")
    page.retranslate_ui()
    assert page.generate_button.text() == "Generate"
    assert page.kind.itemText(1) == "Annual report"
