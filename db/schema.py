"""The tables, as DDL per schema version. Every synced record carries the same bookkeeping columns."""

from __future__ import annotations

# uuid: made where the record is created; origin: the station code (or 'district') that created it;
# version: bumped on each edit, for merging; change_seq: the local change counter when last written,
# so an export can pick "everything since the last export".
RECORD_COLUMNS = """
    uuid TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    change_seq INTEGER NOT NULL DEFAULT 0
"""

V1 = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE stations (
    {RECORD_COLUMNS},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('home', 'station', 'point')),
    street TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);

CREATE TABLE deputies (
    {RECORD_COLUMNS},
    deputy_no TEXT UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('national', 'municipal', 'district')),
    gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),
    delegation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    professional_group TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX deputies_name ON deputies(name);

CREATE TABLE stationings (
    {RECORD_COLUMNS},
    deputy_uuid TEXT NOT NULL REFERENCES deputies(uuid),
    station_uuid TEXT NOT NULL REFERENCES stations(uuid),
    since TEXT,
    until TEXT
);
CREATE INDEX stationings_deputy ON stationings(deputy_uuid);
CREATE INDEX stationings_station ON stationings(station_uuid);

CREATE TABLE reception_days (
    {RECORD_COLUMNS},
    station_uuid TEXT NOT NULL REFERENCES stations(uuid),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'thematic', 'door_to_door', 'joint')),
    theme TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reception_days_station_date ON reception_days(station_uuid, date);

CREATE TABLE duties (
    {RECORD_COLUMNS},
    reception_day_uuid TEXT NOT NULL REFERENCES reception_days(uuid),
    deputy_uuid TEXT NOT NULL REFERENCES deputies(uuid),
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'present', 'leave', 'absent')),
    not_stationed INTEGER NOT NULL DEFAULT 0 CHECK (not_stationed IN (0, 1)),
    UNIQUE (reception_day_uuid, deputy_uuid)
);
CREATE INDEX duties_deputy ON duties(deputy_uuid);

CREATE TABLE visits (
    {RECORD_COLUMNS},
    station_uuid TEXT NOT NULL REFERENCES stations(uuid),
    reception_day_uuid TEXT REFERENCES reception_days(uuid),
    date TEXT NOT NULL,
    visitor_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    community TEXT NOT NULL DEFAULT '',
    headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
    raised TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_station_date ON visits(station_uuid, date);
CREATE INDEX visits_day ON visits(reception_day_uuid);

CREATE TABLE visit_deputies (
    {RECORD_COLUMNS},
    visit_uuid TEXT NOT NULL REFERENCES visits(uuid),
    deputy_uuid TEXT NOT NULL REFERENCES deputies(uuid),
    UNIQUE (visit_uuid, deputy_uuid)
);
CREATE INDEX visit_deputies_deputy ON visit_deputies(deputy_uuid);

CREATE TABLE items (
    {RECORD_COLUMNS},
    item_no TEXT NOT NULL UNIQUE,
    station_uuid TEXT NOT NULL REFERENCES stations(uuid),
    visit_uuid TEXT REFERENCES visits(uuid),
    date TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    community TEXT NOT NULL DEFAULT '',
    source_kind TEXT NOT NULL DEFAULT 'reception'
        CHECK (source_kind IN ('reception', 'visit', 'letter', 'call', 'other')),
    status TEXT NOT NULL DEFAULT 'raised'
        CHECK (status IN ('raised', 'assigned', 'handling', 'resolved', 'fed_back')),
    department TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    reply TEXT NOT NULL DEFAULT '',
    satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
    CHECK (satisfaction IS NULL OR status = 'fed_back')
);
CREATE INDEX items_station_date ON items(station_uuid, date);
CREATE INDEX items_status ON items(status, date);
CREATE INDEX items_category ON items(category);

-- Append-only: an item's history is never edited, so merging two copies is their union.
CREATE TABLE item_events (
    {RECORD_COLUMNS},
    item_uuid TEXT NOT NULL REFERENCES items(uuid),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note', 'edit')),
    from_status TEXT,
    to_status TEXT,
    note TEXT NOT NULL DEFAULT '',
    operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX item_events_item ON item_events(item_uuid, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    old_values TEXT,
    new_values TEXT
);
CREATE INDEX audit_log_record ON audit_log(record_uuid);

CREATE TABLE tombstones (
    uuid TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    origin TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    change_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tombstones_record ON tombstones(record_uuid);

-- Each ledger file imported, so that the same file twice is recognised and reported.
CREATE TABLE ledger_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    station_uuid TEXT,
    imported_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    rows_added INTEGER NOT NULL,
    rows_updated INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL
);
"""

# Full-text search over items and visits. The trigram tokenizer finds any 3+ character substring,
# including Chinese; shorter queries fall back to LIKE on the (indexed-by-date) base table.
V2 = """
CREATE VIRTUAL TABLE items_fts USING fts5(
    title, content, community, category, department, reply,
    content='items', content_rowid='rowid', tokenize='trigram'
);
INSERT INTO items_fts(rowid, title, content, community, category, department, reply)
    SELECT rowid, title, content, community, category, department, reply FROM items;
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts(rowid, title, content, community, category, department, reply)
    VALUES (new.rowid, new.title, new.content, new.community, new.category, new.department, new.reply);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, content, community, category, department, reply)
    VALUES ('delete', old.rowid, old.title, old.content, old.community, old.category, old.department, old.reply);
END;
CREATE TRIGGER items_fts_au AFTER UPDATE OF title, content, community, category, department, reply ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, content, community, category, department, reply)
    VALUES ('delete', old.rowid, old.title, old.content, old.community, old.category, old.department, old.reply);
    INSERT INTO items_fts(rowid, title, content, community, category, department, reply)
    VALUES (new.rowid, new.title, new.content, new.community, new.category, new.department, new.reply);
END;

CREATE VIRTUAL TABLE visits_fts USING fts5(
    visitor_name, community, raised, category,
    content='visits', content_rowid='rowid', tokenize='trigram'
);
INSERT INTO visits_fts(rowid, visitor_name, community, raised, category)
    SELECT rowid, visitor_name, community, raised, category FROM visits;
CREATE TRIGGER visits_fts_ai AFTER INSERT ON visits BEGIN
    INSERT INTO visits_fts(rowid, visitor_name, community, raised, category)
    VALUES (new.rowid, new.visitor_name, new.community, new.raised, new.category);
END;
CREATE TRIGGER visits_fts_ad AFTER DELETE ON visits BEGIN
    INSERT INTO visits_fts(visits_fts, rowid, visitor_name, community, raised, category)
    VALUES ('delete', old.rowid, old.visitor_name, old.community, old.raised, old.category);
END;
CREATE TRIGGER visits_fts_au AFTER UPDATE OF visitor_name, community, raised, category ON visits BEGIN
    INSERT INTO visits_fts(visits_fts, rowid, visitor_name, community, raised, category)
    VALUES ('delete', old.rowid, old.visitor_name, old.community, old.raised, old.category);
    INSERT INTO visits_fts(rowid, visitor_name, community, raised, category)
    VALUES (new.rowid, new.visitor_name, new.community, new.raised, new.category);
END;
"""

# Each audit entry names the change it belongs to (the Writer's change sequence number), so that the clerk's
# last change can be taken back whole: every record it created, edited or deleted.
V6 = """
ALTER TABLE audit_log ADD COLUMN change_seq INTEGER;
CREATE INDEX audit_log_change ON audit_log(change_seq);
"""

# Each entry of an item's handling log carries its place in the item's history: one more than the highest
# `lamport` among the item's entries its writer held. Entries written before this column existed keep NULL;
# they are ordered by their time stamp and by which step follows which (app/services/item_history.py).
V8 = """
ALTER TABLE item_events ADD COLUMN lamport INTEGER CHECK (lamport IS NULL OR lamport >= 1);
"""
