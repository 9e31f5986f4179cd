"""What an audit found: counts by kind and code, the worst lines and where they came from, mergeable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from .._core.arguments import require
from .._errors import mask_digit_runs
from .._findings import FINDING_CODES
from .._output_types import typed_output

__all__ = ["MALFORMATIONS", "AuditSummary", "LineProblem", "MalformedLine", "code_table", "count_malformed", "counted",
           "rule_table", "shifted", "worst"]

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
    """A line worth a look: its number (from 1), how many error-level findings, the first of them, and the
    source it was read from (a file or URL; empty for lines given directly)."""

    line: int
    findings: int
    first: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class MalformedLine:
    """A line that is not a usable response: its number (from 1), the kind (a key of
    :data:`MALFORMATIONS`) and why, in words that never quote a card number."""

    line: int
    code: str
    reason: str
    source: str = ""


@typed_output
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
                                         key=lambda problem: (problem.source, problem.line))[:MALFORMED_EXAMPLES]
        self.rules.update(other.rules)
        self.warnings.update(other.warnings)
        self.policies.update(other.policies)
        self.conventions.update(other.conventions)
        self.worst = worst(self.worst + other.worst)

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
            "malformedByKind": counted(self.malformed_kinds),
            "malformedExamples": [
                {**_where(problem), "code": problem.code, "reason": problem.reason}
                for problem in self.malformed_examples
            ],
            "discrepanciesByCode": counted(self.rules),
            "warningsByCode": counted(self.warnings),
            "discrepanciesByRule": _in_words(self.rules),
            "warningsByRule": _in_words(self.warnings),
            "policies": counted(self.policies),
            "conventions": counted(self.conventions),
            "worstLines": [
                {**_where(problem), "findings": problem.findings, "first": problem.first}
                for problem in self.worst
            ],
        }


def _where(problem: LineProblem | MalformedLine) -> dict[str, object]:
    # Lines given directly have no source: their entries keep the shape they always had.
    return {"source": problem.source, "line": problem.line} if problem.source else {"line": problem.line}



def shifted(summary: AuditSummary, lines: int) -> AuditSummary:
    """*summary* of a later part of its sources, *lines* lines in: every line number moved on by *lines*."""
    return replace(
        summary,
        malformed_examples=[replace(problem, line=problem.line + lines) for problem in summary.malformed_examples],
        worst=[replace(problem, line=problem.line + lines) for problem in summary.worst],
    )


def count_malformed(summary: AuditSummary, source: str, line: int, code: str, reason: str) -> None:
    summary.malformed += 1
    summary.malformed_kinds[code] += 1
    if len(summary.malformed_examples) < MALFORMED_EXAMPLES:
        summary.malformed_examples.append(MalformedLine(line, code, mask_digit_runs(reason), source))


def counted(counter: Mapping[str, int]) -> dict[str, int]:
    """*counter*'s counts, most frequent first, ties by name: the same whatever order chunks were merged in."""
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _in_words(counter: Counter[str]) -> dict[str, int]:
    # A code's words are unique in the table: counted by code, told by words, nothing merges.
    return {FINDING_CODES[code]: count for code, count in counted(counter).items()}


def worst(problems: list[LineProblem]) -> list[LineProblem]:
    return sorted(problems, key=lambda problem: (-problem.findings, problem.source, problem.line))[:WORST_LINES]



def rule_table(counter: Mapping[str, int]) -> list[str]:
    """Lines of a "count  rule" table, most frequent first."""
    return [f"{count:>9}  {rule}" for rule, count in counted(Counter(counter)).items()]


def code_table(counter: Mapping[str, int]) -> list[str]:
    """Lines of a "count  code: words" table of findings by code, most frequent first."""
    return [f"{count:>9}  {code}: {FINDING_CODES[code]}" for code, count in counted(Counter(counter)).items()]
