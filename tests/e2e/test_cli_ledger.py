"""From a roster and three ledgers to `liaison stats`, through the real command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tests.app.ledger_files import (
    ITEM_HEADER,
    RECEPTION_HEADER,
    ROSTER_HEADER,
    ROSTER_ROWS,
    VISIT_HEADER,
    write_csv,
    write_xlsx,
)
from tests.e2e.conftest import Result

DAYS = [
    ["2023/3/15", "9:00", "11:00", "常规接待日", "", "张三、李四", "", ""],
    ["2023年4月12日", "09:00", "11:30", "专题接待", "加装电梯", "张三", "李四", "王伟（区）"],
]
VISITS = [
    [datetime(2023, 3, 15), "陈阿姨", 13912345678, "控江一村", 2, "楼道堆物", "物业管理", "张三、李四"],
    [datetime(2023, 3, 20), "刘先生", None, "鞍山四村", 1, "停车难", "交通出行", None],
    [datetime(2023, 4, 12), "周女士", "021-65012345", "控江二村", 5, "加装电梯", "城市建设", "张三"],
]
ITEMS = [
    [
        "2023-03-15",
        "楼道堆物清理",
        "",
        "物业管理",
        "控江一村",
        "接待日",
        "反馈",
        "控江路街道",
        "已清理",
        "满意",
        "",
    ],
    ["2023-04-12", "加装电梯", "", "城市建设", "控江二村", "接待日", "交办", "区房管局", "", "", ""],
]


def _init_station(liaison: Callable[..., Result]) -> None:
    made = liaison(
        "init",
        "station",
        "--code",
        "YP-01",
        "--name",
        "控江路街道代表之家",
        "--kind",
        "home",
        "--street",
        "控江路街道",
    )
    assert made.code == 0, made.err


def test_roster_and_ledgers_to_stats(liaison: Callable[..., Result], tmp_path: Path) -> None:
    _init_station(liaison)
    roster = write_xlsx(tmp_path / "代表名册.xlsx", ROSTER_HEADER, ROSTER_ROWS)
    days = write_csv(tmp_path / "接待日台账.csv", RECEPTION_HEADER, DAYS, encoding="gb18030")
    visits = write_xlsx(tmp_path / "来访登记.xlsx", VISIT_HEADER, VISITS, lead=[["2023年来访登记台账"]])
    items = write_csv(tmp_path / "社情民意.csv", ITEM_HEADER, ITEMS, encoding="utf-8-sig", delimiter="\t")

    done = liaison("roster", "import", str(roster))
    assert done.code == 0, done.err
    assert "新增5" in done.out
    for path, kind in ((days, "reception"), (visits, None), (items, "items")):
        args = ["ledger", "import", str(path), *(["--kind", kind] if kind else [])]
        done = liaison(*args)
        assert done.code == 0, done.err
        assert "拒收0" in done.out

    figures = liaison("stats", "--year", "2023", "--json").json()
    assert figures["stations"] == 2  # YP-01 and YP-02, a placeholder from the roster
    assert figures["reception_days"] == 2
    assert figures["attendance"] == {"present": 3, "leave": 1, "absent": 1}
    assert (figures["visits"], figures["person_visits"]) == (3, 8)
    assert figures["sentiment_items"] == 2
    assert figures["items_by_status"] == {
        "raised": 0,
        "assigned": 1,
        "handling": 0,
        "resolved": 0,
        "fed_back": 1,
    }
    assert figures["items_by_category"] == {"城市建设": 1, "物业管理": 1}
    assert (figures["deputies"], figures["deputies_stationed"]) == (5, 5)

    again = liaison("ledger", "import", str(visits))
    assert again.code == 0 and "新增0" in again.out and "此前已导入过" in again.out
    assert liaison("stats", "--year", "2023", "--json").json() == figures


def test_refused_file_lists_every_problem_and_changes_nothing(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    _init_station(liaison)
    assert (
        liaison("roster", "import", str(write_csv(tmp_path / "r.csv", ROSTER_HEADER, ROSTER_ROWS))).code == 0
    )
    before = liaison("stats", "--json").json()
    bad = write_csv(
        tmp_path / "来访.csv",
        VISIT_HEADER,
        [
            ["2023-02-30", "甲", "", "", "1", "x", "", ""],
            ["2023-03-01", "乙", "1391234", "", "0", "x", "", "钱七"],
        ],
    )
    refused = liaison("ledger", "import", str(bad))
    assert refused.code == 2
    lines = refused.err.strip().splitlines()
    assert "2行有问题" in lines[0] and "数据库未作任何改动" in lines[0]
    assert lines[1:] == [
        "第2行 [日期]: 日期“2023-02-30”不存在（2023年没有2月30日）",
        "第3行 [联系电话]: 手机号码“1391234”应为以1开头的11位数字",
        "第3行 [人数]: 人数应至少为1，现为0",
        "第3行 [接待代表]: 代表名册中没有名为“钱七”的代表：请先导入代表名册，或检查姓名是否写错",
    ]
    assert "Traceback" not in refused.err
    english = liaison("--lang", "en", "ledger", "import", str(bad))
    assert english.code == 2
    assert "Row 3 [人数]: Headcount must be at least 1, got 0" in english.err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    nothing = liaison("ledger", "import", str(empty))
    assert nothing.code == 2 and "文件是空的" in nothing.err
    assert liaison("stats", "--json").json() == before


def test_dry_run_and_district_station_choice(liaison: Callable[..., Result], tmp_path: Path) -> None:
    assert liaison("init", "district", "--name", "杨浦区人大常委会").code == 0
    assert (
        liaison("roster", "import", str(write_csv(tmp_path / "r.csv", ROSTER_HEADER, ROSTER_ROWS))).code == 0
    )
    days = write_csv(tmp_path / "接待日.csv", RECEPTION_HEADER, DAYS)
    missing = liaison("ledger", "import", str(days))
    assert missing.code == 2 and "--station" in missing.err
    dry = liaison("ledger", "import", str(days), "--station", "YP-01", "--dry-run")
    assert dry.code == 0 and "未写入" in dry.out and "新增2" in dry.out
    assert liaison("stats", "--json").json()["reception_days"] == 0
    done = liaison("ledger", "import", str(days), "--station", "YP-01")
    assert done.code == 0
    assert liaison("stats", "--station", "YP-01", "--json").json()["reception_days"] == 2
