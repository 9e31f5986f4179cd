"""Plans shown to a customer in any CLDR locale: lines, display models, HTML, amounts, terms.

Amounts are shown exactly as computed, never rounded at display time; babel's locale data loads on
first use.

>>> from decimal import Decimal
>>> from installments_core.display import format_amount, summary_line
>>> from installments_core.plans import PlanOffer, compute_plan
>>> format_amount(Decimal("1234.50"), "EUR", "en_US")
'€1,234.50'
>>> offer = PlanOffer("plan-1", compute_plan("500", "USD", 6))
>>> summary_line(offer, "en_US")
'6 monthly installments: $83.34 each, $500.00 in total, no fees'
"""

from typing import TYPE_CHECKING

from ._exports import load_on_first_use

__all__ = [
    "HtmlFragment",
    "OfferList",
    "PlanDisplay",
    "TermsChoice",
    "choose_terms",
    "currency_formatter",
    "format_amount",
    "negotiate_locale",
    "plan_selector_html",
    "summarize",
    "summarize_offers",
    "summary_line",
]

# babel's locale data, loaded when first needed.
__getattr__ = load_on_first_use(__name__, {
    "OfferList": "._display.summary",
    "PlanDisplay": "._display.summary",
    "summarize": "._display.summary",
    "summarize_offers": "._display.summary",
    "summary_line": "._display.summary",
    "TermsChoice": "._display.terms",
    "choose_terms": "._display.terms",
    "currency_formatter": "._display.numbers",
    "format_amount": "._display.numbers",
    "negotiate_locale": "._display.language",
    "HtmlFragment": "._display.html",
    "plan_selector_html": "._display.html",
})

if TYPE_CHECKING:
    from ._display.html import HtmlFragment, plan_selector_html
    from ._display.language import negotiate_locale
    from ._display.numbers import currency_formatter, format_amount
    from ._display.summary import OfferList, PlanDisplay, summarize, summarize_offers, summary_line
    from ._display.terms import TermsChoice, choose_terms


def __dir__() -> list[str]:
    return sorted(__all__)
