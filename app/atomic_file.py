"""Files written in full or not at all: bundles, backups, tables and reports hold residents' names and phone
numbers, so a failed or interrupted write must leave neither a half-written file nor a temporary one behind.

The new content goes into a temporary file in the target's folder, is flushed to the disk, and only then takes
the target's name in one step. On Linux the temporary file has no name at all (O_TMPFILE) until it is
complete, so even a process killed mid-write leaves nothing anyone can open. Where that is not possible (a FAT
USB stick, Windows) it is a hidden `.<name>.<random>.part` beside the target: removed on any error, and, if
the process was killed, by the next write into that folder.

A write that fails on the disk (full, read-only, no permission) is a UserError naming the target.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app import storage
from app.errors import UserError

PART_SUFFIX = ".part"
# What this module names its temporary files, and nothing else: only these are ever swept.
_OURS = re.compile(r"^\..+\.[0-9a-f]{16}\.part$")
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000

try:
    import fcntl
except ImportError:  # Windows: a file in use cannot be deleted there, which is what the lock says elsewhere
    fcntl = None  # type: ignore[assignment]


class WriteFailed(UserError):
    """The disk refused the write (full, read-only, no permission); nothing was left behind."""


@contextlib.contextmanager
def replacing(final: Path | str) -> Iterator[BinaryIO]:
    """A file (readable too, to check what was written) whose content becomes `final` when the block ends
    without an error, replacing any older file of that name; on an error nothing new is left."""
    final = Path(final)
    folder = final.parent if str(final.parent) else Path(".")
    handle: BinaryIO | None = None
    named: Path | None = None
    try:
        sweep(folder)
        handle, named = _open_temporary(folder, final.name)
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        if named is None:
            _publish_anonymous(handle, final)
        else:
            os.replace(named, final)
            named = None
        sync_folder(folder)
    except OSError as exc:
        # A failed write to the handle carries no file name, and one in the target's folder is ours; an error
        # about another file (one the block reads, say) is not a failure to write this one.
        if exc.filename is not None and folder.absolute() not in (
            Path(str(exc.filename)).absolute(),
            Path(str(exc.filename)).absolute().parent,
        ):
            raise
        raise WriteFailed(storage.disk_error(exc, final)) from None
    finally:
        if handle is not None:
            handle.close()
        if named is not None:
            with contextlib.suppress(OSError):
                named.unlink()


def write_bytes(final: Path | str, data: bytes) -> None:
    with replacing(final) as handle:
        handle.write(data)


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files a killed write left in `folder` (only ours, and only those no live
    process holds); returns what was removed."""
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if _OURS.match(n)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        try:
            if fcntl is not None:
                with open(path, "rb") as probe:
                    fcntl.flock(
                        probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB
                    )  # held by its writer while alive
                    path.unlink()
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def hides_unfinished_files(folder: Path) -> bool:
    """Whether a write into `folder` keeps its unfinished content nameless (Linux, and a file system that
    supports it): then even a killed process leaves no temporary file."""
    fd = _anonymous(folder)
    if fd is None:
        return False
    try:
        probe = folder / f".probe.{secrets.token_hex(8)}{PART_SUFFIX}"
        if not _link(fd, probe):
            return False
        probe.unlink()
        return True
    finally:
        os.close(fd)


def _open_temporary(folder: Path, name: str) -> tuple[BinaryIO, Path | None]:
    fd = _anonymous(folder)
    if fd is not None:
        return os.fdopen(fd, "w+b"), None
    path = _temporary_name(folder, name)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # tells sweep() in another process that this one is still writing
    return os.fdopen(fd, "w+b"), path


def _temporary_name(folder: Path, name: str) -> Path:
    return folder / f".{name}.{secrets.token_hex(8)}{PART_SUFFIX}"


def _anonymous(folder: Path) -> int | None:
    """An unnamed file in `folder`, or None where the system or the file system has none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOSYS):
            return None
        raise


def _publish_anonymous(handle: BinaryIO, final: Path) -> None:
    fd = handle.fileno()
    if not os.path.lexists(final):
        try:
            if _link(fd, final):
                return
        except FileExistsError:
            pass  # made meanwhile by someone else: replaced below, as an older file would be
    # Linking cannot replace a file, so the complete file gets a name of its own first, then the final one.
    named = _temporary_name(final.parent if str(final.parent) else Path("."), final.name)
    if not _link(fd, named):
        _copy_to(handle, named)
    try:
        os.replace(named, final)
    except BaseException:
        with contextlib.suppress(OSError):
            named.unlink()
        raise


def _link(fd: int, path: Path) -> bool:
    """Give the unnamed file `fd` the name `path`: linkat(AT_EMPTY_PATH) needs a privilege on older kernels,
    the /proc path needs /proc; either will do."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(path), _AT_EMPTY_PATH) == 0:
            return True
        failed = ctypes.get_errno()
        if failed in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EEXIST):
            raise OSError(failed, os.strerror(failed), str(path))
    try:
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EEXIST):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        return False
    return True


def _copy_to(handle: BinaryIO, path: Path) -> None:
    handle.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := handle.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def sync_folder(folder: Path) -> None:
    """The new name itself must reach the disk before the write is called done (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
