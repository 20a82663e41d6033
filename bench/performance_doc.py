"""docs/performance.md: each benchmark rewrites only the text between its own section markers."""

from __future__ import annotations

from pathlib import Path

PERFORMANCE_MD = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def replace_section(name: str, body: str, doc: Path = PERFORMANCE_MD) -> None:
    """Put `body` between `<!-- section: name -->` and `<!-- end: name -->`, leaving the rest of the file as it is."""
    start, end = f"<!-- section: {name} -->", f"<!-- end: {name} -->"
    text = doc.read_text(encoding="utf-8")
    if start not in text or end not in text:
        print(f"{doc} has no {name} section; not written")
        return
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")
