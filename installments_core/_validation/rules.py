"""The rules the validator checks, by code, in the words its reports use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .._findings import FINDING_CODES

_IDENTIFIER_LENGTH: Final = 10

__all__ = ["RULES", "well_formed_identifier"]

# The validator names its rules by their codes; the words are the code table's.
RULES: Final[Mapping[str, str]] = FINDING_CODES
"""Every rule the validator checks, by code, in the words its reports use."""


def well_formed_identifier(identifier: str) -> bool:
    """The ``identifier`` rule: 10 ASCII letters or digits.

    >>> well_formed_identifier("000000015D"), well_formed_identifier("0000-00024")
    (True, False)
    >>> well_formed_identifier("００００００００１５"), well_formed_identifier("0000000015D")  # full-width; 11
    (False, False)
    """
    return len(identifier) == _IDENTIFIER_LENGTH and identifier.isascii() and identifier.isalnum()
