"""Rounding policies: how an issuer turns an order total and fee rates into installment amounts.

No issuer publishes its algorithm.  :data:`VISA` is the policy inferred from every plan Visa and
Cybersource have published (see ``docs/calculation.md``): principal per installment rounded
*up* to the minor unit with the remainder on the last installment, fees per installment rounded
*half-up* with the remainder on the last, and ``monthlyRatePercentage`` = recurring rate / plan
length in months, rounded half-up to 2 decimals.

Other issuers may round differently; a :class:`RoundingPolicy` is a plain value that names every
choice, so a user can model them and an operator can be told *which* policy a response follows.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from .._errors import InvalidAmountError, InvalidTermsError, describe
from .arguments import parse_enum, parse_whole, require
from .money import CTX, parse_decimal

__all__ = [
    "KNOWN_POLICIES",
    "ROUNDING_MODES",
    "VISA",
    "VISA_MONTHS_PER_PERIOD",
    "Frequency",
    "Remainder",
    "RoundingPolicy",
    "parse_frequency",
    "policy_from_name",
]


class Frequency(StrEnum):
    """How often installments fall due (Visa's four documented frequencies)."""

    WEEKLY = "WEEKLY"
    BIWEEKLY = "BIWEEKLY"
    MONTHLY = "MONTHLY"
    BIMONTHLY = "BIMONTHLY"

    @property
    def periods_per_year(self) -> int:
        """Installments in a year: 52, 26, 12 or 6."""
        return _PERIODS_PER_YEAR[self]


_PERIODS_PER_YEAR: Final = {
    Frequency.WEEKLY: 52,
    Frequency.BIWEEKLY: 26,
    Frequency.MONTHLY: 12,
    Frequency.BIMONTHLY: 6,
}


def parse_frequency(value: object, *, path: str = "frequency") -> Frequency:
    """A :class:`Frequency` from its wire name.

    >>> parse_frequency("BIWEEKLY")
    <Frequency.BIWEEKLY: 'BIWEEKLY'>
    """
    return parse_enum(Frequency, value, path=path)


class Remainder(StrEnum):
    """Which installment absorbs the rounding remainder."""

    FIRST = "first"
    LAST = "last"


ROUNDING_MODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "up": ROUND_UP,
        "down": ROUND_DOWN,
        "ceiling": ROUND_CEILING,
        "floor": ROUND_FLOOR,
        "half-up": ROUND_HALF_UP,
        "half-down": ROUND_HALF_DOWN,
        "half-even": ROUND_HALF_EVEN,
        "05up": ROUND_05UP,
    }
)
"""Short names of the eight rounding modes of :mod:`decimal`, as used in policy names."""

_MODE_NAMES: Final = {mode: name for name, mode in ROUNDING_MODES.items()}

VISA_MONTHS_PER_PERIOD: Final[Mapping[Frequency, Decimal]] = MappingProxyType(
    {
        Frequency.WEEKLY: Decimal("0.25"),
        Frequency.BIWEEKLY: Decimal("0.5"),
        Frequency.MONTHLY: Decimal("1"),
        Frequency.BIMONTHLY: Decimal("2"),
    }
)
"""Plan length in months per installment, used for ``monthlyRatePercentage``.

Only MONTHLY (5.00 % over 12 → 0.42) and BIWEEKLY (2.00 % over 2 → 2.00, so two biweekly periods
count as one month) are confirmed by published data; WEEKLY = ¼ and BIMONTHLY = 2 follow the
same reading and are a documented assumption.
"""


MAX_MONTHS_PER_PERIOD: Final = 24
"""The longest installment period a policy may say a frequency stands for, in months."""
_MONTHS_QUANTUM: Final = Decimal("0.000001")


def parse_months(value: object, *, path: str) -> Decimal:
    """A plan length in months per installment period: above zero, at most 24, at most 6 decimals.

    The bounds keep ``monthlyRatePercentage`` (a rate divided by months) within what a plan can
    show: a period of 1e-60 months would make it a number of 60 digits.

    >>> parse_months("0.25", path="months")
    Decimal('0.25')
    >>> parse_months("1e-60", path="months")
    Traceback (most recent call last):
    ...
    installments_core.errors.InvalidTermsError: months: expected an amount of months in plain decimal \
notation, without an exponent, found '1e-60'
    """
    try:
        months = parse_decimal(value, path=path, what="amount of months")
    except InvalidAmountError as error:
        raise InvalidTermsError(path, expected=error.expected, actual=error.actual, detail=error.detail) from None
    if months.is_zero() or months > MAX_MONTHS_PER_PERIOD or months.quantize(
        _MONTHS_QUANTUM, ROUND_DOWN, CTX
    ) != months:
        raise InvalidTermsError(
            path, expected=f"a number of months above 0 and at most {MAX_MONTHS_PER_PERIOD}, with at most 6 decimals",
            actual=describe(value),
        )
    return months


@dataclass(frozen=True, slots=True, repr=False)
class RoundingPolicy:
    """Every rounding choice an installment calculation makes, as one immutable value.

    Rounding modes are :mod:`decimal` constants (``decimal.ROUND_UP`` …).  ``name`` is how the
    policy appears in outputs; when left empty it is spelled from the choices, and
    :func:`policy_from_name` reads that spelling back.

    >>> RoundingPolicy(principal_rounding="ROUND_HALF_EVEN", fee_rounding="ROUND_HALF_EVEN").name
    'principal=half-even,fee=half-even,remainder=last'
    >>> policy_from_name("principal=half-even,fee=half-even,remainder=last").fee_rounding
    'ROUND_HALF_EVEN'
    """

    principal_rounding: str = ROUND_UP
    """Rounding of the regular installment's principal (order total / count)."""
    fee_rounding: str = ROUND_HALF_UP
    """Rounding of fee totals from rates and of the regular installment's fee."""
    remainder: Remainder = Remainder.LAST
    """The installment that takes what rounding left over, for principal and fee alike."""
    rate_rounding: str = ROUND_HALF_UP
    """Rounding of ``monthlyRatePercentage``."""
    rate_decimals: int = 2
    """Decimals of ``monthlyRatePercentage``."""
    months_per_period: Mapping[Frequency, Decimal] = field(
        default_factory=lambda: VISA_MONTHS_PER_PERIOD, hash=False
    )
    """Months in one installment period, per frequency."""
    name: str = ""
    _spec: str = field(init=False, repr=False, compare=False, hash=False)
    """:attr:`spec`, spelled once: policies are compared by it on every plan a validation checks."""

    def __post_init__(self) -> None:
        for attribute in ("principal_rounding", "fee_rounding", "rate_rounding"):
            mode = getattr(self, attribute)
            if type(mode) is not str or mode not in _MODE_NAMES:
                raise InvalidTermsError(
                    f"policy.{attribute}",
                    expected="a decimal rounding mode such as 'ROUND_HALF_UP'",
                    actual=describe(mode),
                )
        object.__setattr__(self, "remainder", parse_enum(Remainder, self.remainder, path="policy.remainder"))
        parse_whole(self.rate_decimals, path="policy.rate_decimals", low=0, high=6)
        if not isinstance(self.months_per_period, Mapping):
            raise InvalidTermsError(
                "policy.months_per_period", expected="a mapping of Frequency to months",
                actual=describe(self.months_per_period),
            )
        if self.months_per_period is not VISA_MONTHS_PER_PERIOD:
            months = {}
            for frequency in Frequency:
                path = f"policy.months_per_period[{frequency.value}]"
                value = self.months_per_period.get(frequency)
                if not isinstance(value, Decimal):
                    raise InvalidTermsError(path, expected="a Decimal number of months", actual=describe(value))
                months[frequency] = parse_months(value, path=path)
            object.__setattr__(self, "months_per_period", MappingProxyType(months))
        if type(self.name) is not str:
            raise InvalidTermsError("policy.name", expected="a string", actual=describe(self.name))
        object.__setattr__(self, "_spec", self._spelled())
        if not self.name:
            object.__setattr__(self, "name", self._spec)

    @property
    def spec(self) -> str:
        """The policy's choices spelled out, e.g. ``principal=up,fee=half-up,remainder=last``.

        Only non-default rate settings and months are spelled, so the common cases stay short.
        """
        return self._spec

    def _spelled(self) -> str:
        parts = [
            f"principal={_MODE_NAMES[self.principal_rounding]}",
            f"fee={_MODE_NAMES[self.fee_rounding]}",
            f"remainder={self.remainder.value}",
        ]
        if self.rate_rounding != ROUND_HALF_UP:
            parts.append(f"rate={_MODE_NAMES[self.rate_rounding]}")
        if self.rate_decimals != 2:
            parts.append(f"rate-decimals={self.rate_decimals}")
        for frequency in Frequency:
            months = self.months_per_period[frequency]
            if months != VISA_MONTHS_PER_PERIOD[frequency]:
                parts.append(f"months-{frequency.value.lower()}={months}")
        return ",".join(parts)

    def __repr__(self) -> str:
        if self.name == self.spec:
            return f"<RoundingPolicy {self.spec}>"
        return f"<RoundingPolicy {self.name!r}: {self.spec}>"

    def same_rounding(self, other: RoundingPolicy) -> bool:
        """Whether *other* makes the same choices, whatever the two are called."""
        return self.spec == require(other, RoundingPolicy, path="other", expected="a RoundingPolicy").spec


VISA: Final = RoundingPolicy(name="visa")
"""The policy that reproduces every plan Visa and Cybersource have published."""


def _candidate_policies() -> tuple[RoundingPolicy, ...]:
    principal_modes = (ROUND_UP, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN)
    fee_modes = (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_UP, ROUND_DOWN)
    candidates = [VISA]
    for remainder, principal, fee in itertools.product((Remainder.LAST, Remainder.FIRST), principal_modes, fee_modes):
        policy = RoundingPolicy(principal_rounding=principal, fee_rounding=fee, remainder=remainder)
        if not policy.same_rounding(VISA):
            candidates.append(policy)
    return tuple(candidates)


KNOWN_POLICIES: Final[tuple[RoundingPolicy, ...]] = _candidate_policies()
"""The policies tried, in this order, when inferring which one an issuer follows.

VISA first, then every other combination of remainder placement (last, then first), principal
modes (up, half-up, half-even, down) and fee modes (half-up, half-even, up, down), in that
nesting order, so that the policies closest to VISA are tried first.
"""


def policy_from_name(name: str) -> RoundingPolicy:
    """The policy called *name*: ``visa``, or a spec such as ``principal=half-even,fee=down``.

    Unnamed choices in a spec keep Visa's defaults.  Keys: ``principal``, ``fee``, ``rate`` (modes
    ``up``, ``down``, ``ceiling``, ``floor``, ``half-up``, ``half-down``, ``half-even``, ``05up``),
    ``remainder`` (``first``/``last``), ``rate-decimals`` and ``months-weekly`` … ``months-bimonthly``.

    >>> policy_from_name("visa") is VISA
    True
    >>> policy_from_name("principal=down,remainder=first").name
    'principal=down,fee=half-up,remainder=first'
    """
    if name == VISA.name:
        return VISA
    path = "policy"
    expected = "'visa' or comma-separated key=value choices such as 'principal=half-even,remainder=first'"
    if not isinstance(name, str) or not name:
        raise InvalidTermsError(path, expected=expected, actual=describe(name))
    options: dict[str, object] = {}
    months = dict(VISA_MONTHS_PER_PERIOD)
    modes = {"principal": "principal_rounding", "fee": "fee_rounding", "rate": "rate_rounding"}
    for part in name.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            raise InvalidTermsError(path, expected=expected, actual=describe(name))
        if key in modes and value in ROUNDING_MODES:
            options[modes[key]] = ROUNDING_MODES[value]
        elif key == "remainder" and value in {"first", "last"}:
            options["remainder"] = Remainder(value)
        elif key == "rate-decimals" and value.isdigit():
            options["rate_decimals"] = int(value)
        elif key.startswith("months-") and key[7:].upper() in Frequency.__members__:
            months[Frequency(key[7:].upper())] = parse_months(value, path=f"{path}.{key}")
        else:
            raise InvalidTermsError(path, expected=expected, actual=describe(part))
    return RoundingPolicy(months_per_period=months, **options)  # type: ignore[arg-type]
