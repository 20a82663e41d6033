"""Help ▸ About lists every bundled component with a readable licence; Help ▸ User manual opens the manual."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from app import __version__
from app.resources import resource_path
from ui import about, help, translations


@pytest.fixture
def chinese(qapp: Any) -> Any:
    translations.install("zh_CN")
    yield
    translations.install("zh_CN")


def test_every_listed_licence_file_exists_and_is_not_empty() -> None:
    listing = json.loads(resource_path("licenses", "components.json").read_text(encoding="utf-8"))
    names = {entry["name"] for entry in listing}
    for required in ("Qt 6 / PySide6 / Shiboken6", "ReportLab", "sqlite-utils", "qt-material", "openpyxl"):
        assert required in names
    for entry in listing:
        for file_name in entry["files"]:
            text = resource_path("licenses", file_name).read_text(encoding="utf-8")
            assert len(text) > 100, file_name


def test_about_shows_version_and_every_component_with_its_licence(qtbot: Any, chinese: Any) -> None:
    dialog = about.AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "关于代表家站点工作台"
    assert f"版本 {__version__}" in dialog.title_label.text()
    names = [dialog.table.item(row, dialog.NAME).text() for row in range(dialog.table.rowCount())]
    assert "ReportLab" in names and "qt-material" in names and "cryptography" in names
    licences = {
        dialog.table.item(row, dialog.NAME).text(): dialog.table.item(row, dialog.LICENSE).text()
        for row in range(dialog.table.rowCount())
    }
    assert licences["Qt 6 / PySide6 / Shiboken6"] == "LGPL-3.0-only"
    assert licences["sqlite-utils"] == "Apache-2.0"

    qt_row = names.index("Qt 6 / PySide6 / Shiboken6")
    dialog.table.setCurrentCell(qt_row, 0)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.license_view.toPlainText()
    reportlab_row = names.index("ReportLab")
    dialog.table.setCurrentCell(reportlab_row, 0)
    assert "ReportLab" in dialog.license_view.toPlainText()
    assert "BSD" in dialog.table.item(reportlab_row, dialog.LICENSE).text()


def test_about_lists_the_cjk_font_with_its_licence(qtbot: Any, chinese: Any) -> None:
    from app.fonts import find_cjk_font

    font = find_cjk_font()
    if font is None:
        pytest.skip("this machine has no CJK font (the installer always ships one)")
    dialog = about.show_about(None)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(row, dialog.NAME).text() for row in range(dialog.table.rowCount())]
    assert font.path.name in names
    dialog.table.setCurrentCell(names.index(font.path.name), 0)
    assert "GNU GENERAL PUBLIC LICENSE" in dialog.license_view.toPlainText()
    assert font.path.name in dialog.details_label.text()


def test_about_speaks_english_when_asked(qtbot: Any, qapp: Any) -> None:
    translations.install("en")
    try:
        dialog = about.AboutDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "About Liaison Desk"
        assert dialog.table.horizontalHeaderItem(dialog.LICENSE).text() == "Licence"
    finally:
        translations.install("zh_CN")


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_manual_hands_the_chinese_manual_to_the_browser(qapp: Any) -> None:
    manual = help.manual_path()
    assert manual is not None, "docs/manual/index.html is missing"
    assert "常见问题" in manual.read_text(encoding="utf-8")
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        assert help.open_manual(None) is True
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in catcher.urls] == [manual]


def test_open_manual_says_where_it_looked_when_missing(qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(help, "manual_candidates", lambda: [tmp_path / "manual" / "index.html"])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, message: shown.append(message))
    translations.install("zh_CN")
    assert help.open_manual(None) is False
    assert shown and "找不到用户手册" in shown[0] and str(tmp_path) in shown[0]
