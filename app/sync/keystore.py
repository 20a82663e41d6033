"""Private keys at rest. A key that signs bundles, or opens bundles sealed for this database, must be of no use to
whoever copies the database file or one of its backups. So each private key is stored encrypted (AES-256-GCM)
under a key derived from a passphrase the clerk sets at first run (scrypt; the salt and cost are stored beside
it, so a backup opens anywhere with the passphrase and nowhere without it).

The passphrase is asked when a private key is needed (an export, an import of a sealed bundle), once per run:
the derived key is then kept in this process's memory. Where the operating system has a keyring (Windows
Credential Manager, the macOS Keychain, the Secret Service of a Linux desktop), the derived key is also kept
there, under this database's own id, so that this computer's account need not type it again; the database and
its backups still hold only ciphertext. Without a keyring (a headless machine) the passphrase is simply asked
each run.

Where the passphrase comes from is the caller's: `LIAISON_PASSPHRASE` in the environment (scripts and tests),
a prompt at the command line (app/cli), a dialog in the window (ui/passphrase.py, which unlocks before it starts
the work).

A database written before keys were encrypted holds them in clear ('clear'). The first time one of them is
needed with a passphrase at hand (or `liaison keys passphrase`), a passphrase is set and the keys are encrypted
in place, the freed pages overwritten. Backups made before then still hold them in clear.
"""

from __future__ import annotations

import base64
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import FieldError, UserError, ValidationError
from app.i18n import text
from db.records import now_iso

ENVIRONMENT_VARIABLE = "LIAISON_PASSPHRASE"
MIN_LENGTH = 8
# scrypt's cost: about a tenth of a second on an office PC, so that guessing passphrases against a stolen backup
# is slow. Stored with each database, so raising it later leaves existing databases readable.
SCRYPT_COST = 2**15
SCRYPT_BLOCK_SIZE = 8
SCRYPT_PARALLELISM = 1
KEYRING_SERVICE = "Liaison Desk"
CLEAR = "clear"
PASSPHRASE = "passphrase"
_CHECK_TEXT = b"liaison-desk passphrase check"

# What a passphrase is asked for: to unlock existing keys, or to protect them with a new one.
UNLOCK = "unlock"
NEW = "new"
PassphraseSource = Callable[[str], str | None]


class PassphraseNeeded(UserError):
    """A private key is needed and no passphrase was given (or no keyring holds it)."""


@dataclass(frozen=True)
class Protection:
    salt: bytes
    cost: int
    block_size: int
    parallelism: int
    check_value: bytes
    store_id: str


def from_environment(_purpose: str) -> str | None:
    return os.environ.get(ENVIRONMENT_VARIABLE) or None


_source: PassphraseSource = from_environment
_unlocked: dict[bytes, bytes] = {}
_lock = threading.Lock()


def set_passphrase_source(source: PassphraseSource) -> None:
    """Where a passphrase comes from when one is needed and none is held (the command line prompts)."""
    global _source
    _source = source


def forget() -> None:
    """Drop every derived key held in memory (tests; a locked window)."""
    with _lock:
        _unlocked.clear()


def protection(db: sqlite_utils.Database) -> Protection | None:
    row = db.execute(
        "SELECT salt, cost, block_size, parallelism, check_value, store_id FROM sync_key_protection WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return Protection(bytes(row[0]), int(row[1]), int(row[2]), int(row[3]), bytes(row[4]), str(row[5]))


def has_clear_keys(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM sync_own_keys WHERE protection = ?", [CLEAR]).fetchone() is not None


def is_unlocked(db: sqlite_utils.Database) -> bool:
    """True when a private key can be used without asking: the derived key is in memory or in the keyring."""
    found = protection(db)
    if found is None:
        return False
    return _held(found) is not None


def needs_passphrase(db: sqlite_utils.Database) -> str | None:
    """What the window must ask before work that uses a private key: NEW (no passphrase set yet), UNLOCK, or
    None (nothing to ask)."""
    found = protection(db)
    if found is None:
        return NEW
    return None if _held(found) is not None else UNLOCK


def check_new_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_LENGTH:
        message = text(
            "口令至少需要 {n} 个字符", "The passphrase needs at least {n} characters", n=MIN_LENGTH
        )
        raise ValidationError([FieldError("passphrase", message)])
    return passphrase


# ---------------------------------------------------------------- the derived key


def key(db: sqlite_utils.Database) -> bytes:
    """The key that encrypts this database's private keys: from memory, the keyring, or a passphrase from the
    source (which sets one up if this database has none yet, encrypting keys stored in clear)."""
    found = protection(db)
    if found is not None:
        held = _held(found)
        if held is not None:
            return held
        passphrase = _source(UNLOCK)
        if not passphrase:
            raise _needed()
        return unlock(db, passphrase)
    passphrase = _source(NEW)
    if not passphrase:
        raise _needed()
    return protect(db, passphrase)


def unlock(db: sqlite_utils.Database, passphrase: str) -> bytes:
    """Check `passphrase` against this database and keep the derived key for this run."""
    found = protection(db)
    if found is None:
        raise _needed()
    derived = _derive(passphrase, found)
    try:
        AESGCM(derived).decrypt(found.check_value[:12], found.check_value[12:], found.store_id.encode())
    except InvalidTag:
        raise UserError(
            text(
                "口令不对：数据库的密钥没有解开",
                "Wrong passphrase: the database's keys stay locked",
            )
        ) from None
    _hold(found, derived)
    return derived


def protect(db: sqlite_utils.Database, passphrase: str) -> bytes:
    """Set this database's passphrase (it has none yet), encrypting any private key stored in clear. The old
    clear bytes are overwritten in the file and its write-ahead log, not merely unlinked from the table."""
    check_new_passphrase(passphrase)
    if protection(db) is not None:
        raise UserError(text("此数据库已设置口令", "This database already has a passphrase"))
    found, derived = _new_protection(passphrase)
    clear = has_clear_keys(db)
    in_transaction = db.conn.in_transaction
    if clear and not in_transaction:
        db.execute("PRAGMA secure_delete = ON")
    try:
        with db.atomic():
            _store_protection(db, found)
            _reencrypt(db, None, derived)
        if clear and not in_transaction:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if clear and not in_transaction:
            db.execute("PRAGMA secure_delete = OFF")
    _hold(found, derived)
    return derived


def set_passphrase(session: Any, passphrase: str) -> None:
    """The window's operation (ctx.apply) for a database whose keys an earlier version left in clear."""
    protect(session.db, passphrase)


def change_passphrase(db: sqlite_utils.Database, old: str, new: str) -> None:
    """A new passphrase for keys already protected; the old one must be right."""
    check_new_passphrase(new)
    previous = protection(db)
    old_key = unlock(db, old)
    found, derived = _new_protection(new)
    db.execute("PRAGMA secure_delete = ON")
    try:
        with db.atomic():
            db.execute("DELETE FROM sync_key_protection")
            _store_protection(db, found)
            _reencrypt(db, old_key, derived)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.execute("PRAGMA secure_delete = OFF")
    if previous is not None:
        with _lock:
            _unlocked.pop(previous.salt, None)
        _keyring_forget(previous)
    _hold(found, derived)


def _new_protection(passphrase: str) -> tuple[Protection, bytes]:
    salt = os.urandom(16)
    store_id = str(uuid.uuid4())
    draft = Protection(salt, SCRYPT_COST, SCRYPT_BLOCK_SIZE, SCRYPT_PARALLELISM, b"", store_id)
    derived = _derive(passphrase, draft)
    nonce = os.urandom(12)
    check = nonce + AESGCM(derived).encrypt(nonce, _CHECK_TEXT, store_id.encode())
    return Protection(salt, draft.cost, draft.block_size, draft.parallelism, check, store_id), derived


def _store_protection(db: sqlite_utils.Database, found: Protection) -> None:
    db.execute(
        "INSERT INTO sync_key_protection (id, kdf, salt, cost, block_size, parallelism, check_value, store_id,"
        " created_at) VALUES (1, 'scrypt', ?, ?, ?, ?, ?, ?, ?)",
        [
            found.salt,
            found.cost,
            found.block_size,
            found.parallelism,
            found.check_value,
            found.store_id,
            now_iso(),
        ],
    )


def _reencrypt(db: sqlite_utils.Database, old_key: bytes | None, new_key: bytes) -> None:
    rows = db.execute("SELECT purpose, private_key, public_key, protection FROM sync_own_keys").fetchall()
    for purpose, stored, public, how in rows:
        if how == CLEAR:
            raw = bytes(stored)
        elif old_key is not None:
            raw = decrypt(old_key, purpose, bytes(public), bytes(stored))
        else:
            continue
        db.execute(
            "UPDATE sync_own_keys SET private_key = ?, protection = ? WHERE purpose = ?",
            [encrypt(new_key, purpose, bytes(public), raw), PASSPHRASE, purpose],
        )


def _derive(passphrase: str, found: Protection) -> bytes:
    return Scrypt(salt=found.salt, length=32, n=found.cost, r=found.block_size, p=found.parallelism).derive(
        passphrase.encode("utf-8")
    )


def _needed() -> PassphraseNeeded:
    return PassphraseNeeded(
        text(
            "需要本机密钥口令：请在提示时输入，或在脚本中设置环境变量 {v}",
            "This database's passphrase is needed: type it when asked, or set {v} in a script",
            v=ENVIRONMENT_VARIABLE,
        )
    )


def _held(found: Protection) -> bytes | None:
    with _lock:
        derived = _unlocked.get(found.salt)
    if derived is not None:
        return derived
    derived = _keyring_get(found)
    if derived is not None:
        with _lock:
            _unlocked[found.salt] = derived
    return derived


def _hold(found: Protection, derived: bytes) -> None:
    with _lock:
        _unlocked[found.salt] = derived
    _keyring_set(found, derived)


# ---------------------------------------------------------------- one private key


def _associated(purpose: str, public_key: bytes) -> bytes:
    # Bound to its purpose and public key: a ciphertext moved to another row does not decrypt.
    return b"liaison-desk private key v1\x00" + purpose.encode("ascii") + b"\x00" + public_key


def encrypt(derived: bytes, purpose: str, public_key: bytes, raw: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(derived).encrypt(nonce, raw, _associated(purpose, public_key))


def decrypt(derived: bytes, purpose: str, public_key: bytes, stored: bytes) -> bytes:
    try:
        return AESGCM(derived).decrypt(stored[:12], stored[12:], _associated(purpose, public_key))
    except InvalidTag:
        raise UserError(
            text(
                "本机密钥已损坏或被改动，无法解开",
                "This database's private key is damaged or was altered: it cannot be unlocked",
            )
        ) from None


def stored_private(db: sqlite_utils.Database, purpose: str) -> bytes | None:
    """The raw private key of `purpose`, unlocked (asking for the passphrase through the source if need be)."""
    row = db.execute(
        "SELECT private_key, public_key, protection FROM sync_own_keys WHERE purpose = ?", [purpose]
    ).fetchone()
    if row is None:
        return None
    if row[2] == CLEAR:
        # Written by an earlier version: protected now, if a passphrase can be had; never used as it is.
        key(db)
        return stored_private(db, purpose)
    return decrypt(key(db), purpose, bytes(row[1]), bytes(row[0]))


# ---------------------------------------------------------------- the operating system's keyring


def _keyring() -> Any | None:
    """The keyring module when it is installed and has a working backend; None otherwise (a headless Linux,
    a build without it): the passphrase is then asked each run."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the program: it is only a convenience
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def _keyring_get(found: Protection) -> bytes | None:
    ring = _keyring()
    if ring is None:
        return None
    try:
        stored = ring.get_password(KEYRING_SERVICE, found.store_id)
    except Exception:  # no D-Bus session, a locked keychain…: ask for the passphrase instead
        return None
    if not stored:
        return None
    try:
        derived = base64.b64decode(stored, validate=True)
        AESGCM(derived).decrypt(found.check_value[:12], found.check_value[12:], found.store_id.encode())
    except (ValueError, InvalidTag):
        return None  # another database's entry under a reused id, or damaged: the passphrase decides
    return derived


def _keyring_set(found: Protection, derived: bytes) -> None:
    ring = _keyring()
    if ring is None:
        return
    try:
        ring.set_password(KEYRING_SERVICE, found.store_id, base64.b64encode(derived).decode("ascii"))
    except Exception:  # not kept: the passphrase is asked again next run
        return


def _keyring_forget(found: Protection) -> None:
    ring = _keyring()
    if ring is None:
        return
    try:
        ring.delete_password(KEYRING_SERVICE, found.store_id)
    except Exception:  # nothing was kept there
        return
