"""One version: pyproject.toml writes it, the package metadata carries it, `liaison --version` shows it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
DECLARED = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_version_is_the_one_pyproject_declares() -> None:
    assert app.__version__ == DECLARED


def test_a_checkout_with_no_installed_metadata_reads_its_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert app._version() == DECLARED


def test_the_command_line_shows_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"liaison {DECLARED}\n"
