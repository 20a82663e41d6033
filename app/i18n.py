"""Messages from the core in both languages. The Qt layer has its own translations; the core stays Qt-free,
so a message carries its Chinese and English text and is rendered in whichever language is current."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

SUPPORTED = ("zh_CN", "en")
_language = "en" if os.environ.get("LIAISON_LANG", "").lower().startswith("en") else "zh_CN"


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "zh_CN"


def current_language() -> str:
    return _language


@dataclass(frozen=True)
class Text:
    zh: str
    en: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, language: str | None = None) -> str:
        lang = language or _language
        template = self.en if lang == "en" else self.zh
        if not self.params:
            return template
        return template.format(**{k: _localise(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render()


def text(zh: str, en: str, **params: Any) -> Text:
    return Text(zh, en, params)


def _localise(value: Any, language: str) -> Any:
    """Parameters that are themselves bilingual (a Text, a labelled choice) follow the message's language."""
    if isinstance(value, Text):
        return value.render(language)
    if hasattr(value, "zh") and hasattr(value, "en"):
        return value.en if language == "en" else value.zh
    if isinstance(value, (list, tuple)) and value and hasattr(value[0], "zh"):
        sep = ", " if language == "en" else "、"
        return sep.join(_localise(v, language) for v in value)
    return value
