"""Key pairs and trust. Each side signs with Ed25519 and receives sealed bundles with X25519: stations seal for
the district, and the district seals each return bundle for its station. The private keys are stored encrypted
(app/sync/keystore.py).

Trust differs by direction. A station is given the district's keys by hand before its first export, in the key
file the district writes (app/sync/district_key.py), after comparing its fingerprint by phone; a return bundle
signed by any other key is refused until the station accepts that key, having compared its fingerprint. The
district trusts a station's signing key on first use; a different key later waits for a person to compare
fingerprints (by phone) and accept it. A sealing key travels in a signed manifest (or key file), so it is
trusted exactly as far as the signing key that vouches for it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.errors import UserError
from app.i18n import Text, text
from app.session import Session
from app.sync import keystore
from db.records import now_iso

SIGNING = "signing"
SEALING = "sealing"
DISTRICT_PEER = "district"


def fingerprint(public_key: bytes) -> str:
    """Short enough to read out over the phone: 16 hex digits in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(value: str) -> bytes:
    return base64.b64decode(value.encode("ascii"), validate=True)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def ensure_own_keys(db: sqlite_utils.Database, *, district: bool = False) -> None:
    """Create this database's key pairs if missing (idempotent; `init` may run twice, and a database set up
    before stations had a sealing key gets one on its next export). The private keys are stored encrypted, so
    creating one needs the passphrase (keystore.key). Both roles hold both pairs, so `district` changes
    nothing; it names the role for the reader of the call."""
    del district
    wanted: list[tuple[str, Ed25519PrivateKey | X25519PrivateKey]] = []
    if own_public(db, SIGNING) is None:
        wanted.append((SIGNING, Ed25519PrivateKey.generate()))
    if own_public(db, SEALING) is None:
        wanted.append((SEALING, X25519PrivateKey.generate()))
    if not wanted:
        return
    derived = keystore.key(db)
    with db.atomic():
        for purpose, key in wanted:
            public = _raw_public(key)
            db.execute(
                "INSERT INTO sync_own_keys (purpose, private_key, public_key, created_at, protection)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    purpose,
                    keystore.encrypt(derived, purpose, public, _raw_private(key)),
                    public,
                    now_iso(),
                    keystore.PASSPHRASE,
                ],
            )


def make_new_keys(db: sqlite_utils.Database, passphrase: str) -> None:
    """A forgotten passphrase: the stored private keys are of no use any more. New key pairs are made under a
    new passphrase; the other side accepts the new signing key after comparing its fingerprint, as after a
    reinstall (a station's: `liaison keys accept CODE` at the office; the district's: a new key file)."""
    keystore.check_new_passphrase(passphrase)
    with db.atomic():
        db.execute("DELETE FROM sync_own_keys")
        db.execute("DELETE FROM sync_key_protection")
        keystore.protect(db, passphrase)
        ensure_own_keys(db)


def own_public(db: sqlite_utils.Database, purpose: str) -> bytes | None:
    row = db.execute("SELECT public_key FROM sync_own_keys WHERE purpose = ?", [purpose]).fetchone()
    return bytes(row[0]) if row else None


def signing_key(db: sqlite_utils.Database) -> Ed25519PrivateKey:
    raw = keystore.stored_private(db, SIGNING)
    if raw is None:
        raise UserError(
            text(
                "本机没有签名密钥：请先运行 liaison init",
                "This database has no signing key: run 'liaison init' first",
            )
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


def sealing_key(db: sqlite_utils.Database) -> X25519PrivateKey | None:
    raw = keystore.stored_private(db, SEALING)
    return X25519PrivateKey.from_private_bytes(raw) if raw is not None else None


def verify_signature(public_key: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class PeerKey:
    peer: str
    purpose: str
    public_key: bytes
    fingerprint: str
    status: str
    first_seen: str


def peer_keys(db: sqlite_utils.Database, peer: str | None = None) -> list[PeerKey]:
    sql = "SELECT peer, purpose, public_key, fingerprint, status, first_seen FROM sync_peer_keys"
    params: list[str] = []
    if peer is not None:
        sql += " WHERE peer = ?"
        params.append(peer)
    rows = db.execute(sql + " ORDER BY peer, purpose, first_seen", params).fetchall()
    return [PeerKey(r[0], r[1], bytes(r[2]), r[3], r[4], r[5]) for r in rows]


def trusted(db: sqlite_utils.Database, peer: str, purpose: str) -> bytes | None:
    row = db.execute(
        "SELECT public_key FROM sync_peer_keys WHERE peer = ? AND purpose = ? AND status = 'trusted'",
        [peer, purpose],
    ).fetchone()
    return bytes(row[0]) if row else None


class KeyCheck:
    """What trust says about a key offered by a bundle: known, first seen (to be trusted), or a stranger."""

    KNOWN = "known"
    FIRST = "first"
    CHANGED = "changed"


def check_peer(db: sqlite_utils.Database, peer: str, purpose: str, public_key: bytes) -> str:
    current = trusted(db, peer, purpose)
    if current is None:
        return KeyCheck.FIRST
    return KeyCheck.KNOWN if current == public_key else KeyCheck.CHANGED


def trust_first(db: sqlite_utils.Database, peer: str, purpose: str, public_key: bytes) -> None:
    """Trust on first use; the caller holds the transaction that imports the bundle."""
    db.execute(
        "INSERT OR IGNORE INTO sync_peer_keys (peer, purpose, public_key, fingerprint, status, first_seen,"
        " accepted_at) VALUES (?, ?, ?, ?, 'trusted', ?, ?)",
        [peer, purpose, public_key, fingerprint(public_key), now_iso(), now_iso()],
    )


def replace_trusted(db: sqlite_utils.Database, peer: str, purpose: str, public_key: bytes) -> None:
    if trusted(db, peer, purpose) == public_key:
        return
    db.execute(
        "UPDATE sync_peer_keys SET status = 'retired' WHERE peer = ? AND purpose = ? AND status = 'trusted'",
        [peer, purpose],
    )
    db.execute(
        "INSERT INTO sync_peer_keys (peer, purpose, public_key, fingerprint, status, first_seen, accepted_at)"
        " VALUES (?, ?, ?, ?, 'trusted', ?, ?) ON CONFLICT (peer, purpose, fingerprint) DO UPDATE SET"
        " status = 'trusted', accepted_at = excluded.accepted_at",
        [peer, purpose, public_key, fingerprint(public_key), now_iso(), now_iso()],
    )


def remember_pending(
    db: sqlite_utils.Database, peer: str, purpose: str, public_key: bytes, *, vouched_by: str = ""
) -> None:
    """A refused key is remembered so that it can be accepted after comparing fingerprints. A sealing key names
    the signing key that vouched for it, and is accepted with that key."""
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO sync_peer_keys (peer, purpose, public_key, fingerprint, status, first_seen,"
            " vouched_by) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
            [peer, purpose, public_key, fingerprint(public_key), now_iso(), vouched_by],
        )


def pending(db: sqlite_utils.Database, peer: str) -> list[PeerKey]:
    """`peer`'s signing keys waiting to be accepted, newest first."""
    found = [k for k in peer_keys(db, peer) if k.purpose == SIGNING and k.status == "pending"]
    return sorted(found, key=lambda k: (k.first_seen, k.fingerprint), reverse=True)


def accept(db: sqlite_utils.Database, peer: str, operator: str, key_fingerprint: str | None = None) -> str:
    """Make the pending signing key of `peer` the trusted one, with the sealing key it vouched for (if one
    waits); returns its fingerprint."""
    rows = db.execute(
        "SELECT fingerprint FROM sync_peer_keys WHERE peer = ? AND purpose = ? AND status = 'pending'"
        " ORDER BY first_seen DESC, fingerprint",
        [peer, SIGNING],
    ).fetchall()
    wanted = normalise_fingerprint(key_fingerprint) if key_fingerprint else None
    chosen = [r[0] for r in rows if wanted is None or normalise_fingerprint(r[0]) == wanted]
    if not chosen:
        raise UserError(_nothing_pending(peer, key_fingerprint))
    if wanted is None and len(chosen) > 1:
        raise UserError(
            text(
                "{p} 有多个待确认密钥，请用 --fingerprint 指明要接受哪一个",
                "{p} has several pending keys; name the one to accept with --fingerprint",
                p=_peer_name(peer),
            )
        )
    with db.atomic():
        _promote(db, peer, SIGNING, chosen[0], operator)
        sealing = db.execute(
            "SELECT fingerprint FROM sync_peer_keys WHERE peer = ? AND purpose = ? AND status = 'pending'"
            " AND vouched_by = ? ORDER BY first_seen DESC, fingerprint LIMIT 1",
            [peer, SEALING, chosen[0]],
        ).fetchone()
        if sealing is not None:
            _promote(db, peer, SEALING, sealing[0], operator)
    return str(chosen[0])


def _promote(db: sqlite_utils.Database, peer: str, purpose: str, key_fingerprint: str, operator: str) -> None:
    db.execute(
        "UPDATE sync_peer_keys SET status = 'retired' WHERE peer = ? AND purpose = ? AND status = 'trusted'",
        [peer, purpose],
    )
    db.execute(
        "UPDATE sync_peer_keys SET status = 'trusted', accepted_at = ?, accepted_by = ?"
        " WHERE peer = ? AND purpose = ? AND fingerprint = ?",
        [now_iso(), operator, peer, purpose, key_fingerprint],
    )


def _peer_name(peer: str) -> str | Text:
    return text("区人大", "the district office") if peer == DISTRICT_PEER else peer


def _nothing_pending(peer: str, key_fingerprint: str | None) -> Text:
    if peer == DISTRICT_PEER:
        return text(
            "没有指纹为 {f} 的区人大密钥等待确认：请先导入区人大的公钥文件（liaison keys import-district 文件），"
            "或导入用该密钥签名的返回数据包",
            "No district key with the fingerprint {f} is waiting to be accepted: import the district's key file"
            " first ('liaison keys import-district FILE'), or a return bundle signed with that key",
            f=key_fingerprint or "—",
        )
    return text(
        "{p} 没有等待确认的新密钥",
        "There is no new key waiting to be accepted for {p}",
        p=peer,
    )


def normalise_fingerprint(value: str) -> str:
    return "".join(value.split()).upper()


def accept_pending(session: Session, peer: str, key_fingerprint: str) -> str:
    """The office accepts `peer`'s new signing key, after hearing its fingerprint read out by phone."""
    return accept(session.db, peer, session.operator, key_fingerprint)
