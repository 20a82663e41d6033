"""Record-level writes: bookkeeping columns, versions, the audit trail and tombstones.

Every function here expects to run inside `db.atomic()`; the caller decides the transaction's extent.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlite_utils

from db import clock
from db.bulk import deferred_text_indexes
from db.errors import refused_record

# Natural keys (a station's code, a deputy's number) map to the same UUID at every station and at the
# district, so the same roster loaded in two places describes the same records.
NAMESPACE = uuid.UUID("6f0b6a52-5c1e-4d4b-9a57-1b5c2d7f0e11")

META_COLUMNS = ("uuid", "origin", "created_at", "updated_at", "version", "change_seq")


def now_iso() -> str:
    return clock.now_iso()


def new_uuid() -> str:
    return str(uuid.uuid4())


def stable_uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def next_change_seq(db: sqlite_utils.Database) -> int:
    row = db.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value").fetchone()
    return int(row[0])


def current_change_seq(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()[0])


def get(db: sqlite_utils.Database, table: str, record_uuid: str) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE uuid = ?", [record_uuid])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _audit(
    db: sqlite_utils.Database,
    operator: str,
    table: str,
    record_uuid: str,
    action: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    change_seq: int | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (at, operator, table_name, record_uuid, action, old_values, new_values,"
        " change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            now_iso(),
            operator,
            table,
            record_uuid,
            action,
            json.dumps(dict(old), ensure_ascii=False) if old is not None else None,
            json.dumps(dict(new), ensure_ascii=False) if new is not None else None,
            change_seq,
        ],
    )


class Writer:
    """Writes records on behalf of one operator at one origin, within one transaction.

    One change sequence number is taken per Writer, so everything written together is exported together.
    """

    def __init__(self, db: sqlite_utils.Database, operator: str, origin: str) -> None:
        if not db.conn.in_transaction:
            raise RuntimeError("Writer must be used inside db.atomic()")
        self.db = db
        self.operator = operator
        self.origin = origin
        self._seq: int | None = None
        # What this transaction wrote, table by table: the window refreshes exactly these after it commits.
        self.changed: dict[str, set[str]] = {}

    def _touched(self, table: str, record_uuid: str | None = None) -> None:
        uuids = self.changed.setdefault(table, set())
        if record_uuid is not None:
            uuids.add(record_uuid)

    @property
    def used_change_seq(self) -> int | None:
        """The change sequence number this transaction wrote under, or None if it wrote nothing yet."""
        return self._seq

    @property
    def change_seq(self) -> int:
        if self._seq is None:
            self._seq = next_change_seq(self.db)
        return self._seq

    def insert(self, table: str, values: Mapping[str, Any], record_uuid: str | None = None) -> str:
        stamp = now_iso()
        row = dict(values)
        row["uuid"] = record_uuid or row.get("uuid") or new_uuid()
        row.setdefault("origin", self.origin)
        row.setdefault("created_at", stamp)
        row["updated_at"] = stamp
        row.setdefault("version", 1)
        row["change_seq"] = self.change_seq
        self._insert_row(table, row)
        _audit(self.db, self.operator, table, row["uuid"], "create", None, values, self.change_seq)
        self._touched(table, str(row["uuid"]))
        return str(row["uuid"])

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Bulk insert of new records (ledger imports): rows hold uuid then `columns`; one audit entry."""
        stamp = now_iso()
        seq = self.change_seq
        all_columns = ["uuid", "origin", "created_at", "updated_at", "version", "change_seq", *columns]
        sql = (
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in all_columns)})"
            f" VALUES ({', '.join('?' for _ in all_columns)})"
        )
        prefix = (self.origin, stamp, stamp, 1, seq)
        count = 0
        last: Sequence[Any] = ()

        def with_meta() -> Iterable[Sequence[Any]]:
            nonlocal count, last
            for row in rows:
                count += 1
                last = (row[0], *prefix, *row[1:])
                yield last

        try:
            with deferred_text_indexes(self.db, table):
                self.db.conn.executemany(sql, with_meta())
        except sqlite3.IntegrityError as exc:
            # executemany stops at the row that failed: the last one it took.
            raise refused_record(
                exc, self.db.conn, table, dict(zip(all_columns, last, strict=False))
            ) from exc
        self._touched(table)
        return count

    def update(self, table: str, record_uuid: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Apply changes; returns the old row. No-op (and no version bump) when nothing differs."""
        old = get(self.db, table, record_uuid)
        if old is None:
            raise KeyError(f"{table} {record_uuid} not found")
        changed = {k: v for k, v in changes.items() if old.get(k) != v}
        if not changed:
            return old
        assignments = dict(changed)
        assignments["updated_at"] = now_iso()
        assignments["version"] = int(old["version"]) + 1
        assignments["change_seq"] = self.change_seq
        sets = ", ".join(f"[{c}] = ?" for c in assignments)
        try:
            self.db.execute(
                f"UPDATE [{table}] SET {sets} WHERE uuid = ?", [*assignments.values(), record_uuid]
            )
        except sqlite3.IntegrityError as exc:
            raise refused_record(exc, self.db.conn, table, {**old, **assignments}) from exc
        _audit(
            self.db,
            self.operator,
            table,
            record_uuid,
            "update",
            {k: old[k] for k in changed},
            changed,
            self.change_seq,
        )
        self._touched(table, record_uuid)
        return old

    def delete(self, table: str, record_uuid: str) -> dict[str, Any]:
        old = get(self.db, table, record_uuid)
        if old is None:
            raise KeyError(f"{table} {record_uuid} not found")
        try:
            self.db.execute(f"DELETE FROM [{table}] WHERE uuid = ?", [record_uuid])
        except sqlite3.IntegrityError as exc:
            raise refused_record(exc, self.db.conn, table, old, deleting=True) from exc
        self.db.execute(
            "INSERT OR REPLACE INTO tombstones (uuid, table_name, record_uuid, origin, deleted_at, operator,"
            " change_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                stable_uuid("tombstone", table, record_uuid),
                table,
                record_uuid,
                self.origin,
                now_iso(),
                self.operator,
                self.change_seq,
            ],
        )
        _audit(self.db, self.operator, table, record_uuid, "delete", old, None, self.change_seq)
        self._touched(table, record_uuid)
        return old

    def revive(self, table: str, old: Mapping[str, Any]) -> str:
        """Bring a deleted record back as it was (an undone deletion), under its own UUID: one edit newer
        than the copy that was deleted, so that wherever that copy still lives this one wins, and without
        the tombstone that would delete it again."""
        row = dict(old)
        row["version"] = int(row["version"]) + 1
        row["updated_at"] = now_iso()
        row["change_seq"] = self.change_seq
        self._insert_row(table, row)
        self.db.execute(
            "DELETE FROM tombstones WHERE table_name = ? AND record_uuid = ?", [table, row["uuid"]]
        )
        _audit(self.db, self.operator, table, row["uuid"], "create", None, row, self.change_seq)
        self._touched(table, str(row["uuid"]))
        return str(row["uuid"])

    def _insert_row(self, table: str, row: Mapping[str, Any]) -> None:
        columns = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" for _ in row)
        try:
            self.db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
        except sqlite3.IntegrityError as exc:
            raise refused_record(exc, self.db.conn, table, row) from exc

    def audit(self, table: str, record_uuid: str, action: str, new: Mapping[str, Any]) -> None:
        # A note in the log (e.g. a ledger file imported) is no change of a record: it takes no number.
        _audit(self.db, self.operator, table, record_uuid, action, None, new, self._seq)
