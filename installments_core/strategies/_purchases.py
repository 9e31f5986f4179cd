"""One purchase's requests around a generated response: payment identifiers, authorization links, JPO."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Final, NamedTuple

from hypothesis import strategies as st

from .._core.card import CardNumber
from .._core.currencies import ACTIVE_CURRENCIES
from .._core.money import from_units
from .._wire.jpo_options import BillTo, build_jpo_authorization
from .._wire.payment_identifiers import AuthorizationLink, PaymentAccountReference, Token, TokenKind
from .._wire.request_builders import build_cancel_request, build_get_plans_request, build_select_request
from ._card_spellings import card_numbers
from ._documents import GeneratedResponse, alphanumeric, get_plans_responses, units_of


def payment_account_references() -> st.SearchStrategy[PaymentAccountReference]:
    return alphanumeric(28).map(lambda rest: PaymentAccountReference("V" + rest))


def tokens() -> st.SearchStrategy[Token]:
    return st.builds(Token, st.sampled_from(list(TokenKind)),
                     st.text(alphabet="0123456789ABCDEF", min_size=16, max_size=32))


def payment_identifiers() -> st.SearchStrategy[CardNumber | PaymentAccountReference | Token]:
    """Any of the three kinds of payment identifier: a PAN, a PAR, or a token in one of the five token fields."""
    return st.one_of(card_numbers(), payment_account_references(), tokens())


@st.composite
def authorization_links(draw: st.DrawFn) -> AuthorizationLink:
    """The link to an authorization: its code (6 letters or digits) or its NTID (up to 20), and when."""
    instant = draw(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)))
    authorized_at = instant.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if draw(st.booleans()):
        return AuthorizationLink.code(draw(alphanumeric(6)), authorized_at)
    return AuthorizationLink.ntid(draw(st.text(alphabet="0123456789", min_size=15, max_size=20)), authorized_at)


class GeneratedPurchase(NamedTuple):
    """One purchase's consistent requests around a generated get-plans response."""

    response: GeneratedResponse
    get_plans: dict[str, object]
    select: dict[str, object]
    """The select request for :attr:`plan_id` and one version its terms carry."""
    cancel: dict[str, object]
    """The cancel request after a refund: full, or partial with ``refundAmount``."""
    plan_id: str
    payment: CardNumber | PaymentAccountReference | Token
    link: AuthorizationLink
    refund_amount: Decimal
    """What was refunded; equal to the order total for a full refund."""


@st.composite
def purchases(draw: st.DrawFn, responses: st.SearchStrategy[GeneratedResponse] | None = None) -> GeneratedPurchase:
    """Get plans, select and cancel requests for one purchase, consistent with each other and the response.

    The select names a plan the response offers and a terms version that plan carries; the cancel
    uses the select's link; a partial refund is below the order total.  Currencies with 0, 2 and
    3 minor digits.
    """
    generated = draw(responses if responses is not None else get_plans_responses(min_plans=1))
    if not generated.offers:
        raise ValueError("purchases needs responses with at least one plan")
    payment = draw(payment_identifiers())
    link = draw(authorization_links())
    offer = draw(st.sampled_from(generated.offers))
    version = draw(st.sampled_from(sorted({terms.version for terms in offer.terms})))
    amount, currency = generated.order_amount, generated.currency
    digits = ACTIVE_CURRENCIES[currency]
    units = units_of(amount, digits)
    refunded_units = draw(st.one_of(st.just(units), st.integers(1, max(units - 1, 1))))
    refund = from_units(min(refunded_units, units), digits)
    partial = refund < amount
    return GeneratedPurchase(
        generated,
        build_get_plans_request(str(amount), currency, payment),
        build_select_request(str(amount), currency, payment, link, plan_id=offer.plan_id, tc_version=version),
        build_cancel_request(str(amount), currency, payment, link, refund_amount=refund if partial else None),
        offer.plan_id,
        payment,
        link,
        refund,
    )


_KATAKANA_NAMES: Final = ("サンプルショウテン", "カブシキガイシャテスト", "ミセ", "ニホンショップ")
_KANJI_NAMES: Final = ("株式会社サンプル商店", "東京テスト店", "見本商会")


@st.composite
def jpo_authorizations(draw: st.DrawFn) -> dict[str, object]:
    """Valid Japanese Payment Options installment authorizations (paymentMethod 61) for a Visa card."""
    return build_jpo_authorization(
        draw(st.integers(1_000, 5_000_000)),
        card=draw(card_numbers()),
        expiration_month=draw(st.integers(1, 12)),
        expiration_year=draw(st.integers(2027, 2040)),
        bill_to=BillTo("Taro", "Yamada", "1-1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP",
                       "taro@example.jp"),
        business_name=draw(st.sampled_from(_KANJI_NAMES)),
        business_name_katakana=draw(st.sampled_from(_KATAKANA_NAMES)),
        business_name_alphanumeric=draw(st.sampled_from(["Sample Store", "TEST SHOP 01", "Mise"])),
        installments=draw(st.sampled_from([3, 5, 6, 10, 12, 15, 18, 20, 24])),
        first_billing_month=draw(st.integers(1, 12)),
    )
