"""Validation errors shown beside the field they are about, in the user's language.

The core raises ValidationError([FieldError(field, Text)]) naming its fields; a form registers each input
under the same name. What the clerk typed is never touched: only the messages appear and disappear.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UserError, ValidationError


class FieldErrors:
    def __init__(self, general: QLabel | None = None) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.general = general or QLabel()
        self.general.setProperty("role", "form-error")
        self.general.setWordWrap(True)
        self.general.hide()

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """The input with its (hidden) error line beneath, ready for a form layout row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setProperty("role", "field-error")
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self._fields[field] = (widget, label)
        return box

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.hide()
            _mark(widget, False)
        self.general.clear()
        self.general.hide()

    def show(self, error: UserError) -> None:
        """Put each message beside its field; anything without a field goes to the form's general line."""
        self.clear()
        loose: list[str] = []
        first: QWidget | None = None
        problems = error.errors if isinstance(error, ValidationError) else []
        for problem in problems:
            entry = self._fields.get(problem.field)
            if entry is None:
                loose.append(str(problem.message))
                continue
            widget, label = entry
            label.setText((label.text() + "\n" if label.text() else "") + str(problem.message))
            label.show()
            _mark(widget, True)
            first = first or widget
        if not problems:
            loose.append(str(error))
        if loose:
            self.general.setText("\n".join(loose))
            self.general.show()
        if first is not None:
            first.setFocus()

    def message_for(self, field: str) -> str:
        entry = self._fields.get(field)
        return entry[1].text() if entry and not entry[1].isHidden() else ""


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", "true" if invalid else "false")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
