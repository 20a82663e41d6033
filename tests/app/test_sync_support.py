"""Shared helpers for the sync tests: stations and a district on disk, and canonical dumps to compare.

(No tests here; the name keeps it beside the sync tests it serves.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import demo, identity
from app.session import Session
from app.sync import district_key

# Local bookkeeping that legitimately differs between two databases holding the same data.
LOCAL_ONLY_COLUMNS = {
    "change_seq",
    "rowid",
    "imported_at",
    "at",
    "id",
    "detected_at",
    "first_seen",
    "accepted_at",
}
DATA_TABLES = (
    "stations",
    "deputies",
    "stationings",
    "reception_days",
    "duties",
    "visits",
    "visit_deputies",
    "items",
    "item_events",
    "tombstones",
    "sync_aliases",
)


def station(tmp: Path, code: str, *, months: int = 3, seed: int = 7, name: str = "") -> Session:
    session = Session.open(tmp / f"{code}.db", operator=f"{code}联络员")
    kind = "home"
    identity.init_station(session, code=code, name=name or f"{code}代表之家", kind=kind, street="控江路街道")
    if months:
        demo.generate(session, months=months, seed=seed)
    return session


def district(tmp: Path, name: str = "district.db") -> Session:
    session = Session.open(tmp / name, operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会")
    return session


def canonical(
    session: Session, tables: tuple[str, ...] = DATA_TABLES, *, clocks: bool = True
) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows without local bookkeeping, sorted: equal dumps mean the same data. Without clocks,
    a station's copy and the district's copy of the same records compare equal too."""
    drop = LOCAL_ONLY_COLUMNS | (set() if clocks else {"sync_clock", "sync_clock_version"})
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        cursor = session.db.execute(f"SELECT * FROM [{table}]")
        names = [c[0] for c in cursor.description]
        keep = [i for i, n in enumerate(names) if n not in drop]
        dump[table] = sorted((tuple(row[i] for i in keep) for row in cursor.fetchall()), key=repr)
    return dump


def everything(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every table, bookkeeping included, except the import log (which records refusals by design) and the
    FTS shadow tables (checked through their content)."""
    tables = session.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    names = [
        name
        for name, _ in tables
        if name not in ("sync_import_log", "sqlite_sequence") and not any(name.startswith(v) for v in virtual)
    ]
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in names:
        dump[table] = sorted(session.db.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)
    dump["items_fts"] = sorted(
        session.db.execute("SELECT rowid, title, reply FROM items_fts").fetchall(), key=repr
    )
    return dump


def give_district_key(desk: Session, office: Session) -> None:
    """What a station does before its first export: import the district's key file (after comparing its
    fingerprint with the office by phone)."""
    folder = Path(str(office.path)).parent if office.path else Path(".")
    path, _key = district_key.write(office, folder / f"{desk.origin}-{district_key.FILE_NAME}")
    district_key.install(desk, path)
