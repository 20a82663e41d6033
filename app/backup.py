"""Backups through SQLite's online backup API: consistent while the database is open, WAL included.

A backup is copied into memory, checked (PRAGMA integrity_check) and written in one piece (app/atomic_file.py),
so that a full or read-only disk, or a killed process, leaves no half-written copy. A restore works on a damaged
database too: the damaged file is moved aside under a dated name, never deleted, and the good copy takes its
place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import atomic_file, settings, storage
from app.errors import UserError
from app.i18n import text
from app.session import Session
from db import clock
from db.connection import busy_timeout, check_health, is_missing, open_database
from db.errors import DatabaseBusy, DatabaseDamaged, DatabaseMissing
from db.migrations import LATEST_VERSION, current_version
from db.paths import backup_dir_for

AUTO_PREFIX = "auto-"
SIDE_FILES = ("-wal", "-shm")  # SQLite's journal beside the database: it travels with the file


def backup_to(session: Session, target: Path) -> Path:
    target = Path(target)
    if target.exists() and target.is_dir():
        target = target / f"liaison-{_stamp()}.db"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise atomic_file.WriteFailed(storage.disk_error(exc, target)) from None
    atomic_file.write_bytes(target, snapshot(session))
    return target


def snapshot(session: Session) -> bytes:
    """The whole database as one consistent, checked file image. The check runs on the copy, which is page
    for page the database: damage found there is the database's own."""
    copy = sqlite3.connect(":memory:")
    try:
        session.db.conn.backup(copy)
        try:
            found = [str(r[0]) for r in copy.execute("PRAGMA integrity_check(5)").fetchall()]
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            found = [str(exc) if isinstance(exc, sqlite3.DatabaseError) else "unreadable text"]
        if found != ["ok"]:
            raise DatabaseDamaged(session.path, "; ".join(found))
        return copy.serialize()
    finally:
        copy.close()


def check_backup_file(path: Path) -> int:
    """Refuse anything that is not a readable Liaison Desk database; returns its schema version."""
    if not path.is_file():
        raise UserError(text("找不到备份文件：{p}", "Backup file not found: {p}", p=path))
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise UserError(text("“{p}”不是数据库备份文件", "“{p}” is not a database backup", p=path.name))
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserError(text("备份文件“{p}”已损坏", "The backup “{p}” is damaged", p=path.name))
        version = current_version(conn)
        has_core = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='items'").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise UserError(
            text("无法读取备份文件“{p}”：{m}", "Cannot read the backup “{p}”: {m}", p=path.name, m=exc)
        ) from None
    finally:
        conn.close()
    if version == 0 or not has_core:
        raise UserError(
            text("“{p}”不是本软件的数据库备份", "“{p}” is not a Liaison Desk backup", p=path.name)
        )
    if version > LATEST_VERSION:
        raise UserError(
            text(
                "备份来自更新版本的软件（数据版本{v}），请先升级软件",
                "The backup comes from a newer version (schema {v}); upgrade the program first",
                v=version,
            )
        )
    return version


@dataclass(frozen=True)
class Restored:
    safety: Path | None  # a copy of the sound data the backup replaced
    damaged: Path | None  # the damaged database, moved aside


def restore(db_path: Path, source: Path, operator: str | None = None) -> Restored:
    """Put the backup `source` in place of the database at `db_path`. A sound database is backed up first and
    then overwritten through SQLite (so a window that has it open sees the change); a damaged one is moved
    aside; a missing one is simply created from the backup."""
    source = Path(source)
    check_backup_file(source)
    damaged_detail: str | None = None
    if not is_missing(db_path):
        try:
            session = Session.open(db_path, operator, create=False)
        except DatabaseDamaged as exc:
            damaged_detail = exc.detail
        except DatabaseMissing:
            pass  # a file with no tables in it: nothing to keep
        else:
            try:
                damaged_detail = check_health(db_path)
                if damaged_detail is None:
                    return Restored(restore_from(session, source, checked=True), None)
            finally:
                session.close()
    moved = _move_aside(db_path) if damaged_detail is not None or _has_side_files(db_path) else None
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise atomic_file.WriteFailed(storage.disk_error(exc, db_path)) from None
    image = sqlite3.connect(":memory:")
    try:
        good = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        try:
            good.backup(image)
        finally:
            good.close()
        atomic_file.write_bytes(db_path, image.serialize())
    finally:
        image.close()
    open_database(db_path).close()  # an older backup is brought up to this program's schema
    return Restored(None, moved)


def restore_from(session: Session, source: Path, *, checked: bool = False) -> Path | None:
    """Replace the live database with a backup; the current data is backed up first, so nothing is lost.
    checked: check_backup_file has already passed `source`."""
    source = Path(source)
    if not checked:
        check_backup_file(source)
    safety: Path | None = None
    if session.path is not None:
        safety = backup_to(session, backup_dir_for(session.path) / f"before-restore-{_stamp()}.db")
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    try:
        # Python retries a busy step for ever: give up after the busy timeout, as every other write does.
        src.backup(session.db.conn, progress=_give_up_when_busy_too_long())
    finally:
        src.close()
    # An older backup is brought up to this program's schema (the pre-restore copy above is its safety net).
    from db.migrations import migrate

    migrate(session.db.conn, None)
    return safety


def _give_up_when_busy_too_long() -> Callable[[int, int, int], None]:
    started: list[float] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            started.clear()
            return
        if not started:
            started.append(time.monotonic())
        elif time.monotonic() - started[0] > busy_timeout():
            raise DatabaseBusy("database is locked")

    return progress


def _has_side_files(db_path: Path) -> bool:
    """A journal left beside a missing file would be replayed into the restored one: it is moved aside too."""
    return any(Path(f"{db_path}{suffix}").exists() for suffix in SIDE_FILES)


def _move_aside(db_path: Path) -> Path:
    """`liaison.db` becomes `liaison.damaged-20261215-093000.db`, with its -wal and -shm beside it."""
    aside = db_path.with_name(f"{db_path.stem}.damaged-{_stamp()}{db_path.suffix}")
    for suffix in ("", *SIDE_FILES):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    with contextlib.suppress(OSError):
        atomic_file.sync_folder(db_path.parent)
    return aside


def _stamp() -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def auto_backup(session: Session, today: date | None = None) -> Path | None:
    """At most one automatic backup a day, kept for AUTO_BACKUP_KEEP days; the oldest go first."""
    if session.path is None:
        return None
    folder_setting = settings.BACKUP_FOLDER.get(session.db)
    folder = Path(folder_setting) if folder_setting else backup_dir_for(session.path)
    day = (today or clock.today()).isoformat()
    target = folder / f"{AUTO_PREFIX}{day}.db"
    if target.exists():
        return None
    made = backup_to(session, target)
    keep = max(1, settings.AUTO_BACKUP_KEEP.get(session.db))
    autos = sorted(folder.glob(f"{AUTO_PREFIX}*.db"))
    for old in autos[:-keep]:
        old.unlink(missing_ok=True)
    return made
