"""Page layout shared by every report: A4, styles in the report font, tables, page numbers and the
signature block. The PDF is written to a temporary file beside the target and moved into place, so a failed
build never leaves half a file where the user expects a report."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.errors import UserError
from app.i18n import current_language, text
from app.reports.fonts import ReportFont
from db.files import create_private

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_FILL = colors.HexColor("#e8eef6")
RULE = colors.HexColor("#8a9bb0")
ACCENT = colors.HexColor("#b3261e")  # the red of official documents, used sparingly


def t(zh: str, en: str, **params: Any) -> str:
    """A report label in the current language."""
    return text(zh, en, **params).render()


@dataclass(frozen=True)
class Styles:
    font: ReportFont
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    cell_right: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def make(cls, font: ReportFont) -> Styles:
        name = font.name

        def style(key: str, size: float, **extra: Any) -> ParagraphStyle:
            values: dict[str, Any] = {"fontName": name, "fontSize": size, "leading": size * 1.45}
            values.update(extra)
            return ParagraphStyle(key, wordWrap="CJK", **values)

        return cls(
            font=font,
            title=style("title", 19, alignment=TA_CENTER, textColor=ACCENT, spaceAfter=2 * mm),
            subtitle=style("subtitle", 12.5, alignment=TA_CENTER, spaceAfter=1.5 * mm),
            heading=style(
                "heading",
                12,
                spaceBefore=4 * mm,
                spaceAfter=2 * mm,
                textColor=colors.HexColor("#1f3a5f"),
            ),
            body=style("body", 10, alignment=TA_LEFT),
            cell=style("cell", 8.5),
            # CJK wrapping breaks anywhere, which would split English column titles mid-word.
            head=ParagraphStyle(
                "head",
                fontName=name,
                fontSize=8.5,
                leading=12,
                wordWrap="CJK" if current_language() != "en" else None,
            ),
            cell_right=style("cell_right", 8.5, alignment=TA_RIGHT),
            note=style("note", 8, textColor=colors.HexColor("#555555")),
        )


def data_table(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    plain: Sequence[int] = (),
    empty: str = "",
    total_row: bool = False,
) -> Flowable:
    """A ruled table whose header repeats on every page it spans. Text cells wrap (CJK line breaking);
    numeric columns are right-aligned plain strings, and `plain` columns (dates, codes) are plain strings that
    never break; both are much cheaper to lay out than paragraphs."""
    if not rows:
        return Paragraph(empty or t("（无）", "(none)"), styles.note)
    head = [Paragraph(_escape(h), styles.head) for h in header]
    body: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = []
        for index, value in enumerate(row):
            if index in numeric or index in plain:
                cells.append(str(value))
            elif isinstance(value, Flowable):
                cells.append(value)
            else:
                cells.append(Paragraph(_escape(str(value)), styles.cell))
        body.append(cells)
    table = Table([head, *body], colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f9fc")]),
    ]
    for index in numeric:
        commands.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    if total_row:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL))
    table.setStyle(TableStyle(commands))
    return table


def figures_grid(styles: Styles, figures: Sequence[tuple[str, str]], columns: int = 3) -> Flowable:
    """The key figures as label/value cards in a grid."""
    label_style = ParagraphStyle("fig_label", parent=styles.cell, textColor=colors.HexColor("#4a5a6e"))
    value_style = ParagraphStyle(
        "fig_value", parent=styles.body, fontSize=15, leading=19, textColor=colors.HexColor("#1f3a5f")
    )
    cells = [
        [Paragraph(_escape(label), label_style), Paragraph(_escape(value), value_style)]
        for label, value in figures
    ]
    rows: list[list[Any]] = []
    for start in range(0, len(cells), columns):
        chunk = cells[start : start + columns]
        chunk += [["", ""]] * (columns - len(chunk))
        cards = []
        for label, value in chunk:
            card = Table([[label], [value]], colWidths=[FRAME_WIDTH / columns - 8])
            card.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font.name)]))
            cards.append(card)
        rows.append(cards)
    grid = Table(rows, colWidths=[FRAME_WIDTH / columns] * columns)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return grid


def heading(styles: Styles, title: str) -> list[Flowable]:
    """A section heading that is never left alone at the foot of a page. Not keepWithNext: that would push
    a whole long table, heading and all, to the next page and leave half a page blank."""
    return [CondPageBreak(28 * mm), Paragraph(_escape(title), styles.heading)]


def signature_block(styles: Styles) -> Flowable:
    """经办人 / 负责人 / 日期, each with a ruled line to sign or write on."""
    cells = [
        t("经办人：", "Prepared by:"),
        "",
        t("负责人：", "Approved by:"),
        "",
        t("日期：", "Date:"),
        t("　　　　年　　月　　日", ""),
    ]
    label = 20 * mm if current_language() != "en" else 24 * mm
    rest = (FRAME_WIDTH - 3 * label) / 3
    table = Table([cells], colWidths=[label, rest, label, rest, label, rest])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font.name),
                ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
                ("ALIGN", (5, 0), (5, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return KeepTogether([Spacer(1, 12 * mm), table])


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


escape = _escape


def _numbered_canvas(font_name: str, footer: str, pages: list[int]) -> type[pdfcanvas.Canvas]:
    """A canvas that holds every page until the end, so each can say 第 N 页 共 M 页."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            pages.append(total)
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setFont(font_name, 8)
            self.setFillColor(colors.HexColor("#555555"))
            number = t("第 {n} 页 共 {m} 页", "Page {n} of {m}", n=self._pageNumber, m=total)
            self.drawCentredString(PAGE_WIDTH / 2, 10 * mm, number)
            self.drawString(MARGIN, 10 * mm, footer)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, 13.5 * mm, PAGE_WIDTH - MARGIN, 13.5 * mm)
            self.restoreState()

    return NumberedCanvas


def write_pdf(out: Path | str, story: list[Flowable], *, title: str, footer: str, font: ReportFont) -> int:
    """Lay out the story into `out`; returns the number of pages. A path that cannot be written is the
    user's to fix, so it is reported as a UserError naming the file."""
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(text("文件夹“{f}”不存在", "The folder “{f}” does not exist", f=str(folder)))
    if target.is_dir():
        raise UserError(
            text(
                "“{p}”是一个文件夹：请给出文件名，例如 {p}/报表.pdf",
                "“{p}” is a folder: give a file name, e.g. {p}/report.pdf",
                p=str(target),
            )
        )
    # Private (0600), as every file the program writes: the monthly report names visitors where the station
    # chose to print names. Made here so that the PDF writer, opening it again, keeps the mode.
    temp_name = str(folder / f".report-{uuid.uuid4().hex}.pdf")
    pages: list[int] = []
    try:
        try:
            create_private(temp_name)
        except OSError as exc:
            raise UserError(
                text(
                    "无法在“{f}”中写入文件：{m}",
                    "Cannot write a file in “{f}”: {m}",
                    f=str(folder),
                    m=exc.strerror,
                )
            ) from None
        doc = SimpleDocTemplate(
            temp_name,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 2 * mm,
            title=title,
            author=footer,
            creator="Liaison Desk",
            invariant=True,
            # Otherwise every page starts in Helvetica, an unembedded font listed in the PDF for nothing.
            initialFontName=font.name,
        )
        try:
            doc.build(story, canvasmaker=_numbered_canvas(font.name, footer, pages))
        except OSError as exc:
            raise UserError(
                text(
                    "无法在“{f}”中写入文件：{m}",
                    "Cannot write a file in “{f}”: {m}",
                    f=str(folder),
                    m=exc.strerror,
                )
            ) from None
        try:
            os.replace(temp_name, target)
        except OSError as exc:
            raise UserError(
                text(
                    "无法保存“{p}”：{m}（文件是否正在其他程序中打开？）",
                    "Cannot save “{p}”: {m} (is the file open in another program?)",
                    p=str(target),
                    m=exc.strerror,
                )
            ) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return pages[-1] if pages else 0
