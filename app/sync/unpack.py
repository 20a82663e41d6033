"""Opening a bundle without trusting it, and without holding anything of it unbounded.

Names are checked before use. Before the signature is checked, only the manifest and its signature are inflated
(each within a small bound, the JSON no deeper than a few levels) and, for a sealed bundle, the envelope and the
ciphertext (which cannot be larger than the file carrying it). The tables stay compressed until verify.py has
checked the signature; each is then inflated only as far as its signed size, hashed on the way, and all of them
together only within an allowance proportional to the size of the zip holding them.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app import bounded
from app.i18n import Text, text
from app.sync import keys
from app.sync.container import (
    CIPHER,
    DEFAULT_LIMITS,
    ENVELOPE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    PAYLOAD,
    SEALED_FORMAT,
    SIGNATURE,
    BundleRefused,
    Limits,
    Sealed,
    derive,
    refused,
)

TABLES_PREFIX = "tables/"


class MemberAltered(BundleRefused):
    """A table's bytes are not the ones its signed manifest describes."""

    def __init__(self, name: str) -> None:
        super().__init__(
            text(
                "数据包中的 {n} 与清单不符：文件被改动或损坏",
                "{n} in the bundle does not match its manifest: altered or damaged",
                n=name,
            )
        )
        self.name = name


@dataclass
class OpenedBundle:
    """The manifest and its signature, read; the tables still compressed in `archive`, to be inflated only
    after the signature is checked, and only through read_member."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    sealed: bool = False
    archive: zipfile.ZipFile | None = None
    entries: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    allowance: int = 0  # bytes the tables may inflate to, in all
    limits: Limits = DEFAULT_LIMITS

    @property
    def bundle_hash(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def member_names(self) -> set[str]:
        return set(self.entries)

    def read_member(self, name: str, size: int, sha256: str, *, keep: bool = True) -> bytearray:
        """The member as the signed manifest describes it (`size` bytes hashing to `sha256`), or MemberAltered.
        Inflation stops at the first byte past `size`; without `keep`, only the hash is taken."""
        info = self.entries[name]
        if self.archive is None or info.file_size != size:
            raise MemberAltered(name)
        digest = hashlib.sha256()
        buffer = bytearray(size if keep else 0)
        filled = 0
        try:
            with memoryview(buffer) as view:
                for chunk in bounded.inflate(self.archive, info, size):
                    digest.update(chunk)
                    if keep:
                        view[filled : filled + len(chunk)] = chunk
                    filled += len(chunk)
        except bounded.TooLarge:
            raise MemberAltered(name) from None
        except bounded.DAMAGED:
            raise _damaged(name) from None
        if filled != size or digest.hexdigest() != sha256:
            raise MemberAltered(name)
        return buffer


def open_bundle(
    data: bytes,
    *,
    sealing_key: X25519PrivateKey | None,
    limits: Limits = DEFAULT_LIMITS,
    here: str = "",
) -> OpenedBundle:
    """Read (and unseal) a bundle as far as its manifest. The signature, trust and the tables are checked by
    the caller (verify.py). `here` is this database's origin (a station code or 'district'), named in the
    refusal of a bundle sealed for someone else."""
    if not data:
        raise refused("文件是空的", "The file is empty")
    if len(data) > limits.max_file_bytes:
        raise _file_too_large(limits)
    archive, entries = _directory(data, limits, {MANIFEST, SIGNATURE, ENVELOPE, PAYLOAD})
    sealed = ENVELOPE in entries or PAYLOAD in entries
    compressed = len(data)
    if sealed:
        if set(entries) != {ENVELOPE, PAYLOAD}:
            raise refused("加密数据包的内容不完整", "The sealed bundle is incomplete")
        envelope_bytes = _small(archive, entries[ENVELOPE], limits.max_envelope_bytes)
        # Ciphertext does not compress: it cannot be larger than the file that carries it.
        payload = _small(archive, entries[PAYLOAD], len(data))
        inner = _unseal(envelope_bytes, payload, sealing_key, limits, here)
        del payload
        archive, entries = _directory(inner, limits, {MANIFEST, SIGNATURE})
        compressed = len(inner)
    if MANIFEST not in entries or SIGNATURE not in entries:
        raise refused("数据包缺少清单或签名", "The bundle lacks its manifest or signature")
    manifest_raw = _small(archive, entries.pop(MANIFEST), limits.max_manifest_bytes)
    signature_raw = _small(archive, entries.pop(SIGNATURE), limits.max_signature_bytes)
    try:
        signature = keys.unb64(signature_raw.decode("ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise refused("数据包的签名无法读取", "The bundle's signature cannot be read") from None
    manifest = _json(
        manifest_raw,
        text("数据包清单（manifest.json）", "The manifest (manifest.json)"),
        limits,
        limits.max_manifest_bytes,
    )
    if manifest.get("format") != FORMAT:
        raise refused("不是本软件的数据包", "Not a Liaison Desk bundle")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise refused(
            "数据包格式版本 {v} 不受支持（本程序支持 {s}）",
            "Bundle format version {v} is not supported (this program reads {s})",
            v=str(manifest.get("format_version"))[:20],
            s=FORMAT_VERSION,
        )
    return OpenedBundle(
        manifest, manifest_raw, signature, sealed, archive, entries, limits.allowance(compressed), limits
    )


def _directory(
    data: bytes, limits: Limits, allowed: set[str]
) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The zip's members by name, checked by name only: nothing is inflated here."""
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
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        _check_name(name)
        if (
            info.is_dir()
            or name in entries
            or (name not in allowed and not (name.startswith(TABLES_PREFIX) and MANIFEST in allowed))
        ):
            raise refused(
                "数据包含有多余的成员“{n}”", "The bundle holds an unexpected member “{n}”", n=name[:80]
            )
        entries[name] = info
    return archive, entries


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


def _small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member read before anything is authenticated: never more than `limit` bytes of it."""
    try:
        return bounded.read_member(archive, info, limit)
    except bounded.TooLarge:
        raise refused(
            "数据包成员“{n}”解压后超过 {k} KB 的上限：文件已被改动，或不是本软件写出的。请让发送方重新导出",
            "The bundle member “{n}” inflates beyond its limit of {k} KB: the file was altered, or not written"
            " by this program. Ask the sender to export it again",
            n=info.filename,
            k=max(1, limit // 1024),
        ) from None
    except bounded.DAMAGED:
        raise _damaged(info.filename) from None


def _damaged(name: str) -> BundleRefused:
    return refused("数据包成员“{n}”已损坏", "The bundle member “{n}” is damaged", n=name)


def _file_too_large(limits: Limits) -> BundleRefused:
    return refused(
        "文件过大（超过 {m} MB），不是数据包",
        "The file is too large to be a bundle (over {m} MB)",
        m=limits.max_file_bytes // 1024**2,
    )


def _json(data: bytes, what: Text, limits: Limits, max_bytes: int) -> dict[str, Any]:
    try:
        value = bounded.load_json(data, max_bytes=max_bytes, max_depth=limits.max_json_depth)
    except bounded.TooLarge:
        raise BundleRefused(
            text(
                "{w}超过 {k} KB 的上限：不是本软件写出的。请让发送方重新导出",
                "{w} is larger than its limit of {k} KB: not written by this program. Ask the sender to"
                " export again",
                w=what,
                k=max(1, max_bytes // 1024),
            )
        ) from None
    except bounded.TooDeep:
        raise BundleRefused(
            text(
                "{w}的嵌套超过 {d} 层：不是本软件写出的，可能是伪造的。请让发送方重新导出",
                "{w} is nested deeper than {d} levels: not written by this program, perhaps forged. Ask the"
                " sender to export again",
                w=what,
                d=limits.max_json_depth,
            )
        ) from None
    except bounded.NotJson:
        raise BundleRefused(text("{w}不是有效的 JSON", "{w} is not valid JSON", w=what)) from None
    if not isinstance(value, dict):
        raise BundleRefused(text("{w}不是有效的 JSON 对象", "{w} is not a JSON object", w=what))
    return value


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
    sealing_key: X25519PrivateKey | None,
    limits: Limits,
    here: str = "",
) -> bytes:
    envelope = _json(
        envelope_bytes,
        text("加密数据包的信封（envelope.json）", "The envelope (envelope.json)"),
        limits,
        limits.max_envelope_bytes,
    )
    if envelope.get("format") != SEALED_FORMAT or envelope.get("cipher") != CIPHER:
        raise refused("加密数据包的格式不受支持", "The sealed bundle's format is not supported")
    own_public = (
        sealing_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        if sealing_key is not None
        else b""
    )
    if sealing_key is None or envelope.get("recipient") != keys.fingerprint(own_public):
        raise _not_ours(envelope, here)
    try:
        ephemeral_public = keys.unb64(str(envelope["ephemeral_public"]))
        nonce = keys.unb64(str(envelope["nonce"]))
        shared = sealing_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = derive(shared, ephemeral_public, own_public)
        return AESGCM(key).decrypt(nonce, payload, envelope_bytes)
    except (KeyError, ValueError, InvalidTag):
        raise refused(
            "加密数据包已被改动或损坏，无法解密",
            "The sealed bundle was altered or damaged: it cannot be decrypted",
        ) from None


def unseal_with_ephemeral(sealed: Sealed, recipient_public: bytes) -> bytes:
    """The sender's own read-back: it still holds the ephemeral key, so it can check what it wrote."""
    limits = DEFAULT_LIMITS
    archive, entries = _directory(sealed.data, limits, {ENVELOPE, PAYLOAD})
    envelope_bytes = _small(archive, entries[ENVELOPE], limits.max_envelope_bytes)
    envelope = _json(envelope_bytes, text("信封", "The envelope"), limits, limits.max_envelope_bytes)
    payload = _small(archive, entries[PAYLOAD], len(sealed.data))
    ephemeral_public = keys.unb64(str(envelope["ephemeral_public"]))
    shared = sealed.ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = derive(shared, ephemeral_public, recipient_public)
    return AESGCM(key).decrypt(keys.unb64(str(envelope["nonce"])), payload, envelope_bytes)
