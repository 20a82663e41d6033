"""Shown for a page whose module is not installed in this build, so the window always opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.pages.base import Page


class PlaceholderPage(Page):
    def __init__(self, ctx: AppContext, title_source: object, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._title_source = title_source  # an English source string, translated in the "Navigation" context
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate_ui()

    def title(self) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("Navigation", str(self._title_source))

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("“%1” is not available in this version.").replace("%1", self.title()))
