"""Request validation: installments requests (get plans, select, cancel), the lifecycle of one
purchase, and Japanese Payment Options authorizations.

A validation result is data (:class:`~installments_core.RequestReport`, a tuple of
:class:`~installments_core.Finding`); ``raise_if_invalid`` turns it into an
:class:`~installments_core.InvalidRequestError` for callers who prefer exceptions.
"""
