"""The translation areas: which ui/ sources make up each resources/translations/<area>_zh_CN.ts.

This table is the only list of them. `make translations-update` runs this file: lupdate refreshes every area's .ts
from its sources, drops the strings the code no longer has, and the entries left to translate are printed, to be
filled in the .ts itself (in an editor or pyside6-linguist). tests/ui/test_translations.py runs the same lupdate
into a copy and fails on any new, obsolete or untranslated entry, and on a ui/ file with strings in no area.
Usage: python scripts/translation_areas.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = "zh_CN"

AREAS: dict[str, tuple[str, ...]] = {
    "main": (
        "ui/app_lock.py",
        "ui/backup_actions.py",
        "ui/error_dialog.py",
        "ui/context.py",
        "ui/first_run.py",
        "ui/ledger_import.py",
        "ui/main_window.py",
        "ui/translations.py",
        "ui/navigation.py",
        "ui/pages/base.py",
        "ui/pages/dashboard_page.py",
        "ui/pages/day_details.py",
        "ui/pages/deputies_page.py",
        "ui/pages/deputy_dialog.py",
        "ui/pages/item_actions.py",
        "ui/pages/item_dialog.py",
        "ui/pages/items_page.py",
        "ui/pages/reception_page.py",
        "ui/pages/settings_page.py",
        "ui/pages/station_filter.py",
        "ui/pages/visit_form.py",
        "ui/pages/visits_page.py",
    ),
    "models": (
        "ui/models/deputies_model.py",
        "ui/models/items_model.py",
        "ui/models/paged_model.py",
        "ui/models/reception_days_model.py",
        "ui/models/visits_model.py",
    ),
    "reports": ("ui/pages/reports_page.py",),
    "sync": ("ui/pages/sync_page.py", "ui/pages/conflicts_dialog.py", "ui/passphrase.py"),
    "about": ("ui/about.py", "ui/help.py"),
}

# A call lupdate reads, or a translate() whose context it cannot read (a variable): either way the file has
# strings shown to the user, so it belongs to an area.
TRANSLATABLE = re.compile(r"\b(?:tr|translate|QT_TR_NOOP\w*|QT_TRANSLATE_NOOP\w*)\s*\(")


def ts_file(area: str) -> Path:
    return TRANSLATIONS / f"{area}_{LANGUAGE}.ts"


def translatable_sources() -> list[str]:
    """Every ui/ module with a string to translate, relative to the project root."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "ui").rglob("*.py")
        if TRANSLATABLE.search(path.read_text(encoding="utf-8"))
    )


def lupdate(sources: Iterable[str | Path], ts: Path, *, drop_obsolete: bool) -> None:
    """Bring `ts` in line with `sources`: new strings are added unfinished; strings gone from the sources are
    dropped, or kept and marked vanished. No line numbers, so moving code leaves the .ts unchanged."""
    command = [str(Path(sys.executable).with_name("pyside6-lupdate"))]
    command += ["-no-obsolete"] if drop_obsolete else []
    command += ["-locations", "none", *map(str, sources), "-ts", str(ts)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def problems(ts: Path) -> list[str]:
    """Every entry of `ts` that is not a finished translation, as `file [context] 'source': what`."""
    found: list[str] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            where = f"{ts.name} [{name}] {message.findtext('source')!r}"
            translation = message.find("translation")
            if translation is None:
                found.append(f"{where}: no translation")
                continue
            kind = translation.get("type")
            if message.get("numerus") == "yes":
                texts = [form.text for form in translation.findall("numerusform")]
            else:
                texts = [translation.text]
            if kind in ("unfinished", "obsolete", "vanished"):
                found.append(f"{where}: {kind}")
            elif not (texts and all(text and text.strip() for text in texts)):
                found.append(f"{where}: empty")
    return found


def main() -> int:
    left: list[str] = []
    for area, sources in AREAS.items():
        lupdate(sources, ts_file(area), drop_obsolete=True)
        left += problems(ts_file(area))
    if left:
        print(f"{len(left)} to translate in resources/translations (fill the <translation> in the .ts):")
        print("\n".join(f"  {line}" for line in left))
    return 0


if __name__ == "__main__":
    sys.exit(main())
