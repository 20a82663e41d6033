"""A bundle checked against the bundles imported before it: its sequence number must follow on from theirs, a
copy of one of them must be that very bundle, and a station that has sealed its bundles must go on sealing them.
Nothing here writes."""

from __future__ import annotations

import sqlite_utils

from app.i18n import Text
from app.sync.container import BundleRefused, refused
from app.sync.unpack import OpenedBundle
from app.sync.verify import MAX_SEQUENCE, SignatureMismatch, VerifiedBundle, check_members
from app.sync.verify import check_manifest as check_signed_manifest

# A sender counts its bundles one by one; a number this far beyond the last one seen from it is not one of
# them (and would make every number between look missing).
MAX_SEQUENCE_JUMP = 10_000


def check_manifest(db: sqlite_utils.Database, opened: OpenedBundle) -> VerifiedBundle:
    """verify.check_manifest, naming the import before when a bundle whose signature fails claims to be one
    already imported here (a copy edited since)."""
    try:
        return check_signed_manifest(opened)
    except SignatureMismatch as exc:
        # Unauthenticated, so only used to choose the words. check_manifest typed these before the signature.
        m = opened.manifest
        code, sequence, kind = m.get("station_code"), m.get("sequence"), m.get("kind")
        if (
            isinstance(code, str)
            and isinstance(kind, str)
            and type(sequence) is int
            and 1 <= sequence <= MAX_SEQUENCE
            and db.execute(
                "SELECT 1 FROM sync_bundles WHERE station_code = ? AND kind = ? AND sequence = ?",
                [code, kind, sequence],
            ).fetchone()
        ):
            raise tampered(code, sequence, exc.message) from None
        raise


def tampered(station_code: str, sequence: int, why: Text) -> BundleRefused:
    return refused(
        "与此前导入的 {c} 第 {n} 号数据包不一致：可能被篡改（{w}）。请勿使用这个文件；如有疑问，请家站点重新导出",
        "Differs from bundle {n} of {c} imported before: it may have been tampered with ({w}). Do not use this"
        " file; if in doubt, ask the station to export again",
        c=station_code,
        n=sequence,
        w=why,
    )


def check_sequence(db: sqlite_utils.Database, verified: VerifiedBundle) -> None:
    last = db.execute(
        "SELECT MAX(sequence) FROM sync_bundles WHERE kind = ? AND station_code = ?",
        [verified.kind, verified.station_code],
    ).fetchone()[0]
    last = int(last or 0)
    if verified.sequence > last + MAX_SEQUENCE_JUMP:
        raise refused(
            "{c} 的数据包序号 {n} 比此前收到的最大序号 {m} 超前 {j} 个以上：不是按顺序导出的数据包，可能是伪造的，"
            "或发送方的程序有误。请与发送方电话核对其最近导出的数据包序号",
            "Bundle number {n} from {c} is more than {j} ahead of the last one seen ({m}): not a bundle exported"
            " in order; perhaps forged, or the sender's program is faulty. Check the number of its latest"
            " export with the sender by phone",
            c=verified.station_code,
            n=verified.sequence,
            m=last,
            j=MAX_SEQUENCE_JUMP,
        )


def imported_before(db: sqlite_utils.Database, verified: VerifiedBundle) -> bool:
    """Whether this very bundle (by the hash of its signed manifest) was imported here before. Nothing of it
    will be written then, so its rows need no second reading; but its tables must still be the ones that
    manifest signs, or the copy was altered since: refused as tampered with."""
    if not db.execute("SELECT 1 FROM sync_bundles WHERE bundle_hash = ?", [verified.bundle_hash]).fetchone():
        return False
    try:
        check_members(verified)
    except BundleRefused as exc:
        raise tampered(verified.station_code, verified.sequence, exc.message) from None
    return True


def check_sealing(db: sqlite_utils.Database, verified: VerifiedBundle, *, accepted: bool) -> bool:
    """A station that has sealed its bundles does not go back to plain ones on its own: a plain one after
    sealed ones is an old copy, an old program, or someone else holding the station's key. Refused unless
    the office has checked with the station (`accepted`); True when such a bundle is let through."""
    if verified.kind != "station" or verified.opened.sealed:
        return False
    sealed_before = db.execute(
        "SELECT MAX(sequence) FROM sync_bundles WHERE kind = 'station' AND station_code = ? AND sealed = 1",
        [verified.station_code],
    ).fetchone()[0]
    if sealed_before is None:
        return False
    if not accepted:
        raise refused(
            "{c} 此前的数据包（最近第 {s} 号）都已加密，这一个（第 {n} 号）却未加密：可能是旧副本、旧版程序，"
            "或他人冒用该家站点的密钥。请先电话向家站点核实；确认无误后，用 liaison import --accept-unsealed"
            " 导入",
            "{c} has sent sealed bundles (the latest: number {s}), but this one (number {n}) is not sealed: an"
            " old copy, an old program, or someone else using the station's key. Check with the station by"
            " phone; if it is theirs, import it with 'liaison import --accept-unsealed'",
            c=verified.station_code,
            s=int(sealed_before),
            n=verified.sequence,
        )
    return True
