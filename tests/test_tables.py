"""Each wire format's field table and its pydantic models declare the same fields.

The table (``_wire/<format>/table.py``) is what the reader reads and reports; the models are what
typed callers get.  Every field of the table is a field of the models, required alike, with the
same bound; every field of the models is in the table.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import annotated_types
import pytest
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from installments_core._wire.cybersource import models as cybersource_models
from installments_core._wire.cybersource import table as cybersource_table
from installments_core._wire.visa import models as visa_models
from installments_core._wire.visa import table as visa_table

# (table, the model the table's paths start from)
_TABLES = [
    (cybersource_table.ENVELOPE, cybersource_models.GetPlansResponse),
    (cybersource_table.PLAN, cybersource_models.PlanDetail),
    (cybersource_table.FEE, cybersource_models.Fee),
    (cybersource_table.TERMS, cybersource_models.TermsEntry),
    (visa_table.ENVELOPE, visa_models.VisaPlansResponse),
    (visa_table.PLAN, visa_models.MatchedPlan),
    (visa_table.FEE, visa_models.FeeInfo),
    (visa_table.TERMS, visa_models.VisaTerms),
]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds, through Optional, list and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _field(model: type[BaseModel], path: str) -> Any:
    *parents, last = path.split(".")
    for key in parents:
        found = _model_in(_fields(model)[key].annotation)
        assert found is not None, f"{key} holds no model"
        model = found
    return _fields(model)[last]


def _bounds(info: Any) -> dict[str, object]:
    """max_length and le, wherever pydantic keeps them (the field's metadata, or an Annotated type's)."""
    found: dict[str, object] = {}
    pending: list[Any] = [*info.metadata, info.annotation]
    while pending:
        item = pending.pop()
        if isinstance(item, annotated_types.MaxLen):
            found["max_length"] = item.max_length
        elif isinstance(item, annotated_types.Le):
            found["le"] = item.le
        elif isinstance(item, FieldInfo):
            pending.extend(item.metadata)
        elif isinstance(item, types.UnionType) or typing.get_origin(item) is not None:
            pending.extend(typing.get_args(item))
    return found


@pytest.mark.parametrize(("table", "model"), _TABLES, ids=lambda item: getattr(item, "__name__", ""))
def test_every_field_of_the_table_is_a_field_of_the_models_required_alike(table: Any, model: Any) -> None:
    for field in table:
        info = _field(model, field.path)
        assert info.is_required() is field.required, field.path
        if field.limit is not None:
            bound = "max_length" if field.kind == "array" else "le"
            assert _bounds(info).get(bound) == field.limit, field.path


@pytest.mark.parametrize(("table", "model"), _TABLES, ids=lambda item: getattr(item, "__name__", ""))
def test_every_field_of_the_models_is_in_the_table(table: Any, model: Any) -> None:
    paths = {field.path for field in table}
    nested = {path.rsplit(".", 1)[0] for path in paths if "." in path}

    def walk(current: type[BaseModel], prefix: str) -> None:
        for key, info in _fields(current).items():
            path = f"{prefix}{key}"
            inner = _model_in(info.annotation)
            if inner is not None and path in nested:
                assert path in paths, path
                walk(inner, f"{path}.")
            else:
                assert path in paths, path

    walk(model, "")
