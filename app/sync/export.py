"""`liaison export`: a station's bundle for the district, or the district's return bundle for one station.

The file is written under a temporary name, flushed to the stick, read back and checked like an import would,
and only then renamed; only after that is anything marked as exported.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import app
from app import settings
from app.errors import UserError
from app.i18n import text
from app.services import stations
from app.session import Session
from app.sync import clock, keys
from app.sync.container import (
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    build,
    open_bundle,
    refused,
    seal,
    unseal_with_ephemeral,
)
from app.sync.tables import META, ORDER, PERSONAL, SPECS, TOMBSTONE_COLUMNS
from app.sync.verify import TOMBSTONES, check_files, check_manifest
from db.files import open_private
from db.records import current_change_seq, now_iso

ROSTER_TABLES = ("stations", "deputies", "stationings")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    station_code: str
    sequence: int
    records: int
    sealed: bool
    from_seq: int
    to_seq: int
    bundle_hash: str
    withheld: bool = False  # written without visitors' names and phones


def _csv(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _rows(session: Session, table: str, where: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Rows in bundle order (META then content), each with its effective version clock."""
    spec = SPECS[table]
    here = session.origin
    columns = ", ".join(f"[{c}]" for c in spec.columns)
    sql = (
        f"SELECT uuid, origin, created_at, updated_at, version, sync_clock, sync_clock_version, {columns}"
        f" FROM [{table}] {where} ORDER BY rowid"
    )
    out: list[tuple[Any, ...]] = []
    append = out.append
    for row in session.db.execute(sql, params):
        stored, at_version, version = row[5], row[6], row[4]
        if stored is None:
            record_clock = f'{{"{here}":{version}}}'  # the common case, without a JSON round trip
        else:
            record_clock = clock.dumps(clock.effective(stored, at_version, version, here))
        append(tuple("" if v is None else v for v in (*row[:5], record_clock, *row[7:])))
    return out


def _close_references(session: Session, tables: dict[str, list[tuple[Any, ...]]]) -> None:
    """Add the current copy of every record a changed record refers to, so that each bundle stands on its own:
    imported before an earlier bundle that is still on its way, it refuses nothing."""
    for table in reversed(ORDER):  # children first: parents added here get their own parents added later
        spec = SPECS[table]
        for ref in spec.references:
            index = spec.header.index(ref.column)
            have = {row[0] for row in tables[ref.table]}
            wanted = sorted({row[index] for row in tables[table] if row[index]} - have)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                tables[ref.table] += _rows(
                    session, ref.table, f"WHERE uuid IN ({','.join('?' * len(chunk))})", chunk
                )


def _tombstones(session: Session, where: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return session.db.execute(
        f"SELECT {', '.join(TOMBSTONE_COLUMNS)} FROM tombstones {where} ORDER BY rowid", params
    ).fetchall()


def _next_sequence(session: Session, kind: str, station_code: str) -> tuple[int, str]:
    row = session.db.execute(
        "SELECT sequence, bundle_hash FROM sync_exports WHERE kind = ? AND station_code = ?"
        " ORDER BY sequence DESC LIMIT 1",
        [kind, station_code],
    ).fetchone()
    return (int(row[0]) + 1, str(row[1])) if row else (1, "")


def export_station(
    session: Session, out_dir: Path | str, *, full: bool = False, without_personal_data: bool = False
) -> ExportResult:
    """This station's bundle for the district, sealed for the district's key. Without that key the bundle
    could be read by whoever finds the stick, so it is refused, unless the clerk asks for one without visitors'
    names and phones (`without_personal_data`); those visits then owe their details to the district, and the
    next sealed bundle carries them again (docs/bundle-format.md, "Withheld personal data")."""
    session.require_initialised()
    if session.is_district:
        raise UserError(
            text(
                "汇总端请用 liaison export --station 编号 生成返回数据包",
                "At the district office, use 'liaison export --station CODE' for a return bundle",
            )
        )
    recipient = keys.trusted(session.db, keys.DISTRICT_PEER, keys.SEALING)
    if recipient is None and not without_personal_data:
        raise UserError(
            text(
                "本机还没有区人大的公钥，数据包无法加密，不能写出来访群众的姓名和电话。请向区人大索取公钥文件"
                "（区人大公钥.liaison-key），用 liaison keys import-district 文件 导入并电话核对指纹；或加"
                " --without-personal-data 导出不含来访群众姓名和电话的数据包（这些信息随日后加密的数据包补上）",
                "This database does not hold the district's key yet, so the bundle cannot be sealed and may not"
                " carry visitors' names and phones. Ask the district office for its key file (区人大公钥.liaison-key),"
                " import it with 'liaison keys import-district FILE' and compare its fingerprint by phone; or"
                " export with --without-personal-data, leaving them out (they follow in a later sealed bundle)",
            )
        )
    code = settings.STATION_CODE.get(session.db)
    last = 0 if full else settings.LAST_EXPORTED_SEQ.get(session.db)
    owed = settings.PERSONAL_DATA_OWED_FROM.get(session.db)
    conn = session.db.conn
    conn.execute("BEGIN")  # one snapshot: what is counted as exported is exactly what was read
    try:
        upto = current_change_seq(session.db)
        where, params = "WHERE change_seq > ?", [last]
        tables = {name: _rows(session, name, where, params) for name in ORDER}
        if not full and not without_personal_data and 0 <= owed < last:
            _add_owed(session, tables, owed, last)
        if not full:
            _close_references(session, tables)
        tombstones = _tombstones(session, where, params)
        sequence, previous = _next_sequence(session, "station", code)
    finally:
        conn.execute("COMMIT")
    manifest = _manifest(
        session,
        kind="station",
        station_code=code,
        sequence=sequence,
        previous=previous,
        changes={"from_seq": last, "to_seq": upto, "full": full},
    )
    # The district learns this station's sealing key from here (signed, so vouched for by the station's key).
    manifest["sealing_key"] = keys.b64(_own_sealing_public(session))
    withheld = PERSONAL if without_personal_data else {}
    if withheld:
        manifest["withheld"] = {table: list(columns) for table, columns in withheld.items()}
    name = f"{code}-{sequence:06d}{SUFFIX}"
    result = _write(
        session, Path(out_dir), name, manifest, tables, tombstones, recipient, last, upto, withheld
    )
    with session.db.atomic():
        _record(session, result, full)
        settings.LAST_EXPORTED_SEQ.set(session.db, max(upto, settings.LAST_EXPORTED_SEQ.get(session.db)))
        if without_personal_data:
            settings.PERSONAL_DATA_OWED_FROM.set(session.db, last if owed < 0 else min(owed, last))
        else:
            settings.PERSONAL_DATA_OWED_FROM.set(session.db, -1)
    return result


def _add_owed(session: Session, tables: dict[str, list[tuple[Any, ...]]], owed: int, last: int) -> None:
    """Visits sent without their visitors' details since `owed`, not changed since: carried again, whole."""
    for table in PERSONAL:
        have = {row[0] for row in tables[table]}
        again = _rows(session, table, "WHERE change_seq > ? AND change_seq <= ?", [owed, last])
        tables[table] += [row for row in again if row[0] not in have]


def export_return(session: Session, station_code: str, out_dir: Path | str) -> ExportResult:
    """For one station: the roster, the district's keys, and the district's handling of that station's items.
    Sealed for that station once one of its bundles has brought its sealing key; signed only before that
    (the result's `sealed` says which, so that the clerk is told)."""
    session.require_initialised()
    if not session.is_district:
        raise UserError(
            text("只有区人大汇总端可以生成返回数据包", "Only the district office writes return bundles")
        )
    station = stations.require_by_code(session, station_code)
    code = station["code"]
    conn = session.db.conn
    conn.execute("BEGIN")
    try:
        upto = current_change_seq(session.db)
        tables = {name: _rows(session, name, "", []) for name in ROSTER_TABLES}
        items = [
            row
            for row in _rows(session, "items", "WHERE station_uuid = ?", [station["uuid"]])
            if keys.DISTRICT_PEER in clock.parse_json(row[5])
        ]
        tables["items"] = items
        handled = [row[0] for row in items]
        events: list[tuple[Any, ...]] = []
        for start in range(0, len(handled), 500):
            chunk = handled[start : start + 500]
            events += _rows(
                session, "item_events", f"WHERE item_uuid IN ({','.join('?' * len(chunk))})", chunk
            )
        tables["item_events"] = events
        roster = ", ".join(f"'{t}'" for t in ROSTER_TABLES)
        tombstones = _tombstones(session, f"WHERE table_name IN ({roster})", [])
        sequence, previous = _next_sequence(session, "return", code)
    finally:
        conn.execute("COMMIT")
    # A database set up before keys existed gets them now, rather than asking the clerk to run init again.
    keys.ensure_own_keys(session.db, district=True)
    signing = keys.own_public(session.db, keys.SIGNING)
    sealing = keys.own_public(session.db, keys.SEALING)
    if signing is None or sealing is None:
        raise UserError(
            text("本机缺少区人大密钥：请先运行 liaison init district", "The district keys are missing")
        )
    manifest = _manifest(
        session,
        kind="return",
        station_code=code,
        sequence=sequence,
        previous=previous,
        changes={"from_seq": 0, "to_seq": upto, "full": True},
    )
    manifest["district_keys"] = {"signing": keys.b64(signing), "sealing": keys.b64(sealing)}
    name = f"return-{code}-{sequence:06d}{SUFFIX}"
    recipient = keys.trusted(session.db, code, keys.SEALING)
    result = _write(session, Path(out_dir), name, manifest, tables, tombstones, recipient, 0, upto)
    with session.db.atomic():
        _record(session, result, True)
    return result


def _own_sealing_public(session: Session) -> bytes:
    keys.ensure_own_keys(session.db, district=session.is_district)  # a station set up before it had one
    public = keys.own_public(session.db, keys.SEALING)
    if public is None:
        raise AssertionError("ensure_own_keys creates the sealing key")
    return public


def _manifest(
    session: Session, *, kind: str, station_code: str, sequence: int, previous: str, changes: dict[str, Any]
) -> dict[str, Any]:
    keys.ensure_own_keys(session.db, district=session.is_district)
    signing = keys.own_public(session.db, keys.SIGNING)
    if signing is None:
        keys.signing_key(session.db)  # raises the user-facing "no key" error
        raise AssertionError
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app.__version__,
        "kind": kind,
        "sender": session.origin,
        "station_code": station_code,
        "station_id": stations.station_uuid_for(station_code),
        "created_at": now_iso(),
        "sequence": sequence,
        "previous_hash": previous,
        "changes": changes,
        "signing_key": keys.b64(signing),
        "key_fingerprint": keys.fingerprint(signing),
    }


def _write(
    session: Session,
    out_dir: Path,
    name: str,
    manifest: dict[str, Any],
    tables: dict[str, list[tuple[Any, ...]]],
    tombstones: list[tuple[Any, ...]],
    recipient: bytes | None,
    from_seq: int,
    upto: int,
    withheld: dict[str, tuple[str, ...]] | None = None,
) -> ExportResult:
    import hashlib

    files: dict[str, bytes] = {}
    entries = []
    for table, rows in [*tables.items(), (TOMBSTONES, tombstones)]:
        header = TOMBSTONE_COLUMNS if table == TOMBSTONES else (*META, *SPECS[table].columns)
        left_out = (withheld or {}).get(table, ())
        if left_out:
            # Not sent at all (rather than sent blank), so no reader can take them for an edit that emptied them.
            keep = [i for i, column in enumerate(header) if column not in left_out]
            header = tuple(header[i] for i in keep)
            rows = [tuple(row[i] for i in keep) for row in rows]
        data = _csv(header, rows)
        member = f"tables/{table}.csv"
        files[member] = data
        entries.append(
            {
                "name": member,
                "table": table,
                "rows": len(rows),
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    manifest["files"] = entries
    plain, manifest_body = build(manifest, files, keys.signing_key(session.db))
    sealed = None
    data = plain
    if recipient is not None:
        sealed = seal(
            plain,
            {
                "station_code": manifest["station_code"],
                "sender": manifest["sender"],
                "sequence": manifest["sequence"],
            },
            recipient,
        )
        data = sealed.data
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        final = out_dir / name
        temporary = out_dir / f".{name}.part"
        with open_private(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        written = temporary.read_bytes()
    except OSError as exc:
        raise UserError(
            text(
                "无法写入 {d}（{m}）", "Cannot write to {d} ({m})", d=str(out_dir), m=exc.strerror or str(exc)
            )
        ) from None
    try:
        if written != data:
            raise refused(
                "写入U盘的文件读回后与原文不符",
                "The file read back from the disk differs from what was written",
            )
        readable = unseal_with_ephemeral(sealed, recipient) if sealed is not None and recipient else written
        opened = open_bundle(readable)
        if opened.manifest_bytes != manifest_body:
            raise refused("读回的数据包清单不符", "The bundle read back has a different manifest")
        check_files(check_manifest(opened), check_rows=False)
    except Exception:
        temporary.unlink(missing_ok=True)
        raise
    os.replace(temporary, final)
    _sync_folder(out_dir)
    records = sum(len(r) for r in tables.values()) + len(tombstones)
    return ExportResult(
        final,
        manifest["kind"],
        manifest["station_code"],
        manifest["sequence"],
        records,
        sealed is not None,
        from_seq,
        upto,
        hashlib.sha256(manifest_body).hexdigest(),
        bool(withheld),
    )


def _sync_folder(folder: Path) -> None:
    """The rename itself must reach the stick before we call the export done (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _record(session: Session, result: ExportResult, full: bool) -> None:
    session.db.execute(
        "INSERT INTO sync_exports (bundle_hash, kind, station_code, sequence, from_seq, to_seq, full, sealed,"
        " records, path, created_at, operator, withheld) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.bundle_hash,
            result.kind,
            result.station_code,
            result.sequence,
            result.from_seq,
            result.to_seq,
            int(full),
            int(result.sealed),
            result.records,
            str(result.path),
            now_iso(),
            session.operator,
            int(result.withheld),
        ],
    )


def unexported_count(session: Session) -> int:
    """Records changed here since the last export (what the next bundle would carry)."""
    last = settings.LAST_EXPORTED_SEQ.get(session.db)
    total = 0
    for table in (*ORDER, TOMBSTONES):
        total += int(
            session.db.execute(f"SELECT COUNT(*) FROM [{table}] WHERE change_seq > ?", [last]).fetchone()[0]
        )
    return total


def last_export(session: Session) -> dict[str, Any] | None:
    cursor = session.db.execute(
        "SELECT * FROM sync_exports WHERE kind = 'station' ORDER BY sequence DESC LIMIT 1"
    )
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None
