from __future__ import annotations

import json

import pytest

from app.session import Session
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
