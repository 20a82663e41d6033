"""One bad value, three ways in: typed in a form (the service the form calls), a row of a ledger file, a row of a
bundle. Each time it is refused by the same rule of the rule book, in the same words; a ledger adds the row and
column, a bundle the column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.errors import ValidationError
from app.i18n import Text
from app.ledger import LedgerRefused, import_file
from app.rules import RECEPTION_DAYS, VISITS, RuleBroken
from app.services import reception, visits
from app.session import Session
from app.sync import export, importer
from tests.app.ledger_files import RECEPTION_HEADER, VISIT_HEADER, write_csv, write_xlsx
from tests.app.test_sync_support import district, give_district_key, station

DAY = "2026-12-01"
TWELVE_DIGITS = "138123456789"


def end_before_start() -> Text:
    """The rule's own words, from the rule book."""
    message = RECEPTION_DAYS.rule("end_after_start").broken("14:00", "10:00")
    assert message is not None
    return message


def twelve_digit_phone() -> Text:
    with pytest.raises(RuleBroken) as broken:
        VISITS.field("phone").clean(TWELVE_DIGITS)
    return broken.value.message


def test_the_rules_own_words() -> None:
    assert end_before_start().render("zh_CN") == "结束时间应晚于开始时间"
    assert twelve_digit_phone().render("zh_CN") == "手机号码“138123456789”应为以1开头的11位数字"


def _form_message(call: Any, field: str, **values: Any) -> str:
    with pytest.raises(ValidationError) as refused:
        call(**values)
    [error] = refused.value.for_field(field)
    return error.message.render("zh_CN")


def test_typed_in_a_form(station_session: Session) -> None:
    end = _form_message(
        lambda **v: reception.create(station_session, **v),
        "end_time",
        date=DAY,
        start_time="14:00",
        end_time="10:00",
    )
    assert end == end_before_start().render("zh_CN")
    phone = _form_message(
        lambda **v: visits.create(station_session, **v),
        "phone",
        date=DAY,
        raised="楼道堆物",
        phone=TWELVE_DIGITS,
    )
    assert phone == twelve_digit_phone().render("zh_CN")


def _ledger_problem(session: Session, path: Path) -> tuple[str, str]:
    with pytest.raises(LedgerRefused) as refused:
        import_file(session, path)
    [problem] = refused.value.report.problems
    return problem.message.render("zh_CN"), problem.render("zh_CN")


@pytest.mark.parametrize("write", [write_xlsx, write_csv], ids=["xlsx", "csv"])
def test_in_a_ledger_row(station_session: Session, tmp_path: Path, write: Any) -> None:
    suffix = ".xlsx" if write is write_xlsx else ".csv"
    day_row = [DAY, "14:00", "10:00", "", "", "", "", ""]
    message, shown = _ledger_problem(
        station_session, write(tmp_path / f"接待日{suffix}", RECEPTION_HEADER, [day_row])
    )
    assert message == end_before_start().render("zh_CN")
    assert shown == f"第2行 [结束时间]: {message}"

    # A spreadsheet keeps a long number typed into a cell as a number; the ledger reads it back as digits.
    phone: Any = int(TWELVE_DIGITS) if write is write_xlsx else TWELVE_DIGITS
    visit_row = [DAY, "李明", phone, "民星苑", "1", "楼道堆物", "", ""]
    message, shown = _ledger_problem(
        station_session, write(tmp_path / f"来访{suffix}", VISIT_HEADER, [visit_row])
    )
    assert message == twelve_digit_phone().render("zh_CN")
    assert shown == f"第2行 [联系电话]: {message}"


def test_in_a_bundle_row(tmp_path: Path) -> None:
    """A station's program wrote the bad values (as a buggy or older one might); the office refuses those rows."""
    desk = station(tmp_path, "YP-01", months=0)
    day = reception.create(desk, date=DAY, start_time="09:00", end_time="11:00").uuid
    visit = visits.create(desk, date=DAY, raised="楼道堆物", phone="13812345678")
    with desk.db.atomic():
        desk.db.execute(
            "UPDATE reception_days SET start_time = '14:00', end_time = '10:00' WHERE uuid = ?", [day]
        )
        desk.db.execute("UPDATE visits SET phone = ? WHERE uuid = ?", [TWELVE_DIGITS, visit])
    office = district(tmp_path)
    give_district_key(desk, office)
    bundle = export.export_station(desk, tmp_path / "stick").path

    run = importer.import_paths(office, [bundle])
    assert run.ok
    refused = {row.uuid: row.reason.render("zh_CN") for row in run.bundles[0].refused_rows}
    assert refused == {
        day: f"end_time：{end_before_start().render('zh_CN')}",
        visit: f"phone：{twelve_digit_phone().render('zh_CN')}",
    }
