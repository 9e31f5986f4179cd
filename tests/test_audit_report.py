"""``installments-core audit --html``: one self-contained page, charts drawn by matplotlib, nothing fetched, every
text escaped; what it counts adds up to the summary; without the ``report`` extra, the library's error."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import fsspec
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from installments_core._audit import AuditSummary
from installments_core._audit.html_page import report_page
from installments_core._audit.local import audit_log
from installments_core._audit.tally import FRACTIONS, FindingsTally, band_label, delta_band
from installments_core.cli import main

from .test_audit_sources import _RESPONSE, logs, write_log


def _one_cent_off() -> str:
    """The library's example with its third plan's first installment one cent over, logged with its order: three
    error-level findings in one USD Cybersource plan, with deltas -1, +11 (the installments' sum) and +1."""
    response = json.loads(resources.files("installments_core").joinpath("data/example_get_plans_response.json")
                          .read_text("utf-8"))
    response["installmentInformation"]["planDetails"][2]["amountDetails"]["firstInstallment"]["amount"] = "41.68"
    return json.dumps({"response": response, "orderAmount": "500", "currency": "USD"})


_ONE_CENT_OFF = _one_cent_off()


class _Elements(HTMLParser):
    """Every element's tag and attributes, and the text of every <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _elements(page: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(page)
    parsed.close()
    return parsed


def _page(lines: list[str]) -> tuple[str, FindingsTally]:
    tally = FindingsTally()
    summary = audit_log(lines, workers=1, max_line_bytes=1 << 20, progress=None, findings=None, tally=tally.add)
    return report_page(summary, tally), tally


def test_the_page_is_one_file_that_fetches_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE, _ONE_CENT_OFF, "12", ""])
    report = tmp_path / "report.html"
    findings = tmp_path / "findings.parquet"
    assert main(["audit", log, "--html", str(report), "--workers", "1", "--findings", str(findings)]) == 1
    assert capsys.readouterr().out.startswith("responses: 2 read, 1 ok")  # the summary is printed as before
    # The rows written are the rows counted.
    assert [row["delta_minor_units"] for row in pq.read_table(findings).to_pylist() if row["severity"] == "error"
            ] == ["-1", "11", "1"]
    page = report.read_text("utf-8")
    parsed = _elements(page)
    # Four charts, each inline SVG drawn by matplotlib; no script, frame, image, object or linked file.
    assert parsed.tags["svg"] == 4
    assert not {"script", "iframe", "img", "object", "embed", "link", "audio", "video", "form"} & set(parsed.tags)
    # The only references are to elements of the page itself (a chart's clip paths and shapes).
    references = [value for name, value in parsed.attributes if name in {"src", "href", "xlink:href", "action"}]
    assert references
    assert all(value.startswith("#") for value in references), references
    assert all("url(" not in value or "url(#" in value for _, value in parsed.attributes)
    assert not any("@import" in style or "url(" in style or "@font-face" in style for style in parsed.styles)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    assert "https://" not in page
    # And the browser is told to fetch nothing, should anything slip in.
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" in page
    # What the page shows: totals, the line to look at first with its source and number, the deltas, the policies.
    for shown in ("<h2>Findings by code</h2>", "<h2>Findings by field</h2>",
                  "<h2>Findings by currency and format</h2>", "<h2>Deltas in minor units</h2>",
                  "<h2>Conventions and rounding policies inferred</h2>", "<h2>Worst lines</h2>",
                  f'<td>{log}</td><td class="count">2</td><td class="count">3</td>',
                  '<td>USD · cybersource</td><td class="count">3</td>',
                  '<td>+11 to +100</td><td class="count">1</td>', '<td>-1</td><td class="count">1</td>',
                  "<td>visa</td>", "<td>not_an_object</td>", '<div class="value">1 of 2</div>'):
        assert shown in page, shown


def test_every_text_is_escaped_and_a_clean_log_draws_no_chart(capsys: pytest.CaptureFixture[str]) -> None:
    root = "memory:///report-escaped/<script>alert('x')</script>"
    log = write_log(f"{root}/a&b.jsonl", [_RESPONSE, '{"a": "<b>not closed'])
    report = "memory:///report-escaped/out.html"
    assert main(["audit", f"{root}/*.jsonl", "--html", report, "--workers", "1"]) == 1
    capsys.readouterr()
    with fsspec.open(report, "r", encoding="utf-8") as file:
        page = file.read()
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;/a&amp;b.jsonl" in page
    assert log not in page
    parsed = _elements(page)
    assert parsed.tags["svg"] == 0
    assert "No error-level findings." in page


@pytest.mark.parametrize("target", ["log.jsonl/report.html", ".", "nul\x00.html"])
def test_a_page_that_cannot_be_written_is_an_error_before_the_audit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["audit", write_log(str(tmp_path / "log.jsonl"), [_RESPONSE]), "--html", target]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing audited
    assert captured.err.startswith("installments-core: error: --html: expected a writable path or URL")
    assert captured.err.count("\n") == 1
    # Nor is a page written when the logs named are not there.
    assert main(["audit", "missing-*.jsonl", "--html", "missing.html"]) == 2
    assert "RESPONSES: expected a readable file, found 'missing-*.jsonl': no file matches" in capsys.readouterr().err
    assert not (tmp_path / "missing.html").exists()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=logs)
def test_what_the_page_counts_adds_up_to_the_summary(lines: list[str]) -> None:
    tally = FindingsTally()
    summary = audit_log(lines, workers=1, max_line_bytes=1 << 20, progress=None, findings=None, tally=tally.add)
    errors = summary.rules.total()
    assert tally.fields.total() == tally.currencies_formats.total() == errors
    assert tally.deltas.total() <= errors
    # The findings a page shows come from the same rows --findings writes: the same whatever the workers.
    again = FindingsTally()
    audit_log(lines * 2, workers=2, max_line_bytes=1 << 20, progress=None, findings=None, tally=again.add)
    assert again.fields == tally.fields + tally.fields
    assert again.deltas == tally.deltas + tally.deltas


@given(st.one_of(st.decimals(allow_nan=False, allow_infinity=False, places=0),
                 st.decimals(allow_nan=False, allow_infinity=False, places=2)),
       st.decimals(allow_nan=False, allow_infinity=False, places=0))
def test_deltas_fall_in_bands_in_their_order(first: Decimal, second: Decimal) -> None:
    low, high = sorted([first, second])
    if FRACTIONS not in (delta_band(low), delta_band(high)):
        assert delta_band(low) <= delta_band(high)
    whole = int(first) == first
    assert (delta_band(first) == FRACTIONS) is not whole
    if whole and first.copy_abs() <= 10:
        assert band_label(delta_band(first)) == (f"{int(first):+d}" if first else "0")


def test_without_the_report_extra_html_is_the_librarys_error_and_a_plain_audit_loads_neither_library(
        tmp_path: Path) -> None:
    log = write_log(str(tmp_path / "log.jsonl"), [_RESPONSE])
    report = tmp_path / "report.html"
    script = (
        "import json, sys\n"
        "from installments_core.cli import main\n"
        f"code = main(['audit', {log!r}, '--json', '--workers', '1'])\n"
        "loaded = sorted(name for name in ('matplotlib', 'tqdm') if name in sys.modules)\n"
        "sys.modules['matplotlib'] = None  # as if the extra were not installed\n"
        f"print(json.dumps([code, loaded, main(['audit', {log!r}, '--html', {str(report)!r}])]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120)
    assert json.loads(result.stdout.splitlines()[-1]) == [0, [], 2]
    assert result.stderr == ("installments-core: error: --html: expected installments-core[report] installed, "
                             "found no module named 'matplotlib'\n")
    assert not report.exists()  # checked before the audit: nothing written, no time spent


def test_the_most_frequent_are_charted_and_the_deltas_keep_their_empty_bands() -> None:
    fields = Counter({f"items[].field{index}": index + 1 for index in range(25)})
    fields["a.$x$\nb"] = 100  # shown as written: never mathematics, on one line
    fields["x" * 100] = 99  # a long label is cut at its start: its end names the field
    pairs = Counter({(f"C{index:02d}", "visa"): 1 for index in range(23)})
    tally = FindingsTally(fields=fields, currencies_formats=pairs, deltas=Counter({-1: 3, 2: 1, FRACTIONS: 1}))
    page = report_page(AuditSummary(), tally)
    assert "<p>and 7 more, with 28 findings in all.</p>" in page  # fields 1 to 7 (of 27): the 20 most charted
    assert "<p>and 3 more, with 3 findings in all.</p>" in page
    charts = page.split("<svg")[1:]
    assert len(charts) == 3
    assert "a.$x$ b" in charts[0]
    assert "…" + "x" * 43 in charts[0]
    # Every band from the lowest found to the highest, and the fractions: 0 and +1 drawn empty, listed only if found.
    delta_labels = [label for label in ("-1", "0", "+1", "+2", "not a whole number") if f">{label}</text>" in charts[2]]
    assert delta_labels == ["-1", "0", "+1", "+2", "not a whole number"]
    assert '<td>+1</td>' not in page
    assert '<td>not a whole number</td><td class="count">1</td>' in page
