from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app import backup, demo, identity, settings
from app.errors import UserError
from app.services import items
from app.session import Session
from db import clock
from db.connection import check_health
from db.errors import DatabaseDamaged


def test_automatic_backups_are_daily_and_pruned(station_session: Session, db_path: Path) -> None:
    settings.AUTO_BACKUP_KEEP.set(station_session.db, 3)
    start = date(2026, 1, 1)
    for offset in range(5):
        assert backup.auto_backup(station_session, today=start + timedelta(days=offset)) is not None
    assert backup.auto_backup(station_session, today=start + timedelta(days=4)) is None  # once a day
    kept = sorted(p.name for p in (db_path.parent / "backups").glob("auto-*.db"))
    assert kept == ["auto-2026-01-03.db", "auto-2026-01-04.db", "auto-2026-01-05.db"]


def test_restore_keeps_a_copy_of_what_it_replaces(station_session: Session, tmp_path: Path) -> None:
    first = items.create(station_session, date="2023-03-01", title="第一条")
    saved = backup.backup_to(station_session, tmp_path / "saved.db")
    items.create(station_session, date="2023-03-02", title="第二条")
    safety = backup.restore_from(station_session, saved)
    titles = [r[0] for r in station_session.db.execute("SELECT title FROM items").fetchall()]
    assert titles == ["第一条"] and items.require(station_session.db, first)
    assert safety is not None
    check = Session.open(safety)
    assert check.db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 2
    check.close()


@pytest.mark.parametrize("content", [b"", b"garbage" * 50, b"SQLite format 3\x00" + b"\x00" * 100])
def test_restore_refuses_what_is_not_a_backup(
    station_session: Session, tmp_path: Path, content: bytes
) -> None:
    items.create(station_session, date="2023-03-01", title="保留")
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(UserError):
        backup.restore_from(station_session, bad)
    assert station_session.db.execute("SELECT title FROM items").fetchone()[0] == "保留"


def test_a_backup_to_a_full_or_read_only_stick_leaves_nothing(
    station_session: Session, small_disk: Callable[..., Path]
) -> None:
    items.create(station_session, date="2023-03-01", title="加装电梯")
    full = small_disk("full", size="64k")
    with pytest.raises(UserError) as raised:
        backup.backup_to(station_session, full / "backup.db")
    assert "full" in raised.value.message.render("en") and str(full / "backup.db") in str(raised.value)
    assert os.listdir(full) == []
    read_only = small_disk("read-only", read_only=True)
    with pytest.raises(UserError) as raised:
        backup.backup_to(station_session, read_only)
    assert "read-only" in raised.value.message.render("en")


def _damage_a_page(path: Path) -> None:
    """Scramble one page of rows near the end of the file, leaving the schema readable."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in range(len(data) - 3 * 4096, len(data) - 2 * 4096, 5):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "station" / "liaison.db"
    session = Session.open(path)
    identity.init_station(session, code="YP-01", name="站", kind="home", street="街", operator="测试员")
    demo.generate(session, months=2, seed=1)
    session.close()
    return path


def test_a_damaged_database_is_not_backed_up_as_if_sound(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    _damage_a_page(path)
    session = Session.open(path, create=False)
    try:
        with pytest.raises(DatabaseDamaged):
            backup.backup_to(session, tmp_path / "copy.db")
    finally:
        session.close()
    assert not (tmp_path / "copy.db").exists()


def test_restore_moves_a_damaged_database_aside_and_puts_the_backup_in_its_place(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    session = Session.open(path)
    saved = backup.backup_to(session, tmp_path / "good.db")
    visits = session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0]
    session.close()
    _damage_a_page(path)
    with clock.set_to(datetime(2026, 12, 15, 9, 30, tzinfo=UTC)):
        restored = backup.restore(path, saved)
    assert restored.safety is None
    assert restored.damaged == path.with_name("liaison.damaged-20261215-093000.db")
    assert restored.damaged.exists() and check_health(restored.damaged) is not None
    assert check_health(path) is None
    session = Session.open(path, create=False)
    assert session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == visits
    session.close()


def test_restore_creates_a_missing_database_without_replaying_a_stray_journal(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    session = Session.open(path)
    saved = backup.backup_to(session, tmp_path / "good.db")
    session.close()
    target = tmp_path / "new-pc" / "liaison.db"
    target.parent.mkdir()
    Path(f"{target}-wal").write_bytes(b"left from another database")
    restored = backup.restore(target, saved)
    assert restored.damaged is not None and Path(f"{restored.damaged}-wal").exists()
    assert check_health(target) is None


def test_restore_of_a_sound_database_keeps_a_copy_first(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    session = Session.open(path)
    saved = backup.backup_to(session, tmp_path / "good.db")
    items.create(session, date="2023-03-02", title="恢复后不应再有")
    session.close()
    restored = backup.restore(path, saved)
    assert restored.damaged is None and restored.safety is not None and restored.safety.exists()
    session = Session.open(path)
    assert session.db.execute("SELECT COUNT(*) FROM items WHERE title = '恢复后不应再有'").fetchone()[0] == 0
    session.close()
