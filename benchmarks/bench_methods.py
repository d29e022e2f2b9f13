"""Aggregation methods on large random matrices, and how PROMETHEE II scales.

Run from the repository root with the environment rubric is installed in::

    python benchmarks/bench_methods.py            # full run
    python benchmarks/bench_methods.py --quick    # fewer repeats, smaller matrices

Figures are medians (with min–max) of repeated calls of each method's
``aggregate`` on seeded random matrices (values uniform on −2…+2, Dirichlet
weights), exactly as the engine calls it.  Two references frame them: a bare
``matrix @ weights`` (the floor any method pays to touch every value) and,
for PROMETHEE, the textbook pairwise computation, which is O(n²·m).

Matrices of *assessed* scores (half-levels of the scale) are timed too where
it matters: they are full of ties, which the lexicographic tie-breaks of
maximin and lexicographic must then resolve, and they have few distinct
values, which makes PROMETHEE's Gaussian fast.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from functools import partial

import numpy as np

from rubric.aggregation import BUILTINS
from rubric.aggregation.promethee import Preference, net_flows
from rubric.model import Scale
from timing import summary, timed

SCALE = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))
SEED = 20251123

# (label, module, params, largest n it is timed at): the Gaussian is quadratic
# in the number of distinct values, so on continuous data it stops early.
CASES = [
    ("matrix @ weights (floor)", None, {}, None),
    *[(importlib.import_module(name).METHOD.name, name, {}, None) for name in BUILTINS],
    ("topsis, ideal=scale", "rubric.aggregation.topsis", {"ideal": "scale"}, None),
    ("promethee-ii, linear", "rubric.aggregation.promethee",
     {"preference": {"function": "linear", "q": 0.25, "p": 1.5}}, None),
    ("promethee-ii, gaussian", "rubric.aggregation.promethee",
     {"preference": {"function": "gaussian", "s": 0.75}}, 1_000),
]


def matrix(n: int, m: int, *, levels: bool = False):
    rng = np.random.default_rng(SEED + n + m)
    x = rng.integers(-4, 5, size=(n, m)) / 2 if levels else rng.uniform(-2, 2, size=(n, m))
    return x, rng.dirichlet(np.ones(m))


def caller(module, params):
    if module is None:
        return lambda x, w: x @ w
    method = importlib.import_module(module).METHOD
    full = {**method.params, **params}
    return lambda x, w: method.aggregate(x, w, scale=SCALE, **full)


def methods_table(sizes, repeats: int) -> None:
    header = "".join(f"{f'{n:,}×{m}':>34s}" for n, m in sizes)
    print(f"Methods, random values on −2…+2 ({repeats} runs each; median, min–max)")
    print(f"  {'':28s}{header}")
    data = {size: matrix(*size) for size in sizes}
    for label, module, params, largest in CASES:
        run = caller(module, params)
        cells = []
        for n, m in sizes:
            if largest is not None and n > largest:
                cells.append(f"{'(quadratic: see below)':>34s}")
                continue
            x, w = data[(n, m)]
            run(x, w)  # warm: first-call imports and caches are not the method's cost
            cells.append(f"{summary(timed(partial(run, x, w), repeats), 2):>34s}")
        print(f"  {label:28s}{''.join(cells)}")
    print()


def ties_table(n: int, m: int, repeats: int) -> None:
    print(f"Assessed scores (half-levels, many ties), {n:,}×{m}")
    x, w = matrix(n, m, levels=True)
    for label, module, params, _ in CASES[1:]:
        if module.endswith(("maximin", "lexicographic", "promethee")):
            run = caller(module, params)
            run(x, w)
            print(f"  {label:28s}{summary(timed(partial(run, x, w), repeats), 2):>34s}")
    print()


def pairwise_flows(x, w, chunk: int = 256):
    """The textbook O(n²·m) net flows (usual criterion), chunked to bound memory."""
    n = x.shape[0]
    flows = np.zeros(n)
    for first in range(0, n, chunk):
        d = x[first:first + chunk, None, :] - x[None, :, :]
        flows[first:first + chunk] = (np.sign(d) * w).sum(axis=(1, 2))
    return flows / (n - 1)


def promethee_scaling(ns, ns_pairwise, ns_gaussian, m: int, repeats: int) -> None:
    print(f"PROMETHEE II scaling, m = {m} criteria ({repeats} runs each)")
    functions = {
        "usual (sort-based)": Preference("usual"),
        "linear (sort-based)": Preference("linear", q=0.25, p=1.5),
        "gaussian, continuous values": Preference("gaussian", s=0.75),
        "gaussian, half-levels": Preference("gaussian", s=0.75),
    }
    for label, pref in functions.items():
        levels = label.endswith("half-levels")
        sizes = ns_gaussian if label.startswith("gaussian, continuous") else ns
        row = []
        previous = None
        for n in sizes:
            x, w = matrix(n, m, levels=levels)
            median = statistics.median(timed(partial(net_flows, x, w, [pref] * m, tolerance=4e-9), repeats))
            growth = f" ×{median / previous[1]:.1f} for ×{n / previous[0]:.0f} n" if previous else ""
            row.append(f"{n:>7,}: {median * 1000:9.2f} ms{growth}")
            previous = (n, median)
        print(f"  {label}")
        for cell in row:
            print(f"      {cell}")
    print("  pairwise reference, usual (textbook O(n²·m), not shipped)")
    previous = None
    for n in ns_pairwise:
        x, w = matrix(n, m)
        median = statistics.median(timed(partial(pairwise_flows, x, w), max(1, repeats // 2)))
        growth = f" ×{median / previous[1]:.1f} for ×{n / previous[0]:.0f} n" if previous else ""
        print(f"      {n:>7,}: {median * 1000:9.2f} ms{growth}")
        previous = (n, median)
    x, w = matrix(ns_pairwise[-1], m)
    fast = net_flows(x, w, [Preference("usual")] * m)
    print(f"  largest |sort-based − pairwise| at n = {ns_pairwise[-1]:,}: {np.max(np.abs(fast - pairwise_flows(x, w))):.1e}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller matrices")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}\n")
    if args.quick:
        methods_table([(1_000, 12), (10_000, 30)], repeats=3)
        ties_table(10_000, 30, repeats=3)
        promethee_scaling([1_000, 10_000], [500, 1_000], [250, 500], m=12, repeats=3)
    else:
        methods_table([(1_000, 12), (10_000, 30), (100_000, 30)], repeats=7)
        ties_table(100_000, 30, repeats=5)
        promethee_scaling(
            [1_000, 10_000, 100_000, 1_000_000], [1_000, 2_000, 4_000], [500, 1_000, 2_000, 4_000], m=12, repeats=5
        )


if __name__ == "__main__":
    main()
