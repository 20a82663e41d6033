"""Stored times are UTC; the clerk reads them on the wall clock of the computer in front of them."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ui.local_time import local_time


@pytest.fixture
def in_beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "CST-8")  # a POSIX zone, UTC+8: no time zone database needed
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("in_beijing")
@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-12-15T01:30:00Z", "2026-12-15 09:30"),
        ("2026-12-15T01:30:00.123456+00:00", "2026-12-15 09:30"),
        ("2026-12-15T01:30:00", "2026-12-15 09:30"),  # no zone: stored times are UTC, not local
        ("2026-12-15T20:00:00Z", "2026-12-16 04:00"),  # the evening in UTC is the next morning here
        (None, ""),
        ("", ""),
        ("not a time", "not a time"),
        ("2026-13-45T99:99:99Z", "2026-13-45 99:99"),  # not a date: shown as stored, to the minute
    ],
)
def test_local_time(stored: str | None, shown: str) -> None:
    assert local_time(stored) == shown
