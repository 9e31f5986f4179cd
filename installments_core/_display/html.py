"""An HTML fragment for a checkout's plan selector: pay in full plus each plan.

The fragment is a ``<fieldset>`` with ``lang`` and ``dir`` set; each choice is a radio button
whose value posts the ``planId`` together with the ``tcVersion`` of the terms shown
(:func:`~.._requests.plan_choice.plan_choice_value`; empty for pay in full), so that a form without
JavaScript gives the select request both; ``data-tc-version`` holds the ``tcVersion`` alone for
scripts.  Both are exactly as the issuer sent them (escaped, never cleaned or masked: the page
posts them back).  Each radio button's accessible name is its plan's one-line summary, whose
amounts tell plans of the same length apart, and the terms of each plan name it to assistive
technology.  Every piece of text is escaped; issuer text (terms) is stripped of bidi controls and
its card-like digit runs masked first.  Numbers and codes, which the plain-text summaries wrap in
Unicode isolates, become ``<bdi>`` elements here, as the W3C recommends for HTML.  The terms and
conditions carry their own ``lang`` and ``dir``: an English text inside an Arabic page is marked
as such.  The fragment is an :class:`HtmlFragment`, which template engines insert unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Final

from babel import Locale, UnknownLocaleError

from .._core.offer import PlanOffer
from .._core.regimes import Regime
from .._errors import InvalidDisplayOptionError, describe
from .._requests.plan_choice import plan_choice_value
from .language import FSI, LRI, PDI, display_text
from .summary import RLM, OfferList, PlanDisplay, summarize_offers
from .terms import TermsChoice

__all__ = ["HtmlFragment", "plan_selector_html", "selector_html"]

_ISOLATED: Final = re.compile(f"([{FSI}{LRI}])([^{PDI}]*){PDI}")
_SAFE_URL: Final = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
_BIDI_CONTROLS: Final = str.maketrans("", "", f"{FSI}{LRI}{PDI}{RLM}")


class HtmlFragment(str):
    """HTML that is safe as it stands: template engines insert it without escaping it again.

    Jinja2 (MarkupSafe) and Django honour ``__html__``, so ``{{ selector }}`` renders the markup
    with autoescape on, with no ``|safe`` or ``Markup(...)`` at the call site.  Anything built
    from it by string operations is a plain ``str`` again, and escaped as one.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return self


def _text(sentence: str) -> str:
    """A sentence as HTML: escaped, its leading RLM dropped (``dir`` does that job), isolates as ``<bdi>``."""
    escaped = escape(sentence.removeprefix(RLM), quote=True)
    return _ISOLATED.sub(
        lambda m: f"<bdi>{m.group(2)}</bdi>" if m.group(1) == FSI else f'<bdi dir="ltr">{m.group(2)}</bdi>', escaped
    )


def _attribute(value: str) -> str:
    # Exact: what the page posts back (planId, tcVersion) is what the select request must send.
    # Escaping is undone by the browser; cleaning or masking would not be.
    return escape(value, quote=True)


def _language_attributes(language: str | None) -> str:
    # Only a language CLDR knows becomes a lang attribute (a valid BCP 47 tag); otherwise the
    # browser is left to guess, as it is for the direction of a language without locale data.
    if language is None:
        return ' dir="auto"'
    try:
        order = Locale.parse(language).character_order
    except (ValueError, UnknownLocaleError):
        return f' lang="{language}" dir="auto"'
    return f' lang="{language}" dir="{"rtl" if order == "right-to-left" else "ltr"}"'


def _plain(sentence: str) -> str:
    """A sentence for an attribute: no isolates or marks (an attribute value has no markup to direct)."""
    return escape(sentence.translate(_BIDI_CONTROLS), quote=True)


def _naming(plan: PlanDisplay) -> str:
    # Visually hidden: which plan the terms belong to, for whoever hears or reads them apart from
    # it.  In the page's language, also where it sits inside terms in another one.
    return (f'<span class="installments-visually-hidden" lang="{_attribute(plan.lang)}" dir="{plan.direction}">'
            f" — {_text(plan.line)}</span>")


def _terms(choice: TermsChoice, summary: str, naming: str) -> str:
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", display_text(choice.terms.text)) if part.strip()]
    body = "".join(f"<p>{escape(part, quote=True).replace(chr(10), '<br>')}</p>" for part in paragraphs)
    link = ""
    url = choice.terms.url
    # A URL with a card number or a bidi control in it is left out rather than masked or cleaned:
    # the altered URL would lead elsewhere.
    if url is not None and _SAFE_URL.fullmatch(url.strip()) and display_text(url) == url:
        href = _attribute(url.strip())
        hreflang = "" if choice.language is None else f' hreflang="{choice.language}"'
        link = (
            f'<a href="{href}"{hreflang} rel="noopener noreferrer" target="_blank">'
            f'<bdi dir="ltr">{href}</bdi>{naming}</a>'
        )
    return (
        f'<details class="installments-terms"><summary>{_text(summary)}{naming}</summary>'
        f"<div{_language_attributes(choice.language)}>{body}{link}</div></details>"
    )


def _plan(plan: PlanDisplay, field_name: str, index: int) -> str:
    tc_version = None if plan.terms is None else plan.terms.version
    value = _attribute(plan_choice_value(plan.plan_id, tc_version))
    version = "" if tc_version is None else f' data-tc-version="{_attribute(tc_version)}"'
    terms = ("" if plan.terms is None or plan.terms_line is None
             else _terms(plan.terms, plan.terms_line, _naming(plan)))
    items = "".join(f"<li>{_text(line)}</li>" for line in plan.lines)
    # Screen readers announce the details with the choice: the radio button points at them.
    details = f"{field_name}-{index}-details"
    return (
        '<div class="installments-plan">'
        f'<label><input type="radio" name="{field_name}" value="{value}"{version} '
        f'aria-label="{_plain(plan.line)}" aria-describedby="{details}"> '
        f'<span class="installments-title">{_text(plan.title)}</span></label>'
        f'<ul class="installments-details" id="{details}">{items}</ul>{terms}</div>'
    )


def _field_name(field_name: object) -> str:
    # The name also starts each plan's details id, which aria-describedby lists among
    # space-separated ids: no whitespace.
    if not isinstance(field_name, str) or not field_name or any(c.isspace() for c in field_name):
        raise InvalidDisplayOptionError(
            "field_name", expected="a non-empty form field name without spaces", actual=describe(field_name)
        )
    return field_name


def selector_html(offers: OfferList, *, field_name: str = "installmentPlan") -> HtmlFragment:
    """The selector fragment of an :class:`OfferList` (:func:`plan_selector_html` builds one too)."""
    name = _attribute(_field_name(field_name))
    pay_in_full = (
        '<div class="installments-plan">'
        f'<label><input type="radio" name="{name}" value="" checked> '
        f'<span class="installments-title">{_text(offers.pay_in_full)}</span></label></div>'
    )
    parts = [
        f'<fieldset class="installments" lang="{_attribute(offers.lang)}" dir="{offers.direction}">',
        f"<legend>{_text(offers.heading)}</legend>",
        pay_in_full,
    ]
    if offers.no_plans is not None:
        parts.append(f'<p class="installments-none">{_text(offers.no_plans)}</p>')
    parts.extend(_plan(plan, name, index) for index, plan in enumerate(offers.plans, start=1))
    parts.append("</fieldset>")
    return HtmlFragment("\n".join(parts))


def plan_selector_html(
    offers: Sequence[PlanOffer],
    locale: Locale | str,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    native_digits: bool = False,
    field_name: str = "installmentPlan",
    regime: Regime | str | None = None,
) -> HtmlFragment:
    """An HTML ``<fieldset>`` to choose between paying in full and each plan, in *locale*.

    >>> from installments_core import compute_plan
    >>> from installments_core.plans import PlanOffer
    >>> html = plan_selector_html([PlanOffer("p-1", compute_plan("3000", "QAR", 3), islamic=True)], "ar_QA")
    >>> print(html.splitlines()[0])
    <fieldset class="installments" lang="ar-QA" dir="rtl">
    >>> print(html.splitlines()[2])
    <div class="installments-plan"><label><input type="radio" name="installmentPlan" value="" checked> \
<span class="installments-title">الدفع بالكامل: <bdi>\u200f3,000.00\xa0ر.ق.\u200f</bdi></span></label></div>
    """
    listing = summarize_offers(
        offers, locale, amount=amount, currency=currency, native_digits=native_digits, regime=regime
    )
    return selector_html(listing, field_name=field_name)
