"""What the sync page and `liaison keys list` show: at a station, the last export and what is waiting; at the
district, each station's last bundle, missing bundles, key fingerprints (whether its return bundles can be sealed)
and record counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import settings
from app.session import Session
from app.sync import keys
from app.sync.export import last_export, unexported_count
from app.sync.importer import missing_sequences


@dataclass
class StationStatus:
    last_export: dict[str, Any] | None
    unexported: int
    sealed_for_district: bool
    district_fingerprint: str
    last_return: dict[str, Any] | None
    replies_to_feed_back: int
    # This station's sealing key: the district seals return bundles with it once a bundle has carried it there.
    own_sealing_fingerprint: str = ""
    # A district key seen (in a key file or a refused return bundle) and not yet accepted: the newest.
    pending_district_fingerprint: str = ""
    # Visits sent without their visitors' names and phones, owed to the district by the next sealed bundle.
    personal_data_owed: bool = False


def station_status(session: Session) -> StationStatus:
    db = session.db
    district = keys.trusted(db, keys.DISTRICT_PEER, keys.SIGNING)
    own_sealing = keys.own_public(db, keys.SEALING)
    cursor = db.execute(
        "SELECT sequence, created_at, imported_at, file_name FROM sync_bundles WHERE kind = 'return'"
        " ORDER BY imported_at DESC LIMIT 1"
    )
    row = cursor.fetchone()
    last_return = dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None
    own = session.local_station_uuid()
    replies = int(
        db.execute(
            "SELECT COUNT(*) FROM items WHERE station_uuid = ? AND status = 'resolved'", [own]
        ).fetchone()[0]
    )
    return StationStatus(
        last_export(session),
        unexported_count(session),
        keys.trusted(db, keys.DISTRICT_PEER, keys.SEALING) is not None,
        keys.fingerprint(district) if district else "",
        last_return,
        replies,
        keys.fingerprint(own_sealing) if own_sealing else "",
        next((k.fingerprint for k in keys.pending(db, keys.DISTRICT_PEER)), ""),
        settings.PERSONAL_DATA_OWED_FROM.get(db) >= 0,
    )


@dataclass
class StationRow:
    code: str
    name: str
    last_sequence: int | None = None
    last_created_at: str = ""
    last_imported_at: str = ""
    missing: list[int] = field(default_factory=list)
    fingerprint: str = ""
    pending_fingerprint: str = ""
    # The station's sealing key, once one of its bundles brought it: its return bundles are sealed with it.
    sealing_fingerprint: str = ""
    reception_days: int = 0
    visits: int = 0
    items: int = 0
    open_items: int = 0
    conflicts: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def district_overview(session: Session) -> list[StationRow]:
    db = session.db
    rows: list[StationRow] = []
    for uuid, code, name in db.execute("SELECT uuid, code, name FROM stations ORDER BY code").fetchall():
        row = StationRow(code, name)
        last = db.execute(
            "SELECT sequence, created_at, imported_at FROM sync_bundles WHERE kind = 'station' AND station_code = ?"
            " ORDER BY sequence DESC LIMIT 1",
            [code],
        ).fetchone()
        if last:
            row.last_sequence, row.last_created_at, row.last_imported_at = int(last[0]), last[1], last[2]
        row.missing = missing_sequences(session, code)
        for key in keys.peer_keys(db, code):
            if key.purpose == keys.SIGNING and key.status == "trusted":
                row.fingerprint = key.fingerprint
            elif key.purpose == keys.SIGNING and key.status == "pending":
                row.pending_fingerprint = key.fingerprint
            elif key.purpose == keys.SEALING and key.status == "trusted":
                row.sealing_fingerprint = key.fingerprint
        row.reception_days = _count(db, "SELECT COUNT(*) FROM reception_days WHERE station_uuid = ?", uuid)
        row.visits = _count(db, "SELECT COUNT(*) FROM visits WHERE station_uuid = ?", uuid)
        row.items = _count(db, "SELECT COUNT(*) FROM items WHERE station_uuid = ?", uuid)
        # 未办结: not yet resolved, the complement of the reports' 已办结 (落实 + 反馈).
        row.open_items = _count(
            db,
            "SELECT COUNT(*) FROM items WHERE station_uuid = ? AND status NOT IN ('resolved', 'fed_back')",
            uuid,
        )
        row.conflicts = _count(
            db,
            "SELECT COUNT(*) FROM sync_conflicts c JOIN items i ON i.uuid = c.record_uuid"
            " WHERE c.resolved_at IS NULL AND i.station_uuid = ?",
            uuid,
        )
        rows.append(row)
    return rows


def open_conflicts(session: Session) -> int:
    return int(
        session.db.execute("SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()[0]
    )


def _count(db: Any, sql: str, *params: Any) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])
