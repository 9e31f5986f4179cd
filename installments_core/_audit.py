"""Batch audits: validate a log of get-plans responses, one JSON document per line, on every core.

A payment service logs what issuers sent; an operator wants to know, over a day of traffic, how
many responses were wrong, by which rule, under which rounding, and where to look first.  Each
line is a response, or an object ``{"response": …, "orderAmount": "500", "currency": "USD"}`` (or
``"request": …`` instead of the amount) when the service logged the order too.  A line that is
not such a document is counted as malformed, by kind (:data:`MALFORMATIONS`), never fatal: every
line read is a response, a malformed line or a blank line.

A log is read in bounded pieces: a line longer than *max_line_bytes* is counted and skipped
without ever being held whole, and the work is split into chunks bounded in lines and in bytes,
validated in worker processes; each chunk gives a partial :class:`AuditSummary` and partial
summaries merge, so the result does not depend on the number of workers or the order chunks
finish in.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Final, NamedTuple, Protocol

from ._core.arguments import parse_whole, require
from ._errors import (
    DuplicateKeyError,
    ErrorResponseError,
    InstallmentsError,
    MalformedResponseError,
    describe,
    mask_digit_runs,
)
from ._findings import FINDING_CODES, Severity
from ._validation.report import ValidationReport
from ._validation.validator import validate_response
from ._wire.decoding import MAX_INPUT_BYTES, decode_json

__all__ = ["MALFORMATIONS", "AuditSummary", "LineProblem", "MalformedLine", "audit_lines"]

CHUNK_LINES: Final = 500
"""Lines per unit of work: large enough that process overhead is noise, small enough to balance."""
CHUNK_BYTES: Final = 4 * 1024 * 1024
"""Bytes per unit of work at most (bar one line): what a worker holds stays bounded whatever the lines' sizes."""
DEFAULT_MAX_LINE_BYTES: Final = 1024 * 1024
"""Longest line read by default: real responses are a few kilobytes."""
WORST_LINES: Final = 10
"""How many of the worst lines a summary keeps."""
MALFORMED_EXAMPLES: Final = 10

MALFORMATIONS: Final[Mapping[str, str]] = {
    "too_long": "the line is longer than the bound on a line (max_line_bytes); it was skipped unread",
    "not_utf8": "the line is not UTF-8 text",
    "not_json": "the line is not a JSON document (truncated, NUL bytes, or not JSON at all)",
    "duplicate_key": "the line is JSON, but an object in it names a key twice (which value counts would be a guess)",
    "not_an_object": "the line is JSON but not an object: a number, string, true, false, null or an array",
    "envelope": (
        'the line is a {"response": …} envelope that cannot be used: its response is not an object, its request '
        "is not an object, or its orderAmount and currency do not make an order"
    ),
    "not_a_response": "the object is not a get-plans response of exactly one format (it looks like neither, or both)",
    "error_response": (
        "the response is an error answer, not a plan list: a status other than ACCEPTED, an error responseCode, "
        "a reason or errorInformation"
    ),
}
"""Every kind of malformed line, by stable code, in the words a summary uses."""


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line worth a look: its number (from 1), how many error-level findings, and the first of them."""

    line: int
    findings: int
    first: str


@dataclass(frozen=True, slots=True)
class MalformedLine:
    """A line that is not a usable response: its number (from 1), the kind (a key of
    :data:`MALFORMATIONS`) and why, in words that never quote a card number."""

    line: int
    code: str
    reason: str


@dataclass(slots=True)
class AuditSummary:
    """What an audit found, mergeable across chunks.

    Every line read is exactly one of: a response, a malformed line, a blank line.
    """

    lines: int = 0
    """Lines read."""
    blank: int = 0
    """Lines with nothing but whitespace: skipped."""
    responses: int = 0
    """Lines read as responses (malformed lines excluded)."""
    responses_ok: int = 0
    plans: int = 0
    plans_ok: int = 0
    malformed: int = 0
    """Lines that were not a usable response."""
    malformed_kinds: Counter[str] = field(default_factory=Counter)
    """Malformed lines by kind (a key of :data:`MALFORMATIONS`)."""
    malformed_examples: list[MalformedLine] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    """Error-level findings (discrepancies and unreadable parts) by code, a key of :data:`FINDING_CODES`."""
    warnings: Counter[str] = field(default_factory=Counter)
    """Warnings by code."""
    policies: Counter[str] = field(default_factory=Counter)
    """Rounding policy that reproduced each plan, by name (``visa`` for conforming plans)."""
    conventions: Counter[str] = field(default_factory=Counter)
    worst: list[LineProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every line was a response that validated without an error."""
        return self.malformed == 0 and self.responses_ok == self.responses

    def merge(self, other: AuditSummary) -> None:
        """Add *other*'s counts into this summary."""
        require(other, AuditSummary, path="other", expected="an AuditSummary")
        self.lines += other.lines
        self.blank += other.blank
        self.responses += other.responses
        self.responses_ok += other.responses_ok
        self.plans += other.plans
        self.plans_ok += other.plans_ok
        self.malformed += other.malformed
        self.malformed_kinds.update(other.malformed_kinds)
        self.malformed_examples = sorted(self.malformed_examples + other.malformed_examples,
                                         key=lambda problem: problem.line)[:MALFORMED_EXAMPLES]
        self.rules.update(other.rules)
        self.warnings.update(other.warnings)
        self.policies.update(other.policies)
        self.conventions.update(other.conventions)
        self.worst = _worst(self.worst + other.worst)

    def as_json(self) -> dict[str, object]:
        """The summary as ``installments-core audit --json`` prints it."""
        return {
            "ok": self.ok,
            "lines": self.lines,
            "blankLines": self.blank,
            "responses": self.responses,
            "responsesOk": self.responses_ok,
            "plans": self.plans,
            "plansOk": self.plans_ok,
            "malformedLines": self.malformed,
            "malformedByKind": _counted(self.malformed_kinds),
            "malformedExamples": [
                {"line": problem.line, "code": problem.code, "reason": problem.reason}
                for problem in self.malformed_examples
            ],
            "discrepanciesByCode": _counted(self.rules),
            "warningsByCode": _counted(self.warnings),
            "discrepanciesByRule": _in_words(self.rules),
            "warningsByRule": _in_words(self.warnings),
            "policies": _counted(self.policies),
            "conventions": _counted(self.conventions),
            "worstLines": [
                {"line": problem.line, "findings": problem.findings, "first": problem.first}
                for problem in self.worst
            ],
        }



def _count_malformed(summary: AuditSummary, line: int, code: str, reason: str) -> None:
    summary.malformed += 1
    summary.malformed_kinds[code] += 1
    if len(summary.malformed_examples) < MALFORMED_EXAMPLES:
        summary.malformed_examples.append(MalformedLine(line, code, mask_digit_runs(reason)))


def _counted(counter: Counter[str]) -> dict[str, int]:
    # Most frequent first, ties by name: the same output whatever order chunks were merged in.
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _in_words(counter: Counter[str]) -> dict[str, int]:
    # A code's words are unique in the table: counted by code, told by words, nothing merges.
    return {FINDING_CODES[code]: count for code, count in _counted(counter).items()}


def _worst(problems: list[LineProblem]) -> list[LineProblem]:
    return sorted(problems, key=lambda problem: (-problem.findings, problem.line))[:WORST_LINES]


class _OverLong(NamedTuple):
    """A line past the bound, by its size alone: its bytes were never kept."""

    size: int


_Line = bytes | str | _OverLong


class _Unusable(Exception):
    """A line that is not a usable response, by kind; caught where the line is counted."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def _line_arguments(line: bytes | str) -> tuple[dict[str, object], dict[str, object]]:
    """The response a line holds and the order it gives, or :class:`_Unusable` saying why not."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Unusable("not_utf8", f"undecodable bytes at byte {error.start} ({error.reason})") from None
    try:
        document = decode_json(line, what="line")
    except DuplicateKeyError as error:  # valid JSON, but ambiguous: its own kind, not "not JSON"
        raise _Unusable(error.code, str(error)) from None
    except InstallmentsError as error:
        raise _Unusable("not_json", str(error)) from None
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


def _report(line: bytes | str) -> ValidationReport:
    """The validation of the response *line* holds, or :class:`_Unusable` saying why there is none."""
    response, options = _line_arguments(line)
    try:
        return validate_response(response, **options)  # type: ignore[arg-type]
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


def audit_chunk(first_line: int, lines: list[_Line]) -> AuditSummary:
    """Validate *lines* (numbered from *first_line*) into a summary."""
    summary = AuditSummary()
    for number, line in enumerate(lines, start=first_line):
        summary.lines += 1
        if isinstance(line, _OverLong):
            _count_malformed(summary, number, "too_long", f"a line of {line.size} bytes")
            continue
        if not (line.strip(b" \t\r\n") if isinstance(line, bytes) else line.strip(" \t\r\n")):
            summary.blank += 1  # nothing but JSON's whitespace
            continue
        try:
            report = _report(line)
        except _Unusable as unusable:
            _count_malformed(summary, number, unusable.code, str(unusable))
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
            summary.worst = _worst([*summary.worst, LineProblem(number, findings, first)])
    return summary


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


def _stream_lines(stream: LineReader, limit: int) -> Iterator[_Line]:
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


def _listed_lines(lines: Iterable[object], limit: int) -> Iterator[_Line]:
    for index, line in enumerate(lines):
        if not isinstance(line, (bytes, str)):
            raise InstallmentsError(f"lines[{index}]", expected="a line as bytes or str", actual=describe(line))
        yield _bounded(line, limit)


def _bounded(line: bytes | str, limit: int) -> _Line:
    size = _content_size(line)
    return line if size <= limit else _OverLong(size)


def _chunks(lines: Iterator[_Line]) -> Iterator[tuple[int, list[_Line]]]:
    first_line = 1
    chunk: list[_Line] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += 0 if isinstance(line, _OverLong) else len(line)
        if len(chunk) == CHUNK_LINES or size >= CHUNK_BYTES:
            yield first_line, chunk
            first_line += len(chunk)
            chunk, size = [], 0
    if chunk:
        yield first_line, chunk


def available_workers() -> int:
    """Every core this process may use: the most worker processes an audit starts."""
    process_cpu_count: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if process_cpu_count is not None:  # Python 3.13
        return process_cpu_count() or 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_count(requested: object, *, path: str = "workers") -> int:
    """*requested* worker processes, checked (a positive ``int``) and capped to :func:`available_workers`."""
    return min(parse_whole(requested, path=path, low=1, high=None, error=InstallmentsError), available_workers())


def line_bound(requested: object, *, path: str = "max_line_bytes") -> int:
    """*requested* as the longest line read, checked: from 1 byte to the largest document a
    response is read from (:data:`~installments_core._wire.decoding.MAX_INPUT_BYTES`)."""
    return parse_whole(requested, path=path, low=1, high=MAX_INPUT_BYTES, error=InstallmentsError)


def audit_lines(
    lines: Iterable[bytes | str] | LineReader,
    *,
    workers: int = 1,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: Callable[[int], None] | None = None,
) -> AuditSummary:
    """Audit a log of responses, one per line; *progress* is called with the lines done so far.

    *lines* is an iterable of lines (``bytes`` or ``str``) or a binary stream with ``readline``
    (an open file, ``sys.stdin.buffer``), which is read in pieces: a line longer than
    *max_line_bytes* (1 MiB by default, 2 MiB at most) is counted as malformed (``too_long``)
    without being held in memory.  With *workers* above 1 the chunks are validated in that many
    processes, at most one per core this process may use; the summary is the same as with one.

    >>> summary = audit_lines(['{"installmentInformation": {"planDetails": []}}', 'not json', '', '12'])
    >>> summary.lines, summary.responses, summary.malformed, summary.blank
    (4, 1, 2, 1)
    >>> [(problem.line, problem.code) for problem in summary.malformed_examples]
    [(2, 'not_json'), (4, 'not_an_object')]
    """
    if progress is not None and not callable(progress):
        raise InstallmentsError("progress", expected="a callable or None", actual=describe(progress))
    processes = worker_count(workers)
    limit = line_bound(max_line_bytes)
    if hasattr(lines, "readline"):
        read: Iterator[_Line] = _stream_lines(lines, limit)  # type: ignore[arg-type]
    elif isinstance(lines, Iterable) and not isinstance(lines, (bytes, str)):
        read = _listed_lines(lines, limit)
    else:
        raise InstallmentsError("lines", expected="an iterable of lines or a binary stream", actual=describe(lines))
    total = AuditSummary()
    done = 0

    def add(summary: AuditSummary) -> None:
        nonlocal done
        total.merge(summary)
        done += summary.lines
        if progress is not None:
            progress(done)

    if processes == 1:
        for first_line, chunk in _chunks(read):
            add(audit_chunk(first_line, chunk))
        return total
    with ProcessPoolExecutor(max_workers=processes) as pool:
        pending: list[Future[AuditSummary]] = []
        for first_line, chunk in _chunks(read):
            pending.append(pool.submit(audit_chunk, first_line, chunk))
            # Keep a bounded number of chunks in flight: a file of millions of lines must not be
            # read into memory before the first one is validated.
            while len(pending) >= 2 * processes:
                add(pending.pop(0).result())
        for future in pending:
            add(future.result())
    return total


def rule_table(counter: Mapping[str, int]) -> list[str]:
    """Lines of a "count  rule" table, most frequent first."""
    return [f"{count:>9}  {rule}" for rule, count in _counted(Counter(counter)).items()]


def code_table(counter: Mapping[str, int]) -> list[str]:
    """Lines of a "count  code: words" table of findings by code, most frequent first."""
    return [f"{count:>9}  {code}: {FINDING_CODES[code]}" for code, count in _counted(Counter(counter)).items()]
