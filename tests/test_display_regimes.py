"""The annual cost of credit on a checkout: the regime's figure under its name, in the customer's language."""

from __future__ import annotations

import json

import pytest
from babel import Locale

from installments_core import compute_plan, plan_selector_html, summarize
from installments_core._core.regimes import Regime
from installments_core.display import summarize_offers
from installments_core.errors import InvalidDisplayOptionError
from installments_core.plans import PlanOffer

OFFER = PlanOffer("p1", compute_plan("500", "USD", 12, fee_rate="5", upfront_rate="6"))
# es_AR's percent pattern changed within the supported babel range (CLDR 42 writes "23,17 %", CLDR 47 "23,17%"):
# the expected line takes the sign as the installed CLDR writes it after a number.
AR_PERCENT = Locale.parse("es_AR").percent_formats[None].suffix[0]
CATALOG_LOCALES = ("en_US", "es_ES", "pt_BR", "fr_FR", "de_DE", "it_IT", "ar_QA", "ja_JP", "he_IL", "fa_IR", "ur_PK")


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en_US", "APR: 20.73%"),
        ("en_GB", "Effective annual rate: 22.82%"),
        ("fr_FR", "Taux annuel effectif global (TAEG)\u00a0: 22,82\u00a0%"),
        ("pt_BR", "CET: 22,82% a.a., 1,73% a.m."),
        ("es_MX", "CAT: 22.8% sin IVA, para fines informativos y de comparación"),
        ("es_AR", "CFTEA: 23,17% (CFTNA 21,02%, TNA 21,02%, TEA 23,17%)".replace("%", AR_PERCENT)),
        ("ja_JP", "実質年率：20.73%"),
        ("en", "Effective annual rate: 22.82%"),
    ],
)
def test_the_territory_chooses_the_figure(locale: str, line: str) -> None:
    assert summarize(OFFER, locale).lines[-1] == line


def test_the_merchant_chooses_the_regime() -> None:
    assert summarize(OFFER, "en_US", regime="br-cet").lines[-1] == "CET: 22.82% a year, 1.73% a month"
    assert summarize(OFFER, "pt_BR", regime=Regime.US_APR).lines[-1] == "APR: 20,73%"
    listing = summarize_offers([OFFER], "es_MX", regime="ar-cftea")
    assert listing.plans[0].lines[-1] == "CFTEA: 23.17% (CFTNA 21.02%, TNA 21.02%, TEA 23.17%)"
    html = plan_selector_html([OFFER], "en_US", regime="jp-jitsushitsu")
    assert "<li>Real annual rate: 20.73%</li>" in html


@pytest.mark.parametrize("regime", ["uk-apr", "", None.__class__, 1, ["us-apr"]])
def test_an_unknown_regime_is_refused(regime: object) -> None:
    for call in (
        lambda: summarize(OFFER, "en_US", regime=regime),  # type: ignore[arg-type]
        lambda: summarize_offers([], "en_US", amount="500", currency="USD", regime=regime),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidDisplayOptionError) as raised:
            call()
        assert raised.value.path == "regime"


def test_the_display_model_names_the_figure() -> None:
    model = json.loads(json.dumps(summarize(OFFER, "pt_BR").as_json()))
    assert model["costOfCredit"] == {
        "regime": "br-cet", "label": "CET", "rates": {"rate": "22.82", "monthly": "1.73"},
        "formattedRates": {"rate": "22,82%", "monthly": "1,73%"}, "legend": None,
    }  # fmt: skip
    mexico = summarize(OFFER, "es_MX").as_json()["costOfCredit"]
    assert mexico["legend"] == "sin IVA, para fines informativos y de comparación"  # type: ignore[index]
    # The rates the model always carried stay beside it.
    assert model["rates"] == {"monthlyRatePercentage": "0.42", "apr": "20.73", "effectiveAnnualRate": "22.82"}


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
@pytest.mark.parametrize("regime", list(Regime))
def test_every_language_states_every_regime(locale: str, regime: Regime) -> None:
    display = summarize(OFFER, locale, regime=regime)
    line = display.lines[-1]
    assert "%(" not in line
    for companion, _ in display.cost_of_credit.companions:
        assert display.cost_of_credit_json["formattedRates"][companion.value] in line  # type: ignore[index]
    label = {Regime.JP_JITSUSHITSU: None, Regime.EU_APRC: None}.get(regime, regime.label)
    if label is not None:
        assert label in line


def test_an_islamic_plan_keeps_its_profit_wording_under_the_eu_regime() -> None:
    offer = OFFER._replace(islamic=True)
    assert summarize(offer, "en_GB").lines[-1] == "Effective annual profit rate: 22.82%"
    assert summarize(offer, "en_US").lines[-1] == "APR: 20.73%"


def test_japanese_names_the_eu_figure_apart_from_the_jitsushitsu_nenritsu() -> None:
    # 実質年率 is the Installment Sales Act's own figure: the EU's APRC, a different rate, is not called so.
    assert summarize(OFFER, "ja_JP", regime="eu-aprc").lines[-1] == "実効年率（APRC）：22.82%"
    assert summarize(OFFER, "ja_JP").lines[-1] == "実質年率：20.73%"
