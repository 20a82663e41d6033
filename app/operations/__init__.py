"""Operations: every change the window makes is an app/ function run through `perform`.

An operation takes a Session (and typed input) and writes through `session.write()`. `perform` runs it and
says what it changed — the tables and records its committed transactions touched — so the window refreshes
exactly what changed, never because a page remembered to. The window runs operations only on its single
database worker (ui/context.py `AppContext.apply`), so a write never waits on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from app.session import ChangeLog, Session

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation changed. `untracked`: the database changed outside any Writer (settings, keys, a
    bundle's merge), so a reader must assume that anything may have changed."""

    tables: frozenset[str] = frozenset()
    records: frozenset[str] = frozenset()
    untracked: bool = False
    # The change sequence numbers written under: what app/undo.py takes back.
    change_seqs: tuple[int, ...] = ()

    @property
    def anything(self) -> bool:
        return self.untracked or bool(self.tables)

    def touches(self, table: str) -> bool:
        return self.untracked or table in self.tables


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    changes: Changes


def perform(session: Session, operation: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
    """Run `operation(session, *args, **kwargs)` and collect what it changed. An error propagates as it was;
    whatever the operation had committed before it (nothing, when it writes in one transaction) is reported
    by the next operation's refresh, since a failed operation reports no changes."""
    if session.changes is not None:
        raise RuntimeError("operations do not nest: call the inner service directly")
    session.changes = log = ChangeLog()
    before = session.db.conn.total_changes
    try:
        value = operation(session, *args, **kwargs)
    finally:
        session.changes = None
    changes = Changes(
        tables=frozenset(log.records),
        records=frozenset(uuid for uuids in log.records.values() for uuid in uuids),
        untracked=not log.records and session.db.conn.total_changes > before,
        change_seqs=tuple(log.change_seqs),
    )
    return Outcome(value, changes)
