"""Opening the database: writes wait for another writer, and a missing, foreign or damaged file is told apart."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from db.connection import BUSY_TIMEOUT_VARIABLE, busy_timeout, check_health, open_database
from db.errors import DatabaseDamaged, DatabaseMissing, NotOurDatabase, is_busy


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE change_counter SET value = value WHERE id = 1")
    return other


def test_a_write_that_read_first_waits_for_another_writer(tmp_path: Path) -> None:
    """sqlite-utils' atomic() began with a deferred BEGIN: a transaction that had read could not wait for
    the lock and failed at once. Ours takes the lock up front, so the busy timeout applies."""
    path = tmp_path / "liaison.db"
    db = open_database(path)
    other = _hold_write_lock(path)

    def release() -> None:
        # A plain sleep, not threading.Timer: a timed condition wait never returns under faketime.
        time.sleep(0.5)
        other.execute("COMMIT")

    released = threading.Thread(target=release)
    released.start()
    try:
        with db.atomic():
            db.execute("SELECT value FROM change_counter").fetchone()
            db.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1")
    finally:
        released.join()
        other.close()
    assert db.execute("SELECT value FROM change_counter").fetchone()[0] == 1
    db.close()


def test_after_the_busy_timeout_the_error_says_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_VARIABLE, "0.2")
    path = tmp_path / "liaison.db"
    db = open_database(path)
    other = _hold_write_lock(path)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised, db.atomic():
            db.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1")
    finally:
        other.close()
    assert is_busy(raised.value)
    assert not db.conn.in_transaction
    db.close()


@pytest.mark.parametrize(("value", "seconds"), [("2.5", 2.5), ("", 30.0), ("soon", 30.0), ("-1", 30.0)])
def test_the_busy_timeout_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, seconds: float
) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_VARIABLE, value)
    assert busy_timeout() == seconds


def test_nested_atomic_blocks_are_savepoints(tmp_path: Path) -> None:
    db = open_database(tmp_path / "liaison.db")
    with db.atomic():
        db.execute("UPDATE change_counter SET value = 5 WHERE id = 1")
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.execute("UPDATE change_counter SET value = 6 WHERE id = 1")
            raise ZeroDivisionError
    assert db.execute("SELECT value FROM change_counter").fetchone()[0] == 5
    db.close()


def test_a_missing_or_empty_file_is_created_only_when_asked(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here" / "liaison.db"
    with pytest.raises(DatabaseMissing) as raised:
        open_database(missing, create=False)
    assert raised.value.path == missing and not raised.value.empty
    assert not missing.parent.exists()  # refusing creates nothing, not even the folder

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(DatabaseMissing) as raised:
        open_database(empty, create=False)
    assert raised.value.empty and empty.stat().st_size == 0

    no_tables = tmp_path / "no-tables.db"
    sqlite3.connect(no_tables).execute("PRAGMA user_version = 0").connection.close()
    sqlite3.connect(no_tables).execute("VACUUM").connection.close()
    with pytest.raises(DatabaseMissing):
        open_database(no_tables, create=False)

    open_database(empty).close()  # what init does with it
    open_database(empty, create=False).close()


def test_a_sqlite_file_of_another_program_is_not_migrated(tmp_path: Path) -> None:
    foreign = tmp_path / "contacts.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    with pytest.raises(NotOurDatabase):
        open_database(foreign)
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["contacts"]
    conn.close()


def test_junk_is_damaged(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseDamaged) as raised:
        open_database(junk, create=False)
    assert "not a database" in raised.value.detail


def test_a_damaged_name_in_the_schema_is_damage_not_a_decode_error(tmp_path: Path) -> None:
    """A flipped byte in a table's name reaches Python as a UnicodeDecodeError of SQLite's own message."""
    path = tmp_path / "liaison.db"
    open_database(path).close()
    data = path.read_bytes()
    at = data.index(b"items_date")
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    with pytest.raises(DatabaseDamaged) as raised:
        open_database(path, create=False)
    assert raised.value.path == path and raised.value.detail


def test_quick_check_finds_a_damaged_page(tmp_path: Path) -> None:
    path = tmp_path / "liaison.db"
    db = open_database(path)
    with db.atomic():
        db.execute("CREATE TABLE filler (x TEXT)")
        db.conn.executemany("INSERT INTO filler VALUES (?)", [(f"row {n:05d} " * 8,) for n in range(2000)])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert check_health(path) is None
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - 20 * page, len(data) - 19 * page, 7):  # one page of table rows, scrambled
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    assert check_health(path) is not None
