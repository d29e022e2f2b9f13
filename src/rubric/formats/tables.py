"""Every tabulate format as an output format (``--format github``, ``latex``…)."""

from __future__ import annotations

from functools import partial

from rubric import hookimpl
from rubric.components import OutputFormat
from rubric.rendering import render


@hookimpl
def rubric_output_formats():
    from tabulate import tabulate_formats

    return [OutputFormat(name, partial(render, tablefmt=name), f"tabulate's {name!r} table format") for name in tabulate_formats]
