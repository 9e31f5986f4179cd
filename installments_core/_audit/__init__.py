"""Batch audits: validate a log of get-plans responses, one JSON document per line, on every core or on Dask.

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

from .audit_summary import MALFORMATIONS, AuditSummary, LineProblem, MalformedLine, code_table, rule_table
from .local import CHUNK_LINES, DEFAULT_MAX_LINE_BYTES, audit_lines, available_workers, line_bound, worker_count

__all__ = ["CHUNK_LINES", "DEFAULT_MAX_LINE_BYTES", "MALFORMATIONS", "AuditSummary", "LineProblem", "MalformedLine",
           "audit_lines", "available_workers", "code_table", "line_bound", "rule_table", "worker_count"]
