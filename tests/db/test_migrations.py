from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db import migrations
from db.connection import open_database
from db.migrations import LATEST_VERSION, current_version


def _station_row(version_at_creation: int) -> dict[str, object]:
    return {
        "uuid": f"s-{version_at_creation}",
        "origin": "YP-01",
        "created_at": "2023-01-01T00:00:00Z",
        "updated_at": "2023-01-01T00:00:00Z",
        "version": 1,
        "change_seq": 1,
        "code": f"YP-0{version_at_creation}",
        "name": "控江路街道代表之家",
        "kind": "home",
        "street": "控江路街道",
        "address": "",
    }


# Every version a database can be at: none, and each migration's but the last (the numbers may have gaps).
EARLIER_VERSIONS = [0, *(m.version for m in migrations.MIGRATIONS[:-1])]


@pytest.mark.parametrize("start", EARLIER_VERSIONS)
def test_upgrade_from_every_earlier_version_keeps_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.db"
    db = open_database(path, target_version=start)
    assert current_version(db.conn) == start
    if start >= 1:
        with db.atomic():
            db["stations"].insert(_station_row(start))
            db.execute(
                "INSERT INTO items (uuid, origin, created_at, updated_at, item_no, station_uuid, date, title, content)"
                " VALUES ('i1', 'YP-01', 'x', 'x', 'YP-01-2023-0001', ?, '2023-03-01', '加装电梯进度慢', '门洞加装电梯')",
                [f"s-{start}"],
            )
    db.close()

    upgraded = open_database(path)
    assert current_version(upgraded.conn) == LATEST_VERSION
    if start >= 1:
        assert upgraded.execute("SELECT name FROM stations").fetchone()[0] == "控江路街道代表之家"
        # Items written before full-text search existed are searchable after the upgrade.
        hits = upgraded.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH '加装电梯'").fetchall()
        assert len(hits) == 1
        backups = list(tmp_path.glob(f"old.v{start}-*.bak.db"))
        assert len(backups) == 1, "the file is copied before migrating"
        copy = sqlite3.connect(backups[0])
        assert current_version(copy) == start
        copy.close()
    upgraded.close()


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.db"
    open_database(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, migrations.Migration(99, "x", broken)]
    )
    monkeypatch.setattr(migrations, "LATEST_VERSION", 99)
    with pytest.raises(RuntimeError):
        open_database(path, target_version=99)
    conn = sqlite3.connect(path)
    assert current_version(conn) == LATEST_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    conn.close()


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'from the future', 'x')", [LATEST_VERSION + 1])
    conn.commit()
    conn.close()
    with pytest.raises(migrations.MigrationError):
        open_database(path)


def test_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_item_history_written_before_the_stamp_keeps_no_stamp(tmp_path: Path) -> None:
    """Migration 8 stamps nothing: a stamp is made where an entry is written, and the same entry held by two
    databases must read the same in both."""
    path = tmp_path / "v6.db"
    db = open_database(path, target_version=6)
    with db.atomic():
        db["stations"].insert(_station_row(6))
        db.execute(
            "INSERT INTO items (uuid, origin, created_at, updated_at, item_no, station_uuid, date, title)"
            " VALUES ('i1', 'YP-01', 'x', 'x', 'YP-01-2023-0001', 's-6', '2023-03-01', '路灯不亮')"
        )
        db.execute(
            "INSERT INTO item_events (uuid, origin, created_at, updated_at, item_uuid, at, kind, to_status)"
            " VALUES ('e1', 'YP-01', 'x', 'x', 'i1', '2023-03-01T08:00:00Z', 'created', 'raised')"
        )
    db.close()
    upgraded = open_database(path)
    assert upgraded.execute("SELECT uuid, lamport FROM item_events").fetchall() == [("e1", None)]
    with pytest.raises(sqlite3.IntegrityError), upgraded.atomic():
        upgraded.execute("UPDATE item_events SET lamport = 0")
    upgraded.close()
