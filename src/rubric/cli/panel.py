"""The panel workflow's commands: tidy exports (and, through ``rubric new``, assessment files)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from rubric.cli.common import UsageError, evaluate_rubrics, load

EXIT_OK = 0


def cmd_export(args) -> int:
    from rubric import tabular
    from rubric.tidy import ratings_table, results_table

    if args.format == "xlsx" and args.output is None:
        raise UsageError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    if args.what == "all" and args.format != "xlsx":
        raise UsageError("`export all` needs --format xlsx (one sheet per table); CSV and JSON lines hold one table each")
    project, rubrics = load(args)
    tables = []
    if args.what in ("ratings", "all"):
        tables.append(ratings_table(rubrics, project.proposals))
    if args.what in ("results", "all"):
        tables.append(results_table(evaluate_rubrics(project, rubrics, args.scheme)))
    if args.format == "xlsx":
        try:
            tabular.write_xlsx(tables, args.output)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    else:
        text = (tabular.to_csv if args.format == "csv" else tabular.to_jsonl)(tables[0])
        write_text(text, args.output)
    if args.output is not None:
        print(f"rubric: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def write_text(text: str, path: Optional[Path]) -> None:
    """To the file (its line ends kept as they are), else to stdout."""
    if path is None:
        sys.stdout.write(text)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
