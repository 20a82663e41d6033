"""Every .ts file is complete, the .qm built from it loads, and the window's sources have no string the .ts lacks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
TS_FILES = sorted(resource_path("translations").glob("*.ts"))
# The main window's area: everything in ui/ except the pages and dialogs other areas translate themselves.
OTHER_AREAS = {"ui/pages/reports_page.py", "ui/pages/sync_page.py", "ui/about.py", "ui/help.py"}


def main_area_sources() -> list[str]:
    files = [*ROOT.glob("ui/*.py"), *ROOT.glob("ui/pages/*.py"), *ROOT.glob("ui/widgets/*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in files if str(p.relative_to(ROOT)) not in OTHER_AREAS)


def problems(ts: Path) -> list[str]:
    found: list[str] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            where = f"{ts.name} [{name}] {source!r}"
            if translation is None:
                found.append(f"{where}: no translation")
                continue
            kind = translation.get("type")
            if kind in ("unfinished", "obsolete", "vanished"):
                found.append(f"{where}: {kind}")
            forms = translation.findall("numerusform")
            texts = [f.text for f in forms] if message.get("numerus") == "yes" else [translation.text]
            if not texts or not all(t and t.strip() for t in texts):
                found.append(f"{where}: empty")
    return found


def test_there_is_a_main_translation() -> None:
    assert resource_path("translations", "main_zh_CN.ts") in TS_FILES


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_entry_is_translated(ts: Path) -> None:
    assert problems(ts) == []


def test_the_main_area_ts_holds_every_string_of_its_sources(tmp_path: Path) -> None:
    """Run lupdate on a copy: a string added to the code but not to the .ts shows up as unfinished."""
    copy = tmp_path / "main_zh_CN.ts"
    shutil.copy(resource_path("translations", "main_zh_CN.ts"), copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *main_area_sources(), "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert problems(copy) == []


def test_the_built_translation_loads_and_translates(qapp: Any) -> None:
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "main_zh_CN.qm")))
    assert translator.translate("Navigation", "Dashboard") == "工作台"
    assert translator.translate("Navigation", "Data exchange") == "数据同步"
    assert QCoreApplication.instance() is not None
