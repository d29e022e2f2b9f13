"""One function per command: arguments in, tables out, an exit status back."""

from __future__ import annotations

import sys
from pathlib import Path

from rubric.cli.changes import changes_since_file, cmd_diff, cmd_snapshot
from rubric.cli.common import (
    UsageError,
    emit,
    evaluate_rubrics,
    load,
    plugin_settings,
    print_plugin_traceback,
    warn,
)
from rubric.cli.panel import cmd_export, cmd_import, new_sheet
from rubric.errors import PluginError, Problem, did_you_mean

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def cmd_score(args) -> int:
    project, rubrics = load(args)
    tables = []
    for rubric in rubrics:
        schemes = args.scheme or (None if args.all_schemes else [rubric.schemes[0].id])
        tables += evaluate_rubrics(project, [rubric], schemes)[0].tables(depth=args.depth)
    emit(project, args, tables)
    return EXIT_OK


def cmd_compare(args) -> int:
    project, rubrics = load(args)
    if args.top < 1:
        raise UsageError(f"--top: expected a whole number of at least 1, found {args.top}")
    methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else []
    evaluations = evaluate_rubrics(project, rubrics, args.scheme, methods)
    tables = [t for ev in evaluations for t in ev.compare(top=args.top).tables()]
    if args.baseline is not None:  # the panel workflow: what changed since a previous run
        tables += changes_since_file(args, evaluations)
    emit(project, args, tables)
    return EXIT_OK


def cmd_explain(args) -> int:
    from rubric.loading import toml_files

    target = Path(args.proposal)
    if target.suffix == ".toml" and target.is_file():
        # Rank a proposal file among the others, without loading it twice.
        args.paths = args.paths or [Path("proposals")]
        if target.resolve() not in {f.resolve() for f in toml_files(p for p in args.paths if p.exists())}:
            args.paths.append(target)
    project, rubrics = load(args)
    matches = [p for p in project.proposals if p.id == args.proposal or (p.path and p.path.resolve() == target.resolve())]
    if not matches:
        hint = did_you_mean(args.proposal, [p.id for p in project.proposals])
        raise UsageError(f"no proposal {args.proposal!r} among the loaded proposals{hint}")
    proposal = matches[0]
    schemes = [args.scheme] if args.scheme else None
    tables = []
    for ev in evaluate_rubrics(project, rubrics, schemes):
        if any(p.id == proposal.id for p in ev.proposals):
            tables += ev.explain(proposal.id, args.scheme).tables()
    if not tables:
        raise UsageError(f"proposal {proposal.id!r} is assessed under none of the rubrics: {', '.join(r.id for r in rubrics)}")
    emit(project, args, tables)
    return EXIT_OK


def cmd_sensitivity(args) -> int:
    if args.seed < 0:  # numpy seeds are whole numbers >= 0; say so before any work
        raise UsageError(f"--seed: expected a whole number of at least 0, found {args.seed}")
    project, rubrics = load(args)
    tables = []
    # --choices draws among every scheme; the other analyses need only the one analysed.
    schemes = [args.scheme] if args.scheme and not args.choices else None
    for evaluation in evaluate_rubrics(project, rubrics, schemes):
        if args.raters:
            from rubric.analysis.reliability import agreement

            tables += agreement(evaluation).tables()
        elif args.choices:
            from rubric.analysis.uncertainty import choices

            methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else ()
            run = choices(
                evaluation, methods=methods, seed=args.seed, drop=args.drop_criterion, **sample_count(args),
                **smaa_weight_options(args),
            )
            tables += run.tables()
        elif args.leave_one_out:
            from rubric.analysis.uncertainty import leave_one_out

            tables += leave_one_out(evaluation, args.scheme, what=args.leave_one_out).tables()
        elif args.smaa:
            from rubric.analysis.acceptability import smaa
            from rubric.cli.progress import progress_bar

            result = smaa(
                evaluation,
                args.scheme,
                seed=args.seed,
                score_distribution=args.distribution,
                raters=args.rater_model,
                progress=progress_bar(),
                **sample_count(args),
                **smaa_weight_options(args),
            )
            tables += result.tables()
        else:
            from rubric.analysis.weight_stability import stability

            tables += stability(evaluation, args.scheme, grid=args.grid).tables()
    emit(project, args, tables)
    return EXIT_OK


def smaa_weight_options(args) -> dict:
    """--around-scheme, --concentration, --spread as :func:`rubric.smaa` keywords, refused where they cannot apply."""
    if (args.concentration is not None or args.spread is not None) and not args.around_scheme:
        raise UsageError("--concentration and --spread apply only with --around-scheme")
    if args.concentration is not None and args.spread is not None:
        raise UsageError("--concentration and --spread are two ways to sample around a scheme: give one")
    if args.around_scheme and not (args.smaa or args.choices):
        raise UsageError("--around-scheme applies to --smaa and --choices")
    return {"around_scheme": args.around_scheme, "concentration": args.concentration, "spread": args.spread}


def sample_count(args) -> dict:
    """--samples as a keyword, only when given: each analysis has its own default."""
    return {} if args.samples is None else {"samples": args.samples}


def cmd_validate(args) -> int:
    from rubric.loading import value_problems

    problems: list[Problem] = []
    failures: list[PluginError] = []
    project, rubrics = load(args, collect=problems, strict=True)
    for rubric in rubrics:
        problems += value_problems(rubric, project.proposals, project.registry, failures.append if args.traceback else None)
    for problem in problems:
        print(f"{problem}", file=sys.stderr)
    for failure in failures:
        print_plugin_traceback(failure)
    files = len({str(p.path) for p in problems})
    if problems:
        print(f"rubric: {len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"rubric: {len(project.rubrics)} rubrics and {len(project.proposals)} proposals are valid", file=sys.stderr)
    return EXIT_OK


def cmd_plugins(args) -> int:
    from rubric.components import Table
    from rubric.loading import load_project

    rubric_paths = [p for p in (args.rubrics or [Path("rubrics")]) if p.exists()]
    project = load_project(rubric_paths, use=[args.rubric] if args.rubric else None, **plugin_settings(args))
    warn(project)
    registry = project.registry
    plugins = Table(
        title="Plugins, in load order",
        headers=("Plugin", "Source"),
        rows=(
            *((p.name, p.source) for p in registry.plugins),
            *(
                (s.name, f"{s.source}; left out: {'-p no:' + s.name if s.blocked else 'it failed to load'}")
                for s in registry.skipped
            ),
        ),
    )
    rows = []
    for category in registry.components:
        for name in registry.names(category):
            component = registry.get(category, name)
            properties = ", ".join(sorted(p.value for p in getattr(component, "properties", ())))
            rows.append((category, name, registry.provider(category, name).name, component.description, properties))
    components = Table(
        title="Registered components",
        headers=("Category", "Name", "Plugin", "Description", "Guaranteed properties"),
        rows=tuple(rows),
    )
    emit(project, args, [plugins, components])
    return EXIT_OK


def cmd_new(args) -> int:
    from rubric import scaffold

    if args.what == "plugin":
        written = scaffold.new_plugin(args.name, args.dir, force=args.force)
    elif args.what == "rubric":
        written = [scaffold.new_rubric(args.id, args.dir, title=args.title, force=args.force)]
    elif args.what == "proposal":
        rubrics, registry = (), None
        if args.rubric:
            project, rubrics = load(args)
            registry = project.registry
        written = [
            scaffold.new_proposal(args.id, args.dir, title=args.title, rubrics=rubrics, registry=registry, force=args.force)
        ]
    elif args.what == "sheet":
        written = new_sheet(args)
    elif args.what == "assessment":
        project, rubrics = load(args)
        written = [
            scaffold.new_assessment(
                args.rater, rubrics[0], project.proposals, args.dir, registry=project.registry, force=args.force
            )
        ]
    else:
        project, rubrics = load(args)  # --rubric is required: exactly one rubric
        written = [scaffold.new_scheme(args.id, rubrics[0], args.dir, title=args.title, force=args.force)]
    for path in written:
        print(f"rubric: created {path}", file=sys.stderr)
    return EXIT_OK


def cmd_sort(args) -> int:
    from rubric.assignments import sort

    project, rubrics = load(args)
    tables = []
    for evaluation in evaluate_rubrics(project, rubrics, args.scheme):
        if args.scheme or any(r.scheme.sorting for r in evaluation.results):
            tables += sort(evaluation, args.scheme).tables()
    if not tables:
        names = ", ".join(repr(r.id) for r in rubrics)
        raise UsageError(f"no scheme of {names} has a `sorting` table; see the README's section on sorting")
    emit(project, args, tables)
    return EXIT_OK


def cmd_completion(args) -> int:
    try:
        import shtab
    except ImportError:
        raise UsageError("shell completion needs shtab: pip install 'policy-rubric[completion]'") from None
    from rubric.cli.parser import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return EXIT_OK


COMMANDS = {
    "score": cmd_score,
    "compare": cmd_compare,
    "explain": cmd_explain,
    "sensitivity": cmd_sensitivity,
    "sort": cmd_sort,
    "validate": cmd_validate,
    "plugins": cmd_plugins,
    "new": cmd_new,
    "completion": cmd_completion,
    "export": cmd_export,
    "import": cmd_import,
    "snapshot": cmd_snapshot,
    "diff": cmd_diff,
}

# The report and single charts.
from rubric.cli.documents import cmd_plot, cmd_report  # noqa: E402

COMMANDS.update({"report": cmd_report, "plot": cmd_plot})
