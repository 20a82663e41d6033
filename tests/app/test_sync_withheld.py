"""A bundle written without visitors' names and phones (the station had no district key yet) never wipes them out
at the district, and the station's next sealed bundle brings them, in whichever order the two arrive."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.services import visits
from app.session import Session
from app.sync import container, export, importer, keys, status
from tests.app.test_sync_support import district, give_district_key, station

NAME, PHONE = "张秀英", "13712345678"


def _details(session: Session, uuid: str) -> tuple[str, str]:
    row = session.db.execute("SELECT visitor_name, phone FROM visits WHERE uuid = ?", [uuid]).fetchone()
    return row[0], row[1]


def _pending(office: Session) -> int:
    return int(office.db.execute("SELECT COUNT(*) FROM sync_withheld").fetchone()[0])


@pytest.fixture
def desk(tmp_path: Path) -> Session:
    return station(tmp_path, "YP-01", months=0)


def test_a_bundle_without_personal_data_leaves_the_columns_out(desk: Session, tmp_path: Path) -> None:
    visits.create(desk, date="2026-12-01", visitor_name=NAME, phone=PHONE, raised="楼道灯坏了")
    bundle = export.export_station(desk, tmp_path / "stick", without_personal_data=True)
    assert not bundle.sealed and bundle.withheld
    raw = bundle.path.read_bytes()
    for secret in (NAME, PHONE):
        assert secret.encode("utf-8") not in raw
    with zipfile.ZipFile(bundle.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        header = archive.read("tables/visits.csv").decode("utf-8").splitlines()[0].split(",")
    assert manifest["withheld"] == {"visits": ["visitor_name", "phone"]}
    assert "visitor_name" not in header and "phone" not in header and "raised" in header
    assert status.station_status(desk).personal_data_owed


def test_the_next_sealed_bundle_fills_them_in_whichever_comes_first(desk: Session, tmp_path: Path) -> None:
    uuid = visits.create(desk, date="2026-12-01", visitor_name=NAME, phone=PHONE, raised="楼道灯坏了")
    plain = export.export_station(desk, tmp_path / "stick", without_personal_data=True)
    office = district(tmp_path)
    again = _copy(office, tmp_path / "again.db")  # the same office, to import the other way round
    give_district_key(desk, office)
    # Nothing changed since, yet it carries the visit again, whole.
    sealed = export.export_station(desk, tmp_path / "stick")
    assert sealed.sealed and sealed.records >= 1 and not status.station_status(desk).personal_data_owed
    assert export.export_station(desk, tmp_path / "stick").records == 0  # owed once, carried once

    run = importer.import_paths(office, [plain.path])
    assert run.ok and _details(office, uuid) == ("", "") and _pending(office) == 1
    run = importer.import_paths(office, [sealed.path])
    assert run.ok and run.bundles[0].tables["visits"].updated == 1
    assert _details(office, uuid) == (NAME, PHONE) and _pending(office) == 0
    assert office.db.execute("SELECT COUNT(*) FROM sync_conflicts").fetchone()[0] == 0

    # The other way round: the sealed bundle first, then the plain one.
    assert importer.import_paths(again, [sealed.path]).ok
    assert _details(again, uuid) == (NAME, PHONE)
    run = importer.import_paths(again, [plain.path])
    assert run.ok and run.bundles[0].tables["visits"].unchanged == 1
    assert _details(again, uuid) == (NAME, PHONE) and _pending(again) == 0


def test_a_later_bundle_without_them_keeps_what_an_earlier_one_brought(desk: Session, tmp_path: Path) -> None:
    office = district(tmp_path)
    give_district_key(desk, office)
    uuid = visits.create(desk, date="2026-12-01", visitor_name=NAME, phone=PHONE, raised="楼道灯坏了")
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "1").path]).ok
    visits.update(desk, uuid, visitor_name="张秀兰", community="凤城三村")
    withheld = export.export_station(desk, tmp_path / "2", without_personal_data=True)
    assert withheld.sealed and withheld.withheld
    run = importer.import_paths(office, [withheld.path])
    assert run.ok and run.bundles[0].tables["visits"].updated == 1
    # The community moved on; the name is the one last received, not blank, until the next full copy.
    community = office.db.execute("SELECT community FROM visits WHERE uuid = ?", [uuid]).fetchone()[0]
    assert community == "凤城三村" and _details(office, uuid) == (NAME, PHONE)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "3").path]).ok
    assert _details(office, uuid) == ("张秀兰", PHONE) and _pending(office) == 0


def test_a_bundle_may_leave_out_nothing_but_personal_columns(desk: Session, tmp_path: Path) -> None:
    visits.create(desk, date="2026-12-01", visitor_name=NAME, phone=PHONE, raised="楼道灯坏了")
    bundle = export.export_station(desk, tmp_path / "stick", without_personal_data=True)
    with zipfile.ZipFile(bundle.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {n: archive.read(n) for n in archive.namelist() if n.startswith("tables/")}
    manifest["withheld"] = {"visits": ["visitor_name", "phone", "raised"]}
    data, _ = container.build(manifest, tables, keys.signing_key(desk.db))  # signed by the station itself
    forged = tmp_path / "forged.liaison"
    forged.write_bytes(data)
    office = district(tmp_path)
    run = importer.import_paths(office, [forged])
    assert not run.ok and "withheld" in str(run.bundles[0].reason)
    assert office.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0


def _copy(office: Session, path: Path) -> Session:
    office.db.conn.execute("VACUUM INTO ?", [str(path)])
    return Session.open(path, operator="区人大")
