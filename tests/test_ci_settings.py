"""The environment settings ``.ci/run`` gives the lowest end's suite (``tests/conftest.py``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import _scale_examples


def _examples(test: Any) -> int:
    return int(test._hypothesis_internal_use_settings.max_examples)


def test_a_kth_of_each_hypothesis_tests_examples_once_however_many_items_share_it() -> None:
    @settings(max_examples=300)
    @given(st.integers())
    def many(number: int) -> None: ...

    @settings(max_examples=12)
    @given(st.integers())
    def few(number: int) -> None: ...

    def plain() -> None: ...

    items: Any = [SimpleNamespace(obj=many), SimpleNamespace(obj=many), SimpleNamespace(obj=few),
                  SimpleNamespace(obj=plain)]
    _scale_examples("1/2", items)
    assert (_examples(many), _examples(few)) == (150, 10)  # once for both items; never under 10


@pytest.mark.parametrize("fraction", ["2", "1/0", "1/x", "2/3", "1/-2", "half"])
def test_a_fraction_not_1_over_k_is_a_usage_error(fraction: str) -> None:
    with pytest.raises(pytest.UsageError, match="TEST_EXAMPLES"):
        _scale_examples(fraction, [])
