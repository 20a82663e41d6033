"""The installer: build the one-folder app, copy it away from the source tree, and use it with a clean
environment as a clerk would — version, set up the station, fill it, print the monthly report with every
font embedded, and open the window."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from app import __version__
from bench import frozen_app

pytestmark = pytest.mark.slow

STATION = ["init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home"]
STATION += ["--street", "控江路街道"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built folder, copied to a place that shares nothing with the source tree."""
    built = frozen_app.build(tmp_path_factory.mktemp("build"))
    program = frozen_app.copy_out(built, tmp_path_factory.mktemp("usb"))
    assert frozen_app.ROOT not in program.parents
    return program


@pytest.fixture
def clerk(tmp_path: Path) -> Path:
    """The clerk's working folder; HOME is here too, so nothing is read from the developer's home."""
    folder = tmp_path / "desk"
    folder.mkdir()
    return folder


def run(program: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = frozen_app.clean_env(cwd / "home")
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_bundle_carries_its_font_licences_translations_icon_and_manual(installed: Path) -> None:
    resources = installed.parent / "_internal" / "resources"
    fonts = [p for p in (resources / "fonts").iterdir() if p.suffix in (".ttf", ".ttc")]
    assert len(fonts) == 1
    assert (resources / "fonts" / f"LICENSE-{fonts[0].stem}.txt").stat().st_size > 500
    assert (resources / "licenses" / "components.json").is_file()
    assert (resources / "licenses" / "LGPL-3.0.txt").is_file()
    assert (resources / "icons" / "app.png").is_file()
    assert list((resources / "translations").glob("*_zh_CN.qm"))
    assert not list((resources / "translations").glob("*.ts"))
    assert "常见问题" in (resources / "manual" / "index.html").read_text(encoding="utf-8")
    # Left out on purpose: the web engine and Qt Quick (size), and test tools.
    internal = installed.parent / "_internal"
    assert not list(internal.rglob("*WebEngine*"))
    assert not list(internal.rglob("libQt6Quick.so*"))
    assert not (internal / "pytest").exists()


def test_version_from_a_clean_environment(installed: Path, clerk: Path) -> None:
    result = run(installed, clerk, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"liaison {__version__}"


def test_a_station_set_up_filled_and_reported_by_the_frozen_program(installed: Path, clerk: Path) -> None:
    db = "station.db"
    result = run(installed, clerk, "--db", db, *STATION)
    assert result.returncode == 0, result.stderr
    assert "已初始化家站点 YP-01" in result.stdout

    result = run(installed, clerk, "--db", db, "demo", "--months", "3")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(clerk / db) as connection:
        days, latest = connection.execute(
            "SELECT COUNT(*), MAX(substr(date, 1, 7)) FROM reception_days"
        ).fetchone()
    assert days > 0

    help_text = run(installed, clerk, "--help").stdout
    if " report " not in help_text and "\n    report" not in help_text:
        pytest.skip("the `report` command is not in this build yet")
    pdf = clerk / "月报.pdf"
    result = run(installed, clerk, "--db", db, "report", "monthly", "--month", latest, "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert pdf.stat().st_size > 1000

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    for row in rows:  # columns: name type encoding emb sub uni object ID
        assert row.split()[-5] == "yes", f"font not embedded:\n{fonts}"
    assert all("TrueType" in row for row in rows), fonts  # the CJK font, no unembeddable base-14 font
    shipped = next(
        p
        for p in (installed.parent / "_internal" / "resources" / "fonts").iterdir()
        if p.suffix == ".ttc" or p.suffix == ".ttf"
    )
    if shipped.name == "wqy-zenhei.ttc":
        assert all("WenQuanYiZenHei" in row for row in rows), fonts

    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "控江路街道代表之家" in words


def test_a_typing_mistake_is_one_line_in_chinese_not_a_traceback(installed: Path, clerk: Path) -> None:
    args = ["init", "station", "--code", "YP-01", "--name", "某站", "--kind", "大站", "--street", "某街道"]
    result = run(installed, clerk, "--db", "x.db", *args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "家站点类型" in result.stderr and "大站" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xwininfo") is None, reason="needs Xvfb, xwininfo"
)
def test_the_frozen_program_opens_its_window_on_a_pc_without_fonts(installed: Path, clerk: Path) -> None:
    assert run(installed, clerk, "--db", "w.db", *STATION).returncode == 0
    # A fontconfig that knows no fonts at all: the window must manage with the font the folder ships.
    no_fonts = clerk / "fonts.conf"
    no_fonts.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{clerk / 'no-fonts'}</dir>"
        f"<cachedir>{clerk / 'font-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = frozen_app.clean_env(clerk / "home", FONTCONFIG_FILE=str(no_fonts))
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True)
        assert listed.stdout.strip() == ""
    seconds = frozen_app.time_to_window([str(installed), "--db", "w.db"], env, clerk)
    assert seconds < 60
