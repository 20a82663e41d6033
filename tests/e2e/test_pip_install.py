"""A plain `pip install` of the checkout (not editable) into a fresh virtual environment outside the source
tree: the installed program knows its version, finds its icons, translations, style sheet, manual and font
through app.resources, prints a monthly report and opens its window."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from bench import frozen_app
from tests.e2e import clerk as clerk_day
from tests.ui.conftest import build_qm_files

pytestmark = pytest.mark.slow

ROOT = frozen_app.ROOT

# Run inside the installed environment, from a folder outside the tree, with a clean environment.
PROBE = """
import json
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from app.fonts import find_cjk_font
from app.resources import resource_path, resources_root
from ui import help, nav_icons, translations

application = QApplication([])
font = find_cjk_font()
print(json.dumps({
    "root": str(resources_root()),
    "icons": {
        path.stem: not nav_icons.themed_icon(path.stem, QColor("black")).isNull()
        for path in resource_path("icons").glob("*.svg")
    },
    "translations": sorted(path.name for path in resource_path("translations").glob("*.qm")),
    "language": translations.install("zh_CN"),
    "translated": [
        QCoreApplication.translate("Navigation", "Visits"),
        QCoreApplication.translate("MainWindow", "&Edit"),
        QCoreApplication.translate("ErrorDialog", "Details copied"),
    ],
    "style_sheet": resource_path("styles", "desk.qss").is_file(),
    "manual": str(help.manual_path()),
    "font": str(font.path) if font else None,
}))
"""


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the checkout pip-installed into it, dependencies and all."""
    build_qm_files()  # what `make translations` does: the wheel is refused without them
    folder = tmp_path_factory.mktemp("pip") / "venv"
    assert ROOT not in folder.parents
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-6000:]
    return folder


@pytest.fixture
def clerk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    return folder


def test_version(venv: Path, clerk: Path) -> None:
    result = clerk_day.run(venv / "bin" / "liaison", clerk, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"liaison {__version__}"


def test_the_installed_window_finds_its_icons_translations_style_sheet_manual_and_font(
    venv: Path, clerk: Path
) -> None:
    result = clerk_day.run(venv / "bin" / "python", clerk, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)

    site_packages = next((venv / "lib").glob("python3*/site-packages"))
    assert found["root"] == str(site_packages / "resources")  # the installed copy, not the checkout's
    source_icons = {path.stem for path in (ROOT / "resources" / "icons").glob("*.svg")}
    assert found["icons"] == dict.fromkeys(source_icons, True)
    source_translations = sorted(ts.stem + ".qm" for ts in (ROOT / "resources" / "translations").glob("*.ts"))
    assert found["translations"] == source_translations
    assert found["language"] == "zh_CN"
    assert found["translated"] == ["来访登记", "编辑(&E)", "详情已复制"]
    assert found["style_sheet"]
    assert found["manual"] == str(site_packages / "resources" / "manual" / "index.html")
    assert "常见问题" in Path(found["manual"]).read_text(encoding="utf-8")
    assert found["font"], "no CJK font: a pip install uses the system's (fonts-wqy-zenhei on Debian)"


def test_a_monthly_report_from_the_installed_program(venv: Path, clerk: Path) -> None:
    assert "控江路街道代表之家" in clerk_day.monthly_report(venv / "bin" / "liaison", clerk)


@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xwininfo") is None, reason="needs Xvfb, xwininfo"
)
def test_the_installed_program_opens_its_window(venv: Path, clerk: Path) -> None:
    assert clerk_day.run(venv / "bin" / "liaison", clerk, "--db", "w.db", *clerk_day.STATION).returncode == 0
    env = frozen_app.clean_env(clerk / "home")
    assert frozen_app.time_to_window([str(venv / "bin" / "liaison"), "--db", "w.db"], env, clerk) < 60
