"""An item raised at a station, handled at the district, returned, and fed back at the station."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UserError
from app.services import items
from app.sync import conflicts, export, importer, keys, status
from tests.app.test_sync_support import canonical, district, station


def test_item_handled_at_the_district_is_fed_back_at_the_station(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=1)
    uuid = items.create(
        desk, date="2024-05-06", title="小区路灯不亮", content="凤城三村12号楼前路灯坏了一个月"
    )
    office = district(tmp_path)
    first = export.export_station(desk, tmp_path / "to-office")
    assert not first.sealed  # the station does not yet hold the district's key
    assert importer.import_paths(office, [first.path]).ok

    items.move(office, uuid, "assigned", department="区绿化市容局")
    items.move(office, uuid, "handling")
    items.move(office, uuid, "resolved", reply="已更换灯具，恢复照明")
    back = export.export_return(office, "YP-01", tmp_path / "to-station")
    assert back.path.name == "return-YP-01-000001.liaison"

    run = importer.import_paths(desk, [back.path])
    assert run.ok, run.bundles[0].lines()
    assert run.bundles[0].tables["items"].updated == 1
    item = items.require(desk.db, uuid)
    assert (item["status"], item["department"], item["reply"]) == (
        "resolved",
        "区绿化市容局",
        "已更换灯具，恢复照明",
    )
    steps = [e["to_status"] for e in items.history(desk.db, uuid) if e["kind"] in ("created", "status")]
    assert steps == ["raised", "assigned", "handling", "resolved"]
    # The station now holds the district's keys: its next bundle is sealed for the district.
    assert status.station_status(desk).sealed_for_district
    assert status.station_status(desk).replies_to_feed_back >= 1

    items.move(desk, uuid, "fed_back", satisfaction="satisfied")
    second = export.export_station(desk, tmp_path / "to-office")
    assert second.sealed
    assert b"\xe8\xb7\xaf\xe7\x81\xaf" not in second.path.read_bytes()  # "路灯" is not readable on the stick
    run = importer.import_paths(office, [second.path])
    assert run.ok and run.bundles[0].tables["items"].updated == 1
    assert run.bundles[0].tables["items"].conflicts == 0
    at_office = items.require(office.db, uuid)
    assert (at_office["status"], at_office["satisfaction"]) == ("fed_back", "satisfied")
    assert canonical(office, ("items", "item_events"), clocks=False)["items"] == [
        r
        for r in canonical(desk, ("items",), clocks=False)["items"]
        if r[0] in {x[0] for x in canonical(office, ("items",), clocks=False)["items"]}
    ]


def test_both_sides_changing_an_item_is_kept_as_a_labelled_conflict(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    uuid = items.create(desk, date="2024-05-06", title="路口拥堵", content="早高峰拥堵")
    office = district(tmp_path)
    importer.import_paths(office, [export.export_station(desk, tmp_path / "a").path])
    items.move(office, uuid, "assigned", department="区交警支队")  # the district assigns…
    items.edit(desk, uuid, title="学校路口早高峰拥堵")  # …while the station corrects the title
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "b").path])
    assert run.ok and run.bundles[0].tables["items"].conflicts == 1
    conflict = office.db.execute("SELECT kept, other, other_from FROM sync_conflicts").fetchone()
    kept, other = json.loads(conflict[0]), json.loads(conflict[1])
    assert {kept["title"], other["title"]} == {"路口拥堵", "学校路口早高峰拥堵"}
    # The status follows the merged history: the district's assignment is not lost to the station's edit.
    merged = items.require(office.db, uuid)
    assert (merged["status"], merged["department"]) == ("assigned", "区交警支队")
    assert status.open_conflicts(office) == 1

    # The office keeps the station's corrected title; the assignment stays, and the choice travels back.
    (found,) = conflicts.open_conflicts(office)
    assert "title" in found.differences()
    keep = "kept" if found.kept["title"] == "学校路口早高峰拥堵" else "other"
    conflicts.resolve(office, found.id, keep)
    resolved = items.require(office.db, uuid)
    assert (resolved["title"], resolved["status"], resolved["department"]) == (
        "学校路口早高峰拥堵",
        "assigned",
        "区交警支队",
    )
    assert status.open_conflicts(office) == 0
    with pytest.raises(UserError):
        conflicts.resolve(office, found.id, "kept")
    back = importer.import_paths(desk, [export.export_return(office, "YP-01", tmp_path / "r").path])
    assert back.ok and back.bundles[0].tables["items"].conflicts == 0
    at_station = items.require(desk.db, uuid)
    assert (at_station["title"], at_station["department"]) == ("学校路口早高峰拥堵", "区交警支队")


def test_return_bundle_for_another_station_is_refused(tmp_path: Path) -> None:
    a = station(tmp_path, "YP-01", months=0)
    b = station(tmp_path, "YP-02", months=0)
    office = district(tmp_path)
    importer.import_paths(office, [export.export_station(a, tmp_path / "a").path])
    back = export.export_return(office, "YP-01", tmp_path / "back")
    run = importer.import_paths(b, [back.path])
    assert not run.ok and "YP-01" in str(run.bundles[0].reason)
    # …and a station bundle is not for a station either.
    run = importer.import_paths(b, [export.export_station(a, tmp_path / "a2").path])
    assert not run.ok


def test_district_key_change_needs_acceptance_at_the_office(tmp_path: Path) -> None:
    office = district(tmp_path)
    first = station(tmp_path, "YP-01", months=0)
    assert importer.import_paths(office, [export.export_station(first, tmp_path / "1").path]).ok
    # The station's PC was replaced and set up again: same code, new key.
    (tmp_path / "again").mkdir()
    again = station(tmp_path / "again", "YP-01", months=0)
    path = export.export_station(again, tmp_path / "2").path
    run = importer.import_paths(office, [path])
    assert not run.ok and "liaison keys accept YP-01" in str(run.bundles[0].reason)
    new_fp = keys.fingerprint(keys.own_public(again.db, keys.SIGNING) or b"")
    assert new_fp in str(run.bundles[0].reason)
    with pytest.raises(UserError):
        keys.accept(office.db, "YP-02", "区人大")
    assert keys.accept(office.db, "YP-01", "区人大") == new_fp
    assert importer.import_paths(office, [path]).ok
