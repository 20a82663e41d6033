from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from app import cli
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
    assert liaison("stats", "--json").json()["visits"] == 0  # an empty database answers with zeros
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
