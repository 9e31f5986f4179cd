"""Get-plans responses, Cybersource's and Visa's: typed wire models, and validation field by field.

:func:`validate_response` recomputes every plan of a response from its order total and reports
each field that breaks a rule (a :class:`Discrepancy`) or cannot be read (a :class:`ReadError`),
per plan, in a :class:`ValidationReport`.  The pydantic wire models load on first use.

>>> from importlib import resources
>>> from installments_core.responses import validate_response
>>> response = resources.files("installments_core").joinpath("data/example_get_plans_response.json")
>>> report = validate_response(response.read_text("utf-8"))
>>> report.ok, len(report.plans)
(True, 4)
"""

from typing import TYPE_CHECKING

from ._exports import load_on_first_use

__all__ = [
    "CancelPlanResponse",
    "Convention",
    "Discrepancy",
    "GetPlansResponse",
    "MatchedPlan",
    "PlanDetail",
    "PlanReport",
    "ReadError",
    "SelectPlanResponse",
    "ValidationReport",
    "VisaPlansResponse",
    "validate_response",
]

# Some 20 ms of dataclass and table set-up, and pydantic for the models: paid on first use.
__getattr__ = load_on_first_use(__name__, {
    "Convention": "._validation.validation_report",
    "Discrepancy": "._validation.validation_report",
    "PlanReport": "._validation.validation_report",
    "ReadError": "._validation.validation_report",
    "ValidationReport": "._validation.validation_report",
    "validate_response": "._validation.validator",
    "CancelPlanResponse": "._wire.cybersource",
    "GetPlansResponse": "._wire.cybersource",
    "PlanDetail": "._wire.cybersource",
    "SelectPlanResponse": "._wire.cybersource",
    "MatchedPlan": "._wire.visa",
    "VisaPlansResponse": "._wire.visa",
})

if TYPE_CHECKING:
    from ._validation.validation_report import Convention, Discrepancy, PlanReport, ReadError, ValidationReport
    from ._validation.validator import validate_response
    from ._wire.cybersource import CancelPlanResponse, GetPlansResponse, PlanDetail, SelectPlanResponse
    from ._wire.visa import MatchedPlan, VisaPlansResponse


def __dir__() -> list[str]:
    return sorted(__all__)
