"""MR-Sort: majority-rule sorting with class profiles and optional veto profiles.

Leroy, Mousseau & Pirlot (2011), "Learning the parameters of a multiple
criteria sorting method", ADT 2011, LNAI 6992, 219–233; the veto profiles as
in Sobrie, Mousseau & Pirlot (2013).  Each class above the worst has a lower
profile ``b_h``.  A proposal ``a`` *reaches* class ``h`` when the criteria on
which it is at least the profile carry a majority of the weight::

    Σ_{j : a_j ≥ b_h,j} w_j ≥ λ      (weights summing to 1, 0.5 ≤ λ ≤ 1)

and no criterion vetoes it: ``a_j ≤ v_h,j`` for a veto profile ``v_h`` (given
only where the analyst wants one, below the profile).  The proposal goes to
the best class it reaches, the worst class if none.  No amount of strength on
some criteria buys a class the majority does not grant: that is why it does
not compensate.  Reaching a class is monotone in every value, so improving a
proposal never moves it down; a proposal's class depends on it alone.

The criteria that decided it: those short of (or vetoing) the next class up,
or, in the best class, those that carried it there.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import Assignment, Property, SortingMethod
from rubric.model import Rubric
from rubric.sorting.profiles import SLACK, check_classes, check_level, check_profiles, profile_rows

__all__ = ["METHOD", "mr_sort"]


def mr_sort(matrix, weights, *, scale, criteria, totals=None, classes, profiles, majority=0.5, vetoes=None):
    """One :class:`Assignment` per proposal: the best class whose profile a weighted majority reaches."""
    ids = [c.id for c in criteria]
    limits = profile_rows(profiles, classes, criteria)
    veto_rows = profile_rows(vetoes or {}, classes, criteria)
    w = [float(x) for x in weights]
    total = sum(w) or 1.0
    w = [x / total for x in w]
    tolerance = SLACK * (float(scale.max) - float(scale.min))
    assignments = []
    for row in matrix:
        values = [float(x) for x in row]
        verdicts = [_verdict(values, limit, veto, w, majority, tolerance) for limit, veto in zip(limits, veto_rows)]
        reached = max((h + 1 for h, (ok, _, _, _) in enumerate(verdicts) if ok), default=0)
        notes, decided = [], ()
        if reached:
            _, support, weight, _ = verdicts[reached - 1]
            notes.append(f"reaches {classes[reached]!r} ({weight:.2f} ≥ λ {majority:g})")
            decided = tuple(ids[j] for j in support if w[j] > 0)  # a criterion of weight 0 carries nothing
        if reached < len(classes) - 1:
            _, support, weight, vetoing = verdicts[reached]
            label = classes[reached + 1]
            if weight >= majority - SLACK and vetoing:
                notes.append(f"{label!r} vetoed by these")
                decided = tuple(ids[j] for j in vetoing)
            else:
                notes.append(f"short of {label!r} on these ({weight:.2f} < λ {majority:g})")
                decided = tuple(ids[j] for j in range(len(ids)) if j not in support and w[j] > 0)
        assignments.append(Assignment(reached, reached, decided, "; ".join(notes)))
    return assignments


def _verdict(values, limit, veto, w, majority, tolerance):
    """Whether ``values`` reach a profile: (reached, supporting columns, their weight, vetoing columns)."""
    support = [j for j, (x, b) in enumerate(zip(values, limit)) if x >= b - tolerance]
    weight = sum(w[j] for j in support)
    vetoing = [j for j, (x, v) in enumerate(zip(values, veto)) if v is not None and x <= v + tolerance]
    return weight >= majority - SLACK and not vetoing, support, weight, vetoing


def check_mr_sort(params: Mapping[str, Any], rubric: Rubric) -> list:
    """Classes, profiles (on the scale, each dominating the one below), λ in [0.5, 1], vetoes below the profiles."""
    problems = check_classes(params)
    if problems:
        return problems
    problems = check_level(params, "majority", 0.5, "the majority threshold") + check_profiles(params, rubric)
    problems += check_profiles(params, rubric, key="vetoes", complete=False)
    if not problems and params.get("vetoes"):
        for label, veto in params["vetoes"].items():
            for criterion, value in veto.items():
                limit = params["profiles"][label][criterion]
                if value >= limit:
                    problems.append((
                        f"vetoes.{label}.{criterion}",
                        f"expected a veto below the profile of {label!r} on {criterion} ({limit!r}), found {value!r}",
                    ))
    return problems


METHOD = SortingMethod(
    name="mr-sort",
    sort=mr_sort,
    params={"classes": None, "profiles": None, "majority": 0.5, "vetoes": {}},
    check_params=check_mr_sort,
    properties={Property.MONOTONICITY, Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    description="Majority-rule sorting: the best class whose profile a weighted majority of criteria reaches, unless vetoed.",
)


@hookimpl
def rubric_sorting_methods():
    return [METHOD]
