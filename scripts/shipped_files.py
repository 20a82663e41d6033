"""What a built Liaison Desk carries beside its code, for the wheel (setup.py) and the one-folder installer
(build_installer.spec) alike: the files under resources/ that the running program reads, and the user manual
(docs/manual/) as resources/manual/, so that app.resources.resource_path finds them in both as in a checkout.

Two folders are filled at build time and are not listed here: resources/fonts/ (the installer ships the build
machine's font, scripts/fetch_font.py; a wheel uses the system's) and the .qm files in resources/translations/
(pyside6-lrelease: the wheel takes the ones `make translations` built, see built_translations; the installer
compiles its own).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# Source-only files in resources/ that the running program never reads.
SOURCE_ONLY_SUFFIXES = {".ts", ".pro"}
BUILD_TIME_FOLDERS = {"fonts", "translations"}


class StaleTranslations(RuntimeError):
    pass


def resource_files(root: Path) -> list[tuple[Path, PurePosixPath]]:
    """(source file, its path in the built tree) for every shipped file of resources/ and docs/manual/."""
    resources = root / "resources"
    files = []
    for path in sorted(resources.rglob("*")):
        relative = path.relative_to(resources)
        if (
            not path.is_file()
            or relative.parts[0] in BUILD_TIME_FOLDERS
            or path.suffix in SOURCE_ONLY_SUFFIXES
        ):
            continue
        files.append((path, PurePosixPath("resources", *relative.parts)))
    manual = root / "docs" / "manual"
    for path in sorted(manual.rglob("*")):
        if path.is_file():
            files.append((path, PurePosixPath("resources", "manual", *path.relative_to(manual).parts)))
    return files


def translation_sources(root: Path) -> list[Path]:
    return sorted((root / "resources" / "translations").glob("*.ts"))


def built_translations(root: Path) -> list[tuple[Path, PurePosixPath]]:
    """The .qm beside each .ts, or StaleTranslations when one is missing or older than its source."""
    stale = []
    files = []
    for ts in translation_sources(root):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            stale.append(qm.name)
        files.append((qm, PurePosixPath("resources", "translations", qm.name)))
    if stale:
        raise StaleTranslations(
            f"missing or older than their .ts: {', '.join(stale)}; run `make translations` first "
            "(pyside6-lrelease builds them)"
        )
    return files
