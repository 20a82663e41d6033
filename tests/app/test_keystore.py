"""Private keys at rest: encrypted under the passphrase, so that a copy of the database or of a backup cannot sign
a bundle or open one sealed for it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app import backup
from app.errors import UserError
from app.session import Session
from app.sync import export, importer, keys, keystore
from tests.app.test_sync_support import district, give_district_key, station
from tests.conftest import PASSPHRASE


@pytest.fixture
def no_passphrase(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Someone with a copy of the file and nothing else: no passphrase in the environment, none in memory."""
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    yield
    keystore.forget()


def _raw(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def test_a_backup_holds_no_usable_private_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = station(tmp_path, "YP-01", months=1)
    own_sealing = keys.sealing_key(desk.db)
    assert own_sealing is not None
    signing, sealing = _raw(keys.signing_key(desk.db)), _raw(own_sealing)
    public = keys.own_public(desk.db, keys.SIGNING) or b""
    copy = backup.backup_to(desk, tmp_path / "backup.db")
    data = copy.read_bytes()
    assert signing not in data and sealing not in data  # the raw key bytes are nowhere in the file
    with sqlite3.connect(copy) as conn:
        stored = conn.execute("SELECT purpose, private_key, protection FROM sync_own_keys").fetchall()
    assert {(purpose, how) for purpose, _, how in stored} == {
        ("signing", "passphrase"),
        ("sealing", "passphrase"),
    }
    # Whatever is stored, taken as a key, signs nothing the station's public key verifies.
    message = b"a bundle manifest"
    for _, blob, _ in stored:
        for start in range(0, len(blob) - 31):
            forged = Ed25519PrivateKey.from_private_bytes(bytes(blob[start : start + 32])).sign(message)
            assert not keys.verify_signature(public, forged, message)

    # Opened elsewhere without the passphrase, the backup can neither export nor open a sealed bundle.
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    thief = Session.open(copy)
    with pytest.raises(keystore.PassphraseNeeded):
        keys.signing_key(thief.db)
    with pytest.raises(keystore.PassphraseNeeded):
        export.export_station(thief, tmp_path / "stick", without_personal_data=True)
    with pytest.raises(UserError, match="口令不对"):
        keystore.unlock(thief.db, "猜一个口令试试")
    assert not (tmp_path / "stick").exists()
    # With it, the backup is the station again (a restore after a disk failure).
    keystore.unlock(thief.db, PASSPHRASE)
    assert _raw(keys.signing_key(thief.db)) == signing
    thief.close()


def test_a_sealed_bundle_needs_the_passphrase_to_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = station(tmp_path, "YP-01", months=1)
    office = district(tmp_path)
    give_district_key(desk, office)
    bundle = export.export_station(desk, tmp_path / "stick")
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    with pytest.raises(keystore.PassphraseNeeded) as needed:
        importer.import_paths(office, [bundle.path])
    assert keystore.ENVIRONMENT_VARIABLE in str(needed.value)
    assert office.db.execute("SELECT COUNT(*) FROM sync_bundles").fetchone()[0] == 0
    keystore.unlock(office.db, PASSPHRASE)  # as the window does, once per run
    assert importer.import_paths(office, [bundle.path]).ok


def test_keys_stored_in_clear_by_an_earlier_version_are_encrypted_once_a_passphrase_is_at_hand(
    tmp_path: Path, no_passphrase: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    old = Session.open(path)
    signing, sealing = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    with old.db.atomic():
        for purpose, key in (("signing", signing), ("sealing", sealing)):
            public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            old.db.execute(
                "INSERT INTO sync_own_keys (purpose, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
                [purpose, _raw(key), public, "2024-01-01T00:00:00Z"],
            )
    assert keystore.has_clear_keys(old.db) and keystore.needs_passphrase(old.db) == keystore.NEW
    # Not used as they are: the passphrase is set first.
    with pytest.raises(keystore.PassphraseNeeded):
        keys.signing_key(old.db)
    monkeypatch.setenv(keystore.ENVIRONMENT_VARIABLE, "旧库的新口令-2026")
    assert _raw(keys.signing_key(old.db)) == _raw(signing)
    assert not keystore.has_clear_keys(old.db)
    old.close()
    wal = path.with_name(path.name + "-wal")
    data = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert _raw(signing) not in data and _raw(sealing) not in data  # overwritten, not merely unlinked
    keystore.forget()
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    again = Session.open(path)
    with pytest.raises(keystore.PassphraseNeeded):
        keys.sealing_key(again.db)
    keystore.unlock(again.db, "旧库的新口令-2026")
    reopened = keys.sealing_key(again.db)
    assert reopened is not None and _raw(reopened) == _raw(sealing)
    again.close()


def test_the_passphrase_can_be_changed(station_session: Session, no_passphrase: None) -> None:
    db = station_session.db
    keystore.unlock(db, PASSPHRASE)
    before = _raw(keys.signing_key(db))
    with pytest.raises(UserError, match="口令不对"):
        keystore.change_passphrase(db, "不是这个口令", "新的口令-2027")
    with pytest.raises(UserError, match="至少"):
        keystore.change_passphrase(db, PASSPHRASE, "短")
    keystore.change_passphrase(db, PASSPHRASE, "新的口令-2027")
    keystore.forget()
    with pytest.raises(UserError, match="口令不对"):
        keystore.unlock(db, PASSPHRASE)
    keystore.unlock(db, "新的口令-2027")
    assert _raw(keys.signing_key(db)) == before


class MemoryKeyring:
    """An operating system keyring, as the keyring package presents one."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.entries.get((service, name))

    def set_password(self, service: str, name: str, value: str) -> None:
        self.entries[(service, name)] = value

    def delete_password(self, service: str, name: str) -> None:
        self.entries.pop((service, name), None)


def test_a_keyring_keeps_the_passphrase_off_the_screen_but_not_in_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = MemoryKeyring()
    monkeypatch.setattr(keystore, "_keyring", lambda: ring)
    desk = station(tmp_path, "YP-01", months=0)  # set up with the passphrase; the keyring remembers it
    assert len(ring.entries) == 1
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    assert keystore.needs_passphrase(desk.db) is None  # this computer's keyring unlocks it
    keys.signing_key(desk.db)
    # A backup taken to another computer (another keyring) asks for the passphrase.
    copy = backup.backup_to(desk, tmp_path / "backup.db")
    monkeypatch.setattr(keystore, "_keyring", lambda: MemoryKeyring())
    keystore.forget()
    elsewhere = Session.open(copy)
    assert keystore.needs_passphrase(elsewhere.db) == keystore.UNLOCK
    with pytest.raises(keystore.PassphraseNeeded):
        keys.signing_key(elsewhere.db)
    elsewhere.close()


def test_without_a_keyring_backend_the_passphrase_is_simply_asked(
    station_session: Session, no_passphrase: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Failing:
        def get_password(self, *args: Any) -> str:
            raise RuntimeError("No recommended backend was available")

        def set_password(self, *args: Any) -> None:
            raise RuntimeError("No recommended backend was available")

    monkeypatch.setattr(keystore, "_keyring", lambda: Failing())
    assert keystore.needs_passphrase(station_session.db) == keystore.UNLOCK
    keystore.unlock(station_session.db, PASSPHRASE)
    assert keystore.needs_passphrase(station_session.db) is None
    keys.signing_key(station_session.db)


def test_init_refuses_a_short_passphrase(session: Session) -> None:
    from app import identity

    with pytest.raises(UserError, match="至少需要 8 个字符"):
        identity.init_district(session, name="杨浦区人大常委会", passphrase="1234567")
    assert session.role == "" and keystore.protection(session.db) is None


def test_a_forgotten_passphrase_means_new_keys_the_office_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    give_district_key(desk, office)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "1").path]).ok
    old = keys.own_public(desk.db, keys.SIGNING)
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    keys.make_new_keys(desk.db, "新的口令-2027")
    new = keys.own_public(desk.db, keys.SIGNING)
    assert new != old and keystore.needs_passphrase(desk.db) is None
    # The district's key is still trusted, so the next bundle is sealed; the office accepts the new key.
    bundle = export.export_station(desk, tmp_path / "2")
    keystore.unlock(office.db, PASSPHRASE)
    assert not importer.import_paths(office, [bundle.path]).ok
    keys.accept(office.db, "YP-01", "区人大", keys.fingerprint(new or b""))
    assert importer.import_paths(office, [bundle.path]).ok
