"""`liaison import`: check a bundle completely, then merge it in one transaction, or refuse it whole.

A refused bundle leaves the data untouched; the refusal is logged with its reason. A bundle already imported
is recognised by the hash of its signed manifest and changes nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import settings
from app.errors import UserError
from app.i18n import Text, text
from app.session import Session
from app.sync import keys, summary
from app.sync.container import DEFAULT_LIMITS, SUFFIX, BundleRefused, Limits, open_bundle, refused
from app.sync.merge import Merger, sender_station_uuid
from app.sync.summary import BundleSummary
from app.sync.verify import (
    TOMBSTONES,
    RefusedRow,
    VerifiedBundle,
    check_files,
    check_manifest,
    check_role,
    check_trust,
)
from db.records import now_iso

# What a return bundle may change at a station: the roster, and the handling of the station's own items.
RETURN_TABLES = frozenset({"stations", "deputies", "stationings", "items", "item_events", TOMBSTONES})
RETURN_TOMBSTONE_TABLES = frozenset({"stations", "deputies", "stationings"})

Progress = Callable[[int, int, str], None]


@dataclass
class ImportRun:
    bundles: list[BundleSummary] = field(default_factory=list)
    gaps: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(b.ok for b in self.bundles)

    def gap_notes(self) -> list[Text]:
        return [
            text("{c}：缺少第 {n} 号数据包", "{c}: bundle {n} missing", c=code, n=number)
            for code, numbers in sorted(self.gaps.items())
            for number in numbers
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "bundles": [b.as_dict() for b in self.bundles],
            "gaps": [n.render() for n in self.gap_notes()],
        }


_RETURN_NAME = re.compile(r"^return-(.+)-\d{6}" + re.escape(SUFFIX) + "$")
_STATION_NAME = re.compile(r"^(.+)-\d{6}" + re.escape(SUFFIX) + "$")


def travels_elsewhere(name: str, role: str, station_code: str) -> bool:
    """A bundle named as export writes it that is not for this database: at a station, its own outgoing
    bundles and other stations' files; at the district, its return bundles. One USB stick carries both
    directions, so a folder import passes these by instead of refusing them."""
    returned = _RETURN_NAME.match(name)
    if role == "district":
        return returned is not None
    if role == "station":
        if returned is not None:
            return returned.group(1) != station_code
        return _STATION_NAME.match(name) is not None
    return False


def bundle_files(paths: Iterable[Path | str], *, role: str = "", station_code: str = "") -> list[Path]:
    """Files as given; folders contribute their *.liaison files meant for this database, in name order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.name.endswith(SUFFIX)
                    and not travels_elsewhere(p.name, role, station_code)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(text("找不到文件或文件夹：{p}", "No such file or folder: {p}", p=str(path)))
    return found


def import_paths(
    session: Session,
    paths: Iterable[Path | str],
    *,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ImportRun:
    session.require_initialised()
    files = bundle_files(paths, role=session.role, station_code=settings.STATION_CODE.get(session.db))
    if not files:
        raise UserError(text("没有找到数据包（*.liaison）", "No bundles (*.liaison) found"))
    run = ImportRun()
    for index, path in enumerate(files):
        if progress is not None:
            progress(index, len(files), path.name)
        run.bundles.append(import_file(session, path, dry_run=dry_run, limits=limits))
    if progress is not None:
        progress(len(files), len(files), "")
    codes = {b.station_code for b in run.bundles if b.ok and b.kind == "station"}
    for code in sorted(codes):
        missing = missing_sequences(session, code)
        if missing:
            run.gaps[code] = missing
    return run


def missing_sequences(session: Session, station_code: str) -> list[int]:
    rows = session.db.execute(
        "SELECT sequence, full FROM sync_bundles WHERE station_code = ? AND kind = 'station'", [station_code]
    ).fetchall()
    seen = {int(r[0]) for r in rows}
    # A full export carries everything up to its own number: the bundles before it are not needed any more.
    start = max((int(r[0]) for r in rows if r[1]), default=1)
    return [n for n in range(start, max(seen, default=0) + 1) if n not in seen]


def import_file(
    session: Session, path: Path, *, dry_run: bool = False, limits: Limits = DEFAULT_LIMITS
) -> BundleSummary:
    result = BundleSummary(file_name=path.name)
    db = session.db
    verified: VerifiedBundle | None = None
    try:
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise refused("文件过大，不是数据包", "The file is too large to be a bundle")
            data = path.read_bytes()
        except OSError as exc:
            raise refused(
                "无法读取文件（{m}）", "Cannot read the file ({m})", m=exc.strerror or str(exc)
            ) from None
        opened = open_bundle(
            data,
            sealing_public=keys.own_public(db, keys.SEALING),
            unlock=lambda: keys.sealing_key(db),
            limits=limits,
            here=session.origin,
        )
        verified = _describe(result, check_manifest(opened))
        check_role(verified, session.role, settings.STATION_CODE.get(db))
        check_trust(db, verified)
        # Known by its signed manifest: nothing of it will be written, so its rows need no second reading.
        if db.execute("SELECT 1 FROM sync_bundles WHERE bundle_hash = ?", [verified.bundle_hash]).fetchone():
            result.outcome = summary.ALREADY
            return result
        check_files(verified)
        if verified.kind == "return":
            _restrict_return(session, verified)
        _merge(session, verified, result, dry_run=dry_run)
    except BundleRefused as exc:
        result.outcome = summary.REFUSED
        result.reason = exc.message
        if verified is not None and verified.untrusted_key and not dry_run:
            _remember_pending(db, verified)
        if not dry_run:
            with db.atomic():
                summary.store(db, result, session.operator)
    return result


def _remember_pending(db: Any, verified: VerifiedBundle) -> None:
    """The refused key waits to be accepted, with the sealing key its signature vouched for."""
    keys.remember_pending(db, verified.sender, keys.SIGNING, verified.signing_key)
    if verified.sealing_key is not None:
        keys.remember_pending(
            db,
            verified.sender,
            keys.SEALING,
            verified.sealing_key,
            vouched_by=keys.fingerprint(verified.signing_key),
        )


def _describe(result: BundleSummary, verified: VerifiedBundle) -> VerifiedBundle:
    result.bundle_hash = verified.bundle_hash
    result.kind = verified.kind
    result.station_code = verified.station_code
    result.sequence = verified.sequence
    result.key_fingerprint = keys.fingerprint(verified.signing_key)
    return verified


def _restrict_return(session: Session, verified: VerifiedBundle) -> None:
    own = session.local_station_uuid()
    for table in list(verified.tables):
        if table not in RETURN_TABLES:
            for row in verified.tables.pop(table):
                verified.refused_rows.append(
                    RefusedRow(
                        table,
                        0,
                        row[0],
                        text("返回数据包不能修改此表", "a return bundle may not change this table"),
                    )
                )
    items = verified.tables.get("items", [])
    if items:
        keep = [
            r for r in items if r[7] == own
        ]  # header: uuid, origin, created, updated, version, clock, item_no, station_uuid
        for row in items:
            if row[7] != own:
                verified.refused_rows.append(
                    RefusedRow("items", 0, row[0], text("不是本家站点的事项", "not an item of this station"))
                )
        verified.tables["items"] = keep
    tombstones = verified.tables.get(TOMBSTONES, [])
    verified.tables[TOMBSTONES] = [t for t in tombstones if t[1] in RETURN_TOMBSTONE_TABLES]


def _merge(session: Session, verified: VerifiedBundle, result: BundleSummary, *, dry_run: bool) -> None:
    db = session.db
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        merger = Merger(
            db,
            here=session.origin,
            sender=verified.sender,
            bundle_hash=verified.bundle_hash,
            sender_station_uuid=sender_station_uuid(verified.kind, verified.station_code),
            withheld=verified.withheld,
        )
        merged = merger.merge_all(verified.tables)
        merger.apply_tombstones(verified.tables.get(TOMBSTONES, []))
        result.tables = {name: counts for name, counts in merged.tables.items()}
        for row in verified.refused_rows:
            result.tables.setdefault(row.table, merged.counts(row.table)).refused += 1
        result.refused_rows = [*verified.refused_rows, *merged.refused_rows]
        _chain_notes(session, verified, result)
        if verified.key_status == keys.KeyCheck.FIRST:
            result.key_first_seen = True
            keys.trust_first(db, verified.sender, keys.SIGNING, verified.signing_key)
        if verified.kind == "return" and verified.district_sealing is not None:
            # Vouched for by the district's signature, so it replaces any sealing key held before.
            keys.replace_trusted(db, keys.DISTRICT_PEER, keys.SEALING, verified.district_sealing)
        if verified.kind == "station" and verified.station_sealing is not None:
            # The same rule the other way: signed by the station's trusted key (checked above), so return
            # bundles for this station are sealed with it from now on.
            keys.replace_trusted(db, verified.station_code, keys.SEALING, verified.station_sealing)
        db.execute(
            "INSERT INTO sync_bundles (bundle_hash, kind, sender, station_code, sequence, previous_hash, created_at,"
            " imported_at, operator, file_name, key_fingerprint, records, full)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                verified.bundle_hash,
                verified.kind,
                verified.sender,
                verified.station_code,
                verified.sequence,
                verified.previous_hash,
                verified.created_at,
                now_iso(),
                session.operator,
                result.file_name,
                result.key_fingerprint,
                verified.records,
                int(verified.full),
            ],
        )
        result.outcome = summary.CHECKED if dry_run else summary.IMPORTED
        summary.store(db, result, session.operator)
    except sqlite3.IntegrityError as exc:
        conn.execute("ROLLBACK")
        raise refused(
            "数据包与本机记录冲突，未导入（{m}）",
            "The bundle clashes with records here; not imported ({m})",
            m=str(exc),
        ) from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ROLLBACK" if dry_run else "COMMIT")


def _chain_notes(session: Session, verified: VerifiedBundle, result: BundleSummary) -> None:
    """A station restored from an old backup reuses sequence numbers: worth telling the office."""
    rows = session.db.execute(
        "SELECT sequence, bundle_hash FROM sync_bundles WHERE station_code = ? AND kind = ? AND sequence IN (?, ?)",
        [verified.station_code, verified.kind, verified.sequence - 1, verified.sequence],
    ).fetchall()
    for sequence, bundle_hash in rows:
        if sequence == verified.sequence:
            result.notes.append(
                text(
                    "{c} 的第 {n} 号数据包此前已收到过另一份（家站点可能从旧备份恢复过）",
                    "A different bundle {n} from {c} was imported before (the station may have restored a backup)",
                    c=verified.station_code,
                    n=sequence,
                )
            )
        elif verified.previous_hash and bundle_hash != verified.previous_hash:
            result.notes.append(
                text(
                    "{c} 的第 {n} 号数据包与其上一个数据包对不上",
                    "Bundle {n} from {c} does not follow the bundle before it",
                    c=verified.station_code,
                    n=verified.sequence,
                )
            )
