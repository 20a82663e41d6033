"""A table view set up the same way on every page: whole rows, sorting in SQL, the header sized to fit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget


def make_table(
    model: Any,
    name: str,
    stretch_column: int | None = None,
    parent: QWidget | None = None,
    widths: dict[int, int] | None = None,
) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(30)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(model.sort_column(), model.sort_order())
    # The model sorts in SQL; the view only tells it which column and order were clicked.
    header.sortIndicatorChanged.connect(model.sort)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(110)
    header.setStretchLastSection(True)
    # Widths chosen for the content (dates, codes, short Chinese words); the long text column gets the rest
    # when there is room and a generous width when the table has to scroll sideways.
    for column, width in (widths or {}).items():
        header.resizeSection(column, width)
    if stretch_column is not None and not widths:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


def fit_to_contents(view: QTableView, columns: tuple[int, ...]) -> None:
    """Short coded columns (level, status, people) sized to their words, which differ by language."""
    for column in columns:
        view.resizeColumnToContents(column)


def hide_station_column(view: QTableView, column: int, role: str) -> None:
    """A station sees only its own records: the station column says nothing there."""
    view.setColumnHidden(column, role == "station")


def select_uuid(view: QTableView, uuid: str, limit: int = 2000) -> bool:
    """Select the row of a record just saved (looked for among the first rows, where the sort puts it)."""
    model = view.model()
    for row in range(min(model.rowCount(), limit)):
        record = model.object_at(row)  # type: ignore[attr-defined]
        if record and record.get("uuid") == uuid:
            view.selectRow(row)
            view.scrollTo(model.index(row, 0))
            return True
    return False


def on_row_selected(view: QTableView, callback: Callable[[dict[str, Any] | None], None]) -> None:
    def changed(current: QModelIndex, _previous: QModelIndex) -> None:
        callback(view.model().object_at(current.row()) if current.isValid() else None)  # type: ignore[attr-defined]

    view.selectionModel().currentRowChanged.connect(changed)


def debounced(edit: QLineEdit, callback: Callable[[], None], msecs: int = 250) -> QTimer:
    """Search as the clerk types, once they pause, not on every key."""
    timer = QTimer(edit)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(callback)
    edit.textChanged.connect(lambda _text: timer.start())

    def now() -> None:
        timer.stop()
        callback()

    edit.returnPressed.connect(now)
    return timer


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab moves through a form in the order it reads, whatever order the widgets were made in."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
