"""Shared helpers for the sync tests: stations and a district on disk, and canonical dumps to compare.

(No tests here; the name keeps it beside the sync tests it serves.)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import demo, identity
from app.session import Session
from app.sync import container

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


def as_version_1(path: Path, signer: Ed25519PrivateKey, sent_before: frozenset[str] = frozenset()) -> Path:
    """A plain bundle as a program before format version 2 wrote it, signed again by `signer`: item_events
    without `lamport`, and (as that program sent only the entries changed since its last export) without the
    entries in `sent_before`."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {n: archive.read(n) for n in archive.namelist() if n.startswith("tables/")}
    rows = list(csv.reader(io.StringIO(tables["tables/item_events.csv"].decode("utf-8"), newline="")))
    drop = rows[0].index("lamport")
    rows = [rows[0], *(r for r in rows[1:] if r[0] not in sent_before)]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([r[:drop] + r[drop + 1 :] for r in rows])
    tables["tables/item_events.csv"] = buffer.getvalue().encode("utf-8")
    for entry in manifest["files"]:
        data = tables[entry["name"]]
        if entry["table"] == "item_events":
            entry["rows"] = len(rows) - 1
        entry["bytes"] = len(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
    manifest["format_version"] = 1
    data, _ = container.build(manifest, tables, signer)
    older = path.with_name("v1-" + path.name)
    older.write_bytes(data)
    return older
