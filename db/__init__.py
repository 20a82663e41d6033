"""Storage: the SQLite schema, its migrations and record-level helpers. Never imports Qt."""
