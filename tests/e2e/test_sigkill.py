"""Killed at any moment, a command leaves a sound database with its change wholly applied or not at all, and no
temporary file of residents' data where anyone can open it.

Each run starts one of four commands — a ledger import of 2,000 visits, a station's bundle export, the district's
bundle import, a backup — on a fresh copy of its database, and kills it with SIGKILL after a random (seeded)
delay. What a command that writes does first (the day's automatic backup) counts too. Then the database must
pass `PRAGMA integrity_check`, its rows must be those of before or those of a completed run, and no temporary
file may be left. At the moment of each kill, /proc says whether the command was writing: holding SQLite's write
lock on the database, or with a not yet named file (app/atomic_file.py) open.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import atomic_file
from tests.app.ledger_files import VISIT_HEADER, write_csv
from tests.e2e.conftest import ROOT

RUNS = 320
SEED = 20261215
VISITS = 2000
WAL_WRITE_LOCK = 120  # the byte of the -shm file a writer locks (SQLite's WALINDEX_LOCK_OFFSET)
LEFTOVER = re.compile(r"(\.part|\.partial)$|^#\d+")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and /proc/locks")


class Forker:
    """The commands' parent process (tests/e2e/cli_forker.py)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.cli_forker"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, argv: list[str]) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(argv) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def ended(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def _writing(pid: int, db: Path) -> bool:
    """Whether the process holds the database's write lock or has a nameless file open (being written)."""
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return False
    if any("/#" in link and link.endswith(" (deleted)") for link in links):
        return True
    try:
        shm = os.stat(f"{db}-shm").st_ino
        locks = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return False
    for line in locks:
        fields = line.split()
        if (
            len(fields) >= 8
            and (fields[1], fields[3], fields[4], fields[6])
            == ("POSIX", "WRITE", str(pid), str(WAL_WRITE_LOCK))
            and fields[5].endswith(f":{shm}")
        ):
            return True
    return False


def _count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _sound(db: Path) -> bool:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if LEFTOVER.search(p.name)]


@dataclass
class Operation:
    name: str
    template: Path  # the database each run starts from
    args: Callable[[Path], list[str]]  # the command line, given the run's folder
    state: Callable[[Path], tuple[int, ...]]  # what the command changes, read from the run's database
    check: Callable[[Path], None]  # the files it writes: absent, or complete
    before: tuple[int, ...] = ()
    after: tuple[int, ...] = ()
    duration: float = 0.0


def _complete_bundles(run: Path) -> None:
    for bundle in (run / "stick").glob("*.liaison"):
        with zipfile.ZipFile(bundle) as archive:
            assert archive.testzip() is None and "manifest.json" in archive.namelist()


def _complete_backups(run: Path) -> None:
    for copy in [*run.glob("backup*.db"), *(run / "backups").glob("*.db")]:
        assert _sound(copy), copy


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Operation], Forker, Path]]:
    base = tmp_path_factory.mktemp("sigkill")
    env = {**os.environ, "LIAISON_LANG": "zh_CN", "LIAISON_LOG_DIR": str(base / "logs")}

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr

    station, district = base / "station.db", base / "district.db"
    run("--db", str(station), "init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home",
        "--street", "控江路街道")  # fmt: skip
    run("--db", str(station), "demo", "--months", "12", "--seed", "3")
    run("--db", str(district), "init", "district", "--name", "杨浦区人大常委会")
    run("--db", str(station), "export", "--full", "--out", str(base / "bundles"))
    for db in (station, district):  # one file each, to copy
        with closing(sqlite3.connect(db)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    first = date(2026, 1, 1)
    rows = [
        [(first + timedelta(days=n % 300)).isoformat(), f"居民{n}", f"139{n:08d}", "控江一村", 1, f"楼道堆物{n}",
         "物业管理", ""]
        for n in range(VISITS)
    ]  # fmt: skip
    ledger = write_csv(base / "来访登记.csv", VISIT_HEADER, rows)
    bundle = next((base / "bundles").glob("*.liaison"))

    ops = [
        Operation(
            "ledger import",
            station,
            lambda r: ["--db", str(r / "liaison.db"), "ledger", "import", str(ledger), "--kind", "visits"],
            lambda r: (_count(r / "liaison.db", "SELECT COUNT(*) FROM visits"),),
            lambda r: None,
        ),
        Operation(
            "export",
            station,
            lambda r: ["--db", str(r / "liaison.db"), "export", "--full", "--out", str(r / "stick")],
            lambda r: (
                _count(r / "liaison.db", "SELECT COUNT(*) FROM sync_exports"),
                _count(r / "liaison.db", "SELECT MAX(sequence) FROM sync_exports"),
            ),
            _complete_bundles,
        ),
        Operation(
            "import",
            district,
            lambda r: ["--db", str(r / "liaison.db"), "import", str(bundle)],
            lambda r: (
                _count(r / "liaison.db", "SELECT COUNT(*) FROM sync_bundles"),
                _count(r / "liaison.db", "SELECT COUNT(*) FROM visits"),
                _count(r / "liaison.db", "SELECT COUNT(*) FROM items"),
            ),
            lambda r: None,
        ),
        Operation(
            "backup",
            station,
            lambda r: ["--db", str(r / "liaison.db"), "backup", "--out", str(r / "backup.db")],
            lambda r: (int((r / "backup.db").exists()),),
            _complete_backups,
        ),
    ]
    forker = Forker(env)
    try:
        for op in ops:  # each run to the end: the state it leaves, and how long it takes (median of 3)
            durations = []
            for _ in range(3):
                folder = _fresh(base / "calibrate", op)
                op.before = op.state(folder)
                started = time.perf_counter()
                forker.start(op.args(folder))
                assert forker.ended() == "exit 0", op.name
                durations.append(time.perf_counter() - started)
                op.after = op.state(folder)
                assert op.after != op.before, op.name
            op.duration = sorted(durations)[1]
        yield ops, forker, base
    finally:
        forker.close()


def _fresh(folder: Path, op: Operation) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(op.template, folder / "liaison.db")
    return folder


@pytest.mark.slow
def test_a_killed_command_leaves_all_or_nothing(operations: tuple[list[Operation], Forker, Path]) -> None:
    ops, forker, base = operations
    hidden = atomic_file.hides_unfinished_files(base)
    rng = random.Random(SEED)
    tally: Counter[str] = Counter()
    half_applied: list[str] = []
    left: list[str] = []
    started = time.perf_counter()
    for number in range(RUNS):
        op = ops[number % len(ops)]
        run = _fresh(base / "run", op)
        delay = rng.uniform(0, op.duration)
        pid = forker.start(op.args(run))
        time.sleep(delay)
        mid_write = _writing(pid, run / "liaison.db")
        with suppress(ProcessLookupError):  # it ended before its time came
            os.kill(pid, 9)
        ended = forker.ended()
        killed = ended == "signal 9"
        tally["killed" if killed else "completed"] += 1
        tally["killed mid-write"] += int(killed and mid_write)
        assert killed or ended == "exit 0", (op.name, ended)
        state = op.state(run)
        if not _sound(run / "liaison.db") or state not in (op.before, op.after):
            half_applied.append(f"run {number} {op.name} after {delay:.3f} s: {state}")
        tally[f"{op.name}: {'applied' if state == op.after else 'not applied'}"] += 1
        op.check(run)
        found = _leftovers(run)
        if found and not hidden:
            # Where nothing can be written nameless, the next write into that folder removes what was left.
            tally["temporary files left by a kill, removed by the next write"] += len(found)
            for folder in {p.parent for p in found}:
                atomic_file.sweep(folder)
            found = _leftovers(run)
        left += [f"run {number} {op.name}: {p.relative_to(run)}" for p in found]
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
    print(
        f"\n{RUNS} runs in {elapsed:.0f} s: {summary}; half-applied {len(half_applied)}; leftovers {len(left)}"
    )
    assert half_applied == [] and left == []
    assert tally["killed mid-write"] >= RUNS // 20  # the kills did land in the writing, not only around it
