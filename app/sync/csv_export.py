"""`liaison export-csv`: plain tables for Excel and WPS — UTF-8 with a BOM (so both detect the encoding),
Chinese headers and labels, ISO dates — with any cell that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain import (
    Choice,
    DeputyLevel,
    DutyStatus,
    Gender,
    ItemStatus,
    ReceptionKind,
    Satisfaction,
    SourceKind,
    StationKind,
)
from app.errors import UserError
from app.i18n import text
from app.session import Session
from db.files import open_private

# A cell beginning with one of these is a formula to Excel and WPS (CSV injection); tab and CR as well.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that would start a formula is prefixed with an apostrophe, which spreadsheets show as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _label(kind: type[Choice], value: str | None) -> str:
    if not value:
        return ""
    try:
        return kind(value).zh
    except ValueError:
        return value


@dataclass(frozen=True)
class Sheet:
    file_name: str
    header: tuple[str, ...]
    sql: str
    dated: bool  # filtered by year on its date column
    labels: dict[int, type[Choice]]


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "家站点",
        ("编号", "名称", "类型", "所属街道/镇", "地址"),
        "SELECT code, name, kind, street, address FROM stations ORDER BY code",
        False,
        {2: StationKind},
    ),
    Sheet(
        "代表名册",
        ("代表编号", "姓名", "层级", "性别", "代表团/选区", "联系电话", "专业小组", "在任", "入驻家站点"),
        "SELECT d.deputy_no, d.name, d.level, d.gender, d.delegation, d.phone, d.professional_group,"
        " CASE d.active WHEN 1 THEN '是' ELSE '否' END,"
        " (SELECT group_concat(s.code, '、') FROM stationings x JOIN stations s ON s.uuid = x.station_uuid"
        "  WHERE x.deputy_uuid = d.uuid AND x.until IS NULL)"
        " FROM deputies d ORDER BY d.level, d.deputy_no, d.name",
        False,
        {2: DeputyLevel, 3: Gender},
    ),
    Sheet(
        "接待日",
        ("家站点", "日期", "开始时间", "结束时间", "类型", "主题", "备注"),
        "SELECT s.code, r.date, r.start_time, r.end_time, r.kind, r.theme, r.notes"
        " FROM reception_days r JOIN stations s ON s.uuid = r.station_uuid"
        " WHERE r.date BETWEEN ? AND ? ORDER BY r.date, s.code",
        True,
        {4: ReceptionKind},
    ),
    Sheet(
        "出勤",
        ("家站点", "接待日期", "代表编号", "代表", "出勤"),
        "SELECT s.code, r.date, d.deputy_no, d.name, u.status FROM duties u"
        " JOIN reception_days r ON r.uuid = u.reception_day_uuid JOIN stations s ON s.uuid = r.station_uuid"
        " JOIN deputies d ON d.uuid = u.deputy_uuid WHERE r.date BETWEEN ? AND ? ORDER BY r.date, s.code, d.name",
        True,
        {4: DutyStatus},
    ),
    Sheet(
        "来访登记",
        ("家站点", "日期", "来访人", "联系电话", "小区/居委", "人数", "反映问题", "类别", "接待代表"),
        "SELECT s.code, v.date, v.visitor_name, v.phone, v.community, v.headcount, v.raised, v.category,"
        " (SELECT group_concat(d.name, '、') FROM visit_deputies x JOIN deputies d ON d.uuid = x.deputy_uuid"
        "  WHERE x.visit_uuid = v.uuid)"
        " FROM visits v JOIN stations s ON s.uuid = v.station_uuid WHERE v.date BETWEEN ? AND ?"
        " ORDER BY v.date, s.code",
        True,
        {},
    ),
    Sheet(
        "社情民意",
        (
            "编号",
            "家站点",
            "日期",
            "标题",
            "内容",
            "类别",
            "小区/居委",
            "来源",
            "状态",
            "承办单位",
            "办理期限",
            "办理结果",
            "满意度",
        ),
        "SELECT i.item_no, s.code, i.date, i.title, i.content, i.category, i.community, i.source_kind, i.status,"
        " i.department, i.due_date, i.reply, i.satisfaction FROM items i JOIN stations s ON s.uuid = i.station_uuid"
        " WHERE i.date BETWEEN ? AND ? ORDER BY i.date, i.item_no",
        True,
        {7: SourceKind, 8: ItemStatus, 12: Satisfaction},
    ),
)


def write_sheet(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with open_private(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)  # \r\n line ends, as Excel writes them
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise("" if v is None else v) for v in row])
            count += 1
    return count


def export_csv(session: Session, out_dir: Path | str, year: int | None = None) -> list[tuple[Path, int]]:
    """One CSV per table; returns each file with its row count."""
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            text(
                "无法创建文件夹 {d}（{m}）",
                "Cannot create the folder {d} ({m})",
                d=str(folder),
                m=exc.strerror,
            )
        ) from None
    low, high = (f"{year:04d}-01-01", f"{year:04d}-12-31") if year else ("0000-01-01", "9999-12-31")
    suffix = f"_{year}" if year else ""
    written: list[tuple[Path, int]] = []
    for sheet in SHEETS:
        cursor = session.db.execute(sheet.sql, [low, high] if sheet.dated else [])
        rows = (
            [_label(sheet.labels[i], v) if i in sheet.labels else v for i, v in enumerate(row)]
            for row in cursor
        )
        path = folder / f"{sheet.file_name}{suffix}.csv"
        try:
            written.append((path, write_sheet(path, sheet.header, rows)))
        except OSError as exc:
            raise UserError(
                text("无法写入 {p}（{m}）", "Cannot write {p} ({m})", p=str(path), m=exc.strerror)
            ) from None
    return written
