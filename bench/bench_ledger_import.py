"""Importing a 100,000-row visit ledger (CSV), beside raw sqlite3 executemany of the same rows.

The import reads the file, detects encoding, delimiter and columns, validates every row (date, phone,
headcount, deputy names), derives each record's UUID, checks it against what is already there and writes
in one transaction. The baseline inserts the very rows the import produced (read back from its database)
into a fresh database of the same schema (indexes and full-text triggers included) with one executemany per
table in one transaction. Target: import rate >= 0.3 of the baseline's.

Run: .venv/bin/python -m bench.bench_ledger_import [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app import identity
from app.ledger import import_file
from app.session import Session
from bench.machine import describe
from bench.performance_doc import replace_section

SECTION = "ledger-import"
ROWS = 100_000
REPEATS = 3
TARGET = 0.3

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌晓东海燕鹏辉"
COMMUNITIES = [
    "控江一村",
    "控江二村",
    "鞍山四村",
    "鞍山五村",
    "延吉七村",
    "凤城三村",
    "长白二村",
    "打虎山路一村",
    "兰州路小区",
    "内江路小区",
]
ISSUES = [
    ("楼道堆物影响消防通道，希望物业及时清理", "物业管理"),
    ("小区停车位紧张，晚上车辆乱停", "交通出行"),
    ("老旧小区加装电梯意愿强烈，希望加快推进", "城市建设"),
    ("垃圾分类投放点异味大，夏季尤其严重", "环境卫生"),
    ("社区食堂价格偏高，老人用餐不便", "养老服务"),
    ("菜场周边早高峰占道经营", "市场监管"),
    ("学校门口接送时段交通拥堵", "交通出行"),
    ("楼顶渗水多次报修未解决", "物业管理"),
]
DEPUTIES = [
    (f"{s}{g}", level)
    for s, g, level in zip(
        "陈林郑徐何吕施孔曹严华金魏陶姜戚谢邹喻柏",
        "国华敏军丽强磊洋勇艳杰娟涛明超霞平刚辉鹏",
        ["区"] * 14 + ["市"] * 5 + ["全国"],
        strict=True,
    )
]
VISIT_HEADER = ["日期", "来访人", "联系电话", "小区", "人数", "反映问题", "问题类别", "接待代表"]


def _roster_csv() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["姓名", "层级", "入驻家站点"])
    for name, level in DEPUTIES:
        writer.writerow([name, level, "YP-01"])
    return buffer.getvalue().encode("utf-8-sig")


def visit_ledger(rows: int, seed: int = 2023) -> bytes:
    """A realistic station visit ledger, as WPS saves it: GB18030, Chinese headers, mixed date styles."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(VISIT_HEADER)
    for _ in range(rows):
        day = start + timedelta(days=rng.randrange(365 * 6))
        style = rng.random()
        when = (
            day.isoformat()
            if style < 0.6
            else f"{day.year}/{day.month}/{day.day}"
            if style < 0.85
            else f"{day.year}年{day.month}月{day.day}日"
        )
        phone = rng.choice(
            ["", f"1{rng.choice('3589')}{rng.randrange(10**9):09d}", f"021-6{rng.randrange(10**7):07d}"]
        )
        issue, category = rng.choice(ISSUES)
        deputies = "、".join(name for name, _ in rng.sample(DEPUTIES, rng.choice([0, 1, 1, 2])))
        writer.writerow(
            [
                when,
                rng.choice(SURNAMES) + rng.choice(["阿姨", "先生", "女士", "老伯"] + list(GIVEN)),
                phone,
                rng.choice(COMMUNITIES),
                rng.choice([1, 1, 1, 1, 2, 3, 5]),
                issue,
                category,
                deputies,
            ]
        )
    return buffer.getvalue().encode("gb18030")


def _station(folder: Path, name: str) -> Session:
    session = Session.open(folder / name, operator="基准")
    identity.init_station(
        session,
        code="YP-01",
        name="控江路街道代表之家",
        kind="home",
        street="控江路街道",
        passphrase="bench-passphrase",
    )
    roster = folder / "roster.csv"
    roster.write_bytes(_roster_csv())
    import_file(session, roster)
    return session


def _table_rows(session: Session, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    cursor = session.db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
    return [c[0] for c in cursor.description], cursor.fetchall()


def _raw_insert(
    folder: Path, name: str, tables: Sequence[tuple[str, list[str], list[tuple[Any, ...]]]]
) -> float:
    """Fresh database of the same schema; the same station and deputies (untimed), then the rows (timed)."""
    reference = _station(folder, name)
    conn = reference.db.conn
    began = time.perf_counter()
    conn.execute("BEGIN")
    for table, columns, rows in tables:
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - began
    reference.close()
    return elapsed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    machine = describe()
    imports, raws, reimports, dry_runs = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger = folder / "来访登记台账.csv"
        ledger.write_bytes(visit_ledger(args.rows))
        size_mb = ledger.stat().st_size / 1e6
        for attempt in range(REPEATS):
            session = _station(folder, f"import-{attempt}.db")
            began = time.perf_counter()
            dry = import_file(session, ledger, dry_run=True)
            dry_runs.append(time.perf_counter() - began)
            began = time.perf_counter()
            report = import_file(session, ledger)
            imports.append(time.perf_counter() - began)
            assert report.added == args.rows == dry.added, report
            began = time.perf_counter()
            again = import_file(session, ledger)
            reimports.append(time.perf_counter() - began)
            assert again.unchanged == args.rows and again.added == 0
            tables = [(t, *_table_rows(session, t)) for t in ("visits", "visit_deputies")]
            session.close()
            raws.append(_raw_insert(folder, f"raw-{attempt}.db", tables))
        links = len(tables[1][2])

    rows = args.rows
    import_rate = rows / statistics.median(imports)
    raw_rate = rows / statistics.median(raws)
    ratio = import_rate / raw_rate
    lines = [
        f"Machine: {machine}",
        "",
        f"Ledger: {rows:,} visit rows, CSV in GB18030 ({size_mb:.1f} MB), three date styles, {links:,} receiving-deputy "
        "links; the import validates every row and writes visits and visit_deputies in one transaction.",
        "",
        "| step | median of 3 | rows/s | vs raw executemany |",
        "|---|---|---|---|",
        f"| raw `sqlite3.executemany`, same prepared rows, fresh database of the same schema (baseline) | "
        f"{statistics.median(raws):.2f} s | {raw_rate:,.0f} | 1.00 |",
        f"| `liaison ledger import` (read, detect, validate, write) | {statistics.median(imports):.2f} s | "
        f"{import_rate:,.0f} | **{ratio:.2f}** (target ≥ {TARGET}) |",
        f"| the same import with `--dry-run` (read, detect, validate only) | {statistics.median(dry_runs):.2f} s | "
        f"{rows / statistics.median(dry_runs):,.0f} | {rows / statistics.median(dry_runs) / raw_rate:.2f} |",
        f"| the same file again (every row recognised, nothing written) | {statistics.median(reimports):.2f} s | "
        f"{rows / statistics.median(reimports):,.0f} | {rows / statistics.median(reimports) / raw_rate:.2f} |",
    ]
    print("\n".join(lines))
    print(f"ratio {ratio:.2f} {'meets' if ratio >= TARGET else 'MISSES'} the target {TARGET}")
    if not args.no_write:
        _write_section("\n".join(lines))


def _write_section(body: str) -> None:
    """Replace only the text between this benchmark's own markers."""
    note = (
        "The baseline is plain `executemany` into the same schema, so the full-text (trigram) and short-text "
        "(bigram) index triggers on `visits` fire once per row and take most of its time. The import writes the "
        "same rows with those triggers set aside and fills the indexes for all new rows in one statement after "
        "the insert (db/bulk.py), which is why it can beat the baseline; what it adds on top of SQLite (reading, "
        "encoding and column detection, validation, UUIDs, look-ups) is the dry-run line. Medians of 3 "
        "interleaved runs on a shared machine."
    )
    replace_section(SECTION, f"## Ledger import (`bench/bench_ledger_import.py`)\n\n{body}\n\n{note}")


if __name__ == "__main__":
    main()
