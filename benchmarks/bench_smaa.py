"""SMAA-2 against the bare numpy floor, for every built-in method, with stdlib timing only.

    python benchmarks/bench_smaa.py                      # 5 repeats per case
    python benchmarks/bench_smaa.py --repeats 3 --quick  # the 100 × 12 case only

The floor is the least any SMAA over weights must do: sample the weight
vectors, score them all in one call of the method's batched form, one
argsort.  :func:`rubric.analysis.array_core.smaa_core` does that plus the
rank counts (with tie handling), the central weights and the confidence
factors.  Target: within 3× of the floor for every method at 100 proposals ×
12 criteria × 10,000 samples.

Each method is timed three ways on the same values: the floor with its
batched form, :func:`rubric.smaa` on an evaluation (which calls the batched
form through the registry), and :func:`rubric.smaa` through the per-sample
engine path — what a third-party method without a batched form gets.  The
per-sample path is timed on a tenth of the samples and scaled ×10 (it is
linear in the samples), and says so.  Inputs are synthetic (values uniform on
−2…+2), so no files are read.
"""

from __future__ import annotations

import argparse
import statistics

import attrs
import numpy as np

from rubric import hookimpl
from rubric.aggregation import BUILTINS
from rubric.analysis.acceptability import smaa
from rubric.analysis.array_core import smaa_core
from rubric.analysis.sampling import WeightSampler
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme
from timing import summary, timed

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))


def builtin_methods() -> list:
    import importlib

    return [importlib.import_module(name).METHOD for name in BUILTINS]


class PerSample:
    """Every built-in again as ``NAME/per-sample``, without its batched form (nor ``linear``)."""

    __name__ = "per-sample-benchmark"

    @hookimpl
    def rubric_aggregation_methods(self):
        return [attrs.evolve(m, name=f"{m.name}/per-sample", batched=None, linear=False) for m in builtin_methods()]


def evaluation_of(values: np.ndarray, registry):
    """An evaluation of the rows of ``values`` (one assessed criterion per column), a scheme per method."""
    n, m = values.shape
    criteria = tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(m))
    names = [method.name for method in builtin_methods()]
    schemes = tuple(
        Scheme(f"{name}{suffix}", name, MethodChoice("equal"), aggregation=MethodChoice(f"{name}{suffix}"))
        for name in names
        for suffix in ("", "/per-sample")
    )
    rubric = Rubric("bench", "Bench", "1", SCALE, (Group("g", "G"),), criteria, schemes)
    proposals = [
        Proposal(f"p{i}", f"P{i}", assessments={"bench": {c.id: (Rating("a", float(v)),) for c, v in zip(criteria, row)}})
        for i, row in enumerate(values)
    ]
    return evaluate(rubric, proposals, registry=registry)


def floor(values: np.ndarray, samples: int, seed: int, batched) -> None:
    """Weights drawn by SMAA's own sampler, one batched evaluation, one ascending argsort (best first is a reversed view)."""
    weights = WeightSampler(values.shape[1], None).draw(np.random.default_rng(seed), samples)
    np.argsort(batched(values, weights), axis=1)


def method_times(method, evaluation, values, samples: int, repeats: int) -> tuple:
    """Median seconds of the floor, of batched SMAA, and of the per-sample path (scaled from a tenth of the samples)."""
    few = max(1, samples // 10)

    def batched(x, w):
        return method.batched(x, w, scale=SCALE, criteria=evaluation.rubric.criteria, **method.params)

    base = statistics.median(timed(lambda: floor(values, samples, 0, batched), repeats, warm_up=True))
    ours = statistics.median(timed(lambda: smaa(evaluation, method.name, samples=samples), repeats, warm_up=True))
    slow = statistics.median(timed(lambda: smaa(evaluation, f"{method.name}/per-sample", samples=few), max(1, repeats // 2)))
    return base, ours, slow * samples / few


#: Methods timed on 1/share of the samples and scaled back, because every sample is slow for them.
SLOW_SHARE = {"electre-iii": 100}


def methods_table(n: int, m: int, samples: int, repeats: int) -> None:
    values = np.random.default_rng(12345).uniform(-2, 2, (n, m))
    evaluation = evaluation_of(values, create_registry(autoload=False, plugins=[PerSample()]))
    few = max(1, samples // 10)
    print(f"\n{n:,} proposals × {m} criteria, {samples:,} samples; medians of {repeats} runs")
    print(f"  {'method':18s}{'floor':>12s}{'smaa (batched)':>17s}{'ratio':>8s}{'per-sample engine path':>26s}{'batched ×':>11s}")
    for method in builtin_methods():
        # ELECTRE III distils a full credibility matrix for every sample (seconds per thousand at this
        # size): it runs a hundredth of the samples, every figure scaled back, and says so.
        share = SLOW_SHARE.get(method.name, 1)
        base, ours, slow = (t * share for t in method_times(method, evaluation, values, samples // share, repeats))
        scaled = f" (all ×{share})" if share > 1 else ""
        print(
            f"  {method.name:18s}{base * 1000:9.1f} ms{ours * 1000:14.1f} ms{ours / base:7.2f}×"
            f"{slow * 1000:17.0f} ms (×{samples // few}){slow / ours:10.0f}×{scaled}"
        )
    print(f"  (the per-sample path ran {few:,} samples and is scaled ×{samples // few}: it is linear in the samples)")


def core_table(samples: int, repeats: int) -> None:
    """The weighted sum's own batch path in smaa_core, as before, and with value intervals."""
    rng = np.random.default_rng(12345)
    print(f"\nsmaa_core, weighted sum (one matrix product per batch), {samples:,} samples")
    for n, m in ((100, 12), (1_000, 20)):
        values = rng.uniform(-2, 2, (n, m))
        base = timed(lambda values=values: floor(values, samples, 0, lambda x, w: w @ x.T), repeats, warm_up=True)
        ours = timed(lambda values=values: smaa_core(values, samples=samples, seed=0), repeats, warm_up=True)
        ratio = statistics.median(ours) / statistics.median(base)
        print(f"  {n:,} × {m}: floor {summary(base)}   smaa_core {summary(ours)}   {ratio:.2f}× floor")
    n, m = 100, 12
    values = rng.uniform(-1.5, 1.5, (n, m))
    low, high = values - 0.5, values + 0.5
    uncertain = timed(lambda: smaa_core(values, low, high, samples=samples, seed=0), repeats, warm_up=True)
    print(f"  {n} × {m}, every value an interval of width 1 (uniform; no floor models it): {summary(uncertain)}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="the 100 × 12 methods table only")
    args = parser.parse_args(argv)
    print(f"SMAA-2; numpy {np.__version__}")
    methods_table(100, 12, args.samples, args.repeats)
    if not args.quick:
        core_table(args.samples, args.repeats)


if __name__ == "__main__":
    main()
