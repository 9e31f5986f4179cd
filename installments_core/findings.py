"""Findings: one shape for whatever a check finds, in responses, requests and audits.

Each :class:`Finding` carries a stable ``code`` from :data:`FINDING_CODES` (for programs: an
audit counts codes), the field's ``path``, a :class:`Severity`, what was ``expected`` and the
``actual`` value (masked: never a card number), the difference in minor units where it applies,
and the rule in words for people (``docs/findings.md`` lists every code).

>>> from installments_core.findings import FINDING_CODES, Finding, Severity
>>> from installments_core.responses import validate_response
>>> report = validate_response(b'{"installmentInformation": {"planDetails": [{"totalCount": "x"}]}}',
...                            order_amount="500", currency="USD")
>>> finding = report.findings[0]
>>> type(finding) is Finding, finding.severity is Severity.ERROR, finding.code in FINDING_CODES
(True, True, True)
"""

from ._findings import FINDING_CODES, Finding, Severity

__all__ = ["FINDING_CODES", "Finding", "Severity"]
