"""The contract every page of the main window follows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext


class Page(QWidget):
    """A page is built once; refresh() reloads it from the database, retranslate_ui() relabels it.

    The window calls refresh() when the page is shown and after ctx.data_changed; retranslate_ui() after
    ctx.language_changed (the new QTranslator is already installed). title() is the navigation label.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        return self.tr("Page")

    def refresh(self) -> None:
        """Reload what the page shows. Cheap pages may rebuild everything; table pages call model.refresh()."""

    def retranslate_ui(self) -> None:
        """Set every visible string again through self.tr()."""

    # Shortcuts the window forwards to the current page (Ctrl+N, Ctrl+F, Ctrl+P); a page overrides what it has.
    def new_record(self) -> None:
        """Ctrl+N."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def print_page(self) -> None:
        """Ctrl+P."""
