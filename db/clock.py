"""The one clock: what day and time it is, for every part of the app.

Nothing else reads the wall clock (a test enforces it), so a test, the demo data or a support session can set
the day once and everything — validation of future dates, overdue items, record stamps, backups, reports —
agrees on it. A set clock keeps ticking from the moment it was set, as `faketime` does, so stamps taken one
after another still follow each other.

`LIAISON_TODAY=2026-12-01` (or a full ISO date-time) in the environment sets it for a whole process: the
end-to-end tests start the command line that way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time

ENVIRONMENT_VARIABLE = "LIAISON_TODAY"

# (the moment the clock was set to, the monotonic reading then); None: the real clock.
_set: tuple[datetime, float] | None = None


def now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    if _set is None:
        return datetime.now(UTC)
    moment, at = _set
    return moment + timedelta(seconds=time.monotonic() - at)


def today() -> date:
    """The local calendar day: what the clerk's wall calendar says."""
    return now().astimezone().date()


def now_iso() -> str:
    """The stamp written into records: UTC to the second, with a Z."""
    return now().isoformat(timespec="seconds").replace("+00:00", "Z")


def set_now(moment: date | datetime | None) -> None:
    """Set the clock; a bare date means local noon of that day. None gives the real clock back."""
    global _set
    _set = None if moment is None else (_as_moment(moment), time.monotonic())


@contextmanager
def set_to(moment: date | datetime) -> Iterator[None]:
    """The clock set for the duration of a block, then as it was before."""
    global _set
    before = _set
    set_now(moment)
    try:
        yield
    finally:
        _set = before


def _as_moment(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        aware = moment if moment.tzinfo else moment.astimezone()
    else:
        aware = datetime.combine(moment, day_time(12)).astimezone()
    return aware.astimezone(UTC)


def _from_environment() -> None:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return
    try:
        moment: date | datetime = (
            datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
        )
    except ValueError as exc:
        raise SystemExit(f"{ENVIRONMENT_VARIABLE}={value!r}: not an ISO date (YYYY-MM-DD)") from exc
    set_now(moment)


_from_environment()
