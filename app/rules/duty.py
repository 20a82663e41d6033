"""排班与出勤: a deputy on duty at a reception day, and whether they came."""

from __future__ import annotations

from app.domain import DutyStatus
from app.i18n import Text, text
from app.rules.book import RecordRules, Rule
from app.rules.fields import ChoiceField, FlagField, RefField
from db import clock

_HAPPENED = frozenset({DutyStatus.PRESENT.value, DutyStatus.ABSENT.value})


def attendance_after_the_day(status: str, day_date: str) -> Text | None:
    """到场 and 缺席 are facts about a day that has come; 请假 may be known ahead."""
    if status in _HAPPENED and day_date > clock.today().isoformat():
        return text(
            "接待日{d}尚未到来，不能登记{s}",
            "The reception day {d} has not come yet: “{s}” cannot be recorded",
            d=day_date,
            s=DutyStatus(status),
        )
    return None


DUTIES = RecordRules(
    "duties",
    text("出勤", "attendance"),
    [
        RefField("reception_day_uuid", text("接待日", "reception day"), "reception_days"),
        RefField("deputy_uuid", text("代表", "deputy"), "deputies"),
        ChoiceField("status", text("出勤状态", "attendance"), DutyStatus, default=DutyStatus.SCHEDULED),
        # Scheduled although not stationed at the day's station: allowed, and flagged.
        FlagField("not_stationed", text("未入驻", "not stationed here")),
    ],
    [
        # day_date is the day's, given by whoever checks a duty; a duty row in a bundle does not carry it.
        Rule(
            "attendance_after_the_day",
            "status",
            ("status", "day_date"),
            attendance_after_the_day,
            in_bundles=False,
        )
    ],
)
