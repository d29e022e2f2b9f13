"""Tables as text or HTML: the one layout every result and output format uses.

It knows only :class:`~rubric.components.Table`, so result objects at any
layer render through it (``str(result)``, ``_repr_html_`` in a notebook) and
the built-in output formats (:mod:`rubric.formats.tables`) are thin plugins
over it — the formats depend on the rendering, never the reverse.

On a terminal, text tables fit its width (``shutil.get_terminal_size``, so
``COLUMNS`` is honoured): prose columns wrap narrower, numbers never wrap, and
a table still too wide is split into blocks of columns, each repeating the
first.  Anywhere else (a pipe, a file) the layout does not depend on a width.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from html import escape
from typing import Any, Optional, Sequence

from rubric.components import Table, tidy_records

__all__ = ["FLOAT_FORMAT", "MIN_WRAP_WIDTH", "WRAP_WIDTH", "Rendered", "render", "terminal_width"]

#: Decimal places in rendered tables; JSON and CSV keep full precision.
FLOAT_FORMAT = ".3f"
#: Columns with longer text (rationales, summaries) are wrapped to this width.
WRAP_WIDTH = 72
#: Prose columns never wrap narrower than this to fit a terminal.
MIN_WRAP_WIDTH = 16


def terminal_width() -> Optional[int]:
    """The width of the terminal stdout writes to, or ``None`` when it is not a terminal."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):  # replaced or closed stdout
        return None
    return shutil.get_terminal_size().columns


def _cell(cell: Any) -> Any:
    # A Rank shows its tie marker ("2="); as text, so that a column of ranks
    # aligns the same way whether or not one is shared.
    if hasattr(cell, "tied"):
        return str(cell)
    # What rounds to zero prints as 0.000, not "-0.000" (float noise such as -1e-17).
    if type(cell) is float and -5e-4 < cell < 0:
        return 0.0
    return cell


def _prose_columns(rows: Sequence[Sequence[Any]], columns: int) -> list[bool]:
    """Which columns hold prose (text with spaces): only those may wrap."""
    return [any(isinstance(row[j], str) and " " in row[j] for row in rows) for j in range(columns)]


def _widths(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> list[Optional[int]]:
    """Wrap only the columns that hold long prose: numbers and URLs stay on one line."""
    widths: list[Optional[int]] = []
    for column in range(len(headers)):
        long = [c for row in rows if isinstance(c := row[column], str) and len(c) > WRAP_WIDTH]
        widths.append(WRAP_WIDTH if any(" " in c for c in long) else None)
    return widths


def _tabulate(table: Table, rows: list, headers: list, columns: Sequence[int], tablefmt: str, widths) -> str:
    from tabulate import tabulate

    fmt = table.float_format or FLOAT_FORMAT
    # Rank columns stay text ("2" beside "2="), so they align as one.
    ranks = [k for k, j in enumerate(columns) if any(hasattr(row[j], "tied") for row in table.rows)]
    return tabulate(
        [[row[j] for j in columns] for row in rows],
        headers=[headers[j] for j in columns],
        tablefmt=tablefmt,
        floatfmt=[fmt[j] for j in columns] if isinstance(fmt, (list, tuple)) else fmt,
        missingval="n/a",
        disable_numparse=ranks or False,
        maxcolwidths=[widths[j] for j in columns] if rows else None,
    )


def _span(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _body(table: Table, tablefmt: str, width: Optional[int]) -> str:
    """The table's body; on a terminal narrowed (prose) and split (columns) to ``width``."""
    rows = [[_cell(cell) for cell in row] for row in table.rows]
    headers = list(table.headers)
    columns = list(range(len(headers)))
    widths: list[Optional[int]] = _widths(rows, headers) if rows else [None] * len(headers)
    body = _tabulate(table, rows, headers, columns, tablefmt, widths)
    if width is None or _span(body) <= width or not rows:
        return body
    prose = _prose_columns(rows, len(headers))
    for _ in range(len(headers) * 4):  # each pass narrows the widest prose column
        natural = {j: max(len(line) for row in rows for line in str(row[j]).splitlines() or [""]) for j in columns if prose[j]}
        current = {j: min(widths[j] or natural[j], natural[j]) for j in natural}
        wide = [j for j in current if current[j] > MIN_WRAP_WIDTH]
        if not wide:
            break
        j = max(wide, key=lambda k: current[k])
        widths[j] = max(MIN_WRAP_WIDTH, current[j] - (_span(body) - width))
        body = _tabulate(table, rows, headers, columns, tablefmt, widths)
        if _span(body) <= width:
            return body
    # Still too wide: blocks of columns, each repeating the first.
    blocks, block = [], [0]
    for j in columns[1:]:
        if len(block) > 1 and _span(_tabulate(table, rows, headers, [*block, j], tablefmt, widths)) > width:
            blocks.append(block)
            block = [0]
        block.append(j)
    blocks.append(block)
    return "\n\n".join(_tabulate(table, rows, headers, b, tablefmt, widths) for b in blocks)


def render(tables: Sequence[Table], tablefmt: str = "simple", width: Optional[int] = None) -> str:
    """The tables in one of tabulate's formats, each with its title and notes.

    ``width``: fit text to this many columns (default: the terminal's, see
    :func:`terminal_width`; none when stdout is not a terminal).
    """
    markup = "html" in tablefmt or "latex" in tablefmt
    if width is None and not markup:
        width = terminal_width()
    parts = []
    for table in tables:
        body = _body(table, tablefmt, None if markup else width)
        if "html" in tablefmt:
            notes = "".join(f"<p>{escape(note)}</p>" for note in table.notes)
            parts.append(f"<h3>{escape(table.title)}</h3>\n{body}\n{notes}")
        elif "latex" in tablefmt:
            notes = "".join(f"\n% {note}" for note in table.notes)
            parts.append(f"% {table.title}\n{body}{notes}")
        else:
            wrap = (lambda text: textwrap.fill(text, width, break_on_hyphens=False)) if width else (lambda text: text)
            notes = "".join(f"\n{wrap(note)}" for note in table.notes)
            parts.append(f"{wrap(table.title)}\n\n{body}{notes}" if table.title else body + notes)
    return "\n\n".join(parts)


class Rendered:
    """Shared by every result object: ``str()`` is text tables, notebooks get HTML, data as records."""

    def tables(self) -> list[Table]:  # pragma: no cover - overridden
        raise NotImplementedError

    def to_records(self) -> list:
        """The tables' data as tidy records, as JSON and CSV write them (``pandas.DataFrame(records)``)."""
        return tidy_records(self.tables())

    def __str__(self) -> str:
        return render(self.tables(), "simple")

    def _repr_html_(self) -> str:
        return render(self.tables(), "html")
