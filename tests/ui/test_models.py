"""The table models offscreen, over a real demo database: rows, cells, paging, sorting, filters, translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from app import demo, i18n
from app.session import Session
from ui.models import (
    DeputiesTableModel,
    ItemsTableModel,
    ObjectRole,
    ReceptionDaysTableModel,
    SortRole,
    VisitsTableModel,
)

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "models_zh_CN.ts"


@pytest.fixture(scope="module")
def district_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app import identity

    path = tmp_path_factory.mktemp("models") / "district.db"
    session = Session.open(path, operator="测试员")
    identity.init_district(session, name="杨浦区人大常委会", operator="测试员")
    demo.generate(session, months=12, seed=3)
    session.close()
    return path


def _sql(path: Path, sql: str, *params: object) -> list[tuple]:
    session = Session.open(path)
    try:
        return [tuple(r) for r in session.db.execute(sql, list(params)).fetchall()]
    finally:
        session.close()


ALL_MODELS = (ItemsTableModel, VisitsTableModel, ReceptionDaysTableModel, DeputiesTableModel)


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_every_model_passes_qt_model_checks(qtbot, district_db: Path, model_class) -> None:  # type: ignore[no-untyped-def]
    model = model_class(district_db)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    table = {"ItemsTableModel": "items", "VisitsTableModel": "visits"}.get(
        model_class.__name__,
        "reception_days" if model_class is ReceptionDaysTableModel else "deputies",
    )
    assert (
        model.total_count()
        == model.rowCount()
        == _sql(district_db, f"SELECT count(*) FROM {table}")[0][0]
        > 0
    )
    assert model.columnCount() == len(model_class.COLUMNS)
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        model.sort(column, Qt.SortOrder.DescendingOrder)
    record = model.object_at(0)
    assert record is not None and record["uuid"]
    assert model.data(model.index(0, 0), ObjectRole) == record
    model.close()


def test_items_rows_show_the_records_in_date_order(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel(district_db)
    expected = _sql(district_db, "SELECT item_no, date FROM items ORDER BY date DESC, rowid DESC LIMIT 5")
    shown = [
        (
            model.data(model.index(r, ItemsTableModel.COL_NO)),
            model.data(model.index(r, ItemsTableModel.COL_DATE)),
        )
        for r in range(5)
    ]
    assert shown == expected
    record = model.object_at(0)
    assert record is not None and record["item_no"] == expected[0][0]
    station_name = model.data(model.index(0, ItemsTableModel.COL_STATION))
    assert station_name == record["station_name"] and station_name.endswith(("之家", "联络站", "联系点"))


def test_status_and_satisfaction_cells_show_their_labels(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel(district_db)
    model.set_filters(status="fed_back")
    assert (
        model.total_count() == _sql(district_db, "SELECT count(*) FROM items WHERE status = 'fed_back'")[0][0]
    )
    assert model.data(model.index(0, ItemsTableModel.COL_STATUS)) == "反馈"
    assert model.data(model.index(0, ItemsTableModel.COL_STATUS), SortRole) == "fed_back"
    labels = {model.data(model.index(r, ItemsTableModel.COL_SATISFACTION)) for r in range(model.rowCount())}
    assert labels <= {"满意", "基本满意", "不满意", ""} and "满意" in labels
    i18n.set_language("en")
    assert model.data(model.index(0, ItemsTableModel.COL_STATUS)) == "Fed back"


def test_filters_combine_and_a_reset_is_signalled(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel(district_db)
    with qtbot.waitSignal(model.modelReset), qtbot.waitSignal(model.totalChanged) as total:
        model.set_filters(category="交通出行", date_from="2000-01-01", text="停车")
    expected = _sql(
        district_db,
        "SELECT count(*) FROM items WHERE category = '交通出行' AND (title LIKE '%停车%' OR content LIKE '%停车%')",
    )[0][0]
    assert total.args == [expected] and model.total_count() == expected > 0
    for row in range(model.rowCount()):
        record = model.object_at(row)
        assert record is not None and record["category"] == "交通出行"
        assert "停车" in record["title"] + record["content"]
    model.set_filters()
    assert model.total_count() == _sql(district_db, "SELECT count(*) FROM items")[0][0]


def test_a_refused_filter_keeps_the_table_as_it_was(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    from app.errors import UserError

    model = ItemsTableModel(district_db)
    model.set_filters(status="raised")
    before = model.total_count()
    with pytest.raises(UserError):
        model.set_filters(status="raised", date_to="2024-13-45")
    assert model.filters() == {"status": "raised"} and model.total_count() == before


def test_sorting_is_done_in_sql(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel(district_db)
    model.sort(ItemsTableModel.COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, ItemsTableModel.COL_TITLE)) for r in range(model.rowCount())]
    assert titles == [r[0] for r in _sql(district_db, "SELECT title FROM items ORDER BY title, rowid")]
    assert (model.sort_column(), model.sort_order()) == (
        ItemsTableModel.COL_TITLE,
        Qt.SortOrder.AscendingOrder,
    )


@pytest.mark.parametrize("ordered_rowids_limit", [0, 100_000], ids=["offset-windows", "ordered-rowids"])
def test_pages_are_read_on_demand_and_memory_stays_bounded(  # type: ignore[no-untyped-def]
    qtbot, district_db: Path, ordered_rowids_limit: int
) -> None:
    class SmallPages(VisitsTableModel):
        PAGE_SIZE = 10
        MAX_CACHED_PAGES = 3
        ORDERED_ROWIDS_LIMIT = ordered_rowids_limit

    model = SmallPages(district_db)
    assert model.cached_row_count() == 0  # nothing read before a view asks
    expected = [r[0] for r in _sql(district_db, "SELECT uuid FROM visits ORDER BY date DESC, rowid DESC")]
    seen = []
    for row in range(model.rowCount()):
        record = model.object_at(row)
        assert record is not None
        seen.append(record["uuid"])
        assert model.cached_row_count() <= 30
    assert seen == expected
    # Jumping back re-reads the first page (evicted by now) and gives the same rows.
    first = model.object_at(0)
    assert first is not None and first["uuid"] == expected[0]


def test_refresh_sees_a_write(qtbot, district_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from app.services import items as item_service

    path = tmp_path / "copy.db"
    shutil.copy(district_db, path)
    model = ItemsTableModel(path)
    model.set_filters(text="电梯")
    before = model.total_count()
    session = Session.open(path, operator="测试员")
    station = session.db.execute("SELECT uuid FROM stations ORDER BY uuid LIMIT 1").fetchone()[0]
    item_service.create(session, station_uuid=station, date="2024-05-01", title="楼道电梯故障", content="")
    session.close()
    assert model.total_count() == before  # counts are cached per filter until a refresh
    model.refresh()
    assert model.total_count() == before + 1
    # A status-sorted listing reads its runs by cached per-status counts: a refresh must drop those too.
    model.set_filters()
    model.sort(ItemsTableModel.COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert model.object_at(model.rowCount() - 1) is not None  # every run counted and read
    session = Session.open(path, operator="测试员")
    item_service.create(session, station_uuid=station, date="2024-05-02", title="新的一条", content="")
    session.close()
    model.refresh()
    statuses = [(model.object_at(r) or {}).get("status") for r in range(model.rowCount())]
    raised = _sql(path, "SELECT count(*) FROM items WHERE status = 'raised'")[0][0]
    assert None not in statuses and statuses.count("raised") == raised


@pytest.mark.parametrize("ordered_rowids_limit", [0, 100_000], ids=["offset-windows", "ordered-rowids"])
def test_row_of_uuid_finds_the_row_a_record_is_shown_in(  # type: ignore[no-untyped-def]
    qtbot, district_db: Path, ordered_rowids_limit: int
) -> None:
    class Model(ItemsTableModel):
        ORDERED_ROWIDS_LIMIT = ordered_rowids_limit

    model = Model(district_db)
    model.set_filters(status="fed_back")
    for row in (0, model.rowCount() // 2, model.rowCount() - 1):
        record = model.object_at(row)
        assert record is not None and model.row_of_uuid(record["uuid"]) == row
    raised = _sql(district_db, "SELECT uuid FROM items WHERE status = 'raised' ORDER BY uuid LIMIT 1")[0][0]
    assert model.row_of_uuid(raised) is None  # filtered out
    assert model.row_of_uuid("no-such-uuid") is None


def test_visits_show_names_and_masked_phones(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = VisitsTableModel(district_db)
    model.set_filters(text="")
    row = next(r for r in range(model.rowCount()) if (model.object_at(r) or {}).get("phone"))
    record = model.object_at(row)
    assert record is not None
    phone = record["phone"]
    assert model.data(model.index(row, VisitsTableModel.COL_PHONE)) == phone[:3] + "****" + phone[-4:]
    assert model.data(model.index(row, VisitsTableModel.COL_VISITOR)) == record["visitor_name"]
    assert model.data(model.index(row, VisitsTableModel.COL_DEPUTIES))  # the receiving deputies' names
    model.set_show_full_phone(True)
    assert model.data(model.index(row, VisitsTableModel.COL_PHONE)) == phone


def test_visits_of_one_reception_day(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    day, count = _sql(
        district_db,
        "SELECT reception_day_uuid, count(*) FROM visits GROUP BY reception_day_uuid ORDER BY 2 DESC LIMIT 1",
    )[0]
    model = VisitsTableModel(district_db)
    model.set_filters(reception_day_uuid=day)
    assert model.total_count() == count


def test_reception_days_and_deputies_cells(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    days = ReceptionDaysTableModel(district_db)
    days.set_filters(date_to="2099-01-01")
    cell = days.data(days.index(0, ReceptionDaysTableModel.COL_DUTIES))
    record = days.object_at(0)
    assert record is not None and cell == f"{record['scheduled_count']} / {record['present_count']}"
    assert days.data(days.index(0, ReceptionDaysTableModel.COL_TIME)) == "09:00–11:30"

    deputies = DeputiesTableModel(district_db)
    deputies.set_filters(station_code="YP-01")
    assert deputies.total_count() > 0
    for row in range(deputies.rowCount()):
        assert "控江路街道代表之家" in deputies.data(deputies.index(row, DeputiesTableModel.COL_STATIONS))
        assert deputies.data(deputies.index(row, DeputiesTableModel.COL_LEVEL)) in ("全国", "市", "区")


def test_a_table_view_scrolls_to_the_end(qtbot, district_db: Path) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel(district_db)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(ItemsTableModel.COL_NO, Qt.SortOrder.AscendingOrder)
    view.resize(900, 400)
    view.show()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: view.rowAt(view.viewport().height() - 2) == model.rowCount() - 1)
    last = _sql(district_db, "SELECT item_no FROM items ORDER BY item_no DESC LIMIT 1")[0][0]
    assert model.data(model.index(model.rowCount() - 1, ItemsTableModel.COL_NO)) == last


def test_every_header_is_translated(qtbot, district_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = TS_FILE.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and "<translation/>" not in text
    qm = tmp_path / "models_zh_CN.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        for model_class in ALL_MODELS:
            model = model_class(district_db)
            for column in model_class.COLUMNS:
                translated = QCoreApplication.translate(model_class.CONTEXT, column.header)
                assert translated != column.header, f"{model_class.__name__}: {column.header}"
            model.close()
        items = ItemsTableModel(district_db)
        headers = [items.headerData(c, Qt.Orientation.Horizontal) for c in range(items.columnCount())]
        assert headers == [
            "编号",
            "登记日期",
            "标题",
            "类别",
            "小区",
            "状态",
            "承办单位",
            "办理期限",
            "满意度",
            "家站点",
        ]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert ItemsTableModel(district_db).headerData(0, Qt.Orientation.Horizontal) == "No."
