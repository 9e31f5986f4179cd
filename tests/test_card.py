"""Card numbers: Luhn, brand, masking, and that a PAN never leaves the library unmasked."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import pickle
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import InstallmentsError, validate_request
from installments_core._core.card import _RANGES, check_pan, luhn_check_digit, mask_digit_runs, masked_description
from installments_core.cards import CardBrand, CardNumber, card_brand, luhn_valid, mask_pan
from installments_core.cli import main
from installments_core.errors import InvalidCardNumberError
from installments_core.jpo import BillTo, build_jpo_authorization
from installments_core.requests import AuthorizationLink, InstallmentPurchase, PaymentAccountReference

from .conftest import guide_json

JPO = Path(__file__).parent / "data" / "jpo"


def with_check_digit(partial: str) -> str:
    return partial + luhn_check_digit(partial)


visa_pans = st.builds(
    lambda length, body: with_check_digit("4" + body[: length - 2]),
    st.sampled_from([13, 16, 19]),
    st.text(alphabet="0123456789", min_size=17, max_size=17),
)
any_pans = st.builds(with_check_digit, st.text(alphabet="0123456789", min_size=11, max_size=18))


def assert_no_pan(text: str, pan: str) -> None:
    """Neither the number nor any ten consecutive digits of it appear in *text*."""
    assert pan not in text
    for start in range(len(pan) - 9):
        assert pan[start : start + 10] not in text, (pan, text)


# -- Luhn, brand, mask ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [("79927398713", True), ("79927398710", False), ("4622943127019793", True), ("4622943127019794", False),
     ("7030000000012249793", True), ("0", True), ("", False), ("4622 9431 2701 9793", False), ("١٢٣", False)],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_valid(number) is valid


@given(st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_the_check_digit_completes_any_number(partial: str) -> None:
    assert luhn_valid(with_check_digit(partial))


@given(any_pans, st.data())
def test_every_single_digit_error_is_caught(pan: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(pan) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != pan[index]]))
    assert not luhn_valid(pan[:index] + digit + pan[index + 1 :])


def test_the_brand_ranges_are_sorted_disjoint_and_all_reachable() -> None:
    for (_, high, _), (low, _, _) in itertools.pairwise(_RANGES):
        assert high < low
    for low, high, brand in _RANGES:
        assert low <= high
        assert card_brand(str(low) + "0000000000") is brand
        assert card_brand(str(high) + "0000000000") is brand
    assert {brand for _, _, brand in _RANGES} == set(CardBrand) - {CardBrand.UNKNOWN}


@pytest.mark.parametrize(
    ("number", "brand"),
    [("4111111111111111", CardBrand.VISA), ("5555555555554444", CardBrand.MASTERCARD),
     ("2221000000000009", CardBrand.MASTERCARD), ("378282246310005", CardBrand.AMERICAN_EXPRESS),
     ("6011111111111117", CardBrand.DISCOVER), ("3530111333300000", CardBrand.JCB),
     ("30569309025904", CardBrand.DINERS_CLUB), ("6200000000000005", CardBrand.UNIONPAY),
     ("6759649826438453", CardBrand.MAESTRO), ("2200000000000004", CardBrand.MIR),
     ("9999999999999995", CardBrand.UNKNOWN), ("1234", CardBrand.UNKNOWN), ("41x1111111111111", CardBrand.UNKNOWN)],
)
def test_brand_from_the_prefix(number: str, brand: CardBrand) -> None:
    assert card_brand(number) is brand


def test_the_masked_form_shows_the_last_four_only() -> None:
    assert mask_pan("4622943127019793") == "****9793"
    assert mask_pan("4111111111111") == "****1111"  # fixed width: the length is not revealed
    assert mask_pan("123") == "****"
    assert mask_digit_runs("a 4622943127019793 b 12345678901 c") == "a ****9793 b 12345678901 c"


def test_card_number_accepts_typed_groups_and_refuses_the_rest() -> None:
    assert CardNumber("4622-9431-2701-9793") == CardNumber("4622943127019793")
    assert CardNumber.parse(CardNumber("4622943127019793")).last4 == "9793"
    assert hash(CardNumber("4622 9431 2701 9793")) == hash(CardNumber("4622943127019793"))
    with pytest.raises(AttributeError):
        CardNumber("4622943127019793")._digits = "1"
    for bad, fragment in [("XX5180126342040", "not a card number"), ("46229431270", "too short"),
                          ("4622943127019794", "check digit"), (4622943127019793, "as a number"),
                          ("4622  9431 2701 9793", "not a card number")]:
        with pytest.raises(InvalidCardNumberError, match=fragment):
            CardNumber(bad)
    with pytest.raises(InvalidCardNumberError, match="digits only"):
        check_pan("4622 9431 2701 9793", strict=True)


def test_masked_description_names_types_without_content() -> None:
    assert masked_description(["4622943127019793"]) == "an array"
    assert masked_description({"number": "4622943127019793"}) == "an object"
    assert masked_description(True) == "true"
    assert masked_description("abc") == "3 characters"


# -- a PAN never appears: every error path, over generated numbers ----------------------------


@settings(max_examples=60)
@given(visa_pans)
def test_card_number_shows_itself_masked(pan: str) -> None:
    card = CardNumber(pan)
    for text in (repr(card), str(card), f"{card}", f"{card!r}", card.masked, repr([card]), repr({"c": card})):
        assert_no_pan(text, pan)
    assert card.reveal() == pan
    assert pickle.loads(pickle.dumps(card)) == card


def _corruptions(pan: str) -> list[object]:
    broken_check = pan[:-1] + str((int(pan[-1]) + 1) % 10)
    return [broken_check, "X" + pan, pan + "0000000", pan[:6] + " " + pan[6:] + "x", int(pan), pan + "\n",
            f"{pan[:4]}-{pan[4:]}-", [pan], {"n": pan}]


@settings(max_examples=40, deadline=None)
@given(visa_pans)
def test_no_error_message_holds_the_number(pan: str) -> None:
    texts: list[str] = []
    for bad in _corruptions(pan):
        try:
            CardNumber(bad)
        except InstallmentsError as error:
            texts.extend([str(error), repr(error), error.actual, error.detail,
                          str(pickle.loads(pickle.dumps(error)))])
        request = guide_json("select_pan_ac.request")
        request["paymentInformation"]["card"]["number"] = bad
        texts.append(str(validate_request(request, "select")))
        texts.append(json.dumps(validate_request(request, "select").as_json()))
    # The number in places where it does not belong: each field's description is masked.
    request = guide_json("select_pan_ac.request")
    request["installmentInformation"] = {"planId": pan * 4, "tcVersion": pan + pan + pan}
    request["processingInformation"]["authorizationOptions"] = {"authorizationCode": pan, "networkTransactionId": pan,
                                                               "authorizationDateTime": pan}
    request["paymentInformation"]["paymentAccountReference"] = {"id": pan}
    request["orderInformation"]["amountDetails"] = {"totalAmount": pan + ".001", "currency": pan}
    request[pan] = {pan: pan}
    report = validate_request(request, "select")
    assert len(report.violations) >= 8
    texts.extend([str(report), json.dumps(report.as_json())])
    with pytest.raises(InstallmentsError) as raised:
        report.raise_if_invalid()
    texts.extend([str(raised.value), repr(raised.value.violations)])
    for text in texts:
        assert_no_pan(text, pan)


@settings(max_examples=30, deadline=None)
@given(visa_pans)
def test_builders_and_the_lifecycle_never_show_the_number(pan: str) -> None:
    card = CardNumber(pan)
    texts: list[str] = []
    purchase = InstallmentPurchase("500", "USD", card)
    texts.append(repr(purchase))
    purchase.record_plans(guide_json("get_plans_token.response"))
    plan_id = "a811fe1f-2627-cde9-29b7-1a19577f0901"
    link = AuthorizationLink.code("888889", "2020-09-02T16:40:45Z")
    for call in (
        lambda: purchase.select_request("unknown plan", "1", link),
        lambda: purchase.select_request(plan_id, "9", link),
        purchase.cancel_request,
        lambda: purchase.record_refund(pan),
        lambda: InstallmentPurchase(pan + ".001", "USD", card),
        lambda: InstallmentPurchase("500", pan, card),
        lambda: PaymentAccountReference(pan),
        lambda: AuthorizationLink.ntid(pan + pan, "2020-09-02T16:40:45Z"),
        lambda: validate_request({}, pan),
    ):
        with pytest.raises(InstallmentsError) as raised:
            call()
        texts.extend([str(raised.value), repr(raised.value)])
    purchase.select_request(plan_id, "1", link)
    texts.extend([repr(purchase), purchase.next_step])
    texts.append(str(purchase.check_cancel(guide_json("cancel_pan_ac.request"))))
    for text in texts:
        assert_no_pan(text, pan)


@settings(max_examples=30, deadline=None)
@given(st.builds(lambda body: with_check_digit("5" + body), st.text(alphabet="0123456789", min_size=14,
                                                                     max_size=14)))
def test_jpo_never_shows_the_number(pan: str) -> None:
    document = json.loads((JPO / "installment_corrected.json").read_text("utf-8"))
    document["paymentInformation"]["card"]["number"] = pan  # a Mastercard number: refused, masked
    document["processingInformation"]["japanPaymentOptions"]["terminalId"] = pan
    document["processingInformation"]["japanPaymentOptions"]["businessNameKatakana"] = pan
    report = validate_request(document, "jpo-authorization")
    assert {"paymentInformation.card.number", "processingInformation.japanPaymentOptions.terminalId"} <= set(
        report.paths())
    texts = [str(report), json.dumps(report.as_json(), ensure_ascii=False)]
    bill_to = BillTo("Taro", "Yamada", "1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP", "t@example.jp")
    with pytest.raises(InstallmentsError) as raised:
        build_jpo_authorization("1000", card=CardNumber(pan), expiration_month=12, expiration_year=2031,
                                bill_to=bill_to, business_name="見本商店", business_name_katakana="ミホン",
                                business_name_alphanumeric="Sample", installments=3,
                                transaction_date=date(2026, 11, 21))
    texts.append(str(raised.value))
    for text in texts:
        assert_no_pan(text, pan)


@settings(max_examples=15, deadline=None)
@given(pan=visa_pans)
def test_the_command_line_never_shows_the_number(pan: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("pan")
    request = guide_json("select_pan_ac.request")
    request["paymentInformation"]["card"]["number"] = pan[:-1] + str((int(pan[-1]) + 1) % 10)
    request["installmentInformation"]["planId"] = pan
    valid_file, broken_file, invalid_json = folder / "ok.json", folder / "broken.json", folder / "bad.json"
    valid_file.write_text(json.dumps(guide_json("select_pan_ac.request") | {
        "paymentInformation": {"card": {"number": pan}}}))
    broken_file.write_text(json.dumps(request))
    invalid_json.write_text('{"paymentInformation": {"card": {"number": ' + pan + "}")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["check-request", str(valid_file), "--kind", "select"]) == 0
        assert main(["check-request", str(broken_file), "--kind", "select"]) == 1
        assert main(["check-request", str(broken_file), "--kind", "select", "--json"]) == 1
        assert main(["check-request", str(invalid_json), "--kind", "select"]) == 2
    assert "violation" in out.getvalue()
    assert_no_pan(out.getvalue() + err.getvalue(), pan)
