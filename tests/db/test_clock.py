"""The one clock: set once, obeyed everywhere, in this process and in the command lines it starts."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from db import clock

ROOT = Path(__file__).resolve().parents[2]


def test_a_set_day_is_today_and_the_clock_keeps_ticking() -> None:
    with clock.set_to(date(2027, 1, 1)):
        assert clock.today() == date(2027, 1, 1)
        first = clock.now()
        assert first.tzinfo is not None
        second = clock.now()
        assert second >= first
        assert clock.now_iso().endswith("Z")


def test_set_to_gives_back_the_clock_it_found() -> None:
    before = clock.today()
    with clock.set_to(date(2024, 2, 29)):
        assert clock.today() == date(2024, 2, 29)
    assert clock.today() == before


def test_an_aware_moment_is_kept_exactly() -> None:
    moment = datetime(2026, 12, 31, 23, 59, 30, tzinfo=UTC)
    with clock.set_to(moment):
        assert abs((clock.now() - moment).total_seconds()) < 5


@pytest.mark.parametrize("value", ["2026-12-01", "2027-01-01T08:30:00+08:00"])
def test_the_environment_sets_the_day_of_a_whole_process(value: str) -> None:
    env = {**os.environ, clock.ENVIRONMENT_VARIABLE: value}
    out = subprocess.run(
        [sys.executable, "-c", "from db import clock; print(clock.today().isoformat())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    expected = (
        date.fromisoformat(value[:10])
        if "T" not in value
        else datetime.fromisoformat(value).astimezone().date()
    )
    assert out == expected.isoformat()


def test_a_malformed_day_in_the_environment_is_named() -> None:
    env = {**os.environ, clock.ENVIRONMENT_VARIABLE: "12/01/2026"}
    proc = subprocess.run(
        [sys.executable, "-c", "from db import clock"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "LIAISON_TODAY='12/01/2026'" in proc.stderr
