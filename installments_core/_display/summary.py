"""Localized plan summaries: what a checkout page says about pay-in-full and each plan.

Per plan: the number of installments and their frequency, the regular installment (principal
plus fee) and the first and last ones when they differ, the upfront fee due with the first
installment, the total fees, the total cost against the pay-in-full price (with and without
financing, as Brazil's and Mexico's rules want them side by side), and the rates
(``monthlyRatePercentage`` and the annual cost of credit as the customer's regulator defines it:
:mod:`.cost`).  Plans without fees say so, merchant-funded ones say who pays.

Islamic plans (``isIslamicPlan``/``shariaLawPlan``) are worded per Shariah principles: the charge
is *profit* (ربح), never *interest* (فائدة), and its rates are profit rates; other plans never use
that wording.  The sentences are separate messages in the catalogs, so each language words them
properly rather than swapping a word.

Amounts come exact from the calculation core and are formatted by
:mod:`installments_core._display.numbers`, which refuses to round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from babel import Locale

from .._core.arguments import require_sequence
from .._core.money import CTX, parse_amount
from .._core.offer import PlanOffer
from .._core.plan import Plan
from .._core.policy import Frequency
from .._core.regimes import AnnualCost, Regime, annual_cost, plan_cash_flows
from .._errors import (
    InvalidTermsError,
    PlansResponseError,
    describe,
    masked_numbers_repr,
    shown_amount,
)
from .._wire.request_fields import selection_problem
from .cost import cost_json, cost_line, display_regime
from .language import Direction, Language, display_text, language_for
from .terms import TermsChoice, choose_terms

__all__ = ["OfferList", "PlanDisplay", "summarize", "summarize_offers", "summary_line"]

RLM: Final = "\u200f"
"""RIGHT-TO-LEFT MARK: starts each plain-text line of right-to-left text, so that a line that
begins with a number still gets a right-to-left paragraph direction."""


def _title(language: Language, frequency: Frequency, count: int) -> str:
    title = language.titles.get((frequency, count))
    if title is None:
        title = language.titles[(frequency, count)] = _new_title(language, frequency, count)
    return title


def _new_title(language: Language, frequency: Frequency, count: int) -> str:
    # One message per frequency: the count agrees with the whole phrase in most languages.
    if frequency is Frequency.MONTHLY:
        # TRANSLATORS: a plan's title; %(count)s is the number of installments, in the locale's digits.
        template = language.ngettext("%(count)s monthly installment", "%(count)s monthly installments", count)
    elif frequency is Frequency.BIWEEKLY:
        template = language.ngettext(
            "%(count)s installment every two weeks", "%(count)s installments every two weeks", count
        )
    elif frequency is Frequency.WEEKLY:
        template = language.ngettext("%(count)s weekly installment", "%(count)s weekly installments", count)
    else:
        template = language.ngettext(
            "%(count)s installment every two months", "%(count)s installments every two months", count
        )
    return template % {"count": language.count(count)}


def _regular_total(plan: Plan) -> Decimal:
    return CTX.add(plan.regular_amount, plan.regular_fee)


def _line_of(language: Language, text: str) -> str:
    return f"{RLM}{text}" if language.direction == "rtl" else text


def summary_line(offer: PlanOffer, locale: Locale | str, *, native_digits: bool = False) -> str:
    """One line for a plan: count and frequency, regular installment, total cost, fees.

    >>> from installments_core import compute_plan
    >>> from installments_core.plans import PlanOffer
    >>> offer = PlanOffer("p1", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
    >>> summary_line(offer, "en_US")
    '12 monthly installments: $43.75 each, $555.00 in total, including $55.00 in fees'
    >>> summary_line(offer, "de_DE")
    '12 monatliche Raten: je 43,75\\xa0$, insgesamt 555,00\\xa0$, davon 55,00\\xa0$ Gebühren'
    """
    plan = _checked_offer(offer, "offer").plan
    _refuse_unselectable(offer, "offer")
    language = language_for(locale, native_digits=native_digits)
    currency = plan.currency
    title = _title(language, plan.frequency, plan.total_count)
    installment = language.isolated(language.amount(_regular_total(plan), currency))
    total = language.isolated(language.amount(plan.total_plan_amount, currency))
    if plan.total_fee.is_zero():
        if offer.islamic:
            # TRANSLATORS: Islamic (Shariah-compliant) plan: say "profit", never "interest".
            template = language.gettext("%(plan)s: %(amount)s each, %(total)s in total, no profit charged")
        else:
            template = language.gettext("%(plan)s: %(amount)s each, %(total)s in total, no fees")
        return _line_of(language, template % {"plan": title, "amount": installment, "total": total})
    fees = language.isolated(language.amount(plan.total_fee, currency))
    if offer.islamic:
        # TRANSLATORS: Islamic (Shariah-compliant) plan: the customer's charge is profit, never interest.
        template = language.gettext("%(plan)s: %(amount)s each, %(total)s in total, including %(fees)s profit")
    else:
        template = language.gettext("%(plan)s: %(amount)s each, %(total)s in total, including %(fees)s in fees")
    return _line_of(language, template % {"plan": title, "amount": installment, "total": total, "fees": fees})


# Every amount and total of a plan is derived from the order total, which may be a card number
# given as an amount: any run of 13 digits or more is masked, whatever its check digit.
@masked_numbers_repr
@dataclass(frozen=True, slots=True)
class PlanDisplay:
    """One plan as a checkout page shows it: raw amounts, formatted strings and sentences.

    :meth:`as_json` is the display model a JavaScript frontend consumes (``docs/display.md``
    lists its fields).  Formatted amounts and rates are bare CLDR strings (wrap them in
    ``<bdi>`` when placing them in text); the sentences (:attr:`title`, :attr:`lines`,
    :attr:`line`) carry Unicode isolates where the direction needs them.
    """

    plan_id: str
    identifier: str | None
    name: str
    plan_type: str | None
    locale: str
    lang: str
    text_language: str
    direction: Direction
    currency: str
    installments: int
    frequency: Frequency
    islamic: bool
    merchant_funded: bool
    fee_free: bool
    amounts: Mapping[str, Decimal]
    """``payInFull``, ``regularInstallment``, ``firstInstallment``, ``lastInstallment``,
    ``upfrontFee``, ``recurringFees``, ``totalFees``, ``totalCost``."""
    formatted_amounts: Mapping[str, str]
    rates: Mapping[str, Decimal]
    """``monthlyRatePercentage``, ``apr`` (US), ``effectiveAnnualRate`` (EU APRC), in percent."""
    formatted_rates: Mapping[str, str]
    cost_of_credit: AnnualCost
    """The annual cost of credit of the regime shown (:mod:`installments_core._display.cost`)."""
    cost_of_credit_json: Mapping[str, object]
    title: str
    line: str
    """The one-line summary (:func:`summary_line`)."""
    lines: tuple[str, ...]
    """The detail sentences, in order."""
    terms: TermsChoice | None
    terms_line: str | None
    """The sentence naming the terms and conditions' version (and language, if not the customer's)."""

    @property
    def text(self) -> str:
        """The plain-text summary: the title, then one detail per line."""
        lines = self.lines if self.terms_line is None else (*self.lines, self.terms_line)
        return "\n".join((self.title, *(f"  {line}" for line in lines)))

    def as_json(self) -> dict[str, object]:
        """The display model as JSON-ready data: amounts and rates as strings, never numbers."""
        return {
            "planId": self.plan_id,
            "identifier": self.identifier,
            "name": self.name,
            "planType": self.plan_type,
            "locale": self.locale,
            "lang": self.lang,
            "textLanguage": self.text_language,
            "direction": self.direction,
            "currency": self.currency,
            "installments": self.installments,
            "frequency": self.frequency.value,
            "islamic": self.islamic,
            "merchantFunded": self.merchant_funded,
            "feeFree": self.fee_free,
            "amounts": {key: shown_amount(value) for key, value in self.amounts.items()},
            "formattedAmounts": dict(self.formatted_amounts),
            "rates": {key: str(value) for key, value in self.rates.items()},
            "formattedRates": dict(self.formatted_rates),
            "costOfCredit": dict(self.cost_of_credit_json),
            "title": self.title,
            "line": self.line,
            "lines": list(self.lines),
            "termsLine": self.terms_line,
            "terms": None if self.terms is None else {
                "languageCode": display_text(self.terms.terms.language_code),
                "lang": self.terms.language,
                "match": self.terms.match,
                "version": self.terms.version,
                "url": None if self.terms.terms.url is None else display_text(self.terms.terms.url),
                "text": display_text(self.terms.terms.text),
            },
        }


def _language_name(language: Language, terms: TermsChoice) -> str:
    name = None if terms.language is None else Locale.parse(language.text_language).languages.get(terms.language)
    if name is None:
        # No CLDR name: the issuer's own label, shown as issuer text and isolated from the sentence.
        return language.isolated(display_text(terms.terms.language_code.strip()))
    return str(name)


def _detail_lines(
    language: Language, offer: PlanOffer, amounts: Mapping[str, str], rates: Mapping[str, str], figure: AnnualCost
) -> tuple[str, ...]:
    plan = offer.plan
    islamic = offer.islamic
    lines = [language.gettext("Regular installment: %(amount)s") % {"amount": amounts["regularInstallment"]}]
    regular = _regular_total(plan)
    if not plan.total_upfront_fee.is_zero():
        if islamic:
            # TRANSLATORS: Islamic (Shariah-compliant) plan: the upfront charge is profit, never interest.
            template = language.gettext("First installment: %(amount)s, including the upfront profit of %(fee)s")
        else:
            template = language.gettext("First installment: %(amount)s, including the upfront fee of %(fee)s")
        lines.append(template % {"amount": amounts["firstInstallment"], "fee": amounts["upfrontFee"]})
    elif CTX.add(plan.first_amount, plan.first_fee) != regular:
        lines.append(language.gettext("First installment: %(amount)s") % {"amount": amounts["firstInstallment"]})
    if plan.total_count > 1 and CTX.add(plan.last_amount, plan.last_fee) != regular:
        lines.append(language.gettext("Last installment: %(amount)s") % {"amount": amounts["lastInstallment"]})
    if plan.total_fee.is_zero():
        if offer.merchant_funded:
            if islamic:
                lines.append(language.gettext("No profit charged: the merchant pays for this plan"))
            else:
                lines.append(language.gettext("No fees: the merchant pays for this plan"))
        elif islamic:
            lines.append(language.gettext("No profit charged"))
        else:
            lines.append(language.gettext("No fees"))
    elif islamic:
        # TRANSLATORS: Islamic (Shariah-compliant) plan: profit, never interest.
        lines.append(language.gettext("Profit: %(amount)s in total") % {"amount": amounts["totalFees"]})
    else:
        lines.append(language.gettext("Fees: %(amount)s in total") % {"amount": amounts["totalFees"]})
    lines.append(
        # TRANSLATORS: what the plan costs in all, against the price paid at once.
        language.gettext("Total cost: %(total)s (pay in full: %(price)s)")
        % {"total": amounts["totalCost"], "price": amounts["payInFull"]}
    )
    if not plan.total_fee.is_zero():
        if not plan.monthly_rate_percentage.is_zero():
            if islamic:
                template = language.gettext("Monthly profit rate: %(rate)s")
            else:
                template = language.gettext("Monthly fee rate: %(rate)s")
            lines.append(template % {"rate": rates["monthlyRatePercentage"]})
        lines.append(cost_line(language, figure, islamic=islamic))
    return tuple(_line_of(language, line) for line in lines)


def _terms_line(language: Language, terms: TermsChoice) -> str:
    version = language.code(display_text(terms.version))
    if terms.language == language.text_language:
        line = language.gettext("Terms and conditions: version %(version)s") % {"version": version}
    else:
        # TRANSLATORS: %(language)s is a language name from CLDR, e.g. "English".
        template = language.gettext("Terms and conditions (in %(language)s): version %(version)s")
        line = template % {"language": _language_name(language, terms), "version": version}
    return _line_of(language, line)


def _refuse_unselectable(offer: PlanOffer, path: str) -> None:
    """Raise when the customer could not select *offer*: a select request would refuse its planId
    or a version of its terms (the rules validation holds every offered plan to)."""
    found = selection_problem(offer.plan_id, [terms.version for terms in offer.terms])
    if found is not None:
        index, problem = found
        where = f"{path}.plan_id" if index is None else f"{path}.terms[{index}].version"
        raise PlansResponseError(where, expected=problem.expected, actual=problem.actual,
                                 detail=f"only a plan the customer can select is shown: {problem.rule}")


def summarize(
    offer: PlanOffer, locale: Locale | str, *, native_digits: bool = False, regime: Regime | str | None = None
) -> PlanDisplay:
    """The display model of *offer* for a customer in *locale*.

    The annual cost of credit is *regime*'s (``us-apr``, ``eu-aprc``, ``br-cet``, ``mx-cat``,
    ``ar-cftea``, ``jp-jitsushitsu``), by default the one of the locale's territory.

    >>> from installments_core import compute_plan
    >>> from installments_core.plans import PlanOffer
    >>> offer = PlanOffer("p1", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
    >>> print(summarize(offer, "en_US").text)
    12 monthly installments
      Regular installment: $43.75
      First installment: $73.75, including the upfront fee of $30.00
      Fees: $55.00 in total
      Total cost: $555.00 (pay in full: $500.00)
      Monthly fee rate: 0.42%
      APR: 20.73%
    >>> print(summarize(offer, "pt_BR").lines[-1])
    CET: 22,82% a.a., 1,73% a.m.

    An offer the customer could not select (a planId or terms version that a select request
    refuses) raises :class:`~installments_core.PlansResponseError`: it is never shown.
    """
    plan = _checked_offer(offer, "offer").plan
    _refuse_unselectable(offer, "offer")
    language = language_for(locale, native_digits=native_digits)
    currency = plan.currency
    regular = _regular_total(plan)
    raw = {
        "payInFull": plan.amount,
        "regularInstallment": regular,
        "firstInstallment": CTX.add(CTX.add(plan.first_amount, plan.first_fee), plan.total_upfront_fee),
        "lastInstallment": CTX.add(plan.last_amount, plan.last_fee),
        "upfrontFee": plan.total_upfront_fee,
        "recurringFees": plan.total_recurring_fee,
        "totalFees": plan.total_fee,
        "totalCost": plan.total_plan_amount,
    }
    formatted = {key: language.amount(value, currency) for key, value in raw.items()}
    cost = plan.cost_of_credit()
    rates = {
        "monthlyRatePercentage": plan.monthly_rate_percentage,
        "apr": cost.apr,
        "effectiveAnnualRate": cost.aprc,
    }
    formatted_rates = {key: language.percent(value) for key, value in rates.items()}
    figure = annual_cost(plan_cash_flows(plan), display_regime(regime, language))
    terms = choose_terms(offer.terms, language.locale)
    lines = _detail_lines(
        language,
        offer,
        {key: language.isolated(value) for key, value in formatted.items()},
        {key: language.isolated(value) for key, value in formatted_rates.items()},
        figure,
    )
    return PlanDisplay(
        plan_id=offer.plan_id,
        identifier=None if offer.identifier is None else display_text(offer.identifier),
        name=display_text(offer.name),
        plan_type=None if offer.plan_type is None else display_text(offer.plan_type),
        locale=language.identifier,
        lang=language.tag,
        text_language=language.text_language,
        direction=language.direction,
        currency=currency,
        installments=plan.total_count,
        frequency=plan.frequency,
        islamic=offer.islamic,
        merchant_funded=offer.merchant_funded,
        fee_free=plan.total_fee.is_zero(),
        amounts=MappingProxyType(raw),
        formatted_amounts=MappingProxyType(formatted),
        rates=MappingProxyType(rates),
        formatted_rates=MappingProxyType(formatted_rates),
        cost_of_credit=figure,
        cost_of_credit_json=MappingProxyType(cost_json(language, figure)),
        title=_line_of(language, _title(language, plan.frequency, plan.total_count)),
        line=summary_line(offer, language.locale, native_digits=native_digits),
        lines=lines,
        terms=terms,
        terms_line=None if terms is None else _terms_line(language, terms),
    )


@masked_numbers_repr
@dataclass(frozen=True, slots=True)
class OfferList:
    """Pay in full and every plan, for one customer: what a checkout's payment step shows."""

    locale: str
    lang: str
    text_language: str
    direction: Direction
    currency: str
    amount: Decimal
    """The pay-in-full price: the order total."""
    formatted_amount: str
    heading: str
    pay_in_full: str
    """The pay-in-full sentence."""
    plans: tuple[PlanDisplay, ...]
    no_plans: str | None
    """The sentence saying that no plan is available, when none is."""

    @property
    def text(self) -> str:
        """The plain-text offer list: heading, pay in full, then each plan's summary."""
        parts = [self.heading, self.pay_in_full]
        if self.no_plans is not None:
            parts.append(self.no_plans)
        parts.extend(f"\n{plan.text}" for plan in self.plans)
        return "\n".join(parts)

    def as_json(self) -> dict[str, object]:
        """The offer list as JSON-ready data (``docs/display.md``)."""
        return {
            "locale": self.locale,
            "lang": self.lang,
            "textLanguage": self.text_language,
            "direction": self.direction,
            "currency": self.currency,
            "heading": self.heading,
            "payInFull": {"amount": shown_amount(self.amount), "formatted": self.formatted_amount,
                          "text": self.pay_in_full},
            "noPlans": self.no_plans,
            "plans": [plan.as_json() for plan in self.plans],
        }


def _checked_offer(offer: object, path: str) -> PlanOffer:
    if type(offer) is not PlanOffer or type(offer.plan) is not Plan:
        raise InvalidTermsError(path, expected="a PlanOffer of a computed Plan", actual=describe(offer))
    return offer


def summarize_offers(
    offers: Sequence[PlanOffer],
    locale: Locale | str,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    native_digits: bool = False,
    regime: Regime | str | None = None,
) -> OfferList:
    """Pay in full and every offer, for a customer in *locale*.

    The pay-in-full price is the offers' order total (all must share it); pass *amount* and
    *currency* when there may be no offer at all.  Every offer must be one the customer can
    select (see :func:`summarize`): pay in full is the one choice without a planId.  *regime* chooses
    the annual cost of credit shown, as for :func:`summarize`.

    >>> from installments_core import compute_plan
    >>> from installments_core.plans import PlanOffer
    >>> offers = [PlanOffer("p1", compute_plan("500", "USD", 3), islamic=True)]
    >>> print(summarize_offers(offers, "en_US").text)
    Choose how to pay
    Pay in full: $500.00
    <BLANKLINE>
    3 monthly installments
      Regular installment: $166.67
      Last installment: $166.66
      No profit charged
      Total cost: $500.00 (pay in full: $500.00)
    """
    language = language_for(locale, native_digits=native_digits)
    require_sequence(offers, PlanOffer, path="offers", expected="PlanOffer")
    plans_offered = [_checked_offer(offer, f"offers[{index}]").plan for index, offer in enumerate(offers)]
    for index, offer in enumerate(offers):
        _refuse_unselectable(offer, f"offers[{index}]")
    if plans_offered:
        currency = plans_offered[0].currency if currency is None else currency
        amount = plans_offered[0].amount if amount is None else amount
    if currency is not None:
        # The pay-in-full price follows the rules of every amount: never negative, never a float.
        amount = None if amount is None else parse_amount(amount, currency, path="amount")
    for index, plan in enumerate(plans_offered):
        if plan.amount != amount or plan.currency != currency:
            raise InvalidTermsError(
                f"offers[{index}].plan",
                expected=f"the order total of every offer, {amount} {currency}",
                actual=describe(f"{plan.amount} {plan.currency}"),
            )
    if amount is None or currency is None:
        raise InvalidTermsError(
            "amount", expected="the order total and currency when there is no offer", actual="no offer"
        )
    formatted = language.amount(amount, currency)
    display_regime(regime, language)  # refused before any offer is summarized, and with no offer at all
    plans = tuple(summarize(offer, language.locale, native_digits=native_digits, regime=regime) for offer in offers)
    return OfferList(
        locale=language.identifier,
        lang=language.tag,
        text_language=language.text_language,
        direction=language.direction,
        currency=currency,
        amount=amount,
        formatted_amount=formatted,
        heading=_line_of(language, language.gettext("Choose how to pay")),
        pay_in_full=_line_of(
            language, language.gettext("Pay in full: %(amount)s") % {"amount": language.isolated(formatted)}
        ),
        plans=plans,
        no_plans=None if plans else _line_of(language, language.gettext("No installment plan is available")),
    )
