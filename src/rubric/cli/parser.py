"""The command line's arguments: one sub-parser per command, with help and an example."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional, Sequence

from rubric import __version__

DEFAULT_FORMAT = "simple"
#: Shells `rubric completion` writes a script for.
SHELLS = ("bash", "zsh", "fish")


def common_options(parser: argparse.ArgumentParser, *, proposals: bool = True) -> None:
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
    if proposals:
        assessment_options(parser)
    parser.add_argument(
        "--rubric",
        metavar="ID",
        help="use only the rubric with this id (default: every rubric); only its plugins are loaded, "
        "and other rubric files' problems are warnings",
    )
    plugin_options(parser)


def assessment_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--assessments",
        action="append",
        type=Path,
        metavar="PATH",
        help="assessment file or folder: ratings of the proposals kept apart from them; repeatable "
        "(default: ./assessments, when the proposals are ./proposals)",
    )


def blocked_plugin(value: str) -> str:
    """The NAME of ``-p no:NAME``."""
    if not value.startswith("no:") or not value[3:]:
        raise argparse.ArgumentTypeError(f"expected no:NAME (a plugin to leave out), found {value!r}")
    return value[3:]


def plugin_options(parser: argparse.ArgumentParser) -> None:
    """Which plugins load: files, installed entry points, blocked names, the rubrics' own files."""
    parser.add_argument("--plugin", action="append", type=Path, default=[], metavar="FILE", help="load a plugin file; repeatable")
    parser.add_argument(
        "--no-plugin-autoload",
        action="store_true",
        help="do not load plugins from installed entry points (also: RUBRIC_DISABLE_PLUGIN_AUTOLOAD=1)",
    )
    parser.add_argument(
        "-p",
        dest="block",
        action="append",
        type=blocked_plugin,
        default=[],
        metavar="no:NAME",
        help="leave out the plugin NAME: an entry point's name or a built-in's module (rubric.aggregation.topsis), "
        "as `rubric plugins` lists them; repeatable",
    )
    parser.add_argument(
        "--no-rubric-plugins",
        action="store_true",
        help="do not import the plugin files rubrics name, to check a rubric you do not trust "
        "(its plugin kinds are then reported as unknown)",
    )


def debug_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--traceback",
        "--debug",
        action="store_true",
        help="after a plugin's error message, print the full traceback of what it raised (for plugin authors)",
    )


def output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--format",
        default=DEFAULT_FORMAT,
        metavar="FORMAT",
        help=f"output format: any tabulate format (github, grid, latex, html…), json or csv (default: {DEFAULT_FORMAT}); "
        "`rubric plugins` lists them",
    )


def depth_value(value: str) -> int:
    """``--depth``: a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {value!r}")
    return int(value)


def scheme_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--scheme", action="append", metavar="ID", help="use only this scheme; repeatable")


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str, example: str
) -> argparse.ArgumentParser:
    """A sub-command whose help line is also its description, with one example under it."""
    return subparsers.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


class _Unbuilt:
    """Stands in for a sub-command the command line does not name: whatever is added to it is dropped.

    Building every sub-command's options costs more than the rest of a cold
    ``rubric score`` start-up; only the named one can take part in parsing.
    """

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


def build_parser(only: Optional[str] = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, just that sub-command's options (every one if it is no sub-command)."""
    parser = argparse.ArgumentParser(
        prog="rubric",
        description="Score and compare policy proposals against TOML rubrics.",
        epilog="Run `rubric COMMAND --help` for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"rubric {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parser.set_defaults(command_parsers=commands.choices)

    def command(name: str, help: str, example: str, *, debug: bool = True) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Unbuilt()  # type: ignore[return-value]
        sub = add_command(commands, name, help, example)
        if debug:  # `new` has it on each of its sub-commands instead
            debug_options(sub)
        return sub

    score = command(
        "score",
        "score proposals under each rubric's default scheme (its first), or the schemes named",
        "rubric score --rubric open-source-ai --scheme security-first --format github",
    )
    common_options(score)
    scheme_options(score)
    score.add_argument("--all-schemes", action="store_true", help="score under every scheme of each rubric")
    score.add_argument(
        "--depth",
        type=depth_value,
        default=1,
        metavar="N",
        help="show the sub-scores of groups down to depth N of the value tree (default: 1, the top-level groups)",
    )
    output_options(score)

    compare = command(
        "compare",
        "compare proposals across schemes (and methods): scores, ranks, rank agreement, robust conclusions; "
        "rubrics in the order of ./rubric.toml, else those applying to most proposals first",
        "rubric compare --rubric open-source-ai --methods weighted-sum,topsis",
    )
    common_options(compare)
    scheme_options(compare)
    compare.add_argument(
        "--methods",
        metavar="A,B,…",
        help="also run the selected schemes (every scheme, or those of --scheme) under these aggregation methods, "
        "as columns SCHEME/METHOD; a crossing identical to a column already there (same weights, same method) is left out",
    )
    compare.add_argument(
        "--top",
        type=int,
        default=3,
        metavar="K",
        help="report which proposals stay in the top K and the bottom K (default: 3; at most half the proposals, "
        "so that the two never overlap)",
    )
    compare.add_argument(
        "--baseline",
        type=Path,
        metavar="RUN.json",
        help="also show what changed since a previous run: a `--format json` output or a `rubric snapshot`",
    )
    output_options(compare)

    explain = command(
        "explain",
        "explain a proposal's scores: values, labels, weights, contributions, raters, rationale, sources",
        "rubric explain blanket-export-controls --scheme balanced",
    )
    explain.add_argument("proposal", metavar="PROPOSAL", help="a proposal id or file")
    explain.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PROPOSALS",
        help="proposal files or folders to rank it among (default: ./proposals)",
    )
    common_options(explain, proposals=False)
    assessment_options(explain)
    explain.add_argument(
        "-s", "--scheme", metavar="ID", help="scheme for weights and contributions (default: the rubric's first)"
    )
    output_options(explain)

    sensitivity = command(
        "sensitivity",
        "how robust the ranking is: weight stability intervals, SMAA rank acceptabilities, rater agreement",
        "rubric sensitivity --smaa --samples 20000 --seed 1 --rubric open-source-ai --scheme balanced",
    )
    common_options(sensitivity)
    sensitivity.add_argument("-s", "--scheme", metavar="ID", help="scheme to analyse (default: the rubric's first)")
    analysis = sensitivity.add_mutually_exclusive_group()
    analysis.add_argument(
        "--stability",
        action="store_true",
        help="for each criterion and group weight: the interval keeping the ranking, and the top (the default)",
    )
    analysis.add_argument("--smaa", action="store_true", help="rank acceptabilities over sampled weights and scores (SMAA-2)")
    analysis.add_argument("--raters", action="store_true", help="rater spread and Krippendorff's alpha per criterion")
    # Uncertainty over choices and leave-one-out.
    analysis.add_argument(
        "--choices",
        action="store_true",
        help="rank distributions over the choice of scheme, method (--methods), rater and (--drop-criterion) a criterion, "
        "with first-order and total Sobol indices",
    )
    analysis.add_argument(
        "--leave-one-out", choices=("criteria", "raters"), help="remove each criterion (rater) in turn: the ranks that move"
    )
    sensitivity.add_argument(
        "--samples",
        type=int,
        metavar="N",
        help="SMAA samples (default: 10000); --choices: base samples of the Sobol design (default there: 1000)",
    )
    sensitivity.add_argument(
        "--seed", type=int, default=0, metavar="S", help="SMAA random seed, a whole number >= 0 (default: 0)"
    )
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
    # SMAA around a scheme's own weights.
    sensitivity.add_argument(
        "--around-scheme",
        action="store_true",
        help="SMAA: draw weights around the scheme's own weights (a Dirichlet, or --spread) instead of over every weighting; "
        "--choices: around the drawn scheme's, the weights one more choice",
    )
    sensitivity.add_argument(
        "--concentration",
        type=float,
        metavar="C",
        help="--around-scheme: the Dirichlet's concentration; larger stays closer to the scheme (default: 100)",
    )
    sensitivity.add_argument(
        "--spread",
        type=float,
        metavar="S",
        help="--around-scheme: each weight times a factor uniform in [1-S, 1+S], renormalised (e.g. 0.2)",
    )
    sensitivity.add_argument(
        "--methods", metavar="A,B,…", help="--choices: the aggregation methods to draw from (default: the schemes' own)"
    )
    sensitivity.add_argument(
        "--drop-criterion", action="store_true", help="--choices: also draw one criterion to leave out, or none"
    )
    sensitivity.add_argument(
        "--grid", type=int, default=200, metavar="N", help="stability: grid points for methods without a closed form"
    )
    output_options(sensitivity)

    # Sorting into ordered classes.
    sort = command(
        "sort",
        "sort proposals into ordered classes under each scheme with a `sorting` table (or those named), "
        "with the criteria that decided each class",
        "rubric sort --rubric open-source-ai --scheme memo",
    )
    common_options(sort)
    scheme_options(sort)
    output_options(sort)

    validate = command(
        "validate",
        "check rubric, scheme and proposal files and report every problem (exit 1 if any)",
        "rubric validate proposals/my-proposal.toml",
    )
    common_options(validate)

    # The report and single charts: their own module, so the report is imported only when run.
    from rubric.cli.documents import add_document_commands

    add_document_commands(command, common_options, scheme_options)

    plugins = command("plugins", "list plugins and what each registers", "rubric plugins --format github")
    common_options(plugins, proposals=False)
    output_options(plugins)

    completion = command(
        "completion",
        "print a shell completion script for bash, zsh or fish (needs the [completion] extra: shtab)",
        "rubric completion bash > ~/.local/share/bash-completion/completions/rubric",
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help=f"one of {', '.join(SHELLS)}")

    new = command(
        "new",
        "write a starting plugin package, proposal, rubric, scheme, assessment file or rating sheet "
        "(refuses to replace a file without --force)",
        "rubric new proposal chip-subsidies --rubric open-source-ai",
        debug=False,
    )
    what = new.add_subparsers(dest="what", metavar="WHAT", required=True)

    def new_command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        sub = add_command(what, name, help, example)
        sub.add_argument(
            "--force",
            action="store_true",
            help=(
                "replace the files this command writes if they exist (a plugin's four files in its existing folder); "
                "other files are left alone"
            ),
        )
        debug_options(sub)
        return sub

    new_plugin = new_command(
        "plugin",
        "write a plugin package rubric-NAME/: pyproject.toml with its entry point, README, one criterion kind, a passing test",
        "rubric new plugin enforcement-burden --dir plugins",
    )
    new_plugin.add_argument("name", metavar="NAME", help="the criterion kind's name: lowercase words joined by hyphens")
    new_plugin.add_argument(
        "--dir", type=Path, default=Path("."), metavar="DIR", help="folder to create the package in (default: .)"
    )
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
            "--rubrics",
            action="append",
            type=Path,
            metavar="PATH",
            help="rubric files or folders to find RID in; repeatable (default: ./rubrics)",
        )
        plugin_options(sub)
    # --- the assessment workflow (rubric.cli.panel_args) ---
    from rubric.cli.panel_args import add_panel_commands

    shared = {"common": common_options, "assessments": assessment_options, "plugins": plugin_options, "schemes": scheme_options}
    add_panel_commands(command, new_command, **shared)
    if only is not None and only not in commands.choices:  # `rubric --help`, a misspelt command: list them all
        return build_parser()
    return parser


def parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, with a command's options and positionals in any order.

    ``rubric explain ID --scheme S PROPOSALS…``: argparse alone takes the
    positionals before the first option and rejects the rest, so a command
    left with extra arguments is parsed again with
    :meth:`~argparse.ArgumentParser.parse_intermixed_args` (which cannot
    handle sub-commands, hence not for ``new``).
    """
    args, extra = parser.parse_known_args(argv)
    if not extra:
        return args
    if args.command != "new" and argv[0] == args.command:
        vars(args).update(vars(args.command_parsers[args.command].parse_intermixed_args(argv[1:])))
        return args
    return parser.parse_args(argv)  # says which arguments it does not know
