"""Equal weights for every criterion, wherever it sits in the value tree.

This differs from a scheme that states no weights at all: there, siblings
count equally at every level, so a group with two criteria gives each more
weight than a group with four.  Here a group weighs as many criteria as it has.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import DerivedWeights, WeightingMethod
from rubric.model import Rubric


def derive(rubric: Rubric, params: Mapping[str, Any]) -> DerivedWeights:
    weights = {c.id: 1.0 for c in rubric.criteria}
    for group in rubric.groups:
        weights[group.id] = float(len(rubric.criteria_under(group.id)))
    return DerivedWeights(weights)


METHOD = WeightingMethod(
    name="equal",
    derive=derive,
    description="Every criterion weighs the same.",
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
