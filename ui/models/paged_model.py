"""A table model over a database listing, read a page at a time.

rowCount() is the listing's full size (one cached COUNT per filter), so the scroll bar is true from the start;
the rows themselves are fetched in pages of PAGE_SIZE around whatever the view asks for, and only the
MAX_CACHED_PAGES most recently used pages are kept. Memory stays the same whether the listing has a hundred
rows or a million. Filtering and sorting rebuild the SQL (app.queries) and reset the model.

Each model opens its own read-only connection: reading never blocks the UI's writes (WAL), and a page read
never sees half of a write.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.queries import listing as listing_queries
from app.queries import text_search
from app.queries.listing import Listing
from ui.models.roles import ObjectRole, SortRole

Row = dict[str, Any]
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str  # English source text (QT_TRANSLATE_NOOP); translated in the model's context
    sort_key: str  # key of the query module's SORTS; "" when the column cannot be sorted
    display: Callable[[Row], str]
    raw: str = ""  # the record field behind the column, for the sort role
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[Row], str] | None = None


def field(name: str) -> Callable[[Row], str]:
    def show(row: Row) -> str:
        value = row.get(name)
        return "" if value is None else str(value)

    return show


class PagedTableModel(QAbstractTableModel):
    PAGE_SIZE: ClassVar[int] = 200
    MAX_CACHED_PAGES: ClassVar[int] = 16
    # Listings up to this many rows keep their order as packed rowids (8 bytes a row): reading that order
    # once costs about what one page of a text-filtered listing of this size costs (measured at 1M items).
    ORDERED_ROWIDS_LIMIT: ClassVar[int] = 20_000
    CONTEXT: ClassVar[str] = "PagedTableModel"  # translation context of the headers
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    DEFAULT_SORT_COLUMN: ClassVar[int] = 0
    DEFAULT_SORT_ORDER: ClassVar[Qt.SortOrder] = Qt.SortOrder.DescendingOrder

    totalChanged = Signal(int)

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = listing_queries.open_reader(db_path)
        self._filters: dict[str, Any] = {}
        self._sort_column = self.DEFAULT_SORT_COLUMN
        self._sort_order = self.DEFAULT_SORT_ORDER
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._ordered_rowids: array[int] | None = None
        self._counts: dict[Listing, int] = {}
        self._bigram_indexes: dict[str, bool] = {}
        self._listing = self._make_listing(self._filters, self._sort_column, self._sort_order)
        self._total = self._count(self._listing)

    # -- what each table defines ---------------------------------------------------------------------------

    def build_listing(self, filters: dict[str, Any], sort_key: str, descending: bool) -> Listing:
        raise NotImplementedError

    def _bigram_index(self, table: str) -> bool:
        """Whether this database has the short-text index (schema version 4) for `table`."""
        if table not in self._bigram_indexes:
            self._bigram_indexes[table] = text_search.has_bigram_index(self._conn, table)
        return self._bigram_indexes[table]

    # -- the contract the pages use ------------------------------------------------------------------------

    def set_filters(self, **filters: Any) -> None:
        """Replace the filters; a key left out or given as None / "" does not filter. A bad value (a date that
        does not exist) raises the core's UserError and leaves the table as it was."""
        listing = self._make_listing(filters, self._sort_column, self._sort_order)
        self._reset(listing, filters=dict(filters))

    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or not self.COLUMNS[column].sort_key:
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self._reset(self._make_listing(self._filters, column, order))

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def refresh(self) -> None:
        """Re-read after a write: counts, pages and the plan's match counts may all have changed."""
        self._counts.clear()
        self._reset(self._make_listing(self._filters, self._sort_column, self._sort_order))

    def total_count(self) -> int:
        return self._total

    def object_at(self, row: int) -> Row | None:
        record = self._row(row)
        return dict(record) if record is not None else None

    def row_of_uuid(self, uuid: str, scan_limit: int = 2000) -> int | None:
        """The row showing this record (to select it after a save), or None when the filters leave it out. A
        listing too large to keep its order in memory is searched in its first `scan_limit` rows only."""
        rowid = listing_queries.rowid_of(self._conn, self._listing.table, uuid)
        if rowid is None:
            return None
        if self._total <= self.ORDERED_ROWIDS_LIMIT:
            if self._ordered_rowids is None:
                self._ordered_rowids = self._listing.ordered_rowids(self._conn, self._total)
            try:
                return self._ordered_rowids.index(rowid)
            except ValueError:
                return None
        for row in range(min(self._total, scan_limit)):
            record = self._row(row)
            if record is not None and record["_rowid"] == rowid:
                return row
        return None

    def retranslate(self) -> None:
        """Headers and labelled cells follow the language; call after switching it."""
        if self.COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(self.COLUMNS) - 1))

    def close(self) -> None:
        self._conn.close()

    def cached_row_count(self) -> int:
        """Rows held in memory now (bounded by PAGE_SIZE * MAX_CACHED_PAGES)."""
        return sum(len(page) for page in self._pages.values())

    # -- QAbstractTableModel -------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section].header)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.COLUMNS):
            return None
        if role not in _ROLES_ANSWERED:
            return None
        record = self._row(index.row())
        if record is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SortRole:
            return record.get(column.raw) if column.raw else column.display(record)
        if role == ObjectRole:
            return dict(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        return None

    # -- paging --------------------------------------------------------------------------------------------

    def _make_listing(self, filters: dict[str, Any], column: int, order: Qt.SortOrder) -> Listing:
        sort_key = self.COLUMNS[column].sort_key if self.COLUMNS else ""
        return self.build_listing(filters, sort_key, order == Qt.SortOrder.DescendingOrder).tuned(self._conn)

    def _count(self, listing: Listing) -> int:
        # The count depends on the filters only, so re-sorting reuses it.
        key = Listing(listing.table, "", listing.conditions)
        if key not in self._counts:
            self._counts[key] = self._count_and_maybe_order(listing)
        return self._counts[key]

    def _count_and_maybe_order(self, listing: Listing) -> int:
        """Filters usually narrow a listing to a few thousand rows. Then reading its order (one query, at most
        ORDERED_ROWIDS_LIMIT + 1 rowids) also gives the count, and the separate COUNT is saved. A text-only
        listing is counted by its text index in a few milliseconds instead."""
        if listing.has_plain_conditions:
            head = listing.ordered_rowids(self._conn, self.ORDERED_ROWIDS_LIMIT + 1)
            if len(head) <= self.ORDERED_ROWIDS_LIMIT:
                self._ordered_rowids = head
                return len(head)
        return listing.count(self._conn)

    def _reset(self, listing: Listing, filters: dict[str, Any] | None = None) -> None:
        self.beginResetModel()
        try:
            self._listing = listing
            if filters is not None:
                self._filters = filters
            self._pages.clear()
            self._ordered_rowids = None  # _count() may read it again
            self._total = self._count(listing)
        finally:
            self.endResetModel()
        self.totalChanged.emit(self._total)

    def _row(self, row: int) -> Row | None:
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            self._pages[number] = page
            while len(self._pages) > self.MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[Row]:
        start = number * self.PAGE_SIZE
        if self._total > self.ORDERED_ROWIDS_LIMIT:
            return self._listing.page(self._conn, start, self.PAGE_SIZE)
        # A filtered listing whose matches come from a text index (or any plan that must sort its matches)
        # would sort them again for every page; read its order once, then every page is a slice.
        if self._ordered_rowids is None:
            self._ordered_rowids = self._listing.ordered_rowids(self._conn, self._total)
        return self._listing.rows(self._conn, self._ordered_rowids[start : start + self.PAGE_SIZE])


_ROLES_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        SortRole,
        ObjectRole,
    }
)
