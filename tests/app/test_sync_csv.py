"""CSV for spreadsheets: BOM, Chinese headers and labels, ISO dates, formulas neutralised."""

from __future__ import annotations

import csv
from pathlib import Path

from app.domain import SourceKind
from app.services import items, visits
from app.session import Session
from app.sync.csv_export import export_csv, neutralise


def test_cells_that_would_run_as_formulas_are_neutralised() -> None:
    for dangerous in ("=1+2", "+86 138", "-2", "@SUM(A1)", "\tx", "\r=x"):
        assert neutralise(dangerous) == "'" + dangerous
    for harmless in ("王伟", "2024-03-15", "021-65012345", "", 3):
        assert neutralise(harmless) == harmless


def test_export_csv_of_a_year(station_session: Session, tmp_path: Path) -> None:
    visits.create(
        station_session,
        date="2024-03-15",
        visitor_name="王伟",
        raised='=HYPERLINK("http://example.com","点我")',
        community="@凤城三村",
        headcount=2,
    )
    visits.create(station_session, date="2023-12-31", raised="去年的来访")
    item = items.create(station_session, date="2024-03-16", title="-路灯不亮", category="市政")
    items.move(station_session, item, "assigned", department="区绿化市容局")
    written = dict((p.name, n) for p, n in export_csv(station_session, tmp_path, year=2024))
    assert written["来访登记_2024.csv"] == 1 and written["社情民意_2024.csv"] == 1
    raw = (tmp_path / "来访登记_2024.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    with open(tmp_path / "来访登记_2024.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "家站点",
        "日期",
        "来访人",
        "联系电话",
        "小区/居委",
        "人数",
        "反映问题",
        "类别",
        "接待代表",
    ]
    assert rows[1][:3] == ["YP-01", "2024-03-15", "王伟"]
    assert rows[1][4] == "'@凤城三村" and rows[1][6].startswith("'=HYPERLINK")
    with open(tmp_path / "社情民意_2024.csv", encoding="utf-8-sig", newline="") as handle:
        item_rows = list(csv.reader(handle))
    assert item_rows[1][3] == "'-路灯不亮"
    assert item_rows[1][7] == SourceKind.RECEPTION.zh
    assert item_rows[1][8] == "交办" and item_rows[1][9] == "区绿化市容局"
