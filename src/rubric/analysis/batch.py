"""A scheme's aggregation method called on many weightings at once, guarded like the engine's call.

SMAA and weight stability score thousands of weight vectors.  A method that
declares :attr:`~rubric.components.AggregationMethod.batched` is called once
for a whole batch through :meth:`Registry.call <rubric.registry.Registry.call>`,
so a failure still names the plugin, and what it returns is checked (k × n
finite numbers) before any rank is read from it.
"""

from __future__ import annotations

from typing import Callable, Optional

from rubric.model import Scheme
from rubric.results import Evaluation

__all__ = ["batched_aggregator"]


def batched_aggregator(evaluation: Evaluation, scheme: Scheme) -> Optional[Callable]:
    """``scores(matrices, weights) -> k × n array`` for the scheme's method, or ``None`` if it has no batched form."""
    registry, rubric = evaluation.registry, evaluation.rubric
    method = registry.aggregation_method(scheme.aggregation.name)
    batched = method.batched
    if batched is None:
        return None
    params = {**method.params, **scheme.aggregation.params}

    def scores(matrices, weights):
        import numpy as np

        returned = registry.call(
            "aggregation method",
            method,
            f"aggregating scheme {scheme.id!r} for {len(weights):,} weightings at once",
            batched,
            matrices,
            weights,
            scale=rubric.scale,
            criteria=rubric.criteria,
            **params,
        )
        expected = (len(weights), np.shape(matrices)[-2])
        try:
            array = np.asarray(returned, dtype=float)
        except (TypeError, ValueError):
            array = np.zeros(0)
        if array.shape != expected or not np.isfinite(array).all():
            found = f"shape {array.shape}" if array.shape != expected else "a non-finite score"
            raise registry.plugin_error(
                "aggregation method",
                method.name,
                f"aggregation method {method.name!r}'s batched form returned {found} under scheme {scheme.id!r}, "
                f"not {expected[0]} × {expected[1]} finite numbers",
            )
        return array

    return scores
