"""Ordered schema migrations. Each runs in one transaction; the file is copied before any of them runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db import clock, schema, schema_listing, schema_sync
from db.files import create_private


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _run_script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # executescript() would COMMIT first; run statement by statement to stay in our transaction.
        for statement in _split_sql(sql):
            conn.execute(statement)

    return apply


def _split_sql(sql: str) -> list[str]:
    """Split a script into statements, keeping CREATE TRIGGER ... END; bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


MIGRATIONS: list[Migration] = [
    Migration(1, "records, rules and the audit trail", _run_script(schema.V1)),
    Migration(2, "full-text search (trigram) over items and visits", _run_script(schema.V2)),
    Migration(3, "bundle sync: keys, bundles seen, conflicts", _run_script(schema_sync.V3)),
    Migration(4, "indexes for large listings", _run_script(schema_listing.V4)),
    Migration(5, "bundles seen: full exports", _run_script(schema_sync.V5)),
    Migration(6, "audit entries grouped by change, for undo", _run_script(schema.V6)),
    Migration(7, "item history: statuses checked", _run_script(schema.V7)),
    Migration(8, "private keys encrypted; the district's key given by hand", _run_script(schema_sync.V8)),
    Migration(9, "residents' details withheld from unsealed bundles", _run_script(schema_sync.V9)),
]

LATEST_VERSION = MIGRATIONS[-1].version


class MigrationError(Exception):
    pass


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if row is None:
        return 0
    value = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    return int(value or 0)


def backup_before_migrating(db_path: Path, from_version: int) -> Path | None:
    if not db_path.exists() or from_version == 0:
        return None
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.stem}.v{from_version}-{stamp}.bak{db_path.suffix}")
    create_private(target)
    source = sqlite3.connect(str(db_path))
    try:
        dest = sqlite3.connect(str(target))
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return target


def migrate(conn: sqlite3.Connection, db_path: Path | None, target: int = LATEST_VERSION) -> list[int]:
    """Bring the database up to `target`; returns the versions applied."""
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise MigrationError(
            f"database schema version {version} is newer than this program supports ({LATEST_VERSION})"
        )
    pending = [m for m in MIGRATIONS if version < m.version <= target]
    if not pending:
        return []
    if db_path is not None:
        backup_before_migrating(db_path, version)
    applied: list[int] = []
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            migration.apply(conn)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, clock.now().isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
