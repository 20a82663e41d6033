"""Reception-day ledgers: days, who came, who was on leave or absent, and names that mean nobody or several."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app import identity
from app.ledger import LedgerRefused, import_file
from app.services import reception
from app.session import Session
from db import clock
from tests.app.ledger_files import RECEPTION_HEADER, ROSTER_HEADER, ROSTER_ROWS, count, dump, write_csv

DAYS = [
    ["2023/3/15", "9:00", "11:00", "常规接待日", "", "张三、李四", "", ""],
    ["2023年4月12日", "09:00", "11:30", "专题接待", "老旧小区加装电梯", "张三", "李四", "王伟（区）"],
]


@pytest.fixture
def ready(station_session: Session, tmp_path: Path) -> Session:
    import_file(station_session, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, ROSTER_ROWS))
    return station_session


def duties(session: Session) -> list[tuple[str, str, str, int]]:
    return session.db.execute(
        "SELECT r.date, d.name, u.status, u.not_stationed FROM duties u JOIN reception_days r"
        " ON r.uuid = u.reception_day_uuid JOIN deputies d ON d.uuid = u.deputy_uuid ORDER BY r.date, d.name"
    ).fetchall()


def test_days_and_attendance(ready: Session, tmp_path: Path) -> None:
    report = import_file(ready, write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, DAYS))
    assert (report.kind, report.added) == ("reception", 2)
    days = ready.db.execute(
        "SELECT date, start_time, end_time, kind, theme FROM reception_days ORDER BY date"
    )
    assert days.fetchall() == [
        ("2023-03-15", "09:00", "11:00", "regular", ""),
        ("2023-04-12", "09:00", "11:30", "thematic", "老旧小区加装电梯"),
    ]
    assert duties(ready) == [
        ("2023-03-15", "张三", "present", 0),
        ("2023-03-15", "李四", "present", 0),
        ("2023-04-12", "张三", "present", 0),
        ("2023-04-12", "李四", "leave", 0),
        ("2023-04-12", "王伟", "absent", 0),
    ]
    assert report.warnings == []


def test_deputy_not_stationed_here_is_accepted_but_flagged(ready: Session, tmp_path: Path) -> None:
    rows = [["2023-05-10", "9:00", "11:00", "", "", "张三、赵敏", "", ""]]  # 赵敏 is stationed at YP-02
    report = import_file(ready, write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, rows))
    assert ("2023-05-10", "赵敏", "present", 1) in duties(ready)
    assert [(w.row, w.column) for w in report.warnings] == [(2, "到场代表")]
    assert "赵敏" in str(report.warnings[0])


def test_unknown_and_ambiguous_names_refuse_the_row_naming_candidates(ready: Session, tmp_path: Path) -> None:
    rows = [
        ["2023-05-10", "9:00", "11:00", "", "", "张三、钱七", "", ""],
        ["2023-05-17", "9:00", "11:00", "", "", "王伟", "", ""],
        ["2023-05-24", "9:00", "11:00", "", "", "张三", "张三", ""],
    ]
    before = dump(ready)
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, rows))
    problems = caught.value.report.problems
    assert [(p.row, p.column) for p in problems] == [(2, "到场代表"), (3, "到场代表"), (4, "请假代表")]
    assert "钱七" in str(problems[0])
    assert "王伟 区" in str(problems[1]) and "王伟 市" in str(problems[1])
    assert dump(ready) == before


def test_bad_dates_times_and_kinds(ready: Session, tmp_path: Path) -> None:
    future = (clock.today() + timedelta(days=7)).isoformat()
    rows = [
        ["2023-02-30", "9:00", "11:00", "", "", "", "", ""],
        ["2023-03-01", "11:00", "9:00", "", "", "", "", ""],
        ["2023-03-02", "", "", "茶话会", "", "", "", ""],
        [future, "", "", "", "", "张三", "李四", ""],
    ]
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, rows))
    assert [(p.row, p.column) for p in caught.value.report.problems] == [
        (2, "日期"),
        (3, "结束时间"),
        (4, "类型"),
        (5, "到场代表"),
    ]
    assert count(ready, "reception_days") == 0


def test_a_future_day_with_deputies_on_leave_is_a_schedule(ready: Session, tmp_path: Path) -> None:
    future = (clock.today() + timedelta(days=7)).isoformat()
    import_file(
        ready, write_csv(tmp_path / "排班.csv", RECEPTION_HEADER, [[future, "", "", "", "", "", "李四", ""]])
    )
    assert [d[2] for d in duties(ready)] == ["leave"]


def test_reimport_is_unchanged_and_a_corrected_ledger_updates_the_day(ready: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, DAYS)
    import_file(ready, path)
    again = import_file(ready, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    corrected = [list(DAYS[0]), list(DAYS[1])]
    corrected[0][4] = "垃圾分类"  # a theme added
    corrected[1][5:8] = ["张三、李四", "", ""]  # 李四 came after all, 王伟 taken off the day
    later = [*corrected, ["2023-05-10", "9:00", "11:00", "", "", "张三", "", ""]]
    report = import_file(ready, write_csv(tmp_path / "接待日v2.csv", RECEPTION_HEADER, later))
    assert (report.added, report.updated, report.unchanged) == (1, 2, 0)
    assert count(ready, "reception_days") == 3
    assert ("2023-04-12", "李四", "present", 0) in duties(ready)
    assert not any(d[1] == "王伟" for d in duties(ready))
    assert count(ready, "tombstones") == 1


def test_a_day_entered_in_the_app_is_the_same_day(ready: Session, tmp_path: Path) -> None:
    made = reception.create(ready, date="2023-03-15", start_time="09:00", end_time="11:00")
    import_file(ready, write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, DAYS[:1]))
    assert ready.db.execute("SELECT uuid FROM reception_days").fetchall() == [(made.uuid,)]
    assert len(duties(ready)) == 2


def test_district_must_say_whose_ledger(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "district.db", operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会")
    import_file(session, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, ROSTER_ROWS))
    path = write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, DAYS)
    with pytest.raises(LedgerRefused) as caught:
        import_file(session, path)
    assert "--station" in str(caught.value.report.problems[0])
    with pytest.raises(LedgerRefused) as unknown:
        import_file(session, path, station_code="YP-99")
    assert "YP-99" in str(unknown.value.report.problems[0])
    report = import_file(session, path, station_code="yp-01")
    assert report.added == 2
    assert session.db.execute(
        "SELECT DISTINCT s.code FROM reception_days r JOIN stations s ON s.uuid = r.station_uuid"
    )
    session.close()
