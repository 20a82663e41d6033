"""The columns each ledger kind has, their Chinese headers and English aliases, and finding them in a file."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Chinese header a template uses, and the name in messages when the column is missing
    aliases: tuple[str, ...]
    required: bool = False


def _c(field: str, header: str, *aliases: str, required: bool = False) -> Column:
    return Column(field, header, aliases, required)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "roster": (
        _c("name", "姓名", "代表姓名", "name", "deputy", "deputy name", required=True),
        _c("level", "层级", "代表层级", "级别", "level", required=True),
        _c("gender", "性别", "gender", "sex"),
        _c("delegation", "代表团/选区", "代表团", "选区", "delegation", "constituency"),
        _c("phone", "联系电话", "电话", "手机", "手机号码", "phone", "mobile", "telephone"),
        _c("professional_group", "专业小组", "professional group", "group"),
        _c("stations", "入驻家站点", "家站点", "入驻站点", "stations", "station", "station codes"),
        _c("deputy_no", "代表编号", "编号", "deputy no", "deputy number", "number", "no", "id"),
    ),
    "reception": (
        _c("date", "日期", "接待日期", "date", required=True),
        _c("start_time", "开始时间", "开始", "start", "start time", "from"),
        _c("end_time", "结束时间", "结束", "end", "end time", "to"),
        _c("kind", "类型", "接待类型", "活动类型", "kind", "type"),
        _c("theme", "主题", "接待主题", "专题", "theme", "topic"),
        _c("present", "到场代表", "到场", "出席代表", "present", "present deputies"),
        _c("leave", "请假代表", "请假", "leave", "on leave"),
        _c("absent", "缺席代表", "缺席", "absent", "absent deputies"),
    ),
    "visits": (
        _c("date", "日期", "来访日期", "接待日期", "date", required=True),
        _c("visitor_name", "来访人", "来访群众", "姓名", "visitor", "visitor name", "name"),
        _c("phone", "联系电话", "电话", "手机", "phone", "mobile", "telephone"),
        _c("community", "小区", "小区/居委", "居委", "居民区", "community"),
        _c("headcount", "人数", "来访人数", "headcount", "people", "persons"),
        _c("raised", "反映问题", "反映内容", "问题", "诉求", "raised", "issue", "issues", required=True),
        _c("category", "问题类别", "类别", "分类", "category"),
        _c("deputies", "接待代表", "代表", "receiving deputies", "deputies", "received by"),
    ),
    "items": (
        _c("date", "登记日期", "日期", "提出日期", "date", "registered", "registration date", required=True),
        _c("title", "标题", "事项", "title", required=True),
        _c("content", "内容", "具体内容", "content", "details"),
        _c("category", "类别", "问题类别", "分类", "category"),
        _c("community", "小区", "小区/居委", "居委", "community"),
        _c("source_kind", "来源", "来源渠道", "source"),
        _c("status", "状态", "办理状态", "status"),
        _c("department", "承办单位", "承办部门", "department", "handling department"),
        _c("reply", "办理结果", "答复", "办理情况", "reply", "result"),
        _c("satisfaction", "满意度", "satisfaction"),
        _c("item_no", "编号", "事项编号", "序号编号", "item no", "item number", "no", "id", "uuid"),
    ),
}

KINDS = tuple(COLUMNS)

_SPACES = re.compile(r"[\s\u3000\u00a0\ufeff]+")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]$")


def normalise_header(cell: object) -> str:
    """Trimmed, full-width and inner spaces removed, required-field stars and trailing colons dropped."""
    raw = _SPACES.sub("", str(cell)).strip("*＊:：").lower()
    return raw


def _keys(column: Column) -> set[str]:
    return {normalise_header(column.header), *(normalise_header(a) for a in column.aliases)}


_LOOKUP: dict[str, dict[str, str]] = {
    kind: {key: column.field for column in columns for key in _keys(column)}
    for kind, columns in COLUMNS.items()
}


def field_for(kind: str, header: str) -> str | None:
    key = normalise_header(header)
    if not key:
        return None
    lookup = _LOOKUP[kind]
    if key in lookup:
        return lookup[key]
    # "人数（人）", "联系电话(手机)": the bracket explains the unit, the name is before it.
    stripped = _BRACKETED.sub("", key)
    return lookup.get(stripped) if stripped else None


@dataclass
class HeaderMap:
    kind: str
    row: int
    index: dict[str, int]  # field -> column position
    headers: dict[str, str]  # field -> header as written in the file
    ignored: list[str]

    def header_of(self, field: str) -> str:
        if field in self.headers:
            return self.headers[field]
        return next(c.header for c in COLUMNS[self.kind] if c.field == field)


def map_header(kind: str, row: int, cells: list[object]) -> HeaderMap:
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(cells):
        shown = str(cell).strip()
        field = field_for(kind, shown)
        if field is None or field in index:
            if shown:
                ignored.append(shown)
            continue
        index[field] = position
        headers[field] = shown
    return HeaderMap(kind, row, index, headers, ignored)


def missing_required(header: HeaderMap) -> list[str]:
    return [c.header for c in COLUMNS[header.kind] if c.required and c.field not in header.index]


def detect(row: int, cells: list[object]) -> HeaderMap | None:
    """The kind whose required columns are all present and which recognises the most columns."""
    candidates = []
    for kind in KINDS:
        header = map_header(kind, row, cells)
        if not missing_required(header):
            candidates.append((len(header.index), kind, header))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        return None
    return candidates[0][2]


def recognised(cells: list[object]) -> int:
    """How many cells of a row are some ledger's header: a header row is told from a title row by this."""
    return max(len(map_header(kind, 0, cells).index) for kind in KINDS)
