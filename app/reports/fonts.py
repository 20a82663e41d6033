"""The report font: a TrueType CJK font registered with reportlab (embedded as a subset), or reportlab's
built-in STSong-Light CID font when none can be found (not embedded: the viewer supplies it).

Registering a TrueType collection parses the whole file (about 0.1 s for WenQuanYi Zen Hei), so the
registration is done once per process and reused.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.fonts import FontFile, find_cjk_font

FALLBACK_FONT = "STSong-Light"
_EMBEDDED_NAME = "LiaisonCJK"


@dataclass(frozen=True)
class ReportFont:
    name: str
    embedded: bool


_registered: dict[object, ReportFont] = {}


def register(font_file: FontFile | None) -> ReportFont:
    """Register the given font (or the fallback when None or unreadable) and return how to use it."""
    key: object = (str(font_file.path), font_file.subfont_index) if font_file else None
    if key in _registered:
        return _registered[key]
    result: ReportFont | None = None
    if font_file is not None:
        name = f"{_EMBEDDED_NAME}{len(_registered)}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(font_file.path), subfontIndex=font_file.subfont_index))
            result = ReportFont(name, True)
        except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error):
            result = None  # a damaged or CFF font: fall back rather than fail the report
    if result is None:
        if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
        result = ReportFont(FALLBACK_FONT, False)
    _registered[key] = result
    return result


_default: ReportFont | None = None


def report_font() -> ReportFont:
    """The font for reports on this computer: the first embeddable CJK font found, else the fallback."""
    global _default
    if _default is None:
        _default = register(find_cjk_font())
    return _default
