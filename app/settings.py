"""Settings kept in the database (so a backup carries them). Each default is declared once, here, typed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlite_utils

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def get(self, db: sqlite_utils.Database) -> T:
        row = db.execute("SELECT value FROM settings WHERE key = ?", [self.key]).fetchone()
        if row is None:
            return self.default
        value = json.loads(row[0])
        return value if isinstance(value, type(self.default)) or self.default is None else self.default

    def set(self, db: sqlite_utils.Database, value: T) -> None:
        with db.atomic():
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [self.key, json.dumps(value, ensure_ascii=False)],
            )


# Who this database belongs to: a station ("station") or the district office ("district").
ROLE: Setting[str] = Setting("role", "")
STATION_CODE: Setting[str] = Setting("station_code", "")
DISTRICT_NAME: Setting[str] = Setting("district_name", "")

OPERATOR: Setting[str] = Setting("operator", "")
LANGUAGE: Setting[str] = Setting("language", "zh_CN")
THEME: Setting[str] = Setting("theme", "light")
BACKUP_FOLDER: Setting[str] = Setting("backup_folder", "")
AUTO_BACKUP_KEEP: Setting[int] = Setting("auto_backup_keep", 14)
OVERDUE_DAYS: Setting[int] = Setting("overdue_days", 15)
# Names of visitors are masked in print unless the station chooses otherwise; phones are always masked.
SHOW_VISITOR_NAMES_IN_PRINT: Setting[bool] = Setting("show_visitor_names_in_print", False)
LAST_EXPORTED_SEQ: Setting[int] = Setting("last_exported_seq", 0)
# The window locks after this many idle minutes (a PC several people share); 0: never.
LOCK_AFTER_MINUTES: Setting[int] = Setting("lock_after_minutes", 0)
# At a station, after a bundle written without visitors' names and phones: the change counter from which visits
# still owe them to the district (the next sealed bundle carries those visits again); -1 when nothing is owed.
PERSONAL_DATA_OWED_FROM: Setting[int] = Setting("personal_data_owed_from", -1)

ALL: tuple[Setting[Any], ...] = (
    ROLE,
    STATION_CODE,
    DISTRICT_NAME,
    OPERATOR,
    LANGUAGE,
    THEME,
    BACKUP_FOLDER,
    AUTO_BACKUP_KEEP,
    OVERDUE_DAYS,
    SHOW_VISITOR_NAMES_IN_PRINT,
    LAST_EXPORTED_SEQ,
    PERSONAL_DATA_OWED_FROM,
    LOCK_AFTER_MINUTES,
)
