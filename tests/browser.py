"""The plan selector as a checkout page, in Debian's headless Chromium driven by playwright.

``tests/test_browser.py`` runs axe-core on the page and compares every number the library writes with what
the browser's own ``Intl.NumberFormat`` writes.  Run as a script, this module takes the screenshots that
``docs/display.md`` shows (it needs fonts for Arabic: Debian's ``fonts-noto-core``)::

    python -m tests.browser docs/
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Final, NamedTuple

from playwright.sync_api import Page, sync_playwright

from installments_core import compute_plan
from installments_core._display.numbers import count_formatter
from installments_core.display import OfferList, plan_selector_html, summarize_offers
from installments_core.plans import PlanOffer, TermsAndConditions

CHROMIUM: Final = Path("/usr/bin/chromium")
"""Debian's chromium package: the tests never download a browser of their own."""
FLAGS: Final = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these the browser tries to reach Google's hosts at start-up: there is no network to reach.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

ORDERS: Final = {
    "en_US": ("USD", "500"),
    "ar_QA": ("QAR", "3000"),
    "he_IL": ("ILS", "2400"),
    "ja_JP": ("JPY", "120000"),
    "fa_IR": ("IRR", "240000000"),
    "hi_IN": ("INR", "123456"),
}
"""Each locale's order: its own currency, a total whose fee plan has whole installments and whose
seven-installment plan does not (240,000,000 rials in seven is 34,285,714.29)."""

_STYLESHEET: Final = re.compile(r"```css\n(.*?)```", re.DOTALL)


def offers(locale: str) -> list[PlanOffer]:
    """A plan with an upfront and a recurring fee, and one without fees (Islamic in Qatar), each with linked terms."""
    currency, amount = ORDERS[locale]
    terms = (TermsAndConditions("eng", "3", "The issuer's terms.\n\nA second paragraph.", "https://bank.example/t/3"),)
    return [
        PlanOffer("plan-12", compute_plan(amount, currency, 12, fee_rate="5", upfront_rate="6"), terms=terms),
        PlanOffer("plan-7", compute_plan(amount, currency, 7), islamic=locale == "ar_QA", terms=terms),
    ]


def listing(locale: str) -> OfferList:
    """Pay in full and :func:`offers` for a customer in *locale*, with the display's defaults."""
    return summarize_offers(offers(locale), locale)


def checkout_page(locale: str) -> str:
    """A whole page around :func:`plan_selector_html` of :func:`offers`: its language and direction, a title and
    a heading, a main landmark, a form, and the stylesheet ``docs/display.md`` gives (axe checks its colours too)."""
    offer_list = listing(locale)
    docs = Path(__file__).resolve().parent.parent / "docs" / "display.md"
    found = _STYLESHEET.search(docs.read_text(encoding="utf-8"))
    assert found is not None, "docs/display.md gives a stylesheet"
    title = escape(offer_list.heading.removeprefix("\u200f"))
    return (
        f'<!doctype html><html lang="{offer_list.lang}" dir="{offer_list.direction}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body {{ font-family: sans-serif; margin: 1rem; max-width: 36rem; }}\n"
        f"{found.group(1)}</style></head><body><main><h1>{title}</h1><form method=\"post\" action=\"/checkout\">"
        f"{plan_selector_html(offers(locale), locale)}</form></main></body></html>"
    )


class Number(NamedTuple):
    """One number the library wrote, and how to ask ``Intl.NumberFormat`` for the same."""

    key: str
    """Where it is in the display model: ``payInFull``, ``plan-12.totalCost``, ``plan-12.cost.rate``, …"""
    value: str
    """The exact value, as a decimal string (``Intl.NumberFormat`` formats such strings without binary rounding)."""
    options: dict[str, object]
    written: str
    """What the library wrote."""


def numbers_written(offer_list: OfferList) -> list[Number]:
    """Every amount, percentage and installment count of *offer_list*: what its selector and model show."""
    currency = {"style": "currency", "currency": offer_list.currency}
    numbers = [Number("payInFull", str(offer_list.amount), currency, offer_list.formatted_amount)]
    counts = count_formatter(offer_list.locale, native_digits=True)  # the display's default
    for plan in offer_list.plans:
        numbers.extend(
            Number(f"{plan.plan_id}.{key}", str(value), currency, plan.formatted_amounts[key])
            for key, value in plan.amounts.items()
        )
        # A rate has its own decimals, at least two; a regulator's figure has its regime's.
        numbers.extend(
            _percent(f"{plan.plan_id}.{key}", value, max(2, -_exponent(value)), plan.formatted_rates[key])
            for key, value in plan.rates.items()
        )
        figure = plan.cost_of_credit
        figures = {"rate": figure.rate, **{companion.value: value for companion, value in figure.companions}}
        written = plan.cost_of_credit_json["formattedRates"]
        assert isinstance(written, dict)
        numbers.extend(
            _percent(f"{plan.plan_id}.cost.{key}", value, figure.regime.decimals, written[key])
            for key, value in figures.items()
        )
        numbers.append(Number(f"{plan.plan_id}.installments", str(plan.installments), {},
                              counts.format(Decimal(plan.installments))))
    return numbers


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent


def _percent(key: str, value: Decimal, decimals: int, written: str) -> Number:
    options = {"style": "percent", "minimumFractionDigits": decimals, "maximumFractionDigits": decimals}
    return Number(key, str(value.scaleb(-2)), options, written)


def browser_writes(page: Page, tag: str, numbers: list[Number]) -> list[str]:
    """What the browser's ``Intl.NumberFormat`` writes for each of *numbers* in the locale *tag*."""
    script = "([tag, numbers]) => numbers.map(([value, options]) => new Intl.NumberFormat(tag, options).format(value))"
    written = page.evaluate(script, [tag, [[number.value, number.options] for number in numbers]])
    assert isinstance(written, list)
    return [str(text) for text in written]


@contextmanager
def chromium_page() -> Iterator[Page]:
    """A page of Debian's Chromium, headless, in a new empty profile."""
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def take_screenshots(directory: Path, locales: tuple[str, ...] = ("en_US", "ar_QA")) -> list[Path]:
    """A PNG of the checkout page per locale, the first plan chosen and its terms open."""
    paths = []
    with chromium_page() as page:
        page.set_viewport_size({"width": 640, "height": 400})
        for locale in locales:
            page.set_content(checkout_page(locale))
            page.locator("input[type=radio]").nth(1).check()
            page.locator("details summary").first.click()
            path = directory / f"selector-{locale}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
    return paths


if __name__ == "__main__":
    for written in take_screenshots(Path(sys.argv[1])):
        print(written)
