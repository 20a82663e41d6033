"""The bundle file: a zip holding manifest.json, its Ed25519 signature and one CSV per table; optionally
sealed for its recipient — the district, or the one station a return bundle is for — (X25519 ECDH + HKDF-SHA256
+ AES-256-GCM), so that a lost stick reveals nothing. This module writes it and holds what reading it (unpack.py)
shares with writing: the names, the limits, the key derivation.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.errors import UserError
from app.i18n import text
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
    """Generous for years of a large station (a million records make a bundle of about 57 MB, whose tables
    inflate about five-fold), small enough that a hostile file can fill neither the memory nor the disk."""

    max_file_bytes: int = 512 * 1024**2
    max_members: int = 40
    # What the tables may inflate to, in all: at most max_ratio times the size of the zip holding them (but
    # never less than min_allowance), and never more than max_total_bytes.
    max_ratio: int = 32
    min_allowance: int = 1024**2
    max_total_bytes: int = 1024**3
    max_manifest_bytes: int = 256 * 1024
    max_envelope_bytes: int = 16 * 1024
    max_signature_bytes: int = 1024
    max_json_depth: int = 8
    # More rows than this breaking the rules: the bundle is refused whole rather than row by row.
    max_refused_rows: int = 10_000

    def allowance(self, compressed: int) -> int:
        return min(self.max_total_bytes, max(self.min_allowance, self.max_ratio * compressed))


DEFAULT_LIMITS = Limits()


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


def derive(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
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
    key = derive(shared, ephemeral_public, recipient_public)
    payload = AESGCM(key).encrypt(nonce, plain, envelope_bytes)
    return Sealed(_zip_bytes([(ENVELOPE, envelope_bytes), (PAYLOAD, payload)]), ephemeral)
