"""Japanese Payment Options (JPO): an installment authorization on ``POST /pts/v2/payments``.

In Japan the cardholder chooses, at the till, how the issuer bills a purchase: in one payment, at
bonus time, in installments, in both, or revolving.  Cybersource carries that choice in
``processingInformation.japanPaymentOptions`` (DOMAIN.md §4).  Only the acquirer Sumitomo Mitsui
Card Co. and Visa cards are supported, and the request is *accepted regardless of the acquirer
agreement*: a wrong field may first fail at settlement, days later.  Hence the checks here.

What each ``paymentMethod`` code needs, from Cybersource's pages, is the table in
:mod:`.jpo_methods`; the builder here and the validator both follow it and nothing else.

>>> JpoPaymentMethod("31").words
'bonus payments combined with installments'
>>> check_katakana_name("わが社の場合").rule
"businessNameKatakana is written in katakana; 'わ' is hiragana"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, NamedTuple

from .._core.arguments import parse_enum, parse_whole, require
from .._core.card import CardNumber, mask_digit_runs
from .._core.countries import ISO_3166_ALPHA_2
from .._core.money import CTX, parse_amount
from .._errors import InvalidRequestError, shown_amount
from .._findings import Finding
from .jpo_methods import METHODS, JpoPaymentMethod, MethodMismatch, Presence, method_mismatches
from .request_amounts import order_amount_text, parse_money, plain_decimal_text
from .request_fields import AMOUNT, check_card_number, field_problem, refusal, safe_describe

__all__ = [
    "JPO",
    "MAX_BONUSES",
    "MAX_BONUS_AMOUNT",
    "MAX_BUSINESS_NAME",
    "BillTo",
    "Bonus",
    "JpoPaymentMethod",
    "build_jpo_authorization",
    "check_alphanumeric_name",
    "check_bonus_amount",
    "check_bonus_count",
    "check_bonus_month",
    "check_business_name",
    "check_card_type",
    "check_country",
    "check_email",
    "check_expiration_month",
    "check_expiration_year",
    "check_first_billing_month",
    "check_installment_count",
    "check_katakana_name",
    "check_terminal_id",
    "default_first_billing_month",
]

JPO: Final = "processingInformation.japanPaymentOptions"
MAX_BUSINESS_NAME: Final = 25
MAX_BONUS_AMOUNT: Final = 99_999_999
MAX_BONUSES: Final = 6
MAX_INSTALLMENTS: Final = 99
TERMINAL_ID_DIGITS: Final = 13
VISA_CARD_TYPE: Final = "001"


class Bonus(NamedTuple):
    """One bonus payment: the month (1–12) and the amount in yen."""

    month: int
    amount: object
    """Whole yen: a Decimal, an int or a decimal string."""


@dataclass(frozen=True, slots=True)
class BillTo:
    """``orderInformation.billTo``: the fields a JPO authorization requires."""

    first_name: str
    last_name: str
    address1: str
    locality: str
    administrative_area: str
    postal_code: str
    country: str
    """ISO 3166-1 alpha-2, upper case: ``JP``."""
    email: str

    def json(self) -> dict[str, str]:
        """The ``billTo`` object."""
        return {
            "firstName": self.first_name,
            "lastName": self.last_name,
            "address1": self.address1,
            "locality": self.locality,
            "administrativeArea": self.administrative_area,
            "postalCode": self.postal_code,
            "country": self.country,
            "email": self.email,
        }


_TWO_DIGIT_MONTH: Final = re.compile(r"0[1-9]|1[0-2]")
_MONTH: Final = re.compile(r"0?[1-9]|1[0-2]")
_DIGITS: Final = re.compile(r"[0-9]+")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_YEAR: Final = re.compile(r"[0-9]{4}")


def _text(value: object, what: str, maximum: int) -> Finding | None:
    expected = f"a string of 1 to {maximum} characters"
    if not isinstance(value, str):
        return field_problem(f"{what} is a string", expected, safe_describe(value), "wrong_type")
    if not value.strip():
        return field_problem(f"{what} must not be blank", expected, safe_describe(value), "blank")
    if len(value) > maximum:
        return field_problem(f"{what} has at most {maximum} characters", expected,
                             f"{len(value)} characters: {safe_describe(value)}", "length")
    return None


def check_installment_count(value: object) -> Finding | None:
    """``installments``: the number of monthly payments, 2 to 99, as a string.

    >>> check_installment_count("12") is None, check_installment_count("1").code
    (True, 'range')
    """
    if not isinstance(value, str) or not _DIGITS.fullmatch(value) or len(value) > 2:
        return field_problem("installments is the number of monthly payments, as a string of digits",
                             "a string such as '12'", safe_describe(value), "invalid_format")
    if not 2 <= int(value) <= MAX_INSTALLMENTS:
        return field_problem("installments is 2 to 99 monthly payments", "2 to 99", safe_describe(value), "range")
    return None


def check_first_billing_month(value: object) -> Finding | None:
    """``firstBillingMonth``: ``01`` to ``12``, two digits.

    >>> check_first_billing_month("04") is None, check_first_billing_month("4").expected
    (True, "two digits from '01' to '12'")
    """
    if isinstance(value, str) and _TWO_DIGIT_MONTH.fullmatch(value):
        return None
    return field_problem("firstBillingMonth is the month of the first installment bill, 01 to 12",
                         "two digits from '01' to '12'", safe_describe(value))


def check_bonus_month(value: object) -> Finding | None:
    """``bonusMonth``/``secondBonusMonth``: a month from 1 to 12.

    >>> check_bonus_month("7") is None, check_bonus_month("13").code
    (True, 'invalid_format')
    """
    if isinstance(value, str) and _MONTH.fullmatch(value):
        return None
    return field_problem("a bonus month is a month from 1 to 12", "'1' to '12'", safe_describe(value))


def check_bonus_count(value: object) -> Finding | None:
    """``bonuses``: the number of bonus payments, 1 to 6.

    >>> check_bonus_count("2") is None
    True
    """
    if isinstance(value, str) and _DIGITS.fullmatch(value) and 1 <= int(value) <= MAX_BONUSES:
        return None
    return field_problem("bonuses is the number of bonus payments, 1 to 6", "'1' to '6'", safe_describe(value))


_BONUS_AMOUNT_LENGTH: Final = 12
"""bonusAmount and secondBonusAmount are String 12."""


def check_bonus_amount(value: object) -> Finding | None:
    """``bonusAmount``/``secondBonusAmount``: whole yen, 1 to 99,999,999.

    >>> check_bonus_amount("50000") is None, check_bonus_amount("100000000").code
    (True, 'range')
    >>> check_bonus_amount("000000000000050").code  # the field is String 12
    'invalid_format'
    """
    if not isinstance(value, str) or not _DIGITS.fullmatch(value) or len(value) > _BONUS_AMOUNT_LENGTH:
        return field_problem("a bonus amount is whole yen, written as at most 12 digits", "digits such as '50000'",
                             safe_describe(value), "invalid_format")
    if not 1 <= int(value) <= MAX_BONUS_AMOUNT:
        return field_problem("a bonus amount is 1 to 99,999,999 yen", "1 to 99999999", safe_describe(value), "range")
    return None


def check_business_name(value: object) -> Finding | None:
    """``businessName``: the merchant's name (in kanji), at most 25 characters.

    >>> check_business_name("株式会社サンプル商店") is None
    True
    """
    return _text(value, "businessName", MAX_BUSINESS_NAME)


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("HIRAGANA"):
        return "hiragana"
    if name.startswith("CJK"):
        return "a kanji"
    if char.isascii() and char.isalpha():
        return "a Latin letter"
    return f"not katakana (U+{ord(char):04X})"


def _is_katakana(char: str) -> bool:
    code = ord(char)
    # Full-width katakana with the middle dot, the prolonged sound mark and the iteration marks;
    # half-width katakana (JIS X 0201), which card systems in Japan still use; and spaces.
    return 0x30A1 <= code <= 0x30FE or 0xFF65 <= code <= 0xFF9F or char in " \u3000"


def check_katakana_name(value: object) -> Finding | None:
    """``businessNameKatakana``: the merchant's name in katakana (full- or half-width), at most 25
    characters.

    >>> check_katakana_name("サンプルショウテン") is None, check_katakana_name("ｻﾝﾌﾟﾙ") is None
    (True, True)
    """
    problem = _text(value, "businessNameKatakana", MAX_BUSINESS_NAME)
    if problem is not None:
        return problem
    assert isinstance(value, str)
    wrong = next((char for char in value if not _is_katakana(char)), None)
    if wrong is not None:
        return field_problem(f"businessNameKatakana is written in katakana; {wrong!r} is {_script(wrong)}",
                             "katakana only, such as 'サンプルショウテン'", safe_describe(value), "not_katakana")
    return None


def check_alphanumeric_name(value: object) -> Finding | None:
    """``businessNameAlphaNumeric``: the merchant's name in ASCII letters, digits, spaces and
    punctuation, at most 25 characters.

    >>> check_alphanumeric_name("Sample Store") is None, check_alphanumeric_name("サンプル").code
    (True, 'not_ascii')
    """
    problem = _text(value, "businessNameAlphaNumeric", MAX_BUSINESS_NAME)
    if problem is None and not all(" " <= char <= "~" for char in str(value)):
        problem = field_problem("businessNameAlphaNumeric is ASCII letters, digits, spaces and punctuation",
                                "ASCII text such as 'Sample Store'", safe_describe(value), "not_ascii")
    return problem


def check_terminal_id(value: object) -> Finding | None:
    """``terminalId``: the JCCA terminal identifier, 13 digits.

    >>> check_terminal_id("1234567890123") is None, check_terminal_id("12345").code
    (True, 'invalid_format')
    """
    if isinstance(value, str) and len(value) == TERMINAL_ID_DIGITS and _DIGITS.fullmatch(value):
        return None
    return field_problem("terminalId is the 13-digit JCCA terminal identifier", "13 digits", safe_describe(value))


def check_card_type(value: object) -> Finding | None:
    """``card.type``: ``001`` (Visa), the only card JPO takes.

    >>> check_card_type("007").rule
    "JPO takes Visa cards only: card type '001'"
    """
    if value == VISA_CARD_TYPE:
        return None
    return field_problem("JPO takes Visa cards only: card type '001'", "'001'", safe_describe(value), "card_brand")


def check_expiration_month(value: object) -> Finding | None:
    """``card.expirationMonth``: ``01`` to ``12``."""
    if isinstance(value, str) and _TWO_DIGIT_MONTH.fullmatch(value):
        return None
    return field_problem("the expiration month is two digits, 01 to 12", "'01' to '12'", safe_describe(value))


def check_expiration_year(value: object) -> Finding | None:
    """``card.expirationYear``: four digits."""
    if isinstance(value, str) and _YEAR.fullmatch(value):
        return None
    return field_problem("the expiration year is four digits", "a year such as '2031'", safe_describe(value))


def check_country(value: object) -> Finding | None:
    """``billTo.country``: an assigned ISO 3166-1 alpha-2 code in upper case.

    >>> check_country("JP") is None, check_country("ZZ").expected
    (True, "an ISO 3166-1 alpha-2 code such as 'JP'")
    """
    if isinstance(value, str) and value in ISO_3166_ALPHA_2:
        return None
    return field_problem("the country is an assigned two-letter ISO 3166-1 code in upper case",
                         "an ISO 3166-1 alpha-2 code such as 'JP'", safe_describe(value))


def check_email(value: object) -> Finding | None:
    """``billTo.email``: one ``@`` between a local part and a domain with a dot."""
    if isinstance(value, str) and _EMAIL.fullmatch(value):
        return None
    return field_problem("the email address has the form name@domain.example", "an email address",
                         safe_describe(value))


def default_first_billing_month(transaction_date: date) -> int:
    """The first billing month Cybersource applies when none is sent: the month after the
    transaction's.

    >>> default_first_billing_month(date(2026, 11, 21)), default_first_billing_month(date(2026, 12, 31))
    (12, 1)
    """
    require(transaction_date, date, path="transaction_date", expected="a datetime.date", error=InvalidRequestError)
    return transaction_date.month % 12 + 1


def _raise_if(problem: Finding | None, path: str) -> None:
    if problem is not None:
        raise refusal(problem, path)


_MISSING_PARAMETER: Final = {
    "installments": "the number of monthly payments (installments)",
    "firstBillingMonth": "first_billing_month or transaction_date (the default is the month after it)",
    "bonusMonth": "a Bonus(month, amount) in bonuses",
    "bonusAmount": "a Bonus(month, amount) in bonuses",
}


def _method_error(method: JpoPaymentMethod, mismatch: MethodMismatch) -> InvalidRequestError:
    """The table's finding on the builder's parameters, as the error naming the field."""
    path = f"{JPO}.{mismatch.field}"
    if mismatch.presence is Presence.REFUSED:
        group = "bonus" if "onus" in mismatch.field else "installment"
        return InvalidRequestError(path, expected=f"no {group} fields for {method.words}",
                                   actual=f"{mismatch.field} given", detail=mismatch.rule)
    return InvalidRequestError(path, expected=_MISSING_PARAMETER[mismatch.field], actual="missing",
                               detail=mismatch.rule)


def _bonus_pairs(bonuses: object) -> list[tuple[object, object]]:
    """*bonuses* as (month, amount) pairs, or the error naming the first that is not one."""
    if not isinstance(bonuses, Sequence) or isinstance(bonuses, (str, bytes)):
        raise InvalidRequestError(f"{JPO}.bonusMonth", expected="a sequence of Bonus(month, amount)",
                                  actual=safe_describe(bonuses))
    pairs = []
    for index, bonus in enumerate(bonuses):
        if not isinstance(bonus, tuple) or len(bonus) != 2:
            prefix = "bonus" if index == 0 else "secondBonus"
            raise InvalidRequestError(f"{JPO}.{prefix}Month", expected="a Bonus(month, amount)",
                                      actual=safe_describe(bonus))
        pairs.append((bonus[0], bonus[1]))
    return pairs


def build_jpo_authorization(
    total_amount: object,
    *,
    card: CardNumber,
    expiration_month: int,
    expiration_year: int,
    bill_to: BillTo,
    business_name: str,
    business_name_katakana: str,
    business_name_alphanumeric: str,
    payment_method: JpoPaymentMethod | str = JpoPaymentMethod.INSTALLMENT,
    installments: int | None = None,
    first_billing_month: int | None = None,
    transaction_date: date | None = None,
    bonuses: Sequence[Bonus] = (),
    terminal_id: str | None = None,
) -> dict[str, object]:
    """A JPO authorization for ``POST /pts/v2/payments`` in yen; installments by default.

    Which of *installments*, *first_billing_month* and *bonuses* a *payment_method* needs, takes
    or refuses is the table of :mod:`.jpo_methods`; the builder refuses whatever the validator
    would report, warnings included.  Where the method's page requires *first_billing_month*, it
    defaults to the month after *transaction_date* (Cybersource's own default).  Give
    *terminal_id* for card-present transactions.  At most two *bonuses* (the API has a first
    and a second bonus month and amount).
    """
    method = parse_enum(JpoPaymentMethod, payment_method, path=f"{JPO}.paymentMethod", error=InvalidRequestError)
    if not isinstance(card, CardNumber):
        raise InvalidRequestError("paymentInformation.card.number", expected="a CardNumber",
                                  actual=safe_describe(card))
    _raise_if(check_card_number(card.reveal()), "paymentInformation.card.number")
    month = "{:02d}".format(parse_whole(expiration_month, path="paymentInformation.card.expirationMonth", low=1,
                                        high=12, error=InvalidRequestError))
    year = "{:04d}".format(parse_whole(expiration_year, path="paymentInformation.card.expirationYear", low=0,
                                       high=9999, error=InvalidRequestError))
    require(bill_to, BillTo, path="orderInformation.billTo", expected="a BillTo", error=InvalidRequestError)
    _raise_if(check_expiration_month(month), "paymentInformation.card.expirationMonth")
    _raise_if(check_expiration_year(year), "paymentInformation.card.expirationYear")
    for path, check, value in (
        ("orderInformation.billTo.country", check_country, bill_to.country),
        ("orderInformation.billTo.email", check_email, bill_to.email),
        (f"{JPO}.businessName", check_business_name, business_name),
        (f"{JPO}.businessNameKatakana", check_katakana_name, business_name_katakana),
        (f"{JPO}.businessNameAlphaNumeric", check_alphanumeric_name, business_name_alphanumeric),
    ):
        _raise_if(check(value), path)
    for field, value in bill_to.json().items():
        _raise_if(_text(value, field, 255), f"orderInformation.billTo.{field}")
    pairs = _bonus_pairs(bonuses)
    if len(pairs) > 2:
        raise InvalidRequestError(f"{JPO}.bonusMonth", expected="at most two bonuses (first and second)",
                                  actual=f"{len(pairs)} bonuses")
    if (first_billing_month is None and transaction_date is not None
            and METHODS[method].presence["firstBillingMonth"] in (Presence.REQUIRED, Presence.EXPECTED)):
        require(transaction_date, date, path=f"{JPO}.firstBillingMonth",
                expected="a datetime.date as transaction_date (the default is the month after it)",
                error=InvalidRequestError)
        first_billing_month = default_first_billing_month(transaction_date)
    given = {"installments": installments is not None, "firstBillingMonth": first_billing_month is not None,
             "bonusMonth": len(pairs) > 0, "bonusAmount": len(pairs) > 0,
             "secondBonusMonth": len(pairs) > 1, "secondBonusAmount": len(pairs) > 1}
    # The builder makes only requests the validator has nothing to say about, warnings included.
    for mismatch in method_mismatches(method, {name for name, present in given.items() if present}):
        raise _method_error(method, mismatch)
    options: dict[str, object] = {"paymentMethod": method.value}
    if installments is not None:
        options["installments"] = str(parse_whole(installments, path=f"{JPO}.installments", low=2,
                                                  high=MAX_INSTALLMENTS, error=InvalidRequestError))
        _raise_if(check_installment_count(options["installments"]), f"{JPO}.installments")
    if first_billing_month is not None:
        billing_month = parse_whole(first_billing_month, path=f"{JPO}.firstBillingMonth", low=1, high=12,
                                    error=InvalidRequestError)
        options["firstBillingMonth"] = f"{billing_month:02d}"
        _raise_if(check_first_billing_month(options["firstBillingMonth"]), f"{JPO}.firstBillingMonth")
    amount_text = order_amount_text(total_amount, "JPY", path=AMOUNT)
    total = parse_money(total_amount, "JPY", path=AMOUNT)
    bonus_total = parse_amount(0, "JPY")
    for index, (bonus_month, bonus_amount) in enumerate(pairs):
        prefix = "bonus" if index == 0 else "secondBonus"
        bonus = parse_money(bonus_amount, "JPY", path=f"{JPO}.{prefix}Amount")
        options[f"{prefix}Month"] = str(parse_whole(bonus_month, path=f"{JPO}.{prefix}Month", low=1, high=12,
                                                    error=InvalidRequestError))
        options[f"{prefix}Amount"] = plain_decimal_text(bonus)
        _raise_if(check_bonus_month(options[f"{prefix}Month"]), f"{JPO}.{prefix}Month")
        _raise_if(check_bonus_amount(options[f"{prefix}Amount"]), f"{JPO}.{prefix}Amount")
        bonus_total = CTX.add(bonus_total, bonus)
    if bonus_total > total:
        at_most = mask_digit_runs(amount_text, card_field=True)
        raise InvalidRequestError(f"{JPO}.bonusAmount",
                                  expected=f"bonus amounts together at most {at_most} yen",
                                  actual=f"{shown_amount(bonus_total)} yen")
    options["businessName"] = business_name
    options["businessNameKatakana"] = business_name_katakana
    options["businessNameAlphaNumeric"] = business_name_alphanumeric
    if terminal_id is not None:
        _raise_if(check_terminal_id(terminal_id), f"{JPO}.terminalId")
        options["terminalId"] = terminal_id
    return {
        "processingInformation": {"japanPaymentOptions": options},
        "orderInformation": {
            "amountDetails": {"totalAmount": amount_text, "currency": "JPY"},
            "billTo": bill_to.json(),
        },
        "paymentInformation": {
            "card": {"number": card.reveal(), "expirationMonth": month, "expirationYear": year,
                     "type": VISA_CARD_TYPE},
        },
    }
