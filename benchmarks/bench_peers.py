"""TOPSIS, VIKOR and PROMETHEE II beside pymcdm and scikit-criteria, on the same matrices.

    pip install 'policy-rubric[bench]'      # pymcdm and scikit-criteria
    python benchmarks/bench_peers.py        # --quick: fewer repeats, smaller matrices

A peer that is not installed is skipped.  Before anything is timed, every
method's numbers are checked against each peer's on the same matrix; only
settings that make them the same computation are compared:

* values are given to the peers measured from the bottom of the scale
  (``x − min``, all criteria to maximise), which is what rubric's TOPSIS
  vector-normalises; VIKOR and PROMETHEE read only differences, so the shift
  changes nothing for them;
* TOPSIS: rubric ``ideal = "data"``; pymcdm ``TOPSIS(vector_normalization)``
  (its default is min–max); scikit-criteria ``VectorScaler(target="matrix")``
  then ``TOPSIS()``.  Compared: the closeness C = (score − min)/(max − min);
* VIKOR: ``v = 0.5`` everywhere, scikit-criteria without the compromise set.
  Compared: Q = 1 − (score − min)/(max − min);
* PROMETHEE II: the ``usual`` preference function (pymcdm ``"usual"``;
  scikit-criteria has no PROMETHEE).  Compared: the net flow
  φ = 2·(score − min)/(max − min) − 1.

Weights are one Dirichlet draw, the same for everyone.  Ratios are the
peer's median over rubric's, so above 1 means rubric is faster.  The peers'
PROMETHEE II is pairwise (pymcdm keeps every criterion's n × n difference
table, n²·m floats); at 100,000 × 30 that is 2.4 TB, so only rubric is run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import warnings
from functools import partial

import numpy as np

from rubric.aggregation.promethee import METHOD as PROMETHEE
from rubric.aggregation.topsis import METHOD as TOPSIS
from rubric.aggregation.vikor import METHOD as VIKOR
from rubric.model import Scale
from timing import timed

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))
SPAN = float(SCALE.max - SCALE.min)


def ours(method, x, w, **params):
    """What the peers compute, read off rubric's score: closeness, Q or the net flow."""
    share = (np.asarray(method.aggregate(x, w, scale=SCALE, **{**method.params, **params})) - float(SCALE.min)) / SPAN
    return {"topsis": share, "vikor": 1.0 - share, "promethee-ii": 2.0 * share - 1.0}[method.name]


def pymcdm_peers() -> dict:
    try:
        from pymcdm import methods
        from pymcdm.normalizations import vector_normalization
    except ImportError:
        return {}

    def run(body, x, w):
        return body(x - float(SCALE.min), w, np.ones(x.shape[1]))

    return {
        "topsis": partial(run, methods.TOPSIS(vector_normalization)),
        "vikor": partial(run, methods.VIKOR(v=0.5)),
        "promethee-ii": partial(run, methods.PROMETHEE_II("usual")),
    }


def skcriteria_peers() -> dict:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import skcriteria
            from skcriteria.agg.topsis import TOPSIS as SkTopsis
            from skcriteria.agg.vikor import VIKOR as SkVikor
            from skcriteria.preprocessing.scalers import VectorScaler
    except ImportError:
        return {}

    def matrix(x, w):
        return skcriteria.mkdm(x - float(SCALE.min), [max] * x.shape[1], weights=w)

    def topsis(x, w):
        return SkTopsis().evaluate(VectorScaler(target="matrix").transform(matrix(x, w))).e_.similarity

    def vikor(x, w):
        return SkVikor(v=0.5, use_compromise_set=False).evaluate(matrix(x, w)).e_.q_k

    return {"topsis": topsis, "vikor": vikor}


def data(n: int, m: int):
    rng = np.random.default_rng(20251201 + n + m)
    return rng.uniform(-2, 2, (n, m)), rng.dirichlet(np.ones(m))


def agreement(peers: dict) -> None:
    print("Agreement on 300 × 12 (largest |rubric − peer|):")
    x, w = data(300, 12)
    for method in (TOPSIS, VIKOR, PROMETHEE):
        reference = ours(method, x, w)
        cells = [f"{name} {np.max(np.abs(reference - np.asarray(found[method.name](x, w)))):.1e}"
                 for name, found in peers.items() if method.name in found]
        print(f"  {method.name:14s}{'   '.join(cells) or 'no peer installed'}")
    print()


def speed(peers: dict, sizes, repeats: int) -> None:
    print(f"Medians of {repeats} runs; ratio = peer / rubric")
    for n, m in sizes:
        x, w = data(n, m)
        print(f"  {n:,} × {m}")
        for method in (TOPSIS, VIKOR, PROMETHEE):
            base = statistics.median(timed(partial(ours, method, x, w), repeats, warm_up=True))
            cells = [f"rubric {base * 1000:8.2f} ms"]
            for name, found in peers.items():
                if method.name in found and not (method.name == "promethee-ii" and n * n * m > 2e8):
                    peer = statistics.median(timed(partial(found[method.name], x, w), repeats, warm_up=True))
                    cells.append(f"{name} {peer * 1000:9.2f} ms ({peer / base:5.1f}×)")
                elif method.name in found:
                    cells.append(f"{name} pairwise: needs {n * n * m * 8 / 1e9:,.1f} GB (n²·m floats), not run")
            print(f"    {method.name:14s}" + "   ".join(cells))
    print()


def large_promethee(repeats: int) -> None:
    n, m = 100_000, 30
    x, w = data(n, m)
    base = statistics.median(timed(partial(ours, PROMETHEE, x, w), repeats, warm_up=True))
    print(f"PROMETHEE II (usual) at {n:,} × {m}: rubric {base:.2f} s (sort-based, O(n·m) memory); a pairwise "
          f"implementation needs n²·m = {n * n * m:.1e} floats ({n * n * m * 8 / 1e12:.1f} TB), or n² = "
          f"{n * n * 8 / 1e9:.0f} GB even one criterion at a time: not run.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller matrices")
    args = parser.parse_args()
    peers = {"pymcdm": pymcdm_peers(), "scikit-criteria": skcriteria_peers()}
    peers = {name: found for name, found in peers.items() if found}
    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}; peers: {', '.join(peers) or 'none installed'}\n")
    agreement(peers)
    repeats = 3 if args.quick else 7
    speed(peers, [(100, 12), (1_000, 12)] if args.quick else [(100, 12), (1_000, 12), (2_000, 30), (10_000, 30)], repeats)
    large_promethee(1 if args.quick else 3)


if __name__ == "__main__":
    main()
