"""Direct weights: the scheme states a weight for groups and/or criteria.

``weights = { ideological = 1, geopolitical = 2 }`` — any ids of the value
tree, at any level; the engine normalises siblings and multiplies down the
tree.  Weights written only at criteria are flat weights: a group weighs the
sum of its criteria's weights (so one point per indicator means what it
says).  A scheme with a ``weights`` table and no ``weighting`` uses this method.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import DerivedWeights, ParamProblem, WeightingMethod, is_real_number
from rubric.errors import did_you_mean
from rubric.model import Rubric
from rubric.weights import with_leaf_sums


def derive(rubric: Rubric, params: Mapping[str, Any]) -> DerivedWeights:
    """The weights as written; written only at criteria, they are flat weights (the leaf-weights rule)."""
    return DerivedWeights(with_leaf_sums(rubric, params["weights"]))


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[ParamProblem]:
    weights = params["weights"]
    if not isinstance(weights, dict):
        return [f"weights: expected a table of id = weight, found {type(weights).__name__}"]
    known = [g.id for g in rubric.groups] + [c.id for c in rubric.criteria]
    problems: list[ParamProblem] = []
    for node, weight in weights.items():
        if node not in known:
            problems.append((f"weights.{node}", f"not a group or criterion of rubric {rubric.id!r}{did_you_mean(node, known)}"))
        elif not is_real_number(weight):
            problems.append((f"weights.{node}", f"expected a number, found {weight!r}"))
        elif weight < 0:
            problems.append((f"weights.{node}", f"weights cannot be negative, found {weight}"))
    return problems


METHOD = WeightingMethod(
    name="direct",
    derive=derive,
    params={"weights": None},
    description="Weights stated for groups and/or criteria, normalised among siblings.",
    check_params=check_params,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
