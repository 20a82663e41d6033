"""Every area's .ts holds exactly its sources' strings, all translated; every ui/ file with strings is in one area;
the .qm built from a .ts loads and translates."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.resources import resource_path
from scripts.translation_areas import AREAS, LANGUAGE, ROOT, lupdate, problems, translatable_sources, ts_file


def test_every_ts_file_is_an_area_and_every_area_has_one() -> None:
    on_disk = {path.name for path in resource_path("translations").glob("*.ts")}
    assert on_disk == {ts_file(area).name for area in AREAS}
    assert "main" in AREAS


def test_every_source_with_strings_is_in_exactly_one_area() -> None:
    """A new page or dialog is added to an area (scripts/translation_areas.py), or its strings are never
    translated."""
    listed = Counter(source for sources in AREAS.values() for source in sources)
    assert [
        f"{source}: in {listed[source]} areas" for source in translatable_sources() if listed[source] != 1
    ] == []
    assert [f"{source}: no such file" for source in listed if not (ROOT / source).is_file()] == []


@pytest.mark.parametrize("area", AREAS)
def test_lupdate_finds_the_ts_complete_and_current(area: str, tmp_path: Path) -> None:
    """lupdate into a copy, keeping what it would drop: a string added to the code and not to the .ts comes out
    unfinished, a string gone from the code comes out vanished, an untranslated one empty."""
    copy = tmp_path / ts_file(area).name
    shutil.copy(ts_file(area), copy)
    lupdate(AREAS[area], copy, drop_obsolete=False)
    assert problems(copy) == []


def test_the_check_names_new_and_vanished_strings(tmp_path: Path) -> None:
    source = tmp_path / "page.py"
    source.write_text('from PySide6.QtCore import QT_TRANSLATE_NOOP\nQT_TRANSLATE_NOOP("Page", "New")\n')
    ts = tmp_path / f"page_{LANGUAGE}.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context><name>Page</name><message><source>Old</source><translation>旧</translation></message>"
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    lupdate([source], ts, drop_obsolete=False)
    assert sorted(problems(ts)) == [
        f"{ts.name} [Page] 'New': unfinished",
        f"{ts.name} [Page] 'Old': vanished",
    ]


def test_the_built_translation_loads_and_translates(qapp: Any) -> None:
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", f"main_{LANGUAGE}.qm")))
    assert translator.translate("Navigation", "Dashboard") == "工作台"
    assert translator.translate("Navigation", "Data exchange") == "数据同步"
    assert QCoreApplication.instance() is not None
