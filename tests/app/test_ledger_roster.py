"""Roster imports: who the deputies are, where they are stationed, and the same people everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import identity
from app.ledger import LedgerRefused, import_file
from app.services.deputies import deputy_uuid_for
from app.services.stations import station_uuid_for
from app.session import Session
from tests.app.ledger_files import ROSTER_HEADER, ROSTER_ROWS, count, dump, write_csv, write_xlsx


def test_roster_adds_deputies_stationings_and_placeholder_stations(
    station_session: Session, tmp_path: Path
) -> None:
    report = import_file(station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, ROSTER_ROWS))
    assert (report.kind, report.rows, report.added, report.updated, report.unchanged) == (
        "roster",
        5,
        5,
        0,
        0,
    )
    assert count(station_session, "deputies") == 5
    # 张三 at YP-01 and YP-02, 李四 YP-01, 王伟(区) YP-01, 王伟(市) YP-02, 赵敏 YP-02
    assert count(station_session, "stationings") == 6
    placeholder = station_session.db.execute(
        "SELECT name, kind FROM stations WHERE code = 'YP-02'"
    ).fetchone()
    assert placeholder == ("YP-02", None)
    li = station_session.db.execute(
        "SELECT uuid, level, gender, phone, deputy_no FROM deputies WHERE name = '李四'"
    ).fetchone()
    assert li == (
        deputy_uuid_for(deputy_no="SH-017", name="李四", level="municipal"),
        "municipal",
        "female",
        "02165012345",
        "SH-017",
    )


def test_same_file_twice_adds_nothing(station_session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "名册.csv", ROSTER_HEADER, ROSTER_ROWS)
    import_file(station_session, path)
    before = dump(station_session)
    report = import_file(station_session, path)
    assert (report.added, report.updated, report.unchanged, report.already_imported) == (0, 0, 5, True)
    after = dump(station_session)
    for table in ("deputies", "stationings", "stations", "tombstones", "change_counter"):
        assert after[table] == before[table], table
    # The second import is recorded (once, in the log), and changes no record.
    new_audit = [row for row in after["audit_log"] if row not in before["audit_log"]]
    assert [row[3] for row in new_audit] == ["ledger_imports"]


def test_reimport_updates_changed_fields_and_adds_stationings(
    station_session: Session, tmp_path: Path
) -> None:
    import_file(station_session, write_csv(tmp_path / "v1.csv", ROSTER_HEADER, ROSTER_ROWS))
    changed = [list(r) for r in ROSTER_ROWS]
    changed[0][4] = "13899998888"  # 张三's new phone
    changed[1][5] = "财经组"  # 李四's new group
    changed[2][6] = "YP-01;YP-03"  # 王伟(区) also at YP-03
    report = import_file(station_session, write_xlsx(tmp_path / "v2.xlsx", ROSTER_HEADER, changed))
    assert (report.added, report.updated, report.unchanged) == (0, 3, 2)
    rows = dict(station_session.db.execute("SELECT name || level, phone || professional_group FROM deputies"))
    assert rows["张三district"] == "13899998888城建环保组"
    assert rows["李四municipal"] == "02165012345财经组"
    assert count(station_session, "stationings") == 7
    audit = station_session.db.execute(
        "SELECT new_values FROM audit_log WHERE table_name = 'deputies' AND action = 'update'"
    ).fetchall()
    assert len(audit) == 2


def test_the_same_roster_at_a_station_and_the_district_makes_the_same_records(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "名册.csv", ROSTER_HEADER, ROSTER_ROWS)
    uuids = []
    for role in ("station", "district"):
        session = Session.open(tmp_path / f"{role}.db", operator="测试员")
        if role == "station":
            identity.init_station(
                session, code="YP-02", name="延吉新村街道代表联络站", kind="station", street="延吉"
            )
        else:
            identity.init_district(session, name="杨浦区人大常委会")
        import_file(session, path)
        uuids.append(
            (
                sorted(r[0] for r in session.db.execute("SELECT uuid FROM deputies").fetchall()),
                sorted(r[0] for r in session.db.execute("SELECT uuid FROM stationings").fetchall()),
            )
        )
        session.close()
    assert uuids[0] == uuids[1]


def test_deputy_entered_by_hand_is_matched_by_name_and_level_and_given_the_number(
    station_session: Session, tmp_path: Path
) -> None:
    from app.services import deputies

    by_hand = deputies.create(station_session, name="李四", level="市", phone="13811112222")
    import_file(station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, ROSTER_ROWS))
    rows = station_session.db.execute(
        "SELECT uuid, deputy_no, phone FROM deputies WHERE name = '李四'"
    ).fetchall()
    assert rows == [(by_hand, "SH-017", "02165012345")]


def test_station_codes_split_on_either_semicolon(station_session: Session, tmp_path: Path) -> None:
    rows = [["张三", "区", "", "", "", "", "yp-01；YP-02;YP-03", ""]]
    import_file(station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, rows))
    codes = [
        r[0]
        for r in station_session.db.execute(
            "SELECT t.code FROM stationings s JOIN stations t ON t.uuid = s.station_uuid ORDER BY t.code"
        )
    ]
    assert codes == ["YP-01", "YP-02", "YP-03"]
    assert station_session.db.execute("SELECT uuid FROM stations WHERE code = 'YP-03'").fetchone()[0] == (
        station_uuid_for("YP-03")
    )


def test_bad_roster_rows_are_all_reported_and_nothing_is_written(
    station_session: Session, tmp_path: Path
) -> None:
    rows = [
        ["张三", "省", "男", "", "", "", "YP-01", ""],
        ["", "区", "", "", "", "", "", ""],
        ["李四", "市", "未知", "", "1234", "", "YP 01!", ""],
        ["王伟", "区", "男", "", "", "", "YP-01", ""],
    ]
    before = dump(station_session)
    with pytest.raises(LedgerRefused) as caught:
        import_file(station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, rows))
    found = [(p.row, p.column) for p in caught.value.report.problems]
    assert found == [(2, "层级"), (3, "姓名"), (4, "性别"), (4, "联系电话"), (4, "入驻家站点")]
    assert "全国、市、区" in str(caught.value.report.problems[0])
    assert dump(station_session) == before


def test_duplicate_rows_in_one_roster_are_merged_with_a_warning(
    station_session: Session, tmp_path: Path
) -> None:
    rows = [
        ["张三", "区", "", "", "", "", "YP-01", ""],
        ["张三", "区区人大代表"[:1], "", "", "", "", "YP-02", ""],
    ]
    report = import_file(station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, rows))
    assert report.added == 1
    assert count(station_session, "stationings") == 2
    assert [w.row for w in report.warnings] == [3]


def test_dry_run_checks_and_counts_but_writes_nothing(station_session: Session, tmp_path: Path) -> None:
    before = dump(station_session)
    report = import_file(
        station_session, write_csv(tmp_path / "名册.csv", ROSTER_HEADER, ROSTER_ROWS), dry_run=True
    )
    assert report.added == 5
    assert dump(station_session) == before
