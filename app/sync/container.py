"""The bundle file: a zip holding manifest.json, its Ed25519 signature and one CSV per table; optionally
sealed for its recipient — the district, or the one station a return bundle is for — (X25519 ECDH + HKDF-SHA256
+ AES-256-GCM), so that a lost stick reveals nothing.

Reading trusts nothing in the file: sizes are counted while decompressing, names are checked before use, and
every member is hashed against the signed manifest. Every problem is a BundleRefused with one clear reason.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.errors import UserError
from app.i18n import Text, text
from app.sync import keys

FORMAT = "liaison-desk-bundle"
SEALED_FORMAT = "liaison-desk-sealed-bundle"
FORMAT_VERSION = 1
CIPHER = "X25519-HKDF-SHA256-AES-256-GCM"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
ENVELOPE = "envelope.json"
PAYLOAD = "payload.bin"
SUFFIX = ".liaison"


class BundleRefused(UserError):
    """The whole bundle is refused; nothing of it is written."""


@dataclass(frozen=True)
class Limits:
    """Generous for a year of a large station, small enough that a hostile file cannot fill the disk."""

    max_file_bytes: int = 2 * 1024**3
    max_members: int = 40
    max_member_bytes: int = 2 * 1024**3
    max_total_bytes: int = 4 * 1024**3
    max_manifest_bytes: int = 1024**2


DEFAULT_LIMITS = Limits()


@dataclass
class OpenedBundle:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    members: dict[str, bytes] = field(default_factory=dict)
    sealed: bool = False

    @property
    def bundle_hash(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()


def refused(zh: str, en: str, **params: Any) -> BundleRefused:
    return BundleRefused(text(zh, en, **params))


# ---------------------------------------------------------------- writing


def _zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=1)
    return buffer.getvalue()


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def build(
    manifest: dict[str, Any], files: dict[str, bytes], signer: Ed25519PrivateKey
) -> tuple[bytes, bytes]:
    """The plain (signed) bundle, and its manifest's bytes."""
    body = manifest_bytes(manifest)
    signature = keys.b64(signer.sign(body)).encode("ascii")
    return _zip_bytes([(MANIFEST, body), (SIGNATURE, signature), *files.items()]), body


def _derive(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=b"liaison-desk bundle v1",
    ).derive(shared)


@dataclass(frozen=True)
class Sealed:
    data: bytes
    ephemeral: X25519PrivateKey


def seal(plain: bytes, envelope_fields: dict[str, Any], recipient_public: bytes) -> Sealed:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(12)
    envelope = {
        **envelope_fields,
        "format": SEALED_FORMAT,
        "format_version": FORMAT_VERSION,
        "cipher": CIPHER,
        "recipient": keys.fingerprint(recipient_public),
        "ephemeral_public": keys.b64(ephemeral_public),
        "nonce": keys.b64(nonce),
    }
    envelope_bytes = json.dumps(envelope, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    key = _derive(shared, ephemeral_public, recipient_public)
    payload = AESGCM(key).encrypt(nonce, plain, envelope_bytes)
    return Sealed(_zip_bytes([(ENVELOPE, envelope_bytes), (PAYLOAD, payload)]), ephemeral)


# ---------------------------------------------------------------- reading


def _check_name(name: str) -> None:
    if (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in name.split("/")
        or ":" in name
        or "\x00" in name
    ):
        raise refused(
            "数据包含有不安全的文件名“{n}”", "The bundle holds an unsafe member name “{n}”", n=name[:80]
        )


def _read_zip(data: bytes, limits: Limits, allowed: set[str] | None, prefix: str = "") -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise refused(
            "文件不是完整的数据包（可能只复制了一部分或已损坏）",
            "The file is not a complete bundle (half copied or damaged)",
        ) from None
    if len(infos) > limits.max_members:
        raise refused("数据包的成员过多（{n}）", "The bundle has too many members ({n})", n=len(infos))
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        _check_name(info.filename)
        if info.is_dir() or info.filename in members:
            raise refused(
                "数据包含有多余的成员“{n}”", "The bundle holds an unexpected member “{n}”", n=info.filename
            )
        if (
            allowed is not None
            and info.filename not in allowed
            and not info.filename.startswith(prefix or "\0")
        ):
            raise refused(
                "数据包含有多余的成员“{n}”", "The bundle holds an unexpected member “{n}”", n=info.filename
            )
        if info.file_size > limits.max_member_bytes:
            raise _too_big(info.filename)
        chunks: list[bytes] = []
        size = 0
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(1 << 20):
                    size += len(chunk)
                    total += len(chunk)
                    # Counted while inflating: the sizes in the zip's own directory may lie.
                    if size > limits.max_member_bytes or total > limits.max_total_bytes:
                        raise _too_big(info.filename)
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ):
            raise refused(
                "数据包成员“{n}”已损坏", "The bundle member “{n}” is damaged", n=info.filename
            ) from None
        members[info.filename] = b"".join(chunks)
    return members


def _too_big(name: str) -> BundleRefused:
    return refused(
        "数据包成员“{n}”解压后超过大小上限", "The bundle member “{n}” is larger than allowed", n=name
    )


def _json(data: bytes, what: Text) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused(text("{w}不是有效的 JSON", "{w} is not valid JSON", w=what)) from None
    if not isinstance(value, dict):
        raise BundleRefused(text("{w}不是有效的 JSON 对象", "{w} is not a JSON object", w=what))
    return value


def open_bundle(
    data: bytes,
    *,
    sealing_public: bytes | None = None,
    unlock: Callable[[], X25519PrivateKey | None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    here: str = "",
) -> OpenedBundle:
    """Unpack (and unseal) a bundle. Hashes, signature and trust are checked by the caller (verify.py).
    `sealing_public` is this database's sealing key, to which a sealed bundle must be addressed; `unlock` gives
    its private key, and is called only for a bundle so addressed (it may ask for the passphrase). `here` is
    this database's origin (a station code or 'district'), named in the refusal of a bundle sealed for someone
    else."""
    if not data:
        raise refused("文件是空的", "The file is empty")
    if len(data) > limits.max_file_bytes:
        raise refused("文件过大，不是数据包", "The file is too large to be a bundle")
    outer = _read_zip(data, limits, {MANIFEST, SIGNATURE, ENVELOPE, PAYLOAD}, prefix="tables/")
    sealed = ENVELOPE in outer
    if sealed:
        if set(outer) != {ENVELOPE, PAYLOAD}:
            raise refused("加密数据包的内容不完整", "The sealed bundle is incomplete")
        inner = _unseal(outer[ENVELOPE], outer[PAYLOAD], sealing_public, unlock, here)
        members = _read_zip(inner, limits, {MANIFEST, SIGNATURE}, prefix="tables/")
    else:
        members = outer
    if MANIFEST not in members or SIGNATURE not in members:
        raise refused("数据包缺少清单或签名", "The bundle lacks its manifest or signature")
    manifest_raw = members.pop(MANIFEST)
    if len(manifest_raw) > limits.max_manifest_bytes:
        raise _too_big(MANIFEST)
    try:
        signature = keys.unb64(members.pop(SIGNATURE).decode("ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise refused("数据包的签名无法读取", "The bundle's signature cannot be read") from None
    manifest = _json(manifest_raw, text("清单", "The manifest"))
    if manifest.get("format") != FORMAT:
        raise refused("不是本软件的数据包", "Not a Liaison Desk bundle")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise refused(
            "数据包格式版本 {v} 不受支持（本程序支持 {s}）",
            "Bundle format version {v} is not supported (this program reads {s})",
            v=manifest.get("format_version"),
            s=FORMAT_VERSION,
        )
    return OpenedBundle(manifest, manifest_raw, signature, members, sealed)


def _not_ours(envelope: dict[str, Any], here: str) -> BundleRefused:
    """Sealed for someone else. The envelope is not yet authenticated, but it only names whom to ask; a forged
    name gains nothing, since nothing can be decrypted."""
    code = str(envelope.get("station_code", ""))[:32]
    fp = str(envelope.get("recipient", ""))[:40]
    if envelope.get("sender") == keys.DISTRICT_PEER:
        if code and code == here:
            return refused(
                "这是区人大发给本家站点（{c}）的返回数据包，但加密用的是另一把密钥（{f}）：本机可能重新安装过。"
                "请先向区人大导出一次数据包，再请区人大重新生成返回数据包",
                "This return bundle is for this station ({c}) but sealed for another key ({f}): this database may"
                " have been set up again. Send the district a bundle first, then ask for a new return bundle",
                c=code,
                f=fp,
            )
        return refused(
            "这是区人大发给家站点 {c} 的返回数据包，已加密给该家站点，本机不能打开",
            "This return bundle is sealed for station {c}; this database cannot open it",
            c=code or "?",
        )
    if here == keys.DISTRICT_PEER:  # a station bundle sealed for an earlier district key
        return refused(
            "数据包是加密给另一把密钥（{f}）的，本机不能打开",
            "The bundle is sealed for another key ({f}); this database cannot open it",
            f=fp,
        )
    return refused(
        "这是家站点 {c} 加密给区人大的数据包，本机不能打开",
        "This bundle from station {c} is sealed for the district office; this database cannot open it",
        c=code or "?",
    )


def _unseal(
    envelope_bytes: bytes,
    payload: bytes,
    own_public: bytes | None,
    unlock: Callable[[], X25519PrivateKey | None] | None,
    here: str = "",
) -> bytes:
    envelope = _json(envelope_bytes, text("信封", "The envelope"))
    if envelope.get("format") != SEALED_FORMAT or envelope.get("cipher") != CIPHER:
        raise refused("加密数据包的格式不受支持", "The sealed bundle's format is not supported")
    if own_public is None or unlock is None or envelope.get("recipient") != keys.fingerprint(own_public):
        raise _not_ours(envelope, here)
    sealing_key = unlock()  # addressed to us: only now is the private key (and perhaps the passphrase) needed
    if sealing_key is None:
        raise _not_ours(envelope, here)
    try:
        ephemeral_public = keys.unb64(str(envelope["ephemeral_public"]))
        nonce = keys.unb64(str(envelope["nonce"]))
        shared = sealing_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = _derive(shared, ephemeral_public, own_public)
        return AESGCM(key).decrypt(nonce, payload, envelope_bytes)
    except (KeyError, ValueError, InvalidTag):
        raise refused(
            "加密数据包已被改动或损坏，无法解密",
            "The sealed bundle was altered or damaged: it cannot be decrypted",
        ) from None


def unseal_with_ephemeral(sealed: Sealed, recipient_public: bytes) -> bytes:
    """The sender's own read-back: it still holds the ephemeral key, so it can check what it wrote."""
    outer = _read_zip(sealed.data, DEFAULT_LIMITS, {ENVELOPE, PAYLOAD})
    envelope_bytes = outer[ENVELOPE]
    envelope = json.loads(envelope_bytes)
    ephemeral_public = keys.unb64(envelope["ephemeral_public"])
    shared = sealed.ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _derive(shared, ephemeral_public, recipient_public)
    return AESGCM(key).decrypt(keys.unb64(envelope["nonce"]), outer[PAYLOAD], envelope_bytes)
