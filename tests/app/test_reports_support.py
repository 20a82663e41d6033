"""Shared by the report tests: demo databases on disk, and reading a PDF back."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app import demo, identity
from app.session import Session

# Fixed, so that every run sees the same demo data whatever today's date is.
DEMO_TODAY = date(2026, 6, 30)


def station_db(folder: Path) -> Path:
    path = folder / "station.db"
    session = Session.open(path, operator="测试员")
    identity.init_station(
        session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道", operator="测试员"
    )
    demo.generate(session, months=12, seed=7, today=DEMO_TODAY)
    session.close()
    return path


def district_db(folder: Path, months: int = 18) -> Path:
    path = folder / "district.db"
    session = Session.open(path, operator="测试员")
    identity.init_district(session, name="杨浦区人大常委会", operator="测试员")
    demo.generate(session, months=months, seed=11, today=DEMO_TODAY)
    session.close()
    return path


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def flat(text: str) -> str:
    """Without line breaks or spaces, so that a value wrapped across lines is still found."""
    return re.sub(r"\s+", "", text)


def font_rows(path: Path) -> list[list[str]]:
    """pdffonts' table: one row per font, split on whitespace."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def value_after(text: str, label: str) -> str:
    """The line following a label in the extracted text (the key-figure cards print label then value)."""
    lines = [line.strip() for line in text.splitlines()]
    index = lines.index(label)
    return lines[index + 1]
