"""Gather the licence texts of everything the installer bundles into resources/licenses/.

    python scripts/collect_licenses.py

Writes components.json (what the About dialog lists) and one text file per licence, copied from the installed
packages' metadata and from Debian's /usr/share/common-licenses. The output is committed, so a build needs
nothing from here; re-run it when a dependency is added. The CJK font's licence is not here: it is copied at
build time beside the font (scripts/fetch_font.py), because the font itself comes from the build machine.
"""

from __future__ import annotations

import json
import sys
import sysconfig
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
COMMON_LICENSES = Path("/usr/share/common-licenses")


@dataclass(frozen=True)
class Component:
    name: str
    purpose_zh: str
    purpose_en: str
    license: str  # SPDX-style name shown in the About dialog
    source: str  # where its source and full licence live
    files: tuple[str, ...]  # licence texts in resources/licenses/
    distribution: str = ""  # the installed package whose version is shown


# (file written, where it comes from): "dist:<package>:<file in its metadata>", "common:<name>", or a path.
TEXTS: dict[str, str] = {
    "LGPL-3.0.txt": "common:LGPL-3",
    "GPL-3.0.txt": "common:GPL-3",
    "GPL-2.0.txt": "common:GPL-2",
    "Apache-2.0.txt": "common:Apache-2.0",
    "Python-PSF.txt": "python",
    "reportlab-LICENSE.txt": "dist:reportlab:LICENSE",
    "sqlite-utils-LICENSE.txt": "dist:sqlite-utils:LICENSE",
    "sqlite-fts4-LICENSE.txt": "dist:sqlite-fts4:LICENSE",
    "qt-material-LICENSE.txt": "dist:qt-material:LICENSE",
    "openpyxl-LICENCE.txt": "dist:openpyxl:LICENCE.rst",
    "et_xmlfile-LICENCE.txt": "dist:et_xmlfile:LICENCE.rst",
    "cryptography-LICENSE.txt": "dist:cryptography:LICENSE",
    "cryptography-LICENSE.BSD.txt": "dist:cryptography:LICENSE.BSD",
    "cffi-LICENSE.txt": "dist:cffi:LICENSE",
    "pycparser-LICENSE.txt": "dist:pycparser:LICENSE",
    "platformdirs-LICENSE.txt": "dist:platformdirs:LICENSE",
    "pillow-LICENSE.txt": "dist:pillow:LICENSE",
    "jinja2-LICENSE.txt": "dist:jinja2:LICENSE.txt",
    "markupsafe-LICENSE.txt": "dist:markupsafe:LICENSE.txt",
    "click-LICENSE.txt": "dist:click:LICENSE.txt",
    "click-default-group-LICENSE.txt": "dist:click-default-group:LICENSE",
    "tabulate-LICENSE.txt": "dist:tabulate:LICENSE",
    "python-dateutil-LICENSE.txt": "dist:python-dateutil:LICENSE",
    "pluggy-LICENSE.txt": "dist:pluggy:LICENSE",
    "typing_extensions-LICENSE.txt": "dist:typing_extensions:LICENSE",
}

COMPONENTS: tuple[Component, ...] = (
    Component(
        "Qt 6 / PySide6 / Shiboken6",
        "窗口界面",
        "the window toolkit",
        "LGPL-3.0-only",
        "https://download.qt.io/official_releases/QtForPython/ ; https://code.qt.io/",
        ("LGPL-3.0.txt", "GPL-3.0.txt"),
        "PySide6-Essentials",
    ),
    Component(
        "Python",
        "运行环境",
        "the runtime",
        "PSF-2.0",
        "https://www.python.org/downloads/source/",
        ("Python-PSF.txt",),
    ),
    Component(
        "ReportLab",
        "生成PDF报表",
        "PDF reports",
        "BSD-3-Clause",
        "https://www.reportlab.com/",
        ("reportlab-LICENSE.txt",),
        "reportlab",
    ),
    Component(
        "sqlite-utils",
        "数据库访问",
        "database access",
        "Apache-2.0",
        "https://github.com/simonw/sqlite-utils",
        ("sqlite-utils-LICENSE.txt", "Apache-2.0.txt"),
        "sqlite-utils",
    ),
    Component(
        "sqlite-fts4",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "Apache-2.0",
        "https://github.com/simonw/sqlite-fts4",
        ("sqlite-fts4-LICENSE.txt", "Apache-2.0.txt"),
        "sqlite-fts4",
    ),
    Component(
        "qt-material",
        "界面主题",
        "the window theme",
        "BSD-2-Clause",
        "https://github.com/dunderlab/qt-material",
        ("qt-material-LICENSE.txt",),
        "qt-material",
    ),
    Component(
        "openpyxl",
        "读写 Excel 台账",
        "Excel ledgers",
        "MIT",
        "https://foss.heptapod.net/openpyxl/openpyxl",
        ("openpyxl-LICENCE.txt",),
        "openpyxl",
    ),
    Component(
        "et_xmlfile",
        "openpyxl 的依赖",
        "used by openpyxl",
        "MIT",
        "https://foss.heptapod.net/openpyxl/et_xmlfile",
        ("et_xmlfile-LICENCE.txt",),
        "et_xmlfile",
    ),
    Component(
        "cryptography",
        "数据包加密",
        "bundle encryption",
        "Apache-2.0 OR BSD-3-Clause",
        "https://github.com/pyca/cryptography",
        ("cryptography-LICENSE.txt", "cryptography-LICENSE.BSD.txt", "Apache-2.0.txt"),
        "cryptography",
    ),
    Component(
        "cffi",
        "cryptography 的依赖",
        "used by cryptography",
        "MIT-0",
        "https://github.com/python-cffi/cffi",
        ("cffi-LICENSE.txt",),
        "cffi",
    ),
    Component(
        "pycparser",
        "cffi 的依赖",
        "used by cffi",
        "BSD-3-Clause",
        "https://github.com/eliben/pycparser",
        ("pycparser-LICENSE.txt",),
        "pycparser",
    ),
    Component(
        "platformdirs",
        "数据文件夹位置",
        "the data folder's location",
        "MIT",
        "https://github.com/tox-dev/platformdirs",
        ("platformdirs-LICENSE.txt",),
        "platformdirs",
    ),
    Component(
        "Pillow",
        "ReportLab 的图片支持",
        "images in ReportLab",
        "MIT-CMU",
        "https://github.com/python-pillow/Pillow",
        ("pillow-LICENSE.txt",),
        "pillow",
    ),
    Component(
        "Jinja2 / MarkupSafe",
        "qt-material 的依赖",
        "used by qt-material",
        "BSD-3-Clause",
        "https://github.com/pallets/jinja",
        ("jinja2-LICENSE.txt", "markupsafe-LICENSE.txt"),
        "jinja2",
    ),
    Component(
        "click",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "BSD-3-Clause",
        "https://github.com/pallets/click",
        ("click-LICENSE.txt",),
        "click",
    ),
    Component(
        "click-default-group",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "BSD-3-Clause",
        "https://github.com/click-contrib/click-default-group",
        ("click-default-group-LICENSE.txt",),
        "click-default-group",
    ),
    Component(
        "tabulate",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "MIT",
        "https://github.com/astanin/python-tabulate",
        ("tabulate-LICENSE.txt",),
        "tabulate",
    ),
    Component(
        "python-dateutil",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "BSD-3-Clause",
        "https://github.com/dateutil/dateutil",
        ("python-dateutil-LICENSE.txt",),
        "python-dateutil",
    ),
    Component(
        "pluggy",
        "sqlite-utils 的依赖",
        "used by sqlite-utils",
        "MIT",
        "https://github.com/pytest-dev/pluggy",
        ("pluggy-LICENSE.txt",),
        "pluggy",
    ),
    Component(
        "typing_extensions",
        "类型标注支持",
        "typing support",
        "PSF-2.0",
        "https://github.com/python/typing_extensions",
        ("typing_extensions-LICENSE.txt",),
        "typing_extensions",
    ),
)


def _read_source(spec: str) -> str:
    if spec == "python":
        return (Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt").read_text(encoding="utf-8")
    if spec.startswith("common:"):
        return (COMMON_LICENSES / spec.split(":", 1)[1]).read_text(encoding="utf-8")
    _, package, file_name = spec.split(":", 2)
    for path in metadata.distribution(package).files or ():
        if path.name == file_name and "dist-info" in str(path):
            return Path(str(path.locate())).read_text(encoding="utf-8")
    raise FileNotFoundError(f"{package}: no {file_name} in its metadata")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for file_name, spec in TEXTS.items():
        (OUT / file_name).write_text(_read_source(spec), encoding="utf-8")
    listed = {f for c in COMPONENTS for f in c.files}
    missing = listed - set(TEXTS)
    if missing:
        print(f"collect_licenses: components name unknown texts: {sorted(missing)}", file=sys.stderr)
        return 1
    payload = [asdict(c) for c in COMPONENTS]
    (OUT / "components.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(TEXTS)} licence texts and components.json written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
