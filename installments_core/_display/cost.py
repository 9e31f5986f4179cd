"""The cost-of-credit sentence of a plan: the figure the customer's regulator requires, under its name.

The regime (``docs/cost-of-credit.md``) is the merchant's choice, or by default the one of the
locale's territory: ``en_US`` shows Regulation Z's APR, ``pt_BR`` the CET with its monthly rate,
``es_MX`` the CAT with the words Banco de México requires beside it, ``es_AR`` the CFTEA with CFTNA,
TNA and TEA, ``ja_JP`` the 実質年率, and the EEA, the United Kingdom and every other territory the
EU's effective annual rate (APRC).  The acronyms are legal names and stay as the law writes them;
the sentences around them are translated.
"""

from __future__ import annotations

from decimal import Decimal

from .._core.regimes import AnnualCost, Companion, Regime, parse_regime, regime_for_territory
from .._errors import InvalidDisplayOptionError
from .language import Language
from .numbers import percent_formatter

__all__ = ["cost_json", "cost_line", "display_regime"]


def display_regime(regime: object, language: Language) -> Regime:
    """*regime* checked, or the regime of *language*'s territory when it is ``None``."""
    if regime is None:
        return regime_for_territory(language.locale.territory)
    return parse_regime(regime, error=InvalidDisplayOptionError)


def _percent(language: Language, figure: AnnualCost, value: Decimal) -> str:
    """A figure with exactly its regime's decimals (Mexico's CAT has one), in the locale's style."""
    formatter = percent_formatter(language.locale, figure.regime.decimals, native_digits=language.native_digits)
    return formatter.format(value)


def _formatted(language: Language, figure: AnnualCost) -> dict[str, str]:
    rates = {"rate": _percent(language, figure, figure.rate)}
    rates.update({companion.value: _percent(language, figure, value) for companion, value in figure.companions})
    return rates


def cost_line(language: Language, figure: AnnualCost, *, islamic: bool) -> str:
    """The sentence stating *figure*, its companions and any legend, in *language*."""
    regime = figure.regime
    if regime is Regime.US_APR:
        # TRANSLATORS: US Regulation Z's annual percentage rate; keep "APR", the name the law requires.
        template = language.gettext("APR: %(rate)s")
    elif regime is Regime.BR_CET:
        # TRANSLATORS: Brazil's Custo Efetivo Total, a year and its monthly equivalent; keep "CET".
        template = language.gettext("CET: %(rate)s a year, %(monthly)s a month")
    elif regime is Regime.MX_CAT:
        # TRANSLATORS: Mexico's Costo Anual Total with the words Banco de México requires; keep "CAT".
        template = language.gettext("CAT: %(rate)s without VAT, for information and comparison purposes")
    elif regime is Regime.AR_CFTEA:
        if figure.companion(Companion.TNA) is None:
            # TRANSLATORS: Argentina's costo financiero total, effective (CFTEA) and nominal (CFTNA); keep the acronyms.
            template = language.gettext("CFTEA: %(rate)s (CFTNA %(cftna)s)")
        else:
            # TRANSLATORS: Argentina's total financial cost (CFTEA, CFTNA) and installment rates (TNA, TEA).
            template = language.gettext("CFTEA: %(rate)s (CFTNA %(cftna)s, TNA %(tna)s, TEA %(tea)s)")
    elif regime is Regime.JP_JITSUSHITSU:
        # TRANSLATORS: Japan's 実質年率 (Installment Sales Act); in Japanese, write 実質年率.
        template = language.gettext("Real annual rate: %(rate)s")
    elif islamic:
        # TRANSLATORS: Islamic (Shariah-compliant) plan: the annual rate of profit (APRC), never interest.
        template = language.gettext("Effective annual profit rate: %(rate)s")
    else:
        # TRANSLATORS: the annual percentage rate of charge, fees included (EU APRC).
        template = language.gettext("Effective annual rate: %(rate)s")
    return template % {key: language.isolated(text) for key, text in _formatted(language, figure).items()}


def cost_json(language: Language, figure: AnnualCost) -> dict[str, object]:
    """*figure* for the display model: its regime and name, the figures as strings, formatted."""
    return {
        "regime": figure.regime.value,
        "label": figure.label,
        "rates": figure.rates_as_text(),
        "formattedRates": _formatted(language, figure),
        "legend": figure.regime.legend,
    }
