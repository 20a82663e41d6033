"""Writing ledger files the way Excel, WPS and their CSV exports do, for the ledger import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from app.session import Session

ROSTER_HEADER = ["姓名", "层级", "性别", "代表团/选区", "联系电话", "专业小组", "入驻家站点", "代表编号"]
RECEPTION_HEADER = ["日期", "开始时间", "结束时间", "类型", "主题", "到场代表", "请假代表", "缺席代表"]
VISIT_HEADER = ["日期", "来访人", "联系电话", "小区", "人数", "反映问题", "问题类别", "接待代表"]
ITEM_HEADER = [
    "登记日期",
    "标题",
    "内容",
    "类别",
    "小区",
    "来源",
    "状态",
    "承办单位",
    "办理结果",
    "满意度",
    "编号",
]

ROSTER_ROWS = [
    ["张三", "区", "男", "控江路街道选区", "13812345678", "城建环保组", "YP-01；YP-02", ""],
    ["李四", "市", "女", "杨浦代表团", "021-65012345", "法制组", "YP-01", "SH-017"],
    ["王伟", "区", "男", "", "", "", "YP-01", ""],
    ["王伟", "市", "男", "", "", "", "YP-02", ""],
    ["赵敏", "全国", "女", "上海代表团", "13700001111", "", "YP-02", "NPC-3"],
]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    lead: Sequence[Sequence[Any]] = (),
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for line in lead:
        writer.writerow(line)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *, lead: Sequence[Sequence[Any]] = ()
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in lead:
        sheet.append(list(line))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every real table, to compare before and after a refused import."""
    tables = [
        row[0]
        for row in session.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ).fetchall()
    ]
    return {t: sorted(session.db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}


def count(session: Session, table: str) -> int:
    return int(session.db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0])


def date_styles(day: date) -> dict[str, str]:
    return {
        "iso": day.isoformat(),
        "slash": f"{day.year}/{day.month}/{day.day}",
        "chinese": f"{day.year}年{day.month}月{day.day}日",
        "dotted": f"{day.year}.{day.month:02d}.{day.day:02d}",
        "compact": day.strftime("%Y%m%d"),
    }
