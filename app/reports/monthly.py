"""The station's monthly summary: for the file and the noticeboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app import privacy, stats
from app.domain import ItemStatus, ReceptionKind, Satisfaction, StationKind
from app.errors import UserError
from app.i18n import current_language, text
from app.period import Period
from app.reports import charts, queries
from app.reports.figures import handled, percent, replies, satisfaction_rate
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

TREND_MONTHS = 12


def month_title(period: Period) -> str:
    assert period.start is not None
    if current_language() == "en":
        return period.start.strftime("%B %Y")
    return f"{period.start.year}年{period.start.month}月"


def resolve_station(session: Session, station_code: str | None) -> queries.Station:
    """At a station the report is the local station's; at the district a station must be named."""
    if station_code:
        return queries.station_by_code(session.db, station_code)
    local = session.local_station_uuid()
    if local is None:
        codes = "、".join(s.code for s in queries.all_stations(session.db)) or "—"
        raise UserError(
            text(
                "请用 --station 指定家站点编号（可选：{c}）",
                "Choose a station with --station CODE (one of: {c})",
                c=codes,
            )
        )
    row = session.db.execute("SELECT code FROM stations WHERE uuid = ?", [local]).fetchone()
    return queries.station_by_code(session.db, row[0])


def build_monthly(
    session: Session,
    month: str,
    out: Path | str,
    station_code: str | None = None,
    *,
    font: ReportFont | None = None,
) -> ReportResult:
    period = Period.month(month)
    station = resolve_station(session, station_code)
    font = font or report_font()
    styles = Styles.make(font)
    story = monthly_story(session.db, period, station, styles)
    title = t("{s} {m}工作月报", "{s} monthly report, {m}", s=station.name, m=month_title(period))
    footer = t("{s}（{c}）", "{s} ({c})", s=station.name, c=station.code)
    pages = write_pdf(out, story, title=title, footer=footer, font=font)
    return ReportResult(Path(out), pages, font.name, font.embedded)


def monthly_story(db: Any, period: Period, station: queries.Station, styles: Styles) -> list[Flowable]:
    figures = stats.compute(db, period, station.code)
    story: list[Flowable] = [
        Paragraph(escape(station.name), styles.title),
        Paragraph(
            escape(t("{m} 代表家站点工作月报", "Monthly report, {m}", m=month_title(period))), styles.subtitle
        ),
        Paragraph(escape(_meta_line(station, period)), styles.note),
        Spacer(1, 3 * mm),
        *heading(styles, t("一、主要数据", "1. Key figures")),
        figures_grid(styles, _key_figures(figures)),
        *heading(styles, t("二、趋势与分类", "2. Trend and categories")),
        _charts(db, period, station, figures, styles),
        *heading(styles, t("三、代表接待日", "3. Reception days")),
        _reception_table(db, period, station, styles),
        *heading(styles, t("四、来访群众登记", "4. Residents received")),
        _visits_table(db, period, station, styles),
        *heading(styles, t("五、社情民意", "5. Public-sentiment items")),
        _items_table(db, period, station, styles),
        signature_block(styles),
    ]
    return story


def _meta_line(station: queries.Station, period: Period) -> str:
    kind = StationKind.parse(station.kind)
    return t(
        "编号 {c} ｜ 类型 {k} ｜ 所属街道 {s} ｜ 统计期间 {p} ｜ 制表日期 {d}",
        "Code {c} | Kind {k} | Street {s} | Period {p} | Printed {d}",
        c=station.code,
        k=kind.label if kind else "—",
        s=station.street or "—",
        p=period.label(),
        d=clock.today().isoformat(),
    )


def _key_figures(figures: dict[str, Any]) -> list[tuple[str, str]]:
    attendance = figures["attendance"]
    answered = replies(figures)
    return [
        (t("接待日（次）", "Reception days held"), str(figures["reception_days"])),
        (t("代表到场（人次）", "Deputies present (person-times)"), str(attendance["present"])),
        (
            t("代表请假 / 缺席（人次）", "Deputies on leave / absent"),
            f"{attendance['leave']} / {attendance['absent']}",
        ),
        (t("接待群众（人次）", "Residents received (person-visits)"), str(figures["person_visits"])),
        (t("来访登记（件）", "Registrations"), str(figures["visits"])),
        (t("社情民意提出（条）", "Items raised"), str(figures["sentiment_items"])),
        (t("已反馈（条）", "Items fed back"), str(figures["items_by_status"]["fed_back"])),
        (t("已办结（落实+反馈）", "Handled (resolved + fed back)"), str(handled(figures))),
        (
            t("满意率（{n}份答复）", "Satisfaction ({n} replies)", n=answered),
            percent(satisfaction_rate(figures)),
        ),
    ]


def _charts(
    db: Any, period: Period, station: queries.Station, figures: dict[str, Any], styles: Styles
) -> Flowable:
    assert period.end is not None
    months = queries.month_periods(period.end, TREND_MONTHS)
    series = queries.monthly_figures(db, months, station.code)
    labels = [f"{p.start.year % 100:02d}/{p.start.month:02d}" if p.start else "" for p in months]
    width = FRAME_WIDTH / 2 - 4
    trend = charts.column_chart(
        t("近12个月接待群众人次", "Person-visits, last 12 months"),
        labels,
        [f["person_visits"] for f in series],
        font=styles.font.name,
        unit=t("人次", "person-visits"),
        width=width,
        height=62 * mm,
    )
    categories = figures["items_by_category"]
    by_category = charts.bar_chart(
        t("本月社情民意分类", "Items this month by category"),
        [stats.category_label(c) for c in categories],
        list(categories.values()),
        font=styles.font.name,
        unit=t("条", "items"),
        width=width,
        height=62 * mm,
    )
    table = Table([[trend, by_category]], colWidths=[FRAME_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _reception_table(db: Any, period: Period, station: queries.Station, styles: Styles) -> Flowable:
    rows = []
    for day in queries.reception_days(db, period, station.uuid):
        kind = ReceptionKind.parse(day["kind"])
        not_present = [
            *(f"{n}（{t('请假', 'leave')}）" for n in day["leave"]),
            *(f"{n}（{t('缺席', 'absent')}）" for n in day["absent"]),
        ]
        rows.append(
            [
                f"{day['date']}\n{day['time']}".strip(),
                (kind.label if kind else day["kind"]) + (f"：{day['theme']}" if day["theme"] else ""),
                "、".join(day["present"]) or "—",
                "、".join([*not_present, *day["scheduled"]]) or "—",
                f"{day['visits']} / {day['person_visits']}",
            ]
        )
    return data_table(
        styles,
        [
            t("日期", "Date"),
            t("类型 / 专题", "Kind / theme"),
            t("到场代表", "Deputies present"),
            t("请假 / 缺席 / 待定", "Leave / absent / pending"),
            t("来访 件/人次", "Visits / persons"),
        ],
        rows,
        [26 * mm, 34 * mm, 48 * mm, 44 * mm, FRAME_WIDTH - 152 * mm],
        numeric=(4,),
        empty=t("本月没有接待日。", "No reception day this month."),
    )


def _visits_table(db: Any, period: Period, station: queries.Station, styles: Styles) -> Flowable:
    show_names = privacy.show_names_in_print(db)
    rows = [
        [
            v["date"],
            privacy.visitor_name_for_print(v["visitor_name"], show_names) or "—",
            privacy.mask_phone(v["phone"]) or "—",
            v["community"] or "—",
            v["headcount"],
            privacy.mask_phones_in_text(v["raised"]),
        ]
        for v in queries.visits(db, period, station.uuid)
    ]
    return data_table(
        styles,
        [
            t("日期", "Date"),
            t("来访人", "Visitor"),
            t("电话", "Phone"),
            t("小区", "Community"),
            t("人数", "People"),
            t("反映问题", "Raised"),
        ],
        rows,
        [21 * mm, 15 * mm, 25 * mm, 25 * mm, 13 * mm, FRAME_WIDTH - 99 * mm],
        numeric=(4,),
        plain=(0, 2),
        empty=t("本月没有来访登记。", "No resident was registered this month."),
    )


def _items_table(db: Any, period: Period, station: queries.Station, styles: Styles) -> Flowable:
    rows = []
    for item in queries.items(db, period, station.uuid):
        status = ItemStatus.parse(item["status"])
        answer = Satisfaction.parse(item["satisfaction"] or "")
        rows.append(
            [
                item["item_no"],
                privacy.mask_phones_in_text(item["title"]),
                stats.category_label(item["category"] or stats.UNCATEGORISED),
                status.label if status else item["status"],
                item["department"] or "—",
                answer.label if answer else "—",
            ]
        )
    return data_table(
        styles,
        [
            t("编号", "No."),
            t("标题", "Title"),
            t("类别", "Category"),
            t("状态", "Status"),
            t("承办部门", "Department"),
            t("满意度", "Reply"),
        ],
        rows,
        [29 * mm, FRAME_WIDTH - 123 * mm, 18 * mm, 16 * mm, 40 * mm, 20 * mm],
        plain=(0,),
        empty=t("本月没有社情民意。", "No item this month."),
    )
