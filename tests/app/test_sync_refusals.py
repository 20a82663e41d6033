"""Every malformed bundle is refused whole, with one clear reason, and the district's database unchanged."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.session import Session
from app.sync import export, importer
from app.sync.container import Limits
from tests.app.test_sync_support import district, everything, give_district_key, station


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A plain bundle, as a station without the district's key writes it (without visitors' details): the file
    a sealed bundle opens into, open to tampering here."""
    s = station(tmp_path, "YP-01", months=2)
    path = export.export_station(s, tmp_path / "stick", without_personal_data=True).path
    s.close()
    return path


@pytest.fixture
def office(tmp_path: Path) -> Session:
    return district(tmp_path)


def _rezip(source: bytes, change: Callable[[str, bytes], tuple[str, bytes] | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            replaced = change(info.filename, old.read(info))
            if replaced is not None:
                new.writestr(replaced[0], replaced[1])
    return out.getvalue()


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def _edit_cell(name: str, data: bytes) -> tuple[str, bytes]:
    if name == "tables/visits.csv":
        lines = data.decode("utf-8").split("\n")
        lines[1] = lines[1].replace(",1,", ",9,", 1) if ",1," in lines[1] else lines[1] + "x"
        return name, "\n".join(lines).encode("utf-8")
    return name, data


CASES: dict[str, Callable[[bytes], bytes]] = {
    "flipped byte": _flip,
    "truncated": lambda data: data[: len(data) * 2 // 3],
    "garbage": lambda data: b"\x89PNG not a bundle at all" * 100,
    "empty": lambda data: b"",
    "zip-slip member": lambda data: _rezip(
        data, lambda n, d: ("../../evil.csv", d) if n == "tables/visits.csv" else (n, d)
    ),
    "absolute member": lambda data: _rezip(
        data, lambda n, d: ("/etc/cron.d/x", d) if n == "tables/visits.csv" else (n, d)
    ),
    "one CSV cell edited": lambda data: _rezip(data, _edit_cell),
    "extra member": lambda data: _rezip(data, lambda n, d: (n, d)),  # the member is added in the test
    "manifest removed": lambda data: _rezip(data, lambda n, d: None if n == "manifest.json" else (n, d)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_bundle_is_refused_and_nothing_changes(
    case: str, bundle: Path, office: Session, tmp_path: Path
) -> None:
    if case == "extra member":
        data = bundle.read_bytes()
        out = io.BytesIO(data)
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr("tables/notes.csv", "uuid\n")
        bad_bytes = out.getvalue()
    else:
        bad_bytes = CASES[case](bundle.read_bytes())
    bad = tmp_path / f"bad-{case.replace(' ', '-')}.liaison"
    bad.write_bytes(bad_bytes)
    before = everything(office)
    run = importer.import_paths(office, [bad])
    assert not run.ok
    reason = run.bundles[0].reason
    assert reason is not None and reason.render("zh_CN") and reason.render("en")
    assert "Traceback" not in reason.render("en")
    assert everything(office) == before
    logged = office.db.execute("SELECT outcome, reason FROM sync_import_log").fetchall()
    assert logged == [("refused", reason.render("zh_CN"))]
    # The good bundle still imports afterwards.
    assert importer.import_paths(office, [bundle]).ok


def test_oversized_member_is_refused_while_inflating(bundle: Path, office: Session, tmp_path: Path) -> None:
    # A member that inflates far beyond its file size (a zip bomb in small): 50 MB of zeros.
    bomb = _rezip(
        bundle.read_bytes(), lambda n, d: (n, d + b"\0" * 50_000_000) if n.endswith("visits.csv") else (n, d)
    )
    path = tmp_path / "bomb.liaison"
    path.write_bytes(bomb)
    assert path.stat().st_size < 1_000_000
    before = everything(office)
    small = Limits(max_member_bytes=10_000_000, max_total_bytes=20_000_000)
    run = importer.import_paths(office, [path], limits=small)
    assert not run.ok and "大小上限" in run.bundles[0].reason.render("zh_CN")
    assert everything(office) == before


def test_sealed_bundle_altered_on_the_stick_is_refused(tmp_path: Path, office: Session) -> None:
    desk = station(tmp_path, "YP-01", months=2)
    give_district_key(desk, office)
    sealed = export.export_station(desk, tmp_path / "2", full=True)
    assert sealed.sealed
    bad = tmp_path / "bad.liaison"
    bad.write_bytes(_flip(sealed.path.read_bytes()))
    before = everything(office)
    run = importer.import_paths(office, [bad])
    assert not run.ok and everything(office) == before
    assert importer.import_paths(office, [sealed.path]).ok
    # A sealed bundle cannot be opened by anyone but the district.
    other = district(tmp_path, "other-district.db")
    refused = importer.import_paths(other, [sealed.path])
    assert not refused.ok and "密钥" in refused.bundles[0].reason.render("zh_CN")


def test_rows_breaking_the_rules_are_refused_one_by_one(tmp_path: Path, office: Session) -> None:
    """A bundle from a buggy program: a correctly signed bundle whose rows break app rules."""
    desk = station(tmp_path, "YP-01", months=2)
    desk.db.execute("PRAGMA ignore_check_constraints = ON")
    with desk.db.atomic():
        desk.db.execute(
            "UPDATE visits SET headcount = 0, change_seq = 999 WHERE rowid = (SELECT MIN(rowid) FROM visits)"
        )
        desk.db.execute("UPDATE change_counter SET value = 1000")
    give_district_key(desk, office)
    path = export.export_station(desk, tmp_path / "stick").path
    run = importer.import_paths(office, [path])
    assert run.ok
    summary = run.bundles[0]
    assert summary.tables["visits"].refused == 1
    assert "headcount" in summary.refused_rows[0].reason.render("en")
    assert (
        summary.tables["visits"].imported == desk.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] - 1
    )


def test_a_bundle_signed_with_another_stations_key_is_refused(tmp_path: Path, office: Session) -> None:
    first = station(tmp_path, "YP-01", months=0)
    give_district_key(first, office)
    assert importer.import_paths(office, [export.export_station(first, tmp_path / "1").path]).ok
    # YP-02's database was made by copying YP-01's keys (a cloned PC, or a forger holding YP-01's key and its
    # passphrase).
    other = station(tmp_path, "YP-02", months=0)
    give_district_key(other, office)
    with other.db.atomic():
        for table in ("sync_own_keys", "sync_key_protection"):
            other.db.execute(f"DELETE FROM {table}")
            for row in first.db.execute(f"SELECT * FROM {table}"):
                other.db.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", list(row))
    before = everything(office)
    run = importer.import_paths(office, [export.export_station(other, tmp_path / "2").path])
    assert not run.ok and "YP-01" in run.bundles[0].reason.render("zh_CN")
    assert everything(office) == before
