"""Everything about a bundle that can be checked before a single row is written: the manifest, the files against
their signed hashes, the signature, whose key it is, and every row against the rules. Nothing here writes."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app.i18n import Text, text
from app.sync import keys
from app.sync.container import OpenedBundle, refused
from app.sync.tables import ORDER, PERSONAL, SPECS, TOMBSTONE_COLUMNS, RowRefused, check_tombstone

TOMBSTONES = "tombstones"
KNOWN_TABLES = (*ORDER, TOMBSTONES)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-]{0,31}$")
_ROUGH_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T")

csv.field_size_limit(1 << 24)


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
    # Refused because its signing key is not (yet) trusted here: the key is remembered, to be accepted.
    untrusted_key: bool = False
    # Personal columns left out of this bundle (it could not be sealed), by table, in table order.
    withheld: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def sealing_key(self) -> bytes | None:
        """The sender's sealing key, vouched for by this bundle's signature."""
        return self.district_sealing if self.kind == "return" else self.station_sealing

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
    if sequence < 1:
        raise refused("数据包序号无效", "The bundle's sequence number is invalid")
    previous_hash = _field(m, "previous_hash", str, text("上一个数据包", "previous bundle"))
    if previous_hash and not _HEX64.match(previous_hash):
        raise refused("数据包清单中的上一个数据包哈希无效", "The manifest's previous bundle hash is invalid")
    created_at = _field(m, "created_at", str, text("生成时间", "created time"))
    if not _ROUGH_STAMP.match(created_at):
        raise refused("数据包生成时间无效", "The bundle's creation time is invalid")
    changes = _field(m, "changes", dict, text("变更范围", "change range"))
    signing_key = _public_key(m.get("signing_key"), "签名公钥")
    if not keys.verify_signature(signing_key, opened.signature, opened.manifest_bytes):
        raise refused(
            "数据包签名不符：文件被改动过，或不是由发送方生成的",
            "The bundle's signature does not match: it was altered, or not made by its sender",
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
    if "withheld" in m:
        verified.withheld = _withheld(m["withheld"], kind)
    if kind == "station" and "sealing_key" in m:
        verified.station_sealing = _public_key(m["sealing_key"], "家站点加密公钥")
    if kind == "return":
        district = _field(m, "district_keys", dict, text("区人大公钥", "district keys"))
        verified.district_signing = _public_key(district.get("signing"), "区人大签名公钥")
        verified.district_sealing = _public_key(district.get("sealing"), "区人大加密公钥")
        if verified.district_signing != signing_key:
            raise refused("返回数据包的签名公钥不一致", "The return bundle's signing keys disagree")
    return verified


def _withheld(value: Any, kind: str) -> dict[str, tuple[str, ...]]:
    """Only a station's bundle may leave columns out: all of a table's personal columns, and nothing else."""
    wrong = refused("数据包清单中的“withheld”无效", "The bundle manifest's “withheld” is invalid")
    if kind != "station" or not isinstance(value, dict) or not value:
        raise wrong
    found: dict[str, tuple[str, ...]] = {}
    for table, columns in value.items():
        allowed = PERSONAL.get(table, ())
        if not isinstance(columns, list) or sorted(columns) != sorted(allowed):
            raise wrong
        found[table] = tuple(c for c in SPECS[table].columns if c in columns)
    return found


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
    new = keys.fingerprint(verified.signing_key)
    if status == keys.KeyCheck.CHANGED:
        verified.untrusted_key = True
        known = keys.fingerprint(keys.trusted(db, verified.sender, keys.SIGNING) or b"")
        if verified.sender == keys.DISTRICT_PEER:
            raise refused(
                "返回数据包使用了新的区人大密钥（指纹 {n}），与本机登记的（{o}）不同。请电话向区人大核对指纹，一致后运行"
                ' liaison keys accept district --fingerprint "{n}"',
                "The return bundle is signed with a new district key (fingerprint {n}), not the registered one"
                " ({o}). Compare the fingerprint with the district office by phone; if it matches, run"
                " 'liaison keys accept district --fingerprint \"{n}\"'",
                n=new,
                o=known,
            )
        raise refused(
            "{p} 的数据包使用了新的密钥（指纹 {n}），与已登记的密钥（{o}）不同。请电话核对指纹后运行"
            " liaison keys accept {p}",
            "{p}'s bundle is signed with a new key (fingerprint {n}), not the registered one ({o}). Compare"
            " fingerprints by phone, then run 'liaison keys accept {p}'",
            p=verified.sender,
            n=new,
            o=known,
        )
    if status == keys.KeyCheck.FIRST and verified.kind == "return":
        # A station believes only the district key it was given: anyone can write a return bundle.
        verified.untrusted_key = True
        raise refused(
            "本机还没有区人大的公钥，无法确认此返回数据包来自区人大（签名密钥指纹 {n}）。请向区人大索取公钥文件"
            "（区人大公钥.liaison-key，区人大在“数据同步”页或用 liaison keys export-district 生成），用"
            " liaison keys import-district 文件 导入，并电话核对指纹；或电话核对上述指纹一致后运行"
            ' liaison keys accept district --fingerprint "{n}"',
            "This database does not hold the district's key yet, so this return bundle cannot be known to come from"
            " the district office (its signing key's fingerprint is {n}). Ask the office for its key file"
            " (区人大公钥.liaison-key, written on its Data exchange page or by 'liaison keys export-district'),"
            " import it with 'liaison keys import-district FILE' and compare the fingerprint by phone; or, once"
            " the office has confirmed that fingerprint by phone, run 'liaison keys accept district --fingerprint"
            ' "{n}"\'',
            n=new,
        )


def check_files(verified: VerifiedBundle, *, check_rows: bool = True) -> None:
    """Each member against its signed hash and row count, then (unless only the file is being checked, as an
    export reads back what it wrote) every row against the table's rules."""
    listed = verified.opened.manifest.get("files")
    if not isinstance(listed, list):
        raise refused("数据包清单缺少文件列表", "The bundle manifest lacks its list of files")
    members = verified.opened.members
    seen: set[str] = set()
    for entry in listed:
        if not isinstance(entry, dict):
            raise refused("数据包清单的文件列表无效", "The bundle manifest's file list is invalid")
        name, table = entry.get("name"), entry.get("table")
        if table not in KNOWN_TABLES or name != f"tables/{table}.csv" or name in seen:
            raise refused(
                "数据包清单列出了未知的表“{t}”",
                "The manifest lists an unknown table “{t}”",
                t=str(table)[:40],
            )
        seen.add(name)
        data = members.get(name)
        if data is None:
            raise refused("数据包缺少文件 {n}", "The bundle lacks the file {n}", n=name)
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise refused(
                "数据包中的 {n} 与清单不符：文件被改动或损坏",
                "{n} in the bundle does not match its manifest: altered or damaged",
                n=name,
            )
        rows = _parse(verified, str(table), data, check_rows)
        if len(rows) + sum(1 for r in verified.refused_rows if r.table == table) != entry.get("rows"):
            raise refused("{n} 的行数与清单不符", "The row count of {n} does not match its manifest", n=name)
    extra = set(members) - seen
    if extra:
        raise refused(
            "数据包含有清单以外的文件“{n}”",
            "The bundle holds a file not in its manifest “{n}”",
            n=sorted(extra)[0],
        )


def _blank_filled(
    header: tuple[str, ...], left_out: tuple[str, ...], check: Callable[[list[str]], list[Any]]
) -> Callable[[list[str]], list[Any]]:
    """A row without the withheld columns, checked as the full row with those cells empty. (The merge never
    takes the empty cells for values: app/sync/withheld.py.)"""
    positions = [header.index(c) for c in left_out]
    width = len(header) - len(positions)

    def checked(raw: list[str]) -> list[Any]:
        if len(raw) != width:
            raise RowRefused(text("列数不对", "wrong number of columns"))
        full = list(raw)
        for position in positions:
            full.insert(position, "")
        return check(full)

    return checked


def _parse(verified: VerifiedBundle, table: str, data: bytes, check_rows: bool = True) -> list[list[Any]]:
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError:
        raise refused("{t} 不是 UTF-8 文本", "{t} is not UTF-8 text", t=table) from None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
        expected = TOMBSTONE_COLUMNS if table == TOMBSTONES else SPECS[table].header
        left_out = verified.withheld.get(table, ())
        if left_out:
            expected = tuple(c for c in expected if c not in left_out)
        if header is None or tuple(header) != expected:
            raise refused(
                "{t} 的表头与数据包格式不符", "The header of {t} does not match the bundle format", t=table
            )
        check: Callable[[list[str]], list[Any]] = (
            check_tombstone if table == TOMBSTONES else SPECS[table].check_row
        )
        if left_out:
            check = _blank_filled(SPECS[table].header, left_out, check)
        good: list[list[Any]] = []
        if not check_rows:
            good.extend(reader)
            verified.tables[table] = good
            return good
        refused_rows = verified.refused_rows
        for line, raw in enumerate(reader, start=2):
            try:
                good.append(check(raw))
            except RowRefused as exc:
                refused_rows.append(RefusedRow(table, line, raw[0] if raw else "", exc.message))
    except csv.Error as exc:
        raise refused(
            "{t} 不是有效的 CSV（{m}）", "{t} is not valid CSV ({m})", t=table, m=str(exc)
        ) from None
    verified.tables[table] = good
    return good
