"""Conflicts the merge kept for a person to settle: list them, and resolve one by keeping either copy.

Keeping the other copy is an ordinary edit here (a new version), so the choice travels on with the next bundle
and wins over both copies everywhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.errors import NotFound, UserError
from app.i18n import text
from app.session import Session
from app.sync.tables import SPECS
from db.records import get, now_iso

KEEP_KEPT = "kept"
KEEP_OTHER = "other"
# An item's handling follows its merged history (the workflow's events), never a copy chosen by hand.
HANDLING = {"items": frozenset({"status", "department", "due_date", "reply", "satisfaction"})}


@dataclass(frozen=True)
class Conflict:
    id: int
    table: str
    record_uuid: str
    kept: dict[str, Any]
    other: dict[str, Any]
    other_from: str
    detected_at: str

    def differences(self) -> dict[str, tuple[Any, Any]]:
        """Column -> (kept value, other value), for the columns that differ in content."""
        return {
            c: (self.kept.get(c), self.other.get(c))
            for c in SPECS[self.table].columns
            if self.kept.get(c) != self.other.get(c)
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "table": self.table,
            "record": self.record_uuid,
            "other_from": self.other_from,
            "detected_at": self.detected_at,
            "differences": {c: {"kept": k, "other": o} for c, (k, o) in self.differences().items()},
        }


def open_conflicts(session: Session) -> list[Conflict]:
    rows = session.db.execute(
        "SELECT id, table_name, record_uuid, kept, other, other_from, detected_at FROM sync_conflicts"
        " WHERE resolved_at IS NULL ORDER BY id"
    ).fetchall()
    return [Conflict(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6]) for r in rows]


def resolve(session: Session, conflict_id: int, keep: str) -> None:
    if keep not in (KEEP_KEPT, KEEP_OTHER):
        raise UserError(text("请选择保留 kept 或 other", "Choose to keep 'kept' or 'other'"))
    found = [c for c in open_conflicts(session) if c.id == conflict_id]
    if not found:
        raise NotFound(text("没有编号为 {n} 的待处理冲突", "No open conflict number {n}", n=conflict_id))
    conflict = found[0]
    with session.write() as writer:
        if keep == KEEP_OTHER:
            if get(session.db, conflict.table, conflict.record_uuid) is None:
                raise NotFound(text("该记录已被删除", "The record has since been deleted"))
            skip = HANDLING.get(conflict.table, frozenset())
            changes = {c: o for c, (_, o) in conflict.differences().items() if c not in skip}
            writer.update(conflict.table, conflict.record_uuid, changes)
        session.db.execute(
            "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? WHERE id = ?",
            [now_iso(), session.operator, conflict_id],
        )
