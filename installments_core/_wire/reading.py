"""What every get-plans reader gives and shares: wire-neutral plan readings, and typed field access
that records a problem instead of raising.

Each response format has one reader (:mod:`.cybersource.reader`, :mod:`.visa.reader`), written for
the common case, a plan with nothing wrong in it: it indexes the parsed document directly, takes
amount and rate texts from bounded caches and builds no path string.  Whatever it cannot read it
records where it found it, as a :class:`~installments_core.Finding` with the field's path, and
reads on: a reading is never an exception.  The readers never import pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from .._core.caching import MISSING, BoundedCache
from .._core.money import parse_decimal, parse_rate
from .._core.offer import FundedBy, TermsAndConditions
from .._core.policy import Frequency
from .._errors import InstallmentsError, describe
from .._findings import FINDING_CODES, Finding, Severity
from .cybersource import table as cybersource_table
from .request_fields import check_tc_version
from .visa import table as visa_table

__all__ = [
    "FEE_ROLES",
    "FREQUENCIES",
    "FUNDERS",
    "PlanReading",
    "Walk",
    "known_amount",
    "known_rate",
    "parsed_amount",
    "parsed_rate",
    "tc_version_problem",
]

FREQUENCIES: Final = {f.value: f for f in Frequency}
FUNDERS: Final = {f.value: f for f in FundedBy}
FEE_ROLES: Final = {"CONSUMER": ("fee_rate", "fee_flat"), "CONSUMER_UPFRONT": ("upfront_rate", "upfront_flat")}
"""The fee types that shape the consumer's amounts, and the (rate, flat fee) roles they state."""


class PlanReading:
    """One plan as read from the wire, before any check.  Amounts are Decimal; absent ones are missing.

    For Visa's native format (``native``), amounts stay integers of minor units until the
    validator knows the currency.  Paths come from the format's table (:meth:`path_of`).
    """

    # A plain class rather than a dataclass: a reading is made per plan on the validator's hot path,
    # and the generated __init__ (25 parameters, seven default factories) cost as much as reading
    # the plan's header.
    __slots__ = (
        "amounts", "count", "currency", "duplicate_fees", "errors", "fee_positions", "finest", "frequency",
        "funded_by", "identifier", "index", "is_object", "islamic", "name", "native", "path", "plan_id",
        "plan_type", "rates", "terms", "terms_count", "terms_findings", "unknown_fees", "unread",
    )

    def __init__(self, index: int, path: str, *, native: bool) -> None:
        self.index = index
        self.path = path
        self.native = native
        self.is_object = True
        """False when the plan is not even a JSON object: nothing else about it is checked."""
        self.plan_id: str | None = None
        self.name = ""
        self.plan_type: str | None = None
        self.identifier: str | None = None
        self.islamic = False
        self.funded_by: tuple[FundedBy, ...] | None = None
        self.count: int | None = None
        self.frequency: Frequency | None = None
        self.currency: str | None = None
        self.amounts: dict[str, Decimal] = {}
        """Amount fields by role: ``first_amount``, ``last_fee``, ``total_plan``, ``fee_flat`` …"""
        self.rates: dict[str, Decimal] = {}
        """Rate fields by role: ``fee_rate``, ``upfront_rate``, ``monthly_rate``, ``declared``."""
        self.fee_positions: dict[str, int] = {}
        """Which fee entry each fee role was read from."""
        self.unknown_fees: list[tuple[str, str]] = []
        """(path, type) of fee entries whose type would change the consumer's amounts in unknown ways."""
        self.duplicate_fees: list[tuple[str, str]] = []
        self.terms: tuple[TermsAndConditions, ...] = ()
        self.terms_count: int | None = None
        """Entries in the terms array; ``None`` when the plan has none at all."""
        self.terms_findings: list[tuple[str, str, Severity, str]] = []
        """(path, what was expected, severity, what was found) for terms without version, text or language."""
        self.errors: list[Finding] = []
        self.unread: dict[str, object] | None = None
        """Cybersource's ``amountDetails`` object until it is read (``read_details``): ``amounts``,
        ``rates`` and the fee fields are empty until then."""
        self.finest = 0
        """The exponent of the amount with the most decimals: when no finer than the currency's minor
        unit, every amount is whole minor units without checking each."""

    def path_of(self, role: str) -> str:
        """The JSON path of the field with *role* (an amount or rate role, or ``currency``, ``terms`` …)."""
        table = visa_table if self.native else cybersource_table
        position = self.fee_positions.get(role)
        if position is not None:
            return f"{self.path}.{table.fee_path_of(position, role)}"
        return f"{self.path}.{table.PATHS[role]}"

    @property
    def clean(self) -> bool:
        """Whether the reader found nothing to say: no error, terms finding, unknown or repeated fee."""
        return not (self.errors or self.terms_findings or self.unknown_fees or self.duplicate_fees) and bool(
            self.terms_count
        )


# Issuers repeat the same few amount and rate strings ("0.00", "5.00", the order total) in every
# response; parsing each text once is the readers' largest saving.  Keyed by the exact text (so
# "500" and "500.00" stay distinct); a refused text is kept too (as the words of its refusal), so
# junk repeated costs a lookup.
_TEXT_CACHE_LIMIT: Final = 4096


@dataclass(frozen=True, slots=True)
class _Refusal:
    """What the parser expected of a text it refused, and what it found."""

    expected: str
    actual: str


def _refusal(error: InstallmentsError) -> _Refusal:
    return _Refusal(error.expected, error.actual)


def unreadable(path: str, expected: str, actual: str, code: str) -> Finding:
    """The finding for a field that could not be read."""
    return Finding(path, FINDING_CODES[code], expected, actual, code)


def _parse_amount(text: str) -> tuple[Decimal, int] | _Refusal:
    try:
        number = parse_decimal(text, path="amount")
    except InstallmentsError as error:
        return _refusal(error)
    exponent = number.as_tuple().exponent
    return number, exponent if isinstance(exponent, int) else 0


def _parse_rate(text: str) -> Decimal | _Refusal:
    try:
        return parse_rate(text, path="rate")
    except InstallmentsError as error:
        return _refusal(error)


_AMOUNTS: Final = BoundedCache[str, tuple[Decimal, int] | _Refusal](_TEXT_CACHE_LIMIT)
_RATES: Final = BoundedCache[str, Decimal | _Refusal](_TEXT_CACHE_LIMIT)
_TC_VERSION_PROBLEMS: Final = BoundedCache[str, Finding | None](_TEXT_CACHE_LIMIT)


def parsed_amount(text: str) -> tuple[Decimal, int] | _Refusal:
    """(value, exponent) of an amount text, or why it was refused."""
    return _AMOUNTS.get(text) or _AMOUNTS.put(text, _parse_amount(text))


def parsed_rate(text: str) -> Decimal | _Refusal:
    """The percentage a rate text states, or why it was refused."""
    found = _RATES.get(text)
    return _RATES.put(text, _parse_rate(text)) if found is None else found


def tc_version_problem(version: str) -> Finding | None:
    """check_tc_version, once per version text: every plan of every response states one."""
    problem = _TC_VERSION_PROBLEMS.get(version, MISSING)
    return _TC_VERSION_PROBLEMS.put(version, check_tc_version(version)) if problem is MISSING else problem  # type: ignore[return-value]  # a held value


def known_amount(value: object) -> tuple[Decimal, int] | None:
    """A Cybersource amount text as (value, exponent), from the cache or parsed; None when refused."""
    if type(value) is not str:
        return None
    known = parsed_amount(value)
    return known if type(known) is tuple else None


def known_rate(value: object) -> Decimal | None:
    """A Cybersource percentage text, from the cache or parsed; None when refused."""
    if type(value) is not str:
        return None
    known = parsed_rate(value)
    return known if type(known) is Decimal else None


AMOUNT_RULE: Final = "a decimal string such as '41.67'"
RATE_RULE: Final = "a percentage as a decimal string such as '5.00'"


def join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


class Walk:
    """Typed field access that records a :class:`~installments_core.Finding` instead of raising.

    Each accessor takes the parent object, the key and the parent's path; the field's path is
    only spelled out when something is wrong.
    """

    __slots__ = ("errors", "finest")

    def __init__(self, errors: list[Finding]) -> None:
        self.errors = errors
        self.finest = 0
        """The most decimals any amount read had, as a negative exponent."""

    def fail(self, path: str, expected: str, value: object) -> None:
        self.errors.append(unreadable(path, expected, describe(value), "invalid_value"))

    def wrong(self, value: object, base: str, key: str, expected: str, *, required: bool) -> None:
        """Record why *value* at *base*.*key* was refused; absent optional fields are fine."""
        if value is None:
            if required:
                self.errors.append(
                    unreadable(join(base, key), expected, "nothing (the field is required)", "missing_field")
                )
        else:
            self.fail(join(base, key), expected, value)

    def obj(self, parent: dict[str, object], key: str, base: str, *, required: bool = True) -> dict[str, object] | None:
        value = parent.get(key)
        if type(value) is dict:
            return value
        self.wrong(value, base, key, "an object", required=required)
        return None

    def array(
        self, parent: dict[str, object], key: str, base: str, limit: int, *, required: bool
    ) -> list[object] | None:
        value = parent.get(key)
        if type(value) is list:
            if len(value) <= limit:
                return value
            self.errors.append(unreadable(join(base, key), f"at most {limit} entries", str(len(value)),
                                          "too_many_entries"))
            return None
        self.wrong(value, base, key, "an array", required=required)
        return None

    def text(self, parent: dict[str, object], key: str, base: str, *, required: bool = False) -> str | None:
        value = parent.get(key)
        if type(value) is str:
            return value
        self.wrong(value, base, key, "a string", required=required)
        return None

    def texts(self, parent: dict[str, object], keys: tuple[str, ...], base: str) -> list[str | None]:
        """Optional strings: each value, or None when absent (or wrong, which is recorded)."""
        values: list[str | None] = []
        for key in keys:
            value = parent.get(key)
            if type(value) is str:
                values.append(value)
            else:
                values.append(None)
                if value is not None:
                    self.fail(join(base, key), "a string", value)
        return values

    def flag(self, parent: dict[str, object], key: str, base: str) -> bool | None:
        value = parent.get(key)
        if value is None or type(value) is bool:
            return value
        self.fail(join(base, key), "true or false", value)
        return None

    def amounts(
        self, parent: dict[str, object], fields: tuple[tuple[str, str, bool], ...], base: str,
        into: dict[str, Decimal],
    ) -> None:
        """Read every (role, key, required) amount text of *fields* into *into*; the common case costs a
        lookup each, and an absent optional field nothing."""
        amount_of = _AMOUNTS.get
        get = parent.get
        for role, key, required in fields:
            value = get(key)
            known = (amount_of(value) or parsed_amount(value)) if type(value) is str else None
            if type(known) is tuple:
                if known[1] < self.finest:  # noqa: PLR1730  (a call to min() per amount costs more)
                    self.finest = known[1]
                into[role] = known[0]
            elif type(known) is _Refusal:
                self.errors.append(unreadable(join(base, key), known.expected, known.actual, "invalid_amount"))
            else:
                self.wrong(value, base, key, AMOUNT_RULE, required=required)

    def amount(self, parent: dict[str, object], key: str, base: str) -> Decimal | None:
        """A required Cybersource amount: a plain decimal string."""
        found: dict[str, Decimal] = {}
        self.amounts(parent, ((key, key, True),), base, found)
        return found.get(key)

    def rate(self, parent: dict[str, object], key: str, base: str, *, required: bool = True) -> Decimal | None:
        """A Cybersource percentage: a decimal string from 0 to 100."""
        value = parent.get(key)
        if type(value) is str:
            known = parsed_rate(value)
            if type(known) is _Refusal:
                self.errors.append(unreadable(join(base, key), known.expected, known.actual, "invalid_amount"))
                return None
            return known  # type: ignore[return-value]  # the Decimal, then
        self.wrong(value, base, key, RATE_RULE, required=required)
        return None

    def integer(
        self, parent: dict[str, object], key: str, base: str, *, high: int, what: str, required: bool = True
    ) -> int | None:
        """A Visa native integer: minor units, hundredths of a percent, a count, a version."""
        value = parent.get(key)
        if type(value) is int and 0 <= value <= high:
            return value
        if type(value) is int:
            self.fail(join(base, key), f"{what} from 0 to {high}", value)
        else:
            self.wrong(value, base, key, what, required=required)
        return None

    def funded_by(self, plan: dict[str, object], base: str) -> tuple[FundedBy, ...] | None:
        value = plan.get("fundedBy")
        if value is None:
            return None
        if type(value) is list and 1 <= len(value) <= 2:
            funders = tuple(FUNDERS.get(entry) if type(entry) is str else None for entry in value)
            if None not in funders:
                return funders  # type: ignore[return-value]  # None was ruled out just above
            position = funders.index(None)
            self.fail(f"{base}.fundedBy[{position}]", "CONSUMER or MERCHANT", value[position])
            return None
        self.fail(f"{base}.fundedBy", "an array of CONSUMER and/or MERCHANT", value)
        return None

    def frequency(self, plan: dict[str, object], key: str, base: str) -> Frequency | None:
        value = plan.get(key)
        frequency = FREQUENCIES.get(value) if type(value) is str else None
        if frequency is None:
            self.wrong(value, base, key, "one of " + ", ".join(FREQUENCIES), required=True)
        return frequency


def _found(value: str | None) -> str:
    return "nothing" if value is None else describe(value)


def terms_findings(reading: PlanReading, entry_path: str, version: str | None, text: str | None,
                   language: str | None) -> None:
    """What the validator says of one readable terms entry: its version, text and language."""
    findings = reading.terms_findings
    if version is None:
        findings.append((f"{entry_path}.version", "a version (sent back as tcVersion)", Severity.ERROR, "nothing"))
    else:
        problem = tc_version_problem(version)
        if problem is not None:
            findings.append((f"{entry_path}.version", problem.expected, Severity.ERROR, problem.actual))
    if not text or text.isspace():
        findings.append((f"{entry_path}.text", "the terms' text", Severity.ERROR, _found(text)))
    if language is None or len(language) != 3 or not language.isascii() or not language.isalpha():
        findings.append((f"{entry_path}.languageCode", "a three-letter ISO 639-2 language code",
                         Severity.WARNING, _found(language)))


def _fee_type_path(reading: PlanReading, parent_path: str, position: int) -> str:
    return f"{parent_path}.{'feeInfo' if reading.native else 'fees'}[{position}].type"


# Visa's merchant fees are what the merchant pays: they never change the consumer's amounts.
_MERCHANT_FEES: Final = frozenset({"MERCHANT_FUNDING", "MERCHANT_SERVICE"})


def fee_terms(
    reading: PlanReading, kind: str, position: int, parent_path: str, *, rate: Decimal | None, flat: Decimal | None
) -> None:
    """Record the fee entry at *position* under *parent_path*, of type *kind*: its rate and flat fee
    under their roles, or why not."""
    roles = FEE_ROLES.get(kind)
    if roles is None:
        if not (reading.native and kind in _MERCHANT_FEES):
            reading.unknown_fees.append((_fee_type_path(reading, parent_path, position), kind))
        return
    rate_role, flat_role = roles
    if rate_role in reading.fee_positions:
        reading.duplicate_fees.append((_fee_type_path(reading, parent_path, position), kind))
        return
    reading.fee_positions[rate_role] = reading.fee_positions[flat_role] = position
    if rate is not None:
        reading.rates[rate_role] = rate
    if flat is not None:
        reading.amounts[flat_role] = flat
