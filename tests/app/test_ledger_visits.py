"""Visit ledgers: residents received, refused rows, and importing a longer copy of the same spreadsheet."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app import stats
from app.ledger import LedgerRefused, import_file
from app.period import Period
from app.session import Session
from db import clock
from tests.app.ledger_files import (
    RECEPTION_HEADER,
    ROSTER_HEADER,
    ROSTER_ROWS,
    VISIT_HEADER,
    count,
    dump,
    write_csv,
)

VISITS = [
    ["2023-03-15", "陈阿姨", "13912345678", "控江一村", "2", "楼道堆物", "物业管理", "张三、李四"],
    ["2023-03-20", "刘先生", "", "鞍山四村", "1", "停车难", "交通出行", ""],
    ["2023-03-20", "刘先生", "", "鞍山四村", "1", "停车难", "交通出行", ""],  # he came twice that day
]


@pytest.fixture
def ready(station_session: Session, tmp_path: Path) -> Session:
    import_file(station_session, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, ROSTER_ROWS))
    return station_session


def test_visits_with_receiving_deputies_and_person_visits(ready: Session, tmp_path: Path) -> None:
    report = import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, VISITS))
    assert (report.kind, report.rows, report.added) == ("visits", 3, 3)
    figures = stats.compute(ready.db, Period.year(2023))
    assert (figures["visits"], figures["person_visits"]) == (3, 4)
    assert count(ready, "visit_deputies") == 2


def test_a_visit_on_a_reception_day_links_to_it(ready: Session, tmp_path: Path) -> None:
    import_file(
        ready,
        write_csv(
            tmp_path / "接待日.csv", RECEPTION_HEADER, [["2023-03-15", "9:00", "", "", "", "", "", ""]]
        ),
    )
    import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, VISITS))
    linked = ready.db.execute(
        "SELECT v.date, r.date FROM visits v LEFT JOIN reception_days r ON r.uuid = v.reception_day_uuid ORDER BY v.date"
    ).fetchall()
    assert linked == [("2023-03-15", "2023-03-15"), ("2023-03-20", None), ("2023-03-20", None)]


def test_same_file_twice_and_a_longer_copy_add_only_the_new_rows(ready: Session, tmp_path: Path) -> None:
    import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, VISITS[:2]))
    again = import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, VISITS[:2]))
    assert (again.added, again.unchanged, again.already_imported) == (0, 2, True)
    longer = [*VISITS, ["2023-04-02", "周女士", "", "控江二村", "3", "电梯加装", "城市建设", ""]]
    report = import_file(ready, write_csv(tmp_path / "来访-4月.csv", VISIT_HEADER, longer))
    assert (report.added, report.unchanged, report.already_imported) == (2, 2, False)
    assert count(ready, "visits") == 4


def test_every_bad_row_is_reported_and_nothing_is_written(ready: Session, tmp_path: Path) -> None:
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    rows = [
        VISITS[0],
        ["2023-02-30", "甲", "", "", "1", "x", "", ""],
        ["2023-03-01", "乙", "1391234", "", "0", "x", "", ""],
        ["2023-03-01", "丙", "", "", "两", "", "", "钱七"],
        [tomorrow, "丁", "021-6501", "", "", "x", "", ""],
    ]
    before = dump(ready)
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, rows))
    report = caught.value.report
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "日期"),
        (4, "联系电话"),
        (4, "人数"),
        (5, "人数"),
        (5, "反映问题"),
        (5, "接待代表"),
        (6, "日期"),
        (6, "联系电话"),
    ]
    assert report.refused_rows == 4
    messages = [str(p) for p in report.problems]
    assert messages[0] == "第3行 [日期]: 日期“2023-02-30”不存在（2023年没有2月30日）"
    assert "至少为1" in messages[2]
    assert dump(ready) == before


def test_problems_render_in_english(ready: Session, tmp_path: Path) -> None:
    rows = [["2023-03-01", "乙", "", "", "0", "x", "", ""]]
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, write_csv(tmp_path / "来访.csv", VISIT_HEADER, rows))
    assert caught.value.report.problems[0].render("en") == "Row 2 [人数]: Headcount must be at least 1, got 0"
