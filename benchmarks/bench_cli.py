"""Cold start of the command line, and scoring a large batch of proposals.

Run from the repository root with the environment rubric is installed in::

    python benchmarks/bench_cli.py            # full run
    python benchmarks/bench_cli.py --quick    # fewer repeats, 2,000 proposals

Figures are medians (with min–max) of repeated runs, measured side by side in
one run so that the ratios hold on a shared, noisy machine:

* cold start: ``rubric score`` on the shipped rubrics and proposals against
  ``python -c pass`` and against importing the dependencies alone
  (``python -c "import pluggy, attrs, tabulate, tomli"``);
* batch: loading, checking and scoring N generated proposals under 6 schemes
  against reading and parsing the same files with tomli alone;
* compare: evaluating the same N proposals and comparing their 6 rankings
  (Kendall's tau-b for each pair of schemes, the robust conclusions) against
  evaluating them alone;
* memory: the peak resident size of a fresh process that loads, checks and
  scores M generated proposals (100,000; 10,000 with ``--quick``), beside one
  that only imports rubric, and the size of the files.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import summary, timed

REPO = Path(__file__).resolve().parents[1]
CRITERIA = ("transparency", "progress", "power-distribution", "china-misuse", "backdoor-risk", "global-power")


# Users run from byte-compiled modules (pip compiles on install): measure that,
# even where the environment asks Python not to write bytecode.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def command_runner(argv: list):
    def run():
        subprocess.run(argv, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)

    return run


def cold_start(repeats: int) -> None:
    rubric_script = Path(sys.executable).with_name("rubric")
    rubric = [str(rubric_script)] if rubric_script.exists() else [sys.executable, "-m", "rubric"]
    compileall.compile_dir(REPO / "src", quiet=1)
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import pluggy, attrs, tabulate, tomli": [sys.executable, "-c", "import pluggy, attrs, tabulate, tomli"],
        "rubric score (shipped files)": [*rubric, "score"],
        "rubric validate": [*rubric, "validate"],
        "rubric --help": [*rubric, "--help"],
    }
    results: dict = {}
    cpu: dict = {}
    for _ in range(repeats):  # interleaved, so drift hits every case alike
        for name, argv in cases.items():
            before = child_cpu()
            results.setdefault(name, []).extend(timed(command_runner(argv), 1))
            cpu.setdefault(name, []).append(child_cpu() - before)
    wall = f"Cold start ({repeats} runs each, interleaved), wall clock"
    for label, table in ((wall, results), ("  the same runs' CPU time (user + system)", cpu)):
        print(label)
        base = statistics.median(table["python -c pass"])
        deps = statistics.median(table["import pluggy, attrs, tabulate, tomli"])
        for name, times in table.items():
            median = statistics.median(times)
            print(f"  {name:40s} {summary(times)}   ×{median / base:5.2f} of pass, ×{median / deps:5.2f} of imports")


def child_cpu() -> float:
    """CPU seconds used by finished child processes: unlike the wall clock, not stretched by the machine's other load."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


RUBRIC = """
id = "bench"
title = "Benchmark rubric"
version = "1"
[scale]
min = -2
max = 2
labels = ["strongly worsens", "worsens", "no effect", "improves", "strongly improves"]
[groups.ideological]
title = "Ideological"
[groups.geopolitical]
title = "Geopolitical"
{criteria}
[schemes.balanced]
weights = {{ ideological = 1, geopolitical = 1 }}
[schemes.security-first]
weights = {{ ideological = 1, geopolitical = 3 }}
[schemes.openness-first]
weights = {{ ideological = 3, geopolitical = 1 }}
[schemes.equal-criteria]
weighting = "equal"
[schemes.transparency-heavy]
weights = {{ transparency = 3, progress = 1, power-distribution = 1, china-misuse = 1, backdoor-risk = 1, global-power = 1 }}
[schemes.misuse-heavy.weights]
ideological = 1
geopolitical = 2
transparency = 1
progress = 1
power-distribution = 1
china-misuse = 3
backdoor-risk = 1
global-power = 1
"""


def write_batch(folder: Path, count: int) -> None:
    criteria = "\n".join(
        f'[criteria.{c}]\ngroup = "{"ideological" if i < 3 else "geopolitical"}"\ntitle = "{c}"' for i, c in enumerate(CRITERIA)
    )
    (folder / "rubrics").mkdir()
    (folder / "proposals").mkdir()
    (folder / "rubrics" / "bench.toml").write_text(RUBRIC.format(criteria=criteria))
    rng = random.Random(0)
    for n in range(count):
        parts = [
            f'id = "p{n:05d}"',
            f'title = "Generated proposal {n}"',
            'summary = "A generated proposal used to measure loading and scoring speed."',
            'tags = ["generated", "benchmark"]',
            '[[sources]]\nid = "s"\ntitle = "A source"\nurl = "https://example.org/source"',
            '[facts]\nmechanism = "export-control"\nmandatory = true',
        ]
        for c in CRITERIA:
            score = rng.randint(-2, 2)
            parts.append(
                f"[[assessments.bench.{c}]]\nrater = \"a\"\nscore = {score}\nlow = {max(-2, score - 1)}\nhigh = {score}\n"
                f'confidence = "medium"\nrationale = "Rationale for {c}: generated text of a typical length."\nsources = ["s"]'
            )
        (folder / "proposals" / f"p{n:05d}.toml").write_text("\n".join(parts) + "\n")


def batch(count: int, repeats: int) -> None:
    try:
        import tomli as toml
    except ImportError:  # pragma: no cover
        import tomllib as toml
    from rubric.discovery import create_registry
    from rubric.engine import evaluate
    from rubric.loading import load_project

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_batch(folder, count)
        files = sorted((folder / "proposals").glob("*.toml"))
        size = sum(f.stat().st_size for f in files)
        registry = create_registry(autoload=False)

        def parse_only():
            for f in files:
                toml.loads(f.read_text())

        def rubric_batch():
            project = load_project([folder / "rubrics"], [folder / "proposals"], registry=registry)
            evaluation = evaluate(project.rubrics[0], project.proposals, registry=registry)
            assert len(evaluation.results) == 6 and len(evaluation.proposals) == count

        parse_only()  # warm the file cache for both
        results = {"parse": [], "rubric": []}
        for _ in range(repeats):
            results["parse"] += timed(parse_only, 1)
            results["rubric"] += timed(rubric_batch, 1)
        print(f"Batch: {count} proposals ({size / count / 1024:.1f} KB each, {size / 2**20:.1f} MB), 6 schemes, {repeats} runs")
        base = statistics.median(results["parse"])
        print(f"  {toml.__name__} parse only{'':22s} {summary(results['parse'])}   {size / base / 2**20:.1f} MB/s")
        ratio = statistics.median(results["rubric"]) / base
        print(f"  load + check + score (6 schemes){'':6s} {summary(results['rubric'])}   ×{ratio:.2f} of parse")
        compare(load_project([folder / "rubrics"], [folder / "proposals"], registry=registry), repeats)


def compare(project, repeats: int) -> None:
    """``evaluate`` then ``compare()`` on loaded proposals, against ``evaluate`` alone, interleaved."""
    from rubric.engine import evaluate

    rubric, proposals, registry = project.rubrics[0], project.proposals, project.registry
    results: dict = {"evaluate": [], "evaluate + compare": []}
    for _ in range(repeats):
        results["evaluate"] += timed(lambda: evaluate(rubric, proposals, registry=registry), 1)
        results["evaluate + compare"] += timed(lambda: evaluate(rubric, proposals, registry=registry).compare(), 1)
    print(f"Compare: {len(proposals)} proposals, 6 schemes (15 pairs of rankings), {repeats} runs")
    base = statistics.median(results["evaluate"])
    for name, times in results.items():
        print(f"  {name:38s} {summary(times)}   ×{statistics.median(times) / base:.2f} of evaluate")


# Run in a fresh process, so that the peak is this work's alone.
PEAK_SCRIPT = """
import resource, sys
from pathlib import Path
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.loading import load_project
if sys.argv[1] != "-":
    folder = Path(sys.argv[1])
    registry = create_registry(autoload=False)
    project = load_project([folder / "rubrics"], [folder / "proposals"], registry=registry)
    evaluation = evaluate(project.rubrics[0], project.proposals, registry=registry)
    assert len(evaluation.proposals) == int(sys.argv[2])
try:  # this process's own peak: ru_maxrss also counts the parent's size when it was forked
    print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))  # KiB
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1))  # KiB
"""


def peak_memory(count: int) -> None:
    """Peak RSS of loading and scoring ``count`` proposals, against importing rubric alone."""

    def peak(*argv) -> float:
        out = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, *argv], check=True, capture_output=True, text=True, env=ENV)
        return int(out.stdout) / 1024

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_batch(folder, count)
        size = sum(f.stat().st_size for f in (folder / "proposals").iterdir()) / 2**20
        base, loaded = peak("-"), peak(str(folder), str(count))
    print(f"Peak memory: {count} proposals ({size:.0f} MB of files), loaded, checked and scored under 6 schemes")
    print(f"  imports alone {base:6.0f} MB; load + check + score {loaded:6.0f} MB peak RSS")
    above = loaded - base
    print(f"  {above * 1024 / count:.1f} KB a proposal above the imports, ×{above / size:.1f} the size of the files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and 2,000 proposals")
    args = parser.parse_args()
    cold_start(7 if args.quick else 21)
    batch(2_000 if args.quick else 10_000, 3 if args.quick else 5)
    peak_memory(10_000 if args.quick else 100_000)


if __name__ == "__main__":
    main()
