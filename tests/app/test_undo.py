"""Undo takes the last change back as a new change: records come back whole, steps are answered in the
handling log, and what was taken back travels to the district like any other change."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import undo
from app.errors import UserError
from app.operations import perform
from app.services import deputies as deputy_service
from app.services import items as item_service
from app.services import visits as visit_service
from app.session import Session
from app.sync import export, importer
from tests.app.test_sync_support import district, give_district_key, station


def _visit_with_deputies(s: Session) -> tuple[str, list[str]]:
    deputies = [deputy_service.create(s, name=n, level="district") for n in ("周建国", "李梅")]
    uuid = visit_service.create(
        s, date="2026-12-10", raised="小区电梯加装进度缓慢", visitor_name="张秀英", deputy_uuids=deputies
    )
    return uuid, deputies


def test_a_deleted_visit_comes_back_with_its_deputies(station_session: Session) -> None:
    s = station_session
    uuid, deputies = _visit_with_deputies(s)
    before = s.db.execute("SELECT date, raised, visitor_name FROM visits WHERE uuid = ?", [uuid]).fetchone()
    deleted = perform(s, visit_service.delete, uuid)
    assert undo.describe(s.db, deleted.changes.change_seqs).render("zh_CN") == "删除来访登记"
    assert s.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0

    taken_back = perform(s, undo.revert, deleted.changes.change_seqs)

    assert (
        s.db.execute("SELECT date, raised, visitor_name FROM visits WHERE uuid = ?", [uuid]).fetchone()
        == before
    )
    assert sorted(visit_service.receiving_deputies(s.db, uuid)) == sorted(["周建国", "李梅"])
    assert s.db.execute("SELECT COUNT(*) FROM tombstones").fetchone()[0] == 0
    assert {"visits", "visit_deputies"} <= taken_back.changes.tables


def test_an_undone_edit_gets_the_old_values_back(station_session: Session) -> None:
    s = station_session
    uuid, _ = _visit_with_deputies(s)
    edited = perform(s, visit_service.update, uuid, community="控江一村", raised="电梯的事")
    assert undo.describe(s.db, edited.changes.change_seqs).render("zh_CN") == "修改来访登记"
    perform(s, undo.revert, edited.changes.change_seqs)
    row = s.db.execute("SELECT community, raised FROM visits WHERE uuid = ?", [uuid]).fetchone()
    assert row == ("", "小区电梯加装进度缓慢")


def test_an_undone_create_removes_the_record(station_session: Session) -> None:
    s = station_session
    created = perform(s, visit_service.create, date="2026-12-10", raised="路灯不亮")
    perform(s, undo.revert, created.changes.change_seqs)
    assert s.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0


def test_a_wrong_status_step_is_taken_back_by_a_new_step_in_the_log(station_session: Session) -> None:
    s = station_session
    item = item_service.create(s, date="2026-12-01", title="路灯不亮", content="小区路灯坏了一个月")
    perform(s, item_service.move, item, "assigned", department="区绿化市容局", due_date="2026-12-31")
    wrong = perform(s, item_service.move, item, "handling")
    perform(s, undo.revert, wrong.changes.change_seqs)
    row = s.db.execute("SELECT status, department FROM items WHERE uuid = ?", [item]).fetchone()
    assert row == ("assigned", "区绿化市容局")
    steps = s.db.execute(
        "SELECT from_status, to_status, note FROM item_events WHERE item_uuid = ? AND kind = 'status'"
        " ORDER BY at, rowid",
        [item],
    ).fetchall()
    assert steps == [
        ("raised", "assigned", ""),
        ("assigned", "handling", ""),
        ("handling", "assigned", "撤销"),
    ]


def test_a_record_changed_since_is_not_undone_and_nothing_is_written(station_session: Session) -> None:
    s = station_session
    uuid, _ = _visit_with_deputies(s)
    edited = perform(s, visit_service.update, uuid, community="控江一村")
    visit_service.update(s, uuid, community="凤城三村")  # a later change, e.g. from elsewhere
    audit_before = s.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(UserError) as refused:
        perform(s, undo.revert, edited.changes.change_seqs)
    assert "此后已被修改" in str(refused.value)
    assert s.db.execute("SELECT community FROM visits WHERE uuid = ?", [uuid]).fetchone()[0] == "凤城三村"
    assert s.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_before


def test_an_undone_deletion_reaches_the_district_alive(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    give_district_key(s, office)
    uuid, _ = _visit_with_deputies(s)
    importer.import_paths(office, [export.export_station(s, tmp_path / "stick").path])
    assert office.db.execute("SELECT COUNT(*) FROM visits WHERE uuid = ?", [uuid]).fetchone()[0] == 1

    deleted = perform(s, visit_service.delete, uuid)
    perform(s, undo.revert, deleted.changes.change_seqs)
    run = importer.import_paths(office, [export.export_station(s, tmp_path / "stick").path])

    assert run.ok
    alive = office.db.execute("SELECT raised FROM visits WHERE uuid = ?", [uuid]).fetchone()
    assert alive == ("小区电梯加装进度缓慢",)
    assert (
        office.db.execute("SELECT COUNT(*) FROM visit_deputies WHERE visit_uuid = ?", [uuid]).fetchone()[0]
        == 2
    )
    assert office.db.execute("SELECT COUNT(*) FROM tombstones").fetchone()[0] == 0


def test_a_deletion_already_exported_is_not_undone(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=0)
    uuid, _ = _visit_with_deputies(s)
    deleted = perform(s, visit_service.delete, uuid)
    export.export_station(s, tmp_path / "stick", without_personal_data=True)
    with pytest.raises(UserError) as refused:
        perform(s, undo.revert, deleted.changes.change_seqs)
    assert "已随数据包导出" in str(refused.value)
    assert s.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0
