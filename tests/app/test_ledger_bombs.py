"""Workbooks small on disk whose parts inflate to a gigabyte or more: refused before openpyxl reads them, with
a message saying the file is too large or damaged, nothing written, and `liaison ledger import`'s own peak
memory under 300 MB (its rusage, read with os.wait4: tests/app/hostile.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.ledger import LedgerRefused, import_file
from app.ledger.table import WorkbookLimits, check_workbook
from app.session import Session
from tests.app import hostile
from tests.app.hostile import GIB, MIB, Member, bomb, member, unzip, zip_bytes
from tests.app.ledger_files import VISIT_HEADER, count, dump, write_xlsx

PEAK_LIMIT_MB = 300
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="peak memory from Linux's rusage"
)
SHEET = "xl/worksheets/sheet1.xml"
VISITS = [["2023-03-15", "陈阿姨", "13912345678", "控江一村", "2", "楼道堆物", "物业管理", ""]]


@pytest.fixture
def workbook(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "genuine.xlsx", VISIT_HEADER, VISITS).read_bytes()


def _parts(data: bytes, replace: dict[str, Member], extra: tuple[Member, ...] = ()) -> bytes:
    return zip_bytes([*(replace.get(n) or member(n, d) for n, d in unzip(data).items()), *extra])


def _sheet_bomb(data: bytes) -> tuple[bytes, int]:
    """The sheet's XML a gigabyte, declared truthfully."""
    sheet = bomb(SHEET, 1024, prefix=b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
    return _parts(data, {SHEET: sheet}), sheet.size


def _lying_sheet_bomb(data: bytes) -> tuple[bytes, int]:
    """The zip's directory declares the sheet's real size; only inflating it tells."""
    size = len(unzip(data)[SHEET])
    return _parts(data, {SHEET: bomb(SHEET, 1024, declared=size, prefix=b"<worksheet>")}), GIB


def _many_parts(data: bytes) -> tuple[bytes, int]:
    """Each extra part under the per-part limit, together a gigabyte and a half."""
    extra = tuple(bomb(f"xl/media/image{n}.xml", 200) for n in range(8))
    return _parts(data, {}, extra), sum(m.size for m in extra)


BOMBS = {
    "sheet bomb": (_sheet_bomb, "xl/worksheets/sheet1.xml"),
    "sheet bomb, directory lying": (_lying_sheet_bomb, "文件已损坏"),
    "many parts": (_many_parts, "解压后共"),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_workbook_bombs_are_refused_in_bounded_memory(
    case: str, workbook: bytes, station_session: Session, tmp_path: Path
) -> None:
    make, expected = BOMBS[case]
    data, inflates_to = make(workbook)
    assert inflates_to >= GIB and len(data) < 4 * MIB, "small on disk, a gigabyte inflated"
    path = tmp_path / "来访登记.xlsx"
    path.write_bytes(data)
    before = dump(station_session)
    run = hostile.liaison_measured(station_session.path, "ledger", "import", str(path))
    print(f"{case}: {len(data) / 1024:.0f} KB on disk, peak {run.peak_mb:.0f} MB")
    assert run.code == 2, run.err
    assert expected in run.err and "Traceback" not in run.err
    assert "过大或已损坏" in run.err or "文件已损坏" in run.err
    assert run.peak_mb < PEAK_LIMIT_MB
    assert dump(station_session) == before


def test_the_genuine_workbook_imports_through_the_same_measure(
    workbook: bytes, station_session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "来访登记.xlsx"
    path.write_bytes(workbook)
    run = hostile.liaison_measured(station_session.path, "ledger", "import", str(path), "--kind", "visits")
    print(f"genuine: {len(workbook) / 1024:.0f} KB on disk, peak {run.peak_mb:.0f} MB")
    assert run.code == 0, run.err
    assert count(station_session, "visits") == 1
    assert run.peak_mb < PEAK_LIMIT_MB


def test_limits_are_per_part_in_all_and_against_the_file_size(workbook: bytes) -> None:
    check_workbook(workbook)  # a genuine workbook passes
    tight = WorkbookLimits(max_member_bytes=1000, min_allowance=0)
    with pytest.raises(Exception, match="beyond the limit of"):
        check_workbook(workbook, tight)
    ratio = WorkbookLimits(max_ratio=1, min_allowance=0)
    with pytest.raises(Exception, match="inflates to .* MB in all"):
        check_workbook(workbook, ratio)
    assert WorkbookLimits().allowance(1) == WorkbookLimits().min_allowance
    assert WorkbookLimits().allowance(10 * GIB) == WorkbookLimits().max_total_bytes


def test_a_refused_workbook_says_what_and_how_in_the_report(
    workbook: bytes, station_session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "来访登记.xlsx"
    path.write_bytes(_sheet_bomb(workbook)[0])
    with pytest.raises(LedgerRefused) as caught:
        import_file(station_session, path)
    message = str(caught.value.report.problems[0])
    assert "工作簿过大或已损坏" in message and "1024 MB" in message and "另存为 CSV" in message
