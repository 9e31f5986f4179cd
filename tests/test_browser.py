"""The plan selector in a real browser: Debian's headless Chromium, axe-core, and ``Intl.NumberFormat``.

For each locale the selector (``plan_selector_html``) is rendered in a checkout page (``tests/browser.py``);
axe-core, from the axe-playwright-python package, must find no violation; and every amount, percentage and
installment count the library writes must be what the browser's ``Intl.NumberFormat`` writes for the same
locale and options, digits, signs and their placement, except the differences listed below and in
``docs/display.md``: a difference that is not listed fails, and so does a listed one that is gone.

Without ``/usr/bin/chromium`` (``apt-get install -y chromium``) the tests skip, saying so; under ``CI=true``
they fail instead: CI installs the browser and must run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .browser import CHROMIUM, ORDERS, browser_writes, checkout_page, chromium_page, listing, numbers_written

LOCALES = sorted(ORDERS)

# (locale, where, the library, the browser): why in docs/display.md, "In the customer's browser".
KNOWN_DIFFERENCES = {
    # CLDR writes rials without decimals; ISO 4217 gives them two, and a seventh of 240,000,000 needs them: the
    # library never rounds an amount (it shows the ISO digits where CLDR's would round), the browser rounds.
    ("fa_IR", "plan-7.regularInstallment", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴٫۲۹", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴"),
    ("fa_IR", "plan-7.firstInstallment", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴٫۲۹", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴"),
    ("fa_IR", "plan-7.lastInstallment", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴٫۲۶", "\u200eریال\xa0۳۴٬۲۸۵٬۷۱۴"),
}


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    if not CHROMIUM.exists():
        reason = f"Debian's chromium is not installed ({CHROMIUM} is missing; apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: under CI the browser tests must run, not skip")
        pytest.skip(reason)
    with chromium_page() as opened:
        yield opened


@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_no_violation_in_the_selector(page: Page, locale: str) -> None:
    page.set_content(checkout_page(locale))
    offer_list = listing(locale)
    assert page.locator("input[type=radio]").count() == 1 + len(offer_list.plans)
    assert page.locator("fieldset").get_attribute("dir") == offer_list.direction
    results = Axe().run(page)
    violations = results.response["violations"]
    assert results.response["testEngine"]["name"] == "axe-core"
    assert violations == [], results.generate_report()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_browser_writes_every_number_as_the_library_does(page: Page, locale: str) -> None:
    offer_list = listing(locale)
    numbers = numbers_written(offer_list)
    page.set_content(checkout_page(locale))
    shown = page.locator("fieldset").text_content() or ""
    # The selector shows these very strings: the pay-in-full price and each plan's total.
    assert offer_list.formatted_amount in shown
    assert all(plan.formatted_amounts["totalCost"] in shown for plan in offer_list.plans)
    browser = browser_writes(page, offer_list.lang, numbers)
    differences = {
        (locale, number.key, number.written, written)
        for number, written in zip(numbers, browser, strict=True)
        if number.written != written
    }
    assert differences == {known for known in KNOWN_DIFFERENCES if known[0] == locale}
