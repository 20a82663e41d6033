"""Search words typed into a search box, turned into WHERE terms answered by full-text indexes.

Words are separated by spaces; a row matches when every word occurs (as a substring, ignoring case) in one of
the searched columns. A word of three or more characters is looked up in the trigram index (<table>_fts); a
shorter one in the character index (<table>_chars, schema version 4) as a phrase of its characters. Neither path
reads the base table, so a search costs what its matches cost, not the size of the table.
"""

from __future__ import annotations

import sqlite3

from app.queries.listing import Condition


def words(query: str | None) -> list[str]:
    return [w for w in (query or "").split() if w]


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def conditions(
    table: str,
    query: str | None,
    columns: tuple[str, ...],
    have_chars_index: bool = True,
) -> list[Condition]:
    """WHERE terms over alias t for the words of `query`."""
    long_words = [w for w in words(query) if len(w) >= 3]
    short_words = [w for w in words(query) if len(w) < 3]
    result: list[Condition] = []
    if long_words:
        match = " AND ".join(_quoted(w) for w in long_words)
        result.append(
            Condition(f"t.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", (match,))
        )
    if short_words and have_chars_index:
        match = " AND ".join(_quoted(" ".join(w)) for w in short_words)
        result.append(
            Condition(f"t.rowid IN (SELECT rowid FROM {table}_chars WHERE {table}_chars MATCH ?)", (match,))
        )
    elif short_words:
        # A database made before the character index existed: correct, if slower on large tables.
        for word in short_words:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            any_column = " OR ".join(f"t.{c} LIKE ? ESCAPE '\\'" for c in columns)
            result.append(Condition(any_column, (pattern,) * len(columns)))
    return result


def has_chars_index(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [f"{table}_chars"]
    ).fetchone()
    return row is not None
