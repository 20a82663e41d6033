"""Bundles small on disk that inflate to a gigabyte or more: each is refused by a real `liaison import` with one
clear line, the district's database unchanged, and the command's own peak memory under 300 MB (its rusage,
read with os.wait4: tests/app/hostile.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.session import Session
from app.sync import container, export, keys
from tests.app import hostile
from tests.app.hostile import GIB, Member, bomb, member, signed, stranger, unzip, zip_bytes
from tests.app.test_sync_support import district, everything, station

PEAK_LIMIT_MB = 300
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="peak memory from Linux's rusage"
)
VISITS = "tables/visits.csv"


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("genuine")
    desk = station(folder, "YP-01", months=2)
    data = export.export_station(desk, folder / "stick").path.read_bytes()
    desk.close()
    return data


@pytest.fixture
def office(tmp_path: Path) -> Session:
    return district(tmp_path)


def _members(bundle: bytes, replace: dict[str, Member]) -> list[Member]:
    return [replace.get(name) or member(name, data) for name, data in unzip(bundle).items()]


def _signed_size(bundle: bytes, name: str) -> int:
    entries = hostile.manifest_of(bundle)["files"]
    return int(next(e["bytes"] for e in entries if e["name"] == name))


def _table_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """The genuine signed manifest, and visits.csv swapped for a gigabyte of zeros."""
    swapped = bomb(VISITS, 1024)
    return zip_bytes(_members(bundle, {VISITS: swapped})), swapped.size


def _lying_table_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """The same, with the zip's directory declaring the signed size: only inflating tells."""
    swapped = bomb(VISITS, 1024, declared=_signed_size(bundle, VISITS))
    return zip_bytes(_members(bundle, {VISITS: swapped})), 1024 * hostile.MIB


def _manifest_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """manifest.json itself a gigabyte: read before anything can be checked."""
    swapped = bomb(container.MANIFEST, 1024, prefix=b'{"format": "liaison-desk-bundle", "pad": "')
    return zip_bytes(_members(bundle, {container.MANIFEST: swapped})), swapped.size


def _lying_manifest_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    size = len(unzip(bundle)[container.MANIFEST])
    swapped = bomb(container.MANIFEST, 1024, declared=size, prefix=b'{"pad": "')
    return zip_bytes(_members(bundle, {container.MANIFEST: swapped})), 1024 * hostile.MIB


def _signed_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """Signed, and the signature checks: a new station's key is trusted on first use, so anyone can sign a
    manifest that declares a gigabyte of visits truthfully."""
    manifest, key = stranger(hostile.manifest_of(bundle))
    swapped = bomb(VISITS, 1024)
    for entry in manifest["files"]:
        if entry["name"] == VISITS:
            entry["bytes"] = swapped.size
    members = [m for m in _members(bundle, {VISITS: swapped}) if m.name.startswith("tables/")]
    return signed(manifest, members, key), swapped.size


def _sealed(inner: bytes, office: Session) -> bytes:
    district_sealing = keys.own_public(office.db, keys.SEALING)
    assert district_sealing is not None
    envelope = {"station_code": "YP-01", "sender": "YP-01", "sequence": 1}
    return container.seal(inner, envelope, district_sealing).data


def _sealed_signed_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """The signed bomb inside a sealed bundle: decrypting it must not open the way."""
    inner, size = _signed_bomb(bundle, office)
    return _sealed(inner, office), size


def _sealed_table_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    inner, size = _table_bomb(bundle, office)
    return _sealed(inner, office), size


def _payload_bomb(bundle: bytes, office: Session) -> tuple[bytes, int]:
    """A sealed bundle whose ciphertext member inflates to a gigabyte (ciphertext does not compress)."""
    envelope = unzip(_sealed(b"x", office))[container.ENVELOPE]
    payload = bomb(container.PAYLOAD, 1024)
    return zip_bytes([member(container.ENVELOPE, envelope), payload]), payload.size


BOMBS: dict[str, tuple[Callable[[bytes, Session], tuple[bytes, int]], str]] = {
    "table bomb": (_table_bomb, "与清单不符"),
    "table bomb, directory lying": (_lying_table_bomb, "visits.csv"),
    "manifest bomb": (_manifest_bomb, "解压后超过"),
    "manifest bomb, directory lying": (_lying_manifest_bomb, "manifest.json"),
    "signed bomb": (_signed_bomb, "超过这个文件允许的"),
    "sealed signed bomb": (_sealed_signed_bomb, "超过这个文件允许的"),
    "sealed table bomb": (_sealed_table_bomb, "与清单不符"),
    "sealed payload bomb": (_payload_bomb, "payload.bin"),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_bombs_are_refused_in_bounded_memory(
    case: str, genuine: bytes, office: Session, tmp_path: Path
) -> None:
    make, expected = BOMBS[case]
    data, inflates_to = make(genuine, office)
    assert inflates_to >= GIB and len(data) < 4 * hostile.MIB, "small on disk, a gigabyte inflated"
    path = tmp_path / "YP-01-000001.liaison"
    path.write_bytes(data)
    before = everything(office)
    run = hostile.liaison_measured(office.path, "import", str(path))
    print(f"{case}: {len(data) / 1024:.0f} KB on disk, peak {run.peak_mb:.0f} MB")
    assert run.code == 2, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：YP-01-000001.liaison：") and expected in lines[0]
    assert "Traceback" not in run.err
    assert run.peak_mb < PEAK_LIMIT_MB
    assert everything(office) == before
    logged = office.db.execute("SELECT outcome, reason FROM sync_import_log").fetchall()
    assert logged == [("refused", lines[0].removeprefix("错误：YP-01-000001.liaison："))]


def test_the_genuine_bundle_imports_through_the_same_measure(
    genuine: bytes, office: Session, tmp_path: Path
) -> None:
    """The yardstick: the same command on the genuine bundle imports it, so a refusal above is the bomb's."""
    path = tmp_path / "YP-01-000001.liaison"
    path.write_bytes(genuine)
    run = hostile.liaison_measured(office.path, "import", str(path), "--json")
    print(f"genuine: {len(genuine) / 1024:.0f} KB on disk, peak {run.peak_mb:.0f} MB")
    assert run.code == 0, run.err
    assert json.loads(run.out)["bundles"][0]["outcome"] == "imported"
    assert run.peak_mb < PEAK_LIMIT_MB
