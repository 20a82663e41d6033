"""An item raised at a station, handled at the district, returned, and fed back at the station."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.errors import UserError
from app.services import items, stations
from app.sync import conflicts, container, export, importer, keys, status
from tests.app.test_sync_support import canonical, district, everything, give_district_key, station


def test_item_handled_at_the_district_is_fed_back_at_the_station(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=2)
    uuid = items.create(
        desk, date="2024-05-06", title="小区路灯不亮", content="凤城三村12号楼前路灯坏了一个月"
    )
    office = district(tmp_path)
    give_district_key(desk, office)  # before its first export: that bundle is sealed already
    first = export.export_station(desk, tmp_path / "to-office")
    assert first.sealed and status.station_status(desk).sealed_for_district
    visitor = desk.db.execute(
        "SELECT visitor_name, phone FROM visits WHERE phone != '' ORDER BY uuid LIMIT 1"
    ).fetchone()
    for secret in (*visitor, "凤城三村12号楼前路灯坏了一个月"):
        assert secret.encode("utf-8") not in first.path.read_bytes(), secret
    assert importer.import_paths(office, [first.path]).ok

    items.move(office, uuid, "assigned", department="区绿化市容局")
    items.move(office, uuid, "handling")
    items.move(office, uuid, "resolved", reply="已更换灯具，恢复照明")
    back = export.export_return(office, "YP-01", tmp_path / "to-station")
    assert back.path.name == "return-YP-01-000001.liaison"
    # Sealed for YP-01 with the key its bundle brought: a lost stick shows no roster and no reply.
    assert back.sealed
    raw = back.path.read_bytes()
    assert zipfile.ZipFile(back.path).namelist() == ["envelope.json", "payload.bin"]
    phones = [r[0] for r in office.db.execute("SELECT phone FROM deputies WHERE phone != ''")]
    assert phones, "the roster carries deputies' phones"
    for secret in [*phones, "已更换灯具，恢复照明", "区绿化市容局", "tables/"]:
        assert secret.encode("utf-8") not in raw, secret
    envelope = json.loads(zipfile.ZipFile(back.path).read("envelope.json"))
    assert envelope["station_code"] == "YP-01" and envelope["sender"] == "district"
    assert envelope["recipient"] == keys.fingerprint(keys.own_public(desk.db, keys.SEALING) or b"")

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
    give_district_key(desk, office)
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
    give_district_key(a, office)
    give_district_key(b, office)
    importer.import_paths(office, [export.export_station(a, tmp_path / "a").path])
    back = export.export_return(office, "YP-01", tmp_path / "back")
    assert back.sealed
    before = everything(b)
    run = importer.import_paths(b, [back.path])
    assert not run.ok
    reason = run.bundles[0].reason
    assert reason is not None
    assert reason.render("zh_CN") == "这是区人大发给家站点 YP-01 的返回数据包，已加密给该家站点，本机不能打开"
    assert (
        reason.render("en") == "This return bundle is sealed for station YP-01; this database cannot open it"
    )
    assert everything(b) == before
    # …and the station it was sealed for opens it.
    assert importer.import_paths(a, [back.path]).ok
    # A station bundle is not for a station either, sealed for the district or not.
    run = importer.import_paths(b, [export.export_station(a, tmp_path / "a2").path])
    assert not run.ok and "YP-01" in str(run.bundles[0].reason)
    assert everything(b) == before


def test_a_sealed_return_bundle_with_a_flipped_byte_is_refused_whole(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=2)
    office = district(tmp_path)
    give_district_key(desk, office)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "up").path]).ok
    back = export.export_return(office, "YP-01", tmp_path / "back")
    assert back.sealed
    data = back.path.read_bytes()
    with zipfile.ZipFile(back.path) as archive:
        payload = archive.getinfo("payload.bin")
    # One bit inside the ciphertext itself (the payload is stored after its local header).
    offset = payload.header_offset + 30 + len(payload.filename) + len(payload.extra) + 100
    before = everything(desk)
    for position in (offset, len(data) // 2):
        damaged = tmp_path / f"damaged-{position}.liaison"
        damaged.write_bytes(data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :])
        run = importer.import_paths(desk, [damaged])
        assert not run.ok and run.bundles[0].reason is not None
        assert everything(desk) == before, position
    assert "无法解密" in str(run.bundles[0].reason) or "损坏" in str(run.bundles[0].reason)
    assert importer.import_paths(desk, [back.path]).ok  # the undamaged file still opens


def test_return_bundle_is_signed_only_until_the_station_sent_its_sealing_key(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    with desk.db.atomic():
        desk.db.execute("DELETE FROM sync_own_keys WHERE purpose = 'sealing'")  # set up by an older version
    older = export.export_station(desk, tmp_path / "up", without_personal_data=True)  # plain, to rewrite
    # An older version wrote no sealing key into its manifest; such a bundle is still accepted.
    plain = _without_manifest_field(older.path, "sealing_key", keys.signing_key(desk.db))
    assert importer.import_paths(office, [plain]).ok
    assert keys.trusted(office.db, "YP-01", keys.SEALING) is None
    first = export.export_return(office, "YP-01", tmp_path / "back")
    assert not first.sealed and "tables/deputies.csv" in zipfile.ZipFile(first.path).namelist()
    give_district_key(desk, office)
    assert importer.import_paths(desk, [first.path]).ok
    # The station's next bundle brings its key; from then on its return bundles are sealed.
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "up").path]).ok
    assert export.export_return(office, "YP-01", tmp_path / "back").sealed


def test_district_key_change_needs_acceptance_at_the_office(tmp_path: Path) -> None:
    office = district(tmp_path)
    first = station(tmp_path, "YP-01", months=0)
    give_district_key(first, office)
    assert importer.import_paths(office, [export.export_station(first, tmp_path / "1").path]).ok
    # The station's PC was replaced and set up again: same code, new key.
    (tmp_path / "again").mkdir()
    again = station(tmp_path / "again", "YP-01", months=0)
    give_district_key(again, office)
    path = export.export_station(again, tmp_path / "2").path
    run = importer.import_paths(office, [path])
    assert not run.ok and "liaison keys accept YP-01" in str(run.bundles[0].reason)
    new_fp = keys.fingerprint(keys.own_public(again.db, keys.SIGNING) or b"")
    assert new_fp in str(run.bundles[0].reason)
    with pytest.raises(UserError):
        keys.accept(office.db, "YP-02", "区人大")
    # Until the office has the new database's bundle, return bundles stay sealed for the old database's key,
    # which the new one cannot open: it says so, and nothing changes.
    old_sealing = keys.own_public(first.db, keys.SEALING)
    assert keys.trusted(office.db, "YP-01", keys.SEALING) == old_sealing
    early = export.export_return(office, "YP-01", tmp_path / "early")
    before = everything(again)
    run = importer.import_paths(again, [early.path])
    assert not run.ok and "另一把密钥" in str(run.bundles[0].reason) and everything(again) == before
    assert keys.accept(office.db, "YP-01", "区人大") == new_fp
    assert importer.import_paths(office, [path]).ok
    # The accepted key vouches for the sealing key its bundle carries: return bundles now open at the new PC.
    assert keys.trusted(office.db, "YP-01", keys.SEALING) == keys.own_public(again.db, keys.SEALING)
    assert importer.import_paths(again, [export.export_return(office, "YP-01", tmp_path / "late").path]).ok


def _without_manifest_field(path: Path, name: str, signer: Ed25519PrivateKey) -> Path:
    """The bundle as a version without `name` would have written it: the manifest re-signed by its station."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {n: archive.read(n) for n in archive.namelist() if n.startswith("tables/")}
    del manifest[name]
    data, _ = container.build(manifest, tables, signer)
    older = path.with_name("older-" + path.name)
    older.write_bytes(data)
    return older


def test_a_roster_placeholder_giving_way_to_the_stations_own_record_is_no_conflict(
    tmp_path: Path,
) -> None:
    own = station(tmp_path, "YP-01", months=0, name="控江路街道代表之家")
    other = station(tmp_path, "YP-02", months=0)
    with other.write() as writer:  # YP-02's roster names YP-01 before YP-01's own data arrives
        stations.ensure_placeholder(writer, "YP-01")
    office = district(tmp_path)
    give_district_key(own, office)
    give_district_key(other, office)
    assert importer.import_paths(office, [export.export_station(own, tmp_path / "a").path]).ok
    run = importer.import_paths(office, [export.export_station(other, tmp_path / "b").path])
    assert run.ok
    assert run.bundles[0].tables["stations"].conflicts == 0
    assert conflicts.open_conflicts(office) == []
    name = office.db.execute("SELECT name FROM stations WHERE code = 'YP-01'").fetchone()[0]
    assert name == "控江路街道代表之家"


def test_one_stick_carries_both_directions_and_each_side_imports_the_folder(tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    desk = station(tmp_path, "YP-01", months=0)
    items.create(desk, date="2024-05-06", title="路灯不亮", content="凤城三村路灯坏了")
    neighbour = station(tmp_path, "YP-02", months=0)
    office = district(tmp_path)
    give_district_key(desk, office)
    give_district_key(neighbour, office)
    export.export_station(desk, stick)
    export.export_station(neighbour, stick)
    first = importer.import_paths(office, [stick])
    assert first.ok and len(first.bundles) == 2
    # The office heads every first key with its own name, in the clerk's language.
    assert all("首次收到 YP-0" in b.lines()[1] for b in first.bundles)
    export.export_return(office, "YP-01", stick)
    export.export_return(office, "YP-02", stick)
    # Back at the station: its own outgoing bundle, YP-02's and YP-02's return are passed by.
    back = importer.import_paths(desk, [stick])
    assert back.ok, [b.lines() for b in back.bundles]
    assert [b.file_name for b in back.bundles] == ["return-YP-01-000001.liaison"]
    assert not back.bundles[0].key_first_seen  # the station had the district's key from its key file
    # And at the office again: the return bundles it wrote are not its to import.
    again = importer.import_paths(office, [stick])
    assert again.ok and sorted(b.file_name for b in again.bundles) == [
        "YP-01-000001.liaison",
        "YP-02-000001.liaison",
    ]
    # A file named on purpose is still checked, and refused with its reason.
    named = importer.import_paths(office, [stick / "return-YP-01-000001.liaison"])
    assert not named.ok


def test_open_items_at_the_office_are_those_not_yet_handled_as_the_reports_count_them(
    tmp_path: Path,
) -> None:
    from app import stats
    from app.period import Period
    from app.reports.figures import handled

    desk = station(tmp_path, "YP-01", months=0)
    waiting = items.create(desk, date="2024-05-06", title="路口拥堵", content="")
    done = items.create(desk, date="2024-05-07", title="路灯不亮", content="")
    office = district(tmp_path)
    give_district_key(desk, office)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "a").path]).ok
    items.move(office, done, "assigned", department="区绿化市容局")
    items.move(office, done, "handling")
    items.move(office, done, "resolved", reply="已更换灯具")
    figures = stats.compute(office.db, Period.year(2024), "YP-01")
    row = {r.code: r for r in status.district_overview(office)}["YP-01"]
    assert row.items == 2
    assert row.open_items == row.items - handled(figures) == 1
    assert items.require(office.db, waiting)["status"] == "raised"
