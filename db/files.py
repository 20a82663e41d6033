"""Files the program writes hold residents' names and phones, or keys: on POSIX each is created readable and
writable by its owner alone (0600), whatever the umask. (On Windows the user's profile folders already keep
other accounts out; the mode bits mean nothing there.) The district's public key file is the one exception: it
is meant to be handed around."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO, Any

PRIVATE = 0o600
POSIX = os.name == "posix"


def create_private(path: Path | str) -> None:
    """Make `path` an empty private file if it does not exist; an existing one is made private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE)
    try:
        _fchmod(fd)
    finally:
        os.close(fd)


def open_private(path: Path | str, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """open(path, mode) for writing ("w…" truncates, "a…" appends), the file created 0600 — and made 0600 if it
    was already there with wider permissions."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode.startswith("a") else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE)
    try:
        _fchmod(fd)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def copy_private(source: Path | str, target: Path | str) -> None:
    with open(source, "rb") as src, open_private(target, "wb") as dst:
        shutil.copyfileobj(src, dst)


def make_private(path: Path | str) -> None:
    """Narrow an existing file of ours to 0600 (a database or backup made by an earlier version, 0644)."""
    if POSIX and os.path.exists(path) and os.stat(path).st_mode & 0o077:
        os.chmod(path, PRIVATE)


def _fchmod(fd: int) -> None:
    if POSIX and os.fstat(fd).st_mode & 0o077:
        os.fchmod(fd, PRIVATE)
