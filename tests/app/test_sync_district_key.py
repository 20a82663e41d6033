"""The district's key reaches a station by hand, in a key file whose fingerprint the clerk compares by phone; a
return bundle signed by any other key is refused until the station accepts that key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import identity
from app.errors import UserError
from app.services import deputies, stations
from app.session import Session
from app.sync import district_key, export, importer, keys, status
from tests.app.test_sync_support import district, everything, give_district_key, station


def _phone_of(session: Session, name: str) -> str:
    return str(session.db.execute("SELECT phone FROM deputies WHERE name = ?", [name]).fetchone()[0])


def test_a_fake_district_cannot_change_a_station_or_read_its_bundles(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    deputies.create(desk, name="李娜", level="district", deputy_no="D0001", phone="13812345678")
    office = district(tmp_path)
    give_district_key(desk, office)
    (tmp_path / "fake").mkdir()
    fake = district(tmp_path / "fake")
    # The fake office has the station's bundle (a copied stick) — sealed for the real office, so it learns
    # nothing from it and cannot even import it…
    bundle = export.export_station(desk, tmp_path / "stick")
    assert bundle.sealed
    assert not importer.import_paths(fake, [bundle.path]).ok
    # …and a return bundle of its own making, changing a deputy's phone, is refused by the station.
    deputies.create(fake, name="李娜", level="district", deputy_no="D0001", phone="13800000000")
    with fake.write() as writer:
        stations.ensure_placeholder(writer, "YP-01")
    forged = export.export_return(fake, "YP-01", tmp_path / "forged")
    before = everything(desk)
    run = importer.import_paths(desk, [forged.path])
    assert not run.ok
    reason = str(run.bundles[0].reason)
    forged_fp = keys.fingerprint(keys.own_public(fake.db, keys.SIGNING) or b"")
    assert forged_fp in reason and "liaison keys accept district" in reason
    assert _phone_of(desk, "李娜") == "13812345678"
    assert {k: v for k, v in everything(desk).items() if k != "sync_peer_keys"} == {
        k: v for k, v in before.items() if k != "sync_peer_keys"
    }
    # The station's next bundle is still sealed for the real office only.
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SEALING) == keys.own_public(office.db, keys.SEALING)


def test_a_station_without_the_district_key_refuses_every_return_bundle(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    bundle = export.export_station(desk, tmp_path / "stick", without_personal_data=True)
    assert importer.import_paths(office, [bundle.path]).ok
    back = export.export_return(office, "YP-01", tmp_path / "back")
    before = everything(desk)
    run = importer.import_paths(desk, [back.path])
    assert not run.ok
    fingerprint = keys.fingerprint(keys.own_public(office.db, keys.SIGNING) or b"")
    zh, en = run.bundles[0].reason.render("zh_CN"), run.bundles[0].reason.render("en")  # type: ignore[union-attr]
    assert "区人大公钥.liaison-key" in zh and "liaison keys import-district" in zh and fingerprint in zh
    assert "key file" in en and "compare the fingerprint by phone" in en
    assert everything(desk)["deputies"] == before["deputies"]
    # Nothing is trusted by it; the key waits, to be accepted by its fingerprint after a phone call.
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SIGNING) is None
    with pytest.raises(UserError):
        keys.accept(desk.db, keys.DISTRICT_PEER, "联络员", "0000 0000 0000 0000")
    assert (
        keys.accept(desk.db, keys.DISTRICT_PEER, "联络员", fingerprint.lower().replace(" ", ""))
        == fingerprint
    )
    # The sealing key its signature vouched for comes with it.
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SEALING) == keys.own_public(office.db, keys.SEALING)
    assert importer.import_paths(desk, [back.path]).ok


def test_a_new_district_key_is_accepted_only_by_its_fingerprint(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    old_office = district(tmp_path)
    give_district_key(desk, old_office)
    assert importer.import_paths(old_office, [export.export_station(desk, tmp_path / "a").path]).ok
    # The office's PC is replaced and set up again, with the roster naming the station.
    (tmp_path / "new").mkdir()
    new_office = district(tmp_path / "new")
    with new_office.write() as writer:
        stations.ensure_placeholder(writer, "YP-01")
    back = export.export_return(new_office, "YP-01", tmp_path / "back")
    run = importer.import_paths(desk, [back.path])
    new_fp = keys.fingerprint(keys.own_public(new_office.db, keys.SIGNING) or b"")
    reason = run.bundles[0].reason
    assert not run.ok and reason is not None
    assert f'liaison keys accept district --fingerprint "{new_fp}"' in reason.render("zh_CN")
    assert status.station_status(desk).pending_district_fingerprint == new_fp
    # Until then bundles stay sealed for the old office.
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SEALING) == keys.own_public(
        old_office.db, keys.SEALING
    )
    assert keys.accept(desk.db, keys.DISTRICT_PEER, "联络员", new_fp) == new_fp
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SEALING) == keys.own_public(
        new_office.db, keys.SEALING
    )
    assert importer.import_paths(desk, [back.path]).ok
    assert importer.import_paths(new_office, [export.export_station(desk, tmp_path / "c").path]).ok


def test_the_key_file_is_checked_and_installed(tmp_path: Path) -> None:
    office = district(tmp_path)
    path, key = district_key.write(office, tmp_path)
    assert path.name == "区人大公钥.liaison-key"
    assert key.fingerprint == keys.fingerprint(keys.own_public(office.db, keys.SIGNING) or b"")
    assert key.district_name == "杨浦区人大常委会"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["fingerprint"] == key.fingerprint
    # The sealing key cannot be swapped without breaking the signature (and so the fingerprint read out).
    (tmp_path / "other").mkdir()
    impostor = district(tmp_path / "other")
    swapped = tmp_path / "swapped.liaison-key"
    document["sealing_key"] = keys.b64(keys.own_public(impostor.db, keys.SEALING) or b"")
    swapped.write_text(json.dumps(document), encoding="utf-8")
    for bad, words in (
        (swapped, "签名不符"),
        (_written(tmp_path / "garbage.liaison-key", b"\x89PNG"), "不是 JSON"),
        (_written(tmp_path / "other.liaison-key", b'{"format": "x"}'), "不是本软件"),
    ):
        with pytest.raises(UserError) as refused:
            district_key.read(bad)
        assert words in str(refused.value) and bad.name in str(refused.value)
    desk = station(tmp_path, "YP-01", months=0)
    with pytest.raises(UserError):
        district_key.install(office, path)  # only a station takes it
    assert district_key.install(desk, path).outcome == district_key.TRUSTED
    assert district_key.install(desk, path).outcome == district_key.ALREADY
    assert status.station_status(desk).district_fingerprint == key.fingerprint
    # Another office's key file does not replace it: it waits for its fingerprint.
    other_path, other_key = district_key.write(impostor, tmp_path / "other")
    installed = district_key.install(desk, other_path)
    assert installed.outcome == district_key.PENDING and installed.previous_fingerprint == key.fingerprint
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SIGNING) == key.signing
    assert keys.accept(desk.db, keys.DISTRICT_PEER, "联络员", other_key.fingerprint) == other_key.fingerprint
    assert keys.trusted(desk.db, keys.DISTRICT_PEER, keys.SEALING) == other_key.sealing


def test_init_takes_the_key_file_so_the_first_bundle_is_sealed(session: Session, tmp_path: Path) -> None:
    office = district(tmp_path)
    path, key = district_key.write(office, tmp_path)
    identity.set_up(
        session,
        role="station",
        operator="联络员",
        language="zh_CN",
        code="YP-09",
        name="测试联络站",
        kind="station",
        street="控江路街道",
        district_key_file=str(path),
    )
    assert status.station_status(session).district_fingerprint == key.fingerprint
    first = export.export_station(session, tmp_path / "stick")
    assert first.sealed and importer.import_paths(office, [first.path]).ok
    # A bad key file sets nothing up at all.
    fresh = Session.open(tmp_path / "fresh.db")
    with pytest.raises(UserError):
        identity.set_up(
            fresh,
            role="station",
            operator="联络员",
            language="zh_CN",
            code="YP-10",
            name="测试联络站",
            kind="station",
            street="控江路街道",
            district_key_file=str(_written(tmp_path / "bad.liaison-key", b"{}")),
        )
    assert fresh.role == ""


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
