"""Money and rates as the library accepts them: ISO 4217 minor units, exact decimals, no floats.

>>> from installments_core.amounts import minor_units, parse_amount, parse_rate
>>> parse_amount("41.5", "USD"), minor_units("KWD"), parse_rate("5.25")
(Decimal('41.50'), 3, Decimal('5.25'))
"""

from ._core.currencies import ACTIVE_CURRENCIES, minor_units
from ._core.money import parse_amount, parse_rate

__all__ = ["ACTIVE_CURRENCIES", "minor_units", "parse_amount", "parse_rate"]
