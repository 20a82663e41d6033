"""The installer: size of the built folder and how fast it starts, next to the same program run from source.

    .venv/bin/python -m bench.bench_installer [--runs 5] [--no-write]

Builds the one-folder app into a temporary folder, copies it away from the source tree, and times, with a
clean environment, `liaison --version`, a station's monthly report, and the window until it is shown on a
private Xvfb display — each for the frozen program and for `.venv/bin/liaison` from source, in the same run.
Writes the `installer` section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench import frozen_app
from bench.machine import describe
from bench.performance_doc import replace_section

SECTION = "installer"
SOURCE_PROGRAM = Path(sys.executable).parent / "liaison"
STATION = ["init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home"]
STATION += ["--street", "控江路街道"]


def _median(runs: int, measure: Callable[[], float]) -> float:
    measure()  # one warm-up run: the first start pays for a cold disk cache, which is not what we compare
    return statistics.median(measure() for _ in range(runs))


def _source_size() -> int:
    """What running from source needs on disk: the virtualenv's packages plus the app and its resources."""
    site = next((frozen_app.ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    total = frozen_app.folder_size(site)
    for folder in ("app", "db", "ui", "resources"):
        total += frozen_app.folder_size(frozen_app.ROOT / folder)
    return total


def _dev_only_size() -> int:
    """Packages in the virtualenv that only development needs (tests, linters, the build tool)."""
    site = next((frozen_app.ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    names = ("mypy", "ruff", "PyInstaller", "hypothesis", "pytest", "_pytest", "pytestqt", "pypdf", "librt")
    return sum(frozen_app.folder_size(site / n) for n in names if (site / n).is_dir())


def _prepare_db(program: Path, folder: Path, env: dict[str, str]) -> Path:
    db = folder / "bench.db"
    for args in (STATION, ["demo", "--months", "12"]):
        subprocess.run(
            [str(program), "--db", str(db), *args], cwd=folder, env=env, check=True, capture_output=True
        )
    return db


def _latest_month(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return str(connection.execute("SELECT MAX(substr(date, 1, 7)) FROM reception_days").fetchone()[0])


def measure(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-installer-") as tmp:
        tmp_path = Path(tmp)
        started = time.perf_counter()
        built = frozen_app.build(tmp_path / "build")
        build_seconds = time.perf_counter() - started
        frozen = frozen_app.copy_out(built, tmp_path / "usb")
        shutil.rmtree(tmp_path / "build")
        results: dict[str, float] = {
            "build_seconds": build_seconds,
            "frozen_bytes": float(frozen_app.folder_size(frozen.parent)),
            "source_bytes": float(_source_size()),
            "dev_only_bytes": float(_dev_only_size()),
            "font_bytes": float(
                sum(
                    p.stat().st_size
                    for p in (frozen.parent / "_internal" / "resources" / "fonts").glob("*.tt?")
                )
            ),
        }
        for label, program in (("frozen", frozen), ("source", SOURCE_PROGRAM)):
            folder = tmp_path / f"desk-{label}"
            folder.mkdir()
            env = frozen_app.clean_env(folder / "home")
            db = _prepare_db(program, folder, env)
            month = _latest_month(db)
            pdf = folder / "report.pdf"
            report = [str(program), "--db", str(db), "report", "monthly", "--month", month, "--out", str(pdf)]
            version = [str(program), "--version"]
            window = [str(program), "--db", str(db)]
            results[f"{label}_version"] = _median(
                runs, partial(frozen_app.time_command, version, env, folder)
            )
            results[f"{label}_report"] = _median(runs, partial(frozen_app.time_command, report, env, folder))
            results[f"{label}_window"] = _median(
                max(1, runs // 2), partial(frozen_app.time_to_window, window, env, folder)
            )
        return results


def _mb(size: float) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def format_section(r: dict[str, float], runs: int) -> str:
    def row(what: str, key: str) -> str:
        frozen, source = float(r[f"frozen_{key}"]), float(r[f"source_{key}"])
        return f"| {what} | {frozen:.2f} s | {source:.2f} s | {frozen / source:.2f} |"

    frozen_bytes, source_bytes = float(r["frozen_bytes"]), float(r["source_bytes"])
    runtime_source = source_bytes - float(r["dev_only_bytes"])
    build_seconds = float(r["build_seconds"])
    lines = [
        "## Installer (`bench/bench_installer.py`)",
        "",
        f"Machine: {describe()}.",
        "",
        "The one-folder build (`make installer`) copied out of the source tree and run with a clean environment"
        " (`env -i`, only PATH and HOME), against `.venv/bin/liaison` from source in the same run. Times are medians"
        f" of {runs} runs after one warm-up (the window: of {max(1, runs // 2)}); the window is timed from start"
        " until its main window is mapped on a private Xvfb display, with a 12-month demo database. On a small"
        " shared machine the absolute times move by a third from one run to the next; compare the ratios.",
        "",
        "| size | built folder | from source | ratio |",
        "|---|---|---|---|",
        f"| on disk | {_mb(frozen_bytes)} | {_mb(source_bytes)} (.venv packages + app) |"
        f" {frozen_bytes / source_bytes:.2f} |",
        f"| without development tools | {_mb(frozen_bytes)} | {_mb(runtime_source)} |"
        f" {frozen_bytes / runtime_source:.2f} |",
        "",
        f"The built folder includes the CJK font ({_mb(r['font_bytes'])}); source runs use the system's copy."
        f" Building took {build_seconds:.0f} s.",
        "",
        "| start-up | built folder | from source | ratio |",
        "|---|---|---|---|",
        row("`liaison --version`", "version"),
        row("`liaison report monthly` (12-month demo)", "report"),
        row("window shown (`liaison --db …`)", "window"),
    ]
    return "\n".join(lines)


def write_section(body: str) -> None:
    replace_section(SECTION, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_installer")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    results = measure(args.runs)
    body = format_section(results, args.runs)
    print(body)
    if not args.no_write:
        write_section(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
