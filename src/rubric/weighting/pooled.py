"""Stakeholders pooled: one scheme's weights derived from several other schemes'.

Each stakeholder is an ordinary scheme of the rubric (direct, swing, AHP or any
other weighting); a pooled scheme names them and how to pool them:

.. code-block:: toml

    [schemes.pooled]
    title = "Industry and civil society, pooled"
    weighting = { method = "pooled", of = ["industry", "civil-society"], mean = "geometric" }

``mean``:

``arithmetic`` (the default)
    the mean of the stakeholders' effective criterion weights;
``geometric``
    their geometric mean, renormalised to sum to 1 (a criterion one stakeholder
    gives no weight to gets none);
``judgements``
    for stakeholders who all use AHP: the aggregation of individual judgements
    (AIJ), each pairwise judgement replaced by the geometric mean of the
    stakeholders' judgements of that pair (a node a stakeholder does not compare
    counts as equal judgements, 1), and the weights derived from these group
    judgements by AHP as usual (Forman, E. & Peniwati, K. (1998) "Aggregating
    individual judgments and priorities with the Analytic Hierarchy Process",
    European Journal of Operational Research 108(1): 165–169).  The geometric
    mean is the one that keeps the reciprocal: the group's b/a is 1 over its a/b
    (Aczél, J. & Saaty, T. L. (1983), J. Math. Psychology 27: 93–102).  The
    group's consistency ratio is shown, and not held against ``max_cr``: the
    stakeholders' own judgements have been checked.

A pooled scheme may pool other pooled schemes; a cycle is refused.  The
stakeholders' rankings appear in ``rubric compare`` like any scheme's, with the
pooled one's agreement with each.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from rubric import hookimpl
from rubric.components import DerivedWeights, ParamProblem, WeightingMethod
from rubric.errors import describe, did_you_mean
from rubric.model import MethodChoice, Rubric, Scheme
from rubric.weighting.ahp import parse_judgements
from rubric.weighting.nodes import children_of

#: How the stakeholders' weights are pooled (see the module docstring).
MEANS = ("arithmetic", "geometric", "judgements")


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[ParamProblem]:
    """The pooled schemes exist (and, for ``judgements``, use AHP); the mean is known."""
    problems: list[ParamProblem] = []
    mean = params.get("mean", "arithmetic")
    if mean not in MEANS:
        problems.append(("mean", f"expected one of {', '.join(MEANS)}, found {describe(mean)}{did_you_mean(str(mean), MEANS)}"))
    of = params["of"]
    if not isinstance(of, list) or not of or not all(isinstance(s, str) for s in of):
        return [*problems, ("of", f"expected a list of scheme ids (the stakeholders' schemes), found {describe(of)}")]
    known = [s.id for s in rubric.schemes]
    for index, scheme_id in enumerate(of):
        if scheme_id not in known:
            problems.append(("of", f"no scheme {scheme_id!r} in rubric {rubric.id!r} to pool{did_you_mean(scheme_id, known)}"))
        elif scheme_id in of[:index]:
            problems.append(("of", f"scheme {scheme_id!r} is named twice"))
        elif mean == "judgements" and rubric.scheme(scheme_id).weighting.name != "ahp":
            problems.append(("of", f"mean = \"judgements\" pools AHP judgements, and scheme {scheme_id!r} does not use AHP"))
    return problems


def local_weights(rubric: Rubric, effective: Mapping[str, float]) -> dict[str, float]:
    """Local weights whose flattening gives back ``effective`` (a group's is its criteria's total)."""
    local = dict(effective)
    for group in rubric.groups:
        local[group.id] = sum(effective[c.id] for c in rubric.criteria_under(group.id))
    for node in (None, *(g.id for g in rubric.groups)):
        children = rubric.children(node)
        if children and not any(local[child] > 0 for child in children):
            local.update(dict.fromkeys(children, 1.0))  # a node without weight: its children's split does not matter
    return local


def group_judgements(rubric: Rubric, schemes: list) -> dict:
    """The geometric mean of every pairwise judgement, as an AHP ``pairwise`` table."""
    tables = [scheme.weighting.params["pairwise"] for scheme in schemes]
    pairwise: dict[str, dict[str, float]] = {}
    for key in dict.fromkeys(key for table in tables for key in table):
        children = children_of(rubric, key)
        logs = [[0.0] * len(children) for _ in children]
        for table in tables:
            if key in table:
                matrix = parse_judgements(key, children, table[key])[1]
                for i, row in enumerate(matrix):
                    for j, judgement in enumerate(row):
                        logs[i][j] += math.log(judgement) / len(tables)
        pairwise[key] = {
            f"{a}/{b}": math.exp(logs[i][j]) for i, a in enumerate(children) for j, b in enumerate(children) if i < j
        }
    return pairwise


def pooled(rubric: Rubric, params: Mapping[str, Any], *, weights_of: Callable[..., DerivedWeights]) -> DerivedWeights:
    """The stakeholders' weights pooled by the chosen mean, as local weights of the value tree."""
    mean = params["mean"]
    of = list(params["of"])
    details: dict[str, Any] = {"pooled": f"{mean} mean of {', '.join(of)}"}
    if mean == "judgements":
        schemes = [rubric.scheme(s) for s in of]
        group = Scheme(
            f"judgements of {', '.join(of)}",
            "group judgements",
            MethodChoice("ahp", {"pairwise": group_judgements(rubric, schemes), "allow_inconsistent": True}),
        )
        derived = weights_of(group)
        details.update({f"group {k}": v for k, v in derived.details.items() if k.startswith("consistency")})
        return DerivedWeights(local_weights(rubric, derived.weights), details)
    each = [weights_of(s).weights for s in of]
    criteria = [c.id for c in rubric.criteria]
    if mean == "arithmetic":
        pooled_weights = {c: sum(w[c] for w in each) / len(each) for c in criteria}
    else:
        products = {c: math.prod(w[c] for w in each) ** (1 / len(each)) for c in criteria}
        total = sum(products.values())
        if total <= 0:
            raise ValueError(f"the geometric mean of {', '.join(of)} gives every criterion a weight of zero: "
                             "no criterion has weight in every stakeholder's scheme")
        pooled_weights = {c: v / total for c, v in products.items()}
    return DerivedWeights(local_weights(rubric, pooled_weights), details)


METHOD = WeightingMethod(
    name="pooled",
    derive=pooled,
    params={"of": None, "mean": "arithmetic"},
    description="Stakeholders' schemes pooled: arithmetic or geometric mean of their weights, or AHP judgements (AIJ).",
    check_params=check_params,
    pools=True,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
