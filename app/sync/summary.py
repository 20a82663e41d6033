"""The import summary, after DHIS2's: per bundle and per table, what was imported, updated, left unchanged,
deleted, in conflict or refused (with the reasons). Shown after an import and stored in sync_import_log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app.i18n import Text, text
from app.sync.merge import TableCounts
from app.sync.verify import RefusedRow
from db.records import now_iso

IMPORTED = "imported"
ALREADY = "already"
REFUSED = "refused"
CHECKED = "checked"  # a dry run that would have imported

TABLE_LABELS: dict[str, Text] = {
    "stations": text("家站点", "stations"),
    "deputies": text("代表", "deputies"),
    "stationings": text("入驻", "stationings"),
    "reception_days": text("接待日", "reception days"),
    "duties": text("出勤", "attendance"),
    "visits": text("来访登记", "visits"),
    "visit_deputies": text("接待代表", "receiving deputies"),
    "items": text("社情民意", "sentiment items"),
    "item_events": text("办理记录", "item history"),
}


@dataclass
class BundleSummary:
    file_name: str
    outcome: str = REFUSED
    reason: Text | None = None
    bundle_hash: str = ""
    kind: str = ""
    station_code: str = ""
    sequence: int | None = None
    key_fingerprint: str = ""
    key_first_seen: bool = False
    tables: dict[str, TableCounts] = field(default_factory=dict)
    refused_rows: list[RefusedRow] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome != REFUSED

    def totals(self) -> TableCounts:
        total = TableCounts()
        for counts in self.tables.values():
            for key, value in counts.as_dict().items():
                setattr(total, key, getattr(total, key) + value)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "outcome": self.outcome,
            "reason": self.reason.render() if self.reason else "",
            "bundle": self.bundle_hash,
            "kind": self.kind,
            "station": self.station_code,
            "sequence": self.sequence,
            "key_fingerprint": self.key_fingerprint,
            "key_first_seen": self.key_first_seen,
            "tables": {name: counts.as_dict() for name, counts in self.tables.items()},
            "totals": self.totals().as_dict(),
            "refused_rows": [r.as_dict() for r in self.refused_rows],
            "notes": [n.render() for n in self.notes],
        }

    def lines(self) -> list[str]:
        """For people: one headline, one line per table that something happened to, then the reasons."""
        head = {
            IMPORTED: text("已导入", "imported"),
            CHECKED: text("检查通过（试运行，未写入）", "checked (dry run, nothing written)"),
            ALREADY: text("此前已导入，未作改动", "already imported; nothing changed"),
            REFUSED: text("拒收", "refused"),
        }[self.outcome]
        where = f"{self.station_code} #{self.sequence}" if self.station_code else ""
        out = [text("{f}：{h} {w}", "{f}: {h} {w}", f=self.file_name, h=head, w=where).render().rstrip()]
        if self.reason:
            out.append("  " + self.reason.render())
        if self.key_first_seen:
            # A dry run writes nothing, the key included.
            zh, en = (
                (
                    "首次收到 {s} 的密钥（试运行，未登记）。请电话核对指纹：{k}",
                    "First key from {s} (dry run: not yet trusted). Compare its fingerprint by phone: {k}",
                )
                if self.outcome == CHECKED
                else (
                    "首次收到 {s} 的密钥，已登记。请电话核对指纹：{k}",
                    "First key from {s}, now trusted. Compare its fingerprint by phone: {k}",
                )
            )
            sender = self.station_code if self.kind == "station" else text("区人大", "the district office")
            out.append("  " + text(zh, en, s=sender, k=self.key_fingerprint).render())
        for name, counts in self.tables.items():
            c = counts
            if not any(c.as_dict().values()):
                continue
            out.append(
                "  "
                + text(
                    "{t}：新增 {a}，更新 {u}，未变 {n}，删除 {d}，冲突 {c}，拒收 {r}",
                    "{t}: imported {a}, updated {u}, unchanged {n}, deleted {d}, conflicts {c}, refused {r}",
                    t=TABLE_LABELS.get(name, text(name, name)),
                    a=c.imported,
                    u=c.updated,
                    n=c.unchanged,
                    d=c.deleted,
                    c=c.conflicts,
                    r=c.refused,
                ).render()
            )
        for row in self.refused_rows[:20]:
            out.append(
                "  "
                + text(
                    "拒收 {t} 第{l}行 {u}：{m}",
                    "refused {t} line {l} {u}: {m}",
                    t=TABLE_LABELS.get(row.table, text(row.table, row.table)),
                    l=row.line,
                    u=row.uuid[:8],
                    m=row.reason,
                ).render()
            )
        if len(self.refused_rows) > 20:
            out.append(
                "  "
                + text(
                    "……另有 {n} 行被拒收", "… {n} more rows refused", n=len(self.refused_rows) - 20
                ).render()
            )
        out.extend("  " + note.render() for note in self.notes)
        return out


def store(db: sqlite_utils.Database, summary: BundleSummary, operator: str) -> None:
    """Called inside the import's transaction for an imported bundle, on its own for a refused one."""
    db.execute(
        "INSERT INTO sync_import_log (at, operator, file_name, bundle_hash, station_code, sequence, outcome,"
        " reason, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            now_iso(),
            operator,
            summary.file_name,
            summary.bundle_hash,
            summary.station_code,
            summary.sequence,
            summary.outcome if summary.outcome != CHECKED else IMPORTED,
            summary.reason.render("zh_CN") if summary.reason else "",
            json.dumps(summary.as_dict(), ensure_ascii=False),
        ],
    )


def recent(db: sqlite_utils.Database, limit: int = 50) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT id, at, operator, file_name, station_code, sequence, outcome, reason, summary"
        " FROM sync_import_log ORDER BY id DESC LIMIT ?",
        [limit],
    )
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["summary"] = json.loads(row["summary"])
    return rows
