"""What can go wrong with the database file itself, told apart so that each gets its own message (app/storage.py
words them): the file is missing, it is damaged, or a record broke one of the schema's rules.

The last two are sqlite3 errors still, so that code which handles a sqlite3 error handles these too.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# The primary result codes (the low byte of an extended code) that mean the file is not a sound database.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SQLITE_BUSY = 5
SQLITE_LOCKED = 6


class DatabaseMissing(Exception):
    """The file is not there, or is empty (0 bytes), and this command does not create one."""

    def __init__(self, path: Path, empty: bool) -> None:
        super().__init__(f"{path}: {'empty file' if empty else 'no such file'}")
        self.path = path
        self.empty = empty


class NotOurDatabase(Exception):
    """A sound SQLite file holding other tables and none of ours: it is not opened, let alone migrated."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: not a Liaison Desk database")
        self.path = path


class DatabaseDamaged(sqlite3.DatabaseError):
    """The file is damaged or is not a database; `detail` is what SQLite's check found."""

    def __init__(self, path: Path | None, detail: str) -> None:
        super().__init__(f"{path}: {detail}" if path else detail)
        self.path = path
        self.detail = detail


class DatabaseBusy(sqlite3.OperationalError):
    """Another connection kept the write lock for longer than the busy timeout."""


def primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: BaseException) -> bool:
    if isinstance(exc, DatabaseBusy):
        return True
    return isinstance(exc, sqlite3.OperationalError) and primary_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def smells_of_damage(exc: BaseException) -> bool:
    """An error that a sound file of ours never gives. A damaged name in the schema reaches Python as a
    UnicodeDecodeError of SQLite's own message; a damaged text value as "Could not decode to UTF-8"."""
    if isinstance(exc, DatabaseDamaged | UnicodeDecodeError):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    message = str(exc)
    return message.startswith("Could not decode to UTF-8") or "malformed" in message


class RecordRefused(sqlite3.IntegrityError):
    """A write broke a rule of the schema; says which record, which columns and which values.

    `constraint` is "unique", "not_null", "check", "foreign_key" or "other"; str() is SQLite's own message.
    """

    def __init__(
        self,
        message: str,
        *,
        table: str,
        constraint: str,
        record_uuid: str = "",
        columns: Sequence[str] = (),
        values: Sequence[Any] = (),
        detail: str = "",
        deleting: bool = False,
    ) -> None:
        super().__init__(message)
        self.table = table
        self.constraint = constraint
        self.record_uuid = record_uuid
        self.columns = tuple(columns)
        self.values = tuple(values)
        self.detail = detail  # a CHECK's expression, or the table a foreign key points to (or from)
        self.deleting = deleting


_FAILED = re.compile(r"^(UNIQUE|NOT NULL|CHECK) constraint failed: (.*)$", re.DOTALL)


def refused_record(
    exc: sqlite3.IntegrityError,
    conn: sqlite3.Connection,
    table: str,
    row: Mapping[str, Any],
    *,
    deleting: bool = False,
) -> RecordRefused:
    """`exc` raised by writing `row` (the whole record as it would be stored) into `table`, explained."""
    message = str(exc)
    record_uuid = str(row.get("uuid") or "")
    found = _FAILED.match(message)
    if found is not None and found.group(1) in ("UNIQUE", "NOT NULL"):
        columns = [part.strip().split(".", 1)[-1] for part in found.group(2).split(",")]
        return RecordRefused(
            message,
            table=table,
            constraint="unique" if found.group(1) == "UNIQUE" else "not_null",
            record_uuid=record_uuid,
            columns=columns,
            values=[row.get(c) for c in columns],
            deleting=deleting,
        )
    if found is not None:
        return RecordRefused(
            message, table=table, constraint="check", record_uuid=record_uuid, detail=found.group(2).strip()
        )
    if "FOREIGN KEY" in message:
        if deleting:
            child = _referencing_table(conn, table, record_uuid)
            return RecordRefused(
                message,
                table=table,
                constraint="foreign_key",
                record_uuid=record_uuid,
                detail=child,
                deleting=True,
            )
        for column, parent in _missing_parents(conn, table, row):
            return RecordRefused(
                message,
                table=table,
                constraint="foreign_key",
                record_uuid=record_uuid,
                columns=[column],
                values=[row.get(column)],
                detail=parent,
            )
        return RecordRefused(message, table=table, constraint="foreign_key", record_uuid=record_uuid)
    return RecordRefused(message, table=table, constraint="other", record_uuid=record_uuid, detail=message)


def _missing_parents(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> list[tuple[str, str]]:
    missing = []
    for fk in conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
        parent, column, parent_column = fk[2], fk[3], fk[4] or "rowid"
        value = row.get(column)
        if value is None:
            continue
        if conn.execute(f"SELECT 1 FROM [{parent}] WHERE [{parent_column}] = ?", [value]).fetchone() is None:
            missing.append((column, parent))
    return missing


def _referencing_table(conn: sqlite3.Connection, table: str, record_uuid: str) -> str:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    for child in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
            if fk[2] == table and (fk[4] or "uuid") == "uuid":
                hit = conn.execute(f"SELECT 1 FROM [{child}] WHERE [{fk[3]}] = ? LIMIT 1", [record_uuid])
                if hit.fetchone() is not None:
                    return str(child)
    return ""
