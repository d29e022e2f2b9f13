"""Sobol indices: rubric's numpy estimators against SALib, when SALib is installed.

Run from the repository root with the environment rubric is installed in::

    pip install SALib                      # not a dependency of rubric
    python benchmarks/bench_sobol.py       # 5 cold imports, 5 seeds per sample size
    python benchmarks/bench_sobol.py --quick

It prints, side by side in one run:

* import time from ``python -X importtime`` (the sum of every module's own
  time, less that of ``python -c pass``), median of the cold runs;
* install size: the files of SALib and of the distributions it pulls in that
  rubric does not already need;
* on the Ishigami function (a = 7, b = 0.1) at the same number of model
  evaluations, N·(d + 2): the largest error of S1 and ST against the analytic
  values, median over seeds, for each, and the largest difference between them.

Without SALib it says so and measures rubric alone.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import re
import statistics
import subprocess
import sys

import numpy as np

from rubric.analysis.sobol import sobol_indices

FIRST = np.array([0.3139, 0.4424, 0.0])
TOTAL = np.array([0.5576, 0.4424, 0.2437])
#: What rubric itself installs: not counted against SALib.
OURS = {"policy-rubric", "numpy", "pluggy", "attrs", "tabulate", "tomli", "tomli-w"}


def ishigami(x, a=7.0, b=0.1):
    z = -np.pi + 2 * np.pi * x
    return np.sin(z[:, 0]) + a * np.sin(z[:, 1]) ** 2 + b * z[:, 2] ** 4 * np.sin(z[:, 0])


def import_ms(statement: str) -> float:
    """Milliseconds of module imports for ``statement`` in a fresh interpreter."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True).stderr
    return sum(int(m.group(1)) for m in re.finditer(r"import time:\s+(\d+) \|", err)) / 1000


def import_times(repeats: int) -> dict:
    cases = {
        "python -c pass": "pass",
        "rubric.analysis.sobol": "import rubric.analysis.sobol",
        "rubric.analysis.sobol + numpy": "import rubric.analysis.sobol, numpy",
        "SALib (sample.sobol, analyze.sobol)": "import SALib.sample.sobol, SALib.analyze.sobol",
    }
    times: dict = {name: [] for name in cases}
    for _ in range(repeats):  # interleaved, so drift hits every case alike
        for name, statement in cases.items():
            times[name].append(import_ms(statement))
    base = statistics.median(times.pop("python -c pass"))
    return {name: statistics.median(t) - base for name, t in times.items()}


def install_mb() -> float:
    """Size of SALib and of the distributions it requires, recursively, that rubric does not."""
    seen, todo, size = set(), ["SALib"], 0
    while todo:
        name = re.split(r"[ ;<>=!~\[(]", todo.pop())[0].lower().replace("_", "-")
        if name in seen or name in OURS:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        size += sum(f.size or 0 for f in dist.files or ())
        todo += [r for r in dist.requires or () if "extra ==" not in r]
    return size / 1e6


def error(first, total) -> float:
    return float(max(np.abs(np.asarray(first) - FIRST).max(), np.abs(np.asarray(total) - TOTAL).max()))


def salib_indices(samples: int, seed: int):
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[0, 1]] * 3}
    x = sample.sample(problem, samples, calc_second_order=False, seed=seed)
    found = analyze.analyze(problem, ishigami(x), calc_second_order=False, num_resamples=10, seed=seed)
    return found["S1"], found["ST"], len(x)


def agreement(sizes: list, seeds: int, salib: bool) -> list:
    rows = []
    for n in sizes:
        ours, theirs, between = [], [], []
        for seed in range(seeds):
            mine = sobol_indices(ishigami, 3, n, seed=seed)
            ours.append(error(mine.first, mine.total))
            if salib:
                first, total, runs = salib_indices(n, seed)
                assert runs == n * 5, "the same number of model evaluations"
                theirs.append(error(first, total))
                between.append(error(first - mine.first + FIRST, total - mine.total + TOTAL))
        compared = (statistics.median(theirs), statistics.median(between)) if salib else ()
        rows.append((n, n * 5, statistics.median(ours), *compared))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 cold imports, 3 seeds, two sample sizes")
    quick = parser.parse_args().quick
    try:
        version: str | None = metadata.version("SALib")
    except metadata.PackageNotFoundError:
        version = None
        print("SALib is not installed (pip install SALib): measuring rubric alone.")
    print("Import time, ms above python -c pass (median of cold runs):")
    for name, ms in import_times(3 if quick else 5).items():
        if version or not name.startswith("SALib"):
            print(f"  {name:<40} {ms:8.1f}")
    if version:
        print(f"Install size of SALib {version} and what it pulls in beyond rubric's dependencies: {install_mb():.0f} MB")
    sizes = [1024, 4096] if quick else [1024, 4096, 16384]
    print("Ishigami (a = 7, b = 0.1): largest |error| of S1 and ST against the analytic values, median over seeds")
    header = f"  {'N':>6} {'runs':>7} {'rubric (random)':>16}"
    print(header + (f" {'SALib (Sobol seq.)':>19} {'|rubric − SALib|':>17}" if version else ""))
    for row in agreement(sizes, 3 if quick else 5, bool(version)):
        print(f"  {row[0]:>6} {row[1]:>7} " + " ".join(f"{v:>16.4f}" for v in row[2:]))


if __name__ == "__main__":
    main()
