from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import cli, settings
from app.cli import cmd_stats
from app.session import Session
from tests.e2e.conftest import ROOT, Result

STATS_KEYS = [
    "from",
    "to",
    "stations",
    "reception_days",
    "attendance",
    "visits",
    "person_visits",
    "sentiment_items",
    "items_by_status",
    "items_by_category",
    "deputies",
    "deputies_stationed",
    "coverage",
]


def test_init_demo_stats_items_backup_restore(liaison: Callable[..., Result], tmp_path: Path) -> None:
    made = liaison(
        "init",
        "station",
        "--code",
        "YP-03",
        "--name",
        "五角场街道代表联络站",
        "--kind",
        "代表联络站",
        "--street",
        "五角场街道",
    )
    assert made.code == 0 and "YP-03" in made.out
    assert liaison("stats", "--json").json()["visits"] == 0  # a new station answers with zeros
    assert liaison("demo", "--months", "6", "--seed", "7").code == 0

    figures = liaison("stats", "--json").json()
    assert list(figures) == STATS_KEYS
    assert figures["visits"] > 0 and figures["person_visits"] >= figures["visits"]
    assert sum(figures["items_by_status"].values()) == figures["sentiment_items"]

    items = liaison("item", "list", "--json").json()
    assert len(items) == figures["sentiment_items"]
    fed_back = liaison("item", "list", "--status", "反馈", "--json").json()
    assert len(fed_back) == figures["items_by_status"]["fed_back"]
    assert all(i["status"] == "fed_back" for i in fed_back)

    backup = tmp_path / "backup.db"
    assert liaison("backup", "--out", str(backup)).code == 0
    other = tmp_path / "other.db"
    assert liaison("restore", str(backup), db_path=other).code == 0
    assert liaison("stats", "--json", db_path=other).json() == figures


def test_user_errors_are_one_line_in_the_users_language(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    liaison("init", "district", "--name", "杨浦区人大常委会")
    cases = [
        (("stats", "--month", "2023-13"), "2023-13"),
        (("stats", "--station", "NOPE"), "NOPE"),
        (("item", "list", "--status", "done"), "done"),
        (("restore", str(tmp_path / "missing.db")), "missing.db"),
        (("init", "station", "--code", "YP-01", "--name", "x", "--kind", "home", "--street", "s"), "汇总端"),
    ]
    for args, named in cases:
        result = liaison(*args)
        assert result.code == 2, args
        assert "Traceback" not in result.err and named in result.err
        assert len(result.err.strip().splitlines()) == 1
    english = liaison("stats", "--month", "2023-13", lang="en")
    assert english.err.startswith("Error: The month")


def test_damaged_database_file_is_named_not_a_traceback(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    result = liaison("stats", db_path=junk)
    assert result.code == 2 and "Traceback" not in result.err and "restore" in result.err


COMMANDS = [
    "backup",
    "restore",
    "demo",
    "init",
    "item",
    "ledger",
    "report",
    "roster",
    "stats",
    "export",
    "import",
    "export-csv",
    "keys",
    "conflicts",
]


def test_every_command_is_registered() -> None:
    """The commands are listed in the code, not found by scanning the folder: a module that fails to import
    stops the command line instead of quietly taking its commands away."""
    [commands] = [a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(commands.choices) == COMMANDS
    assert {m.__name__ for m in cli.command_modules()} == {
        f"app.cli.{p.stem}" for p in Path(cli.__file__).parent.glob("cmd_*.py")
    }


def test_the_version_loads_no_command() -> None:
    code = (
        "import sys\nfrom app import cli\ntry:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["liaison 0.1.0", "[]"]


def test_a_bug_is_one_line_naming_the_log_and_its_change_is_undone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    monkeypatch.setenv("LIAISON_LOG_DIR", str(logs))
    db = tmp_path / "cli.db"

    def half_done(args: argparse.Namespace, session: Session) -> int:
        with session.write():
            settings.OPERATOR.set(session.db, "写了一半")
            raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cmd_stats, "_run", half_done)
    Session.open(db).close()
    assert cli.main(["--db", str(db), "stats"]) == 1
    err = capsys.readouterr().err
    log = logs / "liaison.log"
    assert err.splitlines() == [
        "错误：命令因意外错误而中止（ZeroDivisionError: division by zero）。没有数据丢失：出错的修改已整体撤销。"
        f"详情已写入 {log}"
    ]
    written = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written and "in half_done" in written
    assert "Liaison Desk 0.1.0" in written
    session = Session.open(db)
    try:
        assert settings.OPERATOR.get(session.db) != "写了一半"
    finally:
        session.close()


def test_a_bug_whose_log_cannot_be_written_shows_its_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("LIAISON_LOG_DIR", str(blocked / "logs"))

    def broken(args: argparse.Namespace, session: Session) -> int:
        raise KeyError("station")

    monkeypatch.setattr(cmd_stats, "_run", broken)
    Session.open(tmp_path / "cli.db").close()
    assert cli.main(["--db", str(tmp_path / "cli.db"), "stats"]) == 1
    first, *rest = capsys.readouterr().err.splitlines()
    assert "KeyError: 'station'" in first and "日志无法写入" in first
    assert rest[1] == "Traceback (most recent call last):"  # after the version line: kept, since nowhere else
