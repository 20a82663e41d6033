"""How long the printed reports take, each beside a bare reportlab document with the same number of table
rows built in the same run (the floor any report with that much content must pay).

    monthly: a station's month from 12 months of demo data            target < 0.5 s
    annual:  a district year with 10,000 items and 421 deputies        target < 5 s

Run: .venv/bin/python -m bench.bench_reports
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from app import demo, identity
from app.period import Period
from app.reports import build_annual, build_monthly, fonts, queries
from app.reports.fonts import report_font
from app.session import Session
from bench.machine import describe
from bench.performance_doc import replace_section
from db.records import stable_uuid

PASSPHRASE = "bench-passphrase"  # encrypts the benchmark databases' keys

TODAY = date(2026, 6, 30)
YEAR = 2026
MONTH = "2026-05"
ITEMS = 10_000
DEPUTIES = 421  # the seed district's figure


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bare_document(out: Path, rows: int, columns: int) -> None:
    """The baseline: one table of plain strings, in the same embedded font, header repeated on each page."""
    font = report_font().name
    data = [[f"c{c}" for c in range(columns)]] + [[f"{r}-{c}" for c in range(columns)] for r in range(rows)]
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.4, "grey")])
    )
    SimpleDocTemplate(str(out), pagesize=A4, initialFontName=font).build([table])


def _first_report(session: Session, out: Path) -> None:
    """A monthly report as the first one in a process: the font is found and registered again."""
    fonts._registered.clear()
    fonts._default = None
    build_monthly(session, MONTH, out)


def _station(folder: Path) -> Session:
    session = Session.open(folder / "station.db", operator="bench")
    identity.init_station(
        session,
        code="YP-01",
        name="控江路街道代表之家",
        kind="home",
        street="控江路街道",
        passphrase=PASSPHRASE,
    )
    demo.generate(session, months=12, seed=1, today=TODAY)
    return session


def _district(folder: Path) -> Session:
    """The demo district, then more deputies (to 421, each with duties) and items (to 10,000) in the year."""
    session = Session.open(folder / "district.db", operator="bench")
    identity.init_district(session, name="杨浦区人大常委会", passphrase=PASSPHRASE)
    demo.generate(session, months=12, seed=1, today=TODAY)
    db = session.db
    rng = random.Random(421)
    stations = [s.uuid for s in queries.all_stations(db)]
    days = [r[0] for r in db.execute("SELECT uuid FROM reception_days WHERE date <= ?", [TODAY.isoformat()])]
    have_deputies = db.execute("SELECT COUNT(*) FROM deputies").fetchone()[0]
    have_items = db.execute(
        "SELECT COUNT(*) FROM items WHERE date BETWEEN ? AND ?", [f"{YEAR}-01-01", f"{YEAR}-12-31"]
    ).fetchone()[0]
    with session.write() as writer:
        deputies = []
        for n in range(have_deputies + 1, DEPUTIES + 1):
            uuid = stable_uuid("bench-deputy", str(n))
            deputies.append((uuid, f"D{n:04d}", demo._name(rng), "district", "", "", "", "", 1))
        writer.insert_many(
            "deputies",
            ["deputy_no", "name", "level", "gender", "delegation", "phone", "professional_group", "active"],
            deputies,
        )
        writer.insert_many(
            "stationings",
            ["deputy_uuid", "station_uuid", "since", "until"],
            [
                (stable_uuid("bench-st", d[0]), d[0], rng.choice(stations), "2025-01-01", None)
                for d in deputies
            ],
        )
        duties = []
        for d in deputies:
            for day in rng.sample(days, 3):
                status = rng.choices(("present", "leave", "absent"), (85, 12, 3))[0]
                duties.append((stable_uuid("bench-duty", d[0], day), day, d[0], status, 0))
        writer.insert_many("duties", ["reception_day_uuid", "deputy_uuid", "status", "not_stationed"], duties)
        topics = [(c, title) for c, pairs in demo.TOPICS.items() for title, _content in pairs]
        items = []
        for n in range(ITEMS - have_items):
            category, title = rng.choice(topics)
            status = rng.choices(
                ("raised", "assigned", "handling", "resolved", "fed_back"), (8, 10, 12, 20, 50)
            )[0]
            answer = (
                rng.choice(("satisfied", "satisfied", "basically", None)) if status == "fed_back" else None
            )
            when = date(YEAR, 1, 1) + timedelta(days=rng.randrange(TODAY.timetuple().tm_yday))
            items.append(
                (
                    stable_uuid("bench-item", str(n)),
                    f"B-{YEAR}-{n:05d}",
                    rng.choice(stations),
                    when.isoformat(),
                    title,
                    category,
                    status,
                    answer,
                )
            )
        writer.insert_many(
            "items", ["item_no", "station_uuid", "date", "title", "category", "status", "satisfaction"], items
        )
    return session


def main() -> None:
    machine = describe()
    print(machine, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        station = _station(folder)
        cold = _median(lambda: _first_report(station, folder / "cold.pdf"), 3)
        monthly = _median(lambda: build_monthly(station, MONTH, folder / "m.pdf"), 7)
        period = Period.month(MONTH)
        uuid = station.local_station_uuid() or ""
        monthly_rows = sum(
            len(rows)
            for rows in (
                queries.reception_days(station.db, period, uuid),
                queries.visits(station.db, period, uuid),
                queries.items(station.db, period, uuid),
            )
        )
        monthly_base = _median(lambda: _bare_document(folder / "mb.pdf", monthly_rows, 6), 7)

        district = _district(folder)
        items = district.db.execute(
            "SELECT COUNT(*) FROM items WHERE date BETWEEN ? AND ?", [f"{YEAR}-01-01", f"{YEAR}-12-31"]
        ).fetchone()[0]
        result = build_annual(district, YEAR, folder / "a.pdf")
        annual = _median(lambda: build_annual(district, YEAR, folder / "a.pdf"), 3)
        annual_rows = DEPUTIES + 12 + len(queries.all_stations(district.db)) + 20
        annual_base = _median(lambda: _bare_document(folder / "ab.pdf", annual_rows, 9), 3)
        station.close()
        district.close()

    lines = [
        f"Machine: {machine}",
        "",
        "| report | content | time | baseline (bare reportlab table, same rows) | ratio | target |",
        "|---|---|---|---|---|---|",
        f"| monthly (warm) | {monthly_rows} table rows, 2 charts | {monthly * 1000:.0f} ms | "
        f"{monthly_base * 1000:.0f} ms | {monthly / monthly_base:.1f}× | < 500 ms |",
        f"| monthly (first in process, font registration included) | same | {cold * 1000:.0f} ms | "
        f"{monthly_base * 1000:.0f} ms | {cold / monthly_base:.1f}× | < 500 ms |",
        f"| annual | {items:,} items, {DEPUTIES} deputies, {result.pages} pages | {annual * 1000:.0f} ms | "
        f"{annual_base * 1000:.0f} ms | {annual / annual_base:.1f}× | < 5000 ms |",
    ]
    print("\n".join(lines))
    _write_section("\n".join(lines))


def _write_section(body: str) -> None:
    """Replace only the text between this benchmark's own markers."""
    section = (
        f"## Printed reports (`bench/bench_reports.py`)\n\n{body}\n\n"
        "Medians of 7 (monthly), 3 (first monthly in a process: font found and registered again) and 3 (annual) builds. The baseline is a plain reportlab table with the same "
        "number of rows in the same embedded font; the report adds queries (every figure through "
        "app.stats.compute, one call per month and per station), wrapped Chinese paragraphs in cells and charts."
    )
    replace_section("reports", section)


if __name__ == "__main__":
    main()
