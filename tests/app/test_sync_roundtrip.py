"""Stations' bundles through the district: the union of their data, once, however often imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import stats
from app.errors import UserError
from app.period import Period
from app.services import visits
from app.session import Session
from app.sync import container, export, importer, keys, status
from tests.app.test_sync_support import canonical, district, everything, give_district_key, station

ALL_TIME = Period.between("2000-01-01", "2100-12-31")
PER_STATION = ("reception_days", "visits", "person_visits", "sentiment_items")


def test_round_trip_of_three_stations_is_the_union(tmp_path: Path) -> None:
    out = tmp_path / "stick"
    figures = []
    office = district(tmp_path)
    # One roster (the demo's, from the same seed) loaded at each station; different months of activity.
    for code, months in (("YP-01", 6), ("YP-02", 5), ("YP-03", 4)):
        s = station(tmp_path, code, months=months)
        give_district_key(s, office)
        figures.append((code, stats.compute(s.db, ALL_TIME, code)))
        result = export.export_station(s, out)
        assert result.path.exists() and result.sealed
        s.close()
    run = importer.import_paths(office, [out])
    assert run.ok and [b.outcome for b in run.bundles] == ["imported"] * 3
    assert all(b.key_first_seen and b.key_fingerprint for b in run.bundles)
    merged = stats.compute(office.db, ALL_TIME)
    for key in PER_STATION:
        assert merged[key] == sum(f[key] for _, f in figures), key
    for status_name in merged["items_by_status"]:
        assert merged["items_by_status"][status_name] == sum(
            f["items_by_status"][status_name] for _, f in figures
        )
    for kind in ("present", "leave", "absent"):
        assert merged["attendance"][kind] == sum(f["attendance"][kind] for _, f in figures)
    # Per station at the district, the same figures the station itself reports.
    for code, own in figures:
        there = stats.compute(office.db, ALL_TIME, code)
        assert {k: there[k] for k in PER_STATION} == {k: own[k] for k in PER_STATION}
    # The roster loaded at every station is one roster at the district, not three.
    assert office.db.execute("SELECT COUNT(*) FROM deputies").fetchone()[0] == 60
    assert office.db.execute("SELECT COUNT(*) FROM sync_conflicts").fetchone()[0] == 0
    # Full-text search at the district finds what the stations wrote.
    title = office.db.execute("SELECT title FROM items ORDER BY uuid LIMIT 1").fetchone()[0]
    found = office.db.execute(
        "SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH ?", [f'"{title[:4]}"']
    ).fetchone()
    assert found[0] >= 1
    overview = {row.code: row for row in status.district_overview(office)}
    assert overview["YP-02"].last_sequence == 1 and overview["YP-02"].fingerprint
    assert overview["YP-02"].visits == figures[1][1]["visits"]

    before = everything(office)
    again = importer.import_paths(office, [out])
    assert [b.outcome for b in again.bundles] == ["already"] * 3
    assert everything(office) == before


def test_incremental_exports_carry_changes_and_deletions(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=2)
    office = district(tmp_path)
    give_district_key(s, office)
    out = tmp_path / "stick"
    first = export.export_station(s, out)
    assert export.unexported_count(s) == 0
    # A visit whose community really changes: the demo may already have put one in 凤城三村.
    visit = s.db.execute(
        "SELECT uuid FROM visits WHERE community IS NOT '凤城三村' ORDER BY date, uuid LIMIT 1"
    ).fetchone()[0]
    visits.update(s, visit, community="凤城三村")
    other = s.db.execute(
        "SELECT uuid FROM visits WHERE uuid != ? ORDER BY date, uuid LIMIT 1", [visit]
    ).fetchone()[0]
    visits.delete(s, other)
    assert export.unexported_count(s) > 0
    second = export.export_station(s, out)
    assert second.sequence == 2 and second.records < first.records
    run = importer.import_paths(office, [out])
    assert run.ok
    assert run.bundles[1].tables["visits"].updated == 1
    assert run.bundles[1].tables["visits"].deleted == 1
    assert (
        office.db.execute("SELECT community FROM visits WHERE uuid = ?", [visit]).fetchone()[0] == "凤城三村"
    )
    assert office.db.execute("SELECT 1 FROM visits WHERE uuid = ?", [other]).fetchone() is None
    assert canonical(office, clocks=False)["visits"] == canonical(s, clocks=False)["visits"]


def test_gaps_are_reported_without_blocking(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=2)
    office = district(tmp_path)
    give_district_key(s, office)
    out = tmp_path / "stick"
    paths = []
    for n in range(3):
        visits.create(s, date="2024-03-0" + str(n + 1), raised=f"第{n}次反映的问题")
        paths.append(export.export_station(s, out).path)
    run = importer.import_paths(office, [paths[0], paths[2]])
    assert run.ok and run.gaps == {"YP-01": [2]}
    assert [n.render("zh_CN") for n in run.gap_notes()] == ["YP-01：缺少第 2 号数据包"]
    assert [n.render("en") for n in run.gap_notes()] == ["YP-01: bundle 2 missing"]
    late = importer.import_paths(office, [paths[1]])
    assert late.ok and late.gaps == {}
    assert canonical(office, clocks=False)["visits"] == canonical(s, clocks=False)["visits"]


def test_dry_run_checks_and_writes_nothing(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=2)
    office = district(tmp_path)
    give_district_key(s, office)
    path = export.export_station(s, tmp_path / "stick").path
    before = everything(office)
    run = importer.import_paths(office, [path], dry_run=True)
    assert run.bundles[0].outcome == "checked"
    assert run.bundles[0].tables["visits"].imported > 0
    assert everything(office) == before
    # Nothing was trusted either, and the summary says so.
    assert "试运行，未登记" in run.bundles[0].lines()[1] and "已登记" not in run.bundles[0].lines()[1]
    assert "已登记" in importer.import_paths(office, [path]).bundles[0].lines()[1]


def test_one_station_cannot_change_another_stations_records(tmp_path: Path) -> None:
    office = district(tmp_path)
    a = station(tmp_path, "YP-01", months=2, seed=1)
    give_district_key(a, office)
    importer.import_paths(office, [export.export_station(a, tmp_path / "a").path])
    # YP-02 somehow holds a copy of one of YP-01's visits and edits it.
    b = station(tmp_path, "YP-02", months=0)
    give_district_key(b, office)
    row = a.db.execute("SELECT uuid, date, raised FROM visits ORDER BY uuid LIMIT 1").fetchone()
    b.db.execute("PRAGMA foreign_keys = OFF")
    with b.write() as writer:
        writer.insert(
            "visits",
            {"station_uuid": a.local_station_uuid(), "date": row[1], "raised": "篡改的内容"},
            record_uuid=row[0],
        )
    result = importer.import_paths(office, [export.export_station(b, tmp_path / "b").path])
    assert result.bundles[0].tables["visits"].refused == 1
    assert "其他家站点" in result.bundles[0].refused_rows[0].reason.render("zh_CN")
    assert office.db.execute("SELECT raised FROM visits WHERE uuid = ?", [row[0]]).fetchone()[0] == row[2]


def test_a_failed_export_marks_nothing_exported(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=2)
    give_district_key(s, district(tmp_path))
    waiting = export.unexported_count(s)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the stick's folder should be")
    with pytest.raises(UserError):
        export.export_station(s, blocked)
    assert export.unexported_count(s) == waiting and export.last_export(s) is None
    assert not list(tmp_path.glob("**/*.part"))
    done = export.export_station(s, tmp_path / "stick")
    assert done.sequence == 1 and export.unexported_count(s) == 0


def test_a_database_set_up_before_keys_existed_gets_them_on_export(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    give_district_key(s, office)
    with s.db.atomic():
        s.db.execute("DELETE FROM sync_own_keys")  # as a database initialised by an older version
    result = export.export_station(s, tmp_path / "stick")
    assert result.path.exists()
    assert s.db.execute("SELECT purpose FROM sync_own_keys ORDER BY purpose").fetchall() == [
        ("sealing",),
        ("signing",),
    ]
    assert importer.import_paths(office, [result.path]).ok


def test_a_station_without_a_sealing_key_gets_one_on_export_once(tmp_path: Path) -> None:
    s = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    give_district_key(s, office)
    signing = keys.own_public(s.db, keys.SIGNING)
    with s.db.atomic():
        s.db.execute("DELETE FROM sync_own_keys WHERE purpose = 'sealing'")  # set up before stations sealed
    first = export.export_station(s, tmp_path / "stick")
    sealing = keys.own_public(s.db, keys.SEALING)
    assert sealing is not None and keys.own_public(s.db, keys.SIGNING) == signing
    second = export.export_station(s, tmp_path / "stick", full=True)
    assert keys.own_public(s.db, keys.SEALING) == sealing  # idempotent: the key is made once
    for path in (first.path, second.path):
        manifest = json.loads(_opened(office, path).manifest_bytes)
        assert keys.unb64(manifest["sealing_key"]) == sealing
    assert importer.import_paths(office, [first.path]).ok
    assert keys.trusted(office.db, "YP-01", keys.SEALING) == sealing


def _opened(office: Session, path: Path) -> container.OpenedBundle:
    """A sealed bundle as the district opens it."""
    return container.open_bundle(
        path.read_bytes(),
        sealing_public=keys.own_public(office.db, keys.SEALING),
        unlock=lambda: keys.sealing_key(office.db),
    )
