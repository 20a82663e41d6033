"""A listing: one filtered, sorted query over a table, read a page at a time.

A page is found in two steps: the rowids of rows [offset, offset + limit) in the listing's order, then those rows
themselves. The first step usually walks a single index (every SQLite index ends in the rowid), so skipping to
row 500,000 steps over index entries rather than whole rows; the second reads only the rows shown.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Condition:
    """One WHERE term with its parameters. A term answered by a full-text index is a rowid set: `sql` is then
    empty and `rowid_source` the subquery giving the matching rowids."""

    sql: str
    params: tuple[Any, ...] = ()
    rowid_source: str = ""

    def render(self, probe: bool) -> str:
        if not self.rowid_source:
            return self.sql
        # "+" keeps SQLite from driving the query by the rowid set: it then walks the order's (or another
        # filter's) index and probes the set, instead of looking up and sorting every match.
        return f"{'+' if probe else ''}t.rowid IN ({self.rowid_source})"


def rowid_set(source: str, *params: Any) -> Condition:
    return Condition("", tuple(params), source)


# From this many full-text matches on, probing the set while walking an index beats looking every match up
# (measured on 1,000,000 items: 58,000 matches cost ~90 ms looked up and sorted, ~10 ms probed for a page).
PROBE_FROM_MATCHES = 20_000


# Stations sorted as people read them: by name, then code.
STATIONS_BY_NAME = "SELECT uuid FROM stations ORDER BY name, code"


@dataclass(frozen=True)
class Segments:
    """An order over a column with a few values that is not the values' own order: the workflow order of a
    status, stations by name. The listing is read as one run per value, each run in `within` order, so that
    every run is an index walk on (column, date) instead of a sort of the whole table."""

    column: str  # over t
    values: tuple[Any, ...] = ()  # in display order; None stands for NULL
    values_sql: str = ""  # or: a query giving the values in display order (stations by name)
    within: tuple[str, ...] = ("t.date DESC", "t.rowid DESC")

    def resolve(self, conn: sqlite3.Connection, descending: bool) -> tuple[Any, ...]:
        values = self.values or tuple(r[0] for r in conn.execute(self.values_sql))
        return tuple(reversed(values)) if descending else values

    def condition(self, value: Any) -> Condition:
        if value is None:
            return Condition(f"{self.column} IS NULL")
        return Condition(f"{self.column} = ?", (value,))


@dataclass(frozen=True)
class Listing:
    table: str  # the base table, aliased t in every SQL fragment
    select: str  # what a page row holds, over t (and subqueries)
    conditions: tuple[Condition, ...] = ()
    order_by: tuple[str, ...] = field(default=("t.rowid",))  # terms over t, each with its direction
    segments: Segments | None = None  # when set, the order is by segment, then segments.within
    descending: bool = False  # the direction of the segments
    probe_rowid_sets: bool = False  # see Condition.render and tuned()
    # Row counts per segment value, filled as pages are read; not part of the listing's identity.
    _segment_counts: dict[Any, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def where_sql(self) -> str:
        if not self.conditions:
            return ""
        return " WHERE " + " AND ".join(f"({c.render(self.probe_rowid_sets)})" for c in self.conditions)

    def tuned(self, conn: sqlite3.Connection) -> Listing:
        """The same listing with the faster plan for its full-text terms, chosen by how many rows they match
        (a count the text index answers in a few milliseconds)."""
        sets = [c for c in self.conditions if c.rowid_source]
        if not sets:
            return self
        fewest = min(_set_size(conn, c) for c in sets)
        return replace(self, probe_rowid_sets=fewest >= PROBE_FROM_MATCHES, _segment_counts={})

    @property
    def params(self) -> list[Any]:
        return [p for c in self.conditions for p in c.params]

    def count_sql(self) -> tuple[str, list[Any]]:
        if self.conditions and all(c.rowid_source for c in self.conditions):
            # Only text terms: every indexed rowid is a row, so the indexes alone count the listing.
            sources = " INTERSECT ".join(c.rowid_source for c in self.conditions)
            return f"SELECT count(*) FROM ({sources})", self.params
        return f"SELECT count(*) FROM {self.table} AS t{self.where_sql}", self.params

    def rowids_sql(self, offset: int, limit: int) -> tuple[str, list[Any]]:
        order = ", ".join(self.order_by)
        sql = f"SELECT t.rowid FROM {self.table} AS t{self.where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
        return sql, [*self.params, int(limit), int(offset)]

    def count(self, conn: sqlite3.Connection) -> int:
        sql, params = self.count_sql()
        return int(conn.execute(sql, params).fetchone()[0])

    def rowids(self, conn: sqlite3.Connection, offset: int, limit: int) -> list[int]:
        if self.segments is not None:
            return self._segmented_rowids(conn, offset, limit)
        sql, params = self.rowids_sql(offset, limit)
        return [r[0] for r in conn.execute(sql, params)]

    def _segmented_rowids(self, conn: sqlite3.Connection, offset: int, limit: int) -> list[int]:
        assert self.segments is not None
        found: list[int] = []
        for value in self.segments.resolve(conn, self.descending):
            segment = Listing(
                self.table,
                self.select,
                (*self.conditions, self.segments.condition(value)),
                self.segments.within,
                probe_rowid_sets=self.probe_rowid_sets,
            )
            if value not in self._segment_counts:
                self._segment_counts[value] = segment.count(conn)
            size = self._segment_counts[value]
            if offset >= size:
                offset -= size
                continue
            found += segment.rowids(conn, offset, min(limit - len(found), size - offset))
            offset = 0
            if len(found) >= limit:
                break
        return found

    @property
    def has_plain_conditions(self) -> bool:
        """Whether any filter is answered by a B-tree index (not only by a text index)."""
        return any(not c.rowid_source for c in self.conditions)

    def ordered_rowids(self, conn: sqlite3.Connection, limit: int) -> array[int]:
        """The first `limit` rowids of the listing in order, packed 8 bytes each: for listings small enough
        that one ordered read is cheaper than re-sorting their matches for every page."""
        if self.segments is not None:
            return array("q", self.rowids(conn, 0, limit))
        order = ", ".join(self.order_by)
        sql = f"SELECT t.rowid FROM {self.table} AS t{self.where_sql} ORDER BY {order} LIMIT ?"
        return array("q", (r[0] for r in conn.execute(sql, [*self.params, int(limit)])))

    def rows(self, conn: sqlite3.Connection, rowids: Sequence[int]) -> list[dict[str, Any]]:
        """The rows with these rowids, in the order given."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        cursor = conn.execute(
            f"SELECT t.rowid AS _rowid, {self.select} FROM {self.table} AS t WHERE t.rowid IN ({marks})",
            list(rowids),
        )
        names = [d[0] for d in cursor.description]
        by_rowid = {row[0]: dict(zip(names, row, strict=True)) for row in cursor}
        return [by_rowid[r] for r in rowids if r in by_rowid]

    def page(self, conn: sqlite3.Connection, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.rows(conn, self.rowids(conn, offset, limit))

    def all(self, conn: sqlite3.Connection, chunk: int = 500) -> list[dict[str, Any]]:
        """Every row; for small listings, exports and tests only."""
        rows: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self.page(conn, offset, chunk)
            rows.extend(page)
            if len(page) < chunk:
                return rows
            offset += chunk


def _set_size(conn: sqlite3.Connection, condition: Condition) -> int:
    return int(
        conn.execute(f"SELECT count(*) FROM ({condition.rowid_source})", condition.params).fetchone()[0]
    )


def sorted_listing(
    table: str,
    select: str,
    conditions: tuple[Condition, ...],
    sort: str | tuple[str, ...] | Segments,
    descending: bool,
) -> Listing:
    if isinstance(sort, Segments):
        return Listing(table, select, conditions, segments=sort, descending=descending)
    return Listing(table, select, conditions, order_terms(sort, descending))


def order_terms(sort_sql: str | tuple[str, ...], descending: bool) -> tuple[str, ...]:
    """ORDER BY terms for a sort key, ending in the rowid so that equal keys keep a stable page order."""
    direction = "DESC" if descending else "ASC"
    keys = (sort_sql,) if isinstance(sort_sql, str) else sort_sql
    return (*(f"{k} {direction}" for k in keys), f"t.rowid {direction}")


def open_reader(db_path: str | Path) -> sqlite3.Connection:
    """A connection of its own for a table view: read-only, so a view can never write, and in autocommit,
    so each page read sees the latest committed changes (WAL lets it read while the worker writes)."""
    conn = sqlite3.connect(str(db_path), timeout=30, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def rowid_of(conn: sqlite3.Connection, table: str, uuid: str) -> int | None:
    """The rowid of a record in `table`, or None when there is no such record."""
    found = conn.execute(f"SELECT rowid FROM [{table}] WHERE uuid = ?", [uuid]).fetchone()
    return int(found[0]) if found else None
