"""`liaison report` end to end: the real command in a subprocess, its PDF read back and compared with
`liaison stats` for the same period and scope."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.reports.figures import handled, percent
from db import clock
from tests.app.test_reports_support import flat, font_rows, pdf_text, value_after

ROOT = Path(__file__).resolve().parents[2]


def liaison(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.cli import main; sys.exit(main())",
            "--db",
            str(db),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "LIAISON_LANG": "zh_CN",
            "HOME": str(db.parent),
            # What the clerk would type at `init` (no terminal to ask on here).
            "LIAISON_PASSPHRASE": os.environ["LIAISON_PASSPHRASE"],
        },
        timeout=120,
    )


def last_month() -> str:
    first = clock.today().replace(day=1)
    y, m = (first.year, first.month - 1) if first.month > 1 else (first.year - 1, 12)
    return f"{y}-{m:02d}"


def test_monthly_report_at_a_station_matches_liaison_stats(tmp_path: Path) -> None:
    db = tmp_path / "station.db"
    init = liaison(
        db,
        "init",
        "station",
        "--code",
        "YP-03",
        "--name",
        "五角场街道代表联络站",
        "--kind",
        "station",
        "--street",
        "五角场街道",
    )
    assert init.returncode == 0, init.stderr
    assert liaison(db, "demo", "--months", "6").returncode == 0
    month = last_month()
    out = tmp_path / "月报.pdf"
    done = liaison(db, "report", "monthly", "--month", month, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "页" in done.stdout
    figures = json.loads(liaison(db, "stats", "--month", month, "--station", "YP-03", "--json").stdout)
    text = pdf_text(out)
    assert "五角场街道代表联络站" in text
    year, mon = month.split("-")
    assert f"{int(year)}年{int(mon)}月" in text
    assert value_after(text, "接待日（次）") == str(figures["reception_days"])
    assert value_after(text, "代表到场（人次）") == str(figures["attendance"]["present"])
    attendance = figures["attendance"]
    assert value_after(text, "代表请假 / 缺席（人次）") == f"{attendance['leave']} / {attendance['absent']}"
    assert value_after(text, "接待群众（人次）") == str(figures["person_visits"])
    assert value_after(text, "来访登记（件）") == str(figures["visits"])
    assert value_after(text, "社情民意提出（条）") == str(figures["sentiment_items"])
    assert value_after(text, "已反馈（条）") == str(figures["items_by_status"]["fed_back"])
    assert value_after(text, "已办结（落实+反馈）") == str(handled(figures))
    assert all(row[-5] == "yes" for row in font_rows(out))


def test_annual_report_at_the_district_matches_liaison_stats(tmp_path: Path) -> None:
    db = tmp_path / "district.db"
    assert liaison(db, "init", "district", "--name", "杨浦区人大常委会").returncode == 0
    assert liaison(db, "demo", "--months", "12").returncode == 0
    year = clock.today().year
    out = tmp_path / "年报.pdf"
    done = liaison(db, "report", "annual", "--year", str(year), "--out", str(out))
    assert done.returncode == 0, done.stderr
    figures = json.loads(liaison(db, "stats", "--year", str(year), "--json").stdout)
    text = pdf_text(out)
    compact = flat(text)
    assert (
        f"代表参与联系接待{figures['person_visits']}人次，梳理汇总社情民意{figures['sentiment_items']}条"
        in compact
    )
    assert value_after(text, "接待日（次）") == str(figures["reception_days"])
    assert value_after(text, "入驻率") == percent(figures["coverage"])
    assert value_after(text, "家站点（个）") == str(figures["stations"])
    station = liaison(
        db,
        "report",
        "monthly",
        "--month",
        last_month(),
        "--station",
        "yp-02",
        "--out",
        str(tmp_path / "m.pdf"),
    )
    assert station.returncode == 0, station.stderr
    assert "殷行街道代表之家" in pdf_text(tmp_path / "m.pdf")


def test_mistakes_are_one_line_in_chinese_with_exit_code_2(tmp_path: Path) -> None:
    db = tmp_path / "district.db"
    assert liaison(db, "init", "district", "--name", "杨浦区人大常委会").returncode == 0
    cases = [
        (("report", "monthly", "--month", "2026-01", "--out", str(tmp_path / "a.pdf")), "--station"),
        (
            (
                "report",
                "monthly",
                "--month",
                "2026-1x",
                "--station",
                "YP-01",
                "--out",
                str(tmp_path / "a.pdf"),
            ),
            "2023-03",
        ),
        (("report", "annual", "--year", "2026", "--out", str(tmp_path / "missing" / "a.pdf")), "不存在"),
        (("report", "annual", "--year", "2026", "--out", str(tmp_path)), "是一个文件夹"),
    ]
    for args, words in cases:
        result = liaison(db, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("错误：") and words in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.pdf"))


def test_uninitialised_database_is_refused(tmp_path: Path) -> None:
    result = liaison(
        tmp_path / "new.db", "report", "annual", "--year", "2026", "--out", str(tmp_path / "a.pdf")
    )
    assert result.returncode == 2
    assert "liaison init" in result.stderr
