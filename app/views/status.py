"""The window's status bar: what is not yet exported at a station; the stations and last import at the district."""

from __future__ import annotations

from typing import Any, TypedDict

from app import settings
from db.records import current_change_seq
from db.schema_sync import SYNCED_TABLES as RECORD_TABLES

# What a bundle carries: every synced record table, and the deletions.
EXPORTED_TABLES = (*RECORD_TABLES, "tombstones")


class DistrictSummary(TypedDict):
    stations: int
    last_import: str | None


def unexported_count(db: Any) -> int:
    """Records written since the last bundle export (change_seq above LAST_EXPORTED_SEQ)."""
    since = settings.LAST_EXPORTED_SEQ.get(db)
    if current_change_seq(db) <= since:
        return 0  # the common case, answered without touching the big tables
    return sum(
        int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE change_seq > ?", [since]).fetchone()[0])
        for table in EXPORTED_TABLES
    )


def district_summary(db: Any) -> DistrictSummary:
    """What the district's status bar says instead of an unexported count (the district answers each
    station with a return bundle, so its own writes have no single 'not yet exported' figure): how many
    stations it holds, and when the last station bundle was imported (None before any, or when this
    database has no sync tables yet)."""
    count = int(db.execute("SELECT COUNT(*) FROM stations").fetchone()[0])
    last_import: str | None = None
    has_bundles = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_bundles'"
    ).fetchone()
    if has_bundles:
        last_import = db.execute(
            "SELECT MAX(imported_at) FROM sync_bundles WHERE kind = 'station'"
        ).fetchone()[0]
    return DistrictSummary(stations=count, last_import=last_import)
