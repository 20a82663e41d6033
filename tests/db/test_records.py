from __future__ import annotations

import json
import sqlite3

import pytest

from app.session import Session
from db.errors import RecordRefused
from db.records import Writer, current_change_seq


def test_writer_needs_a_transaction(session: Session) -> None:
    with pytest.raises(RuntimeError):
        Writer(session.db, "x", "YP-01")


def test_insert_update_delete_keep_versions_audit_and_tombstones(session: Session) -> None:
    with session.write() as w:
        uuid = w.insert("stations", {"code": "YP-09", "name": "测试站", "kind": "point"})
    row = session.db.execute(
        "SELECT version, change_seq, origin FROM stations WHERE uuid = ?", [uuid]
    ).fetchone()
    assert row[0] == 1 and row[1] == current_change_seq(session.db)

    with session.write() as w:
        w.update("stations", uuid, {"name": "测试联系点"})
        w.update("stations", uuid, {"name": "测试联系点"})  # unchanged: no new version
    assert session.db.execute("SELECT version, name FROM stations WHERE uuid = ?", [uuid]).fetchone() == (
        2,
        "测试联系点",
    )
    audit = session.db.execute(
        "SELECT action, operator, old_values, new_values FROM audit_log WHERE record_uuid = ? ORDER BY id",
        [uuid],
    ).fetchall()
    assert [a[0] for a in audit] == ["create", "update"]
    assert audit[1][1] == "测试员"
    assert json.loads(audit[1][2]) == {"name": "测试站"} and json.loads(audit[1][3]) == {"name": "测试联系点"}

    with session.write() as w:
        w.delete("stations", uuid)
    assert session.db.execute("SELECT COUNT(*) FROM stations WHERE uuid = ?", [uuid]).fetchone()[0] == 0
    tomb = session.db.execute(
        "SELECT table_name, operator FROM tombstones WHERE record_uuid = ?", [uuid]
    ).fetchone()
    assert tomb == ("stations", "测试员")


def test_a_failed_transaction_writes_nothing(session: Session) -> None:
    before = current_change_seq(session.db)
    with pytest.raises(ValueError), session.write() as w:
        w.insert("stations", {"code": "YP-10", "name": "x", "kind": "home"})
        raise ValueError("boom")
    assert session.db.execute("SELECT COUNT(*) FROM stations").fetchone()[0] == 0
    assert session.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    assert current_change_seq(session.db) == before


def test_a_broken_rule_names_the_table_the_column_and_the_value(session: Session) -> None:
    with session.write() as w:
        first = w.insert("stations", {"code": "YP-09", "name": "测试站", "kind": "point"})
    with pytest.raises(RecordRefused) as raised, session.db.atomic():
        Writer(session.db, "x", "YP-01").insert(
            "stations", {"code": "YP-09", "name": "另一个", "kind": "home"}
        )
    refused = raised.value
    assert (refused.table, refused.constraint, refused.columns, refused.values) == (
        "stations",
        "unique",
        ("code",),
        ("YP-09",),
    )
    assert refused.record_uuid and refused.record_uuid != first
    assert isinstance(refused, sqlite3.IntegrityError)  # code that handles SQLite's error handles this one


def test_a_record_pointing_nowhere_names_the_missing_parent(session: Session) -> None:
    with pytest.raises(RecordRefused) as raised, session.db.atomic():
        Writer(session.db, "x", "YP-01").insert(
            "reception_days", {"station_uuid": "no-such-station", "date": "2023-03-01"}
        )
    assert raised.value.constraint == "foreign_key"
    assert (raised.value.columns, raised.value.values, raised.value.detail) == (
        ("station_uuid",),
        ("no-such-station",),
        "stations",
    )


def test_deleting_a_record_still_referred_to_names_who_refers(session: Session) -> None:
    with session.write() as w:
        station = w.insert("stations", {"code": "YP-09", "name": "测试站", "kind": "point"})
        w.insert("reception_days", {"station_uuid": station, "date": "2023-03-01"})
    with pytest.raises(RecordRefused) as raised, session.db.atomic():
        Writer(session.db, "x", "YP-01").delete("stations", station)
    assert (raised.value.deleting, raised.value.record_uuid, raised.value.detail) == (
        True,
        station,
        "reception_days",
    )


def test_a_bulk_insert_names_the_row_that_failed(session: Session) -> None:
    with session.write() as w:
        w.insert("stations", {"code": "YP-02", "name": "已有", "kind": "home"})
    rows = [(f"u{n}", f"YP-1{n}", f"站{n}", "home") for n in range(3)] + [("u9", "YP-02", "重复", "home")]
    with pytest.raises(RecordRefused) as raised, session.db.atomic():
        Writer(session.db, "x", "YP-01").insert_many("stations", ("code", "name", "kind"), rows)
    assert (raised.value.record_uuid, raised.value.values) == ("u9", ("YP-02",))
    assert session.db.execute("SELECT COUNT(*) FROM stations").fetchone()[0] == 1  # nothing of it stayed
