"""接待日: a reception day at a station, on a date, from a start to an end time, of a kind, with a theme."""

from __future__ import annotations

from app.domain import ReceptionKind
from app.i18n import Text, text
from app.rules.book import RecordRules, Rule
from app.rules.fields import ChoiceField, DateField, RefField, TextField, TimeField


def end_after_start(start_time: str, end_time: str) -> Text | None:
    if start_time and end_time and end_time <= start_time:
        return text("结束时间应晚于开始时间", "The end time must be after the start time")
    return None


RECEPTION_DAYS = RecordRules(
    "reception_days",
    text("接待日", "reception day"),
    [
        RefField("station_uuid", text("家站点", "station"), "stations"),
        # A day may be planned ahead: its date may be in the future.
        DateField("date", text("接待日期", "reception date")),
        TimeField("start_time", text("开始时间", "start time")),
        TimeField("end_time", text("结束时间", "end time")),
        ChoiceField("kind", text("接待类型", "reception kind"), ReceptionKind, default=ReceptionKind.REGULAR),
        TextField("theme", text("接待主题", "theme"), max_length=100),
        TextField("notes", text("备注", "notes"), max_length=2000),
    ],
    [Rule("end_after_start", "end_time", ("start_time", "end_time"), end_after_start)],
)
