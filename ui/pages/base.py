"""The contract every page of the main window follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.errors import UserError
from app.operations import Changes
from ui.context import AppContext


class Page(QWidget):
    """A page is built once; refresh() reloads it from the database, retranslate_ui() relabels it.

    A page refreshes itself when a change touches one of the tables it shows (WATCHES; None: any): at once if
    it is on screen, else when it is next shown. The window calls retranslate_ui() after ctx.language_changed
    (the new QTranslator is already installed). title() is the navigation label. Widgets in write_controls
    are disabled while a change is being saved.
    """

    WATCHES: frozenset[str] | None = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = False
        self.write_controls: list[QWidget] = []
        ctx.changed.connect(self._on_changed)
        ctx.writing.connect(self._on_writing)

    def _on_changed(self, changes: Changes) -> None:
        source = self.ctx.change_source
        if source is not None and (
            source is self or (isinstance(source, QWidget) and self.isAncestorOf(source))
        ):
            return  # the change was made here, and the page has updated what it shows
        if self.WATCHES is not None and not any(changes.touches(table) for table in self.WATCHES):
            return
        # A page of the window that another page hides catches up when it is shown; the current page, or a
        # page on its own (a test, a dialog's host), refreshes at once.
        if self.window() is not self and not self.isVisibleTo(self.window()):
            self.stale = True
        else:
            self.stale = False
            self.refresh()

    def _on_writing(self, busy: bool) -> None:
        for widget in self.write_controls:
            widget.setProperty("heldForWrite", busy)
            if busy:
                widget.setProperty("wasEnabled", widget.isEnabled())
                widget.setEnabled(False)
            else:
                widget.setEnabled(bool(widget.property("wasEnabled")))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.refresh()

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
