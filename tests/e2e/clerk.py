"""A clerk's first day with an installed program (a pip install, the .deb): set up the station, fill it with
demo data and print the latest month's report, with nothing from the developer's shell in the environment."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from bench import frozen_app
from db import clock

STATION = ["init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home"]
STATION += ["--street", "控江路街道"]


def run(program: Path | str, clerk: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The suite's day (tests/conftest.py), so the demo months are the same whatever the calendar says.
    env = frozen_app.clean_env(
        clerk / "home", **{clock.ENVIRONMENT_VARIABLE: os.environ[clock.ENVIRONMENT_VARIABLE]}
    )
    return subprocess.run(
        [str(program), *args], cwd=clerk, env=env, capture_output=True, text=True, timeout=300
    )


def monthly_report(program: Path | str, clerk: Path) -> str:
    """The text of the monthly report the program prints for a freshly set-up demo station."""
    for args in (STATION, ["demo", "--months", "2"]):
        result = run(program, clerk, "--db", "station.db", *args)
        assert result.returncode == 0, result.stderr
    with sqlite3.connect(clerk / "station.db") as connection:
        (month,) = connection.execute("SELECT MAX(substr(date, 1, 7)) FROM reception_days").fetchone()
    pdf = clerk / "月报.pdf"
    result = run(
        program, clerk, "--db", "station.db", "report", "monthly", "--month", month, "--out", str(pdf)
    )
    assert result.returncode == 0, result.stderr
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
