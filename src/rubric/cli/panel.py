"""The panel workflow's commands: tidy exports, rating sheets out and in (and ``rubric new assessment``)."""

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


def assessed_criteria(rubrics, registry) -> dict:
    """Rubric id -> the ids of the criteria a rater scores (plugin kinds may be assessed too)."""
    return {r.id: [c.id for c in r.criteria if registry.criterion_kind(c.kind).assessed] for r in rubrics}


def new_sheet(args) -> list:
    """``rubric new sheet``: the workbook, written whole or not at all, never over a file without ``--force``."""
    import os

    from rubric.loading import ID_PATTERN
    from rubric.sheets.workbook import default_name, write_sheet

    if not ID_PATTERN.match(args.rater):
        raise UsageError(f"--rater: expected a name of lowercase letters, digits, '-' or '_', found {args.rater!r}")
    project, rubrics = load(args)
    path = args.output or default_name(args.rater)
    if os.path.lexists(path) and not args.force:
        raise UsageError(f"{path} already exists; choose another name with -o, or pass --force to replace it")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        assessed = assessed_criteria(rubrics, project.registry)[rubrics[0].id]
        write_sheet(temporary, rubrics[0], project.proposals, args.rater, assessed)
        os.replace(temporary, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return [path]


def cmd_import(args) -> int:
    from rubric.scaffold.files import write_files
    from rubric.sheets.importing import assessment_files, import_sheets

    for sheet in args.sheets:
        if not sheet.is_file():
            raise UsageError(f"{sheet}: no such file")
    args.paths = args.proposals or []
    project, rubrics = load(args)
    assessed = assessed_criteria(rubrics, project.registry)
    imported = import_sheets(args.sheets, rubrics, project.proposals, assessed)
    if not imported:
        raise UsageError(f"no rated rows in {', '.join(map(str, args.sheets))}: fill in a score, then import again")
    origin = ", ".join(sheet.name for sheet in args.sheets)
    files = assessment_files(imported, project.proposals, assessed, args.dir, origin)
    for path in write_files(files, force=args.force):
        print(f"rubric: wrote {path}", file=sys.stderr)
    return EXIT_OK
