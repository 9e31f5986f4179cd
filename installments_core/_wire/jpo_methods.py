"""Japanese Payment Options: what each ``paymentMethod`` asks of ``japanPaymentOptions``, as
Cybersource documents it.

Cybersource publishes one page of required fields per payment method ("Required Fields for
Authorizing a Revolving Payment Using the JPO Method", ...) and a field reference.  The rows below
come from those pages; each row names its page, and every cell no page states is marked as an
inference.  Where the pages disagree the method's own page wins, and the other page's claim turns
into a warning (``EXPECTED``) rather than a violation.  ``docs/jpo.md`` shows the same table.

Every method page lists the same base: the amount and currency, the eight ``billTo`` fields, the
card's number, expiration and type, the three business names, and ``terminalId`` for card-present
payments.  Only the fields below differ from method to method.

>>> METHODS[JpoPaymentMethod.REVOLVING].fields(Presence.REQUIRED)
('installments',)
>>> METHODS[JpoPaymentMethod("22")].fields(Presence.ALLOWED)
('installments', 'firstBillingMonth', 'bonuses', 'bonusMonth', 'bonusAmount', 'secondBonusMonth', 'secondBonusAmount')
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

__all__ = [
    "METHODS",
    "METHOD_FIELDS",
    "JpoPaymentMethod",
    "MethodMismatch",
    "MethodRule",
    "Presence",
    "Source",
    "method_mismatches",
]


class JpoPaymentMethod(StrEnum):
    """``paymentMethod``: how the issuer bills the purchase."""

    SINGLE = "10"
    BONUS_21 = "21"
    BONUS_22 = "22"
    BONUS_23 = "23"
    BONUS_24 = "24"
    BONUS_INSTALLMENT_31 = "31"
    BONUS_INSTALLMENT_32 = "32"
    BONUS_INSTALLMENT_33 = "33"
    BONUS_INSTALLMENT_34 = "34"
    INSTALLMENT = "61"
    REVOLVING = "80"

    @property
    def words(self) -> str:
        """What the code means.

        >>> JpoPaymentMethod("31").words
        'bonus payments combined with installments'
        """
        return METHODS[self].words


class Presence(StrEnum):
    """What a method asks of one field."""

    REQUIRED = "required"
    """The method's page lists it: a request without it is refused."""
    EXPECTED = "expected"
    """A page lists it but also says what happens without it: its absence is a warning."""
    ALLOWED = "allowed"
    """It may be sent or left out."""
    REFUSED = "refused"
    """It contradicts the method (no page lists it, and the code's meaning excludes it)."""


METHOD_FIELDS: Final = ("installments", "firstBillingMonth", "bonuses", "bonusMonth", "bonusAmount",
                        "secondBonusMonth", "secondBonusAmount")
"""The ``japanPaymentOptions`` fields whose presence depends on ``paymentMethod``."""

_BONUS_FIELDS: Final = METHOD_FIELDS[2:]


class Source(NamedTuple):
    """A Cybersource page: its title and address."""

    title: str
    url: str


_GUIDE: Final = "https://developer.cybersource.com/docs/cybs/en-us/payments/developer/ctv/rest/payments/payments-jpo-intro"
_CAS_GUIDE: Final = _GUIDE.replace("developer.", "developer.cas.")


@dataclass(frozen=True, slots=True)
class MethodRule:
    """One row of the table: the codes, what they mean, the page, and each field's presence."""

    codes: tuple[JpoPaymentMethod, ...]
    words: str
    source: Source
    presence: Mapping[str, Presence]
    """Every name of :data:`METHOD_FIELDS`."""
    reasons: Mapping[str, str]
    """Why a field is ``EXPECTED`` or ``REFUSED``: which page says so, or which inference."""

    def fields(self, presence: Presence) -> tuple[str, ...]:
        """The fields this method asks *presence* of, in :data:`METHOD_FIELDS` order."""
        return tuple(name for name in METHOD_FIELDS if self.presence[name] is presence)


def _rule(codes: str, words: str, source: Source, *, required: tuple[str, ...] = (),
          expected: Mapping[str, str] | None = None, refused: Mapping[str, str] | None = None) -> MethodRule:
    expected, refused = expected or {}, refused or {}
    presence = {name: (Presence.REQUIRED if name in required else Presence.EXPECTED if name in expected
                       else Presence.REFUSED if name in refused else Presence.ALLOWED) for name in METHOD_FIELDS}
    return MethodRule(tuple(JpoPaymentMethod(code) for code in codes.split()), words, source, presence,
                      {**expected, **refused})


_ONE_TIME: Final = "inferred: the field reference calls {} a one-time payment"
_NO_BONUS: Final = ("inferred: the field reference names bonus payments 21–24 and bonus with installments "
                    "31–34; no page lists a bonus field for {}")
_DEFAULTED: Final = {"firstBillingMonth": "the page lists it as required, yet says that without it the first "
                                          "billing month is the month after the transaction"}

_RULES: Final = (
    # The page does not list paymentMethod at all, and the field reference says it is required when set
    # to 21–34, 61 or 80: a request without it is checked as a single payment, with a warning.
    _rule("10", "a single payment",
          Source("Required Fields for Authorizing a Single Payment Using the JPO Method",
                 f"{_CAS_GUIDE}/payments-jpo-auth-single.html"),
          refused={name: _ONE_TIME.format("10") for name in METHOD_FIELDS}),
    # The installments field reference requires installments for 21–24; the bonus page does not list it,
    # and its REST example, authorized, sends neither installments nor a bonus field: the page wins.
    # No page says what tells 21 from 24.
    _rule("21 22 23 24", "a bonus payment",
          Source("Required Fields for Authorizing a JPO Bonus Payment",
                 f"{_GUIDE}/payments-jpo-auth-bonus/payments-jpo-auth-bonus-reqfields.html")),
    # The REST list could be read only up to businessNameAlphaNumeric; firstBillingMonth, installments and
    # the code come from the Simple Order page of the same method (jpo_paymentMethod 6, which the field
    # reference maps to 31–34). No page lists a bonus field. The page's REST example sends 80.
    _rule("31 32 33 34", "bonus payments combined with installments",
          Source("Required Fields for Authorizing a Combination Payment Using the JPO Method",
                 f"{_GUIDE}/payments-jpo-auth-combo.html"),
          required=("installments",), expected=_DEFAULTED),
    # The installments field reference does not name 61 among the codes that require it; the method page
    # does, and wins. The page's REST example sends 31.
    _rule("61", "installments",
          Source("Required Fields for Authorizing a JPO Installment Payment",
                 f"{_CAS_GUIDE}/payments-jpo-auth-installment/payments-jpo-auth-installment-reqfields.html"),
          required=("installments",), expected=_DEFAULTED,
          refused={name: _NO_BONUS.format("61") for name in _BONUS_FIELDS}),
    # The page requires installments ("Set this field to the number of installment payments") and
    # firstBillingMonth; the seed notes and this library's earlier rules had revolving without them.
    _rule("80", "revolving payment",
          Source("Required Fields for Authorizing a Revolving Payment Using the JPO Method",
                 f"{_CAS_GUIDE}/payments-jpo-auth-revolving/payments-jpo-auth-revolving-reqfields.html"),
          required=("installments",), expected=_DEFAULTED,
          refused={name: _NO_BONUS.format("80") for name in _BONUS_FIELDS}),
)

METHODS: Final[Mapping[JpoPaymentMethod, MethodRule]] = {code: rule for rule in _RULES for code in rule.codes}
"""Every ``paymentMethod`` code's row."""


class MethodMismatch(NamedTuple):
    """A method-dependent field that is missing (``REQUIRED``, ``EXPECTED``) or present (``REFUSED``)."""

    field: str
    presence: Presence
    rule: str


def method_mismatches(method: JpoPaymentMethod, present: Collection[str]) -> list[MethodMismatch]:
    """What the table says about the method-dependent fields *present* (names under
    ``japanPaymentOptions``) for *method*: the one rule the builder and the validator share.

    >>> [(f.field, f.presence.value) for f in method_mismatches(JpoPaymentMethod("80"), {"bonusMonth"})]
    [('installments', 'required'), ('firstBillingMonth', 'expected'), ('bonusMonth', 'refused')]
    """
    rule = METHODS[method]
    mismatches = []
    for name in METHOD_FIELDS:
        presence = rule.presence[name]
        if (name in present) == (presence is Presence.REFUSED) and presence is not Presence.ALLOWED:
            if presence is Presence.REFUSED:
                text = f"paymentMethod {method.value!r} means {rule.words}: {name} does not apply"
            elif presence is Presence.REQUIRED:
                text = f"paymentMethod {method.value!r} ({rule.words}) requires {name}"
            else:
                text = f"paymentMethod {method.value!r} ({rule.words}) is expected to carry {name}"
            reason = rule.reasons.get(name)
            mismatches.append(MethodMismatch(name, presence, f"{text} ({reason})" if reason else text))
    return mismatches
