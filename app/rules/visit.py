"""来访登记: residents received at a station, what they raised, and the deputies who received them."""

from __future__ import annotations

from app.i18n import text
from app.rules.book import RecordRules
from app.rules.fields import CountField, DateField, PhoneField, RefField, TextField

VISITS = RecordRules(
    "visits",
    text("来访登记", "visit"),
    [
        RefField("station_uuid", text("家站点", "station"), "stations"),
        RefField("reception_day_uuid", text("接待日", "reception day"), "reception_days", required=False),
        DateField("date", text("来访日期", "visit date"), not_future=True),
        TextField("visitor_name", text("来访人", "visitor"), max_length=30),
        PhoneField("phone", text("联系电话", "phone")),
        TextField("community", text("小区/居委", "community"), max_length=50),
        # A group counts several 人次 (person-visits).
        CountField("headcount", text("人数", "headcount"), low=1, high=10000, default=1, unit="人"),
        TextField("raised", text("反映问题", "what was raised"), max_length=4000, required=True),
        TextField("category", text("问题类别", "category"), max_length=30),
    ],
)

VISIT_DEPUTIES = RecordRules(
    "visit_deputies",
    text("接待代表", "receiving deputy"),
    [
        RefField("visit_uuid", text("来访登记", "visit"), "visits"),
        RefField("deputy_uuid", text("代表", "deputy"), "deputies"),
    ],
)
