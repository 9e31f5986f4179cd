"""One line of a log: read (bounded, never held whole when too long), decoded, validated, counted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final, NamedTuple, Protocol

from .._errors import (
    DuplicateKeyError,
    ErrorResponseError,
    InstallmentsError,
    MalformedResponseError,
    describe,
    mask_digit_runs,
)
from .._findings import Severity
from .._validation.validation_report import ValidationReport
from .._validation.validator import validate_decoded, validate_response
from .._wire.decoding import decode_json
from .audit_summary import AuditSummary, LineProblem, count_malformed, worst

__all__ = ["FindingRow", "Line", "LineReader", "audit_chunk", "listed_lines", "stream_lines"]


class _OverLong(NamedTuple):
    """A line past the bound, by its size alone: its bytes were never kept."""

    size: int


Line = bytes | str | dict[str, object] | _OverLong
"""A line as read, or a record: a JSON object already decoded (a response or an envelope)."""


class FindingRow(NamedTuple):
    """One finding of one response, where it came from and in which plan: a row of ``--findings``."""

    source: str
    line: int
    plan_index: int | None
    """The plan's index in the response; ``None`` for a finding about the response as a whole."""
    plan_id: str | None
    format: str
    currency: str | None
    code: str
    path: str
    severity: str
    expected: str
    actual: str
    delta_minor_units: str | None
    """The finding's delta as exact decimal text (never an exponent), or ``None``."""


class _Unusable(Exception):
    """A line that is not a usable response, by kind; caught where the line is counted."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def _document(line: bytes | str | dict[str, object]) -> object:
    """The JSON document a line holds (a record is one already), or :class:`_Unusable` saying why there is none."""
    if isinstance(line, dict):
        return line
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Unusable("not_utf8", f"undecodable bytes at byte {error.start} ({error.reason})") from None
    try:
        return decode_json(line, what="line")
    except DuplicateKeyError as error:  # valid JSON, but ambiguous: its own kind, not "not JSON"
        raise _Unusable(error.code, str(error)) from None
    except InstallmentsError as error:
        raise _Unusable("not_json", str(error)) from None


def _line_arguments(line: bytes | str | dict[str, object]) -> tuple[dict[str, object], dict[str, object]]:
    """The response a line holds and the order it gives, or :class:`_Unusable` saying why not."""
    document = _document(line)
    if type(document) is not dict:
        raise _Unusable("not_an_object", f"a JSON {_json_kind(document)}")
    if "response" not in document:
        return document, {}
    response = document["response"]
    request = document.get("request")
    if type(response) is not dict or (request is not None and type(request) is not dict):
        which, value = ("response", response) if type(response) is not dict else ("request", request)
        raise _Unusable("envelope", f"{which}: expected an object, found a JSON {_json_kind(value)}")
    options: dict[str, object] = {"request": request} if request is not None else {}
    if "orderAmount" in document:
        options["order_amount"] = document["orderAmount"]
        options["currency"] = document.get("currency")
    return response, options


def _report(line: bytes | str | dict[str, object]) -> ValidationReport:
    """The validation of the response *line* holds, or :class:`_Unusable` saying why there is none."""
    response, options = _line_arguments(line)
    try:
        if isinstance(line, dict):  # a record: made by the caller, not by the decoder
            return validate_response(response, **options)  # type: ignore[arg-type]
        return validate_decoded(response, **options)
    except ErrorResponseError as error:  # a well-formed answer that says the request failed
        raise _Unusable(error.code, str(error)) from None
    except MalformedResponseError as error:  # ResponseFormatError: neither format, or both
        raise _Unusable("not_a_response", str(error)) from None
    except InstallmentsError as error:  # the order the envelope gives
        raise _Unusable("envelope", str(error)) from None


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else "number"


def audit_chunk(source: str, lines: Iterable[Line], *, with_findings: bool) -> tuple[AuditSummary, list[FindingRow]]:
    """Validate *lines* of *source*, numbered from 1, into a summary and, *with_findings*, a row per finding."""
    summary = AuditSummary()
    rows: list[FindingRow] = []
    for number, line in enumerate(lines, start=1):
        summary.lines += 1
        if isinstance(line, _OverLong):
            count_malformed(summary, source, number, "too_long", f"a line of {line.size} bytes")
            continue
        if not isinstance(line, dict) and not (
                line.strip(b" \t\r\n") if isinstance(line, bytes) else line.strip(" \t\r\n")):
            summary.blank += 1  # nothing but JSON's whitespace
            continue
        try:
            report = _report(line)
        except _Unusable as unusable:
            count_malformed(summary, source, number, unusable.code, str(unusable))
            continue
        summary.responses += 1
        summary.responses_ok += report.ok
        findings = 0
        first = ""
        for plan in report.plans:
            summary.plans += 1
            summary.plans_ok += plan.ok
            if plan.policy is not None:
                summary.policies[plan.policy] += 1
            if plan.convention is not None:
                summary.conventions[plan.convention.value] += 1
        for finding in report.findings:
            if finding.severity is Severity.ERROR:
                summary.rules[finding.code] += 1
                findings += 1
                first = first or str(finding)
            else:
                summary.warnings[finding.code] += 1
        if findings:
            summary.worst = worst([*summary.worst, LineProblem(number, findings, first, source)])
        if with_findings:
            rows += _finding_rows(report, source, number)
    return summary, rows


def _finding_rows(report: ValidationReport, source: str, line: int) -> Iterator[FindingRow]:
    # A plan's unreadable parts are listed in the response's errors too: each is one row, with its plan.
    plan_of = {finding: plan for plan in report.plans for finding in plan.errors}
    placed = [(plan_of.get(finding), finding) for finding in report.errors]
    placed += [(plan, finding) for plan in report.plans for finding in plan.discrepancies]
    for plan, finding in placed:
        delta = finding.delta_minor_units
        yield FindingRow(
            source, line,
            None if plan is None else plan.index,
            None if plan is None or plan.plan_id is None else mask_digit_runs(plan.plan_id),
            report.format, report.currency, finding.code, finding.path, finding.severity.value,
            finding.expected, finding.actual, None if delta is None else format(delta, "f"),
        )


class LineReader(Protocol):
    """What a log is read from a piece at a time: an open file, ``sys.stdin.buffer``."""

    def readline(self, size: int = -1, /) -> bytes | str: ...


_DISCARD: Final = 64 * 1024
"""Bytes read at a time while skipping the rest of an over-long line."""


def _ends_line(piece: bytes | str) -> bool:
    return piece.endswith(b"\n") if isinstance(piece, bytes) else piece.endswith("\n")


def _content_size(line: bytes | str) -> int:
    """The line's size in bytes (UTF-8 for text), its line feed not counted."""
    size = len(line) if isinstance(line, bytes) or line.isascii() else len(line.encode("utf-8", "surrogatepass"))
    return size - _ends_line(line)


def stream_lines(stream: LineReader, limit: int) -> Iterator[Line]:
    # readline(limit + 1) never returns more than the bound plus the line feed: an over-long line
    # is recognised from its first piece and the rest read and dropped piece by piece, so a line
    # of gigabytes (or /dev/zero) costs no more memory than a line at the bound.  (A text
    # stream's readline counts characters: a line of many-byte characters is cut later, in
    # _bounded, still within four times the bound.)
    while line := stream.readline(limit + 1):
        if not isinstance(line, (bytes, str)):
            raise InstallmentsError("lines", expected="a stream of bytes or text", actual=describe(line))
        if _ends_line(line):
            yield _bounded(line[:-1], limit)  # a line is what precedes its line feed
            continue
        if len(line) <= limit:
            yield _bounded(line, limit)
            continue
        size = _content_size(line)
        while not _ends_line(line) and (line := stream.readline(_DISCARD)):
            size += _content_size(line)
        yield _OverLong(size)


def listed_lines(lines: Iterable[object], limit: int, *, path: str = "lines") -> Iterator[Line]:
    """*lines* checked one by one: a line (``bytes`` or ``str``, bounded by *limit*) or a record (a ``dict``);
    an error names an item by its index in *path*."""
    for index, line in enumerate(lines):
        if isinstance(line, dict):
            yield line
        elif isinstance(line, (bytes, str)):
            yield _bounded(line, limit)
        else:
            raise InstallmentsError(f"{path}[{index}]", expected="a line (bytes or str) or a record (dict)",
                                    actual=describe(line))


def _bounded(line: bytes | str, limit: int) -> Line:
    size = _content_size(line)
    return line if size <= limit else _OverLong(size)


