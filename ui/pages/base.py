"""The contract every page of the main window follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.errors import UserError
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


def apply_listing_filters(model: Any, error_label: QLabel, **filters: Any) -> None:
    """Hand a page's filter inputs to its table model; a filter the model refuses (a date that does not
    exist) is named under the filters and the table stays as it was."""
    try:
        model.set_filters(**filters)
    except UserError as exc:
        error_label.setText(str(exc))
        error_label.show()
        return
    error_label.hide()
