"""Unexpected errors, written down. The clerk is told in one sentence; the whole traceback goes to a rotating
file in the user's log folder, where whoever supports them can read what happened."""

from __future__ import annotations

import logging
import os
import platform
import threading
import traceback
from pathlib import Path

from app import APP_NAME, __version__
from db import paths
from db.files import create_private

LOG_FILE_NAME = "liaison.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3  # liaison.log.1 … .3: a few megabytes at most, however often something fails

_logger = logging.getLogger("liaison.errors")
_logger.propagate = False  # the traceback goes to the file, never to the console the clerk is reading
_logger.setLevel(logging.ERROR)
_lock = threading.Lock()


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def summary(exc: BaseException) -> str:
    """One line naming the error, e.g. 'ZeroDivisionError: division by zero'."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def details(exc: BaseException) -> str:
    """What a bug report needs: the version, the platform and the whole traceback."""
    header = f"{APP_NAME} {__version__} · Python {platform.python_version()} · {platform.platform()}"
    return header + "\n" + "".join(traceback.format_exception(exc)).rstrip("\n")


def record(text: str) -> Path | None:
    """Append `text` to the log file and return the file's path; None when the folder cannot be written (a
    read-only profile, a full disk), so that the caller shows the text some other way."""
    path = log_file()
    try:
        _attach(path)
    except OSError:
        return None
    _logger.error(text)
    return path


def _attach(path: Path) -> None:
    """One handler, opened on the first error (no log folder is made while nothing goes wrong) and replaced
    when the folder changes (tests point it elsewhere)."""
    from logging.handlers import RotatingFileHandler  # its imports (socket, pickle…) wait for the first error

    with _lock:
        current = [h for h in _logger.handlers if isinstance(h, RotatingFileHandler)]
        if current and current[0].baseFilename == os.path.abspath(path):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(path)  # a traceback can quote a resident's details
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s\n"))
        for old in current:
            _logger.removeHandler(old)
            old.close()
        _logger.addHandler(handler)
