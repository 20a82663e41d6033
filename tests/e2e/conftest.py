"""Run the real `liaison` command in a subprocess, as a clerk or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def liaison(tmp_path: Path) -> Callable[..., Result]:
    db = tmp_path / "cli.db"

    def run(
        *args: str,
        db_path: Path | None = None,
        lang: str = "zh_CN",
        passphrase: str | None = None,
        new_passphrase: str | None = None,
    ) -> Result:
        """`passphrase` replaces the suite's LIAISON_PASSPHRASE ("" leaves it unset); `new_passphrase` is
        LIAISON_NEW_PASSPHRASE."""
        env = {**os.environ, "LIAISON_DB": str(db_path or db), "LIAISON_LANG": lang}
        if passphrase is not None:
            env.pop("LIAISON_PASSPHRASE", None)
            if passphrase:
                env["LIAISON_PASSPHRASE"] = passphrase
        if new_passphrase is not None:
            env["LIAISON_NEW_PASSPHRASE"] = new_passphrase
        proc = subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Result(proc)

    return run
