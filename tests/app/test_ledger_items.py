"""Sentiment-item ledgers: new items with their workflow history, and the district applying replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import identity
from app.ledger import LedgerRefused, import_file
from app.services import items
from app.session import Session
from tests.app.ledger_files import ITEM_HEADER, count, dump, write_csv

ITEMS = [
    [
        "2023-03-15",
        "楼道堆物清理",
        "居民反映楼道堆物",
        "物业管理",
        "控江一村",
        "接待日",
        "已反馈",
        "控江路街道",
        "已清理",
        "满意",
        "",
    ],
    ["2023-03-20", "停车难", "", "交通出行", "鞍山四村", "来访", "提出", "", "", "", ""],
    ["2023-04-02", "加装电梯", "", "城市建设", "控江二村", "来信", "承办", "区房管局", "", "", ""],
]


def statuses(session: Session) -> dict[str, str]:
    return dict(session.db.execute("SELECT title, status FROM items").fetchall())


def test_new_items_get_numbers_and_an_event_for_every_step(station_session: Session, tmp_path: Path) -> None:
    report = import_file(station_session, write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS))
    assert (report.kind, report.added) == ("items", 3)
    assert statuses(station_session) == {
        "楼道堆物清理": "fed_back",
        "停车难": "raised",
        "加装电梯": "handling",
    }
    numbers = sorted(r[0] for r in station_session.db.execute("SELECT item_no FROM items"))
    assert numbers == ["YP-01-2023-0001", "YP-01-2023-0002", "YP-01-2023-0003"]
    fed_back = station_session.db.execute(
        "SELECT uuid, satisfaction, source_kind FROM items WHERE title = '楼道堆物清理'"
    )
    uuid, satisfaction, source = fed_back.fetchone()
    assert (satisfaction, source) == ("satisfied", "reception")
    history = items.history(station_session.db, uuid)
    assert [(e["kind"], e["from_status"], e["to_status"], e["lamport"]) for e in history] == [
        ("created", None, "raised", 1),
        ("status", "raised", "assigned", 2),
        ("status", "assigned", "handling", 3),
        ("status", "handling", "resolved", 4),
        ("status", "resolved", "fed_back", 5),
        ("note", None, None, 6),  # the satisfaction, in the log as well, so that a merge keeps it
    ]
    assert history[-1]["note"] == "satisfaction=satisfied"
    assert {e["operator"] for e in history} == {"测试员"}
    again = import_file(station_session, write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_workflow_rules_refuse_rows(station_session: Session, tmp_path: Path) -> None:
    rows = [
        ["2023-03-15", "甲", "", "", "", "", "交办", "", "", "", ""],
        ["2023-03-15", "乙", "", "", "", "", "落实", "街道", "", "", ""],
        ["2023-03-15", "丙", "", "", "", "", "承办", "街道", "", "满意", ""],
        ["2023-03-15", "", "", "", "", "微信", "完成", "", "", "很好", ""],
    ]
    before = dump(station_session)
    with pytest.raises(LedgerRefused) as caught:
        import_file(station_session, write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, rows))
    assert [(p.row, p.column) for p in caught.value.report.problems] == [
        (2, "承办单位"),
        (3, "办理结果"),
        (4, "满意度"),
        (5, "标题"),
        (5, "来源"),
        (5, "状态"),
        (5, "满意度"),
    ]
    assert dump(station_session) == before


def test_district_applies_replies_by_item_number_and_uuid(tmp_path: Path) -> None:
    """A station's items reach the district; the district's reply sheet moves them on, with history."""
    station = Session.open(tmp_path / "station.db", operator="联络员")
    identity.init_station(station, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道")
    import_file(station, write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS))
    by_title = {r[0]: (r[1], r[2]) for r in station.db.execute("SELECT title, item_no, uuid FROM items")}
    replies = [
        ["2023-03-20", "停车难", "", "", "", "", "交办", "区交通委", "", "", by_title["停车难"][0]],
        [
            "2023-04-02",
            "加装电梯",
            "",
            "",
            "",
            "",
            "已反馈",
            "",
            "已立项加装",
            "基本满意",
            by_title["加装电梯"][1],
        ],
        ["2023-03-15", "楼道堆物清理", "", "", "", "", "", "", "", "", by_title["楼道堆物清理"][0]],
    ]
    path = write_csv(tmp_path / "办理答复.csv", ITEM_HEADER, replies)
    station.operator = "区人大"
    report = import_file(station, path)
    assert (report.added, report.updated, report.unchanged) == (0, 2, 1)
    assert report.warnings == []  # the third row names no status: the item keeps its own
    assert statuses(station) == {"楼道堆物清理": "fed_back", "停车难": "assigned", "加装电梯": "fed_back"}
    lift = station.db.execute(
        "SELECT department, reply, satisfaction FROM items WHERE title = '加装电梯'"
    ).fetchone()
    assert lift == ("区房管局", "已立项加装", "basically")
    steps = [
        (e["from_status"], e["to_status"], e["operator"])
        for e in items.history(station.db, by_title["加装电梯"][1])
        if e["kind"] == "status"
    ]
    assert steps[-2:] == [("handling", "resolved", "区人大"), ("resolved", "fed_back", "区人大")]
    audited = station.db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'items' AND action = 'update' AND operator = '区人大'"
    ).fetchone()[0]
    assert audited == 2
    again = import_file(station, path)
    assert (again.updated, again.unchanged) == (0, 3)
    older = [["2023-04-02", "加装电梯", "", "", "", "", "交办", "区房管局", "", "", by_title["加装电梯"][0]]]
    backwards = import_file(station, write_csv(tmp_path / "旧答复.csv", ITEM_HEADER, older))
    assert (backwards.updated, backwards.unchanged) == (0, 1)
    assert "保持不变" in str(backwards.warnings[0])
    assert statuses(station)["加装电梯"] == "fed_back"
    station.close()


def test_unknown_uuid_is_refused_and_unknown_number_is_a_new_item(
    station_session: Session, tmp_path: Path
) -> None:
    rows = [["2023-03-15", "甲", "", "", "", "", "", "", "", "", "7d1c2e1a-1111-4a2b-9c3d-123456789abc"]]
    with pytest.raises(LedgerRefused) as caught:
        import_file(station_session, write_csv(tmp_path / "a.csv", ITEM_HEADER, rows))
    assert caught.value.report.problems[0].column == "编号"
    numbered = [
        ["2023-03-15", "甲", "", "", "", "", "", "", "", "", "YP-01-2023-0002"],
        ["2023-03-16", "乙", "", "", "", "", "", "", "", "", ""],
        ["2023-03-17", "丙", "", "", "", "", "", "", "", "", ""],
    ]
    import_file(station_session, write_csv(tmp_path / "b.csv", ITEM_HEADER, numbered))
    assert dict(station_session.db.execute("SELECT title, item_no FROM items")) == {
        "甲": "YP-01-2023-0002",
        "乙": "YP-01-2023-0001",
        "丙": "YP-01-2023-0003",
    }
    assert count(station_session, "items") == 3


def test_district_creating_items_needs_a_station(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "district.db")
    identity.init_district(session, name="杨浦区人大常委会")
    with pytest.raises(LedgerRefused) as caught:
        import_file(session, write_csv(tmp_path / "a.csv", ITEM_HEADER, ITEMS[:1]))
    assert "--station" in str(caught.value.report.problems[0])
    session.close()
