"""A file is written in full or not at all, and a failed write leaves no temporary file behind."""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app import atomic_file
from app.atomic_file import WriteFailed, replacing, write_bytes


def test_a_write_replaces_the_file_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    write_bytes(target, b"old")
    with pytest.raises(ValueError), replacing(target) as handle:
        handle.write(b"new, half")
        raise ValueError("stopped half way")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["table.csv"]
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["table.csv"]


def test_a_full_disk_leaves_nothing(small_disk: Callable[..., Path]) -> None:
    stick = small_disk(size="64k")
    target = stick / "来访登记.csv"
    with pytest.raises(WriteFailed) as raised:
        write_bytes(target, b"13912345678," * 20_000)
    assert os.listdir(stick) == []
    assert str(target) in raised.value.message.render("en") and "full" in raised.value.message.render("en")
    assert "已满" in raised.value.message.render("zh_CN")


def test_a_read_only_disk_is_said_to_be_read_only(small_disk: Callable[..., Path]) -> None:
    stick = small_disk(read_only=True)
    with pytest.raises(WriteFailed) as raised:
        write_bytes(stick / "backup.db", b"data")
    assert "read-only" in raised.value.message.render("en") and str(stick) in raised.value.message.render(
        "en"
    )


def test_where_files_cannot_be_nameless_the_temporary_one_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT stick has no nameless files: the hidden temporary file is removed when the disk fills up."""
    monkeypatch.setattr(atomic_file, "_anonymous", lambda folder: None)
    target = tmp_path / "YP-01-000001.liaison"
    with pytest.raises(WriteFailed), replacing(target) as handle:
        handle.write(b"phones")
        assert [p.name for p in tmp_path.iterdir()][0].endswith(".part")  # there while being written
        raise OSError(errno.ENOSPC, "No space left on device")
    assert os.listdir(tmp_path) == []


def test_the_next_write_removes_what_a_killed_one_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic_file, "_anonymous", lambda folder: None)
    left = tmp_path / ".YP-01-000001.liaison.0123456789abcdef.part"
    left.write_bytes(b"phones of residents")
    in_use = tmp_path / ".auto-2026-12-15.db.fedcba9876543210.part"
    in_use.write_bytes(b"still being written")
    not_ours = tmp_path / ".notes.part"
    not_ours.write_bytes(b"someone else's")
    with open(in_use, "rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)  # as a live writer in another process holds it
        write_bytes(tmp_path / "YP-01-000002.liaison", b"bundle")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [in_use.name, not_ours.name, "YP-01-000002.liaison"]
    )


def test_nothing_is_named_before_it_is_complete(tmp_path: Path) -> None:
    if not atomic_file.hides_unfinished_files(tmp_path):
        pytest.skip("this file system (or kernel) has no nameless files; the hidden .part fallback is used")
    with replacing(tmp_path / "backup.db") as handle:
        handle.write(b"SQLite format 3\x00")
        assert os.listdir(tmp_path) == []
    assert os.listdir(tmp_path) == ["backup.db"]
