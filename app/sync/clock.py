"""Version clocks: {origin: number of edits made there}. One clock dominates another when it has seen every
edit the other has; when neither dominates, both sides changed the record since they last exchanged it."""

from __future__ import annotations

import json
from collections.abc import Mapping

Clock = dict[str, int]


def effective(stored: str | None, stored_at_version: int, version: int, here: str) -> Clock:
    """The clock of a local row: what was received, plus the edits made here since (Writer bumps version)."""
    clock: Clock = json.loads(stored) if stored else {}
    local_edits = version - stored_at_version
    if local_edits > 0:
        clock[here] = clock.get(here, 0) + local_edits
    return clock


def dumps(clock: Mapping[str, int]) -> str:
    return json.dumps(dict(sorted(clock.items())), separators=(",", ":"))


def merged(a: Mapping[str, int], b: Mapping[str, int]) -> Clock:
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b)}


def dominates(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """a has seen everything b has (a >= b elementwise)."""
    return all(a.get(k, 0) >= v for k, v in b.items())


def parse_json(value: str) -> Clock:
    parsed: Clock = json.loads(value)
    return parsed
