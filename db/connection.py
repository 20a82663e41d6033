"""Opening the database: pragmas, migrations, and the sqlite-utils handle every caller shares."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from db.files import create_private, make_private
from db.migrations import LATEST_VERSION, migrate


def connect(path: Path | str) -> sqlite3.Connection:
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created private before SQLite opens it: SQLite gives the -wal and -shm files the database's mode.
        # A database (or its -wal, -shm) from an earlier version, created 0644, is narrowed here too.
        create_private(path)
        for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            make_private(companion)
    # check_same_thread=False: the UI hands a connection to one worker thread at a time, never two at once.
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_database(path: Path | str, target_version: int = LATEST_VERSION) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate; the returned Database writes only inside db.atomic()."""
    conn = connect(path)
    # Autocommit at the driver level: every multi-statement write opens its own transaction
    # (migrations, sqlite-utils' atomic()), and a stray write can never leave one hanging open.
    conn.isolation_level = None
    migrate(conn, None if str(path) == ":memory:" else Path(path), target_version)
    return sqlite_utils.Database(conn)
