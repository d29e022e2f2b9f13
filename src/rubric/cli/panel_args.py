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
    """``export``, ``import``, ``snapshot`` and ``diff``, ``new assessment`` and ``new sheet``.

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
    rater_options(new_assessment, "the file's rater and its name", assessments, plugins)
    new_assessment.add_argument(
        "--dir", type=Path, default=Path("assessments"), metavar="DIR", help="folder to write in (default: ./assessments)"
    )

    new_sheet = new_command(
        "sheet",
        "write a rating workbook: one row per proposal x criterion with its question, the scale's labels as a drop-down, "
        "the proposals' summaries and sources on a second sheet (needs the [excel] extra)",
        "rubric new sheet --rubric open-source-ai --rater analyst-d -o ratings.xlsx",
    )
    rater_options(new_sheet, "written in every row", assessments, plugins)
    new_sheet.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="the workbook to write (default: ratings-RATER.xlsx)"
    )

    imports = command(
        "import",
        "check filled rating sheets (XLSX or CSV) row by row and write their ratings as assessment files; "
        "if any row is wrong, every problem is listed and nothing is written",
        "rubric import ratings.xlsx",
    )
    imports.add_argument("sheets", nargs="+", type=Path, metavar="SHEET", help="filled rating sheets: .xlsx or .csv files")
    imports.add_argument(
        "--proposals", action="append", type=Path, metavar="PATH", help="proposal files or folders rated (default: ./proposals)"
    )
    common(imports, proposals=False)
    assessments(imports)
    imports.add_argument(
        "--dir", type=Path, default=Path("assessments"), metavar="DIR", help="folder to write in (default: ./assessments)"
    )
    imports.add_argument("--force", action="store_true", help="replace assessment files of the same name")

    snapshot = command(
        "snapshot",
        "write this run's results with the SHA-256 of every input file, as JSON: the baseline `compare --baseline` "
        "and `rubric diff` compare with",
        "rubric snapshot -o baseline.json",
    )
    common(snapshot)
    schemes(snapshot)
    snapshot.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write, replaced if it exists (or stdout)")

    diff = command(
        "diff",
        "what changed since a git revision of the project: each proposal's score and rank, proposals added or removed, "
        "input files changed (reads the files at REV with git show)",
        "rubric diff HEAD~1 --rubric open-source-ai",
    )
    diff.add_argument("revision", metavar="REV", help="a git revision: a commit, a tag, HEAD~1, main…")
    common(diff)
    schemes(diff)
    diff.add_argument("-f", "--format", default="simple", metavar="FORMAT", help="output format, as for compare")


def rater_options(sub: argparse.ArgumentParser, rater_help: str, assessments: Options, plugins: Options) -> None:
    """What ``new assessment`` and ``new sheet`` both take: the proposals, the rater and the rubric to rate under."""
    sub.add_argument(
        "paths", nargs="*", type=Path, metavar="PROPOSALS", help="proposal files or folders to rate (default: ./proposals)"
    )
    sub.add_argument("--rater", required=True, metavar="NAME", help=f"who rates: {rater_help}")
    sub.add_argument("--rubric", required=True, metavar="RID", help="the id of the rubric to rate under")
    sub.add_argument("--rubrics", action="append", type=Path, metavar="PATH", help="rubric files or folders to find RID in")
    assessments(sub)
    plugins(sub)
