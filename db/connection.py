"""Opening the database: pragmas, migrations, and the sqlite-utils handle every caller shares.

Every write transaction starts with BEGIN IMMEDIATE, which takes the write lock at once and so waits (up to the
busy timeout) while another program writes. A deferred BEGIN would read first and then fail at once on its
first write: SQLite does not wait when a reading transaction asks to become a writing one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Generator
from pathlib import Path

import sqlite_utils

from db.errors import DatabaseDamaged, DatabaseMissing, NotOurDatabase, smells_of_damage
from db.migrations import LATEST_VERSION, current_version, migrate

# How long a write waits for another program's write to end before it gives up with "busy", in seconds.
BUSY_TIMEOUT_VARIABLE = "LIAISON_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 30.0


def busy_timeout() -> float:
    """$LIAISON_BUSY_TIMEOUT (seconds) if it is a number of seconds, else 30."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_VARIABLE, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return value if 0 <= value < 24 * 3600 else DEFAULT_BUSY_TIMEOUT


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose atomic() starts with BEGIN IMMEDIATE (sqlite-utils' own uses a deferred
    BEGIN). Nested blocks are savepoints, as in sqlite-utils."""

    @contextlib.contextmanager
    def atomic(self) -> Generator[sqlite_utils.Database, None, None]:
        if self.conn.in_transaction:
            with super().atomic() as db:  # a savepoint inside the open transaction
                yield db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:  # an error may already have rolled it back
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise


def connect(path: Path | str) -> sqlite3.Connection:
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    timeout = busy_timeout()
    # check_same_thread=False: the UI hands a connection to one worker thread at a time, never two at once.
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def is_missing(path: Path) -> bool:
    """No file, or an empty one: what `liaison init` (and the window's first run) may create a database in."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def open_database(
    path: Path | str, target_version: int = LATEST_VERSION, *, create: bool = True
) -> sqlite_utils.Database:
    """Open and migrate; the returned Database writes only inside db.atomic().

    With create=False a missing or empty file (0 bytes, or no tables at all) is refused as DatabaseMissing
    instead of becoming a new database. A SQLite file with other tables and none of ours is refused as
    NotOurDatabase. A file that fails to open in a way that smells of damage is checked (PRAGMA quick_check)
    and refused as DatabaseDamaged. The check is not run on every open: it reads the whole file."""
    in_memory = str(path) == ":memory:"
    if not in_memory and not create and is_missing(Path(path)):
        raise DatabaseMissing(Path(path), empty=Path(path).exists())
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        if not in_memory and current_version(conn) == 0:
            tables = conn.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            ).fetchone()[0]
            if tables:
                raise NotOurDatabase(Path(path))
            if not create:
                raise DatabaseMissing(Path(path), empty=True)
        migrate(conn, None if in_memory else Path(path), target_version)
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if in_memory or not smells_of_damage(exc):
            raise
        raise DatabaseDamaged(Path(path), check_health(path) or describe(exc)) from exc
    return Database(conn)


def describe(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "unreadable text in the file's structure"
    return str(exc)


def check_health(path: Path | str) -> str | None:
    """PRAGMA quick_check on a read-only connection of its own: None when the file is sound, else what is
    wrong. It reads every page, so it costs time in proportion to the file (docs/performance.md)."""
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=busy_timeout())
    except sqlite3.Error as exc:
        return describe(exc)
    try:
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if isinstance(exc, sqlite3.OperationalError) and not smells_of_damage(exc):
            raise  # busy, or cannot be read at all: not a verdict on the file
        return describe(exc)
    finally:
        conn.close()
    found = [str(r[0]) for r in rows]
    return None if found == ["ok"] else "; ".join(found)
