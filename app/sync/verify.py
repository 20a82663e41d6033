"""Everything about a bundle that can be checked before a single row is written: the manifest, the files against
their signed hashes, the signature, whose key it is, and every row against the rules. Nothing here writes."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app.i18n import Text, text
from app.sync import keys
from app.sync.container import BundleRefused, refused
from app.sync.tables import ORDER, SPECS, TOMBSTONE_COLUMNS, RowRefused, check_tombstone
from app.sync.unpack import OpenedBundle

TOMBSTONES = "tombstones"
KNOWN_TABLES = (*ORDER, TOMBSTONES)
# Sequence numbers are stored as SQLite integers and compared with what came before; a number this large is
# never reached by a sender counting its bundles one by one.
MAX_SEQUENCE = 2**31 - 1
_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-]{0,31}\Z")
_ROUGH_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T")

csv.field_size_limit(1 << 24)


class SignatureMismatch(BundleRefused):
    """The signature does not verify: the manifest was changed after signing, or signed by someone else."""


@dataclass(frozen=True)
class Listed:
    """One table as the signed manifest lists it."""

    name: str
    table: str
    size: int
    sha256: str
    rows: int


@dataclass(frozen=True)
class RefusedRow:
    table: str
    line: int
    uuid: str
    reason: Text

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "line": self.line, "uuid": self.uuid, "reason": self.reason.render()}


@dataclass
class VerifiedBundle:
    opened: OpenedBundle
    kind: str
    sender: str
    station_code: str
    sequence: int
    previous_hash: str
    created_at: str
    signing_key: bytes
    key_status: str  # keys.KeyCheck
    tables: dict[str, list[list[Any]]] = field(default_factory=dict)
    refused_rows: list[RefusedRow] = field(default_factory=list)
    district_signing: bytes | None = None
    district_sealing: bytes | None = None
    station_sealing: bytes | None = None  # absent from bundles written before stations had a sealing key
    full: bool = False  # a full export: everything up to this bundle, whatever came before it

    @property
    def bundle_hash(self) -> str:
        return self.opened.bundle_hash

    @property
    def records(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def _field(manifest: dict[str, Any], name: str, kind: type, what: Text) -> Any:
    value = manifest.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise refused(
            "数据包清单缺少或写错了“{n}”（{w}）",
            "The bundle manifest lacks or misstates “{n}” ({w})",
            n=name,
            w=what,
        )
    return value


def _public_key(value: Any, what: str) -> bytes:
    try:
        raw = keys.unb64(str(value))
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise refused("数据包清单中的{w}无效", "The bundle manifest's {w} is invalid", w=what)
    return raw


def check_manifest(opened: OpenedBundle) -> VerifiedBundle:
    m = opened.manifest
    kind = _field(m, "kind", str, text("类型", "kind"))
    if kind not in ("station", "return"):
        raise refused("数据包类型“{k}”未知", "Unknown bundle kind “{k}”", k=kind[:20])
    sender = _field(m, "sender", str, text("发送方", "sender"))
    station_code = _field(m, "station_code", str, text("家站点编号", "station code"))
    if not _CODE.match(station_code) or (kind == "station" and sender != station_code):
        raise refused("数据包清单中的家站点编号无效", "The bundle manifest's station code is invalid")
    if kind == "return" and sender != keys.DISTRICT_PEER:
        raise refused("返回数据包必须来自区人大", "A return bundle must come from the district office")
    sequence = _field(m, "sequence", int, text("序号", "sequence"))
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise refused(
            "数据包序号 {n} 超出允许的范围（1–{m}）：数据包不是本软件写出的，可能是伪造的",
            "The bundle's sequence number {n} is out of range (1–{m}): not written by this program, perhaps"
            " forged",
            n=str(sequence)[:24],
            m=MAX_SEQUENCE,
        )
    previous_hash = _field(m, "previous_hash", str, text("上一个数据包", "previous bundle"))
    if previous_hash and not _HEX64.match(previous_hash):
        raise refused("数据包清单中的上一个数据包哈希无效", "The manifest's previous bundle hash is invalid")
    created_at = _field(m, "created_at", str, text("生成时间", "created time"))
    if not _ROUGH_STAMP.match(created_at):
        raise refused("数据包生成时间无效", "The bundle's creation time is invalid")
    changes = _field(m, "changes", dict, text("变更范围", "change range"))
    signing_key = _public_key(m.get("signing_key"), "签名公钥")
    if not keys.verify_signature(signing_key, opened.signature, opened.manifest_bytes):
        raise SignatureMismatch(
            text(
                "数据包签名不符：文件被改动过，或不是由发送方生成的",
                "The bundle's signature does not match: it was altered, or not made by its sender",
            )
        )
    verified = VerifiedBundle(
        opened,
        kind,
        sender,
        station_code,
        sequence,
        previous_hash,
        created_at,
        signing_key,
        keys.KeyCheck.FIRST,
    )
    verified.full = changes.get("full") is True
    if kind == "station" and "sealing_key" in m:
        verified.station_sealing = _public_key(m["sealing_key"], "家站点加密公钥")
    if kind == "return":
        district = _field(m, "district_keys", dict, text("区人大公钥", "district keys"))
        verified.district_signing = _public_key(district.get("signing"), "区人大签名公钥")
        verified.district_sealing = _public_key(district.get("sealing"), "区人大加密公钥")
        if verified.district_signing != signing_key:
            raise refused("返回数据包的签名公钥不一致", "The return bundle's signing keys disagree")
    return verified


def check_role(verified: VerifiedBundle, role: str, local_code: str) -> None:
    if verified.kind == "station" and role != "district":
        raise refused(
            "家站点数据包只能在区人大汇总端导入",
            "A station's bundle can only be imported at the district office",
        )
    if verified.kind == "return":
        if role != "station":
            raise refused("返回数据包只能在家站点导入", "A return bundle can only be imported at a station")
        if verified.station_code != local_code:
            raise refused(
                "这是发给家站点 {c} 的返回数据包，本机是 {h}",
                "This return bundle is for station {c}; this database is {h}",
                c=verified.station_code,
                h=local_code,
            )


def check_trust(db: sqlite_utils.Database, verified: VerifiedBundle) -> None:
    owner = db.execute(
        "SELECT peer FROM sync_peer_keys WHERE purpose = ? AND public_key = ? AND peer != ? AND status != 'retired'",
        [keys.SIGNING, verified.signing_key, verified.sender],
    ).fetchone()
    if owner is not None:
        # One key, one sender: a copied database (or a forged bundle) must not speak for another station.
        raise refused(
            "数据包自称来自 {p}，却是用 {o} 的密钥签名的",
            "The bundle claims to come from {p} but is signed with {o}'s key",
            p=verified.sender,
            o=owner[0],
        )
    status = keys.check_peer(db, verified.sender, keys.SIGNING, verified.signing_key)
    verified.key_status = status
    if status == keys.KeyCheck.CHANGED:
        known = keys.trusted(db, verified.sender, keys.SIGNING) or b""
        raise refused(
            "{p} 的数据包使用了新的密钥（指纹 {n}），与已登记的密钥（{o}）不同。请电话核对指纹后运行"
            " liaison keys accept {p}",
            "{p}'s bundle is signed with a new key (fingerprint {n}), not the registered one ({o}). Compare"
            " fingerprints by phone, then run 'liaison keys accept {p}'",
            p=verified.sender,
            n=keys.fingerprint(verified.signing_key),
            o=keys.fingerprint(known),
        )


def listed_files(verified: VerifiedBundle) -> list[Listed]:
    """The tables the signed manifest lists, checked against the zip's directory before anything is inflated:
    exactly these members, and no more bytes in all than the bundle's size allows."""
    opened = verified.opened
    listed = opened.manifest.get("files")
    if not isinstance(listed, list):
        raise refused("数据包清单缺少文件列表", "The bundle manifest lacks its list of files")
    present = opened.member_names()
    found: list[Listed] = []
    for entry in listed:
        if not isinstance(entry, dict):
            raise refused("数据包清单的文件列表无效", "The bundle manifest's file list is invalid")
        name, table = entry.get("name"), entry.get("table")
        if table not in KNOWN_TABLES or name != f"tables/{table}.csv" or any(f.name == name for f in found):
            raise refused(
                "数据包清单列出了未知的表“{t}”",
                "The manifest lists an unknown table “{t}”",
                t=str(table)[:40],
            )
        size, digest, rows = entry.get("bytes"), entry.get("sha256"), entry.get("rows")
        if (
            not isinstance(size, int)
            or not isinstance(rows, int)
            or not _count(size)
            or not _count(rows)
            or not isinstance(digest, str)
            or not _HEX64.match(digest)
        ):
            raise refused(
                "数据包清单中 {n} 的大小、行数或哈希缺失或无效",
                "The manifest's size, row count or hash of {n} is missing or invalid",
                n=name,
            )
        if name not in present:
            raise refused("数据包缺少文件 {n}", "The bundle lacks the file {n}", n=name)
        found.append(Listed(str(name), str(table), size, digest, rows))
    extra = present - {f.name for f in found}
    if extra:
        raise refused(
            "数据包含有清单以外的文件“{n}”",
            "The bundle holds a file not in its manifest “{n}”",
            n=sorted(extra)[0][:80],
        )
    total = sum(f.size for f in found)
    if total > opened.allowance:
        limits = opened.limits
        raise refused(
            "数据包的表格解压后共 {t} MB，超过这个文件允许的 {a} MB（文件大小的 {r} 倍，最多 {m} MB）："
            "不是本软件正常写出的数据包。请让发送方重新导出",
            "The bundle's tables inflate to {t} MB, more than the {a} MB this file allows ({r} times its size,"
            " at most {m} MB): not a bundle this program writes. Ask the sender to export again",
            t=_megabytes(total),
            a=_megabytes(opened.allowance),
            r=limits.max_ratio,
            m=_megabytes(limits.max_total_bytes),
        )
    return found


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.1f}".removesuffix(".0")


def check_members(verified: VerifiedBundle) -> None:
    """Every table against its signed size and hash, keeping nothing: enough for a bundle whose manifest was
    imported before, where only a copy altered since matters."""
    for listed in listed_files(verified):
        verified.opened.read_member(listed.name, listed.size, listed.sha256, keep=False)


def check_files(verified: VerifiedBundle, *, check_rows: bool = True) -> None:
    """Each member against its signed size and hash (inflated no further than that size), then, unless only
    the file is being checked (as an export reads back what it wrote), every row against the table's rules."""
    for listed in listed_files(verified):
        data = verified.opened.read_member(listed.name, listed.size, listed.sha256)
        rows = _parse(verified, listed, data, check_rows)
        del data
        if len(rows) + sum(1 for r in verified.refused_rows if r.table == listed.table) != listed.rows:
            raise _row_count(listed)


def _row_count(listed: Listed) -> BundleRefused:
    return refused("{n} 的行数与清单不符", "The row count of {n} does not match its manifest", n=listed.name)


def _parse(
    verified: VerifiedBundle, listed: Listed, data: bytes | bytearray, check_rows: bool = True
) -> list[list[Any]]:
    table = listed.table
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError:
        raise refused("{t} 不是 UTF-8 文本", "{t} is not UTF-8 text", t=table) from None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    del content
    try:
        header = next(reader, None)
        expected = TOMBSTONE_COLUMNS if table == TOMBSTONES else SPECS[table].header
        if header is None or tuple(header) != expected:
            raise refused(
                "{t} 的表头与数据包格式不符", "The header of {t} does not match the bundle format", t=table
            )
        check = check_tombstone if table == TOMBSTONES else SPECS[table].check_row
        good: list[list[Any]] = []
        if not check_rows:
            good.extend(reader)
            verified.tables[table] = good
            return good
        refused_rows = verified.refused_rows
        most = verified.opened.limits.max_refused_rows
        for line, raw in enumerate(reader, start=2):
            if line - 1 > listed.rows:  # more rows than signed: stop reading rather than hold them
                raise _row_count(listed)
            try:
                good.append(check(raw))
            except RowRefused as exc:
                refused_rows.append(RefusedRow(table, line, raw[0][:40] if raw else "", exc.message))
                if len(refused_rows) > most:
                    raise refused(
                        "超过 {n} 行不符合规则（数到 {t} 第 {l} 行）：数据包可能由有错误的程序写出，或是伪造的，"
                        "整个拒收。请让发送方检查后重新导出",
                        "More than {n} rows break the rules (counted up to {t} line {l}): the bundle may come from a"
                        " faulty program or be forged, so it is refused whole. Ask the sender to check and"
                        " export again",
                        n=most,
                        t=table,
                        l=line,
                    ) from None
    except csv.Error as exc:
        raise refused(
            "{t} 不是有效的 CSV（{m}）", "{t} is not valid CSV ({m})", t=table, m=str(exc)[:200]
        ) from None
    verified.tables[table] = good
    return good
