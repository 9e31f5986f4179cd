"""The library's reports as typed outputs: what pydantic (and FastAPI's ``response_model``) sees of them.

A report, a display model or an audit summary serialises as exactly the JSON its ``as_json``
gives, the JSON the command line prints, and its JSON schema is the shape of that JSON
(``_output_shapes``): amounts and rates are strings with a pattern, never numbers; enums are their
values.  The reports stay the frozen dataclasses they are, their ``as_json`` and text outputs
unchanged, rather than becoming pydantic models: the library's hot paths and its import never load
pydantic, which builds these schemas only when an application asks for one.  They are outputs: an
instance validates as itself, and none is built from JSON.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

    class _Output(Protocol):
        def as_json(self) -> dict[str, object]: ...

__all__ = ["typed_output"]

_Class = TypeVar("_Class", bound="type[_Output]")


def typed_output(cls: _Class) -> _Class:
    """Class decorator: *cls* is a pydantic type, serialised as its ``as_json`` writes it and
    described by the shape ``_output_shapes.{cls.__name__}Json``."""
    cls.__get_pydantic_core_schema__ = classmethod(_output_schema)  # type: ignore[attr-defined]
    return cls


def _output_schema(cls: type[_Output], source: object, handler: GetCoreSchemaHandler) -> CoreSchema:
    # Loaded here, when pydantic asks: the shapes need pydantic's TypedDict (typing_extensions').
    from pydantic_core import core_schema

    from . import _output_shapes

    shape = getattr(_output_shapes, f"{cls.__name__}Json")
    return core_schema.json_or_python_schema(
        json_schema=core_schema.no_info_plain_validator_function(partial(_not_from_json, cls.__name__)),
        python_schema=core_schema.is_instance_schema(cls),
        serialization=core_schema.plain_serializer_function_ser_schema(
            cls.as_json, info_arg=False, return_schema=handler.generate_schema(shape)
        ),
    )


def _not_from_json(name: str, value: object) -> object:
    raise ValueError(f"a {name} is made by the library, never read from JSON")
