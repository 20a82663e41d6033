from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app import privacy, settings
from app.session import Session


def test_mobile_keeps_first_three_and_last_four() -> None:
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_phone("138-1234-5678") == "138****5678"
    assert privacy.mask_phone("") == ""


def test_short_numbers_keep_only_last_two_digits() -> None:
    assert privacy.mask_phone("65431234") == "******34"
    assert privacy.mask_phone("110") == "***"


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_a_masked_mobile_never_contains_the_middle_digits(phone: str) -> None:
    masked = privacy.mask_phone(phone)
    assert phone not in masked
    assert masked[3:7] == "****"
    assert len(masked) == 11


def test_names_keep_only_the_first_character_and_hide_the_length() -> None:
    assert privacy.mask_name("王小明") == "王**"
    assert privacy.mask_name("王明") == "王**"
    assert privacy.mask_name("欧阳小明") == "欧**"
    assert privacy.mask_name(" ") == ""


def test_names_are_shown_only_when_the_station_chooses(session: Session) -> None:
    assert not privacy.show_names_in_print(session.db)
    assert privacy.visitor_name_for_print("王小明", privacy.show_names_in_print(session.db)) == "王**"
    settings.SHOW_VISITOR_NAMES_IN_PRINT.set(session.db, True)
    assert privacy.visitor_name_for_print("王小明", privacy.show_names_in_print(session.db)) == "王小明"


def test_mobiles_typed_into_free_text_are_masked() -> None:
    text = "请回电 13812345678 或 139-1234-5678，编号 YP-01-2026-0001，金额 20231234567890 元"
    masked = privacy.mask_phones_in_text(text)
    assert "13812345678" not in masked and "138****5678" in masked
    assert "139****5678" in masked
    assert "YP-01-2026-0001" in masked and "20231234567890" in masked
