"""Merging checked rows into the database, inside the caller's transaction.

Records merge by UUID and version clock (app/sync/clock.py): a newer copy replaces an older one, an older copy
changes nothing, and a copy changed on both sides is a conflict: the copy ranked higher is kept (the rank never
prefers an ancestor, so any order of the same bundles ends in the same database) and the other is stored in
sync_conflicts, labelled, for the office. Deletions (tombstones) win over edits. Item events are append-only,
so they merge by union, and an item whose row conflicted takes its status from the merged events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app.i18n import Text, text
from app.services.deputies import deputy_uuid_for, stationing_uuid_for
from app.services.reception import duty_uuid_for
from app.services.stations import station_uuid_for
from app.services.visits import visit_deputy_uuid_for
from app.sync import clock
from app.sync.tables import META, ORDER, SPECS, TableSpec
from app.sync.verify import RefusedRow
from app.sync.withheld import PersonalColumns
from db.bulk import deferred_text_indexes
from db.records import now_iso

CHUNK = 4000
LOCAL_META = (
    "uuid",
    "origin",
    "created_at",
    "updated_at",
    "version",
    "sync_clock",
    "sync_clock_version",
    "change_seq",
)

# Records that belong to one station (by station_uuid, or through their parent): a station's bundle may only
# carry its own.
OWNED_DIRECTLY = ("reception_days", "visits", "items")
OWNED_THROUGH: dict[str, tuple[str, str]] = {
    "duties": ("reception_day_uuid", "reception_days"),
    "visit_deputies": ("visit_uuid", "visits"),
    "item_events": ("item_uuid", "items"),
}
# Numbers unique per table that are not the UUID's natural key.
UNIQUE_NUMBERS = {"items": "item_no"}
# Links whose UUID follows from (parent, deputy): re-derived when the deputy turns out to be another's alias.
DEPUTY_LINKS: dict[str, tuple[str, Callable[[str, str], str]]] = {
    "stationings": ("station_uuid", lambda station, deputy: stationing_uuid_for(deputy, station)),
    "duties": ("reception_day_uuid", duty_uuid_for),
    "visit_deputies": ("visit_uuid", visit_deputy_uuid_for),
}


@dataclass
class TableCounts:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class MergeResult:
    tables: dict[str, TableCounts] = field(default_factory=dict)
    refused_rows: list[RefusedRow] = field(default_factory=list)

    def counts(self, table: str) -> TableCounts:
        return self.tables.setdefault(table, TableCounts())

    def refuse(self, table: str, uuid: str, reason: Text, line: int = 0) -> None:
        self.counts(table).refused += 1
        self.refused_rows.append(RefusedRow(table, line, uuid, reason))


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def existing(
    db: sqlite_utils.Database, table: str, column: str, values: Iterable[str], extra: str = ""
) -> dict[str, tuple[Any, ...]]:
    """Rows of `table` whose `column` is one of `values`, keyed by that column; looked up in chunks."""
    found: dict[str, tuple[Any, ...]] = {}
    distinct = list(dict.fromkeys(v for v in values if v is not None))
    select = f"{column}{', ' + extra if extra else ''}"
    for chunk in _chunks(distinct):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {select} FROM [{table}] WHERE [{column}] IN ({marks})", chunk):
            found[row[0]] = row
    return found


class Merger:
    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        here: str,
        sender: str,
        bundle_hash: str,
        sender_station_uuid: str | None,
        withheld: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.db = db
        self.withheld = withheld or {}
        self.here = here
        self.sender = sender
        self.bundle_hash = bundle_hash
        self.sender_station_uuid = sender_station_uuid
        self.result = MergeResult()
        self.aliases: dict[str, str] = dict(
            db.execute("SELECT alias_uuid, uuid FROM sync_aliases").fetchall()
        )
        # item uuid -> (kept, other) copies, to settle the status from the merged history afterwards
        self.conflicted_items: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self.stamp = now_iso()

    # ------------------------------------------------------------ rows

    def merge_all(self, tables: dict[str, list[list[Any]]]) -> MergeResult:
        for name in ORDER:
            rows = tables.get(name)
            if rows:
                self.merge_table(SPECS[name], rows)
        self._reconcile_item_status()
        return self.result

    def merge_table(self, spec: TableSpec, rows: list[list[Any]]) -> None:
        counts = self.result.counts(spec.name)
        if self.aliases:
            rows = [self._unalias(spec, row) for row in rows]
        pending_repoint: list[tuple[str, str]] = []
        if spec.name == "deputies":
            rows, pending_repoint = self._deputy_identities(rows, counts)
        rows = self._drop_deleted(spec, rows, counts)
        rows = self._check_references(spec, rows)
        if spec.name in UNIQUE_NUMBERS:
            rows = self._check_unique(spec, rows, UNIQUE_NUMBERS[spec.name])
        header = spec.header
        content_start = len(META)
        local = existing(
            self.db,
            spec.name,
            "uuid",
            (r[0] for r in rows),
            ", ".join(f"[{c}]" for c in LOCAL_META[1:] + spec.columns),
        )
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        seen: set[str] = set()
        personal = PersonalColumns.for_table(self.db, spec, self.withheld, self.here)
        for row in rows:
            uuid = row[0]
            if uuid in seen:
                self.result.refuse(
                    spec.name, uuid, text("同一记录在数据包中出现两次", "the same record appears twice")
                )
                continue
            seen.add(uuid)
            original = old = local.get(uuid)
            if personal is not None:
                row, old = personal.before(row, old)
            incoming_clock: dict[str, int] = row[5]
            if old is None:
                inserts.append((*row[:5], 0, clock.dumps(incoming_clock), row[4], *row[content_start:]))
                counts.imported += 1
                if personal is not None:
                    personal.after(row, None, True, True)
                continue
            decision = self._decide(spec, row, old)
            if personal is not None and personal.after(
                row, original, decision is not None, decision is not None and decision[2]
            ):
                counts.updated += 1
                continue
            if decision is None:
                counts.unchanged += 1
                continue
            values, outcome, _incoming_won = decision
            updates.append(values)
            if outcome == "updated":
                counts.updated += 1
            elif outcome == "conflict":
                counts.conflicts += 1
            else:
                counts.unchanged += 1
        columns = (*header[:5], "change_seq", "sync_clock", "sync_clock_version", *spec.columns)
        if inserts:
            # Many new rows: fill the text indexes once afterwards instead of per row (db/bulk.py).
            with deferred_text_indexes(self.db, spec.name):
                self.db.conn.executemany(
                    f"INSERT INTO [{spec.name}] ({', '.join(f'[{c}]' for c in columns)})"
                    f" VALUES ({', '.join('?' for _ in columns)})",
                    inserts,
                )
        if updates:
            assignments = ", ".join(f"[{c}] = ?" for c in columns[1:])
            self.db.conn.executemany(f"UPDATE [{spec.name}] SET {assignments} WHERE uuid = ?", updates)
        if personal is not None:
            personal.save()
        for old_uuid, new_uuid in pending_repoint:
            self._repoint_deputy(old_uuid, new_uuid)

    def _decide(
        self, spec: TableSpec, row: list[Any], old: tuple[Any, ...]
    ) -> tuple[tuple[Any, ...], str, bool] | None:
        """None when nothing is written; else the UPDATE's values (columns after uuid, then uuid), why, and
        whether the incoming copy is the one kept.

        old is (uuid, origin, created_at, updated_at, version, sync_clock, sync_clock_version, change_seq,
        content...). A row kept from here keeps its change_seq, so a local edit not yet exported still goes out.
        """
        local_meta = tuple(old[1:5])
        local_seq = old[7]
        local_clock = clock.effective(old[5], old[6], old[4], self.here)
        local_content = tuple(old[8:])
        incoming_clock: dict[str, int] = row[5]
        incoming_content = tuple(row[len(META) :])
        same_content = local_content == incoming_content
        strictly_newer = incoming_clock != local_clock and clock.dominates(incoming_clock, local_clock)
        strictly_older = incoming_clock != local_clock and clock.dominates(local_clock, incoming_clock)
        if not same_content and strictly_newer:
            return self._values(row[:5], 0, incoming_clock, incoming_content), "updated", True
        if not same_content and strictly_older:
            return None
        if (
            same_content
            and incoming_clock == local_clock
            and tuple(row[1:5]) == local_meta
            and old[6] == old[4]
            and old[5] == clock.dumps(local_clock)
        ):
            return None
        local_row = (old[0], *local_meta)
        incoming_row = tuple(row[:5])
        if strictly_newer or strictly_older:
            incoming_wins = strictly_newer
        else:
            incoming_wins = self._rank(spec, incoming_row, incoming_content) > self._rank(
                spec, local_row, local_content
            )
        both = clock.merged(local_clock, incoming_clock)
        if same_content:
            meta = incoming_row if incoming_wins else local_row
            values = self._values(meta, local_seq, both, local_content)
            current = (*local_meta, local_seq, old[5], old[6], *local_content)
            return (values, "unchanged", incoming_wins) if values[:-1] != current else None
        recorded = self._record_conflict(
            spec, incoming_wins, local_row, local_content, incoming_row, incoming_content
        )
        if incoming_wins:
            return (
                self._values(incoming_row, 0, both, incoming_content),
                "conflict" if recorded else "updated",
                True,
            )
        return (
            self._values(local_row, local_seq, both, local_content),
            "conflict" if recorded else "unchanged",
            False,
        )

    @staticmethod
    def _values(
        meta: tuple[Any, ...] | list[Any],
        change_seq: int,
        record_clock: dict[str, int],
        content: tuple[Any, ...],
    ) -> tuple[Any, ...]:
        # Column order of the UPDATE: origin, created_at, updated_at, version, change_seq, sync_clock,
        # sync_clock_version, content..., then uuid for the WHERE.
        return (*meta[1:5], change_seq, clock.dumps(record_clock), meta[4], *content, meta[0])

    @staticmethod
    def _rank(spec: TableSpec, meta: tuple[Any, ...], content: tuple[Any, ...]) -> tuple[Any, ...]:
        """Which of two concurrent copies is kept. It depends on the copies alone (never on what was merged
        before), and the version grows with every edit along a line of descent, so an ancestor never outranks
        its descendant: hence any order of the same bundles keeps the same copy."""
        # A station's own record of itself outranks a placeholder made elsewhere from a roster.
        owner = 1 if spec.name == "stations" and meta[1] == content[0] else 0
        return (
            owner,
            meta[4],
            meta[3],
            meta[1],
            meta[2],
            json.dumps(content, ensure_ascii=False, default=str),
        )

    def _record_conflict(
        self,
        spec: TableSpec,
        incoming_wins: bool,
        local_row: tuple[Any, ...],
        local_content: tuple[Any, ...],
        incoming_row: tuple[Any, ...],
        incoming_content: tuple[Any, ...],
    ) -> bool:
        """Stores the copy not kept for the office; False when there is no disagreement to show."""
        names = ("uuid", "origin", "created_at", "updated_at", "version", *spec.columns)
        local = dict(zip(names, (*local_row, *local_content), strict=True))
        incoming = dict(zip(names, (*incoming_row, *incoming_content), strict=True))
        kept, other = (incoming, local) if incoming_wins else (local, incoming)
        if spec.name == "items":
            self.conflicted_items[str(local_row[0])] = (kept, other)
        if spec.name == "stations" and other["name"] == other["code"] and other["kind"] is None:
            return False  # a placeholder giving way to the real record is not a disagreement
        self.db.execute(
            "INSERT OR IGNORE INTO sync_conflicts (table_name, record_uuid, kept, other, other_from, bundle_hash,"
            " detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                spec.name,
                local_row[0],
                json.dumps(kept, ensure_ascii=False),
                json.dumps(other, ensure_ascii=False),
                self.here if incoming_wins else self.sender,
                self.bundle_hash,
                self.stamp,
            ],
        )
        return True

    # ------------------------------------------------------------ checks before writing

    def _unalias(self, spec: TableSpec, row: list[Any]) -> list[Any]:
        aliases = self.aliases
        row = list(row)
        row[0] = aliases.get(row[0], row[0])
        header = spec.header
        remapped_deputy = False
        for ref in spec.references:
            index = header.index(ref.column)
            value = row[index]
            if value is not None and value in aliases:
                row[index] = aliases[value]
                remapped_deputy |= ref.table == "deputies"
        if remapped_deputy and spec.name in DEPUTY_LINKS:
            parent_column, derive = DEPUTY_LINKS[spec.name]
            derived = derive(row[header.index(parent_column)], row[header.index("deputy_uuid")])
            if derived != row[0]:
                # Remembered, so that a later deletion of the link under its old UUID finds it.
                self._alias(spec.name, row[0], derived)
                row[0] = derived
        return row

    def _drop_deleted(self, spec: TableSpec, rows: list[list[Any]], counts: TableCounts) -> list[list[Any]]:
        if not self.db.execute(
            "SELECT 1 FROM tombstones WHERE table_name = ? LIMIT 1", [spec.name]
        ).fetchone():
            return rows
        deleted = existing(self.db, "tombstones", "record_uuid", (r[0] for r in rows))
        if not deleted:
            return rows
        kept = [r for r in rows if r[0] not in deleted]
        counts.unchanged += len(rows) - len(kept)
        return kept

    def _check_references(self, spec: TableSpec, rows: list[list[Any]]) -> list[list[Any]]:
        header = spec.header
        bad: dict[str, Text] = {}
        for ref in spec.references:
            index = header.index(ref.column)
            wanted = {r[index] for r in rows if r[index] is not None}
            if not wanted:
                continue
            owner_column = "station_uuid" if (spec.name, ref.column) in _OWNER_REFS else ""
            found = existing(self.db, ref.table, "uuid", wanted, owner_column)
            for row in rows:
                value = row[index]
                if value is None:
                    continue
                parent = found.get(value)
                if parent is None:
                    bad.setdefault(
                        row[0],
                        text(
                            "引用的{t}记录 {u} 不存在",
                            "refers to a {t} record {u} that does not exist",
                            t=ref.table,
                            u=value,
                        ),
                    )
                elif owner_column and self.sender_station_uuid and parent[1] != self.sender_station_uuid:
                    bad.setdefault(row[0], _not_theirs())
        if spec.name in OWNED_DIRECTLY and self.sender_station_uuid:
            index = header.index("station_uuid")
            for row in rows:
                if row[index] != self.sender_station_uuid:
                    bad.setdefault(row[0], _not_theirs())
        if not bad:
            return rows
        for uuid, reason in bad.items():
            self.result.refuse(spec.name, uuid, reason)
        return [r for r in rows if r[0] not in bad]

    def _check_unique(self, spec: TableSpec, rows: list[list[Any]], column: str) -> list[list[Any]]:
        """A number already used here by another record (a station set up again from scratch numbers its
        items afresh) refuses that row, not the whole bundle."""
        index = spec.header.index(column)
        taken = existing(self.db, spec.name, column, (r[index] for r in rows), "uuid")
        kept = []
        for row in rows:
            holder = taken.get(row[index])
            if holder is not None and holder[1] != row[0]:
                self.result.refuse(
                    spec.name,
                    row[0],
                    text(
                        "编号 {n} 已被本机另一条记录使用",
                        "the number {n} is already used here by another record",
                        n=row[index],
                    ),
                )
            else:
                kept.append(row)
        return kept

    # ------------------------------------------------------------ one deputy, one record

    def _deputy_identities(
        self, rows: list[list[Any]], counts: TableCounts
    ) -> tuple[list[list[Any]], list[tuple[str, str]]]:
        """A deputy known by name+level here and by number there is one person: the numbered record is kept."""
        header = SPECS["deputies"].header
        i_no, i_name, i_level = header.index("deputy_no"), header.index("name"), header.index("level")
        kept: list[list[Any]] = []
        repoint: list[tuple[str, str]] = []
        numbered_here = {(r[i_name], r[i_level]) for r in rows if r[i_no] is not None}
        for row in rows:
            name, level = row[i_name], row[i_level]
            if row[i_no] is None:
                candidates = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT uuid FROM deputies WHERE name = ? AND level = ? AND deputy_no IS NOT NULL",
                        [name, level],
                    )
                ]
                if len(candidates) == 1 and (name, level) not in numbered_here:
                    self._alias("deputies", row[0], candidates[0])
                    counts.unchanged += 1
                    continue
            else:
                old = deputy_uuid_for(deputy_no=None, name=name, level=level)
                namesakes = self.db.execute(
                    "SELECT COUNT(*) FROM deputies WHERE name = ? AND level = ? AND deputy_no IS NOT NULL"
                    " AND uuid != ?",
                    [name, level, row[0]],
                ).fetchone()[0]
                local_old = self.db.execute("SELECT deputy_no FROM deputies WHERE uuid = ?", [old]).fetchone()
                if local_old is not None and local_old[0] is None and namesakes == 0:
                    repoint.append((old, row[0]))
            kept.append(row)
        return kept, repoint

    def _alias(self, table: str, alias: str, target: str) -> None:
        if alias == target:
            return
        self.aliases[alias] = target
        self.db.execute(
            "INSERT OR REPLACE INTO sync_aliases (alias_uuid, table_name, uuid) VALUES (?, ?, ?)",
            [alias, table, target],
        )

    def _repoint_deputy(self, old: str, new: str) -> None:
        if self.db.execute("SELECT 1 FROM deputies WHERE uuid = ?", [new]).fetchone() is None:
            return  # the numbered record was refused; keep the one we have
        for table, (parent_column, derive) in DEPUTY_LINKS.items():
            for child, parent in self.db.execute(
                f"SELECT uuid, [{parent_column}] FROM [{table}] WHERE deputy_uuid = ?", [old]
            ).fetchall():
                target = derive(parent, new)
                if self.db.execute(f"SELECT 1 FROM [{table}] WHERE uuid = ?", [target]).fetchone():
                    self.db.execute(f"DELETE FROM [{table}] WHERE uuid = ?", [child])
                else:
                    self.db.execute(
                        f"UPDATE [{table}] SET uuid = ?, deputy_uuid = ? WHERE uuid = ?", [target, new, child]
                    )
                self._alias(table, child, target)
        self.db.execute("DELETE FROM deputies WHERE uuid = ?", [old])
        self._alias("deputies", old, new)

    # ------------------------------------------------------------ deletions and item status

    def apply_tombstones(self, rows: list[list[Any]]) -> None:
        by_table: dict[str, list[list[Any]]] = {}
        for row in rows:
            row = list(row)
            row[2] = self.aliases.get(row[2], row[2])
            by_table.setdefault(row[1], []).append(row)
        for table in reversed(ORDER):
            counts = self.result.counts(table)
            for uuid, _, record_uuid, origin, deleted_at, operator in by_table.get(table, []):
                if table in OWNED_DIRECTLY and self.sender_station_uuid:
                    owner = self.db.execute(
                        f"SELECT station_uuid FROM [{table}] WHERE uuid = ?", [record_uuid]
                    ).fetchone()
                    if owner is not None and owner[0] != self.sender_station_uuid:
                        self.result.refuse(table, record_uuid, _not_theirs())
                        continue
                try:
                    deleted = self.db.execute(f"DELETE FROM [{table}] WHERE uuid = ?", [record_uuid]).rowcount
                except Exception as exc:  # sqlite3.IntegrityError: still referenced by records kept here
                    if "FOREIGN KEY" not in str(exc):
                        raise
                    self.result.refuse(
                        table,
                        record_uuid,
                        text("仍被本机其他记录引用，未删除", "still referenced here; not deleted"),
                    )
                    continue
                known = self.db.execute(
                    "INSERT OR IGNORE INTO tombstones (uuid, table_name, record_uuid, origin, deleted_at, operator,"
                    " change_seq) VALUES (?, ?, ?, ?, ?, ?, 0)",
                    [uuid, table, record_uuid, origin, deleted_at, operator],
                ).rowcount
                if deleted:
                    counts.deleted += 1
                elif not known:
                    counts.unchanged += 1
                else:
                    counts.deleted += 0

    def _reconcile_item_status(self) -> None:
        """Events are a union, so the item's status is the last status event's; when the copy that lost the
        conflict is the one that made that move, its handling fields come with it."""
        handling = ("status", "department", "due_date", "reply", "satisfaction")
        for item in sorted(self.conflicted_items):
            kept, other = self.conflicted_items[item]
            latest = self.db.execute(
                "SELECT to_status FROM item_events WHERE item_uuid = ? AND kind IN ('created', 'status')"
                " AND to_status IS NOT NULL ORDER BY at DESC, kind = 'status' DESC, uuid DESC LIMIT 1",
                [item],
            ).fetchone()
            if latest is None or latest[0] == kept["status"]:
                continue
            source = other if other["status"] == latest[0] else {**kept, "status": latest[0]}
            values = {k: source[k] for k in handling}
            if values["status"] != "fed_back":
                values["satisfaction"] = None
            self.db.execute(
                f"UPDATE items SET {', '.join(f'[{k}] = ?' for k in handling)} WHERE uuid = ?",
                [*values.values(), item],
            )


_OWNER_REFS = {(table, column) for table, (column, _) in OWNED_THROUGH.items()}


def _not_theirs() -> Text:
    return text(
        "属于其他家站点，不能由本数据包修改", "belongs to another station; this bundle may not change it"
    )


def sender_station_uuid(kind: str, station_code: str) -> str | None:
    return station_uuid_for(station_code) if kind == "station" else None
