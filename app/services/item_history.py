"""An item's handling log (item_events) read as one history: the order of its entries, and the status and
satisfaction that follow from them.

The log only grows, and a sync leaves both ends holding the union of their entries, so the status is computed
from the entries in an order that every database computes alike from the same entries, whatever order the
bundles came in:

- Every entry written now carries `lamport`: one more than the highest `lamport` among the item's entries its
  writer held (a Lamport clock, per item). So an entry comes after every entry its writer had seen. Entries
  written at two ends without seeing each other may share a number; they are ordered by their time stamp, then
  their origin (the UUID only separates entries alike in everything else).
- Entries written before the stamp existed (NULL) come first: the versions that wrote them could not read a
  stamped entry, so none of them follows one. Among themselves they go by time stamp; within one second (a
  ledger import or the demo writes a whole workflow in one) a step that starts where another ends comes after it.

Walking the entries in that order, a step forward moves the item only if it takes it further than where it is
(a step taken at the other end in the meantime, and overtaken, never moves it back); a step back — 退回, which
needs a reason, or an undone step — always moves it. The status therefore moves back only by a step back.

A satisfaction is a note `satisfaction=<code>` written with the step to 反馈 or after it; an undone one
(`撤销：satisfaction=<code>`) is taken off again. It counts from the step that brought the item to 反馈, and a
step back clears it. Before the stamp existed a satisfaction given with the step to 反馈 was written on the item
alone: for an item brought to 反馈 by an unstamped step and with no such note, the log does not say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from app.domain import ItemStatus, Satisfaction

SATISFACTION_NOTE = "satisfaction="
# An undone step's note; an undone note or edit is its note after this prefix (items.take_back_event).
UNDONE_NOTE = "撤销"
UNDONE_PREFIX = f"{UNDONE_NOTE}："
COLUMNS = ("item_uuid", "uuid", "kind", "from_status", "to_status", "note", "at", "origin", "lamport")
_CHUNK = 4000


@dataclass(frozen=True)
class Entry:
    uuid: str
    kind: str
    from_status: str | None
    to_status: str | None
    note: str
    at: str
    origin: str
    lamport: int | None

    @property
    def is_step(self) -> bool:
        return self.kind == "status" and self.to_status is not None

    @property
    def is_back(self) -> bool:
        return self.is_step and _rank(self.to_status) < _rank(self.from_status)


@dataclass(frozen=True)
class Handling:
    """What the log says. status None: the log holds no step (e.g. only notes reached this database)."""

    status: str | None
    satisfaction: str | None
    # False only for an item brought to 反馈 by an unstamped step with no satisfaction note: then the item's
    # own satisfaction stands.
    satisfaction_known: bool


def _rank(status: str | None) -> int:
    return -1 if status is None else ItemStatus(status).rank


def satisfaction_note(value: str | None) -> str:
    return f"{SATISFACTION_NOTE}{value or ''}"


def _satisfaction(note: str) -> tuple[bool, str | None] | None:
    """(undone, value) for a satisfaction note, however many times undone; None for any other note."""
    undone = False
    while note.startswith(UNDONE_PREFIX):
        note = note[len(UNDONE_PREFIX) :]
        undone = not undone
    if not note.startswith(SATISFACTION_NOTE):
        return None
    value = note[len(SATISFACTION_NOTE) :]
    if value and value not in {s.value for s in Satisfaction}:
        return None
    return undone, value or None


def given_satisfaction(note: str) -> str | None:
    """The satisfaction a note records (not one taken back), or None: for showing the log."""
    parsed = _satisfaction(note)
    return parsed[1] if parsed is not None and not parsed[0] else None


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    entries = list(entries)
    stamped = sorted(
        (e for e in entries if e.lamport is not None),
        key=lambda e: (e.lamport, e.at, e.origin, e.uuid),
    )
    return _chained([e for e in entries if e.lamport is None]) + stamped


def _chained(entries: list[Entry]) -> list[Entry]:
    """Unstamped entries: by time stamp; within one second creation first, then the steps as a chain (each
    starting where the one before ended), then notes and edits."""
    out: list[Entry] = []
    status: str | None = None
    for _, same_second in groupby(sorted(entries, key=lambda e: e.at), key=lambda e: e.at):
        group = list(same_second)
        created = sorted((e for e in group if e.kind == "created"), key=lambda e: e.uuid)
        steps = [e for e in group if e.kind == "status"]
        rest = sorted(
            (e for e in group if e.kind not in ("created", "status")), key=lambda e: (e.kind, e.note, e.uuid)
        )
        out += created
        if created and status is None:
            status = created[0].to_status
        while steps:
            following = [e for e in steps if e.from_status == status]
            if not following:
                # No step starts where the item is: start a chain at a step that no other step leads to.
                following = [
                    e for e in steps if not any(o.to_status == e.from_status for o in steps if o is not e)
                ] or steps
            step = min(following, key=lambda e: (e.is_back, _rank(e.from_status), _rank(e.to_status), e.uuid))
            steps.remove(step)
            out.append(step)
            status = step.to_status
        out += rest
    return out


def derive(entries: Iterable[Entry]) -> Handling:
    status: str | None = None
    given: list[str | None] = []  # satisfactions recorded since the item reached 反馈, latest last
    known = True
    for entry in ordered(entries):
        if entry.kind == "created":
            if status is None:
                status = entry.to_status
        elif entry.is_step:
            if not entry.is_back and status is not None and _rank(entry.to_status) <= _rank(status):
                continue  # overtaken: the item is already there or further
            status = entry.to_status
            given = []
            known = entry.lamport is not None
        elif entry.kind == "note" and status == ItemStatus.FED_BACK:
            parsed = _satisfaction(entry.note)
            if parsed is None:
                continue
            undone, value = parsed
            known = True
            if not undone:
                given.append(value)
            elif value in given:
                del given[len(given) - 1 - given[::-1].index(value)]
    if status != ItemStatus.FED_BACK:
        return Handling(status, None, True)
    return Handling(status, given[-1] if given else None, known)


def load(db: Any, item_uuids: Sequence[str]) -> dict[str, list[Entry]]:
    """The log of each item, looked up in chunks."""
    found: dict[str, list[Entry]] = {}
    distinct = list(dict.fromkeys(item_uuids))
    for start in range(0, len(distinct), _CHUNK):
        chunk = distinct[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM item_events WHERE item_uuid IN ({marks})", chunk
        ):
            found.setdefault(row[0], []).append(Entry(*row[1:]))
    return found


def next_lamport(db: Any, item_uuid: str) -> int:
    """The stamp of an entry written now: after every entry of the item held here."""
    row = db.execute("SELECT MAX(lamport) FROM item_events WHERE item_uuid = ?", [item_uuid]).fetchone()
    return int(row[0] or 0) + 1
