"""入驻: a deputy stationed at a station, from `since` to `until` (open when empty)."""

from __future__ import annotations

from app.i18n import text
from app.rules.book import RecordRules
from app.rules.fields import DateField, RefField

STATIONINGS = RecordRules(
    "stationings",
    text("入驻", "stationing"),
    [
        RefField("deputy_uuid", text("代表", "deputy"), "deputies"),
        RefField("station_uuid", text("家站点", "station"), "stations"),
        DateField("since", text("入驻日期", "stationed since"), required=False),
        DateField("until", text("入驻截止日期", "stationed until"), required=False),
    ],
)
