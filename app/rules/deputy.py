"""代表: a deputy on the roster."""

from __future__ import annotations

from app.domain import DeputyLevel, Gender
from app.i18n import text
from app.rules.book import RecordRules
from app.rules.fields import ChoiceField, FlagField, PhoneField, TextField

DEPUTIES = RecordRules(
    "deputies",
    text("代表", "deputy"),
    [
        TextField("deputy_no", text("代表编号", "deputy number"), max_length=30, upper=True, blank=None),
        TextField("name", text("代表姓名", "deputy's name"), max_length=30, required=True),
        ChoiceField("level", text("代表层级", "deputy level"), DeputyLevel),
        ChoiceField("gender", text("性别", "gender"), Gender, required=False, blank=""),
        TextField("delegation", text("代表团/选区", "delegation / constituency"), max_length=50),
        PhoneField("phone", text("联系电话", "phone")),
        TextField("professional_group", text("专业小组", "professional group"), max_length=50),
        FlagField("active", text("在册", "on the roster")),
    ],
)
