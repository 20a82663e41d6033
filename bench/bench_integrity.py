"""What checking a database for damage (PRAGMA quick_check) costs, beside what opening it costs, to decide
whether every open may run it.

    station:  12 months of demo data
    district: 24 and 120 months of demo data (six stations)
    large:    the items table benchmark's database (bench/items_database.py)

Cold: the file dropped from the page cache first (posix_fadvise), as on the first open after a reboot.
Run: .venv/bin/python -m bench.bench_integrity [--items N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app import demo, identity
from app.session import Session
from bench.items_database import items_database
from bench.machine import describe
from bench.performance_doc import replace_section
from db.connection import check_health, open_database

TODAY = date(2026, 6, 30)
RUNS = 5


def _drop_from_cache(path: Path) -> None:
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _demo(folder: Path, name: str, months: int, district: bool) -> Path:
    path = folder / f"{name}.db"
    session = Session.open(path, operator="bench")
    if district:
        identity.init_district(session, name="杨浦区人大常委会")
    else:
        identity.init_station(
            session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道"
        )
    demo.generate(session, months=months, seed=1, today=TODAY)
    session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    return path


def measure(label: str, path: Path) -> str:
    _drop_from_cache(path)
    cold = _timed(lambda: check_health(path))
    warm = statistics.median(_timed(lambda: check_health(path)) for _ in range(RUNS))
    opened = statistics.median(_timed(lambda: open_database(path, create=False).close()) for _ in range(RUNS))
    size = path.stat().st_size / 1e6
    return (
        f"| {label} | {size:,.1f} MB | {opened * 1000:.1f} ms | {cold * 1000:,.0f} ms | {warm * 1000:,.0f} ms "
        f"| {warm / opened:,.0f}× |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000, help="items in the large database")
    args = parser.parse_args(argv or [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows.append(measure("station, 12 months", _demo(folder, "station", 12, district=False)))
        rows.append(measure("district, 24 months", _demo(folder, "district24", 24, district=True)))
        rows.append(measure("district, 120 months", _demo(folder, "district120", 120, district=True)))
        rows.append(measure(f"{args.items:,} items (bench/items_database.py)", items_database(args.items)))
    body = "\n".join(
        [
            "## Checking for damage (`bench/bench_integrity.py`)",
            "",
            f"Machine: {describe()}",
            "",
            "| database | size | open (migrations checked) | quick_check, cold | quick_check, warm | warm / open |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"Medians of {RUNS} (open, warm check); cold: one check after dropping the file from the page cache. "
            "quick_check reads every page, so its cost grows with the file, while opening reads a few pages. "
            "It is therefore not run on every open (the window opens the database for every task on its worker, "
            "and every command opens it once): it runs when opening fails in a way that smells of damage (to "
            "say so with SQLite's own finding), when `liaison restore` decides whether the database it replaces "
            "is sound, and on every backup, whose copy gets a full `integrity_check` before it is written (the "
            "daily automatic backup, before the first change of a day, is where damage is found early).",
        ]
    )
    print(body)
    replace_section("integrity", body)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
