"""Backups through SQLite's online backup API: consistent while the database is open, WAL included."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from app import settings
from app.errors import UserError
from app.i18n import text
from app.session import Session
from db import clock
from db.files import create_private
from db.migrations import LATEST_VERSION, current_version
from db.paths import backup_dir_for

AUTO_PREFIX = "auto-"


def backup_to(session: Session, target: Path) -> Path:
    target = Path(target)
    if target.exists() and target.is_dir():
        target = target / f"liaison-{clock.now().strftime('%Y%m%d-%H%M%S')}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private(partial)  # a backup holds everything the database does
    dest = sqlite3.connect(str(partial))
    try:
        session.db.conn.backup(dest)
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise UserError(text("备份校验失败：{m}", "The backup failed its integrity check: {m}", m=ok))
    finally:
        dest.close()
    partial.replace(target)
    return target


def check_backup_file(path: Path) -> int:
    """Refuse anything that is not a readable Liaison Desk database; returns its schema version."""
    if not path.is_file():
        raise UserError(text("找不到备份文件：{p}", "Backup file not found: {p}", p=path))
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise UserError(text("“{p}”不是数据库备份文件", "“{p}” is not a database backup", p=path.name))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserError(text("备份文件“{p}”已损坏", "The backup “{p}” is damaged", p=path.name))
        version = current_version(conn)
        has_core = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='items'").fetchone()
    except sqlite3.DatabaseError as exc:
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


def restore_from(session: Session, source: Path) -> Path | None:
    """Replace the live database with a backup; the current data is backed up first, so nothing is lost."""
    source = Path(source)
    check_backup_file(source)
    safety: Path | None = None
    if session.path is not None:
        safety = backup_to(session, backup_dir_for(session.path) / f"before-restore-{_stamp()}.db")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(session.db.conn)
    finally:
        src.close()
    # An older backup is brought up to this program's schema (the pre-restore copy above is its safety net).
    from db.migrations import migrate

    migrate(session.db.conn, None)
    return safety


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
