"""The arguments of the panel workflow: assessment files and rating sheets out, ratings in, tidy exports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

Command = Callable[..., argparse.ArgumentParser]
Options = Callable[..., None]
EXPORT_FORMATS = ("csv", "jsonl", "xlsx")


def add_panel_commands(
    command: Command, new_command: Command, *, common: Options, assessments: Options, plugins: Options, schemes: Options
) -> None:
    """``export``, and ``new assessment``.

    :mod:`rubric.cli.parser` hands in how it makes a (``new``) sub-command and
    the option sets every command shares, so that this module need not import
    it back.
    """
    export = command(
        "export",
        "write tidy data: every rating (ratings), every score and rank (results), or both (all, XLSX only), "
        "as one long table in CSV, JSON lines or XLSX",
        "rubric export ratings --format xlsx -o ratings.xlsx",
    )
    export.add_argument("what", choices=("ratings", "results", "all"), metavar="TABLE", help="ratings, results or all")
    common(export)
    schemes(export)
    export.add_argument(
        "-f", "--format", choices=EXPORT_FORMATS, default="csv", help="csv (the default), jsonl (JSON lines) or xlsx"
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write, replaced if it exists (default: stdout; xlsx needs one)"
    )

    new_assessment = new_command(
        "assessment",
        "write DIR/RATER.toml: a blank assessment file asking every question of the rubric for each proposal",
        "rubric new assessment --rubric open-source-ai --rater analyst-d",
    )
    new_assessment.add_argument(
        "paths", nargs="*", type=Path, metavar="PROPOSALS", help="proposal files or folders to rate (default: ./proposals)"
    )
    new_assessment.add_argument("--rater", required=True, metavar="NAME", help="who rates: the file's rater and its name")
    new_assessment.add_argument("--rubric", required=True, metavar="RID", help="the id of the rubric to rate under")
    new_assessment.add_argument(
        "--rubrics", action="append", type=Path, metavar="PATH", help="rubric files or folders to find RID in"
    )
    new_assessment.add_argument(
        "--dir", type=Path, default=Path("assessments"), metavar="DIR", help="folder to write in (default: ./assessments)"
    )
    assessments(new_assessment)
    plugins(new_assessment)
