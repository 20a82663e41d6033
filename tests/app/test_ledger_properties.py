"""Property tests for ledger parsing: any date style, encoding, delimiter or file format of the same ledger
imports the same records, and names are split the same on every separator a clerk uses."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import identity, stats, validate
from app.ledger import import_file
from app.ledger.rows import split_names
from app.period import Period
from app.session import Session
from tests.app.ledger_files import (
    ITEM_HEADER,
    RECEPTION_HEADER,
    ROSTER_HEADER,
    ROSTER_ROWS,
    VISIT_HEADER,
    date_styles,
    write_csv,
    write_xlsx,
)

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))
RECENT = st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 12, 31))
NAME_CHARS = st.sampled_from(
    "张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜伟敏静丽强磊军洋勇艳杰娟涛明超"
)
SEPARATORS = st.sampled_from(["、", "，", ",", "；", ";", "、 ", " , "])
STATIONED = ["张三", "李四", "王伟（区）"]  # deputies of ROSTER_ROWS stationed at YP-01


@given(DAYS, st.sampled_from(["iso", "slash", "chinese", "dotted", "compact"]))
def test_any_supported_date_style_round_trips(day: date, style: str) -> None:
    assert validate.parse_date(date_styles(day)[style]) == day
    assert validate.parse_date(datetime(day.year, day.month, day.day)) == day


@given(st.lists(st.text(NAME_CHARS, min_size=2, max_size=4), min_size=1, max_size=6, unique=True), st.data())
def test_names_split_on_any_supported_separator(names: list[str], data: st.DataObject) -> None:
    cell = names[0]
    for name in names[1:]:
        cell += data.draw(SEPARATORS) + name
    assert split_names(cell) == names
    assert split_names(f" {cell}、") == names


visit_rows = st.lists(
    st.tuples(
        RECENT,
        st.text(NAME_CHARS, min_size=2, max_size=3),
        st.sampled_from(["", "13912345678", "021-65012345", "18600001111"]),
        st.sampled_from(["控江一村", "鞍山四村", "", "延吉七村"]),
        st.integers(min_value=1, max_value=30),
        st.sampled_from(["楼道堆物", "停车难", "加装电梯", "噪音扰民"]),
        st.sampled_from(["物业管理", "交通出行", "城市建设", ""]),
        st.lists(st.sampled_from(STATIONED), max_size=3, unique=True),
    ),
    min_size=1,
    max_size=12,
)
reception_rows = st.lists(
    st.tuples(
        RECENT,
        st.sampled_from(["09:00", "13:30"]),
        st.lists(st.sampled_from(STATIONED), min_size=3, max_size=3, unique=True),
        st.integers(min_value=0, max_value=3),
        st.integers(min_value=0, max_value=3),
    ),
    min_size=1,
    max_size=6,
)
item_rows = st.lists(
    st.tuples(
        RECENT,
        st.sampled_from(["楼道堆物清理", "停车难", "加装电梯"]),
        st.sampled_from(["提出", "交办", "承办", "落实", "反馈"]),
        st.sampled_from(["物业管理", "交通出行", ""]),
    ),
    min_size=1,
    max_size=8,
)
representations = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["csv", "xlsx"]),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
        "delimiter": st.sampled_from([",", ";", "\t"]),
        "dates": st.sampled_from(["iso", "slash", "chinese", "dotted", "cell"]),
        "separator": st.sampled_from(["、", "，", ","]),
    }
)


def _ledgers(
    visits: list[Any], days: list[Any], items: list[Any], how: dict[str, str]
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    def when(day: date) -> Any:
        return (
            datetime(day.year, day.month, day.day)
            if how["dates"] == "cell"
            else date_styles(day)[how["dates"]]
        )

    sep = how["separator"]
    visit_table = [
        [when(d), who, phone, place, str(n), raised, category, sep.join(deps)]
        for d, who, phone, place, n, raised, category, deps in visits
    ]
    day_table = []
    for d, start, deps, present, leave in days:
        present, leave = min(present, 3), min(leave, 3 - min(present, 3))
        groups = [deps[:present], deps[present : present + leave], deps[present + leave :]]
        day_table.append([when(d), start, "", "", "", *(sep.join(g) for g in groups)])
    item_table = []
    for d, title, status, category in items:
        department = "" if status == "提出" else "区房管局"
        reply = "已答复" if status in ("落实", "反馈") else ""
        item_table.append([when(d), title, "", category, "", "", status, department, reply, "", ""])
    return {
        "visits": (VISIT_HEADER, visit_table),
        "reception": (RECEPTION_HEADER, day_table),
        "items": (ITEM_HEADER, item_table),
    }


def _import_all(
    folder: Path, ledgers: dict[str, tuple[list[str], list[list[Any]]]], how: dict[str, str]
) -> dict[str, Any]:
    session = Session.open(folder / "liaison.db", operator="测试员")
    try:
        identity.init_station(
            session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道"
        )
        import_file(session, write_csv(folder / "roster.csv", ROSTER_HEADER, ROSTER_ROWS))
        for kind, (header, rows) in ledgers.items():
            if how["format"] == "xlsx":
                path = write_xlsx(folder / f"{kind}.xlsx", header, rows)
            else:
                plain = [[c.date().isoformat() if isinstance(c, datetime) else c for c in r] for r in rows]
                path = write_csv(
                    folder / f"{kind}.csv",
                    header,
                    plain,
                    encoding=how["encoding"],
                    delimiter=how["delimiter"],
                )
            import_file(session, path)
        return stats.compute(session.db, Period.between("2000-01-01", "2030-12-31"))
    finally:
        session.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit_rows, reception_rows, item_rows, representations)
def test_any_encoding_format_and_date_style_gives_the_same_stats(
    visits: list[Any], days: list[Any], items: list[Any], how: dict[str, str]
) -> None:
    canonical = {"format": "csv", "encoding": "utf-8", "delimiter": ",", "dates": "iso", "separator": "、"}
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        expected = _import_all(Path(one), _ledgers(visits, days, items, canonical), canonical)
        got = _import_all(Path(two), _ledgers(visits, days, items, how), how)
    assert got == expected
    # ... and the figures are exactly what the files hold.
    assert got["visits"] == len(visits)
    assert got["person_visits"] == sum(v[4] for v in visits)
    assert got["reception_days"] == len(days)
    assert sum(got["attendance"].values()) == 3 * len(days)
    assert got["sentiment_items"] == len(items)
    zh_to_code = {
        "提出": "raised",
        "交办": "assigned",
        "承办": "handling",
        "落实": "resolved",
        "反馈": "fed_back",
    }
    wanted = Counter(zh_to_code[i[2]] for i in items)
    assert {k: v for k, v in got["items_by_status"].items() if v} == dict(wanted)
