"""Japanese Payment Options authorizations: Cybersource's published examples, the table of methods, every rule, the
builder."""

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
from installments_core._wire.jpo_methods import METHOD_FIELDS, METHODS, MethodRule, Presence
from installments_core.cards import CardNumber
from installments_core.errors import InvalidRequestError
from installments_core.jpo import BillTo, Bonus, JpoPaymentMethod, build_jpo_authorization, default_first_billing_month

JPO = Path(__file__).parent / "data" / "jpo"
OPTIONS = "processingInformation.japanPaymentOptions"
BILL_TO = BillTo("Taro", "Yamada", "1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP", "taro.yamada@example.jp")
VISA = CardNumber("4111111111111111")


def example(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((JPO / f"{name}.json").read_text("utf-8"))
    return document


def corrected() -> dict[str, Any]:
    """A valid installment authorization: the installment page's example, corrected."""
    return example("installment_corrected")


def report_of(document: object, **options: Any) -> list[tuple[str, str]]:
    report = validate_request(document, "jpo-authorization", **options)
    return [(violation.path, violation.code) for violation in report.violations]


# -- Cybersource's published examples (tests/data/jpo/README.md says where each came from) ---------------

_CARD_NUMBER: Final = "paymentInformation.card.number"
_KATAKANA: Final = f"{OPTIONS}.businessNameKatakana"
_MISSPELT: Final = f"{OPTIONS}.firstBusinessMonth"
_CURRENCY: Final = "orderInformation.amountDetails.currency"


@pytest.mark.parametrize(("method", "violations"), [
    ("revolving", [(_KATAKANA, "not_katakana"), (_MISSPELT, "misspelt_field")]),
    ("combination", [(_KATAKANA, "not_katakana"), (_MISSPELT, "misspelt_field")]),
    ("bonus", [(_KATAKANA, "not_katakana")]),
    ("installment", [(_CARD_NUMBER, "card_number"), (_KATAKANA, "not_katakana"), (_MISSPELT, "misspelt_field")]),
])
def test_each_published_example_gets_exactly_its_defects(method: str, violations: list[tuple[str, str]]) -> None:
    report = validate_request(example(f"{method}_published"), "jpo-authorization")
    assert [(v.path, v.code) for v in report.violations] == violations
    # Its currency "jpy" is accepted by Cybersource: a warning, not a mistake.
    assert [(w.path, w.code, w.actual) for w in report.warnings] == [(_CURRENCY, "currency_case", "'jpy'")]
    fixed = validate_request(example(f"{method}_corrected"), "jpo-authorization")
    assert (fixed.violations, fixed.warnings) == ((), ())


def test_the_issue_revolving_payments_carry_installments() -> None:
    report = validate_request(example("revolving_published"), "jpo-authorization")
    assert not [v for v in report.violations if v.path.endswith(("installments", "paymentMethod"))]
    misspelt = next(v for v in report.violations if v.path == _MISSPELT)
    assert misspelt.rule == "misspelt field name: the field is firstBillingMonth"
    assert report.violations[0].rule == "businessNameKatakana is written in katakana; 'わ' is hiragana"
    options = example("revolving_corrected")["processingInformation"]["japanPaymentOptions"]
    del options["installments"]
    assert report_of({**example("revolving_corrected"), "processingInformation": {"japanPaymentOptions": options}}) \
        == [(f"{OPTIONS}.installments", "missing_field")]


def test_the_placeholder_card_number_is_reported_masked() -> None:
    (card,) = [v for v in validate_request(example("installment_published"), "jpo-authorization").violations
               if v.path == _CARD_NUMBER]
    assert card.actual == "11 characters ending in 'MBER'"  # a card field is never shown whole


def test_the_corrected_example_is_valid_with_whole_yen_too() -> None:
    with_whole_yen = corrected()
    with_whole_yen["orderInformation"]["amountDetails"]["totalAmount"] = "100"
    assert validate_request(with_whole_yen, "jpo-authorization").ok


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
        "100.00", card=VISA, expiration_month=12, expiration_year=2031,
        bill_to=BillTo("Kyong-Jin", "Kim", "201 S. Division St.", "Ann Arbor", "MI", "48104-2201", "US",
                       "test@cybs.com"),
        business_name="我社", business_name_katakana="ワガシャ", business_name_alphanumeric="OurStore",
        installments=12, first_billing_month=4,
    )
    expected = corrected()
    expected["orderInformation"]["amountDetails"]["totalAmount"] = "100"  # the builder writes whole yen
    assert built == expected


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
        # The bonus page lists no bonus field, and its own example, authorized, sends none.
        ("24", {}, []),
        ("21", {"bonuses": "1"}, []),
        ("22", {**BONUS, **INSTALLMENTS}, []),
        ("34", {"bonuses": "2", **INSTALLMENTS}, []),
        ("31", {**BONUS, **INSTALLMENTS}, []),
        ("34", {**BONUS, **INSTALLMENTS, "secondBonusMonth": "12", "secondBonusAmount": "20", "bonuses": "2"}, []),
        ("33", BONUS, [(f"{OPTIONS}.installments", "missing_field")]),
        ("61", INSTALLMENTS, []),
        # The page lists firstBillingMonth but says what happens without it: a warning, not a violation.
        ("61", {"installments": "3"}, []),
        ("61", {**BONUS, **INSTALLMENTS}, [(f"{OPTIONS}.bonusAmount", "method_fields"),
                                           (f"{OPTIONS}.bonusMonth", "method_fields")]),
        # The issue: Cybersource's revolving page requires installments.
        ("80", INSTALLMENTS, []),
        ("80", {}, [(f"{OPTIONS}.installments", "missing_field")]),
        ("80", {"bonuses": "1", **INSTALLMENTS}, [(f"{OPTIONS}.bonuses", "method_fields")]),
        ("99", {}, [(f"{OPTIONS}.paymentMethod", "invalid_format")]),
        (61, INSTALLMENTS, [(f"{OPTIONS}.paymentMethod", "invalid_format")]),
    ],
)
def test_each_payment_method_and_its_fields(method: object, fields: dict[str, str],
                                            expected: list[tuple[str, str]]) -> None:
    document = corrected()
    options = document["processingInformation"]["japanPaymentOptions"]
    for name in ("installments", "firstBillingMonth"):
        del options[name]
    options.update(fields, paymentMethod=method)
    assert report_of(document) == expected


def test_method_words() -> None:
    assert [JpoPaymentMethod(code).words for code in ("10", "21", "31", "61", "80")] == [
        "a single payment", "a bonus payment", "bonus payments combined with installments", "installments",
        "revolving payment"]


def test_without_a_payment_method_the_request_is_a_single_payment_with_a_warning() -> None:
    document = corrected()
    options = document["processingInformation"]["japanPaymentOptions"]
    del options["paymentMethod"]
    report = validate_request(document, "jpo-authorization")
    assert [(v.path, v.code) for v in report.violations] == [(f"{OPTIONS}.firstBillingMonth", "method_fields"),
                                                           (f"{OPTIONS}.installments", "method_fields")]
    assert [(w.path, w.code) for w in report.warnings] == [(f"{OPTIONS}.paymentMethod", "payment_method_absent")]
    del options["installments"], options["firstBillingMonth"]
    assert validate_request(document, "jpo-authorization").ok


def test_a_missing_first_billing_month_is_a_warning_citing_the_page() -> None:
    document = corrected()
    del document["processingInformation"]["japanPaymentOptions"]["firstBillingMonth"]
    report = validate_request(document, "jpo-authorization")
    (warning,) = report.warnings
    assert report.ok
    assert (warning.path, warning.code) == (f"{OPTIONS}.firstBillingMonth", "expected_field")
    assert "month after the transaction" in warning.rule


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
    document = corrected()
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
    document = corrected()
    node = document
    *parents, leaf = missing.split(".")
    for name in parents:
        node = node[name]
    del node[leaf]
    assert report_of(document) == [(missing, "missing_field")]


def test_half_width_katakana_and_spaces_are_katakana() -> None:
    document = corrected()
    document["processingInformation"]["japanPaymentOptions"]["businessNameKatakana"] = "ﾐﾎﾝ ｼｮｳﾃﾝ・ストアー"
    assert report_of(document) == []


def test_card_present_payments_need_a_terminal_id() -> None:
    document = corrected()
    assert report_of(document, card_present=True) == [(f"{OPTIONS}.terminalId", "missing_field")]
    document["pointOfSaleInformation"] = {"entryMode": "contact"}
    assert report_of(document) == [(f"{OPTIONS}.terminalId", "missing_field")]
    document["processingInformation"]["japanPaymentOptions"]["terminalId"] = "1234567890123"
    assert report_of(document) == []


def test_bonuses_come_in_month_and_amount_pairs_within_the_total() -> None:
    document = corrected()
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
        ({"payment_method": "31", "installments": None}, "number of monthly payments"),
        ({"payment_method": "61", "bonuses": [Bonus(7, "1000")]}, "no bonus fields for installments"),
        ({"payment_method": "80", "bonuses": [Bonus(7, "1000")]}, "bonusMonth does not apply"),
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


def _wanted(method: JpoPaymentMethod, name: str, data: st.DataObject) -> bool:
    """Whether a request built for *method* carries *name*: always if the table asks for it, maybe if
    it allows it, never if it refuses it."""
    presence = METHODS[method].presence[name]
    return presence in (Presence.REQUIRED, Presence.EXPECTED) or (
        presence is Presence.ALLOWED and data.draw(st.booleans(), label=name))


def _built_for(method: JpoPaymentMethod, data: st.DataObject) -> tuple[dict[str, Any], bool]:
    total = data.draw(st.integers(min_value=2, max_value=99_999_999), label="total")
    card_present = data.draw(st.booleans(), label="card_present")
    bonuses = []
    if _wanted(method, "bonusMonth", data):
        first = data.draw(st.integers(min_value=1, max_value=min(total - 1, 99_999_999)))
        bonuses.append(Bonus(data.draw(st.integers(1, 12)), first))
        if _wanted(method, "secondBonusMonth", data):
            bonuses.append(Bonus(data.draw(st.integers(1, 12)), data.draw(st.integers(1, total - first))))
    built = _build(total=total, payment_method=method, bonuses=bonuses, transaction_date=None,
                   installments=data.draw(st.integers(2, 99)) if _wanted(method, "installments", data) else None,
                   first_billing_month=(data.draw(st.integers(1, 12)) if _wanted(method, "firstBillingMonth", data)
                                        else None),
                   business_name_katakana=data.draw(katakana), terminal_id="1234567890123" if card_present else None)
    if _wanted(method, "bonuses", data):
        built["processingInformation"]["japanPaymentOptions"]["bonuses"] = str(data.draw(st.integers(1, 6)))
    return built, card_present


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(JpoPaymentMethod)), st.data())
def test_whatever_the_builder_produces_validates_clean(method: JpoPaymentMethod, data: st.DataObject) -> None:
    built, card_present = _built_for(method, data)
    report = validate_request(built, "jpo-authorization", card_present=card_present)
    assert (report.violations, report.warnings) == ((), ()), str(report)
    assert json.loads(json.dumps(built, ensure_ascii=False)) == copy.deepcopy(built)


_WRONG_BY_PRESENCE: Final = {Presence.REQUIRED: "missing_field", Presence.EXPECTED: "expected_field",
                             Presence.REFUSED: "method_fields"}
_SAMPLE_VALUES: Final = {"installments": "3", "firstBillingMonth": "04", "bonuses": "1", "bonusMonth": "7",
                         "bonusAmount": "1", "secondBonusMonth": "12", "secondBonusAmount": "1"}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(JpoPaymentMethod)), st.sampled_from(METHOD_FIELDS), st.data())
def test_dropping_a_wanted_field_or_adding_a_refused_one_gives_exactly_that_finding(
    method: JpoPaymentMethod, name: str, data: st.DataObject,
) -> None:
    presence = METHODS[method].presence[name]
    built, card_present = _built_for(method, data)
    options = built["processingInformation"]["japanPaymentOptions"]
    if presence is Presence.REFUSED:
        options[name] = _SAMPLE_VALUES[name]
    elif presence is not Presence.ALLOWED:
        del options[name]
    report = validate_request(built, "jpo-authorization", card_present=card_present)
    found = [(v.path, v.code) for v in (*report.violations, *report.warnings)]
    assert found == ([(f"{OPTIONS}.{name}", _WRONG_BY_PRESENCE[presence])] if presence is not Presence.ALLOWED
                     else []), str(report)


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


# -- docs/jpo.md shows the table the code follows --------------------------------------------------------


def _table_row(rule: MethodRule) -> str:
    first, last = rule.codes[0].value, rule.codes[-1].value
    codes = f"`{first}`" if first == last else f"`{first}`–`{last}`"
    cells = [", ".join(f"`{name}`" for name in rule.fields(presence)) or "–"
             for presence in (Presence.REQUIRED, Presence.EXPECTED, Presence.ALLOWED, Presence.REFUSED)]
    return f"| {codes} | {rule.words} | {' | '.join(cells)} | [{rule.source.title}]({rule.source.url}) |"


def test_the_documented_table_is_the_one_the_code_follows() -> None:
    rules = list({id(rule): rule for rule in METHODS.values()}.values())
    assert {code for rule in rules for code in rule.codes} == set(JpoPaymentMethod)
    documented = [line for line in (Path(__file__).parent.parent / "docs" / "jpo.md").read_text("utf-8").splitlines()
                  if line.startswith("| `") and "](https://" in line and "Required Fields" in line]
    assert documented == [_table_row(rule) for rule in rules]
