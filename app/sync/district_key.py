"""The district's key file (区人大公钥.liaison-key): the district office's public keys, handed to each station
before its first export, so that the station's first bundle is already sealed and no return bundle from anyone
else is believed. The file holds no secret; what makes it trustworthy is the fingerprint, which the station
compares with the office by phone.

It is small UTF-8 JSON: the keys, and an Ed25519 signature by the district's signing key over them, so that the
sealing key cannot be swapped without changing the fingerprint the station reads out (the fingerprint is the
signing key's, as on every bundle).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import settings
from app.errors import UserError
from app.i18n import text
from app.session import Session
from app.sync import keys
from db.records import now_iso

FORMAT = "liaison-desk-district-key"
FORMAT_VERSION = 1
SUFFIX = ".liaison-key"
FILE_NAME = "区人大公钥" + SUFFIX
MAX_BYTES = 64 * 1024

# What installing a key file did at a station.
TRUSTED = "trusted"  # the first district key: trusted now
ALREADY = "already"  # the key already trusted (its sealing key refreshed if it changed)
PENDING = "pending"  # a different key: waits until accepted with its fingerprint


@dataclass(frozen=True)
class DistrictKey:
    district_name: str
    signing: bytes
    sealing: bytes

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.signing)


@dataclass(frozen=True)
class Installed:
    outcome: str
    key: DistrictKey
    previous_fingerprint: str = ""


def _body(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write(session: Session, out: Path | str) -> tuple[Path, DistrictKey]:
    """The district's key file at `out` (a *.liaison-key name; anything else is a folder, FILE_NAME in it).
    Public: written with the user's usual permissions, not privately like every other file, since it is meant
    to be copied to every station."""
    session.require_initialised()
    if not session.is_district:
        raise UserError(
            text(
                "只有区人大汇总端可以导出区人大公钥",
                "Only the district office writes the district's key file",
            )
        )
    keys.ensure_own_keys(session.db, district=True)
    signing, sealing = keys.own_public(session.db, keys.SIGNING), keys.own_public(session.db, keys.SEALING)
    if signing is None or sealing is None:
        raise AssertionError("ensure_own_keys makes both key pairs")
    key = DistrictKey(settings.DISTRICT_NAME.get(session.db), signing, sealing)
    fields = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "district_name": key.district_name,
        "created_at": now_iso(),
        "signing_key": keys.b64(signing),
        "sealing_key": keys.b64(sealing),
        "fingerprint": key.fingerprint,
    }
    signature = keys.signing_key(session.db).sign(_body(fields))
    document = {**fields, "signature": keys.b64(signature)}
    target = Path(out)
    if target.is_dir() or not target.name.endswith(SUFFIX):
        target = target / FILE_NAME
    temporary = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(
            text("无法写入 {p}（{m}）", "Cannot write {p} ({m})", p=str(target), m=exc.strerror or str(exc))
        ) from None
    return target, key


def read(path: Path | str) -> DistrictKey:
    """The key file's keys, its signature checked; any problem refuses the whole file with its reason."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _bad(path, text("文件过大", "the file is too large"))
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            text("无法读取 {p}（{m}）", "Cannot read {p} ({m})", p=str(path), m=exc.strerror or str(exc))
        ) from None
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad(path, text("不是 JSON 文本", "it is not JSON text")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _bad(path, text("不是本软件的区人大公钥文件", "it is not a Liaison Desk district key file"))
    if document.get("format_version") != FORMAT_VERSION:
        raise _bad(
            path,
            text(
                "格式版本 {v} 不受支持",
                "format version {v} is not supported",
                v=str(document.get("format_version"))[:10],
            ),
        )
    fields = {k: v for k, v in document.items() if k != "signature"}
    try:
        signing = keys.unb64(str(document.get("signing_key", "")))
        sealing = keys.unb64(str(document.get("sealing_key", "")))
        signature = keys.unb64(str(document.get("signature", "")))
    except ValueError:
        signing = sealing = signature = b""
    if len(signing) != 32 or len(sealing) != 32:
        raise _bad(path, text("公钥无效", "its keys are invalid"))
    if not keys.verify_signature(signing, signature, _body(fields)):
        raise _bad(path, text("签名不符：文件被改动过", "its signature does not match: it was altered"))
    name = document.get("district_name")
    return DistrictKey(name if isinstance(name, str) else "", signing, sealing)


def _bad(path: Path, why: Any) -> UserError:
    return UserError(
        text(
            "“{f}”不是有效的区人大公钥文件：{w}",
            "“{f}” is not a valid district key file: {w}",
            f=path.name,
            w=why,
        )
    )


def install(session: Session, path: Path | str, *, compared: bool = False) -> Installed:
    """At a station: take the district's keys from its key file. The first district key is trusted at once
    (the clerk is shown its fingerprint to compare by phone); a key different from the one trusted waits for
    `liaison keys accept district --fingerprint …`, as a return bundle signed with it would — unless the
    clerk has `compared` its fingerprint already (the window asks before it installs), which accepts it."""
    if session.role != "station":
        raise UserError(
            text("区人大公钥文件只在家站点导入", "The district's key file is imported at a station")
        )
    key = read(path)
    installed = install_key(session, key)
    if installed.outcome == PENDING and compared:
        keys.accept(session.db, keys.DISTRICT_PEER, session.operator, key.fingerprint)
    return installed


def install_key(session: Session, key: DistrictKey) -> Installed:
    db = session.db
    current = keys.trusted(db, keys.DISTRICT_PEER, keys.SIGNING)
    with db.atomic():
        if current is None:
            keys.replace_trusted(db, keys.DISTRICT_PEER, keys.SIGNING, key.signing)
            keys.replace_trusted(db, keys.DISTRICT_PEER, keys.SEALING, key.sealing)
            _accepted_by(session)
            return Installed(TRUSTED, key)
        if current == key.signing:
            # Signed by the key already trusted: its sealing key is the district's own word, as in a bundle.
            keys.replace_trusted(db, keys.DISTRICT_PEER, keys.SEALING, key.sealing)
            return Installed(ALREADY, key)
        keys.remember_pending(db, keys.DISTRICT_PEER, keys.SIGNING, key.signing)
        keys.remember_pending(db, keys.DISTRICT_PEER, keys.SEALING, key.sealing, vouched_by=key.fingerprint)
    return Installed(PENDING, key, keys.fingerprint(current))


def _accepted_by(session: Session) -> None:
    session.db.execute(
        "UPDATE sync_peer_keys SET accepted_by = ? WHERE peer = ? AND status = 'trusted' AND accepted_by = ''",
        [session.operator, keys.DISTRICT_PEER],
    )
