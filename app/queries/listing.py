"""A listing: one filtered, sorted query over a table, read a page at a time.

A page is found in two steps: the rowids of rows [offset, offset + limit) in the listing's order, then those rows
themselves. The first step usually walks a single index (every SQLite index ends in the rowid), so skipping to
row 500,000 steps over index entries rather than whole rows; the second reads only the rows shown.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Condition:
    """One WHERE term with its parameters."""

    sql: str
    params: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Listing:
    table: str  # the base table, aliased t in every SQL fragment
    select: str  # what a page row holds, over t (and subqueries)
    conditions: tuple[Condition, ...] = ()
    order_by: tuple[str, ...] = field(default=("t.rowid",))  # terms over t, each with its direction

    @property
    def where_sql(self) -> str:
        if not self.conditions:
            return ""
        return " WHERE " + " AND ".join(f"({c.sql})" for c in self.conditions)

    @property
    def params(self) -> list[Any]:
        return [p for c in self.conditions for p in c.params]

    def count_sql(self) -> tuple[str, list[Any]]:
        return f"SELECT count(*) FROM {self.table} AS t{self.where_sql}", self.params

    def rowids_sql(self, offset: int, limit: int) -> tuple[str, list[Any]]:
        order = ", ".join(self.order_by)
        sql = f"SELECT t.rowid FROM {self.table} AS t{self.where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
        return sql, [*self.params, int(limit), int(offset)]

    def count(self, conn: sqlite3.Connection) -> int:
        sql, params = self.count_sql()
        return int(conn.execute(sql, params).fetchone()[0])

    def rowids(self, conn: sqlite3.Connection, offset: int, limit: int) -> list[int]:
        sql, params = self.rowids_sql(offset, limit)
        return [r[0] for r in conn.execute(sql, params)]

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


def order_terms(sort_sql: str | tuple[str, ...], descending: bool) -> tuple[str, ...]:
    """ORDER BY terms for a sort key, ending in the rowid so that equal keys keep a stable page order."""
    direction = "DESC" if descending else "ASC"
    keys = (sort_sql,) if isinstance(sort_sql, str) else sort_sql
    return (*(f"{k} {direction}" for k in keys), f"t.rowid {direction}")
