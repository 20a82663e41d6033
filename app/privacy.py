"""Masking personal information in print (Personal Information Protection Law).

Visitors' phone numbers are always masked in print (138****5678); their names are masked (王**) unless the
station has turned on settings.SHOW_VISITOR_NAMES_IN_PRINT. The screen may show the full values; paper is
pinned to noticeboards and filed, so it never does.
"""

from __future__ import annotations

import re
from typing import Any

from app import settings

_DIGITS = re.compile(r"\d")
# A mainland mobile number written in free text, possibly with spaces or dashes (138 1234 5678, 138-1234-5678),
# not part of a longer digit run (an item number, an amount).
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)")


def mask_phone(phone: str) -> str:
    """Keep the first three and last four digits of a mobile (138****5678); shorter numbers keep only the
    last two digits. Separators are dropped so that no digit group of the original survives."""
    digits = "".join(_DIGITS.findall(phone or ""))
    if not digits:
        return ""
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_phones_in_text(value: str) -> str:
    """Mask every mobile number a clerk typed into free text (what a resident raised, an item's title)."""
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), value or "")


def mask_name(name: str) -> str:
    """Keep the first character and always two stars (王** for 王明 and 王小明 alike), so that the print
    does not even reveal the name's length."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    return name[0] + "**"


def show_names_in_print(db: Any) -> bool:
    return bool(settings.SHOW_VISITOR_NAMES_IN_PRINT.get(db))


def visitor_name_for_print(name: str, show_names: bool) -> str:
    return (name or "").strip() if show_names else mask_name(name)
