"""Tables as text or HTML: the one layout every result and output format uses.

It knows only :class:`~rubric.components.Table`, so result objects at any
layer render through it (``str(result)``, ``_repr_html_`` in a notebook) and
the built-in output formats (:mod:`rubric.formats.tables`) are thin plugins
over it — the formats depend on the rendering, never the reverse.
"""

from __future__ import annotations

from html import escape
from typing import Any, Optional, Sequence

from rubric.components import Table

__all__ = ["FLOAT_FORMAT", "WRAP_WIDTH", "Rendered", "render"]

#: Decimal places in rendered tables; JSON and CSV keep full precision.
FLOAT_FORMAT = ".3f"
#: Columns with longer text (rationales, summaries) are wrapped to this width.
WRAP_WIDTH = 72


def _cell(cell: Any) -> Any:
    # A Rank shows its tie marker ("2="); as text, so that a column of ranks
    # aligns the same way whether or not one is shared.
    if hasattr(cell, "tied"):
        return str(cell)
    # What rounds to zero prints as 0.000, not "-0.000" (float noise such as -1e-17).
    if type(cell) is float and -5e-4 < cell < 0:
        return 0.0
    return cell


def _widths(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> list[Optional[int]]:
    """Wrap only the columns that hold long prose: numbers and URLs stay on one line."""
    widths: list[Optional[int]] = []
    for column in range(len(headers)):
        long = [c for row in rows if isinstance(c := row[column], str) and len(c) > WRAP_WIDTH]
        widths.append(WRAP_WIDTH if any(" " in c for c in long) else None)
    return widths


def render(tables: Sequence[Table], tablefmt: str = "simple") -> str:
    """The tables in one of tabulate's formats, each with its title and notes."""
    from tabulate import tabulate

    parts = []
    for table in tables:
        rows = [[_cell(cell) for cell in row] for row in table.rows]
        # Rank columns stay text ("2" beside "2="), so they align as one.
        rank_columns = sorted({j for row in table.rows for j, cell in enumerate(row) if hasattr(cell, "tied")})
        body = tabulate(
            rows,
            headers=list(table.headers),
            tablefmt=tablefmt,
            floatfmt=table.float_format or FLOAT_FORMAT,
            missingval="n/a",
            disable_numparse=rank_columns or False,
            maxcolwidths=_widths(rows, table.headers) if rows else None,
        )
        if "html" in tablefmt:
            notes = "".join(f"<p>{escape(note)}</p>" for note in table.notes)
            parts.append(f"<h3>{escape(table.title)}</h3>\n{body}\n{notes}")
        elif "latex" in tablefmt:
            notes = "".join(f"\n% {note}" for note in table.notes)
            parts.append(f"% {table.title}\n{body}{notes}")
        else:
            notes = "".join(f"\n{note}" for note in table.notes)
            parts.append(f"{table.title}\n\n{body}{notes}" if table.title else body + notes)
    return "\n\n".join(parts)


class Rendered:
    """Shared by every result object: ``str()`` is text tables, notebooks get HTML."""

    def tables(self) -> list[Table]:  # pragma: no cover - overridden
        raise NotImplementedError

    def __str__(self) -> str:
        return render(self.tables(), "simple")

    def _repr_html_(self) -> str:
        return render(self.tables(), "html")
