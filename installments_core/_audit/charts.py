"""The HTML report's charts: bar charts drawn by matplotlib as SVG, to be inlined in the page.

matplotlib (the ``report`` extra) is imported only here, and only when a report is asked for: a plain audit never
pays for it.  The SVG holds its text as text (``svg.fonttype: none``: the page's reader's fonts draw it, none is
embedded or fetched), never reads ``$…$`` as mathematics, carries no metadata (matplotlib's names its home page),
and takes its element ids from the chart's name, so that several charts share one page and the same audit draws
the same page.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import Final

from .._errors import mask_digit_runs
from .extras import needs_extra

__all__ = ["bar_chart", "require_charts"]

_LONGEST_LABEL: Final = 44
"""Characters of a label a chart shows; the table beside it has the whole text."""
_COLOR: Final = "#b03a2e"
_INK: Final = "#333333"


def require_charts(*, path: str) -> None:
    """Nothing, when the ``report`` extra is installed; otherwise the error naming it, at *path*."""
    with needs_extra("report", path=path):
        import matplotlib  # noqa: F401


def _label(text: str) -> str:
    # Masked like every output; on one line; cut short at the start (a field path's end names the field, and a
    # long one would squeeze the bars to nothing).
    shown = "".join(character if character.isprintable() else " " for character in mask_digit_runs(text))
    return shown if len(shown) <= _LONGEST_LABEL else "…" + shown[1 - _LONGEST_LABEL:]


def bar_chart(bars: Sequence[tuple[str, int]], *, name: str, across: bool, counted: str) -> str:
    """An SVG ``<svg>`` element: one bar per (label, count) of *bars*, in their order, each with its count.

    *across* lays the bars out horizontally, one labelled row each (long labels, many bars); otherwise they
    stand side by side along an axis in the order given (a distribution).  *counted* names what the counts count.
    """
    with needs_extra("report", path="html"):
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    labels = [_label(label) for label, _ in bars]
    counts = [count for _, count in bars]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": name, "text.parse_math": False,
                                "font.size": 10, "text.color": _INK, "axes.labelcolor": _INK, "xtick.color": _INK,
                                "ytick.color": _INK}), warnings.catch_warnings():
        # Text is measured with matplotlib's own font to lay the chart out; a character it lacks (a currency
        # written in another script) is drawn by the reader's fonts all the same.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        size = (9, 0.9 + 0.3 * len(bars)) if across else (min(9, 0.3 * len(bars) + 2), 3.4)
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        places = range(len(bars))
        if across:
            drawn = axes.barh(places, counts, color=_COLOR)
            axes.set_yticks(places, labels)
            axes.invert_yaxis()  # the first bar on top
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes.set_xlabel(counted)
            axes.margins(x=0.08)  # room for the last bar's count
        else:
            drawn = axes.bar(places, counts, color=_COLOR)
            crowded = len(bars) > 8
            axes.set_xticks(places, labels, rotation=45 if crowded else 0, ha="right" if crowded else "center")
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            axes.set_ylabel(counted)
            axes.margins(y=0.12)
        axes.bar_label(drawn, labels=[f"{count:,}" if count else "" for count in counts], padding=2,
                       fontsize=10 if across else 7)  # side by side, narrow bars: smaller, so counts never touch
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        svg = io.StringIO()
        figure.savefig(svg, format="svg", metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
    text = svg.getvalue()
    # The XML declaration and the DTD (an external URL) belong to a standalone file, not to an element in a page.
    return text[text.index("<svg"):]
