"""The roster as a ledger import needs it: every deputy and stationing loaded once, so that resolving the
names of 100,000 rows costs dictionary look-ups, not queries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from app.domain import DeputyLevel
from app.i18n import Text, text

# 王伟（区） or 王伟(YP-D-017): the bracket picks one of several deputies sharing a name.
_QUALIFIED = re.compile(r"^(?P<name>[^（(]+)[（(](?P<hint>[^）)]+)[）)]$")


@dataclass(frozen=True)
class Deputy:
    uuid: str
    name: str
    level: str
    deputy_no: str
    delegation: str

    def describe(self, language: str) -> str:
        level = DeputyLevel(self.level)
        parts = [self.name, level.en if language == "en" else level.zh]
        parts += [p for p in (self.deputy_no, self.delegation) if p]
        return " ".join(parts)


def _describe_all(deputies: list[Deputy]) -> Text:
    """The candidates, in whichever language the message is rendered."""
    return Text(
        "；".join(d.describe("zh_CN") for d in deputies), "; ".join(d.describe("en") for d in deputies)
    )


class DeputyDirectory:
    def __init__(self, db: Any) -> None:
        self.by_name: dict[str, list[Deputy]] = defaultdict(list)
        for row in db.execute(
            "SELECT uuid, name, level, COALESCE(deputy_no, ''), delegation FROM deputies WHERE active = 1"
            " ORDER BY level, deputy_no, uuid"
        ).fetchall():
            deputy = Deputy(*row)
            self.by_name[deputy.name].append(deputy)
        self.stationings: dict[tuple[str, str], tuple[str | None, str | None]] = {
            (row[0], row[1]): (row[2], row[3])
            for row in db.execute(
                "SELECT deputy_uuid, station_uuid, since, until FROM stationings"
            ).fetchall()
        }
        self._cache: dict[str, Deputy | Text] = {}

    def resolve(self, written: str) -> Deputy | Text:
        """The one deputy a name means, or why it means none or several (naming the candidates)."""
        cached = self._cache.get(written)
        if cached is None:
            cached = self._cache[written] = self._resolve(written)
        return cached

    def _resolve(self, written: str) -> Deputy | Text:
        name, hint = written, ""
        match = _QUALIFIED.match(written)
        if match and match.group("name") not in ("",):
            name, hint = match.group("name").strip(), match.group("hint").strip()
        candidates = self.by_name.get(name, [])
        if hint:
            level = DeputyLevel.parse(hint)
            candidates = [
                d for d in candidates if (level and d.level == level.value) or d.deputy_no == hint.upper()
            ]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            if name in self.by_name:
                return text(
                    "名册中找不到“{w}”：{n}的层级或编号与括号中的不符（名册中有：{c}）",
                    "“{w}” is not on the roster: no {n} with that level or number (the roster has: {c})",
                    w=written,
                    n=name,
                    c=_describe_all(self.by_name[name]),
                )
            return text(
                "代表名册中没有名为“{n}”的代表：请先导入代表名册，或检查姓名是否写错",
                "No deputy named “{n}” is on the roster: import the roster first, or check the spelling",
                n=written,
            )
        return text(
            "“{n}”对应多位代表：{c}。请写作 {n}（区）这样的形式，或写上代表编号以区分",
            "“{n}” matches several deputies: {c}. Write e.g. {n}(district) or the deputy number to choose",
            n=name,
            c=_describe_all(candidates),
        )

    def stationed(self, deputy_uuid: str, station_uuid: str, on: str) -> bool:
        period = self.stationings.get((deputy_uuid, station_uuid))
        if period is None:
            return False
        since, until = period
        return (since is None or since <= on) and (until is None or on <= until)
