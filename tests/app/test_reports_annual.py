"""The district's annual report, read back from the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import stats
from app.domain import DeputyLevel
from app.errors import UserError
from app.period import Period
from app.reports import build_annual, queries
from app.reports.figures import handled, handling_rate, percent, satisfaction_rate
from app.session import Session
from tests.app.test_reports_support import district_db, flat, font_rows, pdf_pages, pdf_text, value_after

YEAR = 2026


@pytest.fixture(scope="module")
def district_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return district_db(tmp_path_factory.mktemp("district"))


@pytest.fixture
def district(district_file: Path) -> Iterator[Session]:
    session = Session.open(district_file, operator="测试员")
    yield session
    session.close()


@pytest.fixture(scope="module")
def annual(district_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    session = Session.open(district_file, operator="测试员")
    out = tmp_path_factory.mktemp("annual") / "年报.pdf"
    result = build_annual(session, YEAR, out)
    session.close()
    return out, pdf_text(out), result.pages


def test_title_names_the_district_and_the_year(annual: tuple[Path, str, int]) -> None:
    _path, text, _pages = annual
    assert "杨浦区人大常委会" in text
    assert "2026年代表家站点工作年度报告" in text


def test_key_figures_equal_stats_compute(district: Session, annual: tuple[Path, str, int]) -> None:
    _path, text, _pages = annual
    f = stats.compute(district.db, Period.year(YEAR))
    assert f["person_visits"] > 0 and f["sentiment_items"] > 0
    assert value_after(text, "家站点（个）") == str(f["stations"])
    assert value_after(text, "入驻代表 / 在册代表") == f"{f['deputies_stationed']} / {f['deputies']}"
    assert value_after(text, "入驻率") == percent(f["coverage"])
    assert value_after(text, "接待日（次）") == str(f["reception_days"])
    assert value_after(text, "代表到场（人次）") == str(f["attendance"]["present"])
    assert (
        value_after(text, "请假 / 缺席（人次）")
        == f"{f['attendance']['leave']} / {f['attendance']['absent']}"
    )
    assert value_after(text, "接待群众（人次）") == str(f["person_visits"])
    assert value_after(text, "来访登记（件）") == str(f["visits"])
    assert value_after(text, "社情民意（条）") == str(f["sentiment_items"])
    assert value_after(text, "已办结（条）") == str(handled(f))
    assert value_after(text, "办结率") == percent(handling_rate(f))
    replies = sum(f["satisfaction"].values())
    assert value_after(text, f"满意率（{replies}份答复）") == percent(satisfaction_rate(f))


def test_sentences_to_paste_carry_the_computed_figures(
    district: Session, annual: tuple[Path, str, int]
) -> None:
    _path, text, _pages = annual
    f = stats.compute(district.db, Period.year(YEAR))
    compact = flat(text)
    assert f"代表参与联系接待{f['person_visits']}人次，梳理汇总社情民意{f['sentiment_items']}条" in compact
    assert f"{f['deputies_stationed']}名代表入驻“家站点”" in compact
    assert "实现全覆盖" in compact  # every demo deputy is stationed
    top = next(iter(f["items_by_category"].items()))
    assert f"社情民意主要集中在{top[0]}（{top[1]}条）" in compact


def test_one_row_per_station_and_the_rows_add_up(district: Session, annual: tuple[Path, str, int]) -> None:
    _path, text, _pages = annual
    compact = flat(text)
    rows = queries.station_figures(district.db, Period.year(YEAR))
    assert len(rows) == 6
    for station, f in rows:
        row = [
            station.code,
            station.name,
            f["reception_days"],
            f["attendance"]["present"],
            f["person_visits"],
            f["visits"],
            f["sentiment_items"],
            percent(handling_rate(f)),
        ]
        cells = flat("".join(str(c) for c in row[:2]))
        numbers = "".join(str(c) for c in row[2:])
        assert cells in compact
        assert numbers in compact, station.code
    district_figures = stats.compute(district.db, Period.year(YEAR))
    for key in ("reception_days", "person_visits", "visits", "sentiment_items"):
        assert sum(f[key] for _s, f in rows) == district_figures[key]


def test_one_row_per_month(district: Session, annual: tuple[Path, str, int]) -> None:
    _path, text, _pages = annual
    compact = flat(text)
    for month in range(1, 13):
        f = stats.compute(district.db, Period.month(f"{YEAR}-{month:02d}"))
        a = f["attendance"]
        row = (
            f"{month}月{f['reception_days']}{a['present']}{a['leave']}{a['absent']}"
            f"{f['person_visits']}{f['visits']}{f['sentiment_items']}{f['items_by_status']['fed_back']}"
        )
        assert row in compact, month


def test_items_by_status_and_by_category(district: Session, annual: tuple[Path, str, int]) -> None:
    _path, text, _pages = annual
    f = stats.compute(district.db, Period.year(YEAR))
    compact = flat(text)
    assert f"提出{f['items_by_status']['raised']}" in compact
    assert f"反馈{f['items_by_status']['fed_back']}" in compact
    for category in f["items_by_category"]:
        assert category in compact


def test_record_of_duty_lists_every_deputy_with_headers_on_every_page(
    district: Session, annual: tuple[Path, str, int]
) -> None:
    path, text, _pages = annual
    record = queries.duty_record(district.db, Period.year(YEAR))
    assert len(record) == 60
    compact = flat(text)
    for index, deputy in enumerate(record, start=1):
        level = DeputyLevel.parse(deputy["level"])
        assert level is not None
        assert f"{index}{deputy['deputy_no']}{deputy['name']}{level.zh}" in compact
    pages = pdf_pages(path)
    first = next(i for i, page in enumerate(pages) if "八、代表履职记录" in page)
    assert len(pages) - first >= 2  # the table spans pages, so the repeated header is tested
    for page in pages[first:]:
        assert "代表编号" in page and "入驻家站点" in page
    present = sum(d["present"] for d in record)
    assert present == stats.compute(district.db, Period.year(YEAR))["attendance"]["present"]


def test_every_font_is_embedded_and_no_phone_is_printed(
    district: Session, annual: tuple[Path, str, int]
) -> None:
    path, text, _pages = annual
    for row in font_rows(path):
        assert row[-5] == "yes", row
    compact = flat(text)
    phones = [p for (p,) in district.db.execute("SELECT phone FROM visits WHERE phone <> ''").fetchall()]
    phones += [p for (p,) in district.db.execute("SELECT phone FROM deputies WHERE phone <> ''").fetchall()]
    assert len(phones) > 100
    assert not [p for p in phones if p in compact]


def test_page_numbers(annual: tuple[Path, str, int]) -> None:
    path, _text, pages = annual
    texts = pdf_pages(path)
    assert len(texts) == pages
    assert f"第 {pages} 页 共 {pages} 页" in texts[-1]


def test_invalid_year_is_refused(district: Session, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="年份"):
        build_annual(district, 20260, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_year_without_data_still_reports_the_roster(district: Session, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    build_annual(district, 2001, out)
    text = pdf_text(out)
    assert value_after(text, "接待日（次）") == "0"
    assert value_after(text, "办结率") == "—"
