"""Build-time font step: take a TrueType CJK font and its licence from the build machine.

Font files are never committed. The installer ships one so that a PC with no Chinese font still shows and
prints Chinese; reportlab can embed only TrueType outlines, so CFF fonts (Noto CJK .otf) are refused.

Where the font comes from, in order:
  1. $LIAISON_FONT (e.g. C:\\Windows\\Fonts\\simhei.ttf on a Windows build machine), with its licence text
     from $LIAISON_FONT_LICENSE when given;
  2. Debian's fonts-wqy-zenhei: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc, whose licence is the package's
     /usr/share/doc/fonts-wqy-zenhei/copyright (GPL-2 with a font embedding exception).

    python scripts/fetch_font.py [DEST]     # copies the font and LICENSE-<font>.txt into DEST (default build/fonts)
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.fonts import is_truetype  # noqa: E402

DEBIAN_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
DEBIAN_LICENSE = Path("/usr/share/doc/fonts-wqy-zenhei/copyright")
DEFAULT_DEST = ROOT / "build" / "fonts"

# Written beside a font whose licence text the build machine does not have: the builder must supply it.
_MISSING_LICENSE_NOTE = """Font: {name}
Taken from the build machine ({path}) by scripts/fetch_font.py.
No licence text was supplied (set LIAISON_FONT_LICENSE to a file with it).
Whoever builds and distributes this folder must hold the right to redistribute this font.
"""


class FontNotFound(RuntimeError):
    pass


@dataclass(frozen=True)
class FontSource:
    font: Path
    license: Path | None  # the licence text, when the build machine has it


def locate() -> FontSource:
    """The font to ship, or FontNotFound with what to do about it."""
    env_font = os.environ.get("LIAISON_FONT")
    if env_font:
        font = Path(env_font).expanduser()
        if not font.is_file():
            raise FontNotFound(f"LIAISON_FONT={env_font}: no such file")
        env_license = os.environ.get("LIAISON_FONT_LICENSE")
        license_path = Path(env_license).expanduser() if env_license else None
        if license_path is not None and not license_path.is_file():
            raise FontNotFound(f"LIAISON_FONT_LICENSE={env_license}: no such file")
        source = FontSource(font, license_path)
    elif DEBIAN_FONT.is_file():
        source = FontSource(DEBIAN_FONT, DEBIAN_LICENSE if DEBIAN_LICENSE.is_file() else None)
    else:
        raise FontNotFound(
            "No CJK font to ship: install Debian's fonts-wqy-zenhei, or set LIAISON_FONT to a TrueType "
            "Chinese font (.ttf/.ttc with TrueType outlines, e.g. simhei.ttf)."
        )
    if source.font.suffix.lower() not in (".ttf", ".ttc") or not is_truetype(source.font):
        raise FontNotFound(
            f"{source.font} is not a TrueType font; PDFs can embed only TrueType outlines "
            "(Noto CJK .otf/.ttc are CFF and cannot be used)."
        )
    return source


def license_name_for(font: Path) -> str:
    return f"LICENSE-{font.stem}.txt"


def stage(dest: Path, source: FontSource | None = None) -> list[Path]:
    """Copy the font and its licence into dest; returns the two files written."""
    source = source or locate()
    dest.mkdir(parents=True, exist_ok=True)
    # One font only: a stale font from an earlier build with another LIAISON_FONT must not ride along.
    for old in dest.iterdir():
        if old.suffix.lower() in (".ttf", ".ttc") or old.name.startswith("LICENSE-"):
            old.unlink()
    font_copy = dest / source.font.name
    shutil.copy2(source.font, font_copy)
    license_copy = dest / license_name_for(source.font)
    if source.license is not None:
        shutil.copyfile(source.license, license_copy)
    else:
        license_copy.write_text(
            _MISSING_LICENSE_NOTE.format(name=source.font.name, path=source.font), encoding="utf-8"
        )
    return [font_copy, license_copy]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dest = Path(args[0]) if args else DEFAULT_DEST
    try:
        written = stage(dest)
    except FontNotFound as exc:
        print(f"fetch_font: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
