"""Missing bundles, as ranges of sequence numbers ("缺少第 3–7 号数据包"). Computed from the bundles seen, one
row each, never by counting through the numbers: a far-off number (from a station restored from an odd backup,
or from before such numbers were refused) costs one range, not millions of entries."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from app.i18n import Text, text

Gap = tuple[int, int]  # first and last missing number, inclusive


def missing_ranges(db: sqlite_utils.Database, station_code: str) -> list[Gap]:
    rows = db.execute(
        "SELECT sequence, MAX(full) FROM sync_bundles WHERE station_code = ? AND kind = 'station'"
        " GROUP BY sequence ORDER BY sequence",
        [station_code],
    ).fetchall()
    # A full export carries everything up to its own number: the bundles before it are not needed any more.
    expected = max((int(sequence) for sequence, full in rows if full), default=1)
    gaps: list[Gap] = []
    for sequence, _ in rows:
        sequence = int(sequence)
        if sequence > expected:
            gaps.append((expected, sequence - 1))
        expected = max(expected, sequence + 1)
    return gaps


def label(gaps: Iterable[Gap]) -> str:
    """For a table cell: 3–7、9."""
    return "、".join(str(first) if first == last else f"{first}–{last}" for first, last in gaps)


def note(station_code: str, gap: Gap) -> Text:
    first, last = gap
    if first == last:
        return text("{c}：缺少第 {n} 号数据包", "{c}: bundle {n} missing", c=station_code, n=first)
    return text(
        "{c}：缺少第 {a}–{b} 号数据包（共 {n} 个）",
        "{c}: bundles {a}–{b} missing ({n} in all)",
        c=station_code,
        a=first,
        b=last,
        n=last - first + 1,
    )
