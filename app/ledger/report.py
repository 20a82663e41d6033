"""What an import did, or why it refused the file: every problem with its spreadsheet row and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import UserError
from app.i18n import Text, current_language, text

KIND_LABELS: dict[str, Text] = {
    "roster": text("代表名册", "roster"),
    "reception": text("接待日台账", "reception-day ledger"),
    "visits": text("来访登记台账", "visit ledger"),
    "items": text("社情民意台账", "sentiment-item ledger"),
}


@dataclass
class RowProblem:
    """row: the spreadsheet's own row number (0 when the problem is the file as a whole);
    column: the header as written in the file, or '' when no single column is at fault."""

    row: int
    column: str
    message: Text

    def render(self, language: str | None = None) -> str:
        lang = language or current_language()
        reason = self.message.render(lang)
        if self.row <= 0:
            return f"[{self.column}]: {reason}" if self.column else reason
        where = text("第{n}行", "Row {n}", n=self.row).render(lang)
        return f"{where} [{self.column}]: {reason}" if self.column else f"{where}: {reason}"

    def __str__(self) -> str:
        return self.render()


@dataclass
class ImportReport:
    kind: str | None
    file_name: str
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    already_imported: bool = False
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems if p.row > 0})

    @property
    def kind_label(self) -> Text:
        return KIND_LABELS.get(self.kind or "", text("台账", "ledger"))

    def summary(self) -> Text:
        if self.problems:
            refused = self.refused_rows
            if refused:
                return text(
                    "未导入{k}“{f}”：{n}行有问题（共{r}行），数据库未作任何改动",
                    "{k} “{f}” not imported: {n} of {r} rows have problems; the database is unchanged",
                    k=self.kind_label,
                    f=self.file_name,
                    n=refused,
                    r=self.rows,
                )
            return text(
                "未导入“{f}”，数据库未作任何改动",
                "“{f}” not imported; the database is unchanged",
                f=self.file_name,
            )
        if self.dry_run:
            lead = text("试导入（未写入）", "Dry run (nothing written): ")
        else:
            lead = text("已导入", "Imported ")
        tail = (
            text("；此文件此前已导入过", "; this file had been imported before")
            if self.already_imported
            else text("", "")
        )
        return text(
            "{lead}{k}“{f}”：共{r}行，新增{a}，更新{u}，未变{s}，拒收0{tail}",
            "{lead}{k} “{f}”: {r} rows, {a} added, {u} updated, {s} unchanged, 0 refused{tail}",
            lead=lead,
            k=self.kind_label,
            f=self.file_name,
            r=self.rows,
            a=self.added,
            u=self.updated,
            s=self.unchanged,
            tail=tail,
        )


class LedgerRefused(UserError):
    """The file (or some of its rows) cannot be imported; nothing was written. `report` lists every problem."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.summary())
        self.report = report

    def __str__(self) -> str:
        lines = [str(self.report.summary()), *(p.render() for p in self.report.problems)]
        return "\n".join(lines)
