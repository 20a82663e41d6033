"""The command line tells the truth about the database and the disk: busy is busy (and is waited for), damage
is damage (and `restore` mends it), a missing database is not made up, and a full stick keeps nothing."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import cli, identity
from app.cli import cmd_stats
from app.session import Session
from db.connection import BUSY_TIMEOUT_VARIABLE
from tests.app.ledger_files import ITEM_HEADER, write_csv
from tests.e2e.conftest import ROOT, Result

STATION = ("init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home")
STATION += ("--street", "控江路街道")
ITEMS = [["2023-04-12", "加装电梯", "", "城市建设", "控江二村", "接待日", "交办", "区房管局", "", "", ""]]

# Another program writing: it takes the write lock, says so, and keeps it for argv[2] seconds (or until
# its standard input closes, when that is "stdin").
HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE change_counter SET value = value WHERE id = 1")
print("held", flush=True)
if sys.argv[2] == "stdin":
    sys.stdin.read()
else:
    time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _hold(db: Path, how_long: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), how_long],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def _one_line(result: Result) -> str:
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


@pytest.fixture
def station(liaison: Callable[..., Result], tmp_path: Path) -> Path:
    db = tmp_path / "cli.db"
    assert liaison(*STATION).code == 0
    assert liaison("demo", "--months", "2", "--seed", "7").code == 0
    return db


def test_an_import_waits_while_another_program_writes(
    liaison: Callable[..., Result], station: Path, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS)
    holder = _hold(station, "1.5")  # longer than the command takes to reach its first write
    try:
        done = liaison("ledger", "import", str(ledger), "--kind", "items")
    finally:
        holder.wait(timeout=60)
    assert done.code == 0, done.err
    assert "新增1" in done.out


def test_an_import_that_waited_too_long_says_busy_not_damaged(
    liaison: Callable[..., Result], station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS)
    before = sqlite3.connect(station).execute("SELECT COUNT(*) FROM items").fetchone()[0]
    monkeypatch.setenv(BUSY_TIMEOUT_VARIABLE, "0.5")
    holder = _hold(station, "stdin")
    try:
        refused = liaison("ledger", "import", str(ledger), "--kind", "items")
        english = liaison("demo", "--months", "1", lang="en")
    finally:
        holder.communicate("", timeout=60)
    line = _one_line(refused)
    assert "正被另一个程序写入" in line and "liaison" in line and "损坏" not in line and str(station) in line
    assert "busy" in _one_line(english) and "damaged" not in english.err
    assert sqlite3.connect(station).execute("SELECT COUNT(*) FROM items").fetchone()[0] == before


def test_every_command_on_a_damaged_file_says_damaged_and_restore_mends_it(
    liaison: Callable[..., Result], station: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.db"
    assert liaison("backup", "--out", str(good)).code == 0
    figures = liaison("stats", "--json").json()
    with sqlite3.connect(station) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = station.read_bytes()
    at = data.index(b"items_date")  # a name in the schema: SQLite's own message about it is not UTF-8
    station.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    commands = [
        ("stats",),
        ("item", "list"),
        ("export", "--out", str(tmp_path / "stick")),
        ("backup", "--out", str(tmp_path / "copy.db")),
        ("ledger", "import", str(write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS))),
    ]
    for args in commands:
        line = _one_line(liaison(*args))
        assert "已损坏" in line and f"liaison --db {station} restore" in line, args

    restored = liaison("restore", str(good))
    assert restored.code == 0, restored.err
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("cli.damaged-") and p.suffix == ".db"]
    assert len(aside) == 1 and str(aside[0]) in restored.out
    assert liaison("stats", "--json").json() == figures


def test_a_missing_database_is_refused_except_by_init_and_demo(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "liaison.db"
    for args in (("stats",), ("item", "list"), ("export", "--out", str(tmp_path)), ("keys", "list")):
        line = _one_line(liaison(*args, db_path=missing))
        assert str(missing) in line and "liaison init" in line, args
    assert not missing.parent.exists()

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    line = _one_line(liaison("stats", db_path=empty))
    assert "空的" in line and str(empty) in line
    assert liaison(*STATION, db_path=empty).code == 0  # init takes an empty file as a new one

    practice = tmp_path / "练习.db"
    assert liaison("demo", "--if-new", "--months", "2", db_path=practice).code == 0  # what `make run` does
    assert liaison("stats", "--json", db_path=practice).json()["deputies"] > 0


def test_a_full_stick_keeps_nothing(liaison: Callable[..., Result], small_disk: Callable[..., Path]) -> None:
    assert liaison(*STATION).code == 0
    assert liaison("demo", "--months", "12", "--seed", "7").code == 0  # a bundle of ~40 kB, tables of ~35 kB
    stick = small_disk("U盘", size="16k")
    attempts = {
        "export": ("export", "--out", str(stick)),
        "export-csv": ("export-csv", "--out", str(stick)),
        "backup": ("backup", "--out", str(stick / "backup.db")),
    }
    for name, args in attempts.items():
        line = _one_line(liaison(*args))
        assert "已满" in line and str(stick) in line, name
        assert os.listdir(stick) == [], name  # not even a hidden temporary file
    read_only = small_disk("只读U盘", read_only=True)
    line = _one_line(liaison("report", "monthly", "--month", "2026-11", "--out", str(read_only / "月报.pdf")))
    assert "只读" in line and str(read_only) in line


def test_a_broken_rule_names_the_record_not_damage(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    session = Session.open(db)
    identity.init_station(session, code="YP-01", name="站", kind="home", street="街", operator="测试员")
    session.close()

    def duplicate(args: argparse.Namespace, session: Session) -> int:
        with session.write() as writer:
            writer.insert("stations", {"code": "YP-01", "name": "又一个", "kind": "home"})
        return 0

    monkeypatch.setattr(cmd_stats, "_run", duplicate)
    assert cli.main(["--db", str(db), "stats"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "家站点" in line and "“YP-01”" in line and "损坏" not in line


def test_the_busy_timeout_is_documented() -> None:
    assert BUSY_TIMEOUT_VARIABLE in (ROOT / "README.md").read_text(encoding="utf-8")
