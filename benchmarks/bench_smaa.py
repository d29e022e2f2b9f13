"""SMAA-2 against the bare numpy floor, with stdlib timing only.

    python benchmarks/bench_smaa.py            # 7 repeats per case
    python benchmarks/bench_smaa.py --repeats 15 --samples 20000

The floor is the least any SMAA over weights must do: sample the weight
vectors, one matrix product, one argsort.  :func:`rubric.analysis.array_core.smaa_core` does
that plus the rank counts (with tie handling), the central weights and the
confidence factors.  Targets: 10,000 samples on 100 proposals × 12 criteria in
under a second and within 3× of the floor.  A last case adds value intervals
on every cell, which the floor does not model (shown for scale, no ratio
target).  Inputs are synthetic arrays, so no files are read.
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np

from rubric.analysis.array_core import smaa_core

from timing import summary, timed


def floor(values: np.ndarray, samples: int, seed: int) -> None:
    """Weights uniform on the simplex, one matrix product, one argsort."""
    rng = np.random.default_rng(seed)
    spacings = rng.standard_exponential((samples, values.shape[1]))
    weights = spacings / spacings.sum(axis=1, keepdims=True)
    np.argsort(-(weights @ values.T), axis=1)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--samples", type=int, default=10_000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(12345)
    print(f"SMAA-2, {args.samples:,} samples, {args.repeats} repeats; median (min–max)")
    print(f"numpy {np.__version__}")
    for n, m in ((100, 12), (1_000, 20)):
        values = rng.uniform(-2, 2, (n, m))
        base = timed(lambda values=values: floor(values, args.samples, 0), args.repeats, warm_up=True)
        ours = timed(lambda values=values: smaa_core(values, samples=args.samples, seed=0), args.repeats, warm_up=True)
        ratio = statistics.median(ours) / statistics.median(base)
        print(f"\n{n:,} proposals × {m} criteria")
        print(f"  floor (sample, matmul, argsort)  {summary(base)}")
        print(f"  smaa_core, exact values          {summary(ours)}   {ratio:.2f}× floor")
    n, m = 100, 12
    values = rng.uniform(-1.5, 1.5, (n, m))
    low, high = values - 0.5, values + 0.5
    uncertain = timed(lambda: smaa_core(values, low, high, samples=args.samples, seed=0), args.repeats, warm_up=True)
    print(f"\n{n} proposals × {m} criteria, every value an interval of width 1 (uniform)")
    print(f"  smaa_core                        {summary(uncertain)}")


if __name__ == "__main__":
    main()
