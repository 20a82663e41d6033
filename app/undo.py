"""Undo: the clerk's last change taken back, as a new change that syncs like any other.

A change is what one operation committed; the audit log holds every entry of it under its change sequence
number, with the old and new values. Taking it back walks those entries newest first: a record it created
is deleted, a record it edited gets its old values back, a record it deleted comes back under its own UUID.
An item's handling log is append-only, so a step taken there is answered by a new entry that takes it back
(the item's status always follows its last status entry, here and at the district).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app import settings
from app.domain import RECORD_NOUNS
from app.errors import UserError
from app.i18n import Text, text
from app.services import items as item_service
from app.session import Session
from db.records import Writer, get

_VERBS: dict[str, Text] = {
    "create": text("新增", "add"),
    "update": text("修改", "edit"),
    "delete": text("删除", "delete"),
}


@dataclass(frozen=True)
class _Entry:
    table: str
    uuid: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def _entries(db: Any, change_seqs: Sequence[int]) -> list[_Entry]:
    marks = ", ".join("?" for _ in change_seqs)
    rows = db.execute(
        "SELECT table_name, record_uuid, action, old_values, new_values FROM audit_log"
        f" WHERE change_seq IN ({marks}) ORDER BY id",
        list(change_seqs),
    ).fetchall()
    return [
        _Entry(table, uuid, action, json.loads(old) if old else None, json.loads(new) if new else None)
        for table, uuid, action, old, new in rows
    ]


def describe(db: Any, change_seqs: Sequence[int]) -> Text:
    """What the change did, in a few words for the Edit menu: 删除来访登记, 修改社情民意 …"""
    entries = _entries(db, change_seqs)
    if not entries:
        return text("修改", "change")
    main = next((e for table in RECORD_NOUNS for e in entries if e.table == table), entries[0])
    noun = RECORD_NOUNS.get(main.table, text(main.table, main.table))
    verb = _VERBS.get(main.action, text(main.action, main.action))
    if main.table == "items" and main.action == "update" and any(e.table == "item_events" for e in entries):
        verb = text("办理", "handle")
    return text("{v}{n}", "{v} {n}", v=verb, n=noun)


def revert(session: Session, change_seqs: Sequence[int]) -> None:
    """Take back the change written under these sequence numbers, in one transaction, or refuse with
    nothing written when something has changed it since."""
    entries = _entries(session.db, change_seqs)
    if not entries:
        raise UserError(text("没有可以撤销的修改", "There is nothing to undo"))
    if any(e.table not in RECORD_NOUNS for e in entries):
        # e.g. a ledger file imported: its rows carry no audit entry each, so they cannot be taken back here
        raise UserError(text("这项修改无法撤销", "This change cannot be undone"))
    created_here = {(e.table, e.uuid) for e in entries if e.action == "create"}
    exported_upto = settings.LAST_EXPORTED_SEQ.get(session.db)
    with session.write() as writer:
        for entry in reversed(entries):
            if entry.action == "create":
                _undo_create(writer, entry, created_here)
            elif entry.action == "update":
                _undo_update(writer, entry)
            elif entry.action == "delete":
                _undo_delete(writer, entry, exported_upto)


def _undo_create(writer: Writer, entry: _Entry, created_here: set[tuple[str, str]]) -> None:
    if get(writer.db, entry.table, entry.uuid) is None:
        return  # already gone: nothing to take back
    if entry.table == "item_events":
        event = get(writer.db, "item_events", entry.uuid) or {}
        if ("items", event.get("item_uuid")) not in created_here:
            item_service.take_back_event(writer, event)
            return
    writer.delete(entry.table, entry.uuid)


def _undo_update(writer: Writer, entry: _Entry) -> None:
    current = get(writer.db, entry.table, entry.uuid)
    if current is None:
        raise _changed_since(entry)
    if any(current.get(k) != v for k, v in (entry.new or {}).items()):
        raise _changed_since(entry)
    writer.update(entry.table, entry.uuid, entry.old or {})


def _undo_delete(writer: Writer, entry: _Entry, exported_upto: int) -> None:
    if get(writer.db, entry.table, entry.uuid) is not None:
        raise _changed_since(entry)
    tombstone = writer.db.execute(
        "SELECT change_seq FROM tombstones WHERE table_name = ? AND record_uuid = ?",
        [entry.table, entry.uuid],
    ).fetchone()
    if tombstone is not None and exported_upto and tombstone[0] <= exported_upto:
        # The deletion has left on a stick: where it arrived it wins over any later copy of the record.
        raise UserError(
            text(
                "这项删除已随数据包导出，无法撤销：请重新登记",
                "This deletion has already been exported in a bundle and cannot be undone: enter it again",
            )
        )
    assert entry.old is not None
    writer.revive(entry.table, entry.old)


def _changed_since(entry: _Entry) -> UserError:
    noun = RECORD_NOUNS.get(entry.table, text(entry.table, entry.table))
    return UserError(
        text(
            "这条{n}此后已被修改（可能来自导入的数据包），无法撤销",
            "This {n} has been changed since (perhaps by an imported bundle) and cannot be undone",
            n=noun,
        )
    )
