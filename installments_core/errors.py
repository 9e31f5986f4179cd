"""The library's one exception family: every error it raises on bad input is an :class:`InstallmentsError`.

Each says where (``path``), what the rule wanted (``expected``), what it found (``actual``, never
a card number) and why (``code``, stable for programs).  :class:`InstallmentsError` is a
:class:`ValueError`; the others refine it, and tracebacks name them by this module.

>>> from installments_core.errors import InstallmentsError, InvalidAmountError
>>> from installments_core.plans import compute_plan
>>> try:
...     compute_plan("5.001", "USD", 3)
... except InvalidAmountError as error:
...     print(type(error).__module__, isinstance(error, InstallmentsError), error.path)
installments_core.errors True amount
"""

from ._errors import (
    AuthorizationDeclinedError,
    DuplicateKeyError,
    ErrorResponseError,
    InfeasiblePlanError,
    InstallmentsError,
    InvalidAmountError,
    InvalidCardNumberError,
    InvalidDisplayOptionError,
    InvalidRequestError,
    InvalidTermsError,
    LifecycleError,
    MalformedResponseError,
    PlansResponseError,
    ResponseFormatError,
    UnknownCurrencyError,
    UnknownLocaleError,
)

__all__ = [
    "AuthorizationDeclinedError",
    "DuplicateKeyError",
    "ErrorResponseError",
    "InfeasiblePlanError",
    "InstallmentsError",
    "InvalidAmountError",
    "InvalidCardNumberError",
    "InvalidDisplayOptionError",
    "InvalidRequestError",
    "InvalidTermsError",
    "LifecycleError",
    "MalformedResponseError",
    "PlansResponseError",
    "ResponseFormatError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
]
