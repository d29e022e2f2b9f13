"""The loader on pathological but valid-looking inputs: its work must grow linearly.

Run from the repository root with the environment rubric is installed in::

    python benchmarks/bench_loading.py            # full run
    python benchmarks/bench_loading.py --quick    # fewer repeats, smaller inputs

Cases, each loaded and checked as ``rubric validate`` does (problems collected):

* a proposal with N ``[[sources]]`` tables that all have a problem (each
  problem is placed at its line);
* a rubric with N criteria in N/10 groups, and one proposal assessing each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from rubric.loading import load_project
from timing import summary, timed

RUBRIC_HEAD = """\
id = "wide"
title = "Wide rubric"
version = "1"
rationale = "optional"

[scale]
min = -2
max = 2
labels = ["--", "-", "0", "+", "++"]
"""


def bad_sources(folder: Path, n: int) -> tuple:
    """A small rubric and a proposal whose N sources each carry an unknown key."""
    (folder / "rubric.toml").write_text(RUBRIC_HEAD + '[groups.g]\ntitle = "G"\n[criteria.c]\ngroup = "g"\ntitle = "C"\n')
    lines = ['id = "p"', 'title = "P"', "[assessments.wide.c]", "score = 1"]
    for i in range(n):
        lines += ["[[sources]]", f'id = "s{i}"', f'title = "Source {i}"', f'colour = "red {i}"']
    (folder / "p.toml").write_text("\n".join(lines) + "\n")
    return [folder / "rubric.toml"], [folder / "p.toml"]


def wide_rubric(folder: Path, n: int) -> tuple:
    """A rubric of N criteria in N/10 groups and a proposal that assesses every criterion."""
    lines = [RUBRIC_HEAD]
    for g in range(max(1, n // 10)):
        lines += [f"[groups.g{g}]", f'title = "Group {g}"']
    for c in range(n):
        lines += [f"[criteria.c{c}]", f'group = "g{c % max(1, n // 10)}"', f'title = "Criterion {c}"']
    (folder / "rubric.toml").write_text("\n".join(lines) + "\n")
    ratings = ['id = "p"', 'title = "P"']
    for c in range(n):
        ratings += [f"[assessments.wide.c{c}]", "score = 1"]
    (folder / "p.toml").write_text("\n".join(ratings) + "\n")
    return [folder / "rubric.toml"], [folder / "p.toml"]


def run(case, n: int, repeats: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        rubrics, proposals = case(Path(tmp), n)

        def load():
            load_project(rubrics, proposals, autoload=False, collect=[])

        return summary(timed(load, repeats, warm_up=True))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller inputs")
    args = parser.parse_args(argv)
    repeats, sizes = (3, (500, 1_000)) if args.quick else (5, (1_000, 4_000))
    for label, case in (("sources with problems", bad_sources), ("criteria", wide_rubric)):
        for n in sizes:
            print(f"{n:>6,} {label:<22} {run(case, n, repeats)}")
    for n in (10_000,) if not args.quick else ():
        print(f"{n:>6,} {'criteria':<22} {run(wide_rubric, n, 3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
