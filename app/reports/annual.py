"""The district's annual report: the year for the whole district from the merged data, for the Standing
Committee's work report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app import settings, stats
from app.domain import DeputyLevel, ItemStatus, StationKind
from app.errors import UserError
from app.i18n import current_language, text
from app.period import Period
from app.reports import charts, queries
from app.reports.figures import handled, handling_rate, percent, replies, satisfaction_rate
from app.reports.fonts import ReportFont, report_font
from app.reports.layout import (
    FRAME_WIDTH,
    Styles,
    data_table,
    escape,
    figures_grid,
    heading,
    signature_block,
    t,
    write_pdf,
)
from app.reports.result import ReportResult
from app.session import Session
from db import clock


def organisation_name(session: Session) -> str:
    name = settings.DISTRICT_NAME.get(session.db)
    if name:
        return name
    local = session.local_station_uuid()
    if local:
        row = session.db.execute("SELECT name FROM stations WHERE uuid = ?", [local]).fetchone()
        if row:
            return str(row[0])
    return t("区人大常委会", "District People's Congress")


def build_annual(
    session: Session, year: int, out: Path | str, *, font: ReportFont | None = None
) -> ReportResult:
    if not 1900 <= year <= 9999:
        raise UserError(text("年份{y}无效", "Invalid year {y}", y=year))
    period = Period.year(year)
    font = font or report_font()
    styles = Styles.make(font)
    name = organisation_name(session)
    story = annual_story(session.db, year, name, styles)
    title = t("{n}{y}年代表家站点工作年度报告", "{n}: liaison stations' annual report {y}", n=name, y=year)
    pages = write_pdf(out, story, title=title, footer=f"{name} · {period.label()}", font=font)
    return ReportResult(Path(out), pages, font.name, font.embedded)


def summary_sentences(figures: dict[str, Any], year: int, by_kind: dict[str, int]) -> list[str]:
    """Sentences the office can paste into its work report; every number is computed."""
    top = list(figures["items_by_category"].items())[:3]
    sep = "、" if current_language() != "en" else ", "
    top_text = sep.join(t("{c}（{n}条）", "{c} ({n})", c=stats.category_label(c), n=n) for c, n in top) or "—"
    coverage = figures["coverage"]
    full = coverage >= 1.0 and figures["deputies"] > 0
    return [
        t(
            "{y}年，全区{s}个家站点共举办代表接待日活动{r}次，代表到场履职{p}人次，"
            "代表参与联系接待{v}人次，梳理汇总社情民意{i}条，已办结{h}条，办结率{hr}，群众满意率{sr}。",
            "In {y}, the district's {s} liaison stations held {r} reception days with deputies present {p} times; "
            "deputies received residents {v} times and {i} public-sentiment items were sorted and summarised, "
            "{h} of them handled (handling rate {hr}, satisfaction {sr}).",
            y=year,
            s=figures["stations"],
            r=figures["reception_days"],
            p=figures["attendance"]["present"],
            v=figures["person_visits"],
            i=figures["sentiment_items"],
            h=handled(figures),
            hr=percent(handling_rate(figures)),
            sr=percent(satisfaction_rate(figures)),
        ),
        t(
            "全区{d}名在册代表中，{n}名代表入驻“家站点”，入驻率{c}{f}。",
            "Of the {d} deputies on the roster, {n} are stationed at liaison stations ({c}{f}).",
            d=figures["deputies"],
            n=figures["deputies_stationed"],
            c=percent(coverage),
            f=t("，实现全覆盖", ", full coverage") if full else "",
        ),
        t(
            "家站点包括代表之家{h}个、代表联络站{s}个、代表联系点{p}个。",
            "The stations comprise {h} deputies' homes, {s} liaison stations and {p} contact points.",
            h=by_kind.get("home", 0),
            s=by_kind.get("station", 0),
            p=by_kind.get("point", 0),
        ),
        t(
            "社情民意主要集中在{c}等方面。",
            "Public sentiment concerned mainly {c}.",
            c=top_text,
        ),
    ]


def annual_story(db: Any, year: int, name: str, styles: Styles) -> list[Flowable]:
    period = Period.year(year)
    figures = stats.compute(db, period)
    by_street = queries.stations_by_street(db)
    by_kind = {k: sum(counts.get(k, 0) for _s, counts in by_street) for k in ("home", "station", "point")}
    story: list[Flowable] = [
        Paragraph(escape(name), styles.title),
        Paragraph(
            escape(t("{y}年代表家站点工作年度报告", "Liaison stations: annual report {y}", y=year)),
            styles.subtitle,
        ),
        Paragraph(
            escape(
                t(
                    "统计期间 {p} ｜ 制表日期 {d}",
                    "Period {p} | Printed {d}",
                    p=period.label(),
                    d=clock.today().isoformat(),
                )
            ),
            styles.note,
        ),
        Spacer(1, 3 * mm),
        *heading(styles, t("一、综述（可直接引用）", "1. Summary (ready to quote)")),
        *(Paragraph(escape(s), styles.body) for s in summary_sentences(figures, year, by_kind)),
        *heading(styles, t("二、主要数据", "2. Key figures")),
        figures_grid(styles, _key_figures(figures)),
        *heading(styles, t("三、家站点分布", "3. Stations by street and kind")),
        _street_table(by_street, styles),
        *heading(styles, t("四、代表入驻", "4. Deputies stationed")),
        _level_table(db, period, figures, styles),
        *heading(styles, t("五、社情民意分类与办理", "5. Items by category and status")),
        _category_chart(figures, styles),
        _status_table(figures, styles),
        *heading(styles, t("六、各家站点情况", "6. Each station")),
        _station_table(db, period, figures, styles),
        *heading(styles, t("七、分月情况", "7. Each month")),
        *_month_section(db, year, figures, styles),
        *heading(styles, t("八、代表履职记录（出勤）", "8. Deputies' record of duty")),
        _duty_table(db, period, styles),
        signature_block(styles),
    ]
    return story


def _key_figures(figures: dict[str, Any]) -> list[tuple[str, str]]:
    attendance = figures["attendance"]
    return [
        (t("家站点（个）", "Stations"), str(figures["stations"])),
        (
            t("入驻代表 / 在册代表", "Deputies stationed / on roster"),
            f"{figures['deputies_stationed']} / {figures['deputies']}",
        ),
        (t("入驻率", "Coverage"), percent(figures["coverage"])),
        (t("接待日（次）", "Reception days"), str(figures["reception_days"])),
        (t("代表到场（人次）", "Deputies present"), str(attendance["present"])),
        (t("请假 / 缺席（人次）", "On leave / absent"), f"{attendance['leave']} / {attendance['absent']}"),
        (t("接待群众（人次）", "Person-visits"), str(figures["person_visits"])),
        (t("来访登记（件）", "Registrations"), str(figures["visits"])),
        (t("社情民意（条）", "Public-sentiment items"), str(figures["sentiment_items"])),
        (t("已办结（条）", "Handled"), str(handled(figures))),
        (t("办结率", "Handling rate"), percent(handling_rate(figures))),
        (
            t("满意率（{n}份答复）", "Satisfaction ({n} replies)", n=replies(figures)),
            percent(satisfaction_rate(figures)),
        ),
    ]


def _kind_label(kind: str) -> str:
    choice = StationKind.parse(kind)
    return choice.label if choice else "—"


def _street_table(by_street: list[tuple[str, dict[str, int]]], styles: Styles) -> Flowable:
    kinds = ("home", "station", "point")
    rows: list[list[Any]] = [
        [street, *(counts.get(k, 0) for k in kinds), sum(counts.values())] for street, counts in by_street
    ]
    if rows:
        totals = [sum(int(r[i]) for r in rows) for i in range(1, 5)]
        rows.append([t("合计", "Total"), *totals])
    return data_table(
        styles,
        [t("街道 / 镇", "Street / town"), *(_kind_label(k) for k in kinds), t("合计", "Total")],
        rows,
        [FRAME_WIDTH - 4 * 28 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm],
        numeric=(1, 2, 3, 4),
        total_row=bool(rows),
    )


def _level_table(db: Any, period: Period, figures: dict[str, Any], styles: Styles) -> Flowable:
    levels = queries.stationed_by_level(db, period)
    rows: list[list[Any]] = []
    for level in DeputyLevel:
        total, stationed = levels.get(level.value, (0, 0))
        rows.append(
            [
                t("{l}人大代表", "{l} deputies", l=level.label),
                total,
                stationed,
                percent(stationed / total if total else None),
            ]
        )
    rows.append(
        [t("合计", "Total"), figures["deputies"], figures["deputies_stationed"], percent(figures["coverage"])]
    )
    return data_table(
        styles,
        [
            t("层级", "Level"),
            t("在册（名）", "On roster"),
            t("入驻（名）", "Stationed"),
            t("入驻率", "Coverage"),
        ],
        rows,
        [FRAME_WIDTH - 3 * 34 * mm, 34 * mm, 34 * mm, 34 * mm],
        numeric=(1, 2, 3),
        total_row=True,
    )


def _category_chart(figures: dict[str, Any], styles: Styles) -> Flowable:
    categories = figures["items_by_category"]
    return charts.bar_chart(
        t("社情民意分类（条）", "Items by category"),
        [stats.category_label(c) for c in categories],
        list(categories.values()),
        font=styles.font.name,
        unit=t("条", "items"),
        width=FRAME_WIDTH,
        height=max(60 * mm, (16 * len(categories) + 60)),
    )


def _status_table(figures: dict[str, Any], styles: Styles) -> Flowable:
    total = figures["sentiment_items"]
    rows: list[list[Any]] = []
    for status in ItemStatus:
        count = figures["items_by_status"][status.value]
        rows.append([status.label, count, percent(count / total if total else None)])
    rows.append([t("合计", "Total"), total, percent(1.0 if total else None)])
    return data_table(
        styles,
        [t("办理环节", "Stage"), t("条数", "Items"), t("占比", "Share")],
        rows,
        [FRAME_WIDTH - 2 * 34 * mm, 34 * mm, 34 * mm],
        numeric=(1, 2),
        total_row=True,
    )


def _station_table(db: Any, period: Period, district: dict[str, Any], styles: Styles) -> Flowable:
    rows: list[list[Any]] = []
    for station, f in queries.station_figures(db, period):
        rows.append(
            [
                station.code,
                station.name,
                _kind_label(station.kind),
                f["reception_days"],
                f["attendance"]["present"],
                f["person_visits"],
                f["visits"],
                f["sentiment_items"],
                percent(handling_rate(f)),
                percent(satisfaction_rate(f)),
            ]
        )
    rows.append(
        [
            t("合计", "Total"),
            "",
            "",
            district["reception_days"],
            district["attendance"]["present"],
            district["person_visits"],
            district["visits"],
            district["sentiment_items"],
            percent(handling_rate(district)),
            percent(satisfaction_rate(district)),
        ]
    )
    return data_table(
        styles,
        [
            t("编号", "Code"),
            t("家站点", "Station"),
            t("类型", "Kind"),
            t("接待日", "Days"),
            t("代表到场", "Present"),
            t("接待人次", "Persons"),
            t("登记", "Visits"),
            t("社情民意", "Items"),
            t("办结率", "Handled"),
            t("满意率", "Satisf."),
        ],
        rows,
        [15 * mm, FRAME_WIDTH - 136 * mm, 23 * mm, *([14 * mm] * 7)],
        numeric=(3, 4, 5, 6, 7, 8, 9),
        plain=(0,),
        total_row=True,
    )


def _month_label(p: Period) -> str:
    assert p.start is not None
    return f"{p.start.month}月" if current_language() != "en" else p.start.strftime("%b")


def _month_section(db: Any, year: int, district: dict[str, Any], styles: Styles) -> list[Flowable]:
    months = queries.month_periods(date(year, 12, 1), 12)
    series = queries.monthly_figures(db, months, None)
    rows: list[list[Any]] = []
    for p, f in zip(months, series, strict=True):
        a = f["attendance"]
        rows.append(
            [
                _month_label(p),
                f["reception_days"],
                a["present"],
                a["leave"],
                a["absent"],
                f["person_visits"],
                f["visits"],
                f["sentiment_items"],
                f["items_by_status"]["fed_back"],
            ]
        )
    a = district["attendance"]
    rows.append(
        [
            t("全年", "Year"),
            district["reception_days"],
            a["present"],
            a["leave"],
            a["absent"],
            district["person_visits"],
            district["visits"],
            district["sentiment_items"],
            district["items_by_status"]["fed_back"],
        ]
    )
    table = data_table(
        styles,
        [
            t("月份", "Month"),
            t("接待日", "Days"),
            t("代表到场", "Present"),
            t("请假", "Leave"),
            t("缺席", "Absent"),
            t("接待人次", "Persons"),
            t("登记", "Visits"),
            t("社情民意", "Items"),
            t("已反馈", "Fed back"),
        ],
        rows,
        [FRAME_WIDTH - 8 * 18 * mm, *([18 * mm] * 8)],
        numeric=tuple(range(1, 9)),
        total_row=True,
    )
    chart = charts.column_chart(
        t("各月接待群众人次", "Person-visits by month"),
        [_month_label(p) for p in months],
        [f["person_visits"] for f in series],
        font=styles.font.name,
        unit=t("人次", "person-visits"),
        width=FRAME_WIDTH,
        height=60 * mm,
    )
    return [table, Spacer(1, 3 * mm), chart]


def _duty_table(db: Any, period: Period, styles: Styles) -> Flowable:
    rows: list[list[Any]] = []
    for index, d in enumerate(queries.duty_record(db, period), start=1):
        level = DeputyLevel.parse(d["level"])
        rows.append(
            [
                index,
                d["deputy_no"] or "—",
                d["name"],
                level.label if level else d["level"],
                d["stations"] or t("未入驻", "not stationed"),
                d["present"],
                d["leave"],
                d["absent"],
                d["received"],
            ]
        )
    return data_table(
        styles,
        [
            t("序号", "#"),
            t("代表编号", "No."),
            t("姓名", "Name"),
            t("层级", "Level"),
            t("入驻家站点", "Stationed at"),
            t("到场", "Present"),
            t("请假", "Leave"),
            t("缺席", "Absent"),
            t("接待人次", "Received"),
        ],
        rows,
        [12 * mm, 17 * mm, 18 * mm, 12 * mm, FRAME_WIDTH - 121 * mm, 14 * mm, 14 * mm, 14 * mm, 20 * mm],
        numeric=(0, 5, 6, 7, 8),
        plain=(1, 2),
        empty=t("名册中没有代表。", "No deputy on the roster."),
    )
