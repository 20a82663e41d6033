"""What went wrong with the database file or the disk, in words a clerk can act on: what is wrong, where, and
what to do. The command line prints these as its one line; the window shows them in a message box.

Each kind of trouble gets its own message: a database another program is writing to is busy, not damaged; a
record that breaks a rule is named with its value; a full or read-only stick is said to be full or read-only.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

from app.domain import RECORD_NOUNS
from app.i18n import Text, text
from db.connection import busy_timeout, check_health
from db.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    NotOurDatabase,
    RecordRefused,
    is_busy,
    primary_code,
    smells_of_damage,
)
from db.paths import backup_dir_for

SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14

# The columns a clerk knows by name; others are named as stored.
_COLUMN_NOUNS: dict[str, Text] = {
    "code": text("编号", "code"),
    "deputy_no": text("代表编号", "deputy number"),
    "item_no": text("编号", "number"),
    "name": text("名称", "name"),
    "title": text("标题", "title"),
    "date": text("日期", "date"),
    "uuid": text("记录编号", "record id"),
}


def explain(exc: BaseException, db_path: Path | None) -> Text | None:
    """The message for a database error, or None when it is none of the troubles a user can act on (a bug)."""
    if isinstance(exc, DatabaseMissing):
        return missing(exc.path, exc.empty)
    if isinstance(exc, NotOurDatabase):
        return not_ours(exc.path)
    if isinstance(exc, DatabaseDamaged):
        return damaged(exc.path or db_path, exc.detail)
    if isinstance(exc, RecordRefused):
        return record_refused(exc)
    if isinstance(exc, UnicodeDecodeError):
        # Raised by reading a damaged file, but also by reading a user's text file: only a check says which.
        if db_path is None or not db_path.exists():
            return None
        found = check_health(db_path)
        return damaged(db_path, found) if found else None
    if not isinstance(exc, sqlite3.Error):
        return None
    if is_busy(exc):
        return busy(db_path)
    if smells_of_damage(exc):
        return damaged(db_path, str(exc))
    if isinstance(exc, sqlite3.IntegrityError):
        return constraint(str(exc))
    return _by_code(exc, db_path)


def _by_code(exc: sqlite3.Error, db_path: Path | None) -> Text | None:
    """SQLite's own troubles of the disk and the file, by their result code."""
    where = str(db_path) if db_path else text("数据库", "the database")
    code = primary_code(exc)
    if code == SQLITE_FULL:
        return text(
            "磁盘已满：无法写入数据库 {p}。请腾出磁盘空间后重试；未完成的修改没有写入。",
            "The disk is full: cannot write to the database {p}. Free some space and try again; the change "
            "that was under way was not written.",
            p=where,
        )
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return text(
            "数据库 {p} 是只读的（文件或其文件夹不可写，或在只读的磁盘上）。请把它放到可写的位置，或修改权限后重试。",
            "The database {p} is read-only (the file or its folder cannot be written, or the disk is "
            "read-only). Move it somewhere writable or change its permissions, then try again.",
            p=where,
        )
    if code == SQLITE_CANTOPEN:
        return text(
            "无法打开数据库 {p}：文件夹不存在、没有权限，或该路径不是文件。请用 --db 指定正确的数据库文件。",
            "Cannot open the database {p}: the folder does not exist, is not readable, or the path is not a "
            "file. Give the right database file with --db.",
            p=where,
        )
    if code == SQLITE_IOERR:
        return text(
            "读写数据库 {p} 时磁盘出错（{m}）。请检查磁盘或U盘是否已拔出或已满，然后重试。",
            "A disk error while reading or writing the database {p} ({m}). Check that the disk or USB stick "
            "is still there and not full, then try again.",
            p=where,
            m=str(exc),
        )
    return None


def missing(path: Path, empty: bool) -> Text:
    if empty:
        return text(
            "数据库文件 {p} 是空的（0 字节或没有任何数据表）。新建请运行 liaison init station … 或 liaison init "
            "district …；若应有数据，请用 liaison restore 备份文件 从备份恢复。",
            "The database file {p} is empty (0 bytes, or no tables at all). To set up a new one, run "
            "'liaison init station …' or 'liaison init district …'; if it should hold data, recover it with "
            "'liaison restore BACKUP'.",
            p=str(path),
        )
    return text(
        "找不到数据库 {p}。新建请运行 liaison init station … 或 liaison init district …；已有数据库请用 --db "
        "指定它的位置。",
        "No database at {p}. To set up a new one, run 'liaison init station …' or 'liaison init district …'; "
        "to use an existing one, give its path with --db.",
        p=str(path),
    )


def not_ours(path: Path) -> Text:
    return text(
        "{p} 不是本软件的数据库（其中是别的数据表）。请用 --db 指定代表家站点工作台的数据库文件。",
        "{p} is not a Liaison Desk database (it holds other tables). Give a Liaison Desk database with --db.",
        p=str(path),
    )


def damaged(path: Path | None, detail: str) -> Text:
    where = str(path) if path else text("数据库", "the database")
    newest = newest_backup(path) if path else None
    command = f"liaison --db {_quoted(path)} restore" if path else "liaison restore"
    fix = (
        text("{c} {b}（最近的备份）", "'{c} {b}' (the latest backup)", c=command, b=_quoted(newest))
        if newest
        else text("{c} 备份文件.db", "'{c} BACKUP.db'", c=command)
    )
    return text(
        "数据库 {p} 已损坏（{d}）。请用 {f} 从备份恢复：损坏的文件会被改名保留，不会删除。",
        "The database {p} is damaged ({d}). Recover it from a backup with {f}: the damaged file is renamed "
        "and kept, not deleted.",
        p=where,
        d=_short(detail),
        f=fix,
    )


def busy(path: Path | None) -> Text:
    return text(
        "数据库 {p} 正被另一个程序写入（可能是另一个 liaison 窗口或命令，例如正在进行的导入或备份），等了 {n} 秒仍未"
        "结束。请等它完成后重试；等待中的修改没有写入。",
        "The database {p} is busy: another program (probably another Liaison Desk window or liaison command, "
        "such as an import or a backup under way) kept writing to it for {n} s. Try again when it has "
        "finished; the change that was waiting was not written.",
        p=str(path) if path else text("数据库", "the database"),
        n=f"{busy_timeout():g}",
    )


def record_refused(exc: RecordRefused) -> Text:
    noun = RECORD_NOUNS.get(exc.table, text(exc.table, exc.table))
    columns = [_COLUMN_NOUNS.get(c, text(c, c)) for c in exc.columns]
    values = "、".join(_value(v) for v in exc.values)
    record = exc.record_uuid or "—"
    if exc.constraint == "unique":
        return text(
            "无法保存{t}记录 {u}：已有另一条{t}记录的{c}是“{v}”。请换一个{c}，或改用已有的那条；本次修改没有写入。",
            "Cannot save the {t} record {u}: another {t} record already has {c} “{v}”. Use another {c}, or "
            "use the existing record; nothing of this change was written.",
            t=noun,
            u=record,
            c=columns[0] if len(columns) == 1 else "+".join(str(c) for c in columns),
            v=values,
        )
    if exc.constraint == "not_null":
        return text(
            "无法保存{t}记录 {u}：{c}不能为空。请填写后重试；本次修改没有写入。",
            "Cannot save the {t} record {u}: {c} must not be empty. Fill it in and try again; nothing of "
            "this change was written.",
            t=noun,
            u=record,
            c=columns[0] if columns else "?",
        )
    if exc.constraint == "foreign_key" and exc.deleting:
        child = RECORD_NOUNS.get(exc.detail, text(exc.detail or "其他", exc.detail or "other"))
        return text(
            "无法删除{t}记录 {u}：仍有{o}记录引用它。请先删除或修改那些记录；本次修改没有写入。",
            "Cannot delete the {t} record {u}: {o} records still refer to it. Delete or change those first; "
            "nothing of this change was written.",
            t=noun,
            u=record,
            o=child,
        )
    if exc.constraint == "foreign_key":
        parent = RECORD_NOUNS.get(exc.detail, text(exc.detail or "?", exc.detail or "?"))
        return text(
            "无法保存{t}记录 {u}：{c}“{v}”指向的{o}记录不存在。请先建立那条{o}记录，或改正{c}；本次修改没有写入。",
            "Cannot save the {t} record {u}: its {c} “{v}” points to a {o} record that does not exist. "
            "Create that record first or correct the {c}; nothing of this change was written.",
            t=noun,
            u=record,
            c=columns[0] if columns else "?",
            v=values,
            o=parent,
        )
    return text(
        "无法保存{t}记录 {u}：不符合数据规则（{d}）。请改正后重试；本次修改没有写入。",
        "Cannot save the {t} record {u}: it breaks a rule of the data ({d}). Correct it and try again; "
        "nothing of this change was written.",
        t=noun,
        u=record,
        d=_short(exc.detail or str(exc)),
    )


def constraint(message: str) -> Text:
    """An IntegrityError raised outside the record writer: SQLite names the table and column, not the value."""
    return text(
        "无法保存：数据违反规则（{m}）。本次修改没有写入；请检查输入或导入的文件中的重复或缺失的值。",
        "Cannot save: the data breaks a rule ({m}). Nothing of this change was written; look for a repeated "
        "or missing value in what was entered or imported.",
        m=message,
    )


def disk_error(exc: OSError, path: Path | str) -> Text:
    """A failed write of a file the user asked for (a bundle, a backup, a table, a report), naming it."""
    where = str(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return text(
            "{p} 所在的磁盘（或U盘）已满，无法写入。请腾出空间或换一个U盘后重试；没有留下写了一半的文件。",
            "The disk (or USB stick) holding {p} is full. Free some space or use another stick and try again; "
            "no half-written file was left behind.",
            p=where,
        )
    if exc.errno == errno.EROFS:
        return text(
            "{p} 所在的磁盘（或U盘）是只读的，无法写入。请检查U盘的写保护开关，或换一个位置。",
            "The disk (or USB stick) holding {p} is read-only. Check the stick's write-protect switch, or "
            "choose another place.",
            p=where,
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return text(
            "没有权限写入 {p}（文件是否正在其他程序中打开？）。请关闭它，或换一个文件夹后重试。",
            "No permission to write {p} (is the file open in another program?). Close it or choose another "
            "folder, then try again.",
            p=where,
        )
    if exc.errno == errno.ENOENT:
        return text(
            "无法写入 {p}：文件夹不存在（U盘是否已拔出？）。",
            "Cannot write {p}: the folder does not exist (was the stick removed?).",
            p=where,
        )
    return text(
        "无法写入 {p}（{m}）。请检查磁盘或U盘后重试。",
        "Cannot write {p} ({m}). Check the disk or USB stick and try again.",
        p=where,
        m=exc.strerror or str(exc),
    )


def newest_backup(db_path: Path) -> Path | None:
    folder = backup_dir_for(db_path)
    try:
        found = sorted(p for p in folder.glob("*.db") if p.is_file())
    except OSError:
        return None
    autos = [p for p in found if p.name.startswith("auto-")]
    chosen = autos or found
    return chosen[-1] if chosen else None


def _quoted(path: Path) -> str:
    """A path as it can be pasted into a shell: quoted when it has a space or a quote in it."""
    plain = str(path)
    return (
        plain if plain and not any(c in plain for c in " '\"&;|") else '"' + plain.replace('"', '\\"') + '"'
    )


def _value(value: Any) -> str:
    return "—" if value is None else str(value)


def _short(detail: str, limit: int = 160) -> str:
    detail = " ".join(detail.split())
    return detail if len(detail) <= limit else detail[: limit - 1] + "…"
