"""Many threads validating and formatting at once give exactly the sequential results; outputs are
byte-identical across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core import validate_response
from installments_core.display import summarize_offers
from installments_core.strategies import GeneratedResponse, get_plans_responses

from .conftest import GUIDE

LOCALES = ["en_US", "ar_QA", "ja_JP", "de_DE", "hi_IN", "fa_IR", "pt_BR", "fr_CH"]
RESPONSES = [
    (GUIDE / "get_plans_token.response.json").read_bytes(),
    (GUIDE / "get_plans_pan_qar.response.json").read_bytes(),
    (GUIDE / "get_plans_par.response.json").read_bytes(),
]


def _work(index: int) -> list[str]:
    """Validate every response and format its offers in one locale: everything as text."""
    results = []
    for data in RESPONSES:
        report = validate_response(data)
        results.append(json.dumps(report.as_json(), sort_keys=True))
        listing = summarize_offers(report.offers, LOCALES[index % len(LOCALES)],
                                   native_digits=bool(index % 3 == 0))
        results.append(json.dumps(listing.as_json(), sort_keys=True, ensure_ascii=False))
    return results


def test_threads_give_the_sequential_results() -> None:
    expected = [_work(index) for index in range(16)]
    barrier = threading.Barrier(8)

    def work(index: int) -> list[str]:
        if index < 8:
            barrier.wait()  # start the first eight at the same instant, cold formatter caches included
        return _work(index)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(work, range(16))) == expected


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(get_plans_responses(max_plans=4), min_size=24, max_size=24))
def test_generated_responses_validate_identically_in_threads(generated: list[GeneratedResponse]) -> None:
    documents = [json.dumps(item.document) for item in generated]
    expected = [validate_response(document).as_json() for document in documents]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda document: validate_response(document).as_json(), documents)) == expected


@pytest.mark.parametrize("arguments", [
    ["validate", str(GUIDE / "get_plans_token.response.json"), "--json"],
    ["show", str(GUIDE / "get_plans_pan_qar.response.json"), "--locale", "ar_QA", "--json"],
    ["show", str(GUIDE / "get_plans_token.response.json"), "--locale", "ja_JP", "--html"],
    ["check-request", str(GUIDE / "select_pan_ac.request.json"), "--kind", "select", "--json"],
])
def test_command_output_is_byte_identical_across_processes(arguments: list[str]) -> None:
    outputs = set()
    for seed in ("0", "1", "31337"):
        result = subprocess.run([sys.executable, "-m", "installments_core.cli", *arguments], capture_output=True,
                                check=False, env=dict(os.environ, PYTHONHASHSEED=seed))
        assert result.returncode in (0, 1), result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1
