"""Each market's figure against the worked examples its regulators and lenders publish (docs/cost-of-credit.md).

Every number below is the document's own, quoted where it was read; the only arithmetic done here is what the
document states (a charge per 100 yen spread over its payments, charges at signing added up).  Regulation Z's
Appendix J and the Brazilian bank's CET worksheet are in test_regimes.py.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest

from installments_core._core.money import CTX
from installments_core.plans import AnnualCost, Companion, Regime, annual_cost, cash_flows


def test_banco_central_do_brasil_cet_example() -> None:
    # Banco Central do Brasil, "Caderno de Educação Financeira: Gestão de Finanças Pessoais", section on the CET
    # (https://www.bcb.gov.br/content/cidadaniafinanceira/documentos_cidadania/Cuidando_do_seu_dinheiro_Gestao_de_
    # Financas_Pessoais/caderno_cidadania_financeira.pdf), read as reproduced with "Fonte: Banco Central do Brasil" at
    # https://sintibref-minas.org.br/posts/o-que-e-custo-efetivo-total: "valor financiado: R$ 1.000,00 [...] prazo
    # da operação: 5 meses; prestação mensal: R$ 205,73", with "R$ 60,00, referente à tarifa de confecção de cadastro
    # para início de relacionamento (R$ 50,00) e cobrança de IOF (R$ 10,00)" deducted at the start ("o valor líquido
    # recebido pelo cliente é de R$ 940,00"): "o CET, é de 43,93% ao ano ou 3,08% ao mês".  No dates are given:
    # five equal months.
    cet = annual_cost(cash_flows("1000.00", ["205.73"] * 5, at_signing="60.00"), Regime.BR_CET)
    assert str(cet.rate) == "43.93"
    assert str(cet.companion(Companion.MONTHLY)) == "3.08"


def _percent(fraction: Decimal, places: str) -> Decimal:
    """*fraction* in percent, rounded half-up as Annex I remark (d) says, to *places* ("0.1")."""
    return CTX.multiply(fraction, 100).quantize(Decimal(places), ROUND_HALF_UP, CTX)


# Directive 98/7/EC, Annex III "Examples of calculation", A. "on a calendar basis (1 year = 365 days (or 366 days for
# leap years))", read at https://service.betterregulation.com/document/260747 (and, as proposed, in the annexes to
# COM(1996) 79 at parlementairemonitor.nl).  The Directive of 2008 kept the equation and the rounding but dropped the
# examples.  No leap day falls within these terms.
# (advance, charges retained at the start, payments, days from the start, APR to one decimal, to two decimals)
_DirectiveExample = tuple[str, str, list[str], list[int], str, "str | None"]
DIRECTIVE_98_7_EXAMPLES: dict[str, _DirectiveExample] = {
    # "Sum loaned: S = ECU 1 000 on 1 January 1994. It is repaid in a single payment of ECU 1 200 made on 1 July 1995
    # i.e. 1 1/2 years or 546 (= 365 + 181) days after the date of the loan. [...] rounded to 13 % (or 12,96 % if an
    # accuracy of two decimal places is preferred)."
    "first example": ("1000", "0", ["1200"], [546], "13", "12.96"),
    # "the creditor retains ECU 50 for administrative expenses, so that the loan is in fact ECU 950; the repayment of
    # ECU 1 200, as in the first example [...] rounded to 16,9 %."
    "second example": ("1000", "50", ["1200"], [546], "16.9", None),
    # "ECU 1 000, on 1 January 1994, repayable in two amounts, each of ECU 600, paid after one and two years
    # respectively. [...] i = 0,1306623 rounded to 13,1 % (or 13,07% if an accuracy of two decimal places is
    # preferred)."  (Its seven decimals are cut, not rounded: the root is 0.13066238...)
    "third example": ("1000", "0", ["600", "600"], [365, 730], "13.1", "13.07"),
}


@pytest.mark.parametrize("example", DIRECTIVE_98_7_EXAMPLES.values(), ids=DIRECTIVE_98_7_EXAMPLES)
def test_consumer_credit_directive_examples(example: _DirectiveExample) -> None:
    advance, retained, payments, days, one_decimal, two_decimals = example
    figure = annual_cost(cash_flows(advance, payments, days=days, at_signing=retained), Regime.EU_APRC)
    assert _percent(figure.exact, "0.1") == Decimal(one_decimal)
    if two_decimals is not None:
        assert str(figure.rate) == two_decimals


def test_the_directive_third_example_to_its_seven_decimals() -> None:
    figure = annual_cost(cash_flows("1000", ["600", "600"], days=[365, 730]), Regime.EU_APRC)
    assert figure.exact.quantize(Decimal("1E-7"), ROUND_DOWN, CTX) == Decimal("0.1306623")


# UK lenders' representative examples (CONC 3.5: APR shown to one decimal, the Directive's equation with 12 equal
# months), read as collected from the lenders at https://www.moneysavingexpert.com/loans/personal-loans-apr-examples/
# (snapshots of several dates): "If you borrow £X over 3 years at a Representative APR of Y% [...] Monthly payment:
# £P [...] Total amount you repay: £T".  Only examples whose total is exactly 36 of their monthly payment are used:
# where it is not, the schedule (which payment differs, or which fee is added) is not stated.
# (lender and snapshot, amount, monthly payment, total repaid, representative APR)
UK_REPRESENTATIVE_EXAMPLES = {
    "AA non-members, £16,000 (June 2018 and later)": ("16000", "465.70", "16765.20", "3.1"),
    "AA, £16,000 (2016)": ("16000", "484.23", "17432.28", "5.8"),
    "Admiral, £2,000": ("2000", "66.87", "2407.32", "13.2"),
    "Admiral, £3,700": ("3700", "115.79", "4168.44", "8.2"),
    "Admiral, £2,000 (August 2016)": ("2000", "65.42", "2355.12", "11.5"),
    "Admiral, £2,500 (August 2016)": ("2500", "80.70", "2905.20", "10.5"),
}


@pytest.mark.parametrize(
    ("amount", "monthly", "total", "published"), UK_REPRESENTATIVE_EXAMPLES.values(), ids=UK_REPRESENTATIVE_EXAMPLES
)
def test_uk_representative_apr_examples(amount: str, monthly: str, total: str, published: str) -> None:
    assert CTX.multiply(Decimal(monthly), 36) == Decimal(total)
    figure = annual_cost(cash_flows(amount, [monthly] * 36), Regime.EU_APRC)
    # One decimal, as the lenders show it, from the unrounded figure (rounding the library's two decimals again
    # could round twice).
    assert str(_percent(figure.exact, "0.1")) == published


# Pocket Card (https://www.pocketcard.co.jp/use/shopping/domestic/outline.html), "分割払い手数料率15.00%(実質年率)
# のカードの場合": for each 支払回数 (payments, one a month), "現金価格100円当たりの手数料の額(円)", the charge per 100
# yen of cash price, at 実質年率 15.00 %.  Its worked example: "10万円×7.00円※1÷100円=7,000円", so the charge is
# spread evenly over the payments.  The charges are printed to the sen (0.01 yen), so the rate they were computed
# from lies between the rates of the charge half a sen lower and half a sen higher.
POCKET_CARD_CHARGES = dict(zip(range(2, 37), [
    "1.88", "2.51", "3.14", "3.78", "4.42", "5.06", "5.71", "6.35", "7.00", "7.66", "8.31", "8.97", "9.63", "10.29",
    "10.95", "11.62", "12.29", "12.97", "13.64", "14.32", "15.00", "15.68", "16.37", "17.06", "17.75", "18.44",
    "19.14", "19.83", "20.54", "21.24", "21.95", "22.65", "23.37", "24.08", "24.80",
], strict=True))
_HALF_SEN = Decimal("0.005")


def _card_installments(count: int, charge: Decimal) -> AnnualCost:
    """The 実質年率 of 100 yen repaid in *count* equal monthly payments with *charge* yen on top."""
    payment = CTX.divide(CTX.add(100, charge), count)
    return annual_cost(cash_flows("100", [payment] * count), Regime.JP_JITSUSHITSU)


@pytest.mark.parametrize(("count", "charge"), POCKET_CARD_CHARGES.items(), ids=str)
def test_pocket_card_charges_per_100_yen_are_15_percent(count: int, charge: str) -> None:
    printed = Decimal(charge)
    lower = _card_installments(count, CTX.subtract(printed, _HALF_SEN)).exact
    upper = _card_installments(count, CTX.add(printed, _HALF_SEN)).exact
    assert lower <= Decimal("0.15") <= upper


# NSR (https://nsr-benefull.co.jp/?page_id=70), a card issuer's shopping installments: "お支払日は、翌月26日" (the first
# payment the next month, under two months, which the ordinance lets count as 1/12 of a year), and for each
# 支払回数 the "実質年率(%)" beside the "利用代金100円 当たりの分割払 手数料の金額(円)".  Here the charge is the
# term (0.66 yen per payment per 100 yen) and the 実質年率 the result, shown to the hundredth.
# (payments, charge per 100 yen, published 実質年率)
NSR_TABLE = [
    (3, "1.98", "11.84"), (5, "3.30", "13.11"), (6, "3.96", "13.45"), (10, "6.60", "14.15"), (12, "7.92", "14.31"),
    (15, "9.90", "14.45"), (18, "11.88", "14.51"), (20, "13.20", "14.53"), (24, "15.84", "14.54"),
    (30, "19.80", "14.49"),
]


@pytest.mark.parametrize(("count", "charge", "published"), NSR_TABLE, ids=[str(row[0]) for row in NSR_TABLE])
def test_nsr_jitsushitsu_nenritsu_table(count: int, charge: str, published: str) -> None:
    assert str(_card_installments(count, Decimal(charge)).rate) == published


def test_a_course_note_cat_example() -> None:
    # Not Banco de México's own: a course note ("Matemáticas Financieras: Costo Anual Total (CAT)", DiEsp), read at
    # https://es.scribd.com/document/648977038/Costo-Anual-Total, which works Banxico's formula on a mortgage: a
    # loan of 300,997.13 at 11 % a year over 15 years of monthly payments, "R = [...] = $3,421.12"; "gastos
    # iniciales [...] $ 7,314.23, por concepto de 2.43% por comisión de apertura; $ 902.9919, por concepto de avalúo
    # del 0.30%; y $ 309 por estudio socioeconómico", and each month "cargos administrativos ($100) y del seguro
    # ($25)": "CAT = 0.1291 12.9%".  Its 0.1291, found by trial and error, is a little above the root (0.12896);
    # both are 12.9 %, the one decimal Mexico shows.
    at_signing = CTX.add(CTX.add(Decimal("7314.23"), Decimal("902.9919")), 309)
    monthly = CTX.add(Decimal("3421.12"), 125)
    cat = annual_cost(cash_flows("300997.13", [monthly] * 180, at_signing=at_signing), Regime.MX_CAT)
    assert str(cat.rate) == "12.9"


def test_banco_de_mexico_support_document_cat_example() -> None:
    # Banco de México's support document for Circular 21/2009 (the "documento de apoyo", banxico.org.mx/
    # sistema-financiero/d/{5BD610E5-EE24-04AA-A21E-53B2176C2228}.pdf), not read itself but quoted, with the same
    # inputs, by two independent codebases: visvs/vifinance (src/lib/finance/cat.ts: "Ejemplo oficial de Banxico
    # [...]: un crédito de $15,000 que se liquida en 24 pagos mensuales de $962.33, con una comisión de $100
    # pagadera al firmar, tiene CAT = 57.4%") and Kubo Financiero's CAT.java (new CAT(15000, 100, 962.33, 24, 12),
    # citing the same document, no result stated).  No dates: 24 equal months.  Days over 365 (30 a month) would
    # give 58.4 %.
    cat = annual_cost(cash_flows("15000", ["962.33"] * 24, at_signing="100"), Regime.MX_CAT)
    assert str(cat.rate) == "57.4"
