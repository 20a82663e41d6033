"""A Session is one operator working on one database: the thing every service function takes first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from app import settings, storage
from app.errors import UserError
from app.i18n import text
from db.connection import open_database
from db.errors import RecordRefused
from db.records import Writer

DISTRICT_ORIGIN = "district"


@dataclass
class ChangeLog:
    """What the committed transactions of one operation wrote: records by table, and each transaction's
    change sequence number (the audit log groups its entries by it, which is what undo takes back)."""

    records: dict[str, set[str]] = field(default_factory=dict)
    change_seqs: list[int] = field(default_factory=list)

    def add(self, writer: Writer) -> None:
        for table, uuids in writer.changed.items():
            self.records.setdefault(table, set()).update(uuids)
        if writer.changed and writer.used_change_seq is not None:
            self.change_seqs.append(writer.used_change_seq)


@dataclass
class Session:
    db: sqlite_utils.Database
    operator: str = ""
    path: Path | None = None
    # While an operation runs (app/operations.py): what its committed writes touched.
    changes: ChangeLog | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path | str, operator: str | None = None, *, create: bool = True) -> Session:
        """The database at `path`, migrated. create=False refuses a missing or empty file (db.errors)."""
        db = open_database(path, create=create)
        session = cls(db, "", None if str(path) == ":memory:" else Path(path))
        try:
            session.operator = operator or settings.OPERATOR.get(db) or "system"
        except BaseException:
            db.close()
            raise
        return session

    def close(self) -> None:
        self.db.close()

    @property
    def role(self) -> str:
        return settings.ROLE.get(self.db)

    @property
    def is_district(self) -> bool:
        return self.role == "district"

    @property
    def origin(self) -> str:
        """The code stamped on records created here: the station's code, or 'district'."""
        if self.is_district:
            return DISTRICT_ORIGIN
        return settings.STATION_CODE.get(self.db) or DISTRICT_ORIGIN

    def require_initialised(self) -> None:
        if not self.role:
            raise UserError(
                text(
                    "数据库尚未初始化：请先运行 liaison init station … 或 liaison init district …",
                    "The database is not initialised: run 'liaison init station …' or 'liaison init district …' first",
                )
            )

    def local_station_uuid(self) -> str | None:
        code = settings.STATION_CODE.get(self.db)
        if not code:
            return None
        row = self.db.execute("SELECT uuid FROM stations WHERE code = ?", [code]).fetchone()
        return row[0] if row else None

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction, one change sequence number, one operator. A record that breaks a rule of the schema
        is the user's to correct (a number already taken, say): it comes out as a UserError naming it."""
        try:
            with self.db.atomic():
                writer = Writer(self.db, self.operator, self.origin)
                yield writer
        except RecordRefused as exc:
            raise UserError(storage.record_refused(exc)) from exc
        if self.changes is not None:  # committed: the running operation reports these as changed
            self.changes.add(writer)
