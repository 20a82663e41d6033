"""Hostile files for the refusal tests, made for real: zips written byte by byte (so that a member's directory
entry can lie about its size), deflate bombs that are small on disk, and bundles re-signed with a key.

A bomb is built by repeating one flushed deflate block of a mebibyte of zeros, so a gigabyte of inflation costs
a megabyte on disk and no time to make; its CRC is left wrong, since nothing that handles it safely reads it to
the end (and a reader that does has already inflated all of it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.sync import container

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024**2
GIB = 1024**3


@dataclass(frozen=True)
class Member:
    name: str
    raw: bytes  # as stored: raw deflate, or the bytes themselves when stored
    size: int  # the uncompressed size the zip's directory declares
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def member(name: str, data: bytes) -> Member:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))


_ZEROS = bytes(MIB)


def _zero_block() -> tuple[bytes, bytes]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(_ZEROS) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(_ZEROS) + packer.flush(zlib.Z_FULL_FLUSH)
    assert block == again  # a full flush resets the window: every mebibyte compresses the same
    return block, packer.flush()


_BLOCK, _END = _zero_block()


def bomb(name: str, mebibytes: int, *, declared: int | None = None, prefix: bytes = b"") -> Member:
    """`mebibytes` MiB of zeros (after `prefix`), declaring `declared` bytes (by default, the truth)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH) if prefix else b""
    raw = head + _BLOCK * mebibytes + _END
    size = len(prefix) + mebibytes * MIB
    return Member(name, raw, size if declared is None else declared, 0)


def zip_bytes(members: list[Member]) -> bytes:
    """A zip exactly as described, directory entries included (which zipfile.writestr would correct)."""
    out = bytearray()
    directory = bytearray()
    for m in members:
        offset = len(out)
        name = m.name.encode("utf-8")
        fields = (20, 0x0800, m.method, 0, 0x21, m.crc, len(m.raw), m.size, len(name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + m.raw
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(bundle: bytes) -> dict[str, Any]:
    return dict(json.loads(unzip(bundle)[container.MANIFEST]))


def describe(manifest: dict[str, Any], name: str, data: bytes) -> None:
    """Make the manifest's entry for `name` tell the truth about `data`."""
    for entry in manifest["files"]:
        if entry["name"] == name:
            entry["bytes"] = len(data)
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            records = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
            entry["rows"] = max(0, sum(1 for _ in records) - 1)


def signed(manifest: dict[str, Any], members: list[Member], signer: Ed25519PrivateKey) -> bytes:
    """A plain bundle: the manifest signed with `signer`, then the members as given."""
    body = container.manifest_bytes(manifest)
    signature = container.keys.b64(signer.sign(body)).encode("ascii")
    return zip_bytes([member(container.MANIFEST, body), member(container.SIGNATURE, signature), *members])


def stranger(manifest: dict[str, Any], code: str = "YP-99") -> tuple[dict[str, Any], Ed25519PrivateKey]:
    """The manifest re-addressed from a station never seen before, with a key of its own: trusted on first
    use, so anyone can sign such a bundle."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    changed = {
        **manifest,
        "sender": code,
        "station_code": code,
        "signing_key": container.keys.b64(public),
        "key_fingerprint": container.keys.fingerprint(public),
    }
    return changed, key


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    peak_mb: float  # the command's own peak resident memory


# A small process between the test and the command: Linux counts into a child's peak memory what its parent
# held when it was started, and pytest holds far more than this launcher does.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def liaison_measured(db: Path, *args: str, lang: str = "zh_CN") -> Run:
    """Run `liaison ARGS` in a child process and take its peak resident set size from the kernel's rusage of
    that very child (os.wait4 in the launcher that started it), so nothing else is counted. Linux only
    (ru_maxrss is in KiB there)."""
    env = {**os.environ, "LIAISON_DB": str(db), "LIAISON_LANG": lang}
    out_path, err_path, report = (db.with_suffix(s) for s in (".out", ".err", ".rusage"))
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), sys.executable, "-m", "app.cli", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
            check=True,
            timeout=300,
        )
    code, peak_kib = (int(n) for n in report.read_text().split())
    return Run(
        code, out_path.read_text(encoding="utf-8"), err_path.read_text(encoding="utf-8"), peak_kib / 1024
    )
