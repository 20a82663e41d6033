"""Residents' details a bundle left out: merged so that a bundle without them never wipes them out, and a later
bundle with them fills them in, whatever order the bundles arrive in.

A station without the district's key may write a bundle without visitors' names and phones (the columns are not
in it at all). At the district, the personal columns of a record are then treated as a register of their own:
they hold the values of the newest *full* copy received (by version clock), while the rest of the record follows
the newest copy of any kind. sync_withheld lists the records whose personal columns lag behind the rest, with the
clock of the copy they came from (NULL: none yet, blank). So:

- a copy without them never changes them (the local values stand in for the missing cells);
- a full copy newer than the one they came from sets them, even when the rest of it is older than what is here
  (the station's next sealed bundle carries the same version again, whole);
- once they come from a copy as new as the record, the record leaves the list.

The district does not edit visitors' details itself; if it did, a later full copy newer than the one those
columns came from would set them again.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.sync import clock
from app.sync.tables import META, PERSONAL, TableSpec

LOCAL_CONTENT_START = 8  # merge.LOCAL_META: uuid … change_seq, then the content columns


class PersonalColumns:
    """The personal columns of one table, while one bundle's rows of it are merged."""

    def __init__(self, db: sqlite_utils.Database, spec: TableSpec, *, withheld: bool, here: str) -> None:
        self.db = db
        self.table = spec.name
        self.columns = PERSONAL[spec.name]
        self.row_at = [len(META) + spec.columns.index(c) for c in self.columns]
        self.old_at = [LOCAL_CONTENT_START + spec.columns.index(c) for c in self.columns]
        self.withheld = withheld
        self.here = here
        self.marks: dict[str, str | None] = dict(
            db.execute(
                "SELECT record_uuid, personal_clock FROM sync_withheld WHERE table_name = ?", [spec.name]
            ).fetchall()
        )
        self.set_marks: dict[str, str | None] = {}
        self.dropped: set[str] = set()
        self.fills: list[tuple[Any, ...]] = []
        self._taken: dict[str, bool] = {}

    @classmethod
    def for_table(
        cls, db: sqlite_utils.Database, spec: TableSpec, withheld: dict[str, tuple[str, ...]], here: str
    ) -> PersonalColumns | None:
        if spec.name not in PERSONAL:
            return None
        left_out = spec.name in withheld
        lagging = db.execute(
            "SELECT 1 FROM sync_withheld WHERE table_name = ? LIMIT 1", [spec.name]
        ).fetchone()
        if not left_out and lagging is None:
            return None  # the common case: a full bundle, and nothing lagging here
        return cls(db, spec, withheld=left_out, here=here)

    def before(self, row: list[Any], old: tuple[Any, ...] | None) -> tuple[list[Any], tuple[Any, ...] | None]:
        """The row and the local copy as the merge is to compare them: the personal columns made equal on both
        sides, to the values the record is to keep, so that they cause no update and no conflict."""
        uuid = row[0]
        if self.withheld:
            if old is not None:
                row = self._with(row, self.row_at, [old[i] for i in self.old_at])
            return row, old
        if old is None or uuid not in self.marks:
            return row, old
        source = self.marks[uuid]
        incoming: dict[str, int] = row[5]
        take = source is None or _newer(incoming, clock.parse_json(source))
        self._taken[uuid] = take
        if take:
            return row, self._with_old(old, [row[i] for i in self.row_at])
        return self._with(row, self.row_at, [old[i] for i in self.old_at]), old

    def after(self, row: list[Any], old: tuple[Any, ...] | None, written: bool, incoming_won: bool) -> bool:
        """Bookkeeping once the merge has decided; True when the personal columns alone were updated."""
        uuid = row[0]
        if self.withheld:
            if old is None:
                self.set_marks[uuid] = None  # new here, without them: blank until a full copy comes
            elif incoming_won:
                # The record moves on to this copy; its personal columns stay those of the copy they came from.
                source = self.marks[uuid] if uuid in self.marks else clock.dumps(self._clock(old))
                self.set_marks[uuid] = source
            return False
        if uuid not in self.marks or old is None:
            return False
        if not self._taken.get(uuid):
            # An older full copy: the values here stay, and so does the record's place in the list.
            return False
        if incoming_won:
            self.dropped.add(uuid)
            return False
        incoming: dict[str, int] = row[5]
        if incoming == self._clock(old):
            self.dropped.add(uuid)
        else:
            self.set_marks[uuid] = clock.dumps(incoming)
        if written:
            return False  # the merge's own update already carries the new values
        self.fills.append((*(row[i] for i in self.row_at), uuid))
        return True

    def save(self) -> None:
        if self.fills:
            assignments = ", ".join(f"[{c}] = ?" for c in self.columns)
            self.db.conn.executemany(f"UPDATE [{self.table}] SET {assignments} WHERE uuid = ?", self.fills)
        self.db.conn.executemany(
            "DELETE FROM sync_withheld WHERE table_name = ? AND record_uuid = ?",
            [(self.table, uuid) for uuid in sorted(self.dropped - set(self.set_marks))],
        )
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO sync_withheld (table_name, record_uuid, personal_clock) VALUES (?, ?, ?)",
            [(self.table, uuid, value) for uuid, value in self.set_marks.items()],
        )

    def _clock(self, old: tuple[Any, ...]) -> dict[str, int]:
        return clock.effective(old[5], old[6], old[4], self.here)

    @staticmethod
    def _with(row: list[Any], positions: list[int], values: list[Any]) -> list[Any]:
        row = list(row)
        for position, value in zip(positions, values, strict=True):
            row[position] = value
        return row

    def _with_old(self, old: tuple[Any, ...], values: list[Any]) -> tuple[Any, ...]:
        changed = list(old)
        for position, value in zip(self.old_at, values, strict=True):
            changed[position] = value
        return tuple(changed)


def _newer(a: dict[str, int], b: dict[str, int]) -> bool:
    return a != b and clock.dominates(a, b)
