"""The audit as one HTML page, for people who would rather look than read: the totals; error-level findings by
code, by field, by currency and format; the distribution of their deltas in minor units; the fee conventions and
rounding policies inferred; the worst lines and the malformed ones, each with its source and line number.

One self-contained file: the style inline, the charts inline SVG (:mod:`.charts`), no script, and a
Content-Security-Policy that allows no request of any kind, so the page opens offline and a browser fetches nothing
for it.  Every text in it is masked (card numbers, as on every output) and escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Final

from .._errors import mask_digit_runs
from .._findings import FINDING_CODES
from .audit_summary import MALFORMATIONS, AuditSummary, counted
from .charts import bar_chart
from .tally import FRACTIONS, FindingsTally, band_label

__all__ = ["report_page"]

_MOST_BARS: Final = 20
"""Fields, or currencies and formats, that the page shows: the most frequent."""
_STDIN: Final = "standard input"

_STYLE: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0 auto;
       max-width: 72rem; padding: 1.5rem; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.3rem; }
.verdict { display: inline-block; padding: 0.2rem 0.7rem; border-radius: 0.3rem; font-weight: 600; color: #fff; }
.ok { background: #2e7d32; } .not-ok { background: #b03a2e; }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.8rem; }
.total { border: 1px solid #ddd; border-radius: 0.4rem; padding: 0.7rem 0.9rem; }
.total .value { font-size: 1.6rem; font-weight: 600; } .total .label { color: #555; }
.chart svg { max-width: 100%; height: auto; }
.beside { display: flex; flex-wrap: wrap; gap: 0 2.5rem; align-items: flex-start; }
.beside > .chart { flex: 1 1 30rem; min-width: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; } th, td { padding: 0.3rem 0.7rem; text-align: left; }
th { border-bottom: 2px solid #ccc; } td { border-bottom: 1px solid #eee; vertical-align: top; }
td.count, th.count { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 0.9em; overflow-wrap: anywhere; } .none { color: #666; font-style: italic; }
"""

# No request of any kind: not a script, a style sheet, a font or an image; the inline style and SVG only.
_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _text(value: object) -> str:
    """*value* as page text: masked, then escaped (quotes too: some of it lands in attributes)."""
    return escape(mask_digit_runs(str(value)), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, counts: Sequence[int] = ()) -> str:
    """A table; the columns at *counts* hold numbers, right-aligned with thousands separated."""

    def cell(tag: str, column: int, value: object) -> str:
        shown = f"{value:,}" if column in counts and isinstance(value, int) else _text(value)
        return f'<{tag} class="count">{shown}</{tag}>' if column in counts else f"<{tag}>{shown}</{tag}>"

    head = "".join(cell("th", column, header) for column, header in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", column, value) for column, value in enumerate(row)) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(bars: Sequence[tuple[str, int]], *, name: str, across: bool = True, counted: str = "findings") -> str:
    return f'<div class="chart">{bar_chart(bars, name=name, across=across, counted=counted)}</div>'


def _beside(*parts: str) -> str:
    return f'<div class="beside">{"".join(parts)}</div>'


def _none(words: str) -> str:
    return f'<p class="none">{_text(words)}</p>'


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{_text(title)}</h2>{''.join(parts)}</section>"


def _totals(summary: AuditSummary) -> str:
    totals = [
        ("lines read", f"{summary.lines:,}"),
        ("responses ok", f"{summary.responses_ok:,} of {summary.responses:,}"),
        ("plans ok", f"{summary.plans_ok:,} of {summary.plans:,}"),
        ("error-level findings", f"{summary.rules.total():,}"),
        ("warnings", f"{summary.warnings.total():,}"),
        ("malformed lines", f"{summary.malformed:,}"),
        ("blank lines", f"{summary.blank:,}"),
    ]
    cards = "".join(f'<div class="total"><div class="value">{_text(value)}</div>'
                    f'<div class="label">{_text(label)}</div></div>' for label, value in totals)
    return f'<div class="totals">{cards}</div>'


def _by_code(summary: AuditSummary) -> str:
    if not summary.rules:
        parts = [_none("No error-level findings.")]
    else:
        codes = counted(summary.rules)
        parts = [_chart(list(codes.items()), name="codes"),
                 _table(["code", "rule", "findings"], ((code, FINDING_CODES[code], count)
                                                        for code, count in codes.items()), counts=[2])]
    if summary.warnings:
        parts += ["<h3>Warnings</h3>",
                  _table(["code", "rule", "warnings"], ((code, FINDING_CODES[code], count)
                                                         for code, count in counted(summary.warnings).items()),
                         counts=[2])]
    return _section("Findings by code", *parts)


def _ranked(title: str, counts: Mapping[str, int], *, name: str, what: str, beside: bool) -> str:
    """A section of the most frequent of *counts* (of error-level findings by *what*), charted and listed."""
    if not counts:
        return _section(title, _none("No error-level findings."))
    ranked = list(counted(counts).items())
    shown = ranked[:_MOST_BARS]
    chart, table = _chart(shown, name=name), _table([what, "findings"], shown, counts=[1])
    parts = [_beside(chart, table)] if beside else [chart, table]
    if len(ranked) > len(shown):
        rest = sum(count for _, count in ranked[len(shown):])
        parts.append(f"<p>and {len(ranked) - len(shown):,} more, with {rest:,} findings in all.</p>")
    return _section(title, *parts)


def _by_field(tally: FindingsTally) -> str:
    return _ranked("Findings by field", tally.fields, name="fields", what="field", beside=False)


def _by_currency_and_format(tally: FindingsTally) -> str:
    pairs = Counter({f"{currency or 'currency unknown'} · {format_}": count
                     for (currency, format_), count in tally.currencies_formats.items()})
    return _ranked("Findings by currency and format", pairs, name="currencies", what="currency · format",
                   beside=True)


def _deltas(tally: FindingsTally) -> str:
    title = "Deltas in minor units"
    if not tally.deltas:
        return _section(title, _none("No finding with a delta."))
    # Every band between the extremes found, the empty ones too: a gap in a distribution is part of its shape.
    whole = [band for band in tally.deltas if band != FRACTIONS]
    shown = [*range(min(whole), max(whole) + 1)] if whole else []
    shown += [FRACTIONS] if FRACTIONS in tally.deltas else []
    bands = [(band_label(band), tally.deltas[band]) for band in shown]
    intro = ("<p>How far each value found was from the value recomputed, in the currency's minor units (cents), "
             "for the findings that have a delta: whole deltas up to ten each their own bar, larger ones by "
             "decade.</p>")
    return _section(title, intro, _beside(_chart(bands, name="deltas", across=False),
                                          _table(["delta", "findings"], [band for band in bands if band[1]],
                                                 counts=[1])))


def _inferred(summary: AuditSummary) -> str:
    intro = ("<p>Per plan: the fee convention it follows (<code>either</code> when no upfront fee tells them "
             "apart), and the rounding policy that reproduced it (<code>visa</code> for conforming plans; another "
             "name where the issuer rounds its own way).</p>")
    tables = [f"<div><h3>{_text(title)}</h3>"
              + (_table(["name", "plans"], counted(counter).items(), counts=[1]) if counter else _none("None."))
              + "</div>"
              for title, counter in (("Fee conventions", summary.conventions),
                                     ("Rounding policies", summary.policies))]
    return _section("Conventions and rounding policies inferred", intro, _beside(*tables))


def _where(source: str) -> str:
    return source or _STDIN


def _worst(summary: AuditSummary) -> str:
    if not summary.worst:
        return _section("Worst lines", _none("No line has an error-level finding."))
    # A line number is written as every tool writes one (grep -n, an editor's go-to-line): without separators.
    rows = ((_where(problem.source), str(problem.line), problem.findings, problem.first) for problem in summary.worst)
    return _section("Worst lines", "<p>The lines with the most error-level findings, with the first of them.</p>",
                    _table(["source", "line", "findings", "first finding"], rows, counts=[1, 2]))


def _malformed(summary: AuditSummary) -> str:
    if not summary.malformed:
        return _section("Malformed lines", _none("None."))
    kinds: Mapping[str, int] = counted(summary.malformed_kinds)
    rows = ((_where(problem.source), str(problem.line), problem.code, problem.reason)
            for problem in summary.malformed_examples)
    return _section("Malformed lines",
                    _table(["kind", "what the line is", "lines"],
                           ((code, MALFORMATIONS[code], count) for code, count in kinds.items()), counts=[2]),
                    "<h3>The first of them</h3>", _table(["source", "line", "kind", "why"], rows, counts=[1]))


def report_page(summary: AuditSummary, tally: FindingsTally) -> str:
    """The page for *summary* and the findings counted in *tally*, as HTML text."""
    verdict = ('<span class="verdict ok">OK</span>' if summary.ok
               else '<span class="verdict not-ok">NOT OK</span>')
    body = "".join([
        f"<h1>Audit of get-plans responses {verdict}</h1>",
        "<p>Every line read is a response, a malformed line or a blank line. The charts count error-level "
        "findings: discrepancies and unreadable parts; warnings are listed apart.</p>",
        _totals(summary), _by_code(summary), _by_field(tally), _by_currency_and_format(tally), _deltas(tally),
        _inferred(summary), _worst(summary), _malformed(summary),
    ])
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Audit of get-plans responses</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>\n")
