"""Stored times are UTC (ISO, 'Z'); people read them on their own wall clock."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate

from db import clock


def local_time(utc_iso: str | None) -> str:
    """'YYYY-MM-DD HH:MM' in this computer's time zone. A time without a zone is UTC, as every stored time is;
    no time is empty, and text that is not a time is shown as it is (up to the minute)."""
    if not utc_iso:
        return ""
    try:
        moment = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    except ValueError:
        return utc_iso[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def today() -> QDate:
    """The app's today (`db.clock`), for date fields and calendars; Qt's own currentDate() reads the wall."""
    day = clock.today()
    return QDate(day.year, day.month, day.day)
