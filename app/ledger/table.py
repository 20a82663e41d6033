"""Reading a ledger file into rows of cells: .xlsx via openpyxl, .csv in whatever encoding and delimiter
the spreadsheet program chose. Row numbers are the spreadsheet's own, so a problem can be found by the clerk."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from app import bounded
from app.i18n import Text, text

# openpyxl cannot read the old binary .xls (OLE2) format; a clerk gets told how to convert it.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class WorkbookLimits:
    """An .xlsx is a zip of XML parts that openpyxl inflates (the shared strings whole): a part small on disk
    must not become gigabytes in memory. A ledger of 100,000 rows is a sheet of some 40 MB, a tenth of that
    zipped; Excel's XML rarely inflates more than thirty-fold."""

    max_members: int = 1000
    max_member_bytes: int = 256 * 1024**2
    max_total_bytes: int = 512 * 1024**2
    # All parts together: at most max_ratio times the file's size (never less than min_allowance).
    max_ratio: int = 100
    min_allowance: int = 16 * 1024**2

    def allowance(self, compressed: int) -> int:
        return min(self.max_total_bytes, max(self.min_allowance, self.max_ratio * compressed))


WORKBOOK_LIMITS = WorkbookLimits()


class UnreadableFile(Exception):
    def __init__(self, message: Text) -> None:
        super().__init__(message.render("en"))
        self.message = message


@dataclass
class Table:
    """rows: (spreadsheet row number, cells); blank rows are already dropped."""

    rows: Iterator[tuple[int, list[Any]]]
    source: str  # 'xlsx' or 'csv (encoding, delimiter)', for messages and the log


def read_table(path: Path, data: bytes) -> Table:
    if not data.strip():
        raise UnreadableFile(text("文件是空的", "The file is empty"))
    if data.startswith(_OLE2_MAGIC):
        raise UnreadableFile(
            text(
                "这是旧版 Excel（.xls）或 WPS 专有格式，请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后再导入",
                "This is an old Excel (.xls) or WPS file: save it as .xlsx or CSV in Excel/WPS, then import that",
            )
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise UnreadableFile(
            text(
                "文件扩展名是 {s}，但内容不是 Excel 工作簿（文件可能已损坏或被改了扩展名）",
                "The file is named {s} but is not an Excel workbook (it may be damaged or renamed)",
                s=path.suffix,
            )
        )
    return _read_csv(data)


def check_workbook(data: bytes, limits: WorkbookLimits = WORKBOOK_LIMITS) -> None:
    """Before openpyxl sees the file: every part's declared size within bounds, and every part inflated once
    (counted, not kept), never past its declared size, so that a part whose directory entry lies is caught."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _DAMAGED:
        raise _damaged_workbook() from None
    if len(infos) > limits.max_members:
        raise _oversized_workbook(
            text("{n} 个部件", "{n} parts", n=len(infos)), text("{m} 个", "{m}", m=limits.max_members)
        )
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise _oversized_workbook(
                text(
                    "其中的 {p} 解压后有 {s} MB",
                    "its part {p} inflates to {s} MB",
                    p=info.filename[:80],
                    s=_megabytes(info.file_size),
                ),
                text("{m} MB", "{m} MB", m=_megabytes(limits.max_member_bytes)),
            )
    declared = sum(info.file_size for info in infos)
    allowance = limits.allowance(len(data))
    if declared > allowance:
        raise _oversized_workbook(
            text("解压后共 {s} MB", "it inflates to {s} MB in all", s=_megabytes(declared)),
            text(
                "{m} MB（文件大小的 {r} 倍，最多 {t} MB）",
                "{m} MB ({r} times its size, at most {t} MB)",
                m=_megabytes(allowance),
                r=limits.max_ratio,
                t=_megabytes(limits.max_total_bytes),
            ),
        )
    for info in infos:
        try:
            bounded.inflated_size(archive, info, info.file_size)
        except (bounded.TooLarge, *bounded.DAMAGED, *_DAMAGED):
            raise _damaged_workbook() from None


def _oversized_workbook(what: Text, limit: Text) -> UnreadableFile:
    return UnreadableFile(
        text(
            "工作簿过大或已损坏：{w}，超过上限 {l}。请把台账分成几个较小的文件，或在 Excel/WPS 中另存为 CSV 后再导入",
            "The workbook is too large or damaged: {w}, beyond the limit of {l}. Split the ledger into smaller"
            " files, or save it as CSV in Excel/WPS, and import that",
            w=what,
            l=limit,
        )
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.1f}".removesuffix(".0")


def _read_xlsx(data: bytes) -> Table:
    check_workbook(data)
    import openpyxl  # imported here: it is slow to load and CSV imports do not need it
    from openpyxl.utils.exceptions import InvalidFileException

    damaged = (*_DAMAGED, InvalidFileException)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except damaged:
        raise _damaged_workbook() from None
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    if not sheets:
        raise UnreadableFile(text("工作簿中没有工作表", "The workbook has no worksheet"))

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            # The first sheet that holds anything: WPS often leaves empty Sheet2/Sheet3 behind, and a
            # clerk sometimes keeps an empty cover sheet first.
            for sheet in sheets:
                # Some writers record a wrong used range; read every row the sheet really has.
                sheet.reset_dimensions()
                found = False
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells = [_xlsx_cell(v) for v in values]
                    if any(c != "" for c in cells):
                        found = True
                        yield number, cells
                if found:
                    return
        except damaged:
            raise _damaged_workbook() from None
        finally:
            workbook.close()

    return Table(rows(), "xlsx")


# What a damaged or foreign zip makes openpyxl raise, while opening or while reading a sheet.
_DAMAGED = (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, ParseError, TypeError)


def _damaged_workbook() -> UnreadableFile:
    return UnreadableFile(
        text(
            "文件已损坏或不是 Excel 工作簿，无法读取：请在 Excel/WPS 中打开并另存为 .xlsx 或 CSV 后再导入",
            "The file is damaged or not an Excel workbook: open it in Excel/WPS, save it as .xlsx or CSV, "
            "and import that",
        )
    )


def _xlsx_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # a phone number or headcount typed into a numeric cell
    return value


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) is tried strictly first: GB18030 accepts almost any bytes, so trying it
    first would turn UTF-8 into mojibake. UTF-16 is what Excel's "Unicode text" saves."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise _not_a_table()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(decoded):
            raise _not_a_table()
        return decoded, encoding
    raise _not_a_table()


def _looks_binary(decoded: str) -> bool:
    sample = decoded[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > max(2, len(sample) // 100)


def _not_a_table() -> UnreadableFile:
    return UnreadableFile(
        text(
            "无法识别的文件：既不是 Excel 工作簿（.xlsx），也不是 UTF-8 或 GB18030 编码的 CSV 文本",
            "Unrecognised file: neither an Excel workbook (.xlsx) nor CSV text in UTF-8 or GB18030",
        )
    )


def sniff_delimiter(decoded: str) -> str:
    """The delimiter that splits the first non-blank lines into the most (and most consistent) columns."""
    lines = [line for line in decoded.splitlines() if line.strip()][:20]
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        if not counts or max(counts) < 2:
            continue
        # Columns of the header line, for lines agreeing with it: a stray comma inside a text
        # cell of a tab-separated file does not win.
        score = counts[0] * sum(1 for c in counts if c == counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes) -> Table:
    decoded, encoding = decode(data)
    # Excel writes "sep=;" as the first line when asked to name the delimiter; it is not a row of the sheet.
    first, _, rest = decoded.partition("\n")
    first = first.rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter, decoded = first[4], rest
        skipped = 1
    else:
        delimiter, skipped = sniff_delimiter(decoded), 0

    def rows() -> Iterator[tuple[int, list[Any]]]:
        # A quoted cell may hold line breaks; a spreadsheet still counts it as one row, so number records.
        reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter)
        try:
            for number, values in enumerate(reader, start=1 + skipped):
                cells = [v.strip() for v in values]
                if any(cells):
                    yield number, cells
        except csv.Error as exc:
            raise UnreadableFile(
                text("CSV 文件格式有误（{e}）", "The CSV file is malformed ({e})", e=str(exc))
            ) from None

    return Table(rows(), f"csv ({encoding}, {delimiter!r})")
