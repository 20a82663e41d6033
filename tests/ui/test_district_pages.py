"""The district office's window: every station's items and visits in one list, narrowed by a station filter
with the station column in view, and a status bar that speaks of stations and bundles."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app import demo, identity
from app.session import Session
from app.sync import export, importer
from ui import translations
from ui.context import AppContext
from ui.local_time import local_time
from ui.main_window import MainWindow
from ui.models.reception_days_model import ReceptionDaysTableModel
from ui.pages.items_page import ItemsPage
from ui.pages.reception_page import ReceptionPage
from ui.pages.visits_page import DistrictVisitsModel, VisitsPage


@pytest.fixture
def district_ctx(qapp: Any, tmp_path: Path) -> Iterator[AppContext]:
    """A district office holding six stations' year of activity (the demo's district role)."""
    path = tmp_path / "district.db"
    session = Session.open(path, operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会", operator="区人大")
    demo.generate(session, months=6, seed=11)
    translations.install("zh_CN")
    context = AppContext(path, session)
    yield context
    settle(context)
    translations.uninstall()
    session.close()


def settle(ctx: AppContext) -> None:
    """Let the worker's last results reach the window before the database closes under it."""
    ctx.wait_for_tasks()
    end = time.monotonic() + 10
    while ctx.pending_tasks and time.monotonic() < end:
        QApplication.processEvents()


def _count(ctx: AppContext, table: str, code: str) -> int:
    return int(
        ctx.session.db.execute(
            f"SELECT COUNT(*) FROM {table} WHERE station_uuid = (SELECT uuid FROM stations WHERE code = ?)",
            [code],
        ).fetchone()[0]
    )


def _codes_listed(model: Any) -> set[str]:
    return {(model.object_at(row) or {}).get("station_code") for row in range(model.rowCount())}


def test_the_station_filter_narrows_the_items_to_one_station(qtbot: Any, district_ctx: AppContext) -> None:
    page = ItemsPage(district_ctx)
    qtbot.addWidget(page)
    page.refresh()
    combo = page.filter_station
    assert not combo.isHidden()
    assert combo.itemText(0) == "全部家站点"
    offered = [combo.itemData(i) for i in range(1, combo.count())]
    assert len(offered) == 6 and offered == sorted(offered)
    everything = page.model.total_count()
    assert len(_codes_listed(page.model)) == 6

    combo.choose("YP-02")
    assert combo.currentText().startswith("YP-02 ")
    assert _codes_listed(page.model) == {"YP-02"}
    assert page.model.total_count() == _count(district_ctx, "items", "YP-02") < everything
    assert page.count_label.text() == f"共 {page.model.total_count()} 条"

    # The station filter combines with the others: a step's tab narrows within the station.
    page.tabs.setCurrentIndex(1)  # 提出
    assert _codes_listed(page.model) <= {"YP-02"}
    assert all((page.model.object_at(r) or {})["status"] == "raised" for r in range(page.model.rowCount()))

    combo.choose("")
    page.tabs.setCurrentIndex(0)
    assert page.model.total_count() == everything


def test_the_station_filter_narrows_the_visits_to_one_station(qtbot: Any, district_ctx: AppContext) -> None:
    page = VisitsPage(district_ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert isinstance(page.model, DistrictVisitsModel)
    header = page.model.headerData(
        DistrictVisitsModel.COL_STATION, page.table.horizontalHeader().orientation()
    )
    assert header == "家站点"
    page.filter_station.choose("YP-05")
    assert _codes_listed(page.model) == {"YP-05"}
    assert page.model.total_count() == _count(district_ctx, "visits", "YP-05") > 0
    row = page.model.index(0, DistrictVisitsModel.COL_STATION)
    assert page.model.data(row) == (page.model.object_at(0) or {})["station_name"]


def test_a_station_has_no_station_filter_and_no_station_column(qtbot: Any, demo_ctx: AppContext) -> None:
    items = ItemsPage(demo_ctx)
    visits = VisitsPage(demo_ctx)
    for page in (items, visits):
        qtbot.addWidget(page)
        page.refresh()
        assert page.filter_station.isHidden()
    assert items.table.isColumnHidden(items.model.COL_STATION)
    assert not isinstance(visits.model, DistrictVisitsModel)


@pytest.mark.parametrize("key", ["items", "visits"])
def test_the_station_column_is_in_view_at_1400_pixels(qtbot: Any, district_ctx: AppContext, key: str) -> None:
    window = MainWindow(district_ctx)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    page: Any = window.show_page(key)
    column = page.model.COL_STATION
    table = page.table
    assert not table.isColumnHidden(column)
    left = table.horizontalHeader().sectionViewportPosition(column)
    right = left + table.columnWidth(column)
    assert left >= 0 and right <= table.viewport().width(), (left, right, table.viewport().width())
    assert table.horizontalHeader().visualIndex(column) == 1  # right after 编号 / 日期


def test_the_district_status_bar_counts_stations_and_the_last_import(
    qtbot: Any, qapp: Any, tmp_path: Path
) -> None:
    station = Session.open(tmp_path / "YP-01.db", operator="联络员")
    identity.init_station(station, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道")
    demo.generate(station, months=2, seed=5)
    bundle = export.export_station(station, tmp_path / "out", without_personal_data=True)
    # The bundle carries every station the roster names, not only the sender.
    known = int(station.db.execute("SELECT COUNT(*) FROM stations").fetchone()[0])
    station.close()

    district = Session.open(tmp_path / "district.db", operator="区人大")
    identity.init_district(district, name="杨浦区人大常委会", operator="区人大")
    translations.install("zh_CN")
    ctx = AppContext(tmp_path / "district.db", district)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        assert window.unexported_label.isHidden()
        assert window.district_label.text() == "家站点 0 个 · 尚未导入数据包"

        run = importer.import_paths(district, [bundle.path])
        assert all(b.ok for b in run.bundles)
        imported_at = district.db.execute("SELECT MAX(imported_at) FROM sync_bundles").fetchone()[0]
        ctx.notify_changed("")
        expected_day = local_time(imported_at)[:10]
        assert window.district_label.text() == f"家站点 {known} 个 · 最近导入 {expected_day}"
        assert window.unexported_label.isHidden() and not window.district_label.isHidden()
    finally:
        window.close()
        settle(ctx)
        translations.uninstall()
        district.close()


def test_the_station_filter_narrows_the_reception_days_and_the_calendar(
    qtbot: Any, district_ctx: AppContext
) -> None:
    page = ReceptionPage(district_ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.table.horizontalHeader().visualIndex(ReceptionDaysTableModel.COL_STATION) == 1
    # The demo's most recent month with days at several stations.
    month = district_ctx.session.db.execute(
        "SELECT substr(date, 1, 7) FROM reception_days GROUP BY 1"
        " HAVING COUNT(DISTINCT station_uuid) > 1 ORDER BY 1 DESC LIMIT 1"
    ).fetchone()[0]
    year, number = (int(part) for part in month.split("-"))
    page.calendar.setCurrentPage(year, number)
    everywhere = {d.toString("yyyy-MM-dd") for d in page.calendar.marked}
    assert len(_codes_listed(page.model)) > 1

    code = (page.model.object_at(0) or {})["station_code"]
    page.filter_station.choose(code)
    assert _codes_listed(page.model) == {code}
    own_days = {
        row[0]
        for row in district_ctx.session.db.execute(
            "SELECT date FROM reception_days WHERE substr(date, 1, 7) = ?"
            " AND station_uuid = (SELECT uuid FROM stations WHERE code = ?)",
            [month, code],
        )
    }
    assert page.model.total_count() == len(
        list(
            district_ctx.session.db.execute(
                "SELECT 1 FROM reception_days WHERE substr(date, 1, 7) = ?"
                " AND station_uuid = (SELECT uuid FROM stations WHERE code = ?)",
                [month, code],
            )
        )
    )
    assert own_days
    assert {d.toString("yyyy-MM-dd") for d in page.calendar.marked} == own_days
    assert own_days <= everywhere


def test_the_district_dashboard_offers_no_planning_of_days_it_cannot_plan(
    qtbot: Any, qapp: Any, tmp_path: Path
) -> None:
    from ui.pages.dashboard_page import DashboardPage

    path = tmp_path / "office.db"
    session = Session.open(path, operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会", operator="区人大")
    translations.install("zh_CN")
    ctx = AppContext(path, session)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        page = window.pages["dashboard"]
        assert isinstance(page, DashboardPage)
        qtbot.waitUntil(lambda: page.loads >= 1, timeout=10_000)
        assert not page.plan_button.isVisible()
        assert page.next_label.text() == "各家站点尚未安排接待日。"
        assert "页面安排" not in page.next_label.text()
    finally:
        settle(ctx)
        translations.uninstall()
        session.close()
