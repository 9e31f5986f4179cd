"""Localized plan summaries: content, wording, languages, direction, terms, display model, HTML."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal, localcontext

import pytest
from babel import Locale
from babel.localedata import locale_identifiers
from babel.numbers import format_currency
from hypothesis import given, settings
from hypothesis import strategies as st

from installments_core import compute_plan, plan_selector_html, summarize, summary_line, validate_response
from installments_core._display.language import FSI, LRI, PDI, catalog_languages, language_for
from installments_core._wire.encode import CURRENT
from installments_core.display import choose_terms, summarize_offers
from installments_core.errors import InvalidTermsError, UnknownLocaleError
from installments_core.plans import FundedBy, PlanOffer, TermsAndConditions
from installments_core.requests import OfferedPlan, read_plan_choice
from installments_core.strategies import GeneratedResponse, get_plans_responses

from .babel_oracle import agrees_with_babel
from .conftest import guide_json

RLM = "\u200f"
FEES = PlanOffer("p-fees", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
FREE = PlanOffer("p-free", compute_plan("500", "USD", 12))
MERCHANT = PlanOffer("p-merchant", compute_plan("500", "USD", 12), funded_by=(FundedBy.MERCHANT,))
ISLAMIC_UPFRONT = PlanOffer("p-i1", compute_plan("3000", "QAR", 6, upfront_flat="100"), islamic=True)
ISLAMIC_RECURRING = PlanOffer("p-i2", compute_plan("3000", "QAR", 12, fee_rate="4"), islamic=True)
ISLAMIC_FREE = PlanOffer("p-i3", compute_plan("3000", "QAR", 3), islamic=True)
ISLAMIC_MERCHANT = PlanOffer(
    "p-i4", compute_plan("3000", "QAR", 3), islamic=True, funded_by=(FundedBy.MERCHANT,)
)
CONVENTIONAL_QAR = PlanOffer("p-c", compute_plan("3000", "QAR", 12, fee_rate="4", upfront_flat="100"))

# Words for the cost of credit: an Islamic plan's text must use the first and never the second;
# any other plan's text must never use the first.
PROFIT = {
    "en": ["profit"], "es": ["beneficio"], "pt": ["lucro"], "fr": ["bénéfic"], "de": ["gewinn"],
    "it": ["profitt"], "ar": ["ربح"], "ja": ["利益"], "he": ["רווח"], "fa": ["سود"], "ur": ["منافع"],
}  # fmt: skip
INTEREST = {
    "en": ["interest"], "es": ["interés", "intereses"], "pt": ["juro"], "fr": ["intérêt"], "de": ["zins"],
    "it": ["interess"], "ar": ["فائدة", "فوائد"], "ja": ["利息", "金利"], "he": ["ריבית"], "fa": ["بهره", "ربا"],
    "ur": ["سود", "ربا"],
}  # fmt: skip
LOCALE_OF = {"en": "en_US", "es": "es_ES", "pt": "pt_BR", "fr": "fr_FR", "de": "de_DE", "it": "it_IT",
             "ar": "ar_QA", "ja": "ja_JP", "he": "he_IL", "fa": "fa_IR", "ur": "ur_PK"}  # fmt: skip


def _all_text(offer: PlanOffer, locale: str) -> str:
    display = summarize(offer, locale)
    return f"{display.text}\n{display.line}".lower()


def test_the_published_plans_in_english() -> None:
    offers = validate_response(guide_json("get_plans_token.response"), order_amount="500", currency="USD").offers
    listing = summarize_offers(offers, "en_US", regime="eu-aprc")
    assert listing.text == "\n".join([
        "Choose how to pay",
        "Pay in full: $500.00",
        "",
        "2 installments every two weeks",
        "  Regular installment: $256.00",
        "  First installment: $262.00, including the upfront fee of $6.00",
        "  Fees: $18.00 in total",
        "  Total cost: $518.00 (pay in full: $500.00)",
        "  Monthly fee rate: 2.00%",
        "  Effective annual rate: 85.27%",
        "  Terms and conditions: version 1",
        "",
        "12 monthly installments",
        "  Regular installment: $41.67",
        "  Last installment: $41.63",
        "  No fees",
        "  Total cost: $500.00 (pay in full: $500.00)",
        "  Terms and conditions: version 1",
        "",
        "12 monthly installments",
        "  Regular installment: $43.75",
        "  First installment: $73.75, including the upfront fee of $30.00",
        "  Fees: $55.00 in total",
        "  Total cost: $555.00 (pay in full: $500.00)",
        "  Monthly fee rate: 0.42%",
        "  Effective annual rate: 22.82%",
        "  Terms and conditions (in Telugu): version 1",
        "",
        "12 monthly installments",
        "  Regular installment: $41.67",
        "  Last installment: $41.63",
        "  No fees: the merchant pays for this plan",
        "  Total cost: $500.00 (pay in full: $500.00)",
        "  Terms and conditions (in Arabic): version 2",
    ])  # fmt: skip


def test_the_islamic_example_in_arabic() -> None:
    offers = validate_response(guide_json("get_plans_pan_qar.response")).offers
    display = summarize(offers[0], "ar_QA")
    amount = f"{FSI}{RLM}600.00\xa0ر.ق.{RLM}{PDI}"
    assert display.title == f"{RLM}6 أقساط شهرية"
    upfront = f"{FSI}{RLM}100.00\xa0ر.ق.{RLM}{PDI}"
    assert display.lines[1] == f"{RLM}القسط الأول: {amount}، يشمل ربحًا مقدمًا قدره {upfront}"
    assert display.terms is not None
    assert (display.terms.terms.language_code, display.terms.version, display.terms.match) == ("ara", "1", "language")
    assert display.terms_line == f"{RLM}الشروط والأحكام: الإصدار {LRI}1{PDI}"


@pytest.mark.parametrize("language", sorted(PROFIT))
@pytest.mark.parametrize("offer", [ISLAMIC_UPFRONT, ISLAMIC_RECURRING, ISLAMIC_FREE, ISLAMIC_MERCHANT])
def test_islamic_plans_say_profit_never_interest(language: str, offer: PlanOffer) -> None:
    text = _all_text(offer, LOCALE_OF[language])
    assert not any(word in text for word in INTEREST[language])
    assert any(word in text for word in PROFIT[language]), text


@pytest.mark.parametrize("language", sorted(PROFIT))
@pytest.mark.parametrize("offer", [FEES, FREE, MERCHANT, CONVENTIONAL_QAR])
def test_other_plans_never_use_the_islamic_wording(language: str, offer: PlanOffer) -> None:
    text = _all_text(offer, LOCALE_OF[language])
    assert not any(word in text for word in PROFIT[language]), text


def test_every_language_has_a_catalog() -> None:
    assert set(LOCALE_OF) <= set(catalog_languages())
    for language, locale in LOCALE_OF.items():
        assert language_for(locale).text_language == language


def test_fee_free_and_merchant_funded_plans_say_so() -> None:
    assert "No fees" in summarize(FREE, "en_US").lines
    assert "No fees: the merchant pays for this plan" in summarize(MERCHANT, "en_US").lines
    assert summary_line(FREE, "en_US") == "12 monthly installments: $41.67 each, $500.00 in total, no fees"
    assert "Keine Gebühren" in summarize(FREE, "de_DE").lines
    for display in (summarize(FREE, "en_US"), summarize(MERCHANT, "en_US")):
        assert display.fee_free
        assert not any("rate" in line for line in display.lines)


def test_the_last_installment_is_named_only_when_it_differs() -> None:
    assert any(line.startswith("Last installment") for line in summarize(FREE, "en_US").lines)  # 41.63
    assert not any(line.startswith("Last installment") for line in summarize(FEES, "en_US").lines)  # 43.75 too
    assert summarize(FEES, "en_US").amounts["lastInstallment"] == Decimal("43.75")


def test_summaries_in_several_languages() -> None:
    assert summary_line(FEES, "en_US") == (
        "12 monthly installments: $43.75 each, $555.00 in total, including $55.00 in fees"
    )
    assert summary_line(FEES, "fr_FR") == (
        "12 mensualités\xa0: 43,75\xa0$US chacune, 555,00\xa0$US au total, dont 55,00\xa0$US de frais"
    )
    assert summary_line(FEES, "ja_JP") == "12回払い（毎月）：1回あたり$43.75、総額$555.00（うち手数料$55.00）"
    assert summary_line(FEES, "pt_BR") == (
        "12 parcelas mensais: US$\xa043,75 cada, US$\xa0555,00 no total, incluindo US$\xa055,00 de tarifas"
    )
    qar = f"\xa0ر.ق.{RLM}{PDI}"
    assert summary_line(ISLAMIC_UPFRONT, "ar_QA") == (
        f"{RLM}6 أقساط شهرية: {FSI}{RLM}500.00{qar} لكل قسط، والمجموع {FSI}{RLM}3,100.00{qar}، "
        f"منها {FSI}{RLM}100.00{qar} ربح"
    )


@pytest.mark.parametrize(
    ("count", "title"),
    [(1, "قسط شهري واحد"), (2, "قسطان شهريان"), (3, "3 أقساط شهرية"), (10, "10 أقساط شهرية"),
     (11, "11 قسطًا شهريًا"), (99, "99 قسطًا شهريًا"), (100, "100 قسط شهري"), (103, "103 أقساط شهرية"),
     (111, "111 قسطًا شهريًا")],
)  # fmt: skip
def test_arabic_titles_take_each_plural_form(count: int, title: str) -> None:
    offer = PlanOffer("p", compute_plan("100000", "QAR", count))
    assert summarize(offer, "ar_QA").title == f"{RLM}{title}"


@pytest.mark.parametrize(
    ("count", "title"), [(1, "תשלום חודשי אחד"), (2, "שני תשלומים חודשיים"), (3, "3 תשלומים חודשיים")]
)
def test_hebrew_titles_take_the_dual(count: int, title: str) -> None:
    offer = PlanOffer("p", compute_plan("100000", "ILS", count))
    assert summarize(offer, "he_IL").title == f"{RLM}{title}"


def test_right_to_left_output_says_so_and_isolates_numbers() -> None:
    display = summarize(FEES, "ar_QA")
    assert (display.direction, display.lang, display.text_language) == ("rtl", "ar-QA", "ar")
    assert all(line.startswith(RLM) for line in display.lines)
    for line in display.lines:
        isolated = re.findall(f"{FSI}([^{PDI}]*){PDI}", line)
        assert isolated, line
        # Every digit of the line is inside an isolate, or in the count of the title.
        assert not re.search(r"\d", re.sub(f"{FSI}[^{PDI}]*{PDI}", "", line)), line
    assert "direction" in display.as_json()
    english = summarize(FEES, "en_US")
    assert english.direction == "ltr"
    assert not any(mark in "".join(english.lines) for mark in (FSI, LRI, PDI, RLM))


@pytest.mark.parametrize("locale", ["he_IL", "fa_IR", "ur_PK", "ar_MA"])
def test_every_right_to_left_catalog_says_so(locale: str) -> None:
    display = summarize(FEES, locale)
    assert display.direction == "rtl"
    assert display.text_language == locale[:2]
    assert all(line.startswith(RLM) for line in display.lines)


@pytest.mark.parametrize("locale", ["ps_AF", "ckb_IQ", "sd_PK"])
def test_right_to_left_locales_without_a_catalog(locale: str) -> None:
    # English sentences run left to right, but the locale's numbers are still isolated in them.
    display = summarize(FEES, locale)
    assert (display.text_language, display.direction) == ("en", "ltr")
    assert display.lines[0].startswith("Regular installment: ")
    assert FSI in display.lines[0]


def test_native_digits_are_an_option() -> None:
    display = summarize(ISLAMIC_UPFRONT, "ar_EG", native_digits=True)
    assert display.formatted_amounts["totalCost"] == f"{RLM}٣٬١٠٠٫٠٠\xa0ر.ق.{RLM}"
    assert display.title == f"{RLM}٦ أقساط شهرية"
    assert display.amounts["totalCost"] == Decimal("3100.00")  # raw amounts stay ASCII decimals
    assert not re.search("[0-9]", "".join(display.formatted_amounts.values()))
    assert summarize(ISLAMIC_UPFRONT, "ar_EG").formatted_amounts["totalCost"] == f"{RLM}3,100.00\xa0ر.ق.{RLM}"


LOCALES = sorted(locale_identifiers())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(LOCALES), st.sampled_from([FEES, FREE, ISLAMIC_UPFRONT, CONVENTIONAL_QAR]))
def test_every_babel_locale_gets_its_own_number_formatting(locale: str, offer: PlanOffer) -> None:
    display = summarize(offer, locale)
    parsed = Locale.parse(locale)
    for key, amount in display.amounts.items():
        expected = format_currency(amount, offer.plan.currency, locale=parsed)
        assert agrees_with_babel(display.formatted_amounts[key], expected, parsed), (key, expected)
    for line in (display.title, display.line, *display.lines):
        assert "%(" not in line
        assert display.formatted_amounts["totalCost"] in display.line
    expected = parsed.language if parsed.language in catalog_languages() else "en"
    assert display.text_language == expected


def test_the_summary_line_is_the_sentence_babel_would_build() -> None:
    for locale in ("en_US", "de_DE", "fr_CH", "hi_IN", "ja_JP", "es_MX", "it_IT", "pt_PT"):
        language = language_for(locale)
        plan = FEES.plan
        parsed = Locale.parse(locale)
        title = language.ngettext("%(count)s monthly installment", "%(count)s monthly installments", 12) % {"count": 12}
        expected = language.gettext("%(plan)s: %(amount)s each, %(total)s in total, including %(fees)s in fees") % {
            "plan": title,
            "amount": format_currency(Decimal("43.75"), "USD", locale=parsed),
            "total": format_currency(plan.total_plan_amount, "USD", locale=parsed),
            "fees": format_currency(plan.total_fee, "USD", locale=parsed),
        }
        assert summary_line(FEES, locale) == expected


def test_a_hostile_decimal_context_changes_nothing() -> None:
    expected = summarize(FEES, "de_DE").text
    with localcontext() as context:
        context.prec = 2
        context.rounding = "ROUND_FLOOR"
        assert summarize(FEES, "de_DE").text == expected


@pytest.mark.parametrize(
    ("codes", "locale", "chosen", "match"),
    [
        (("eng", "ger"), "de_DE", "ger", "language"),
        (("eng", "deu"), "de_AT", "deu", "language"),
        (("ara", "eng"), "ar_QA", "ara", "language"),
        (("eng", "jpn"), "ja_JP", "jpn", "language"),
        (("fre", "eng"), "fr_CA", "fre", "language"),
        (("tel", "eng"), "de_DE", "eng", "english"),
        (("tel", "ara"), "de_DE", "tel", "first"),
        (("TEL",), "te_IN", "TEL", "language"),
        (("chi", "zho"), "zh_Hant_TW", "chi", "language"),
    ],
)
def test_terms_in_the_customers_language(codes: tuple[str, ...], locale: str, chosen: str, match: str) -> None:
    terms = tuple(TermsAndConditions(code, f"v-{code}", f"text {code}") for code in codes)
    choice = choose_terms(terms, locale)
    assert choice is not None
    assert (choice.terms.language_code, choice.match, choice.version) == (chosen, match, f"v-{chosen}")


def test_no_terms_no_choice() -> None:
    assert choose_terms((), "en_US") is None
    assert summarize(FEES, "en_US").terms_line is None


def test_the_display_model_is_json() -> None:
    offer = FEES._replace(terms=(TermsAndConditions("eng", "3", "Terms", "https://example.com/t"),), name="Promo")
    model = summarize(offer, "de_DE").as_json()
    round_trip = json.loads(json.dumps(model, ensure_ascii=False))
    assert round_trip == model
    assert model["amounts"] == {
        "payInFull": "500.00", "regularInstallment": "43.75", "firstInstallment": "73.75",
        "lastInstallment": "43.75", "upfrontFee": "30.00", "recurringFees": "25.00", "totalFees": "55.00",
        "totalCost": "555.00",
    }  # fmt: skip
    assert model["formattedAmounts"]["totalCost"] == "555,00\xa0$"  # type: ignore[index]
    assert model["rates"] == {"monthlyRatePercentage": "0.42", "apr": "20.73", "effectiveAnnualRate": "22.82"}
    assert model["formattedRates"]["effectiveAnnualRate"] == "22,82\xa0%"  # type: ignore[index]
    assert model["terms"] == {
        "languageCode": "eng", "lang": "en", "match": "english", "version": "3", "url": "https://example.com/t",
        "text": "Terms",
    }  # fmt: skip
    assert (model["locale"], model["lang"], model["direction"]) == ("de_DE", "de-DE", "ltr")
    assert (model["textLanguage"], model["installments"], model["frequency"]) == ("de", 12, "MONTHLY")
    assert (model["islamic"], model["feeFree"]) == (False, False)


def test_offers_must_share_the_order_total() -> None:
    with pytest.raises(InvalidTermsError, match=r"offers\[1\]\.plan"):
        summarize_offers([FEES, ISLAMIC_FREE], "en_US")
    with pytest.raises(InvalidTermsError):
        summarize_offers([], "en_US")
    empty = summarize_offers([], "en_US", amount=Decimal("500.00"), currency="USD")
    assert empty.text == "Choose how to pay\nPay in full: $500.00\nNo installment plan is available"


@pytest.mark.parametrize("locale", ["xx_YY", "", "en_US.UTF-8", "../../etc"])
def test_unknown_locales_are_refused(locale: str) -> None:
    with pytest.raises(UnknownLocaleError) as raised:
        summarize(FEES, locale)
    assert raised.value.path == "locale"


def test_the_selector_html() -> None:
    terms = TermsAndConditions("ara", '1"><script>', "<script>alert(1)</script>\n\nفقرة\u202e ثانية",
                               "javascript:alert(1)")  # fmt: skip
    hostile = ISLAMIC_UPFRONT._replace(plan_id='x" onclick="steal()', terms=(terms,))
    html = plan_selector_html([hostile, ISLAMIC_FREE], "ar_QA")
    assert html.startswith('<fieldset class="installments" lang="ar-QA" dir="rtl">\n<legend>اختر طريقة الدفع</legend>')
    assert html.count('type="radio"') == 3
    assert html.count(" checked") == 1
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    # The plan ID and the terms version posted together, percent-encoded: no quote is left to escape.
    assert 'value="x%22%20onclick%3D%22steal%28%29:1%22%3E%3Cscript%3E"' in html
    assert 'data-tc-version="1&quot;&gt;&lt;script&gt;"' in html
    assert "javascript:" not in html.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")
    assert "\u202e" not in html
    assert '<div lang="ar" dir="rtl">' in html
    assert f"<bdi>{RLM}3,000.00\xa0ر.ق.{RLM}</bdi>" in html
    assert not {FSI, LRI, PDI} & set(html)


def test_importing_the_package_loads_no_locale_data() -> None:
    code = (
        "import sys, installments_core as ic\n"
        "ic.compute_plan('500', 'USD', 12).cost_of_credit()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'babel', 'pydantic'}"
        " or m.startswith('installments_core._display')))\n"
        "ic.summary_line\n"
        "print('babel' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "True"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.from_regex(r"[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8}){0,3}", fullmatch=True)))
def test_any_locale_text_is_summarized_or_refused_cleanly(locale: str) -> None:
    try:
        line = summary_line(FEES, locale)
    except UnknownLocaleError as error:
        refused = error
    else:
        assert language_for(locale).amount(Decimal("43.75"), "USD") in line
        return
    assert refused.path == "locale"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=8), min_size=1, max_size=4), st.sampled_from(["en_US", "ar_QA", "de_DE", "ja_JP"]))
def test_any_terms_codes_give_a_choice(codes: list[str], locale: str) -> None:
    terms = tuple(TermsAndConditions(code, str(index), "text") for index, code in enumerate(codes))
    choice = choose_terms(terms, locale)
    assert choice is not None
    assert choice.terms in terms


@settings(max_examples=60, deadline=None)
@given(
    get_plans_responses(formats=("cybersource",), min_plans=1, max_plans=3),
    st.sampled_from(["en_US", "ar_QA", "de_DE", "ja_JP", "hi_IN"]),
)
def test_a_consistent_response_reads_back_as_the_offers_it_was_built_from(
    generated: GeneratedResponse, locale: str
) -> None:
    report = validate_response(generated.document, order_amount=generated.order_amount, currency=generated.currency)
    assert report.ok
    assert (report.order_amount, report.currency) == (generated.order_amount, generated.currency)
    for read, built, convention in zip(report.offers, generated.offers, generated.conventions, strict=True):
        funded_by = built.funded_by if convention == CURRENT else read.funded_by  # 2024 responses lack fundedBy
        assert read == built._replace(funded_by=funded_by)
        assert summarize(read, locale).formatted_amounts == summarize(built, locale).formatted_amounts


PAN = "4111111111111111"
PAN_OFFER = PlanOffer(
    "p-1",
    compute_plan("500", "USD", 12, fee_rate="5"),
    name=f"Card {PAN}",
    identifier=PAN,
    plan_type=PAN,
    terms=(TermsAndConditions(f"x{PAN}", "1", f"Charged to card {PAN}", f"https://bank.example/{PAN}"),),
)


@pytest.mark.parametrize("locale", ["en_US", "ar_QA"])
def test_card_numbers_in_issuer_text_are_masked(locale: str) -> None:
    display = summarize(PAN_OFFER, locale)
    model = display.as_json()
    html = plan_selector_html([PAN_OFFER], locale)
    for shown in (display.text, json.dumps(model, ensure_ascii=False), html):
        assert PAN not in shown
        assert "****1111" in shown


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# A BCP 47 tag as this library writes them: language, then script, region and variants.
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*")


@pytest.mark.parametrize("code", ["x\u202e\u2069", "klingon", "", "e n"])
def test_an_unknown_terms_language_is_issuer_text_and_never_a_lang(code: str) -> None:
    offer = FEES._replace(terms=(TermsAndConditions(code, "1", "Terms"),))
    choice = choose_terms(offer.terms, "de_DE")
    assert choice is not None
    assert (choice.language, choice.match) == (None, "first")
    english = summarize(offer, "en_US")
    assert english.terms_line is not None
    assert not BIDI_CONTROLS.search(english.terms_line)
    assert english.terms_line.startswith("Terms and conditions (in ")
    arabic = summarize(offer, "ar_QA")
    assert arabic.terms_line is not None
    # Only the isolates the sentence itself opens and closes: around the label and the version.
    assert re.sub(f"[{FSI}{LRI}][^{FSI}{LRI}{PDI}]*{PDI}", "", arabic.terms_line).count(PDI) == 0
    assert "\u202e" not in arabic.terms_line
    terms = arabic.as_json()["terms"]
    assert isinstance(terms, dict)
    assert terms["lang"] is None
    assert not BIDI_CONTROLS.search(str(terms["languageCode"]))
    html = plan_selector_html([offer], "ar_QA")
    assert "\u202e" not in html
    assert "<div dir=\"auto\">" in html
    assert all(BCP47.fullmatch(tag) for tag in re.findall(r'lang="([^"]*)"', html))


@pytest.mark.parametrize(
    ("locale", "tag"),
    [("ar_QA@foo bar", "ar-QA"), ("root", "und"), ("zh_Hant_TW", "zh-Hant-TW"), ("ca_ES_VALENCIA", "ca-ES-valencia"),
     ("ar-001", "ar-001"), ("en_US_POSIX", "en-US-posix")],
)  # fmt: skip
def test_the_lang_of_a_locale_is_a_bcp47_tag(locale: str, tag: str) -> None:
    assert summarize(FEES, locale).lang == tag
    assert f'<fieldset class="installments" lang="{tag}" ' in plan_selector_html([FEES], locale)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LOCALES))
def test_every_lang_attribute_is_a_bcp47_tag(locale: str) -> None:
    offer = FEES._replace(terms=(TermsAndConditions("tlh", "1", "Terms"),))
    for tag in re.findall(r'lang="([^"]*)"', plan_selector_html([offer], locale)):
        assert BCP47.fullmatch(tag), (locale, tag)


@pytest.mark.parametrize(
    ("plan_id", "version"), [("خطة-1", "١"), ('a"b&c<d>', "v'2"), ("7014ef25", "1"), ("x" * 50, "v" * 36)]
)
def test_html_attributes_post_back_the_exact_identifiers(plan_id: str, version: str) -> None:
    import html as html_module

    offer = PlanOffer(plan_id, FEES.plan, terms=(TermsAndConditions("eng", version, "Terms"),))
    page = plan_selector_html([offer], "ar_QA")
    values = [html_module.unescape(value) for value in re.findall(r' value="([^"]*)"', page)]
    versions = [html_module.unescape(value) for value in re.findall(r' data-tc-version="([^"]*)"', page)]
    model = summarize(offer, "ar_QA").as_json()
    terms = model["terms"]
    assert isinstance(terms, dict)
    offered = (OfferedPlan(plan_id, (version,), None),)
    assert [read_plan_choice(value, offered) for value in values] == [None, (plan_id, version)]
    assert (plan_id, version) == (model["planId"], terms["version"])
    assert versions == [version] == [terms["version"]]


def test_a_terms_url_that_would_need_cleaning_is_not_a_link() -> None:
    linked = FEES._replace(terms=(TermsAndConditions("eng", "1", "Terms", "https://bank.example/terms"),))
    assert '<a href="https://bank.example/terms"' in plan_selector_html([linked], "en_US")
    spoofed = FEES._replace(terms=(TermsAndConditions("eng", "1", "Terms", "https://bank.example/\u202eterms"),))
    assert "<a " not in plan_selector_html([spoofed], "en_US")


@pytest.mark.parametrize("code", ["nor", "no", "nob", "nb", "nno", "nn", "NOR"])
@pytest.mark.parametrize("locale", ["nb_NO", "nn_NO", "no", "nb", "nn", "nb_SJ"])
def test_norwegian_terms_match_every_norwegian_locale(code: str, locale: str) -> None:
    offered = (TermsAndConditions("eng", "1", "Terms"), TermsAndConditions(code, "2", "Vilkår"))
    choice = choose_terms(offered, locale)
    assert choice is not None
    assert (choice.version, choice.match) == ("2", "language")


def test_the_exact_norwegian_standard_comes_first() -> None:
    offered = (TermsAndConditions("nob", "1", "Bokmål"), TermsAndConditions("nno", "2", "Nynorsk"))
    assert [choose_terms(offered, locale).version for locale in ("nb_NO", "nn_NO")] == ["1", "2"]  # type: ignore[union-attr]
    danish = (TermsAndConditions("eng", "1", "Terms"), TermsAndConditions("nor", "2", "Vilkår"))
    assert choose_terms(danish, "da_DK").match == "english"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: summarize(FEES, ["en"]), "locale"),  # type: ignore[arg-type]
        (lambda: summarize(FEES, 123), "locale"),  # type: ignore[arg-type]
        (lambda: summary_line(FEES, {"en_US": 1}), "locale"),  # type: ignore[arg-type]
        (lambda: summarize(FEES, "en_US", native_digits="no"), "native_digits"),  # type: ignore[arg-type]
        (lambda: plan_selector_html([FEES], "en_US", field_name=None), "field_name"),  # type: ignore[arg-type]
        (lambda: plan_selector_html([FEES], "en_US", field_name=""), "field_name"),
        (lambda: plan_selector_html([FEES], "en_US", field_name="plan choice"), "field_name"),
    ],
)
def test_display_arguments_it_cannot_use_raise_library_errors(call: object, path: str) -> None:
    from installments_core import InstallmentsError

    assert callable(call)
    with pytest.raises(InstallmentsError) as refused:
        call()
    assert refused.value.path == path


@pytest.mark.parametrize("hidden", ["\u200b", "\u200e", "\u200f", "\u00ad", "\u2060", "\ufeff", "\u202e"])
def test_invisible_characters_do_not_hide_a_card_number(hidden: str) -> None:
    pan = hidden.join(["4111", "1111", "1111", "1111"])
    offer = FEES._replace(name=f"Card {pan}", terms=(TermsAndConditions("eng", "1", f"Card {pan}"),))
    display = summarize(offer, "en_US")
    assert display.name == "Card ****1111"
    terms = display.as_json()["terms"]
    assert isinstance(terms, dict)
    assert terms["text"] == "Card ****1111"
    assert "<p>Card ****1111</p>" in plan_selector_html([offer], "en_US")
