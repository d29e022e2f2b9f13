"""Rank-sum weights from a ranking of each node's children.

Reference: W. G. Stillwell, D. A. Seaver and W. Edwards (1981), "A comparison
of weight approximation techniques in multiattribute utility decision
making", *Organizational Behavior and Human Performance* 28(1), 62–77; compared
with rank-order centroid weights by Barron and Barrett (1996).

The child ranked r-th of n gets a weight proportional to n − r + 1, so the
weights fall in equal steps::

    w_r = (n − r + 1) / Σ_{i=1..n} i = 2 (n − r + 1) / (n (n + 1))     n = 3: 1/2, 1/3, 1/6

They are flatter than rank-order centroid weights: the last child keeps more.

Ties.  Children in an inner list share the positions they occupy and take
their mean rank (as Spearman's coefficient does), so the sum n (n + 1) / 2 is
unchanged: ``["a", "b"]``-tie then ``"c"`` have ranks 1.5, 1.5, 3 and weights
2.5/6, 2.5/6, 1/6.

Parameters: ``ranking`` (required), exactly as for ``rank-order-centroid``:
``root`` or a group id mapped to its children, most important first; a node
named must list all its children.

.. code-block:: toml

    [schemes.security-first-rank-sum]
    title = "Security first, by rank (rank sum)"

    [schemes.security-first-rank-sum.weighting]
    method = "rank-sum"
    ranking.root = ["geopolitical", "ideological"]
    ranking.geopolitical = ["china-misuse", ["backdoor-risk", "global-power"]]  # the last two tie
"""

from __future__ import annotations

from typing import Sequence

from rubric import hookimpl
from rubric.components import DerivedWeights, WeightingMethod
from rubric.weighting import ranking


def rank_sum_weights(sizes: Sequence[int]) -> list:
    """The weight of one member of each tie class, given the classes' sizes, best first.

    >>> rank_sum_weights([1, 1, 1]) == [3 / 6, 2 / 6, 1 / 6]
    True
    """
    n = sum(sizes)
    total = n * (n + 1) / 2
    weights, before = [], 0
    for size in sizes:
        mean_rank = before + (size + 1) / 2
        weights.append((n - mean_rank + 1) / total)
        before += size
    return weights


def rank_sum(rubric, params) -> DerivedWeights:
    """Local weights of the children of every ranked node."""
    return ranking.derive_from_ranking(rubric, params, rank_sum_weights)


METHOD = WeightingMethod(
    name="rank-sum",
    derive=rank_sum,
    params={"ranking": None},
    description="Weights falling in equal steps down a ranking of each node's children (rank sum).",
    check_params=ranking.check_params,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
