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


def test_times() -> None:
    assert validate.parse_time("9:00") == "09:00"
    assert validate.parse_time("14:30:00") == "14:30"
    assert validate.parse_time(0.375) == "09:00"
    with pytest.raises(ValidationError):
        validate.parse_time("25:00")
