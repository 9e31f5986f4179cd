"""Japanese Payment Options (JPO): authorizations in yen, paid in installments, bonuses or revolving.

Loaded on first use.

>>> from datetime import date
>>> from installments_core.jpo import default_first_billing_month
>>> default_first_billing_month(date(2026, 12, 7))
1
"""

from typing import TYPE_CHECKING

from ._exports import load_on_first_use

__all__ = ["BillTo", "Bonus", "JpoPaymentMethod", "build_jpo_authorization", "default_first_billing_month"]

__getattr__ = load_on_first_use(__name__, dict.fromkeys(__all__, "._wire.jpo_options"))

if TYPE_CHECKING:
    from ._wire.jpo_options import BillTo, Bonus, JpoPaymentMethod, build_jpo_authorization, default_first_billing_month


def __dir__() -> list[str]:
    return sorted(__all__)
