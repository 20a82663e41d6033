"""A bundle checked against the bundles imported before it: its sequence number must follow on from theirs.
Nothing here writes."""

from __future__ import annotations

import sqlite_utils

from app.sync.container import refused
from app.sync.verify import VerifiedBundle

# A sender counts its bundles one by one; a number this far beyond the last one seen from it is not one of
# them (and would make every number between look missing).
MAX_SEQUENCE_JUMP = 10_000


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
