"""Strict money and rate input: what is accepted, and the rule named for what is not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from installments_core import InstallmentsError
from installments_core.amounts import parse_amount, parse_rate
from installments_core.errors import InvalidAmountError


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        ("500", "USD", "500.00"),
        ("41.67", "USD", "41.67"),
        ("41.670000", "USD", "41.67"),
        ("0", "USD", "0.00"),
        ("0.00", "USD", "0.00"),
        ("100.00", "JPY", "100"),
        ("100", "JPY", "100"),
        ("1.234", "KWD", "1.234"),
        ("1.2", "KWD", "1.200"),
        (Decimal("500"), "USD", "500.00"),
        (Decimal("5E+2"), "USD", "500.00"),
        (Decimal("-0"), "USD", "0.00"),
        (500, "USD", "500.00"),
        (0, "JPY", "0"),
        ("999999999999999", "JPY", "999999999999999"),
        ("999999999999999.99", "USD", "999999999999999.99"),
        ("000123.40", "USD", "123.40"),
    ],
)
def test_accepted_amounts_carry_exactly_the_minor_digits(value: object, currency: str, expected: str) -> None:
    assert str(parse_amount(value, currency)) == expected


@pytest.mark.parametrize(
    ("value", "currency", "rule"),
    [
        (0.1, "USD", "a Decimal, an int or a decimal string"),
        (500.0, "USD", "a Decimal, an int or a decimal string"),
        (True, "USD", "a Decimal, an int or a decimal string"),
        (None, "USD", "a Decimal, an int or a decimal string"),
        ([500], "USD", "a Decimal, an int or a decimal string"),
        ("NaN", "USD", "a finite amount"),
        ("Infinity", "USD", "a finite amount"),
        ("-inf", "USD", "a non-negative amount"),
        (Decimal("NaN"), "USD", "a finite amount"),
        (Decimal("sNaN"), "USD", "a finite amount"),
        (Decimal("Infinity"), "USD", "a finite amount"),
        ("1e3", "USD", "without an exponent"),
        ("1E-2", "USD", "without an exponent"),
        ("1e999999", "USD", "without an exponent"),
        ("-5", "USD", "a non-negative amount"),
        (Decimal("-5"), "USD", "a non-negative amount"),
        (-5, "USD", "a non-negative amount"),
        ("1.234", "USD", "whole USD minor units (2 decimals)"),
        ("100.5", "JPY", "whole JPY minor units (0 decimals)"),
        (Decimal("0.0001"), "KWD", "whole KWD minor units (3 decimals)"),
        ("1000000000000000", "USD", "at most 15 integer digits"),
        ("12345678901234567890", "USD", "at most 15 integer digits"),
        (10**15, "USD", "at most 15 integer digits"),
        (Decimal("1E+15"), "USD", "at most 15 integer digits"),
        ("", "USD", "written as digits"),
        (" 5", "USD", "written as digits"),
        ("5 ", "USD", "written as digits"),
        ("+5", "USD", "written as digits"),
        ("5.", "USD", "written as digits"),
        (".5", "USD", "written as digits"),
        ("1,000.00", "USD", "written as digits"),
        ("٥٠٠", "USD", "written as digits"),
        ("0x10", "USD", "written as digits"),
        ("1_000", "USD", "written as digits"),
        ("9" * 100_000, "USD", "at most 15 integer digits"),
    ],
)
def test_refused_amounts_name_the_rule(value: object, currency: str, rule: str) -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_amount(value, currency)
    assert rule in raised.value.expected
    assert raised.value.path == "amount"
    assert len(str(raised.value)) < 300, "a huge input must not be echoed whole"


def test_errors_are_value_errors_of_one_family() -> None:
    with pytest.raises(ValueError, match="float") as raised:
        parse_amount(0.5, "USD")
    assert isinstance(raised.value, InstallmentsError)
    assert raised.value.code == "invalid_amount"
    assert "float" in str(raised.value)


def test_the_path_given_is_the_path_reported() -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_amount("x", "USD", path="orderInformation.amountDetails.totalAmount")
    assert str(raised.value).startswith("orderInformation.amountDetails.totalAmount: expected ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5.00", "5.00"), ("0", "0"), ("100", "100"), ("13.99", "13.99"), ("0.0025", "0.0025"),
     (Decimal("2.50"), "2.50"), (3, "3"), ("12.50000000", "12.50000000")],
)
def test_accepted_rates_keep_their_exponent(value: object, expected: str) -> None:
    assert str(parse_rate(value)) == expected


def test_a_remembered_rate_value_returns_the_callers_own_exponent() -> None:
    assert str(parse_rate(Decimal("7"))) == "7"
    assert str(parse_rate(Decimal("7.00"))) == "7.00"


@pytest.mark.parametrize(
    ("value", "rule"),
    [("100.01", "from 0 to 100"), ("-1", "non-negative"), ("0.00001", "at most 4 decimals"), (2.5, "a Decimal"),
     ("NaN", "finite"), (Decimal("Infinity"), "finite"), ("5%", "written as digits")],
)
def test_refused_rates_name_the_rule(value: object, rule: str) -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_rate(value, path="fees[0].ratePercentage")
    assert rule in raised.value.expected
    assert raised.value.path == "fees[0].ratePercentage"


def test_errors_survive_pickling_for_worker_processes() -> None:
    import pickle

    with pytest.raises(InvalidAmountError) as raised:
        parse_amount("1.234", "USD")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is InvalidAmountError
    assert (copy.path, copy.expected, copy.actual, str(copy)) == (
        raised.value.path, raised.value.expected, raised.value.actual, str(raised.value)
    )


def test_too_many_decimals_is_not_called_too_many_integer_digits() -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_amount("1." + "0" * 65, "USD")
    assert "at most 64 decimals" in raised.value.expected


def test_a_card_number_typed_as_an_amount_is_masked_in_the_error() -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_amount("4622943127019793", "USD")
    assert "4622943127019793" not in str(raised.value)
    assert "****9793" in raised.value.actual


def test_a_card_number_cut_by_truncation_is_still_masked() -> None:
    with pytest.raises(InvalidAmountError) as raised:
        parse_amount("x" * 36 + "4622943127019793" + "y" * 30, "USD")
    assert "4622943" not in str(raised.value)
