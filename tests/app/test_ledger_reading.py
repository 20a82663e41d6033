"""Reading ledger files: encodings, delimiters, Excel cells, headers, and the files a clerk should not send."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest

from app.ledger import LedgerRefused, import_file
from app.ledger.columns import field_for, normalise_header
from app.ledger.table import decode, read_table, sniff_delimiter
from app.session import Session
from tests.app.ledger_files import (
    ROSTER_HEADER,
    ROSTER_ROWS,
    VISIT_HEADER,
    count,
    dump,
    write_csv,
    write_xlsx,
)

VISITS = [
    ["2023-03-15", "陈阿姨", "13912345678", "控江一村", "2", "楼道堆物", "物业管理", "张三"],
    ["2023-03-20", "刘先生", "", "鞍山四村", "1", "停车难，晚上没有车位", "交通出行", ""],
]


@pytest.fixture
def ready(station_session: Session, tmp_path: Path) -> Session:
    import_file(station_session, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, ROSTER_ROWS))
    return station_session


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_in_every_encoding_and_delimiter_imports_the_same_rows(
    ready: Session, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv(tmp_path / "来访.csv", VISIT_HEADER, VISITS, encoding=encoding, delimiter=delimiter)
    report = import_file(ready, path)
    assert (report.kind, report.rows, report.added) == ("visits", 2, 2)
    raised = [r[0] for r in ready.db.execute("SELECT raised FROM visits ORDER BY date").fetchall()]
    assert raised == ["楼道堆物", "停车难，晚上没有车位"]


def test_gb18030_is_not_mistaken_for_utf8_and_utf8_not_for_gb18030() -> None:
    text = "日期,来访人\n2023-03-15,陈阿姨\n"
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    assert decode(text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


def test_delimiter_is_the_one_that_splits_the_header_consistently() -> None:
    assert sniff_delimiter("日期\t反映问题\n2023-03-15\t停车难, 晚上\n") == "\t"
    assert sniff_delimiter("日期;反映问题\n2023-03-15;停车难\n") == ";"
    assert sniff_delimiter('日期,反映问题\n2023-03-15,"a;b"\n') == ","


def test_xlsx_with_real_date_and_number_cells(ready: Session, tmp_path: Path) -> None:
    rows = [
        [datetime(2023, 3, 15), "陈阿姨", 13912345678, "控江一村", 2, "楼道堆物", "物业管理", "张三"],
        [date(2023, 3, 20), "刘先生", None, "鞍山四村", 1.0, "停车难", "交通出行", None],
    ]
    report = import_file(ready, write_xlsx(tmp_path / "来访.xlsx", VISIT_HEADER, rows))
    assert report.added == 2
    assert ready.db.execute("SELECT date, phone, headcount FROM visits ORDER BY date").fetchall() == [
        ("2023-03-15", "13912345678", 2),
        ("2023-03-20", "", 1),
    ]


def test_xlsx_time_cells_in_a_reception_ledger(ready: Session, tmp_path: Path) -> None:
    header = ["日期", "开始时间", "结束时间", "到场代表"]
    path = write_xlsx(
        tmp_path / "接待日.xlsx", header, [[datetime(2023, 4, 12), time(9, 0), time(11, 30), "张三"]]
    )
    import_file(ready, path)
    assert ready.db.execute("SELECT date, start_time, end_time FROM reception_days").fetchall() == [
        ("2023-04-12", "09:00", "11:30")
    ]


def test_title_row_and_blank_rows_keep_the_spreadsheet_row_numbers(ready: Session, tmp_path: Path) -> None:
    rows = [VISITS[0], ["", "", "", "", "", "", "", ""], ["2023-02-30", "x", "", "", "1", "y", "", ""]]
    path = write_xlsx(tmp_path / "来访.xlsx", VISIT_HEADER, rows, lead=[["2023年来访登记台账"], []])
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, path)
    # title on row 1, empty row 2, header row 3, data rows 4-6: the bad date is on row 6.
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(6, "日期")]
    assert caught.value.report.rows == 2


def test_headers_trimmed_with_full_width_spaces_stars_and_english_aliases(
    ready: Session, tmp_path: Path
) -> None:
    header = [
        "Date",
        "\u3000来 访 人 ",
        "*联系电话",
        "community",
        "人数（人）",
        "Issue：",
        "category",
        "Received by",
    ]
    report = import_file(ready, write_csv(tmp_path / "v.csv", header, VISITS))
    assert (report.kind, report.added) == ("visits", 2)
    assert normalise_header(" 日\u3000期 ") == "日期"
    assert field_for("visits", "联系电话(手机)") == "phone"


def test_unknown_extra_columns_are_ignored_with_a_warning(ready: Session, tmp_path: Path) -> None:
    header = [*VISIT_HEADER, "备用列"]
    report = import_file(ready, write_csv(tmp_path / "v.csv", header, [[*VISITS[0], "x"]]))
    assert report.added == 1
    assert any("备用列" in str(w) for w in report.warnings)


BAD_FILES = {
    "empty.csv": b"",
    "blank.csv": b"\r\n  \r\n",
    "header_only.csv": ",".join(VISIT_HEADER).encode("utf-8") + b"\r\n",
    "binary.csv": bytes(range(256)) * 20,
    "not_a_zip.xlsx": "日期,来访人\n".encode(),
    "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "unknown_headers.csv": "甲,乙,丙\n1,2,3\n".encode(),
}
EXPECTED = {
    "empty.csv": "文件是空的",
    "blank.csv": "文件是空的",
    "header_only.csv": "只有表头",
    "binary.csv": "无法识别的文件",
    "not_a_zip.xlsx": "不是 Excel 工作簿",
    "old_excel.xls": "另存为",
    "unknown_headers.csv": "甲、乙、丙",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_with_one_clear_message_and_nothing_changes(
    ready: Session, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    before = dump(ready)
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, path)
    problems = caught.value.report.problems
    assert len(problems) == 1
    assert EXPECTED[name] in str(problems[0])
    assert dump(ready) == before


def _damaged_workbooks(folder: Path) -> list[Path]:
    foreign = folder / "foreign.xlsx"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    whole = write_xlsx(folder / "whole.xlsx", VISIT_HEADER, VISITS)
    cut_sheet = folder / "cut_sheet.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut_sheet, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(
                info, content[: len(content) // 2] if info.filename.endswith("sheet1.xml") else content
            )
    truncated = folder / "truncated.xlsx"
    truncated.write_bytes(whole.read_bytes()[:2000])
    return [foreign, cut_sheet, truncated]


def test_damaged_workbooks_are_refused_plainly(ready: Session, tmp_path: Path) -> None:
    before = dump(ready)
    for path in _damaged_workbooks(tmp_path):
        with pytest.raises(LedgerRefused) as caught:
            import_file(ready, path)
        assert "文件已损坏或不是 Excel 工作簿" in str(caught.value.report.problems[0]), path.name
    assert dump(ready) == before


def test_missing_columns_name_what_is_missing_and_what_was_found(ready: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", ["日期", "来访人", "备注"], [["2023-03-15", "陈", "x"]])
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, path, kind="visits")
    message = str(caught.value.report.problems[0])
    assert "缺少必需的列：反映问题" in message
    assert "日期、来访人、备注" in message


def test_a_file_that_cannot_be_opened_is_refused(ready: Session, tmp_path: Path) -> None:
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, tmp_path / "nowhere.csv")
    assert "无法读取文件" in str(caught.value.report.problems[0])
    assert count(ready, "visits") == 0


def test_read_table_numbers_records_not_physical_lines(tmp_path: Path) -> None:
    data = '日期,反映问题\n2023-03-15,"第一行\n第二行"\n2023-03-16,b\n'.encode()
    rows = list(read_table(tmp_path / "x.csv", data).rows)
    assert [number for number, _ in rows] == [1, 2, 3]
    assert rows[1][1][1] == "第一行\n第二行"


def test_xlsx_data_on_a_later_sheet_below_empty_rows(ready: Session, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "说明"
    sheet = workbook.create_sheet("台账")
    sheet["C3"] = "日期"  # header on row 3, from column C
    sheet["D3"] = "反映问题"
    sheet["C5"] = datetime(2023, 3, 15)
    sheet["D5"] = "楼道堆物"
    sheet["C6"] = "2023/3/40"
    sheet["D6"] = "停车难"
    path = tmp_path / "来访.xlsx"
    workbook.save(path)
    with pytest.raises(LedgerRefused) as caught:
        import_file(ready, path)
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(6, "日期")]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_excel_sep_line_names_the_delimiter_and_is_not_a_row(tmp_path: Path, delimiter: str) -> None:
    data = f"sep={delimiter}\r\n日期{delimiter}反映问题{delimiter}人数\r\n2023-03-15{delimiter}停车难{delimiter}2\r\n"
    rows = list(read_table(tmp_path / "x.csv", data.encode()).rows)
    assert rows == [(2, ["日期", "反映问题", "人数"]), (3, ["2023-03-15", "停车难", "2"])]
