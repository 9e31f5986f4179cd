"""Card numbers never leak, in any spelling: the one masking rule, and every output surface run
through ``strategies.assert_no_card_number`` over generated spellings (``card_number_spellings``)."""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from installments_core import (
    InstallmentsError,
    _errors,
    compute_plan,
    plan_selector_html,
    validate_request,
    validate_response,
)
from installments_core._audit.html_page import report_page
from installments_core._audit.local import audit_log
from installments_core._audit.tally import FindingsTally
from installments_core._core.card import luhn_check_digit, luhn_valid
from installments_core._core.currencies import minor_units
from installments_core._errors import MASK, card_number_spans, describe, mask_digit_runs
from installments_core._wire.request_builders import build_select_request
from installments_core.cards import CardNumber
from installments_core.display import summarize_offers
from installments_core.plans import PlanOffer, annual_cost, cash_flows, regime_for_territory
from installments_core.requests import AuthorizationLink, read_authorization, read_plan_choice
from installments_core.responses import GetPlansResponse
from installments_core.strategies import CardNumberSpelling, assert_no_card_number, card_number_spellings

from .conftest import guide_json

EXAMPLE = Path(__file__).parent.parent / "installments_core" / "data" / "example_get_plans_response.json"
SPELLINGS = card_number_spellings()
AMEX = "378282246310005"


def _leaves(document: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every string in *document*."""
    if isinstance(document, dict):
        return [leaf for key, value in document.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(document, list):
        return [leaf for index, value in enumerate(document) for leaf in _leaves(value, (*path, index))]
    return [path] if isinstance(document, str) else []


def _placed(document: Any, path: tuple[object, ...], value: str) -> Any:
    copied = copy.deepcopy(document)
    parent = copied
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return copied


RESPONSE = json.loads(EXAMPLE.read_text("utf-8"))
RESPONSE_FIELDS = _leaves(RESPONSE)
# planId and the terms' version are sent back verbatim by the select request: the display shows
# them as sent (a plan whose identifier is a card number is refused by the plan-id rule instead).
ECHOED = {"planId", "version"}


def _assert_clean(*texts: str) -> None:
    for text in texts:
        assert_no_card_number(text)


# -- the rule itself ------------------------------------------------------------------------------------


def test_every_unicode_space_dash_and_format_character_is_read_through() -> None:
    """The rule's classes are written out (re has no category escapes): here they are checked
    against the Unicode database of the running Python."""
    between = [chr(code) for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code)) in {"Zs", "Pd", "Cf"}] + ["\t", ".", "/"]
    assert len(between) > 200
    for character in between:
        text = f"card 4622{character}9431{character}2701{character}9793 end"
        assert mask_digit_runs(text) == "card ****9793 end", ascii(character)
        assert card_number_spans(text.replace("card", "\u0661"))  # and in a non-ASCII text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPELLINGS, st.text(max_size=5), st.sampled_from(["", " ", "x", ": ", "\n"]))
def test_the_detector_finds_every_spelling_and_the_mask_hides_it(
    spelling: CardNumberSpelling, noise: str, edge: str
) -> None:
    assert luhn_valid(spelling.digits)
    assert 13 <= len(spelling.digits) <= 19
    with pytest.raises(AssertionError) as found:
        assert_no_card_number(spelling.text)
    assert spelling.digits not in str(found.value)
    assert spelling.text not in str(found.value)
    text = f"{noise}{edge}{spelling.text}{edge}{noise}"
    masked = mask_digit_runs(text)
    assert_no_card_number(masked)
    assert mask_digit_runs(masked) == masked
    last4 = "".join(str(unicodedata.decimal(c)) for c in mask_digit_runs(spelling.text) if c.isdecimal())
    assert last4 == spelling.digits[-4:]
    # What repr and JSON write of it (backslash escapes) is a spelling too.
    escapes = (repr(spelling.text), json.dumps(spelling.text), json.dumps({"n": spelling.text}, ensure_ascii=False))
    for escaped in escapes:
        with pytest.raises(AssertionError):
            assert_no_card_number(escaped)
        assert_no_card_number(mask_digit_runs(escaped))


def _not_luhn(body: str) -> str:
    return body + str((int(luhn_check_digit(body)) + 1) % 10)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=14, max_size=14).map(_not_luhn),
    st.dates(),
    st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2),
    st.uuids().map(str),
)
def test_identifiers_dates_and_amounts_that_are_not_card_numbers_stay_readable(
    ntid: str, day: Any, amount: Decimal, plan_id: str
) -> None:
    # A UUID whose hex happens to hold 13 digits in a row around its hyphens, passing Luhn, is a
    # card number by the rule (about one random UUID in 350): the rule cannot tell, nor can a reader.
    assume(not card_number_spans(plan_id))
    texts = [f"NTID {ntid}", day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%Y"), f"{amount} USD",
             plan_id, f"on {day.isoformat()}, {amount} USD, ref {ntid}, plan {plan_id}"]
    for text in texts:
        assert mask_digit_runs(text) == text
        assert_no_card_number(text)


@settings(max_examples=150, deadline=None)
@given(SPELLINGS, st.lists(st.text(alphabet="0123456789", min_size=1, max_size=3), min_size=1, max_size=5),
       st.sampled_from([" ", "-", ".", "\u00a0", " / "]))
def test_a_card_number_after_short_digit_groups_is_masked_whole(
    spelling: CardNumberSpelling, groups: list[str], separator: str
) -> None:
    # A window of the short groups and the card number's first groups may pass Luhn by chance: the
    # card number's own window is masked with it, never left visible after it.
    masked = mask_digit_runs(separator.join([*groups, spelling.text]))
    assert masked.endswith(mask_digit_runs(spelling.text))
    assert_no_card_number(masked)


def _cpu_seconds(text: str) -> float:
    """The least CPU time of three maskings of *text*: the least is the one a loaded machine disturbed least."""
    times = []
    for _ in range(3):
        start = time.process_time()
        mask_digit_runs(text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.parametrize("unit", ["1 ", "1\u200b", "4", "1 2 3 4622 9431 2701 9793 ", "4622\u00a0" * 4 + "\u200b"])
def test_masking_is_linear_on_hostile_text(unit: str) -> None:
    # Four times the text costs about four times the time (a quadratic rule would cost 16 times):
    # 8 times allows for noise, and the floor for timer resolution on tiny times.
    short = unit * (25_000 // len(unit))
    assert _cpu_seconds(short * 4) <= 8 * _cpu_seconds(short) + 0.02


# -- surfaces: get-plans responses ------------------------------------------------------------------------


def _models(value: object) -> Iterator[BaseModel]:
    """*value* and every model inside it."""
    if isinstance(value, BaseModel):
        yield value
        for _, field in value:
            yield from _models(field)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _models(item)


def _response_surfaces(document: Any, *, show: bool) -> list[str]:
    texts: list[str] = []
    try:
        model = GetPlansResponse.from_data(document)
        texts += [repr(model), str(model)]
        # What rich, devtools and pydantic's own reprs print of each model.
        texts += [repr([*part.__repr_args__(), *part.__rich_repr__()]) for part in _models(model)]
    except InstallmentsError as error:
        texts += [str(error), repr(error), *map(str, error.args)]
    try:
        report = validate_response(json.dumps(document, ensure_ascii=False).encode())
    except InstallmentsError as error:  # an error answer (a card number as responseCode) is no plan list
        return [*texts, str(error), repr(error), *map(str, error.args)]
    texts += [repr(report), str(report), report.text, json.dumps(report.as_json(), ensure_ascii=False),
              json.dumps(report.as_json())]
    for plan in report.plans:
        texts += [repr(plan), *map(repr, plan.discrepancies), *map(repr, plan.errors), repr(plan.offer)]
        if plan.offer is not None:
            texts += [repr(plan.offer.plan), *map(repr, plan.offer.terms)]
    if show and report.offers:
        for locale in ("fr_FR", "ar_EG"):  # amounts grouped with narrow no-break spaces; Arabic digits
            offers = summarize_offers(report.offers, locale)
            texts += [offers.text, json.dumps(offers.as_json(), ensure_ascii=False), repr(offers),
                      plan_selector_html(report.offers, locale)]
    return texts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPELLINGS, st.sampled_from(RESPONSE_FIELDS), st.sampled_from(["{}", "{} ", "Card: {}.", "{}{}"]))
def test_no_response_surface_shows_a_spelling_in_any_field(
    spelling: CardNumberSpelling, path: tuple[object, ...], template: str
) -> None:
    document = _placed(RESPONSE, path, template.format(spelling.text, spelling.text))
    _assert_clean(*_response_surfaces(document, show=path[-1] not in ECHOED))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([leaf for leaf in RESPONSE_FIELDS if "amountDetails" in leaf]),
       st.text(alphabet="0123456789", min_size=12, max_size=14).map(lambda body: body + luhn_check_digit(body)))
def test_a_card_number_in_an_amount_field_is_hidden_in_expected_and_delta_too(
    path: tuple[object, ...], digits: str
) -> None:
    # 13 to 15 digits parse as an amount: the plan is recomputed from it, and what the report
    # expects of the other fields is derived from the card number.
    for value in (digits, digits + ".00", AMEX):
        document = _placed(RESPONSE, path, value)
        texts = _response_surfaces(document, show=True)
        _assert_clean(*texts)
        report = validate_response(json.dumps(document).encode())
        for finding in report.discrepancies:
            if "****" in finding.expected + finding.actual:
                assert finding.delta_minor_units is None
            shown = f"{finding.expected} {finding.actual} {finding.delta_minor_units}"
            assert value[:12] not in shown.replace(".", "")


def test_an_amex_number_as_an_amount_is_hidden_in_every_column() -> None:
    document = _placed(RESPONSE, ("installmentInformation", "planDetails", 1, "amountDetails", "firstInstallment",
                                  "amount"), AMEX)
    report = validate_response(json.dumps(document).encode())
    assert "378282246" not in report.text + json.dumps(report.as_json()) + repr(report)
    hidden = [d for d in report.discrepancies if "****" in d.expected + d.actual]
    assert len(hidden) == 3
    assert all(d.delta_minor_units is None for d in hidden)


# -- surfaces: requests, errors, payloads -----------------------------------------------------------------

SELECT = guide_json("select_pan_ac.request")
REQUEST_FIELDS = _leaves(SELECT)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPELLINGS, st.sampled_from(REQUEST_FIELDS), st.sampled_from(["select", "cancel", "get-plans"]))
def test_no_request_report_shows_a_spelling_in_any_field(
    spelling: CardNumberSpelling, path: tuple[object, ...], kind: str
) -> None:
    request = _placed(SELECT, path, spelling.text)
    request[spelling.text] = {spelling.text: spelling.text}  # in a field name too
    report = validate_request(request, kind)
    texts = [str(report), repr(report), json.dumps(report.as_json()), *map(repr, report.violations)]
    with pytest.raises(InstallmentsError) as raised:
        report.raise_if_invalid()
    error = raised.value
    texts += [str(error), repr(error), *map(str, error.args), str(pickle.loads(pickle.dumps(error)))]
    _assert_clean(*texts)


_UTF8_ESCAPES = re.compile(r"(?:\\x[0-9a-f]{2})+")


def _utf8_read(escapes: re.Match[str]) -> str:
    return bytes.fromhex(escapes.group().replace("\\x", "")).decode("utf-8", "backslashreplace")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPELLINGS)
def test_no_exception_shows_a_spelling_it_was_given(spelling: CardNumberSpelling) -> None:
    text = spelling.text
    calls = [
        lambda: compute_plan(text, "USD", 12),
        # Bytes: their repr writes a UTF-8 space as bytes (\xc2\xa0), which must not hide the number.
        lambda: compute_plan(text.encode(), "USD", 12),
        lambda: minor_units(text.encode()),
        lambda: minor_units(bytearray(text.encode())),
        lambda: compute_plan("500", text, 12),
        lambda: compute_plan("500", "USD", text),
        lambda: compute_plan("500", "USD", 12, fee_rate=text),
        lambda: CardNumber(text + "x"),
        lambda: AuthorizationLink.ntid(text, text),
        lambda: validate_request({}, text),
        lambda: summarize_offers([], text),
        lambda: InstallmentsError(text, expected=text, actual=text, detail=text).with_traceback(None),
    ]
    texts: list[str] = []
    for call in calls:
        try:
            texts.append(repr(call()))
        except InstallmentsError as error:
            texts += [str(error), repr(error), *map(str, error.args), str(pickle.loads(pickle.dumps(error)))]
    _assert_clean(*texts)
    # The rule reads a repr's escapes one character each: a UTF-8 space written as bytes (\xc2\xa0)
    # is no separator to it, so the check above could not see such a spelling: read them as UTF-8 too.
    _assert_clean(*(_UTF8_ESCAPES.sub(_utf8_read, shown) for shown in texts))


def test_a_card_number_spelled_in_bytes_is_masked_as_its_text_would_be() -> None:
    # Long spellings are cut before they show whole: Amex's 4-6-5 groups with every separator
    # outside ASCII (two to four bytes in UTF-8) fit in a message.
    between = [chr(code) for code in range(0x80, sys.maxunicode + 1)
               if unicodedata.category(chr(code)) in {"Zs", "Pd", "Cf"}]
    for character in between:
        spelled = f"3782{character}822463{character}10005".encode()
        for call in (minor_units, lambda value: compute_plan(value, "USD", 12)):
            with pytest.raises(InstallmentsError) as raised:
                call(spelled)
            _assert_clean(_UTF8_ESCAPES.sub(_utf8_read, str(raised.value)))


@settings(max_examples=20, deadline=None)
@given(SPELLINGS)
def test_a_payload_built_to_be_sent_carries_the_number(spelling: CardNumberSpelling) -> None:
    body = ("4" + spelling.digits[1:] * 2)[:15]  # Visa's: the select request takes no other card
    digits = body + luhn_check_digit(body)
    card = CardNumber(digits)
    request = build_select_request("500.00", "USD", card, AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"),
                                   plan_id="a811fe1f-2627-cde9-29b7-1a19577f0901", tc_version="1")
    assert request["paymentInformation"]["card"]["number"] == digits  # type: ignore[index]
    assert_no_card_number(repr(card))


# -- surfaces: the command line (subprocess: a small budget, many spellings per run) ------------------------


def _cli(tmp: Path, *arguments: str) -> str:
    result = subprocess.run([sys.executable, "-m", "installments_core.cli", *arguments], capture_output=True,
                            text=True, encoding="utf-8", cwd=tmp, timeout=120, check=False)
    return result.stdout + result.stderr


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(SPELLINGS, min_size=8, max_size=8))
def test_no_command_output_shows_a_spelling(tmp_path_factory: pytest.TempPathFactory,
                                           spellings: list[CardNumberSpelling]) -> None:
    tmp = tmp_path_factory.mktemp("cli")
    plans = RESPONSE["installmentInformation"]["planDetails"]
    document = copy.deepcopy(RESPONSE)
    for index, spelling in enumerate(spellings[:4]):
        plan = document["installmentInformation"]["planDetails"][index % len(plans)]
        plan["termsAndConditions"][0]["text"] = f"Charged to {spelling.text}."
        plan["planName"] = spelling.text
    document["installmentInformation"]["planDetails"][1]["amountDetails"]["totalPlanAmount"] = spellings[4].text
    (tmp / "response.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    lines = [json.dumps({"response": _placed(RESPONSE, path, spelling.text)}, ensure_ascii=ascii_only)
             for spelling, path, ascii_only in zip(spellings, RESPONSE_FIELDS[::7], [True, False] * 4, strict=False)]
    (tmp / "log.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    request = _placed(SELECT, ("installmentInformation", "planId"), spellings[5].text)
    request["processingInformation"]["authorizationOptions"]["authorizationCode"] = spellings[6].text
    (tmp / "request.json").write_text(json.dumps(request), "utf-8")
    body = spellings[7].digits[:14]
    amount = body + luhn_check_digit(body)
    outputs = [
        _cli(tmp, "validate", "response.json"),
        _cli(tmp, "validate", "response.json", "--json"),
        _cli(tmp, "show", "response.json", "--locale", "fr_FR"),
        _cli(tmp, "show", "response.json", "--json"),
        _cli(tmp, "show", "response.json", "--html"),
        _cli(tmp, "audit", "log.jsonl"),
        _cli(tmp, "check-request", "request.json", "--kind", "select"),
        _cli(tmp, "check-request", "request.json", "--kind", "select", "--json"),
        # a card number as the amount (13 to 15 digits parse): every amount of the plan is derived from it
        _cli(tmp, "quote", "--amount", amount, "--currency", "USD", "--count", "3", "--fee-rate", "1.5"),
        _cli(tmp, "quote", "--amount", amount, "--currency", "USD", "--count", "3", "--json"),
        _cli(tmp, "quote", "--amount", f"{amount}.75", "--currency", "USD", "--count", "3", "--first-due",
             "2027-01-31"),
        # argparse echoes bad argument values in its error line
        _cli(tmp, "quote", "--amount", spellings[7].text, "--currency", "USD", "--count", "12"),
        _cli(tmp, "quote", "--amount", "500", "--currency", "USD", "--count", spellings[7].text),
        _cli(tmp, "quote", "--amount", "500", "--currency", "USD", "--count", "3", "--frequency", spellings[7].text),
        _cli(tmp, "validate", "response.json", "--amount", spellings[7].text),
        _cli(tmp, "show", "response.json", "--locale", spellings[7].text),
        _cli(tmp, spellings[7].text),
    ]
    _assert_clean(*outputs)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(SPELLINGS, st.sampled_from(RESPONSE_FIELDS), st.booleans()), min_size=6, max_size=6))
def test_no_audit_report_page_shows_a_spelling_in_any_field(placed: list[tuple[CardNumberSpelling,
                                                                               tuple[object, ...], bool]]) -> None:
    # A log of six lines, each with a card number in a random field, half of them with their order (so that amounts
    # are recomputed and deltas drawn): the HTML page, its tables and its charts' text, shows none of them.
    lines = [json.dumps({"response": _placed(RESPONSE, path, spelling.text),
                         **({"orderAmount": "500", "currency": "USD"} if with_order else {})})
             for spelling, path, with_order in placed]
    tally = FindingsTally()
    summary = audit_log(lines, workers=1, max_line_bytes=1 << 20, progress=None, findings=None, tally=tally.add)
    _assert_clean(*_page_texts(report_page(summary, tally)))


class _PageTexts(HTMLParser):
    """Every text and attribute value of a page, one by one, but the charts' geometry: coordinates matplotlib
    computed from counts (runs of digits and spaces that are no text of the audit, and that the detector, reading
    every separator a card number may be spelled with, would read as one)."""

    _GEOMETRY: Final = frozenset({"d", "transform", "x", "y", "width", "height", "viewbox", "style"})

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_svg += tag == "svg"
        self.texts += [value for name, value in attrs
                       if value is not None and not (self._in_svg and name in self._GEOMETRY)]

    def handle_endtag(self, tag: str) -> None:
        self._in_svg -= tag == "svg"

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _page_texts(page: str) -> list[str]:
    parser = _PageTexts()
    parser.feed(page)
    parser.close()
    assert parser.texts
    return parser.texts


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=13).map(lambda body: "3" + body).map(
           lambda body: body + luhn_check_digit(body)),
       st.sampled_from(["en_US", "fr_FR", "de_CH", "ar_EG", "hi_IN"]), st.booleans())
def test_a_card_number_given_as_the_order_total_is_never_displayed(
    digits: str, locale: str, native_digits: bool
) -> None:
    # An amount of 13 digits or more is shown masked in every locale's grouping (commas, narrow
    # no-break spaces, apostrophes, Indian groups, native digits), formatted and in the JSON model.
    for plan in (compute_plan(digits, "USD", 3, fee_rate="1.5"), compute_plan(digits, "JPY", 6)):
        shown = summarize_offers([PlanOffer("p-1", plan)], locale, native_digits=native_digits)
        texts = [shown.text, json.dumps(shown.as_json(), ensure_ascii=False),
                 plan_selector_html([PlanOffer("p-1", plan)], locale, native_digits=native_digits),
                 repr(shown), *map(repr, shown.plans), repr(plan.terms), *map(repr, plan.schedule())]
        _assert_clean(*texts)
        assert not any(digits[:12] in text.replace(",", "").replace("\u202f", "") for text in texts)


@pytest.mark.parametrize("value", [b"4622 9431 2701 9793 " * 50_000, ["4622 9431 2701 9793"] * 50_000,
                                   dict.fromkeys(range(100_000), "4622 9431 2701 9793")])
def test_describe_masks_no_more_than_it_can_show(monkeypatch: pytest.MonkeyPatch, value: object) -> None:
    # A megabyte of bytes, list or dict is described from its start: the mask reads no more of it
    # than a string's description reads (it would otherwise take seconds).
    read: list[int] = []

    def counting(text: str, *, card_field: bool = False) -> str:
        read.append(len(text))
        return mask_digit_runs(text, card_field=card_field)

    monkeypatch.setattr(_errors, "mask_digit_runs", counting)
    shown = describe(value)
    assert MASK in shown
    assert_no_card_number(shown)
    assert max(read) <= _errors._MASKED_PREFIX


@pytest.mark.parametrize(("amount", "written", "shown"), [
    ("132398786208501.75", None, "****8501.75"),
    ("132398786208501.75", "$132,398,786,208,501.75", "$****8501.75"),
    ("132398786208501.75", "132\u202f398\u202f786\u202f208\u202f501,75\u00a0$US", "****8501,75\u00a0$US"),
    ("-132398786208501.750", None, "-****8501.750"),
    ("378282246310005", None, "****0005"),
    ("0.4622943127019793", None, "****9793"),  # a long fraction could be the card number itself
    ("1E+20", None, "****0000"),
    ("9999999999.99", None, "9999999999.99"),
])
def test_a_masked_amount_keeps_its_fraction(amount: str, written: str | None, shown: str) -> None:
    # ****8501.75 reads as a masked amount; ****0175 would read as a price of 1.75.
    assert _errors.shown_amount(Decimal(amount), written) == shown


def test_the_display_shows_a_masked_amount_with_its_cents() -> None:
    shown = summarize_offers([PlanOffer("p-1", compute_plan("132398786208501.75", "USD", 3))], "en_US")
    assert "$****6167.25" in shown.text
    assert shown.as_json()["plans"][0]["amounts"]["regularInstallment"] == "****6167.25"  # type: ignore[index]


def _windows_by_definition(groups: list[str]) -> list[tuple[int, int]]:
    """The masking rule read literally, for a stretch given as its digit groups: every window of
    whole groups of 13 to 19 digits that passes Luhn (a group of 20 or more digits whole),
    overlapping windows joined; as (first, last) indexes of the stretch's digits."""
    digits = "".join(groups)
    bounds = []
    at = 0
    for group in groups:
        bounds.append((at, at + len(group) - 1))
        at += len(group)
    windows = []
    for start, (first, group_end) in enumerate(bounds):
        if group_end - first + 1 >= 20:
            windows.append((first, group_end))
            continue
        windows += [(first, last) for _, last in bounds[start:]
                    if 13 <= last - first + 1 <= 19 and luhn_valid(digits[first:last + 1])]
    joined: list[tuple[int, int]] = []
    for first, last in sorted(windows):
        if joined and first <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


@settings(max_examples=300)
@given(
    st.lists(st.text(alphabet="0123456789", min_size=1, max_size=22), min_size=1, max_size=40),
    st.sampled_from([" ", "-", ".", "\u00a0", " - "]),
    st.booleans(),
)
def test_the_windows_found_a_stretch_at_a_time_are_the_rule_read_literally(
    groups: list[str], separator: str, zeros: bool
) -> None:
    # The masking reads whole stretches in big-integer operations (hostile texts hold a million
    # one-digit groups); the rule it implements is the plain one, window by window.
    if zeros:  # every window of zeros passes: the densest case, where starts run together
        groups = ["0" * len(group) for group in groups]
    text = separator.join(groups)
    expected = _windows_by_definition(groups)
    positions = [index for index, character in enumerate(text) if character.isdecimal()]
    found = card_number_spans(text)
    assert found == [(positions[first], positions[last] + 1) for first, last in expected]


_AUTHORIZATION = json.loads((Path(__file__).parent / "data" / "authorization" / "incremental_authorized.json")
                            .read_text("utf-8"))
_AUTHORIZATION_FIELDS = (("id",), ("status",), ("submitTimeUtc",), ("processorInformation", "approvalCode"),
                         ("processorInformation", "networkTransactionId"),
                         ("orderInformation", "amountDetails", "authorizedAmount"),
                         ("orderInformation", "amountDetails", "currency"),
                         ("orderInformation", "invoiceDetails", "salesSlipNumber"), ("errorInformation", "message"),
                         ("processorInformation", "salesSlipNumber"), ("processorInformation", "forwardedAcquirerCode"))


@settings(max_examples=40, deadline=None)
@given(SPELLINGS, st.sampled_from(_AUTHORIZATION_FIELDS))
def test_no_surface_added_for_the_checkout_flow_or_the_cost_of_credit_shows_a_spelling(
    spelling: CardNumberSpelling, path: tuple[str, ...]
) -> None:
    # The authorization response (each field it reads), the posted plan choice and the cost-of-credit
    # arguments: whatever is returned or raised, its repr, str and arguments show no card number.
    document = copy.deepcopy(_AUTHORIZATION)
    node: dict[str, Any] = document
    for name in path[:-1]:
        node = node.setdefault(name, {})
    node[path[-1]] = spelling.text
    text = spelling.text
    calls = [
        lambda: read_authorization(document),
        lambda: read_authorization(document).link(),
        lambda: read_plan_choice(text, ()),
        lambda: read_plan_choice(f"{text}:1", ()),
        lambda: cash_flows(text, ["110"]),
        lambda: cash_flows("100", [text]),
        lambda: cash_flows("100", ["110"], days=[30], start=text),  # type: ignore[arg-type]
        lambda: annual_cost(cash_flows("100", ["110"]), text),
        lambda: regime_for_territory(text),
    ]
    texts: list[str] = []
    for call in calls:
        try:
            texts.append(repr(call()))
        except InstallmentsError as error:
            texts += [str(error), repr(error), *map(str, error.args)]
    _assert_clean(*texts)
