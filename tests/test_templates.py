"""The plan selector in a server-rendered checkout: real Jinja2 and Django templates with autoescape on, a plain
HTML form post read back into a select request, accessible names that tell the plans apart."""

from __future__ import annotations

import html as html_module
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlencode

import django
import pytest
from django.conf import settings
from hypothesis import example, given
from hypothesis import strategies as st
from jinja2 import Environment

from installments_core import compute_plan, plan_selector_html, strategies
from installments_core.cards import CardNumber
from installments_core.display import HtmlFragment
from installments_core.errors import InvalidRequestError
from installments_core.plans import PlanOffer, TermsAndConditions
from installments_core.requests import (
    AuthorizationLink,
    InstallmentPurchase,
    OfferedPlan,
    plan_choice_value,
    read_plan_choice,
)

if not settings.configured:
    settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}], USE_TZ=True)
    django.setup()

# Imported once settings exist: Django reads them on import.
from django.http import QueryDict
from django.template import engines

TERMS = (TermsAndConditions("eng", "3", "You are selecting a 12 month plan.", "https://bank.example/terms"),
         TermsAndConditions("ara", "3", "أنت تختار خطة من 12 شهرًا."))
# The case: three plans of twelve monthly installments, told apart only by their amounts.
TWELVE_MONTHS = [
    PlanOffer("9b6a2573-0001", compute_plan("500", "USD", 12), terms=TERMS),
    PlanOffer("9b6a2573-0002", compute_plan("500", "USD", 12, fee_rate="5"), terms=TERMS),
    PlanOffer("9b6a2573-0003", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"), terms=TERMS),
]
PAGE = """<form method="post" action="/checkout/plan">{{ selector }}<button>Pay</button></form>"""


class _Selector(HTMLParser):
    """What a browser and a screen reader take from the fragment: radios, terms summaries, links."""

    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict[str, str | None]] = []
        self.terms_names: dict[str, list[str]] = {"summary": [], "a": []}  # their text, hidden text included
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.radios.append(dict(attrs))
        elif tag in ("summary", "a"):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("summary", "a") and self._open is not None:
            self.terms_names[tag].append("".join(self._open))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _parsed(page: str) -> _Selector:
    parser = _Selector()
    parser.feed(page)
    return parser


def test_the_selector_is_html_that_templates_trust() -> None:
    selector = plan_selector_html(TWELVE_MONTHS, "en_US")
    assert isinstance(selector, HtmlFragment)
    assert isinstance(selector, str)
    assert selector.__html__() == selector
    assert type(selector + "") is str  # a string operation gives plain text again, which templates escape


@pytest.mark.parametrize("locale", ["en_US", "ar_QA", "ja_JP"])
def test_jinja2_with_autoescape_renders_the_markup(locale: str) -> None:
    selector = plan_selector_html(TWELVE_MONTHS, locale)
    template = Environment(autoescape=True).from_string(PAGE)
    page = template.render(selector=selector)
    assert page == PAGE.replace("{{ selector }}", selector)
    # The same text as a plain str is escaped: autoescape is on, and the fragment alone passes it.
    assert "&lt;fieldset" in template.render(selector=str(selector))


@pytest.mark.parametrize("locale", ["en_US", "ar_QA", "ja_JP"])
def test_a_django_template_renders_the_markup(locale: str) -> None:
    selector = plan_selector_html(TWELVE_MONTHS, locale)
    template = engines["django"].from_string(PAGE)
    assert template.render({"selector": selector}) == PAGE.replace("{{ selector }}", selector)
    assert "&lt;fieldset" in template.render({"selector": str(selector)})


@pytest.mark.parametrize("locale", ["en_US", "ar_QA", "he_IL", "ja_JP", "fa_IR", "hi_IN", "de_DE"])
def test_each_radio_and_each_terms_link_names_its_plan(locale: str) -> None:
    page = _parsed(plan_selector_html(TWELVE_MONTHS, locale))
    plans = [radio for radio in page.radios if radio["value"]]
    names = [radio["aria-label"] for radio in plans]
    assert len(names) == 3
    assert len(set(names)) == 3  # the three plans share their title; their amounts tell them apart
    # Each plan's terms summary, and its link where the terms shown have one, name the plan's amounts.
    linked = locale.startswith(("en", "ja", "he", "fa", "hi", "de"))  # English terms: the ones with a URL
    for kind, count in (("summary", 3), ("a", 3 if linked else 0)):
        shown = [text.translate({0x200F: None}) for text in page.terms_names[kind]]
        assert len(shown) == len(set(shown)) == count
        assert all(name is not None and name in text for name, text in zip(names, shown, strict=False))


def _browser_post(page: str, choose: int) -> str:
    """The body a browser posts for the form (application/x-www-form-urlencoded) with radio *choose* checked."""
    radios = _parsed(page).radios
    name = radios[choose]["name"]
    value = radios[choose]["value"]
    assert name is not None
    assert value is not None
    return urlencode({name: value})


@pytest.mark.parametrize("choose", [1, 2, 3])
def test_a_plain_form_post_gives_the_select_request_the_plan_and_its_terms_version(choose: int) -> None:
    purchase = InstallmentPurchase("500", "USD", CardNumber("4622943127019793"))
    purchase.record_plans({"installmentInformation": {"planDetails": [
        {"planId": offer.plan_id, "termsAndConditions": [{"version": "3", "languageCode": "eng"}]}
        for offer in TWELVE_MONTHS]}})
    assert purchase.plans is not None
    body = _browser_post(plan_selector_html(TWELVE_MONTHS, "ar_QA"), choose)
    posted = QueryDict(body)["installmentPlan"]  # as Django reads the post
    choice = read_plan_choice(posted, purchase.plans)
    assert choice == (TWELVE_MONTHS[choose - 1].plan_id, "3")
    assert choice is not None
    select = purchase.select_request(*choice, AuthorizationLink.code("888889", "2020-09-02T16:40:45Z"))
    assert select["installmentInformation"] == {"planId": choice.plan_id, "tcVersion": "3"}


def test_pay_in_full_posts_no_plan() -> None:
    body = _browser_post(plan_selector_html(TWELVE_MONTHS, "en_US"), 0)
    assert read_plan_choice(parse_qs(body, keep_blank_values=True)["installmentPlan"][0], ()) is None


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_plan_id_and_version_post_back_exactly(plan_id: str, tc_version: str) -> None:
    """Through the HTML attribute and the form encoding, the value names exactly the plan and version shown."""
    value = plan_choice_value(plan_id, tc_version)
    attribute = html_module.unescape(html_module.escape(value, quote=True))
    posted = parse_qs(urlencode({"installmentPlan": attribute}))["installmentPlan"][0]
    assert read_plan_choice(posted, (OfferedPlan(plan_id, (tc_version,), None),)) == (plan_id, tc_version)


@pytest.mark.parametrize(
    ("posted", "code"),
    [
        ("p-2:1", "plan_not_offered"),  # another plan
        ("p-1:2", "tc_version_not_offered"),  # terms the customer was not shown
        ("p-1", "missing_field"),  # the plan without its terms version
        ("p-1:1:1", "plan_not_offered"),  # not a value the selector writes
        ("p-1:%FF", "plan_not_offered"),  # an escape that is no UTF-8
        (None, "plan_not_offered"),
    ],
)
def test_a_posted_choice_the_response_did_not_offer_is_refused(posted: object, code: str) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        read_plan_choice(posted, (OfferedPlan("p-1", ("1",), None),))
    assert [violation.code for violation in raised.value.violations] == [code]


def test_the_choice_is_checked_against_offered_plans_only() -> None:
    with pytest.raises(InvalidRequestError, match="plans"):
        read_plan_choice("p-1:1", [TWELVE_MONTHS[0]])  # type: ignore[list-item]
    with pytest.raises(InvalidRequestError, match="tc_version"):
        plan_choice_value("p-1", 1)  # type: ignore[arg-type]


@given(strategies.card_number_spellings(), st.sampled_from(["{}", "{}:1:2", "{}:%FF", "%00{}"]),
       st.booleans())
@example(strategies.CardNumberSpelling("4622943127019793", "4622943127019793"), "{}:1:2", True)
def test_a_posted_card_number_never_shows_in_the_error(spelling: strategies.CardNumberSpelling, shape: str,
                                                       encoded: bool) -> None:
    # Form data reaches error logs: a card number posted instead of a plan, as typed or percent-encoded
    # (%34%36...), is masked, whichever check refuses the value.
    text = "".join(f"%{byte:02X}" for byte in spelling.text.encode()) if encoded else spelling.text
    with pytest.raises(InvalidRequestError) as raised:
        read_plan_choice(shape.format(text), (OfferedPlan("p-1", ("1",), None),))
    for shown in (str(raised.value), repr(raised.value.violations)):
        decoded = unquote(shown)  # as whoever reads the log can
        strategies.assert_no_card_number(decoded)
        # Nor a truncated part of it: a description cut at its length limit must not show the leading digits.
        assert spelling.digits[:10] not in "".join(character for character in decoded if character.isdecimal())
