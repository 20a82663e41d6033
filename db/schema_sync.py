"""Schema version 3: bundle sync bookkeeping (keys, bundles seen, conflicts, import summaries).

Every synced table also gains a version clock: `sync_clock` is a JSON object {origin: edits} as last received
from elsewhere, and `sync_clock_version` the local `version` the record had when that clock was stored. Edits
made here since then (version - sync_clock_version) count for this database's own origin. Comparing two clocks
tells "one side is newer" from "both sides changed since they last exchanged" (a conflict).
"""

SYNCED_TABLES = (
    "stations",
    "deputies",
    "stationings",
    "reception_days",
    "duties",
    "visits",
    "visit_deputies",
    "items",
    "item_events",
)

_CLOCK_COLUMNS = "\n".join(
    f"ALTER TABLE {table} ADD COLUMN sync_clock TEXT;\n"
    f"ALTER TABLE {table} ADD COLUMN sync_clock_version INTEGER NOT NULL DEFAULT 0;"
    for table in SYNCED_TABLES
)

V3 = f"""
{_CLOCK_COLUMNS}

-- This database's own key pairs: 'signing' (Ed25519) and, at the district, 'sealing' (X25519).
-- Private keys leave the database only inside a backup.
CREATE TABLE sync_own_keys (
    purpose TEXT PRIMARY KEY CHECK (purpose IN ('signing', 'sealing')),
    private_key BLOB NOT NULL,
    public_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- Keys of the other side: stations' signing keys at the district; the district's keys at a station.
-- status 'trusted' is the key in use; 'pending' a different key seen later, refused until accepted.
CREATE TABLE sync_peer_keys (
    peer TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('signing', 'sealing')),
    public_key BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('trusted', 'pending', 'retired')),
    first_seen TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (peer, purpose, fingerprint)
);

-- Every bundle imported here (the hash is of its signed manifest, so the same bundle is recognised however
-- it was copied or re-sealed).
CREATE TABLE sync_bundles (
    bundle_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('station', 'return')),
    sender TEXT NOT NULL,
    station_code TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    previous_hash TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    file_name TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL,
    records INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_bundles_station ON sync_bundles(station_code, sequence);

-- Every bundle written here: a station's own bundles, and the district's return bundles per station.
CREATE TABLE sync_exports (
    bundle_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('station', 'return')),
    station_code TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    full INTEGER NOT NULL DEFAULT 0,
    sealed INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    UNIQUE (kind, station_code, sequence)
);

-- What each import attempt did (DHIS2-style): per table counts and refused rows, as JSON; refused
-- bundles are recorded too, with the reason, so the office can see what came in on which stick.
CREATE TABLE sync_import_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bundle_hash TEXT NOT NULL DEFAULT '',
    station_code TEXT NOT NULL DEFAULT '',
    sequence INTEGER,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'already', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{{}}'
);

-- A record changed on both sides since they last exchanged: the kept version is in the table, the other here.
CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    kept TEXT NOT NULL,
    other TEXT NOT NULL,
    other_from TEXT NOT NULL,
    bundle_hash TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT NOT NULL DEFAULT '',
    UNIQUE (table_name, record_uuid, other)
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, table_name);

-- One person known under two UUIDs (a deputy by name+level at one station, by number at another): the alias
-- points at the record kept, so later bundles that still use the alias land on the same record.
CREATE TABLE sync_aliases (
    alias_uuid TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    uuid TEXT NOT NULL
);
"""

# Schema version 5: whether a station bundle was a full export (liaison export --full). A full bundle carries
# everything up to its own number, so the numbers before it are no longer missing at the office.
V5 = """
ALTER TABLE sync_bundles ADD COLUMN full INTEGER NOT NULL DEFAULT 0;
"""

# Schema version 8: private keys at rest, and trust in the district's key given by hand.
# sync_key_protection: how this database's private keys are encrypted (app/sync/keystore.py): scrypt over the
# passphrase with this salt and cost, AES-256-GCM; check_value is a known text encrypted the same way, so a wrong
# passphrase is told as such. Keys written before this version stay 'clear' until a passphrase is set, which
# encrypts them in place. vouched_by: a sealing key waiting to be accepted names the signing key that vouched for
# it (a key file's or a refused return bundle's), so that accepting that signing key brings its sealing key.
V8 = """
CREATE TABLE sync_key_protection (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kdf TEXT NOT NULL CHECK (kdf IN ('scrypt')),
    salt BLOB NOT NULL,
    cost INTEGER NOT NULL,
    block_size INTEGER NOT NULL,
    parallelism INTEGER NOT NULL,
    check_value BLOB NOT NULL,
    store_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
ALTER TABLE sync_own_keys ADD COLUMN protection TEXT NOT NULL DEFAULT 'clear'
    CHECK (protection IN ('clear', 'passphrase'));
ALTER TABLE sync_peer_keys ADD COLUMN vouched_by TEXT NOT NULL DEFAULT '';
"""

# Schema version 9: residents' details withheld from a bundle that could not be sealed (docs/bundle-format.md).
# At a station, sync_exports.withheld marks such a bundle. At the district, sync_withheld lists the records whose
# personal columns are older than the rest of the record: personal_clock is the version clock of the copy those
# columns came from (NULL: none yet, they are blank). A later full copy newer than that fills them in.
V9 = """
ALTER TABLE sync_exports ADD COLUMN withheld INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sync_withheld (
    table_name TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    personal_clock TEXT,
    PRIMARY KEY (table_name, record_uuid)
);
"""
