"""The public API: a few entry points at the top, the rest in public modules by capability.

Every name the top level exported before 0.1.0 still imports from there for one release, with a
DeprecationWarning naming its new home; exceptions name ``installments_core.errors`` and pickle.
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import traceback
import warnings
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest

import installments_core

PUBLIC_MODULES = ("plans", "amounts", "cards", "responses", "requests", "findings", "jpo", "display", "audits",
                  "errors")

# installments_core.__all__ before 0.1.0 moved names to the public modules: each must keep importing.
FORMER_TOP_LEVEL = (
    "ACTIVE_CURRENCIES", "KNOWN_POLICIES", "MAX_INSTALLMENTS", "VISA", "VISA_MONTHS_PER_PERIOD", "AuditSummary",
    "AuthorizationLink", "BillTo", "Bonus", "CancelPlanResponse", "CardBrand", "CardNumber", "Convention",
    "CostOfCredit", "Discrepancy", "DuplicateKeyError", "ErrorResponseError", "Frequency", "FundedBy",
    "GetPlansResponse", "InfeasiblePlanError", "Installment", "InstallmentPurchase", "InstallmentsError",
    "InvalidAmountError", "InvalidCardNumberError", "InvalidDisplayOptionError", "InvalidRequestError",
    "InvalidTermsError", "JpoPaymentMethod", "LifecycleError", "LinkKind", "MalformedResponseError", "MatchedPlan",
    "OfferList", "OfferedPlan", "PaymentAccountReference", "PendingCancel", "Plan", "PlanDetail", "PlanDisplay",
    "PlanOffer", "PlanReport", "PlanTerms", "PlansResponseError", "ReadError", "Remainder", "RequestKind",
    "RequestReport", "ResponseFormatError", "RoundingPolicy", "SelectPlanResponse", "Severity", "TermsAndConditions",
    "TermsChoice", "Token", "TokenKind", "UnknownCurrencyError", "UnknownLocaleError", "ValidationReport",
    "Violation", "VisaPlansResponse", "audit_lines", "build_cancel_request", "build_get_plans_request",
    "build_jpo_authorization", "build_select_request", "card_brand", "choose_terms", "compute_plan",
    "currency_formatter", "default_first_billing_month", "due_dates", "format_amount", "luhn_valid", "mask_pan",
    "minor_units", "negotiate_locale", "offered_plans", "parse_amount", "parse_rate", "periodic_rate",
    "plan_selector_html", "policy_from_name", "refund_amount_decimals", "summarize", "summarize_offers",
    "summary_line", "validate_request", "validate_response",
)
MOVED = tuple(name for name in FORMER_TOP_LEVEL if name not in installments_core.__all__)


def _public(module: str) -> ModuleType:
    return import_module(f"installments_core.{module}")


def _homes(name: str) -> list[str]:
    return [module for module in PUBLIC_MODULES if name in _public(module).__all__]


def test_the_top_level_keeps_the_entry_points() -> None:
    assert sorted(installments_core.__all__) == sorted((
        "compute_plan", "validate_response", "validate_request", "summary_line", "summarize", "plan_selector_html",
        "audit_lines", "InstallmentsError", "__version__"))
    assert len(MOVED) == len(FORMER_TOP_LEVEL) - 8


@pytest.mark.parametrize("name", FORMER_TOP_LEVEL)
def test_every_former_top_level_name_has_one_public_home(name: str) -> None:
    assert len(_homes(name)) == 1, _homes(name)


@pytest.mark.parametrize("name", MOVED)
def test_a_moved_name_still_imports_from_the_top_level_with_a_warning_naming_its_home(name: str) -> None:
    [home] = _homes(name)
    with pytest.warns(DeprecationWarning, match=rf"^installments_core\.{name} moved to "
                                               rf"installments_core\.{home}\.{name};") as caught:
        value = getattr(installments_core, name)
    assert len(caught) == 1
    assert caught[0].filename == __file__
    assert value is getattr(_public(home), name)
    assert name not in dir(installments_core)


@pytest.mark.parametrize("name", MOVED)
def test_from_import_of_a_moved_name_warns_every_time(name: str) -> None:
    for _ in range(2):
        with pytest.warns(DeprecationWarning, match=rf"installments_core\.{name} moved"):
            exec(f"from installments_core import {name}", {})


@pytest.mark.parametrize("name", [name for name in installments_core.__all__ if name != "__version__"])
def test_an_entry_point_imports_without_a_warning_and_is_its_modules_own(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = getattr(installments_core, name)
    assert all(getattr(_public(home), name) is value for home in _homes(name))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Money'"):
        installments_core.Money  # noqa: B018
    with pytest.raises(AttributeError, match=r"installments_core\.display' has no attribute 'Plan'"):
        _public("display").Plan  # noqa: B018


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_a_public_module_lists_what_it_exports_and_says_what_it_is_for(module: str) -> None:
    public = _public(module)
    assert len(set(public.__all__)) == len(public.__all__)
    assert set(public.__all__) <= set(dir(public))
    assert all(getattr(public, name) is not None for name in public.__all__)
    assert ">>> " in (public.__doc__ or "")


def test_a_name_in_two_public_modules_is_one_object() -> None:
    modules = [installments_core, *map(_public, PUBLIC_MODULES)]
    seen: dict[str, object] = {}
    for module in modules:
        for name in module.__all__:
            assert seen.setdefault(name, getattr(module, name)) is getattr(module, name), name


_ERROR_NAMES = _public("errors").__all__


@pytest.mark.parametrize("name", _ERROR_NAMES)
def test_an_error_names_its_public_module_and_survives_pickling(name: str) -> None:
    cls = getattr(_public("errors"), name)
    assert issubclass(cls, installments_core.InstallmentsError)
    assert cls.__module__ == "installments_core.errors"
    error = cls("amount", expected="an amount", actual="'x'")
    assert traceback.format_exception_only(error)[-1].startswith(f"installments_core.errors.{name}: amount:")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.code) == (cls, str(error), error.path, error.code)


def test_importing_the_package_and_every_public_module_loads_no_heavy_dependency() -> None:
    """The facades import their babel, pydantic, request and validation homes only on first use."""
    modules = ", ".join(f"installments_core.{module}" for module in PUBLIC_MODULES)
    probe = (f"import sys, {modules}; "
             "print(sorted(m for m in sys.modules if m.startswith(('installments_core._requests', "
             "'installments_core._validation', 'installments_core._display', 'installments_core._wire', "
             "'installments_core._audit', 'pydantic', 'babel'))))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_a_moved_name_keeps_its_type_for_type_checkers(tmp_path: Path) -> None:
    """Code that imports a moved name from the top level keeps type-checking through the deprecation release.

    The script has one deliberate error per moved name it uses: a name the checker could not see (``Any``) passes.
    """
    script = tmp_path / "moved.py"
    script.write_text(
        "from installments_core import GetPlansResponse, Plan, compute_plan\n"
        "plan: Plan = compute_plan('500', 'USD', 12)\n"
        "wrong: int = plan.total_plan_amount\n"
        "model: GetPlansResponse = 1\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"),
         str(script)], capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert re.findall(r"moved\.py:(\d+): error", result.stdout) == ["3", "4"], result.stdout
