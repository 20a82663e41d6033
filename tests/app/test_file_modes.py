"""Every file the program writes is its owner's alone (0600 on POSIX): the database and its WAL, backups,
bundles, spreadsheets, reports and the error log. The district's public key file is meant to be shared."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import backup, crash_log, demo
from app.reports import build_monthly, save_copy
from app.services import visits
from app.session import Session
from app.sync import csv_export, export, importer
from tests.app.test_sync_support import district, give_district_key, station

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The umask most desktops run with, which leaves new files readable by everyone (0644)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_wal_are_private(station_session: Session, db_path: Path) -> None:
    visits.create(
        station_session, date="2026-12-01", visitor_name="王伟", phone="13800001234", raised="路灯不亮"
    )
    companions = [db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")]
    assert all(p.exists() for p in companions)
    assert {p.name: mode(p) for p in companions} == {p.name: 0o600 for p in companions}


def test_a_database_made_by_an_earlier_version_is_narrowed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Session.open(path).close()
    os.chmod(path, 0o644)
    Session.open(path).close()
    assert mode(path) == 0o600


def test_backups_are_private(station_session: Session, tmp_path: Path) -> None:
    made = backup.backup_to(station_session, tmp_path / "saved.db")
    auto = backup.auto_backup(station_session)
    assert auto is not None
    assert (mode(made), mode(auto)) == (0o600, 0o600)


def test_bundles_and_their_temporary_file_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = station(tmp_path, "YP-01", months=1)
    office = district(tmp_path)
    give_district_key(desk, office)
    seen: dict[str, int] = {}
    replace = os.replace

    def watch(source: str | Path, target: str | Path) -> None:
        seen[Path(source).name] = mode(Path(source))
        replace(source, target)

    monkeypatch.setattr(export.os, "replace", watch)
    up = export.export_station(desk, tmp_path / "stick")
    assert importer.import_paths(office, [up.path]).ok
    down = export.export_return(office, "YP-01", tmp_path / "stick")
    assert seen == {".YP-01-000001.liaison.part": 0o600, ".return-YP-01-000001.liaison.part": 0o600}
    assert (mode(up.path), mode(down.path)) == (0o600, 0o600)


def test_spreadsheets_reports_and_the_error_log_are_private(station_session: Session, tmp_path: Path) -> None:
    demo.generate(station_session, months=2, seed=3)
    written = csv_export.export_csv(station_session, tmp_path / "表格")
    assert written and {p.name: mode(p) for p, _ in written} == {p.name: 0o600 for p, _ in written}
    pdf = tmp_path / "月报.pdf"
    result = build_monthly(station_session, "2026-11", pdf)
    assert mode(pdf) == 0o600
    save_copy(result, tmp_path / "副本.pdf")
    assert mode(tmp_path / "副本.pdf") == 0o600
    log = crash_log.record("测试：一条错误")
    assert log is not None and mode(log) == 0o600
