"""The one parser of numbers from user input: ASCII digits, bounded before ``int()``."""

from __future__ import annotations

import pytest
from studyguide.numbers import decimal_number, shown, whole_number

ODD = [
    "²",
    "①",
    "١٢",
    "１２",
    "9" * 310,
    "1" * 4301,
    "1e3",
    "inf",
    "nan",
    "-5",
    "+5",
    "",
    " ",
    "0x10",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_text_is_no_number(text: str) -> None:
    assert whole_number(text, 0, 10**9) is None
    assert decimal_number(text, 0, 10**9) is None


def test_ascii_numbers_in_range() -> None:
    assert whole_number(" 90 ", 1, 600) == 90
    assert whole_number("601", 1, 600) is None
    assert whole_number(0, 1, 600) is None
    assert whole_number(True, 0, 600) is None
    assert whole_number(10**5000, 1, 600) is None
    assert decimal_number("7.5", 0.5, 600) == 7.5
    assert decimal_number("7.555", 0.5, 600) is None
    assert decimal_number(97, 0.5, 600) == 97.0
    assert decimal_number(float("nan"), 0.5, 600) is None
    assert decimal_number(float("inf"), 0.5, 600) is None


def test_shown_is_bounded() -> None:
    assert shown("9" * 310) == "9" * 40 + "…"
    assert shown(10**5000) == "a number of more than 40 digits"
    assert shown("²") == "²"
