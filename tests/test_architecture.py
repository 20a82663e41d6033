"""The core runs headless: nothing under app/ or db/ may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qt_material", "ui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_packages_never_import_qt() -> None:
    offenders = []
    for package in ("app", "db"):
        for path in (ROOT / package).rglob("*.py"):
            bad = _imports(path) & set(QT_MODULES)
            # app.cli opens the window lazily when no subcommand is given: that one import is the entry point.
            if path.name == "__init__.py" and path.parent.name == "cli":
                bad.discard("ui")
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


WALL_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
}


def _wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (node.func.value.id, node.func.attr) in WALL_CLOCK_READS
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.value.id}.{node.func.attr}()")
    return found


def test_only_the_clock_reads_the_wall_clock() -> None:
    """Today and now come from db/clock.py alone, so a test (or a demo) that sets the day is obeyed everywhere
    and no test passes or fails by the calendar."""
    offenders = []
    for package in ("app", "db", "ui", "tests", "scripts"):
        for path in (ROOT / package).rglob("*.py"):
            if path != ROOT / "db" / "clock.py":
                offenders.extend(_wall_clock_reads(path))
    assert offenders == []


UI_FORBIDDEN = ("Writer", "atomic(", ".execute(", "executemany(", "db.records", ".write()")


def test_the_window_writes_only_through_operations_and_reads_only_through_app() -> None:
    """ui/ opens no transaction, writes no record and runs no SQL: every change is an app/ operation run by
    AppContext.apply on the database worker, and every read goes through app/ (views, queries)."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            offenders += [
                f"{path.relative_to(ROOT)}:{number}: {word}" for word in UI_FORBIDDEN if word in code
            ]
    assert offenders == []


# The layers docs/architecture.md states, as module prefixes. A module may import its own layer and those
# below it; these are the imports each layer must not make.
CORE_MODULES = (
    "app.errors",
    "app.i18n",
    "app.domain",
    "app.validate",
    "app.settings",
    "app.session",
    "app.storage",
    "app.atomic_file",
)
HIGHER_APP = (
    "app.sync",
    "app.ledger",
    "app.reports",
    "app.stats",
    "app.views",
    "app.operations",
    "app.undo",
    "app.identity",
    "app.preferences",
    "app.backup",
    "app.demo",
    "app.cli",
)


def _module_imports(path: Path) -> set[str]:
    """Every module a file imports, in full (from app import x counts as app.x), wherever the import is."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _breaks(prefixes: tuple[str, ...], imported: set[str]) -> list[str]:
    return sorted(m for m in imported if any(m == p or m.startswith(p + ".") for p in prefixes))


def _layer_offenders() -> list[str]:
    offenders = []
    for package in ("app", "db", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name, imported = _module_name(path), _module_imports(path)
            if name.startswith("db"):
                bad = _breaks(("app", "ui"), imported)
            elif name in CORE_MODULES or name.startswith(("app.services", "app.queries")):
                bad = _breaks(HIGHER_APP, imported)
            elif name.startswith("app") and not name.startswith("app.cli"):
                bad = _breaks(("app.cli",), imported)
            elif name.startswith(("ui.models", "ui.widgets")):
                bad = _breaks(("ui.pages", "ui.main_window"), imported)
            else:
                bad = []
            if name.startswith("ui"):
                allowed = ("db.clock", "db.paths")
                bad += [m for m in _breaks(("db",), imported) if m != "db" and not _breaks(allowed, {m})]
            offenders += [f"{name} imports {module}" for module in bad]
    return offenders


def test_each_layer_imports_only_what_docs_architecture_allows() -> None:
    assert _layer_offenders() == []


def test_the_layer_rules_are_the_ones_the_document_states() -> None:
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for module in (*CORE_MODULES, *HIGHER_APP):
        assert (
            f"`{module.removeprefix('app.')}`" in document or f"`{module.replace('.', '/')}`" in document
        ), module
    assert "never `app`, `ui` or Qt" in document
    assert "from `db` only `db.clock` and `db.paths`" in document
