"""Every page the navigation lists is in the build: it imports, it is built, and a broken one is an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ui.context import AppContext
from ui.navigation import PAGES, PageEntry, build_page
from ui.pages.base import Page

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("entry", PAGES, ids=lambda e: e.key)
def test_every_page_imports_and_is_built(qtbot: Any, ctx: AppContext, entry: PageEntry) -> None:
    page = build_page(entry, ctx)
    qtbot.addWidget(page)
    assert type(page) is entry.page_class() and isinstance(page, Page)
    assert type(page).__module__.startswith("ui.pages.")
    assert page.title()
    ctx.wait_for_tasks()


def test_a_page_that_fails_to_import_is_an_error_not_a_stand_in(ctx: AppContext) -> None:
    def broken() -> type[Page]:
        raise ModuleNotFoundError("No module named 'ui.pages.missing_page'")

    with pytest.raises(ModuleNotFoundError):
        build_page(PageEntry("broken", "Broken", broken, "dashboard"), ctx)


def test_the_window_imports_only_the_pages_it_shows() -> None:
    """Start-up stays fast: opening the window module imports no page (the reports page brings in the PDF
    toolkit); each page's module is loaded when the page is first opened."""
    code = "import sys, ui.main_window; print(sorted(m for m in sys.modules if m.startswith('ui.pages.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['ui.pages.base']"
