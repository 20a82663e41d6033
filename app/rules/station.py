"""家站点: a station. Its code is its identity (its UUID follows from it)."""

from __future__ import annotations

import re

from app.domain import StationKind
from app.i18n import Text, text
from app.rules.book import RecordRules
from app.rules.fields import ChoiceField, PatternField, TextField

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,31}$")


def _bad_code(value: str) -> Text:
    return text(
        "家站点编号“{v}”无效：应为字母、数字或连字符，如 YP-01",
        "Station code “{v}” is invalid: use letters, digits and hyphens, e.g. YP-01",
        v=value,
    )


STATIONS = RecordRules(
    "stations",
    text("家站点", "station"),
    [
        PatternField("code", text("家站点编号", "station code"), CODE, _bad_code),
        TextField("name", text("家站点名称", "station name"), max_length=100, required=True),
        # A station first met by its code alone (in a roster) has no kind until its own data arrives.
        ChoiceField("kind", text("家站点类型", "station kind"), StationKind, required=False),
        TextField("street", text("所属街道/镇", "street or town"), max_length=50),
        TextField("address", text("地址", "address"), max_length=200),
    ],
)
