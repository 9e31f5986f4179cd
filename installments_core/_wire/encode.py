"""Core offers written out as get-plans responses, in either format: each format's writer, in one place
for the generated responses of ``installments_core.strategies`` (validating them must find nothing).
"""

from __future__ import annotations

from .cybersource.writer import CURRENT, REV_2024, cybersource_plan_detail, cybersource_response
from .visa.writer import visa_matched_plan, visa_response

__all__ = ["CURRENT", "REV_2024", "cybersource_plan_detail", "cybersource_response", "visa_matched_plan",
           "visa_response"]
