from __future__ import annotations

from datetime import date, datetime

import pytest

from app import i18n, validate
from app.errors import ValidationError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("021-65012345", "02165012345"),
        ("0571-8888888", "05718888888"),
        ("65012345", "65012345"),
        (13812345678, "13812345678"),
        ("13812345678.0", "13812345678"),
        ("", ""),
    ],
)
def test_valid_phones(raw: object, expected: str) -> None:
    assert validate.phone(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["1381234567", "138123456789", "12812345678", "abc", "021-123", "1234567"])
def test_malformed_phones_are_refused_with_the_value_named(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate.phone(raw)
    assert raw in str(err.value)


@pytest.mark.parametrize(
    "raw",
    [
        "2023-03-15",
        "2023/3/15",
        "2023年3月15日",
        "2023.3.15",
        "20230315",
        "2023-03-15 00:00:00",
        datetime(2023, 3, 15, 0, 0),
        date(2023, 3, 15),
        45000,
    ],
)
def test_date_styles(raw: object) -> None:
    assert validate.parse_date(raw) == date(2023, 3, 15)


def test_impossible_date_is_named() -> None:
    with pytest.raises(ValidationError) as err:
        validate.parse_date("2023-02-30")
    assert "2023-02-30" in str(err.value) and "不存在" in str(err.value)
    i18n.set_language("en")
    assert "does not exist" in str(err.value)


def test_unreadable_date() -> None:
    with pytest.raises(ValidationError, match="无法识别"):
        validate.parse_date("三月十五")


def test_future_dates_are_refused_for_what_happened() -> None:
    with pytest.raises(ValidationError, match="之后"):
        validate.past_date("2030-01-01", today=date(2026, 1, 1))
    assert validate.past_date("2026-01-01", today=date(2026, 1, 1)) == date(2026, 1, 1)


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("3", 3), (2, 2), ("5人", 5), ("4.0", 4)])
def test_headcount(raw: object, expected: int) -> None:
    assert validate.headcount(raw) == expected


@pytest.mark.parametrize("raw", ["0", "-2", "two", "1.5"])
def test_bad_headcount(raw: str) -> None:
    with pytest.raises(ValidationError):
        validate.headcount(raw)


def test_times() -> None:
    assert validate.parse_time("9:00") == "09:00"
    assert validate.parse_time("14:30:00") == "14:30"
    assert validate.parse_time(0.375) == "09:00"
    with pytest.raises(ValidationError):
        validate.parse_time("25:00")


def test_texts_refuse_control_characters_and_one_line_fields_lose_their_line_breaks() -> None:
    label = i18n.text("小区", "community")
    with pytest.raises(ValidationError) as caught:
        validate.optional_text("控江\x00一村", label)
    assert str(caught.value) == "小区含有控制字符 U+0000：请删除后再试"
    with pytest.raises(ValidationError):
        validate.required_text("物业\x1b[2J", label, multiline=True)
    # A spreadsheet cell typed with Alt+Enter: one line here, as a bundle requires of this field.
    assert validate.optional_text("控江\n一村\t3号", label) == "控江 一村 3号"
    assert validate.required_text("第一行\r\n第二行\t附言", label, multiline=True) == "第一行\r\n第二行\t附言"
