"""Weighted sum: the total is the weighted mean of the criterion values.

Fully compensatory — a large gain on one criterion can buy off a large loss
on another — and the reference method every other one is compared with
(Fishburn, P. C. (1967) "Additive utilities with incomplete product set",
Operations Research 15(3); any MCDA textbook's simple additive weighting).
With weights that sum to 1 the total stays on the rubric's scale.

Plain Python on a list of rows (the small matrices of a command-line run,
where importing numpy would cost more than the arithmetic), numpy on arrays.
"""

from __future__ import annotations

from operator import mul

from rubric import hookimpl
from rubric.aggregation.common import prepare_batch
from rubric.components import AggregationMethod, Property


def weighted_sum(matrix, weights, *, scale=None, criteria=None):
    """Σ_j w_j·x_ij / Σ_j w_j for every row i: weights need not sum to 1."""
    if isinstance(matrix, list):
        total = sum(weights)
        return [sum(map(mul, weights, row)) / total for row in matrix]
    import numpy as np

    weights = np.asarray(weights, dtype=float)
    return np.asarray(matrix, dtype=float) @ (weights / weights.sum())


def weighted_sums(matrices, weights, *, scale=None, criteria=None):
    """The batched form: k weight rows against one n×m matrix or k of them (k × n scores)."""
    import numpy as np

    x, w = prepare_batch(matrices, weights)
    return w @ x.T if x.ndim == 2 else np.matmul(x, w[:, :, None])[:, :, 0]


METHOD = AggregationMethod(
    name="weighted-sum",
    aggregate=weighted_sum,
    properties=set(Property),
    description="Weighted mean of the criterion values; compensatory.",
    linear=True,
    batched=weighted_sums,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
