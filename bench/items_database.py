"""A large district database of 社情民意 items for the table benchmarks, built once and cached.

Content comes from the demo generator's vocabularies (topics, communities, departments, replies), so the text
indexes see realistic Chinese. Rows go in with one executemany in one transaction: the triggers of schema
versions 2 and 4 keep the trigram and character indexes as they would for rows written one at a time.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from app import demo
from db import schema_listing
from db.connection import open_database
from db.migrations import LATEST_VERSION
from db.records import stable_uuid

# Bump when the generated content changes, so a stale cache is not reused.
GENERATOR_VERSION = 2
STATUSES = ("raised", "assigned", "handling", "resolved", "fed_back")
STATUS_WEIGHTS = (8, 10, 12, 20, 50)
FIRST_DAY = date(2019, 1, 1)
DAYS = 365 * 6


def cache_folder() -> Path:
    folder = Path(os.environ.get("LIAISON_BENCH_CACHE", Path(tempfile.gettempdir()) / "liaison-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def schema_digest() -> str:
    """A short digest of the listing schema, so that a cached database built before an index changed is not
    reused."""
    return hashlib.sha256(schema_listing.V4.encode("utf-8")).hexdigest()[:8]


def items_database(n_items: int, *, log: bool = True) -> Path:
    path = cache_folder() / f"items-{n_items}-v{LATEST_VERSION}.{GENERATOR_VERSION}-{schema_digest()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    db = open_database(partial)
    conn = db.conn
    stamp = "2025-01-01T00:00:00+00:00"
    station_uuids = []
    with db.atomic():
        for code, name, kind, street in demo.DEMO_STATIONS:
            uuid = stable_uuid("station", code)
            station_uuids.append((uuid, code))
            conn.execute(
                "INSERT INTO stations (uuid, origin, created_at, updated_at, code, name, kind, street)"
                " VALUES (?, 'district', ?, ?, ?, ?, ?, ?)",
                (uuid, stamp, stamp, code, name, kind, street),
            )
    with db.atomic():
        conn.executemany(
            "INSERT INTO items (uuid, origin, created_at, updated_at, item_no, station_uuid, date, title, content,"
            " category, community, source_kind, status, department, due_date, reply, satisfaction)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _rows(n_items, station_uuids, stamp),
        )
    conn.execute("ANALYZE")
    db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    if log:
        print(f"built {path} ({n_items:,} items) in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _rows(n_items: int, stations: list[tuple[str, str]], stamp: str) -> Iterator[tuple[object, ...]]:
    rng = random.Random(20231)
    topics = [
        (category, title, content) for category, pairs in demo.TOPICS.items() for title, content in pairs
    ]
    for i in range(n_items):
        station_uuid, code = rng.choice(stations)
        category, title, content = rng.choice(topics)
        community = rng.choice(demo.COMMUNITIES)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
        rank = STATUSES.index(status)
        department = rng.choice(demo.DEPARTMENTS) if rank >= 1 else ""
        due = (day + timedelta(days=30)).isoformat() if rank >= 1 else None
        reply = rng.choice(demo.REPLIES) if rank >= 3 else ""
        satisfaction = (
            rng.choices(("satisfied", "basically", "unsatisfied"), weights=(80, 17, 3))[0]
            if rank == 4
            else None
        )
        yield (
            f"bench-item-{i}",
            code,
            stamp,
            stamp,
            f"{code}-{day.year}-{i:07d}",
            station_uuid,
            day.isoformat(),
            f"{community}{title}",
            f"{community}{content}",
            category,
            community,
            "reception",
            status,
            department,
            due,
            reply,
            satisfaction,
        )
