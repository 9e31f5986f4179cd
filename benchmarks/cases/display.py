"""``summary_line``: one plan's one-line summary in German, three amounts formatted.

The baseline builds the same sentence from the same catalog with babel's ``format_currency`` and
a ``Locale`` parsed once beforehand: what a straightforward implementation would do.  The case
uses the library's formatters, built once per (locale, currency) from babel's data
(``docs/display.md``).  Both produce the same characters (``tests/test_display.py``).
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_currency

from installments_core import compute_plan, summary_line
from installments_core._core.money import CTX
from installments_core._display.language import language_for
from installments_core.plans import PlanOffer

from .._harness import Case

_LOCALE = "de_DE"
_OFFER = PlanOffer("p1", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
_PARSED = Locale.parse(_LOCALE)
_LANGUAGE = language_for(_LOCALE)


def _library() -> object:
    return summary_line(_OFFER, _LOCALE)


def _babel() -> object:
    plan = _OFFER.plan
    title = _LANGUAGE.ngettext("%(count)s monthly installment", "%(count)s monthly installments", plan.total_count)
    template = _LANGUAGE.gettext("%(plan)s: %(amount)s each, %(total)s in total, including %(fees)s in fees")
    return template % {
        "plan": title % {"count": plan.total_count},
        "amount": format_currency(CTX.add(plan.regular_amount, plan.regular_fee), plan.currency, locale=_PARSED),
        "total": format_currency(plan.total_plan_amount, plan.currency, locale=_PARSED),
        "fees": format_currency(plan.total_fee, plan.currency, locale=_PARSED),
    }


assert _library() == _babel(), "the case and its baseline must write the same sentence"

CASES = [Case("summary_line", _library, "format_currency + Locale", _babel, target=0.15)]
