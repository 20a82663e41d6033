"""Search words typed into a search box, turned into WHERE terms answered by full-text indexes.

Words are separated by spaces; a row matches when every word occurs (as a substring, ignoring case) in one of
the searched columns. A word of three or more characters is looked up in the trigram index (<table>_fts); a
two-character word is one token of the bigram index (<table>_bigrams, schema version 4), a one-character word a
prefix of its tokens. Neither path reads the base table, so a search costs what its matches cost, not the size
of the table.
"""

from __future__ import annotations

import sqlite3

from app.queries.listing import Condition, rowid_set


def words(query: str | None) -> list[str]:
    return [w for w in (query or "").split() if w]


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def conditions(
    table: str,
    query: str | None,
    columns: tuple[str, ...],
    have_bigram_index: bool = True,
) -> list[Condition]:
    """WHERE terms over alias t for the words of `query`."""
    long_words = [w for w in words(query) if len(w) >= 3]
    short_words = [w for w in words(query) if len(w) < 3]
    result: list[Condition] = []
    if long_words:
        match = " AND ".join(_quoted(w) for w in long_words)
        result.append(rowid_set(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", match))
    if short_words and have_bigram_index:
        # 电梯 is the token "电梯"; 梯 is any token starting with it ("梯" alone ends a column).
        match = " AND ".join(_quoted(w) + ("*" if len(w) == 1 else "") for w in short_words)
        result.append(rowid_set(f"SELECT rowid FROM {table}_bigrams WHERE {table}_bigrams MATCH ?", match))
    elif short_words:
        # A database made before the bigram index existed: correct, if slower on large tables.
        for word in short_words:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            any_column = " OR ".join(f"t.{c} LIKE ? ESCAPE '\\'" for c in columns)
            result.append(Condition(any_column, (pattern,) * len(columns)))
    return result


def has_bigram_index(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [f"{table}_bigrams"]
    ).fetchone()
    return row is not None
