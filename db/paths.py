"""Where the database lives: --db, then $LIAISON_DB, then the user data folder. Where the log of unexpected
errors lives: $LIAISON_LOG_DIR, then the user log folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_DIR_NAME = "LiaisonDesk"
DB_FILE_NAME = "liaison.db"


def data_dir() -> Path:
    return user_data_path(APP_DIR_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("LIAISON_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def log_dir() -> Path:
    env = os.environ.get("LIAISON_LOG_DIR")
    if env:
        return Path(env).expanduser()
    return user_log_path(APP_DIR_NAME, appauthor=False)


def backup_dir_for(db_path: Path) -> Path:
    """Automatic backups sit beside the database so they travel with it."""
    return db_path.parent / "backups"
