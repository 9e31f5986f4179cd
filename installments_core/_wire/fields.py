"""Scalar rules shared by the typed wire models and the validator's fast reader.

Both must accept exactly the same documents (``tests/test_models.py`` checks it), so the few
rules that are not plain types live here once.  No pydantic here: the reader must not load it.
"""

from __future__ import annotations

from typing import Final

from .._core.money import DECIMAL_STRING_PATTERN
from .._core.offer import FundedBy
from .._core.plan import MAX_INSTALLMENTS
from .._core.policy import Frequency

__all__ = [
    "AMOUNT_SCHEMA",
    "COUNT_RULE",
    "COUNT_SCHEMA",
    "FREQUENCY_SCHEMA",
    "FUNDED_BY_SCHEMA",
    "MAX_APR_HUNDREDTHS",
    "MAX_FEES",
    "MAX_HUNDREDTHS",
    "MAX_MINOR",
    "MAX_PLANS",
    "MAX_TERMS",
    "MAX_VERSION",
    "count_from_text",
]

MAX_PLANS: Final = 100
"""Most plans read from one response; issuers offer a handful."""
MAX_FEES: Final = 16
"""Most fee entries per plan."""
MAX_TERMS: Final = 64
"""Most terms-and-conditions entries per plan: one per language."""
MAX_MINOR: Final = 10**19 - 1
"""Largest Visa integer amount: 15 integer digits of a currency with up to 4 minor digits."""
MAX_HUNDREDTHS: Final = 10_000
"""Largest Visa fee rate: 100 %, in hundredths of a percent."""
MAX_APR_HUNDREDTHS: Final = 10**6
"""Largest Visa annualPercentageRate read: 10 000 %, in hundredths of a percent."""
MAX_VERSION: Final = 10**9
"""Largest Visa terms version number read."""

COUNT_RULE: Final = f"a count from 1 to {MAX_INSTALLMENTS} as a string of digits, such as '12'"

# The JSON schemas of the fields whose rules are functions (a wire model's PlainValidator): what a
# request body or an OpenAPI document says of them, instead of ``{}`` (any value).  An amount's is
# for what is read only: a model writes str() of its Decimal, which may take an exponent ('1E-7').
AMOUNT_SCHEMA: Final = {"type": "string", "pattern": DECIMAL_STRING_PATTERN,
                        "description": "a decimal string, never a number, such as '41.67'"}
COUNT_SCHEMA: Final = {"type": "string", "pattern": "^[0-9]{1,3}$", "description": COUNT_RULE}
FREQUENCY_SCHEMA: Final = {"type": "string", "enum": [frequency.value for frequency in Frequency]}
FUNDED_BY_SCHEMA: Final = {"type": "array", "minItems": 1, "maxItems": 2,
                           "items": {"type": "string", "enum": [funded.value for funded in FundedBy]}}


def count_from_text(value: object) -> int | None:
    """Cybersource's ``totalCount``: the count, or ``None`` when *value* breaks :data:`COUNT_RULE`.

    >>> count_from_text("12"), count_from_text("-1"), count_from_text(12), count_from_text("١٢")
    (12, None, None, None)
    """
    if type(value) is str and 0 < len(value) <= 3 and value.isascii() and value.isdigit():
        count = int(value)
        if count >= 1:
            return count
    return None
