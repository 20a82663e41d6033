"""The installer: build the one-folder app, copy it away from the source tree, and use it with a clean
environment as a clerk would — version, set up the station, fill it, print the monthly report with every
font embedded, and open the window. Then the same folder as a .deb (scripts/build_deb.py), installed with
apt-get, used from /usr/bin/liaison, and removed without a trace."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from bench import frozen_app
from tests.e2e import clerk as clerk_day

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


# The .deb: the same folder installed under /opt with the system's package manager.

PACKAGE = "liaison-desk"
APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "--no-install-recommends"]


@pytest.fixture(scope="module")
def deb(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make installer` makes of dist/liaison/ on Debian, UOS and Kylin."""
    if shutil.which("dpkg-deb") is None:
        pytest.skip("no dpkg-deb: the .deb is built on Debian, UOS or Kylin")
    script = frozen_app.ROOT / "scripts" / "build_deb.py"
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run(
        [sys.executable, str(script), str(installed.parent), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def deb_entries(deb: Path) -> dict[str, str]:
    """Every path the package installs, with the target of each link ('' for anything else)."""
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    entries = {}
    for line in listing.splitlines():  # columns: mode owner size date time ./path[ -> target]
        path, _, target = line.split(maxsplit=5)[5].partition(" -> ")
        entries[path.removeprefix(".").rstrip("/") or "/"] = target
    return entries


def makefile_system_packages() -> set[str]:
    lines = iter((frozen_app.ROOT / "Makefile").read_text(encoding="utf-8").splitlines())
    for line in lines:
        if line.startswith("SYSTEM_PACKAGES :="):
            value = line.partition(":=")[2]
            while value.endswith("\\"):
                value = value[:-1] + next(lines)
            return set(value.split())
    raise AssertionError("no SYSTEM_PACKAGES in the Makefile")


def test_the_deb_says_what_it_is_and_what_it_needs(deb: Path) -> None:
    assert deb_field(deb, "Package") == PACKAGE
    assert deb_field(deb, "Version") == __version__
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert deb_field(deb, "Architecture") == arch
    assert deb.name == f"{PACKAGE}_{__version__}_{arch}.deb"
    depends = {
        re.sub(r"\s*\(.*\)", "", choice).strip()
        for item in deb_field(deb, "Depends").split(",")
        for choice in item.split("|")
    }
    assert "libc6" in depends
    # What Qt needs from the system on the developer's machine, the clerk's machine needs too.
    libraries = {name for name in makefile_system_packages() if name.startswith("lib")}
    assert libraries - depends == set()


def test_the_deb_installs_the_folder_a_command_a_menu_entry_and_an_icon(deb: Path, tmp_path: Path) -> None:
    entries = deb_entries(deb)
    assert entries["/usr/bin/liaison"] == "/opt/liaison-desk/liaison"
    assert "/opt/liaison-desk/liaison" in entries
    assert "/opt/liaison-desk/_internal/resources/manual/index.html" in entries
    assert "/usr/share/icons/hicolor/256x256/apps/liaison-desk.png" in entries
    assert "/usr/share/icons/hicolor/scalable/apps/liaison-desk.svg" in entries
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(tmp_path)], check=True)
    desktop = (tmp_path / "usr/share/applications/liaison-desk.desktop").read_text(encoding="utf-8")
    lines = set(desktop.splitlines())
    assert {"Name=代表家站点工作台", "Name[en]=Liaison Desk", "Categories=Office;"} <= lines
    assert {"Exec=liaison", "Icon=liaison-desk", "Type=Application"} <= lines


def _installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "--show", "--showformat=${Status}", package], capture_output=True, text=True
    ).stdout
    return "install ok installed" in status


@pytest.fixture
def apt_machine() -> Iterator[None]:
    """This machine, where the test may install and remove the package."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (the tests run as root on the build machine)")
    if shutil.which("apt-get") is None:
        pytest.skip("no apt-get")
    if _installed(PACKAGE):
        pytest.skip(f"{PACKAGE} is installed on this machine: the test would replace it, then remove it")
    yield
    if _installed(PACKAGE):  # a failed test must not leave the package behind
        subprocess.run([*APT, "remove", PACKAGE], capture_output=True, timeout=600)


def test_the_deb_installs_with_apt_runs_and_is_removed_without_a_trace(
    deb: Path, clerk: Path, apt_machine: None
) -> None:
    result = subprocess.run([*APT, "install", str(deb)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    version = clerk_day.run("liaison", clerk, "--version")  # found on the PATH, /usr/bin/liaison
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"liaison {__version__}"
    assert "控江路街道代表之家" in clerk_day.monthly_report("liaison", clerk)

    installed_paths = [path for path in deb_entries(deb) if path.startswith(("/opt/", "/usr/"))]
    result = subprocess.run([*APT, "remove", PACKAGE], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert not _installed(PACKAGE)
    # Gone: every file and link, and every folder of its own; folders it shares (/usr/share/icons/…) stay.
    left = [
        path
        for path in installed_paths
        if os.path.lexists(path) and (PACKAGE in path or not Path(path).is_dir())
    ]
    assert left == []
