"""The schema and the rule book say the same: every enum's CHECK allows exactly the book's values, every enum of
the book has its CHECK, and every column of a record table is a field of its book, in the table's order."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.rules import BOOK, ITEMS
from app.rules.fields import ChoiceField, CountField, FlagField
from db.connection import open_database
from db.schema_sync import SYNCED_TABLES

# Tables of the database's own bookkeeping (the audit trail, sync's keys and logs): not records a person or a
# station enters, so not in the rule book. A record table with a CHECK missing from both fails the test.
BOOKKEEPING = {
    "change_counter",
    "audit_log",
    "sync_own_keys",
    "sync_key_protection",
    "sync_peer_keys",
    "sync_bundles",
    "sync_exports",
    "sync_import_log",
    "sync_withheld",
}
# Columns every synced record carries for sync itself (db/schema.py RECORD_COLUMNS, db/schema_sync.py).
RECORD_BOOKKEEPING = (
    "uuid",
    "origin",
    "created_at",
    "updated_at",
    "version",
    "change_seq",
    "sync_clock",
    "sync_clock_version",
)

_IN = re.compile(r"CHECK \((\w+) IN \(([^)]*)\)\)")
_CHECK = re.compile(r"CHECK \(([^()]*)\)")
_EQUALS = re.compile(r"(\w+) = ('[^']*'|-?\d+)")
_AT_LEAST = re.compile(r"CHECK \((\w+) >= (-?\d+)\)")
_NULL_OR = re.compile(r"CHECK \((\w+) IS NULL OR (\w+) = '([^']*)'\)")


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """CREATE TABLE statements of a freshly migrated database, by table."""
    path: Path = tmp_path_factory.mktemp("schema") / "fresh.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    ).fetchall()
    conn.close()
    return dict(rows)


def _literal(token: str) -> Any:
    token = token.strip()
    if token.startswith("'") and token.endswith("'"):
        return token[1:-1].replace("''", "'")
    return int(token)


def enum_checks(sql: str) -> dict[str, set[Any]]:
    """column -> the values its CHECK (column IN (...)) or CHECK (column = ... OR column = ...) allows."""
    found = {column: {_literal(v) for v in values.split(",")} for column, values in _IN.findall(sql)}
    for condition in _CHECK.findall(sql):
        terms = [_EQUALS.fullmatch(term.strip()) for term in condition.split(" OR ")]
        columns = {term.group(1) for term in terms if term}
        if all(terms) and len(columns) == 1:
            found[columns.pop()] = {_literal(term.group(2)) for term in terms if term}
    return found


def test_the_parser_reads_what_the_schema_writes() -> None:
    sql = (
        "gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),\n"
        "active INTEGER CHECK (active IN (0, 1)),\n"
        "to_status TEXT CHECK (to_status = 'raised' OR to_status = 'fed_back'),\n"
        "CHECK (satisfaction IS NULL OR status = 'fed_back')"
    )
    assert enum_checks(sql) == {
        "gender": {"", "male", "female"},
        "active": {0, 1},
        "to_status": {"raised", "fed_back"},
    }


def _book_enums(table: str) -> dict[str, set[Any]]:
    enums: dict[str, set[Any]] = {}
    for field in BOOK[table].fields:
        if isinstance(field, ChoiceField):
            enums[field.name] = set(field.stored)
        elif isinstance(field, FlagField):
            enums[field.name] = set(field.allowed or ())
    return enums


@pytest.mark.parametrize("table", sorted(BOOK))
def test_each_enum_check_allows_exactly_the_rule_books_values(schema: dict[str, str], table: str) -> None:
    assert enum_checks(schema[table]) == _book_enums(table)


def test_every_table_with_an_enum_check_is_in_the_rule_book_or_bookkeeping(schema: dict[str, str]) -> None:
    checked = {table for table, sql in schema.items() if enum_checks(sql)}
    assert checked - set(BOOK) - BOOKKEEPING == set()


@pytest.mark.parametrize("table", sorted(BOOK))
def test_lower_bounds_agree(schema: dict[str, str], table: str) -> None:
    in_schema = {column: int(low) for column, low in _AT_LEAST.findall(schema[table])}
    in_book = {f.name: f.low for f in BOOK[table].fields if isinstance(f, CountField)}
    assert in_schema == in_book


def test_the_schemas_satisfaction_check_is_a_rule_every_bundle_row_is_held_to(schema: dict[str, str]) -> None:
    [(column, other, value)] = _NULL_OR.findall(schema["items"])
    [rule] = [r for r in ITEMS.rules if set(r.reads) == {column, other}]
    assert rule.in_bundles
    values = {column: "satisfied", other: "raised"}
    assert rule.broken(*(values[name] for name in rule.reads)) is not None
    values[other] = value
    assert rule.broken(*(values[name] for name in rule.reads)) is None


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_every_column_of_a_record_table_is_a_field_of_its_book_in_order(tmp_path: Path, table: str) -> None:
    db = open_database(tmp_path / "fresh.db")
    columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]
    db.close()
    assert tuple(c for c in columns if c not in RECORD_BOOKKEEPING) == BOOK[table].columns
