"""Finding a CJK font that both Qt and reportlab can use.

reportlab embeds only TrueType outlines (.ttf, or .ttc with glyf tables); Noto CJK (.otf/.ttc) is CFF and
cannot be embedded, and DroidSansFallback lacks Latin letters and digits. A font shipped in
resources/fonts/ wins; then well-known system fonts on Windows and Linux.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app.resources import resource_path


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int = 0  # which face of a .ttc collection


# (file name, face index); the order is the order of preference.
_KNOWN_FILES: tuple[tuple[str, int], ...] = (
    ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
    ("simhei.ttf", 0),
    ("msyh.ttc", 0),
    ("msyh.ttf", 0),
    ("simsun.ttc", 0),
    ("simkai.ttf", 0),
    ("uming.ttc", 0),
    ("ukai.ttc", 0),
)
_EXCLUDED = ("droidsansfallback",)


def _system_font_dirs() -> list[Path]:
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local/share/fonts",
            Path.home() / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def is_truetype(path: Path) -> bool:
    """True when the font has TrueType (glyf) outlines, which reportlab can embed."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            if head[:4] == b"ttcf":
                handle.seek(12)
                first = int.from_bytes(handle.read(4), "big")
                handle.seek(first)
                head = handle.read(12)
            if head[:4] == b"OTTO":
                return False
            num_tables = int.from_bytes(head[4:6], "big")
            tags = {handle.read(16)[:4] for _ in range(num_tables)}
            return b"glyf" in tags
    except OSError:
        return False


def shipped_fonts() -> list[Path]:
    folder = resource_path("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def find_cjk_font() -> FontFile | None:
    for path in shipped_fonts():
        if is_truetype(path) and not any(x in path.name.lower() for x in _EXCLUDED):
            return FontFile(path)
    wanted = {name: index for name, index in _KNOWN_FILES}
    found: dict[str, Path] = {}
    for folder in _system_font_dirs():
        for root, _dirs, files in os.walk(folder):
            for file_name in files:
                lower = file_name.lower()
                if lower in wanted and lower not in found:
                    found[lower] = Path(root) / file_name
    for name, index in _KNOWN_FILES:
        candidate = found.get(name)
        if candidate is not None and is_truetype(candidate):
            return FontFile(candidate, index)
    return None
