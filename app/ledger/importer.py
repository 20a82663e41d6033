"""import_file: read, find the header, check every row, and only then write, all in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from app.i18n import Text, text
from app.ledger import columns, items, reception, roster, visits
from app.ledger.context import Context, Plan, Station
from app.ledger.report import ImportReport, LedgerRefused, RowProblem
from app.ledger.rows import Row
from app.ledger.table import UnreadableFile, read_table
from app.services.stations import find_by_code
from app.session import Session
from db.records import now_iso, stable_uuid

PREPARE: dict[str, Callable[[Context, Iterable[Row]], Plan]] = {
    "roster": roster.prepare,
    "reception": reception.prepare,
    "visits": visits.prepare,
    "items": items.prepare,
}
STATION_LEDGERS = ("reception", "visits", "items")
# A title row ("2023年控江路街道代表接待日台账") may sit above the header; look a few rows down for it.
HEADER_SEARCH_ROWS = 10
# The file is read whole: a ledger of 100,000 rows is some 10 MB, so anything this large is not one.
MAX_FILE_BYTES = 256 * 1024**2


def import_file(
    session: Session,
    path: str | Path,
    kind: str | None = None,
    station_code: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import a ledger whole or not at all. Raises LedgerRefused (nothing written) listing every problem."""
    path = Path(path)
    if kind is not None and kind not in PREPARE:
        raise ValueError(f"unknown ledger kind {kind!r}")
    report = ImportReport(kind, path.name, dry_run=dry_run)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _refuse(
                report,
                text(
                    "文件过大（{s} MB，上限 {m} MB），不像是一份台账：请确认选对了文件，或把台账分成几个较小的文件",
                    "The file is too large ({s} MB, the limit is {m} MB) to be a ledger: check that it is the"
                    " right file, or split the ledger into smaller files",
                    s=size // 1024**2,
                    m=MAX_FILE_BYTES // 1024**2,
                ),
            )
        data = path.read_bytes()
    except OSError as exc:
        _refuse(report, text("无法读取文件：{e}", "Cannot read the file: {e}", e=exc.strerror or str(exc)))
    try:
        table = read_table(path, data)
        data_rows = iter(table.rows)
        header = _find_header(report, data_rows, kind)
        report.kind = header.kind
        station, missing = _station(session, header.kind, station_code, report)
        ctx = Context(session, header, report, station, missing, path.name)
        _ignored_columns(ctx)
        rows = ctx.rows(_nonempty_after_header(report, data_rows))
        plan = PREPARE[header.kind](ctx, rows)
    except UnreadableFile as exc:
        _refuse(report, exc.message)
    if report.problems:
        raise LedgerRefused(report)
    digest = hashlib.sha256(data).hexdigest()
    report.already_imported = _imported_before(session, digest, report.kind, station)
    if dry_run:
        return report
    with session.write() as writer:
        plan.apply(writer)
        writer.db.execute(
            "INSERT INTO ledger_imports (sha256, kind, file_name, station_uuid, imported_at, operator,"
            " rows_added, rows_updated, rows_unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                digest,
                report.kind,
                report.file_name,
                station.uuid if station else None,
                now_iso(),
                writer.operator,
                report.added,
                report.updated,
                report.unchanged,
            ],
        )
        # Rows added in bulk carry no audit entry each; the import itself is recorded once, with its counts.
        writer.audit(
            "ledger_imports",
            stable_uuid("ledger-import", digest, report.kind or "", station.uuid if station else ""),
            "create",
            {
                "file": report.file_name,
                "kind": report.kind,
                "sha256": digest,
                "station": station.code if station else None,
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    return report


def _refuse(report: ImportReport, message: Text) -> NoReturn:
    report.problems.append(RowProblem(0, "", message))
    raise LedgerRefused(report)


def _find_header(
    report: ImportReport, rows: Iterator[tuple[int, list[Any]]], kind: str | None
) -> columns.HeaderMap:
    seen: list[tuple[int, list[Any]]] = []
    chosen: tuple[int, list[Any]] | None = None
    for number, cells in rows:
        seen.append((number, cells))
        if columns.recognised(cells) >= 2:
            chosen = (number, cells)
            break
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if not seen:
        raise UnreadableFile(text("文件是空的：没有任何内容", "The file is empty: it holds no cells"))
    number, cells = chosen or seen[0]
    found = "、".join(str(c).strip() for c in cells if str(c).strip()) or "—"
    if kind is None:
        header = columns.detect(number, cells)
        if header is None:
            raise UnreadableFile(
                text(
                    "无法判断这是哪种台账：第{r}行的列为 {found}。代表名册须有 姓名、层级；接待日台账须有 日期、"
                    "到场代表等；来访登记须有 日期、反映问题；社情民意须有 登记日期、标题。请按以上列名改好表头后再导入",
                    "Cannot tell which ledger this is: row {r} has the columns {found}. A roster needs 姓名/name "
                    "and 层级/level; a reception ledger 日期/date and 到场代表/present; a visit ledger 日期/date "
                    "and 反映问题/raised; an item ledger 登记日期/date and 标题/title. Name the header cells so and import again",
                    r=number,
                    found=found,
                )
            )
        return header
    header = columns.map_header(kind, number, cells)
    missing = columns.missing_required(header)
    if missing:
        raise UnreadableFile(
            text(
                "{k}缺少必需的列：{m}（在第{r}行找到的列：{found}）",
                "The {k} lacks required columns: {m} (columns found on row {r}: {found})",
                k=report.kind_label,
                m="、".join(missing),
                r=number,
                found=found,
            )
        )
    return header


def _nonempty_after_header(
    report: ImportReport, rows: Iterator[tuple[int, list[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    any_row = False
    for row in rows:
        any_row = True
        yield row
    if not any_row:
        raise UnreadableFile(text("文件只有表头，没有数据行", "The file has a header row but no data rows"))


def _ignored_columns(ctx: Context) -> None:
    if ctx.header.ignored:
        ctx.report.warnings.append(
            RowProblem(
                ctx.header.row,
                "",
                text(
                    "以下列不属于{k}，已忽略：{c}",
                    "These columns are not part of a {k} and were ignored: {c}",
                    k=ctx.report.kind_label,
                    c="、".join(ctx.header.ignored),
                ),
            )
        )


def _station(
    session: Session, kind: str, code: str | None, report: ImportReport
) -> tuple[Station | None, Text | None]:
    """The station a ledger belongs to: --station, else this station's own; required at the district."""
    if kind not in STATION_LEDGERS:
        return None, None
    if code:
        found = find_by_code(session, code)
        if found is None:
            known = [
                row[0] for row in session.db.execute("SELECT code FROM stations ORDER BY code").fetchall()
            ]
            raise UnreadableFile(
                text(
                    "找不到编号为“{c}”的家站点（已知：{k}）",
                    "No station with code “{c}” (known: {k})",
                    c=code,
                    k="、".join(known) or "—",
                )
            )
        return Station(found["uuid"], found["code"]), None
    local = session.local_station_uuid()
    if local is not None:
        local_code = session.db.execute("SELECT code FROM stations WHERE uuid = ?", [local]).fetchone()[0]
        return Station(local, local_code), None
    if session.is_district:
        return None, text(
            "区人大汇总端导入{k}时须用 --station 指明是哪个家站点的台账",
            "At the district office, say whose {k} this is with --station CODE",
            k=report.kind_label,
        )
    return None, text(
        "数据库尚未初始化为家站点：请先运行 liaison init station …，或用 --station 指明家站点",
        "The database is not set up as a station: run 'liaison init station …' first, or give --station CODE",
    )


def _imported_before(session: Session, digest: str, kind: str | None, station: Station | None) -> bool:
    row = session.db.execute(
        "SELECT 1 FROM ledger_imports WHERE sha256 = ? AND kind = ? AND station_uuid IS ? LIMIT 1",
        [digest, kind, station.uuid if station else None],
    ).fetchone()
    return row is not None
