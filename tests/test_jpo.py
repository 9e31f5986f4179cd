"""Japanese Payment Options authorizations: the published example's two mistakes, every rule, the builder."""

from __future__ import annotations

import copy
import decimal
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, strategies, validate_request
from installments_core.cards import CardNumber
from installments_core.errors import InvalidRequestError
from installments_core.jpo import BillTo, Bonus, JpoPaymentMethod, build_jpo_authorization, default_first_billing_month

JPO = Path(__file__).parent / "data" / "jpo"
OPTIONS = "processingInformation.japanPaymentOptions"
BILL_TO = BillTo("Taro", "Yamada", "1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP", "taro.yamada@example.jp")
VISA = CardNumber("4111111111111111")


def example(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((JPO / f"{name}_installment_example.json").read_text("utf-8"))
    return document


def report_of(document: object, **options: Any) -> list[tuple[str, str]]:
    report = validate_request(document, "jpo-authorization", **options)
    return [(violation.path, violation.code) for violation in report.violations]


def test_the_published_example_is_wrong_in_exactly_two_places() -> None:
    report = validate_request(example("published"), "jpo-authorization")
    misspelt, method = report.violations
    assert (misspelt.path, misspelt.code) == (f"{OPTIONS}.firstBusinessMonth", "misspelt_field")
    assert misspelt.rule == "misspelt field name: the field is firstBillingMonth"
    assert misspelt.expected == f"{OPTIONS}.firstBillingMonth"
    assert (method.path, method.code) == (f"{OPTIONS}.paymentMethod", "method_fields")
    assert method.rule == ("paymentMethod '31' means bonus payments combined with installments and needs a bonus "
                           "(bonusMonth and bonusAmount); installments without a bonus are paymentMethod '61'")
    assert method.actual == "'31' without a bonus"
    # Its currency "jpy" is accepted by Cybersource: a warning, not a third mistake.
    (currency,) = report.warnings
    assert (currency.path, currency.code, currency.actual) == (
        "orderInformation.amountDetails.currency", "currency_case", "'jpy'")


def test_the_corrected_example_is_valid() -> None:
    assert validate_request(example("corrected"), "jpo-authorization").ok
    with_fraction = example("corrected")
    with_fraction["orderInformation"]["amountDetails"]["totalAmount"] = "100.00"  # as Cybersource writes it
    assert validate_request(with_fraction, "jpo-authorization").ok


def test_the_defect_a_third_party_copy_suggests_is_caught_too() -> None:
    document = example("published")
    document["processingInformation"]["japanPaymentOptions"]["businessNameKatakana"] = "わが社の場合"
    report = validate_request(document, "jpo-authorization")
    assert [v.code for v in report.violations] == ["not_katakana", "misspelt_field", "method_fields"]
    assert report.violations[0].rule == "businessNameKatakana is written in katakana; 'わ' is hiragana"
    assert [w.code for w in report.warnings] == ["currency_case"]


_JPY_SPELLINGS: Final = ("JPY", "jpy", "Jpy", "jPy", "jpY", "JPy", "JpY", "jPY")


@settings(max_examples=150, deadline=None)
@given(strategies.jpo_authorizations(), st.sampled_from(_JPY_SPELLINGS[1:]) | st.text(max_size=5) | st.integers())
def test_jpy_in_another_case_is_a_warning_anything_else_not_yen_a_violation(
    document: dict[str, Any], currency: object,
) -> None:
    document["orderInformation"]["amountDetails"]["currency"] = currency  # type: ignore[index]
    report = validate_request(document, "jpo-authorization")
    found = [(v.path, v.code) for v in (*report.violations, *report.warnings)]
    if currency == "JPY":
        assert report.ok, report
        assert not report.warnings
    elif currency in _JPY_SPELLINGS:
        assert report.ok, report
        assert found == [("orderInformation.amountDetails.currency", "currency_case")]
    else:
        assert [(v.path, v.code) for v in report.violations] == [("orderInformation.amountDetails.currency",
                                                                  "currency")]
        assert not report.warnings


def test_the_builder_reproduces_the_corrected_example() -> None:
    built = build_jpo_authorization(
        "100.00", card=VISA, expiration_month=12, expiration_year=2031, bill_to=BILL_TO, business_name="見本商店",
        business_name_katakana="ミホンショウテン", business_name_alphanumeric="SampleStore", installments=12,
        first_billing_month=4,
    )
    assert built == example("corrected")


# -- paymentMethod and what each code needs -------------------------------------------------------

BONUS = {"bonusMonth": "7", "bonusAmount": "30"}
INSTALLMENTS = {"installments": "3", "firstBillingMonth": "04"}


@pytest.mark.parametrize(
    ("method", "fields", "expected"),
    [
        ("10", {}, []),
        ("10", INSTALLMENTS, [(f"{OPTIONS}.firstBillingMonth", "method_fields"),
                              (f"{OPTIONS}.installments", "method_fields")]),
        ("21", BONUS, []),
        ("24", {}, [(f"{OPTIONS}.paymentMethod", "method_fields")]),
        # The count of bonuses is not a bonus: a bonus method needs bonusMonth and bonusAmount.
        ("21", {"bonuses": "1"}, [(f"{OPTIONS}.paymentMethod", "method_fields")]),
        ("34", {"bonuses": "2", **INSTALLMENTS}, [(f"{OPTIONS}.paymentMethod", "method_fields")]),
        ("22", {**BONUS, **INSTALLMENTS}, [(f"{OPTIONS}.firstBillingMonth", "method_fields"),
                                           (f"{OPTIONS}.installments", "method_fields")]),
        ("31", {**BONUS, **INSTALLMENTS}, []),
        ("34", {**BONUS, **INSTALLMENTS, "secondBonusMonth": "12", "secondBonusAmount": "20", "bonuses": "2"}, []),
        ("33", BONUS, [(f"{OPTIONS}.firstBillingMonth", "missing_field"), (f"{OPTIONS}.installments",
                                                                          "missing_field")]),
        ("61", INSTALLMENTS, []),
        ("61", {"installments": "3"}, [(f"{OPTIONS}.firstBillingMonth", "missing_field")]),
        ("61", {**BONUS, **INSTALLMENTS}, [(f"{OPTIONS}.paymentMethod", "method_fields")]),
        ("80", {}, []),
        ("80", {"bonuses": "1"}, [(f"{OPTIONS}.paymentMethod", "method_fields")]),
        ("99", {}, [(f"{OPTIONS}.paymentMethod", "invalid_format")]),
        (61, INSTALLMENTS, [(f"{OPTIONS}.paymentMethod", "invalid_format")]),
    ],
)
def test_each_payment_method_and_its_fields(method: object, fields: dict[str, str],
                                            expected: list[tuple[str, str]]) -> None:
    document = example("corrected")
    options = document["processingInformation"]["japanPaymentOptions"]
    for name in ("installments", "firstBillingMonth"):
        del options[name]
    options.update(fields, paymentMethod=method)
    assert report_of(document) == expected


def test_method_words() -> None:
    assert [JpoPaymentMethod(code).words for code in ("10", "21", "31", "61", "80")] == [
        "a single payment", "a bonus payment", "bonus payments combined with installments", "installments",
        "revolving payment"]
    assert [m.value for m in JpoPaymentMethod if m.has_installments] == ["31", "32", "33", "34", "61"]
    assert [m.value for m in JpoPaymentMethod if m.has_bonus] == ["21", "22", "23", "24", "31", "32", "33", "34"]


# -- one field at a time -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        (f"{OPTIONS}.firstBillingMonth", "4", "invalid_format"),
        (f"{OPTIONS}.firstBillingMonth", "13", "invalid_format"),
        (f"{OPTIONS}.firstBillingMonth", "00", "invalid_format"),
        (f"{OPTIONS}.installments", "1", "range"),
        (f"{OPTIONS}.installments", "100", "invalid_format"),
        (f"{OPTIONS}.installments", 12, "invalid_format"),
        (f"{OPTIONS}.businessName", "店" * 26, "length"),
        (f"{OPTIONS}.businessName", " ", "blank"),
        (f"{OPTIONS}.businessNameKatakana", "ミホン商店", "not_katakana"),
        (f"{OPTIONS}.businessNameKatakana", "ミ" * 26, "length"),
        (f"{OPTIONS}.businessNameAlphaNumeric", "Sample Störe", "not_ascii"),
        (f"{OPTIONS}.businessNameAlphaNumeric", "S" * 26, "length"),
        (f"{OPTIONS}.terminalId", "123456789012", "invalid_format"),
        (f"{OPTIONS}.terminalId", "12345678901a3", "invalid_format"),
        (f"{OPTIONS}.preapprovalType", "0", None),
        (f"{OPTIONS}.firstBillingMonthh", "04", "unknown_field"),
        ("orderInformation.amountDetails.totalAmount", "100.50", "amount"),
        ("orderInformation.amountDetails.totalAmount", "0", "amount"),
        ("orderInformation.amountDetails.currency", "USD", "currency"),
        ("orderInformation.billTo.country", "Japan", "invalid_format"),
        ("orderInformation.billTo.email", "taro at example.jp", "invalid_format"),
        ("orderInformation.billTo.locality", "", "blank"),
        ("orderInformation.billTo.address2", "Room 5", None),
        ("paymentInformation.card.type", "002", "card_brand"),
        ("paymentInformation.card.number", "5555555555554444", "card_brand"),
        ("paymentInformation.card.number", "4111111111111112", "card_number"),
        ("paymentInformation.card.expirationMonth", "1", "invalid_format"),
        ("paymentInformation.card.expirationYear", "31", "invalid_format"),
        ("clientReferenceInformation.code", "order-1", None),
        # Digits on the wire are ASCII: full-width or Arabic-Indic digits are display text.
        (f"{OPTIONS}.installments", "１２", "invalid_format"),
        (f"{OPTIONS}.firstBillingMonth", "٠٤", "invalid_format"),
        (f"{OPTIONS}.terminalId", "１２３４５６７８９０１２３", "invalid_format"),
        ("paymentInformation.card.expirationYear", "２０３１", "invalid_format"),
        ("paymentInformation.card.expirationMonth", "１２", "invalid_format"),
        ("orderInformation.amountDetails.totalAmount", "１００", "amount"),
    ],
)
def test_each_field_rule(path: str, value: object, code: str | None) -> None:
    document = example("corrected")
    node = document
    *parents, leaf = path.split(".")
    for name in parents:
        node = node.setdefault(name, {})
    node[leaf] = value
    found = report_of(document)
    assert found == ([(path, code)] if code else []), found


@pytest.mark.parametrize("missing", [
    "orderInformation.billTo.postalCode", "paymentInformation.card.expirationYear",
    f"{OPTIONS}.businessNameKatakana", "orderInformation.amountDetails.currency",
])
def test_required_fields(missing: str) -> None:
    document = example("corrected")
    node = document
    *parents, leaf = missing.split(".")
    for name in parents:
        node = node[name]
    del node[leaf]
    assert report_of(document) == [(missing, "missing_field")]


def test_half_width_katakana_and_spaces_are_katakana() -> None:
    document = example("corrected")
    document["processingInformation"]["japanPaymentOptions"]["businessNameKatakana"] = "ﾐﾎﾝ ｼｮｳﾃﾝ・ストアー"
    assert report_of(document) == []


def test_card_present_payments_need_a_terminal_id() -> None:
    document = example("corrected")
    assert report_of(document, card_present=True) == [(f"{OPTIONS}.terminalId", "missing_field")]
    document["pointOfSaleInformation"] = {"entryMode": "contact"}
    assert report_of(document) == [(f"{OPTIONS}.terminalId", "missing_field")]
    document["processingInformation"]["japanPaymentOptions"]["terminalId"] = "1234567890123"
    assert report_of(document) == []


def test_bonuses_come_in_month_and_amount_pairs_within_the_total() -> None:
    document = example("corrected")
    options = document["processingInformation"]["japanPaymentOptions"]
    document["orderInformation"]["amountDetails"]["totalAmount"] = "100000"
    options.update(paymentMethod="31", bonusMonth="7", bonusAmount="60000", secondBonusMonth="12")
    assert report_of(document) == [(f"{OPTIONS}.secondBonusAmount", "missing_field")]
    options["secondBonusAmount"] = "50000"
    assert report_of(document) == [(f"{OPTIONS}.bonusAmount", "bonus_too_large")]
    options.update(secondBonusAmount="40000", bonusMonth="13", bonuses="7")
    assert report_of(document) == [(f"{OPTIONS}.bonusMonth", "invalid_format"), (f"{OPTIONS}.bonuses",
                                                                                  "invalid_format")]
    del options["bonusMonth"], options["bonusAmount"], options["bonuses"]
    assert (f"{OPTIONS}.secondBonusMonth", "missing_field") in report_of(document)
    options.update(bonusMonth="7", bonusAmount="100000000")
    assert report_of(document) == [(f"{OPTIONS}.bonusAmount", "range")]


def test_a_request_is_an_object() -> None:
    assert report_of([]) == [("", "wrong_type")]
    with pytest.raises(InstallmentsError, match="only with a select request"):
        validate_request({}, "jpo-authorization", plans={})


# -- the builder ---------------------------------------------------------------------------------------


def _build(**changes: Any) -> dict[str, object]:
    arguments: dict[str, Any] = {
        "card": VISA, "expiration_month": 3, "expiration_year": 2030, "bill_to": BILL_TO,
        "business_name": "見本商店", "business_name_katakana": "ミホンショウテン",
        "business_name_alphanumeric": "SampleStore", "installments": 6, "transaction_date": date(2026, 12, 15),
    }
    arguments.update(changes)
    total = arguments.pop("total", "120000")
    return build_jpo_authorization(total, **arguments)


def test_the_first_billing_month_defaults_to_the_month_after_the_transaction() -> None:
    options = _build()["processingInformation"]["japanPaymentOptions"]  # type: ignore[index]
    assert options["firstBillingMonth"] == "01"
    assert options["installments"] == "6"
    assert [default_first_billing_month(date(2026, month, 1)) for month in (1, 11, 12)] == [2, 12, 1]


@given(st.dates())
def test_the_default_month_is_always_the_next_one(day: date) -> None:
    month = default_first_billing_month(day)
    assert 1 <= month <= 12
    assert (month - day.month) % 12 == 1


def test_bonus_and_card_present_payments_build() -> None:
    built = _build(payment_method="31", bonuses=[Bonus(7, "30000"), Bonus(12, 20000)], terminal_id="1234567890123")
    options = built["processingInformation"]["japanPaymentOptions"]  # type: ignore[index]
    assert {k: options[k] for k in ("bonusMonth", "bonusAmount", "secondBonusMonth", "secondBonusAmount")} == {
        "bonusMonth": "7", "bonusAmount": "30000", "secondBonusMonth": "12", "secondBonusAmount": "20000"}
    assert validate_request(built, "jpo-authorization", card_present=True).ok
    single = _build(payment_method="10", installments=None, transaction_date=None)
    assert single["processingInformation"] == {"japanPaymentOptions": {  # type: ignore[comparison-overlap]
        "paymentMethod": "10", "businessName": "見本商店", "businessNameKatakana": "ミホンショウテン",
        "businessNameAlphaNumeric": "SampleStore"}}
    assert validate_request(single, "jpo-authorization").ok


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"payment_method": "31"}, "needs a bonus"),
        ({"payment_method": "61", "bonuses": [Bonus(7, "1000")]}, "bonus fields do not apply"),
        ({"payment_method": "10"}, "no installment fields"),
        ({"payment_method": "62"}, "one of 10, "),
        ({"installments": None}, "number of monthly payments"),
        ({"installments": 1}, "2 to 99"),
        ({"installments": "6"}, "an int"),
        ({"transaction_date": None}, "transaction_date"),
        ({"first_billing_month": 13}, "an integer from 1 to 12"),
        ({"card": CardNumber("5555555555554444")}, "only Visa cards"),
        ({"card": CardNumber("41111111111111113")}, "a VISA card number has 13, 16, 19 digits"),
        ({"card": "4111111111111111"}, "CardNumber"),
        ({"expiration_month": 13}, "an integer from 1 to 12"),
        ({"expiration_year": "2030"}, "an int"),
        ({"business_name_katakana": "見本"}, "katakana"),
        ({"business_name_alphanumeric": "見本"}, "ASCII"),
        ({"business_name": "x" * 26}, "at most 25"),
        ({"terminal_id": "1"}, "13-digit"),
        ({"total": "100.5"}, "whole JPY"),
        ({"payment_method": "31", "bonuses": [Bonus(7, "100000"), Bonus(12, "30000")]}, "together at most"),
        ({"payment_method": "31", "bonuses": [Bonus(7, "1")] * 3}, "at most two"),
        ({"payment_method": "31", "bonuses": [Bonus(0, "1")]}, "an integer from 1 to 12"),
        ({"bill_to": BillTo("", "Y", "a", "b", "c", "d", "JP", "t@e.jp")}, "blank"),
        ({"bill_to": BillTo("T", "Y", "a", "b", "c", "d", "jp", "t@e.jp")}, "ISO 3166"),
    ],
)
def test_the_builder_refuses_what_the_validator_would(changes: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidRequestError if "total" not in changes else InstallmentsError, match=match):
        _build(**changes)


katakana = st.text(
    alphabet="アイウエオカキクケコサシスセソタチツテトナニヌネノ"
    "ハヒフヘホマミムメモヤユヨラリルレロワヲンーｱｲｳｴｵｶｷｸｹｺ ",
    min_size=1,
    max_size=25,
).filter(str.strip)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=99_999_999), st.sampled_from(list(JpoPaymentMethod)), st.data())
def test_whatever_the_builder_produces_validates(total: int, method: JpoPaymentMethod, data: st.DataObject) -> None:
    count = data.draw(st.integers(min_value=2, max_value=99))
    month = data.draw(st.integers(min_value=1, max_value=12))
    name = data.draw(katakana)
    card_present = data.draw(st.booleans())
    bonuses = []
    if method.has_bonus:
        first = data.draw(st.integers(min_value=1, max_value=min(total, 99_999_999)))
        bonuses.append(Bonus(data.draw(st.integers(1, 12)), first))
        if total - first >= 1 and data.draw(st.booleans()):
            bonuses.append(Bonus(data.draw(st.integers(1, 12)), data.draw(st.integers(1, min(total - first,
                                                                                             99_999_999)))))
    built = _build(total=total, payment_method=method, installments=count if method.has_installments else None,
                   first_billing_month=month if method.has_installments else None, transaction_date=None,
                   business_name_katakana=name, bonuses=bonuses,
                   terminal_id="1234567890123" if card_present else None)
    report = validate_request(built, "jpo-authorization", card_present=card_present)
    assert report.ok, str(report)
    assert json.loads(json.dumps(built, ensure_ascii=False)) == copy.deepcopy(built)


def test_decimal_amounts_in_exponent_form_build_plain_texts_whatever_the_context() -> None:
    hostile = decimal.Context(prec=3, capitals=0, traps=[decimal.Inexact, decimal.Rounded])
    with decimal.localcontext(hostile):
        built = _build(total=Decimal("1.2E+5"), payment_method="31", first_billing_month=1,
                       bonuses=[Bonus(7, Decimal("3E+4"))])
    assert built["orderInformation"]["amountDetails"] == {  # type: ignore[index]
        "totalAmount": "120000", "currency": "JPY"}
    assert built["processingInformation"]["japanPaymentOptions"]["bonusAmount"] == "30000"  # type: ignore[index]
    assert validate_request(built, "jpo-authorization").ok


@pytest.mark.parametrize(("total", "bonus", "path"), [
    (Decimal("100.5"), "1", "orderInformation.amountDetails.totalAmount"),
    (Decimal("1E+2"), Decimal("1E+3"), f"{OPTIONS}.bonusAmount"),
    ("100", Decimal("0.5"), f"{OPTIONS}.bonusAmount"),
])
def test_amount_errors_name_the_field(total: object, bonus: object, path: str) -> None:
    with pytest.raises(InstallmentsError) as raised:
        _build(total=total, payment_method="31", first_billing_month=1, bonuses=[Bonus(7, bonus)])
    assert raised.value.path == path


_JUNK: list[object] = [None, 1.5, "", "x", [], [(1,)], [("7", "1")], {}, object(), b"12", -1, 0, True, 10**5000,
                       "4622943127019793", 4622943127019793, date(2026, 1, 1), Decimal("NaN"), Decimal("1E+2")]
_PARAMETERS = ["total", "card", "expiration_month", "expiration_year", "bill_to", "business_name",
               "business_name_katakana", "business_name_alphanumeric", "payment_method", "installments",
               "first_billing_month", "transaction_date", "bonuses", "terminal_id"]


@pytest.mark.parametrize("parameter", _PARAMETERS)
@pytest.mark.parametrize("value", _JUNK, ids=lambda value: type(value).__name__)
def test_every_bad_argument_is_a_library_error_with_its_path(parameter: str, value: object) -> None:
    changes: dict[str, Any] = {parameter: value}
    if parameter == "transaction_date":
        changes["first_billing_month"] = None  # so that the default month is computed from it
    if parameter in ("bonuses",):
        changes["payment_method"] = "31"
    built: dict[str, object] | None = None
    error: InstallmentsError | None = None
    try:
        built = _build(**changes)
    except InstallmentsError as raised:  # any other exception fails the test
        error = raised
    if error is not None:
        assert all((error.path, error.expected, error.actual)), repr(error)
        assert "4622943127019793" not in str(error)
    else:
        assert validate_request(built, "jpo-authorization").ok
