"""An Islamic plan whose terms speak of interest is flagged: every catalog language, whatever its spelling."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import strategies, validate_response
from installments_core._validation.wording import INTEREST_WORDS, interest_wording
from installments_core.findings import Severity
from installments_core.strategies import CardNumberSpelling, assert_no_card_number, card_number_spellings

from .test_fast_path import _outcome, _rule_by_rule
from .visa_fixtures import guide_bytes

CODE = "islamic_interest_wording"
CATALOGS = Path(__file__).parent.parent / "installments_core" / "locale"
# ISO 639-1 (the catalogs' directories) to ISO 639-2 (terms' languageCode).
CATALOG_LANGUAGES = {"ar": "ara", "de": "deu", "es": "spa", "fa": "fas", "fr": "fra", "he": "heb", "it": "ita",
                     "ja": "jpn", "pt": "por", "ur": "urd"}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (languageCode, text, the word the excerpt quotes or None): per language, what names interest and
# what does not.
TABLE = [
    ("eng", "20% Interest will be charged on the unpaid principal.", "Interest"),
    ("eng", "No interest is charged.", "interest"),  # a negation still names interest
    ("eng", "This plan is interest-free.", "interest"),
    ("eng", "Your installment fee will be 10% APR for 12 months.", "APR"),
    ("eng", "A fixed profit rate of 5%.", None),
    ("eng", "First payment due 1 Apr 2027.", None),  # April, not an APR
    ("eng", "Interesting offers await.", None),
    ("ara", "سيتم فرض فائدة بنسبة 20% على المبلغ الأصلي.", "فائدة"),
    ("ara", "الفوائد والرسوم: لا توجد رسوم", "الفوائد"),
    ("ara", "عدد الأشهر، وسعر الفائدة، وما إلى ذلك", "الفائدة"),
    ("ara", "يحتسب بالفائدة المركبة", "بالفائدة"),
    ("ara", "معدل الربح ثابت، بدون ربا", None),  # profit; riba is Shariah vocabulary
    ("ara", "خطة تقسيط مفيدة", None),
    ("deu", "Der Sollzinssatz beträgt 5 %.", "zins"),
    ("deu", "Zinsen fallen keine an.", "Zins"),
    ("deu", "Der Gewinnanteil ist fest.", None),
    ("spa", "Sin intereses ni comisiones.", "intereses"),
    ("spa", "Tasa de interés anual.", "interés"),
    ("spa", "Tasa de ganancia fija.", None),
    ("fas", "نرخ بهره سالانه", "بهره"),
    ("fas", "نرخ سود ثابت است", None),  # Persian سود is profit
    ("fas", "افزایش بهره‌وری", None),  # productivity: the joiner keeps one word
    ("fra", "Taux d'intérêt annuel fixe.", "intérêt"),
    ("fra", "SANS INTERETS", "INTERETS"),
    ("fra", "Taux de profit fixe.", None),
    ("heb", "הריבית השנתית קבועה", "הריבית"),
    ("heb", "ללא ריבית", "ריבית"),
    ("heb", "מרבית הלקוחות בוחרים שיעור רווח קבוע", None),
    ("ita", "Tasso di interesse fisso.", "interesse"),
    ("ita", "Nessun interessi di mora.", "interessi"),
    ("ita", "Tasso di profitto fisso.", None),
    ("jpn", "無利息でお支払いいただけます。", "利息"),
    ("jpn", "金利は年5%です。", "金利"),
    ("jpn", "利益率は固定です。", None),
    ("por", "Sem juros.", "juros"),
    ("por", "Taxa de juro anual.", "juro"),
    ("por", "É do seu interesse.", None),  # concern: Italian's word, not Portuguese's
    ("por", "Taxa de lucro fixa.", None),
    ("urd", "شرح سود سالانہ", "سود"),
    ("urd", "شرح منافع مقرر ہے", None),
    ("spa", "Juro que es gratis.", None),  # "I swear": Portuguese juro counts only in Portuguese
]


def test_the_table_covers_every_catalog_language() -> None:
    catalogs = {path.name for path in CATALOGS.iterdir() if path.is_dir()}
    assert catalogs == set(CATALOG_LANGUAGES)
    assert set(INTEREST_WORDS) == {*CATALOG_LANGUAGES.values(), "eng"}
    positive = {language for language, _, word in TABLE if word}
    negative = {language for language, _, word in TABLE if word is None}
    assert positive == negative == set(INTEREST_WORDS)


@pytest.mark.parametrize(("language", "text", "word"), TABLE)
def test_interest_wording_per_language(language: str, text: str, word: str | None) -> None:
    found = interest_wording(text, language)
    if word is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(f"{word!r} in: ")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("فـائـدة", "ara"),  # tatweel
        ("فَائِدَةٌ", "ara"),  # harakat
        ("فايدة", "ara"),  # hamza left out
        ("\ufed3\ufe8e\ufe8b\ufeaa\ufe93", "ara"),  # presentation forms
        ("ｉｎｔｅｒｅｓｔ", "eng"),  # full-width
        ("INTEREST", "eng"),
        ("inte\u200brest", "eng"),  # a zero-width space inside the word
        ("inter\u00adest", "eng"),  # a soft hyphen
        ("inte\u0301re\u0302t", "fra"),  # decomposed accents
        ("רִיבִּית", "heb"),  # points on the full spelling
        ("نرخ بهره", "per"),  # the bibliographic code
        ("شرح سود", "URD"),
    ],
)
def test_spellings_a_reader_reads_alike(text: str, language: str) -> None:
    assert interest_wording(text, language) is not None


def test_own_language_words_count_only_in_their_language() -> None:
    assert interest_wording("شرح سود", "urd") is not None
    assert interest_wording("شرح سود", "fas") is None
    assert interest_wording("interesse", "ita") is not None
    assert interest_wording("interesse", "por") is None
    # Every other word counts whatever the code says: issuers mix languages and mislabel them.
    assert interest_wording("مع فائدة سنوية", "eng") is not None
    assert interest_wording("20% interest", "tel") is not None


def test_the_excerpt_is_short_and_cut_at_words() -> None:
    text = " ".join(["word"] * 40 + ["interest"] + ["word"] * 40)
    found = interest_wording(text, "eng")
    assert found is not None
    assert found == "'interest' in: …word word word word interest word word word word…"


def _published_wording_findings() -> list[tuple[int, str, str]]:
    report = validate_response(guide_bytes("get_plans_pan_qar.response"), order_amount="3000", currency="QAR")
    return [(plan.index, finding.path.rsplit(".", 2)[1], finding.actual)
            for plan in report.plans for finding in plan.discrepancies if finding.code == CODE]


def test_the_published_islamic_plans_speak_of_interest() -> None:
    assert _published_wording_findings() == [
        (0, "termsAndConditions[0]", "'الفوائد' in: …المحددة في وقت الشراء الفوائد والرسوم: لا توجد رسوم…"),
        (0, "termsAndConditions[1]", "'interest' in: …(number of months, interest rate, etc.) will be…"),
        (1, "termsAndConditions[0]", "'interest' in: …(number of months, interest rate, etc.) will be…"),
        (1, "termsAndConditions[1]", "'الفائدة' in: …(عدد الأشهر، وسعر الفائدة، وما إلى ذلك) في وقت…"),
    ]


def _plans(document: dict[str, Any], generated_format: str) -> list[dict[str, Any]]:
    if generated_format == "visa":
        return document["matchedPlans"]  # type: ignore[no-any-return]
    return document["installmentInformation"]["planDetails"]  # type: ignore[no-any-return]


def _with_terms(
    response: strategies.GeneratedResponse, terms_text: tuple[str, str], *, islamic: bool | None,
) -> dict[str, Any]:
    """The response with every terms entry *terms_text* (language, text), every plan Islamic or not
    (None: no flag at all)."""
    language, text = terms_text
    document = copy.deepcopy(response.document)
    for plan in _plans(document, response.format):
        plan.pop("isIslamicPlan", None)
        plan.pop("shariaLawPlan", None)
        if islamic is not None:
            plan["isIslamicPlan"] = islamic
        for terms in plan["termsAndConditions"]:
            terms["text"], terms["languageCode"] = text, language
    return document


INTEREST_TEXTS = st.sampled_from([(language, text) for language, text, word in TABLE if word])


@SETTINGS
@given(strategies.get_plans_responses(min_plans=1, max_plans=3), INTEREST_TEXTS, st.sampled_from([False, None]))
def test_a_plan_that_is_not_islamic_never_gets_the_finding(
    response: strategies.GeneratedResponse, text: tuple[str, str], flag: bool | None,
) -> None:
    report = validate_response(_with_terms(response, text, islamic=flag), order_amount=response.order_amount,
                               currency=response.currency)
    assert CODE not in {finding.code for finding in report.findings}


@SETTINGS
@given(strategies.get_plans_responses(min_plans=1, max_plans=3), INTEREST_TEXTS)
def test_an_islamic_plan_gets_one_warning_per_terms_entry(
    response: strategies.GeneratedResponse, text: tuple[str, str],
) -> None:
    document = _with_terms(response, text, islamic=True)
    report = validate_response(document, order_amount=response.order_amount, currency=response.currency)
    wording = [finding for finding in report.findings if finding.code == CODE]
    entries = sum(len(plan["termsAndConditions"]) for plan in _plans(document, response.format))
    assert len(wording) == entries
    assert all(f.severity is Severity.WARNING and f.path.endswith(".text") for f in wording)
    assert report.ok == validate_response(_with_terms(response, text, islamic=False),
                                          order_amount=response.order_amount, currency=response.currency).ok


@SETTINGS
@given(strategies.get_plans_responses(min_plans=1, max_plans=2), INTEREST_TEXTS, st.booleans())
def test_both_routes_give_the_same_report(
    response: strategies.GeneratedResponse, text: tuple[str, str], as_text: bool,
) -> None:
    document: object = _with_terms(response, text, islamic=True)
    if as_text:
        document = json.dumps(document, default=str)
    arguments = {"order_amount": response.order_amount, "currency": response.currency}
    fast = _outcome(document, arguments)
    with _rule_by_rule():
        assert _outcome(document, arguments) == fast


@SETTINGS
@given(strategies.get_plans_responses(min_plans=1, max_plans=1), card_number_spellings(), INTEREST_TEXTS)
def test_no_card_number_in_the_finding(
    response: strategies.GeneratedResponse, card: CardNumberSpelling, text: tuple[str, str],
) -> None:
    language, words = text
    document = _with_terms(response, (language, f"card {card.text} {words} {card.text}"), islamic=True)
    report = validate_response(document, order_amount=response.order_amount, currency=response.currency)
    wording = [finding for finding in report.findings if finding.code == CODE]
    assert wording
    for finding in wording:
        assert_no_card_number(finding.actual)
        assert_no_card_number(str(finding))
    assert_no_card_number(report.text)
    assert_no_card_number(json.dumps(report.as_json(), ensure_ascii=False))
