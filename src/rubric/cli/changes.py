"""What changed since a baseline: ``compare --baseline``, ``rubric snapshot`` and ``rubric diff REV``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rubric.cli.common import UsageError, emit, evaluate_rubrics, load
from rubric.cli.panel import write_text

EXIT_OK = 0
#: What a project folder holds besides the paths named: the plugin files rubrics name, the project file.
PROJECT_EXTRAS = ("plugins", "rubric.toml")


def snapshot_data(evaluations) -> dict:
    """The compare data of the run (its ``scores`` and ``ranks`` records) with its input files' hashes."""
    from rubric.components import records_by_table
    from rubric.results import run_inputs

    tables = [t for ev in evaluations for t in ev.compare().tables()]
    return {**records_by_table(tables), "inputs": run_inputs(evaluations)}


def changes_since_file(args, evaluations) -> list:
    from rubric.analysis.baseline import Changes

    baseline, inputs = read_baseline(args, evaluations)
    return Changes(evaluations, baseline, inputs, label=str(args.baseline)).tables()


def read_baseline(args, evaluations) -> tuple:
    """The run in ``--baseline`` and, where it records its inputs, the SHA-256 of this run's input files."""
    import json  # json, tempfile and subprocess are imported where used: `score` and `compare` start without them

    from rubric.results import run_inputs

    try:
        baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"--baseline {args.baseline}: cannot be read as a JSON run ({exc})") from None
    if not isinstance(baseline, dict) or "scores" not in baseline:
        expected = "expected the output of `rubric compare --format json` or `rubric snapshot`"
        raise UsageError(f"--baseline {args.baseline}: {expected}")
    return baseline, run_inputs(evaluations) if "inputs" in baseline else None


def cmd_snapshot(args) -> int:
    import json

    project, rubrics = load(args)
    data = snapshot_data(evaluate_rubrics(project, rubrics, args.scheme))
    write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", args.output)
    if args.output is not None:
        print(f"rubric: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_diff(args) -> int:
    """Evaluate the project as it was at REV (its files from git, in a temporary folder), then as it is."""
    import tempfile

    from rubric.analysis.baseline import Changes
    from rubric.results import run_inputs

    folders = [*(args.rubrics or [Path("rubrics")]), *(args.paths or [Path("proposals")]), *(args.assessments or [])]
    names = sorted({str(p) for p in folders} | set(PROJECT_EXTRAS) | {"assessments"})
    files = git_files(args.revision, names)
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="rubric-diff-") as folder:
        for name, data in files.items():
            target = Path(folder) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chdir(folder)
        try:
            project, rubrics = load(args)
            baseline = snapshot_data(evaluate_rubrics(project, rubrics, args.scheme))
        finally:
            os.chdir(here)
    project, rubrics = load(args)
    evaluations = evaluate_rubrics(project, rubrics, args.scheme)
    emit(project, args, Changes(evaluations, baseline, run_inputs(evaluations), label=f"revision {args.revision}").tables())
    return EXIT_OK


def git_files(revision: str, names: list[str]) -> dict[str, bytes]:
    """The files under ``names`` (relative to the working folder) as they were at ``revision``."""

    import subprocess

    def git(*argv: str) -> bytes:
        try:
            done = subprocess.run(["git", *argv], capture_output=True, check=False)
        except OSError as exc:
            raise UsageError(f"rubric diff needs git: {exc.strerror or exc}") from None
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip().splitlines()
            raise UsageError(f"git {argv[0]} failed: {message[-1] if message else done.returncode}")
        return done.stdout

    if revision.startswith("-"):
        raise UsageError(f"REV: expected a git revision, found {revision!r}")
    git("rev-parse", "--is-inside-work-tree")
    listed = git("ls-tree", "-r", "-z", "--name-only", "--full-name", revision, "--", *names).split(b"\0")
    prefix = git("rev-parse", "--show-prefix").decode().strip()
    found = {}
    for full in (n.decode() for n in listed if n):
        found[full[len(prefix):]] = git("show", f"{revision}:{full}")
    if not found:
        raise UsageError(f"revision {revision} has none of {', '.join(names)}")
    return found
