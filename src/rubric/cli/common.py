"""What every command does: load the project, pick rubrics and schemes, evaluate, print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

from rubric.errors import RubricError, did_you_mean


class UsageError(RubricError):
    """The command line asks for something that does not exist."""



def load(args, *, collect=None, strict=False):
    from rubric.loading import load_project

    rubric_paths = args.rubrics or [Path("rubrics")]
    paths = getattr(args, "paths", None) or ([Path("proposals")] if hasattr(args, "paths") else [])
    if args.rubric and Path(args.rubric).suffix == ".toml" and Path(args.rubric).is_file():
        rubric_paths, args.rubric = [Path(args.rubric)], None
    for path in [*rubric_paths, *paths, *args.plugin]:
        if not path.exists():
            hint = " (run from a project folder with rubrics/ and proposals/, or name them)" if path in (Path("rubrics"), Path("proposals")) else ""
            raise UsageError(f"{path}: no such file or folder{hint}")
    autoload = False if args.no_plugin_autoload else None
    project = load_project(rubric_paths, paths, plugin_files=args.plugin, autoload=autoload, collect=collect, strict=strict)
    if paths and not project.proposals and collect is None:
        print(f"rubric: no proposals found in {', '.join(map(str, paths))}", file=sys.stderr)
    rubrics = project.rubrics
    if args.rubric:
        known = [r.id for r in rubrics]
        if args.rubric not in known:
            raise UsageError(f"--rubric: no rubric has id {args.rubric!r}{did_you_mean(args.rubric, known)}")
        rubrics = tuple(r for r in rubrics if r.id == args.rubric)
    if not rubrics and collect is None:
        raise UsageError(f"no rubrics found in {', '.join(map(str, rubric_paths))}")
    return project, rubrics


def check_schemes(rubrics, schemes: Optional[Sequence[str]]) -> None:
    for rubric in rubrics:
        known = [s.id for s in rubric.schemes]
        for scheme in schemes or ():
            if scheme not in known:
                raise UsageError(
                    f"--scheme: rubric {rubric.id!r} has no scheme {scheme!r}{did_you_mean(scheme, known)} "
                    "(use --rubric to pick one rubric)"
                )


def evaluate_rubrics(project, rubrics, schemes=None, methods=()):
    from rubric.engine import evaluate

    check_schemes(rubrics, schemes)
    known = project.registry.names("aggregation method")
    for method in methods:
        if method not in known:
            raise UsageError(f"--methods: unknown aggregation method {method!r}{did_you_mean(method, known)}")
    return [evaluate(r, project.proposals, schemes=schemes, methods=methods, registry=project.registry) for r in rubrics]


def emit(project, args, tables) -> None:
    known = project.registry.names("output format")
    if args.format not in known:
        raise UsageError(f"--format: unknown output format {args.format!r}{did_you_mean(args.format, known)}")
    text = project.registry.output_format(args.format).render(tables)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
