"""The ``rubric`` command line.

Exit status: 0 ok, 1 a check failed (``validate`` found problems), 2 a usage
or input error.  Data goes to stdout, messages to stderr.  Run with no paths
from a project folder, commands use ``./rubrics/`` and ``./proposals/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from rubric import __version__
from rubric.errors import InputError, RubricError, did_you_mean

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_FORMAT = "simple"


class UsageError(RubricError):
    """The command line asks for something that does not exist."""


def _common(parser: argparse.ArgumentParser, *, proposals: bool = True) -> None:
    if proposals:
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PROPOSALS",
            help="proposal files or folders (default: ./proposals)",
        )
    parser.add_argument(
        "--rubrics",
        action="append",
        type=Path,
        metavar="PATH",
        help="rubric (or scheme) file or folder; repeatable (default: ./rubrics)",
    )
    parser.add_argument("--rubric", metavar="ID", help="use only the rubric with this id (default: every rubric)")
    parser.add_argument("--plugin", action="append", type=Path, default=[], metavar="FILE", help="load a plugin file; repeatable")
    parser.add_argument(
        "--no-plugin-autoload",
        action="store_true",
        help="do not load plugins from installed entry points (also: RUBRIC_DISABLE_PLUGIN_AUTOLOAD=1)",
    )


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--format",
        default=DEFAULT_FORMAT,
        metavar="FORMAT",
        help=f"output format: any tabulate format (github, grid, latex, html…), json or csv (default: {DEFAULT_FORMAT}); "
        "`rubric plugins` lists them",
    )


def _schemes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--scheme", action="append", metavar="ID", help="use only this scheme; repeatable")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rubric",
        description="Score and compare policy proposals against TOML rubrics.",
        epilog="Run `rubric COMMAND --help` for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"rubric {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    score = command(
        "score",
        "score proposals under each rubric's default scheme (its first), or the schemes named",
        "rubric score --rubric open-source-ai --scheme security-first --format github",
    )
    _common(score)
    _schemes(score)
    score.add_argument("--all-schemes", action="store_true", help="score under every scheme of each rubric")
    _output(score)

    compare = command(
        "compare",
        "compare proposals across schemes (and methods): scores, ranks, rank agreement, robust conclusions",
        "rubric compare --rubric open-source-ai --methods weighted-sum,topsis",
    )
    _common(compare)
    _schemes(compare)
    compare.add_argument("--methods", metavar="A,B,…", help="also run every scheme under these aggregation methods")
    compare.add_argument("--top", type=int, default=3, metavar="K", help="report which proposals stay in the top K (default: 3)")
    _output(compare)

    explain = command(
        "explain",
        "explain a proposal's scores: values, labels, weights, contributions, raters, rationale, sources",
        "rubric explain blanket-export-controls --scheme balanced",
    )
    explain.add_argument("proposal", metavar="PROPOSAL", help="a proposal id or file")
    explain.add_argument("paths", nargs="*", type=Path, metavar="PROPOSALS", help="proposal files or folders to rank it among (default: ./proposals)")
    _common(explain, proposals=False)
    explain.add_argument("-s", "--scheme", metavar="ID", help="scheme for weights and contributions (default: the rubric's first)")
    _output(explain)

    sensitivity = command(
        "sensitivity",
        "how robust the ranking is: weight stability intervals, SMAA rank acceptabilities, rater agreement",
        "rubric sensitivity --smaa --samples 20000 --seed 1 --rubric open-source-ai --scheme balanced",
    )
    _common(sensitivity)
    sensitivity.add_argument("-s", "--scheme", metavar="ID", help="scheme to analyse (default: the rubric's first)")
    analysis = sensitivity.add_mutually_exclusive_group()
    analysis.add_argument(
        "--stability",
        action="store_true",
        help="for each criterion and group weight: the interval keeping the ranking, and the top (the default)",
    )
    analysis.add_argument("--smaa", action="store_true", help="rank acceptabilities over sampled weights and scores (SMAA-2)")
    analysis.add_argument("--raters", action="store_true", help="rater spread and Krippendorff's alpha per criterion")
    sensitivity.add_argument("--samples", type=int, default=10_000, metavar="N", help="SMAA samples (default: 10000)")
    sensitivity.add_argument("--seed", type=int, default=0, metavar="S", help="SMAA random seed (default: 0)")
    sensitivity.add_argument(
        "--distribution",
        choices=("uniform", "triangular"),
        default="uniform",
        help="SMAA: how scores are drawn within their low–high interval; triangular has the score as its mode",
    )
    sensitivity.add_argument(
        "--rater-model",
        choices=("pick", "merged"),
        default="pick",
        help="SMAA: draw one rater per sample (pick, the default) or sample the merged value's interval",
    )
    sensitivity.add_argument(
        "--grid", type=int, default=200, metavar="N", help="stability: grid points for methods without a closed form"
    )
    _output(sensitivity)

    validate = command(
        "validate",
        "check rubric, scheme and proposal files and report every problem (exit 1 if any)",
        "rubric validate proposals/my-proposal.toml",
    )
    _common(validate)

    plugins = command("plugins", "list plugins and what each registers", "rubric plugins --format github")
    _common(plugins, proposals=False)
    _output(plugins)

    new = command(
        "new",
        "write a starting plugin package, proposal, rubric or scheme (never overwrites without --force)",
        "rubric new proposal chip-subsidies --rubric open-source-ai",
    )
    what = new.add_subparsers(dest="what", metavar="WHAT", required=True)

    def new_command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        sub = what.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("--force", action="store_true", help="overwrite files that already exist")
        return sub

    new_plugin = new_command(
        "plugin",
        "write a plugin package rubric-NAME/: pyproject.toml with its entry point, README, one criterion kind, a passing test",
        "rubric new plugin enforcement-burden --dir plugins",
    )
    new_plugin.add_argument("name", metavar="NAME", help="the criterion kind's name: lowercase words joined by hyphens")
    new_plugin.add_argument("--dir", type=Path, default=Path("."), metavar="DIR", help="folder to create the package in (default: .)")
    new_proposal = new_command(
        "proposal",
        "write DIR/ID.toml: a proposal with commented facts and sources, and with --rubric commented assessment blocks",
        "rubric new proposal chip-subsidies --rubric open-source-ai",
    )
    new_rubric = new_command(
        "rubric",
        "write DIR/ID.toml: a rubric with a scale, two groups, four criteria and two schemes",
        "rubric new rubric civic-tech --title 'Civic technology'",
    )
    new_scheme = new_command(
        "scheme",
        "write RID.ID.toml next to rubric RID: a scheme file weighing the rubric's groups",
        "rubric new scheme cautious --rubric open-source-ai",
    )
    for sub, default in ((new_proposal, Path("proposals")), (new_rubric, Path("rubrics")), (new_scheme, None)):
        sub.add_argument("id", metavar="ID", help="the new id: lowercase letters, digits, '-' or '_'")
        sub.add_argument("--title", help="its title (default: from the id)")
        where = f"./{default}" if default else "the folder of the rubric file"
        sub.add_argument("--dir", type=Path, default=default, metavar="DIR", help=f"folder to write in (default: {where})")
    for sub, required, help in (
        (new_proposal, False, "add commented assessment blocks for the criteria of the rubric with this id"),
        (new_scheme, True, "the id of the rubric the scheme is for"),
    ):
        sub.add_argument("--rubric", required=required, metavar="RID", help=help)
        sub.add_argument(
            "--rubrics", action="append", type=Path, metavar="PATH", help="rubric files or folders to find RID in; repeatable (default: ./rubrics)"
        )
        sub.add_argument("--plugin", action="append", type=Path, default=[], metavar="FILE", help="load a plugin file; repeatable")
        sub.add_argument("--no-plugin-autoload", action="store_true", help="do not load plugins from installed entry points")
    return parser


# --- helpers ----------------------------------------------------------------


def _load(args, *, collect=None):
    from rubric.loading import load_project

    rubric_paths = args.rubrics or [Path("rubrics")]
    paths = getattr(args, "paths", None) or ([Path("proposals")] if hasattr(args, "paths") else [])
    if args.rubric and Path(args.rubric).suffix == ".toml" and Path(args.rubric).is_file():
        rubric_paths, args.rubric = [Path(args.rubric)], None
    for path in [*rubric_paths, *paths, *args.plugin]:
        if not path.exists():
            hint = " (run from a project folder with rubrics/ and proposals/, or name them)" if path in (Path("rubrics"), Path("proposals")) else ""
            raise UsageError(f"{path}: no such file or folder{hint}")
    project = load_project(
        rubric_paths, paths, plugin_files=args.plugin, autoload=False if args.no_plugin_autoload else None, collect=collect
    )
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


def _check_schemes(rubrics, schemes: Optional[Sequence[str]]) -> None:
    for rubric in rubrics:
        known = [s.id for s in rubric.schemes]
        for scheme in schemes or ():
            if scheme not in known:
                raise UsageError(
                    f"--scheme: rubric {rubric.id!r} has no scheme {scheme!r}{did_you_mean(scheme, known)} "
                    "(use --rubric to pick one rubric)"
                )


def _evaluate(project, rubrics, schemes=None, methods=()):
    from rubric.engine import evaluate

    _check_schemes(rubrics, schemes)
    known = project.registry.names("aggregation method")
    for method in methods:
        if method not in known:
            raise UsageError(f"--methods: unknown aggregation method {method!r}{did_you_mean(method, known)}")
    return [evaluate(r, project.proposals, schemes=schemes, methods=methods, registry=project.registry) for r in rubrics]


def _emit(project, args, tables) -> None:
    known = project.registry.names("output format")
    if args.format not in known:
        raise UsageError(f"--format: unknown output format {args.format!r}{did_you_mean(args.format, known)}")
    text = project.registry.output_format(args.format).render(tables)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --- commands ---------------------------------------------------------------


def cmd_score(args) -> int:
    project, rubrics = _load(args)
    tables = []
    for rubric in rubrics:
        schemes = args.scheme or (None if args.all_schemes else [rubric.schemes[0].id])
        tables += _evaluate(project, [rubric], schemes)[0].tables()
    _emit(project, args, tables)
    return EXIT_OK


def cmd_compare(args) -> int:
    project, rubrics = _load(args)
    if args.top < 1:
        raise UsageError(f"--top: expected a whole number of at least 1, found {args.top}")
    methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else []
    tables = [t for ev in _evaluate(project, rubrics, args.scheme, methods) for t in ev.compare(top=args.top).tables()]
    _emit(project, args, tables)
    return EXIT_OK


def cmd_explain(args) -> int:
    from rubric.loading import toml_files

    target = Path(args.proposal)
    if target.suffix == ".toml" and target.is_file():
        # Rank a proposal file among the others, without loading it twice.
        args.paths = args.paths or [Path("proposals")]
        if target.resolve() not in {f.resolve() for f in toml_files(p for p in args.paths if p.exists())}:
            args.paths.append(target)
    project, rubrics = _load(args)
    matches = [p for p in project.proposals if p.id == args.proposal or (p.path and p.path.resolve() == target.resolve())]
    if not matches:
        raise UsageError(
            f"no proposal {args.proposal!r} among the loaded proposals{did_you_mean(args.proposal, [p.id for p in project.proposals])}"
        )
    proposal = matches[0]
    schemes = [args.scheme] if args.scheme else None
    tables = []
    for ev in _evaluate(project, rubrics, schemes):
        if any(p.id == proposal.id for p in ev.proposals):
            tables += ev.explain(proposal.id, args.scheme)
    if not tables:
        raise UsageError(f"proposal {proposal.id!r} is assessed under none of the rubrics: {', '.join(r.id for r in rubrics)}")
    _emit(project, args, tables)
    return EXIT_OK


def cmd_sensitivity(args) -> int:
    project, rubrics = _load(args)
    tables = []
    for evaluation in _evaluate(project, rubrics, [args.scheme] if args.scheme else None):
        if args.raters:
            from rubric.raters import agreement

            tables += agreement(evaluation).tables()
        elif args.smaa:
            from rubric.smaa import progress_bar, smaa

            result = smaa(
                evaluation,
                args.scheme,
                samples=args.samples,
                seed=args.seed,
                score_distribution=args.distribution,
                raters=args.rater_model,
                progress=progress_bar(),
            )
            tables += result.tables()
        else:
            from rubric.sensitivity import stability

            tables += stability(evaluation, args.scheme, grid=args.grid).tables()
    _emit(project, args, tables)
    return EXIT_OK


def cmd_validate(args) -> int:
    from rubric.loading import value_problems

    problems = []
    project, rubrics = _load(args, collect=problems)
    for rubric in rubrics:
        problems += value_problems(rubric, project.proposals, project.registry)
    for problem in problems:
        print(f"{problem}", file=sys.stderr)
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
    project = load_project(rubric_paths, plugin_files=args.plugin, autoload=False if args.no_plugin_autoload else None)
    registry = project.registry
    plugins = Table(
        title="Plugins, in load order",
        headers=("Plugin", "Source"),
        rows=tuple((p.name, p.source) for p in registry.plugins),
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
    _emit(project, args, [plugins, components])
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
            project, rubrics = _load(args)
            registry = project.registry
        written = [scaffold.new_proposal(args.id, args.dir, title=args.title, rubrics=rubrics, registry=registry, force=args.force)]
    else:
        project, rubrics = _load(args)  # --rubric is required: exactly one rubric
        written = [scaffold.new_scheme(args.id, rubrics[0], args.dir, title=args.title, force=args.force)]
    for path in written:
        print(f"rubric: created {path}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "score": cmd_score,
    "compare": cmd_compare,
    "explain": cmd_explain,
    "sensitivity": cmd_sensitivity,
    "validate": cmd_validate,
    "plugins": cmd_plugins,
    "new": cmd_new,
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        for problem in exc.problems:
            print(f"rubric: error: {problem}", file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"rubric: {len(exc.problems)} problems; nothing was computed", file=sys.stderr)
        return EXIT_USAGE
    except RubricError as exc:
        print(f"rubric: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `rubric compare | head`
        sys.stderr.close()
        return EXIT_OK
