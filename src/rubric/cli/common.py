"""What every command does: load the project, pick rubrics and schemes, evaluate, print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

from rubric.errors import InputError, RubricError, UnknownRubricError, did_you_mean


class UsageError(RubricError):
    """The command line asks for something that does not exist."""


def plugin_settings(args) -> dict:
    """``load_project``'s plugin arguments from the plugin options.

    Lenient: an installed plugin that fails is a warning, not an error, since
    the rubrics in use may not need it (if one does, its unknown kind names it).
    """
    return {
        "plugin_files": args.plugin,
        "autoload": False if args.no_plugin_autoload else None,
        "block": args.block,
        "rubric_plugins": not args.no_rubric_plugins,
        "lenient": True,
    }


def warn(project) -> None:
    for warning in project.warnings:
        print(f"rubric: warning: {warning}", file=sys.stderr)


def load(args, *, collect=None, strict=False):
    """Load the rubrics the command uses (``--rubric``, or all) and the proposals.

    Only the rubrics in use have their plugins loaded and are checked; other
    rubric files' problems and installed plugins' failures are warnings.
    """
    from rubric.loading import load_project

    rubric_paths = args.rubrics or [Path("rubrics")]
    paths = getattr(args, "paths", None) or ([Path("proposals")] if hasattr(args, "paths") else [])
    if args.rubric and Path(args.rubric).suffix == ".toml" and Path(args.rubric).is_file():
        rubric_paths, args.rubric = [Path(args.rubric)], None
    for path in [*rubric_paths, *paths, *args.plugin, *(getattr(args, "assessments", None) or ())]:
        if not path.exists():
            defaulted = path in (Path("rubrics"), Path("proposals"))
            hint = " (run from a project folder with rubrics/ and proposals/, or name them)" if defaulted else ""
            raise UsageError(f"{path}: no such file or folder{hint}")
    use = [args.rubric] if args.rubric else None
    assessments, some_proposals = assessment_paths(args, paths)
    try:
        project = load_project(
            rubric_paths,
            paths,
            collect=collect,
            use=use,
            strict=strict,
            assessment_paths=assessments,
            some_proposals=some_proposals,
            **plugin_settings(args),
        )
    except UnknownRubricError as exc:
        raise UsageError(f"--rubric: {exc}") from None
    warn(project)
    if paths and not project.proposals and collect is None:
        print(f"rubric: no proposals found in {', '.join(map(str, paths))}", file=sys.stderr)
    own_rubrics = rubric_paths == [Path("rubrics")] and use is None  # else the project file's ids are not all loaded
    rubrics = project_order(project, own_rubrics=own_rubrics, collect=collect)
    if not rubrics and collect is None:
        raise UsageError(f"no rubrics found in {', '.join(map(str, rubric_paths))}")
    return project, rubrics


def assessment_paths(args, proposal_paths) -> tuple[list, bool]:
    """``--assessments``, else ``./assessments`` if there is one; and whether it may rate proposals not loaded.

    The default folder rates the proposals of ``./proposals``: naming some of
    them leaves out its ratings of the others, while a folder named with
    ``--assessments`` must rate only proposals that are loaded.
    """
    given = getattr(args, "assessments", None)
    if given:
        return given, False
    default = Path("assessments")
    some = proposal_paths != [Path("proposals")]
    return ([default] if default.is_dir() else []), some


def project_order(project, *, own_rubrics: bool, collect=None) -> tuple:
    """The project's rubrics in the order of :mod:`rubric.cli.project` (the project file, if any)."""
    from rubric.cli.project import PROJECT_FILE, order_rubrics, read_project_file

    first: tuple = ()
    if PROJECT_FILE.is_file():
        try:
            checked = own_rubrics and not collect  # rubrics that failed to load would read as unknown ids
            first = read_project_file(PROJECT_FILE, [r.id for r in project.rubrics] if checked else None)
        except InputError as exc:
            if collect is None:
                raise
            collect.extend(exc.problems)
    return order_rubrics(project.rubrics, project.proposals, project.registry, first)


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
    # A proposal with a gap under the rule "error" is listed as not scored; the others are still scored.
    evaluations = [
        evaluate(r, project.proposals, schemes=schemes, methods=methods, registry=project.registry, strict=False)
        for r in rubrics
    ]
    for evaluation in evaluations:
        if evaluation.unscored and not evaluation.proposals:  # nothing to show: say why
            raise InputError([problem for unscored in evaluation.unscored for problem in unscored.problems])
    return evaluations


def emit(project, args, tables) -> None:
    known = project.registry.names("output format")
    if args.format not in known:
        raise UsageError(f"--format: unknown output format {args.format!r}{did_you_mean(args.format, known)}")
    text = project.registry.output_format(args.format).render(tables)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_plugin_traceback(exc) -> None:
    """``--traceback``: what the plugin raised, in full, for its author."""
    import traceback

    cause = exc.__cause__ or exc.__context__
    if cause is None:
        print("rubric: no traceback: the plugin raised nothing; rubric refused what it returned", file=sys.stderr)
    else:
        traceback.print_exception(cause, file=sys.stderr)
