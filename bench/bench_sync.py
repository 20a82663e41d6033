"""Bundle import and export, each beside a baseline measured in the same run.

    .venv/bin/python -m bench.bench_sync [--records 1000000] [--no-write]

Import: a station bundle of --records records (visits, items, item history, reception days, attendance) is
imported into a fresh district database — reading the file, inflating, hashing, checking the signature and every
row by the app's rules, and merging — against raw `executemany` of the same rows into the same tables (same
indexes, foreign keys and full-text triggers) of another fresh district database. Export: a busy station's year,
written as a verified bundle, against plain SELECTs of the same rows written as CSV in memory.
Writes the `sync` section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app import identity
from app.services.reception import duty_uuid_for
from app.services.stations import station_uuid_for
from app.session import Session
from app.sync import district_key, export, importer
from app.sync.tables import SPECS
from bench.machine import describe
from bench.performance_doc import replace_section
from db.records import stable_uuid

SECTION = "sync"
PASSPHRASE = "bench-passphrase"  # encrypts the benchmark databases' keys
CODE = "YP-01"
STAMP = "2024-06-01T08:00:00Z"
# Shares of the records, by table, in the order parents come before children.
MIX = (
    ("reception_days", 0.02),
    ("duties", 0.06),
    ("visits", 0.40),
    ("visit_deputies", 0.12),
    ("items", 0.15),
    ("item_events", 0.25),
)
COMMUNITIES = ("控江一村", "凤城三村", "鞍山四村", "延吉新村", "长白二村", "国和一居", "民星苑")
TOPICS = ("老旧小区加装电梯进度缓慢", "路口早高峰拥堵", "垃圾分类投放点异味", "物业维修基金使用不透明")


def _uuids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def synthetic(total: int, start: date, days: int, seed: int = 2023) -> dict[str, list[tuple[Any, ...]]]:
    """Content rows (uuid, then the table's content columns) for one station, `total` records in all."""
    rng = random.Random(seed)
    counts = {table: int(total * share) for table, share in MIX}
    counts["item_events"] += total - sum(counts.values())
    station = station_uuid_for(CODE)
    deputies = [stable_uuid("bench-deputy", str(i)) for i in range(60)]
    rows: dict[str, list[tuple[Any, ...]]] = {}
    day_ids = _uuids(counts["reception_days"])
    day_dates = [
        (start + timedelta(days=i * days // max(1, len(day_ids)))).isoformat() for i in range(len(day_ids))
    ]
    rows["reception_days"] = [
        (u, station, d, "09:00", "11:00", "regular", "", "") for u, d in zip(day_ids, day_dates, strict=True)
    ]
    duties = []
    for i in range(counts["duties"]):
        day = i // 3 % len(day_ids)
        deputy = deputies[(i % 3 + day * 3) % len(deputies)]
        duties.append((duty_uuid_for(day_ids[day], deputy), day_ids[day], deputy, "present", 0))
    rows["duties"] = duties
    visit_ids = _uuids(counts["visits"])
    rows["visits"] = [
        (
            u,
            station,
            day_ids[i % len(day_ids)],
            day_dates[i % len(day_ids)],
            "王**",
            "",
            COMMUNITIES[i % len(COMMUNITIES)],
            1 + rng.randrange(3),
            TOPICS[i % len(TOPICS)] + f"（第{i}件）",
            "城市建设",
        )
        for i, u in enumerate(visit_ids)
    ]
    rows["visit_deputies"] = [
        (str(uuid.uuid4()), visit_ids[i], deputies[i % len(deputies)])
        for i in range(counts["visit_deputies"])
    ]
    item_ids = _uuids(counts["items"])
    rows["items"] = [
        (
            u,
            f"{CODE}-{day_dates[i % len(day_ids)][:4]}-{i + 1:07d}",
            station,
            visit_ids[i % len(visit_ids)],
            day_dates[i % len(day_ids)],
            TOPICS[i % len(TOPICS)],
            "居民反映的情况与诉求。",
            "城市建设",
            COMMUNITIES[i % len(COMMUNITIES)],
            "reception",
            "raised",
            "",
            None,
            "",
            None,
        )
        for i, u in enumerate(item_ids)
    ]
    rows["item_events"] = [
        (str(uuid.uuid4()), item_ids[i % len(item_ids)], STAMP, "note", None, None, f"跟进记录{i}", "联络员")
        for i in range(counts["item_events"])
    ]
    rows["_deputies"] = [
        (d, f"B{i:04d}", f"代表{i}", "district", "", "", "", "", 1) for i, d in enumerate(deputies)
    ]
    return rows


def _full_rows(table: str, content: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Content rows with the bookkeeping columns, as the importer writes them."""
    for row in content:
        yield (row[0], CODE, STAMP, STAMP, 1, 0, f'{{"{CODE}":1}}', 1, *row[1:])


def _insert(db: Any, table: str, content: list[tuple[Any, ...]], change_seq: int = 0) -> None:
    columns = (
        "uuid",
        "origin",
        "created_at",
        "updated_at",
        "version",
        "change_seq",
        "sync_clock",
        "sync_clock_version",
        *SPECS[table].columns,
    )
    sql = f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    rows = _full_rows(table, content)
    if change_seq:
        rows = ((*r[:5], change_seq, None, 0, *r[8:]) for r in rows)
    db.conn.executemany(sql, rows)


def make_station(folder: Path, name: str, data: dict[str, list[tuple[Any, ...]]], office: Session) -> Session:
    """The station, holding `office`'s key, so that its bundles are sealed as a clerk's are."""
    session = Session.open(folder / name, operator="bench")
    identity.init_station(
        session, code=CODE, name="控江路街道代表之家", kind="home", street="控江路街道", passphrase=PASSPHRASE
    )
    key_file, _ = district_key.write(office, folder / f"{name}.liaison-key")
    district_key.install(session, key_file)
    # The station is only the source of the bundle: its search indexes are not needed and not measured, so
    # their triggers are dropped to build it in a fraction of the time.
    for (trigger,) in session.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        if "_fts_" in trigger or "_bigrams_" in trigger or "_chars_" in trigger:
            session.db.execute(f"DROP TRIGGER [{trigger}]")
    with session.db.atomic():
        _insert(session.db, "deputies", data["_deputies"], change_seq=1)
        for table, _ in MIX:
            _insert(session.db, table, data[table], change_seq=1)
        session.db.execute("UPDATE change_counter SET value = 1")
    return session


def make_district(folder: Path, name: str) -> Session:
    session = Session.open(folder / name, operator="bench")
    identity.init_district(session, name="杨浦区人大常委会", passphrase=PASSPHRASE)
    return session


def bench_import(folder: Path, records: int) -> dict[str, float]:
    data = synthetic(records, date(2015, 1, 1), 3650)
    office = make_district(folder, "district.db")
    station = make_station(folder, "station-1m.db", data, office)
    t = time.perf_counter()
    bundle = export.export_station(station, folder / "stick", full=True)
    export_seconds = time.perf_counter() - t
    station.close()
    n = bundle.records

    baseline = make_district(folder, "raw.db")
    # The same station row and deputies the bundle carries, so that foreign keys hold for the raw inserts too.
    with baseline.db.atomic():
        baseline.db.execute(
            "INSERT INTO stations (uuid, origin, created_at, updated_at, code, name, kind, street)"
            " VALUES (?, ?, ?, ?, ?, ?, 'home', '')",
            [station_uuid_for(CODE), CODE, STAMP, STAMP, CODE, "控江路街道代表之家"],
        )
        _insert(baseline.db, "deputies", data["_deputies"])
    prepared = {table: list(_full_rows(table, data[table])) for table, _ in MIX}
    t = time.perf_counter()
    with baseline.db.atomic():
        for table, _ in MIX:
            columns = (
                "uuid",
                "origin",
                "created_at",
                "updated_at",
                "version",
                "change_seq",
                "sync_clock",
                "sync_clock_version",
                *SPECS[table].columns,
            )
            baseline.db.conn.executemany(
                f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                prepared[table],
            )
    raw_seconds = time.perf_counter() - t
    raw_rows = sum(len(v) for v in prepared.values())
    baseline.close()
    del prepared

    t = time.perf_counter()
    run = importer.import_paths(office, [bundle.path])
    import_seconds = time.perf_counter() - t
    assert run.ok, run.bundles[0].lines()
    imported = run.bundles[0].totals().imported
    t = time.perf_counter()
    again = importer.import_paths(office, [bundle.path])
    already_seconds = time.perf_counter() - t
    assert again.bundles[0].outcome == "already"
    office.close()
    return {
        "records": float(n),
        "imported": float(imported),
        "bundle_mb": bundle.path.stat().st_size / 1e6,
        "export_1m_seconds": export_seconds,
        "import_seconds": import_seconds,
        "raw_rows": float(raw_rows),
        "raw_seconds": raw_seconds,
        "already_seconds": already_seconds,
    }


def bench_export_year(folder: Path) -> dict[str, float]:
    # A busy station's year: a reception day every day, ~14 visits a day, and their items and history.
    data = synthetic(14_600, date(2024, 1, 1), 365, seed=7)
    office = make_district(folder, "district-year.db")
    station = make_station(folder, "station-year.db", data, office)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        result = export.export_station(station, folder / "year", full=True)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    for table, _ in MIX:
        rows = station.db.execute(f"SELECT * FROM [{table}]").fetchall()
        export._csv(tuple(str(i) for i in range(len(rows[0]))), rows)  # the unavoidable work: read and format
    baseline = time.perf_counter() - t
    station.close()
    office.close()
    return {
        "year_records": float(result.records),
        "year_export_seconds": min(times),
        "year_baseline": baseline,
    }


def format_section(r: dict[str, float]) -> str:
    rate = r["imported"] / r["import_seconds"]
    raw_rate = r["raw_rows"] / r["raw_seconds"]
    lines = [
        "## Sync (`bench/bench_sync.py`)",
        "",
        f"Machine: {describe()}.",
        "",
        "| what | time | baseline in the same run | ratio |",
        "|---|---|---|---|",
        f"| import a bundle of {r['records']:,.0f} records ({r['bundle_mb']:.0f} MB) into a fresh district"
        f" database: {rate:,.0f} records/s | {r['import_seconds']:.1f} s | raw `executemany` of the same"
        f" {r['raw_rows']:,.0f} rows into the same tables: {raw_rate:,.0f} rows/s, {r['raw_seconds']:.1f} s"
        f" | **{rate / raw_rate:.2f}** of raw rate (goal ≥ 0.3) |",
        f"| import the same bundle again (recognised, nothing written) | {r['already_seconds']:.1f} s"
        f" | first import {r['import_seconds']:.1f} s | {r['already_seconds'] / r['import_seconds']:.2f} |",
        f"| export a busy station's year ({r['year_records']:,.0f} records), written, read back, verified"
        f" | **{r['year_export_seconds']:.2f} s** (goal < 1 s) | SELECT + CSV of the same rows in memory:"
        f" {r['year_baseline']:.2f} s | {r['year_export_seconds'] / r['year_baseline']:.1f}× |",
        f"| export the {r['records']:,.0f}-record station in full | {r['export_1m_seconds']:.1f} s | | |",
        "",
        "The import time covers reading the file, inflating, hashing every member against the signed manifest,"
        " checking the Ed25519 signature, checking every row by the app's rules, looking up each UUID, and"
        " inserting, with the new rows' full-text and short-text index entries filled in one statement after"
        " each table's rows (db/bulk.py); the baseline inserts prepared tuples with those triggers firing per row.",
    ]
    return "\n".join(lines)


def write_section(body: str) -> None:
    replace_section(SECTION, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_sync")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        results = bench_import(Path(folder), args.records)
        results.update(bench_export_year(Path(folder)))
    body = format_section(results)
    print(body)
    if not args.no_write:
        write_section(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
