from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app import backup, settings
from app.errors import UserError
from app.services import items
from app.session import Session


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
