"""The station's monthly summary, read back from the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import settings, stats
from app.errors import UserError
from app.period import Period
from app.reports import build_monthly, queries
from app.reports.figures import handled, percent, satisfaction_rate
from app.reports.fonts import register
from app.session import Session
from tests.app.test_reports_support import flat, font_rows, pdf_pages, pdf_text, station_db, value_after

MONTH = "2026-05"


@pytest.fixture(scope="module")
def station_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return station_db(tmp_path_factory.mktemp("station"))


@pytest.fixture
def station(station_file: Path, tmp_path: Path) -> Iterator[Session]:
    copy = tmp_path / "copy.db"
    copy.write_bytes(station_file.read_bytes())
    session = Session.open(copy, operator="测试员")
    yield session
    session.close()


@pytest.fixture
def report(station: Session, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "月报.pdf"
    build_monthly(station, MONTH, out)
    return out, pdf_text(out)


def test_header_names_the_station_and_the_month(report: tuple[Path, str]) -> None:
    _path, text = report
    assert "控江路街道代表之家" in text
    assert "2026年5月" in text
    assert "2026-05-01 – 2026-05-31" in text


def test_every_key_figure_equals_stats_compute(station: Session, report: tuple[Path, str]) -> None:
    _path, text = report
    figures = stats.compute(station.db, Period.month(MONTH), "YP-01")
    assert figures["reception_days"] > 0 and figures["person_visits"] > 0  # the month has activity
    attendance = figures["attendance"]
    assert value_after(text, "接待日（次）") == str(figures["reception_days"])
    assert value_after(text, "代表到场（人次）") == str(attendance["present"])
    assert value_after(text, "代表请假 / 缺席（人次）") == f"{attendance['leave']} / {attendance['absent']}"
    assert value_after(text, "接待群众（人次）") == str(figures["person_visits"])
    assert value_after(text, "来访登记（件）") == str(figures["visits"])
    assert value_after(text, "社情民意提出（条）") == str(figures["sentiment_items"])
    assert value_after(text, "已反馈（条）") == str(figures["items_by_status"]["fed_back"])
    assert value_after(text, "已办结（落实+反馈）") == str(handled(figures))
    replies = sum(figures["satisfaction"].values())
    assert value_after(text, f"满意率（{replies}份答复）") == percent(satisfaction_rate(figures))


def test_trend_chart_shows_each_of_the_last_twelve_months(station: Session, report: tuple[Path, str]) -> None:
    _path, text = report
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("近12个月接待群众人次") + 1
    expected = [
        str(stats.compute(station.db, p, "YP-01")["person_visits"])
        for p in queries.month_periods(Period.month(MONTH).end, 12)  # type: ignore[arg-type]
    ]
    assert lines[start : start + 12] == expected
    assert "25/06" in lines and "26/05" in lines  # the month axis is labelled
    assert "本月社情民意分类" in text


def test_tables_list_the_months_reception_days_and_items(station: Session, report: tuple[Path, str]) -> None:
    _path, text = report
    period = Period.month(MONTH)
    station_uuid = station.local_station_uuid()
    assert station_uuid
    days = queries.reception_days(station.db, period, station_uuid)
    items = queries.items(station.db, period, station_uuid)
    assert days and items
    compact = flat(text)
    for day in days:
        assert day["date"] in compact
        for name in day["present"]:
            assert name in compact
    for item in items:
        assert item["item_no"] in compact
        assert flat(item["title"]) in compact


def test_pages_are_numbered_n_of_m(report: tuple[Path, str]) -> None:
    path, _text = report
    pages = pdf_pages(path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page


def test_signature_block_is_printed(report: tuple[Path, str]) -> None:
    _path, text = report
    assert "经办人" in text and "负责人" in text and "日期" in text


def test_every_font_is_embedded(report: tuple[Path, str]) -> None:
    path, _text = report
    rows = font_rows(path)
    assert rows
    for row in rows:
        # columns: name type [type...] encoding emb sub uni object ID; emb is the fifth from the end
        assert row[-5] == "yes", row


def test_no_phone_number_or_visitor_name_is_printed_unmasked(
    station: Session, report: tuple[Path, str]
) -> None:
    _path, text = report
    compact = flat(text)
    phones = [p for (p,) in station.db.execute("SELECT phone FROM visits WHERE phone <> ''").fetchall()]
    phones += [p for (p,) in station.db.execute("SELECT phone FROM deputies WHERE phone <> ''").fetchall()]
    assert phones
    for phone in phones:
        assert phone not in compact
    names = station.db.execute(
        "SELECT DISTINCT visitor_name FROM visits WHERE date LIKE '2026-05-%' AND length(visitor_name) >= 2"
    ).fetchall()
    deputies = {n for (n,) in station.db.execute("SELECT name FROM deputies").fetchall()}
    assert names
    for (name,) in names:
        if name not in deputies:  # a visitor may share a deputy's (printed) name
            assert name not in compact
    assert "**" in compact and "****" in compact


def test_the_station_may_choose_to_print_names_but_never_phones(station: Session, tmp_path: Path) -> None:
    settings.SHOW_VISITOR_NAMES_IN_PRINT.set(station.db, True)
    out = tmp_path / "names.pdf"
    build_monthly(station, MONTH, out)
    compact = flat(pdf_text(out))
    visits = station.db.execute(
        "SELECT visitor_name, phone FROM visits WHERE date LIKE '2026-05-%' AND phone <> ''"
    ).fetchall()
    assert visits
    for name, phone in visits:
        assert name in compact
        assert phone not in compact


def test_without_an_embeddable_font_the_report_falls_back_and_says_so(
    station: Session, tmp_path: Path
) -> None:
    out = tmp_path / "fallback.pdf"
    result = build_monthly(station, MONTH, out, font=register(None))
    assert not result.font_embedded
    assert result.warning is not None and "STSong-Light" in str(result.warning)
    assert result.pages >= 1
    assert any(row[0] == "STSong-Light" for row in font_rows(out))


def test_an_embedded_font_gives_no_warning(station: Session, tmp_path: Path) -> None:
    result = build_monthly(station, MONTH, tmp_path / "ok.pdf")
    assert result.font_embedded and result.warning is None


def test_bad_month_is_refused_and_nothing_is_written(station: Session, tmp_path: Path) -> None:
    out = tmp_path / "bad.pdf"
    with pytest.raises(UserError, match="2023-03"):
        build_monthly(station, "2026-13", out)
    assert not out.exists()


def test_missing_folder_is_named_in_the_error(station: Session, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="不存在"):
        build_monthly(station, MONTH, tmp_path / "no-such-folder" / "r.pdf")
    assert not (tmp_path / "no-such-folder").exists()


def test_a_failed_build_leaves_the_previous_file_untouched(station: Session, tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"previous report")
    with pytest.raises(UserError):
        build_monthly(station, MONTH, out, station_code="NO-SUCH")
    assert out.read_bytes() == b"previous report"
    assert not list(tmp_path.glob(".report-*"))


def test_month_without_activity_still_prints_a_complete_page(station: Session, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    result = build_monthly(station, "2020-01", out)
    text = pdf_text(out)
    assert result.pages == 1
    assert "本月没有接待日。" in text and "本月没有社情民意。" in text
    assert value_after(text, "接待日（次）") == "0"


def test_english_report(station: Session, tmp_path: Path) -> None:
    from app import i18n

    i18n.set_language("en")
    out = tmp_path / "en.pdf"
    build_monthly(station, MONTH, out)
    text = pdf_text(out)
    assert "Monthly report, May 2026" in text
    assert "Page 1 of" in text


def test_a_phone_typed_into_what_a_resident_raised_is_masked(station: Session, tmp_path: Path) -> None:
    station.db.execute(
        "UPDATE visits SET raised = raised || '（联系电话 13912345678）'"
        " WHERE uuid = (SELECT uuid FROM visits WHERE date LIKE '2026-05-%' ORDER BY uuid LIMIT 1)"
    )
    out = tmp_path / "free-text.pdf"
    build_monthly(station, MONTH, out)
    compact = flat(pdf_text(out))
    assert "13912345678" not in compact
    assert "139****5678" in compact


def test_an_unreadable_font_file_falls_back_instead_of_failing(station: Session, tmp_path: Path) -> None:
    from app.fonts import FontFile

    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 10)
    font = register(FontFile(broken))
    assert font.name == "STSong-Light" and not font.embedded
    result = build_monthly(station, MONTH, tmp_path / "r.pdf", font=font)
    assert result.warning is not None


def test_an_item_without_category_is_uncategorised_in_the_readers_language(
    station: Session, tmp_path: Path
) -> None:
    from app import i18n

    station.db.execute(
        "UPDATE items SET category = '' WHERE uuid = (SELECT uuid FROM items WHERE date LIKE ? ORDER BY uuid LIMIT 1)",
        [f"{MONTH}-%"],
    )
    chinese = tmp_path / "zh.pdf"
    build_monthly(station, MONTH, chinese)
    assert "未分类" in pdf_text(chinese)
    i18n.set_language("en")
    english = tmp_path / "en.pdf"
    build_monthly(station, MONTH, english)
    text = pdf_text(english)
    assert "Uncategorised" in text and "未分类" not in text
