"""Database and disk troubles are each said as what they are, naming where and what to do."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from app import backup, storage
from app.errors import UserError
from app.session import Session
from db.errors import DatabaseBusy, DatabaseDamaged, DatabaseMissing, RecordRefused


def test_a_number_taken_twice_is_a_user_error_naming_the_record(station_session: Session) -> None:
    with station_session.write() as w:
        w.insert("stations", {"code": "YP-09", "name": "测试站", "kind": "point"})
    with pytest.raises(UserError) as raised, station_session.write() as w:
        w.insert("stations", {"code": "YP-09", "name": "另一个", "kind": "home"})
    assert isinstance(raised.value.__cause__, RecordRefused)
    message = raised.value.message
    assert "家站点" in message.render("zh_CN") and "“YP-09”" in message.render("zh_CN")
    assert "station" in message.render("en") and "code “YP-09”" in message.render("en")
    assert "damaged" not in message.render("en") and "损坏" not in message.render("zh_CN")


def test_busy_is_not_damaged(tmp_path: Path) -> None:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = 5  # type: ignore[attr-defined]
    for exc in (error, DatabaseBusy("database is locked")):
        message = storage.explain(exc, tmp_path / "liaison.db")
        assert message is not None
        english = message.render("en")
        assert str(tmp_path / "liaison.db") in english and "busy" in english and "liaison" in english
        assert "Try again" in english and "damaged" not in english.replace(str(tmp_path), "")


def test_damage_points_to_restore_with_the_latest_backup(station_session: Session, db_path: Path) -> None:
    older = backup.backup_to(station_session, db_path.parent / "backups" / "auto-2026-12-13.db")
    newer = backup.backup_to(station_session, db_path.parent / "backups" / "auto-2026-12-14.db")
    message = storage.explain(DatabaseDamaged(db_path, "database disk image is malformed"), db_path)
    assert message is not None
    english = message.render("en")
    assert f"liaison --db {db_path} restore {newer}" in english and str(older) not in english
    assert "malformed" in english


def test_missing_names_the_path_and_init(tmp_path: Path) -> None:
    message = storage.explain(DatabaseMissing(tmp_path / "x.db", empty=False), None)
    assert message is not None
    assert str(tmp_path / "x.db") in message.render("en") and "liaison init" in message.render("en")


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOSPC, "is full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "No permission"),
        (errno.EIO, "Cannot write"),
    ],
)
def test_a_failed_write_names_the_file_and_the_reason(tmp_path: Path, code: int, said: str) -> None:
    target = tmp_path / "YP-01-000001.liaison"
    english = storage.disk_error(OSError(code, "x"), target).render("en")
    assert str(target) in english and said in english


def test_an_unknown_database_error_is_left_to_the_bug_report(tmp_path: Path) -> None:
    assert storage.explain(sqlite3.OperationalError("no such column: nonsense"), tmp_path / "x.db") is None
    assert storage.explain(ValueError("nothing to do with the database"), tmp_path / "x.db") is None
