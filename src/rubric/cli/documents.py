"""``rubric report`` and ``rubric plot``: arguments and commands, importing the report only when run.

Kept apart from :mod:`rubric.cli.parser` and :mod:`rubric.cli.commands` so
that the other commands' start never reads them: Jinja2 and matplotlib (the
``[report]`` extra) are imported only inside these functions.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from rubric.cli.common import UsageError, evaluate_rubrics, load

__all__ = ["PLOT_KINDS", "add_document_commands", "cmd_plot", "cmd_report"]

#: ``rubric plot KIND`` (the report's charts; :data:`rubric.report.figures.KINDS` draws them).
PLOT_KINDS = ("plane", "ranks", "contributions", "acceptability", "stability", "raters", "gaia")
PLOT_FORMATS = ("svg", "png", "pdf")


def add_document_commands(command, common_options, scheme_options) -> None:
    """The ``report`` and ``plot`` sub-commands, through the parser's own ``command`` factory."""
    report = command(
        "report",
        "write a self-contained HTML report (or a Markdown memo with chart files) of every rubric: "
        "scores, the plane, charts, live what-if weights, a card per proposal (needs the [report] extra)",
        "rubric report -o report.html --rubric open-source-ai",
    )
    common_options(report)
    scheme_options(report)
    report.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="where to write (default: report.html, or memo.md with --format markdown)")
    report.add_argument("-f", "--format", choices=("html", "markdown"), default="html", help="html (default) or markdown")
    report.add_argument("--force", action="store_true", help="replace the output file if it exists")
    report.add_argument("--baseline", metavar="RUN.json",
                        help="also show what changed since a previous run (`rubric snapshot` or `compare --format json`)")
    document_options(report)

    plot = command(
        "plot",
        "draw one of the report's charts as SVG, PNG or PDF (needs the [report] extra)",
        "rubric plot plane --rubric open-source-ai --scheme security-first -o plane.png",
    )
    plot.add_argument("kind", choices=PLOT_KINDS, metavar="KIND", help=f"one of {', '.join(PLOT_KINDS)}")
    common_options(plot)
    plot.add_argument("-s", "--scheme", action="append", metavar="ID",
                      help="the scheme to draw (default: the rubric's first)")
    plot.add_argument("-o", "--output", type=Path, metavar="FILE", help="the chart file; .svg, .png or .pdf (default: KIND.svg)")
    plot.add_argument("--force", action="store_true", help="replace the output file if it exists")
    document_options(plot)


def document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--axes", metavar="GROUP,GROUP", help="the plane's two groups (default: the first two top-level groups)")
    parser.add_argument("--methods", metavar="A,B,…", help="also show every scheme under these aggregation methods")
    parser.add_argument("--top", type=int, default=3, metavar="K",
                        help="the top and bottom K the headline speaks of (default: 3)")
    parser.add_argument("--samples", type=int, default=10_000, metavar="N", help="SMAA samples (default: 10000)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="SMAA seed, a whole number >= 0 (default: 0)")


def prepared(args):
    """The project's evaluations and their report data, with the options checked."""
    from rubric.report.requirements import require

    require()
    if args.seed < 0:
        raise UsageError(f"--seed: expected a whole number of at least 0, found {args.seed}")
    if args.samples < 1 or args.top < 1:
        raise UsageError("--samples and --top: expected whole numbers of at least 1")
    from rubric.report.build import documents
    from rubric.report.data import AxesError

    project, rubrics = load(args)
    methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else []
    evaluations = [ev for ev in evaluate_rubrics(project, rubrics, args.scheme, methods) if ev.proposals]
    if not evaluations:
        raise UsageError("no rubric applies to any of the proposals: nothing to report")
    axes = [a.strip() for a in args.axes.split(",")] if args.axes else None
    baseline = None
    if getattr(args, "baseline", None) is not None:
        from rubric.cli.changes import read_baseline

        run, inputs = read_baseline(args, evaluations)
        baseline = {"data": run, "label": str(args.baseline), "inputs": inputs}
    try:
        return evaluations, documents(evaluations, seed=args.seed, samples=args.samples, top=args.top, axes=axes,
                                      baseline=baseline)
    except AxesError as exc:
        raise UsageError(f"--axes: {exc}") from None


def cmd_report(args) -> int:
    from rubric.report.build import provenance, write_report

    evaluations, docs = prepared(args)
    footer = provenance(evaluations, seed=args.seed, command=shlex.join(["rubric", *sys.argv[1:]]))
    if args.format == "markdown":
        from rubric.report.markdown import write_memo

        target = args.output or Path("memo.md")
        written = write_memo(target, docs, footer, force=args.force)
    else:
        from rubric.report.html import render_html

        target = args.output or Path("report.html")
        written = [write_report(target, render_html(docs, footer), force=args.force)]
    for path in written:
        print(f"rubric: wrote {path}", file=sys.stderr)
    return 0


def cmd_plot(args) -> int:
    from rubric.report import figures
    from rubric.report.build import write_report

    target = args.output or Path(f"{args.kind}.svg")
    fmt = target.suffix.lstrip(".").lower()
    if fmt not in PLOT_FORMATS:
        raise UsageError(f"-o: expected a .svg, .png or .pdf file, found {target}")
    _, docs = prepared(args)
    data = docs[0]
    if not figures.available(data, args.kind):
        raise UsageError(f"rubric {data['rubric']['id']!r} has no data for a {args.kind} chart")
    if target.exists() and not args.force:
        write_report(target, "", force=False)  # refuses, with the same message as the report
    target.parent.mkdir(parents=True, exist_ok=True)
    figures.save(figures.figure(data, args.kind), target, fmt)
    print(f"rubric: wrote {target}", file=sys.stderr)
    return 0
