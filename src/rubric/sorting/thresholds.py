"""Threshold sorting on the total: a class for each band of the scheme's total score.

The simplest sorting, and the one grade bands use: each class above the
worst has a lower bound on the total (on the rubric's scale, as the total is
shown by default), and a proposal goes to the best class whose bound its total
reaches.  Given neither ``classes`` nor ``bounds``, the classes are the
rubric's grade bands (``[[grades]]``), read on their own terms.  It
compensates exactly as the scheme's aggregation does — only the reading
changes — so it is monotone wherever the aggregation is, and a proposal's
class depends on the others only if its total does.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import Assignment, Property, SortingMethod, is_real_number
from rubric.errors import describe, did_you_mean
from rubric.model import Rubric
from rubric.sorting.profiles import SLACK, check_classes, listing

__all__ = ["METHOD", "threshold_sort"]


def threshold_sort(matrix, weights, *, scale, criteria, totals, classes, bounds):
    """One :class:`Assignment` per proposal: the best class whose lower bound its total reaches."""
    limits = [float(bounds[label]) for label in classes[1:]]
    tolerance = SLACK * (float(scale.max) - float(scale.min))
    assignments = []
    for total in totals:
        reached = max((h + 1 for h, bound in enumerate(limits) if total >= bound - tolerance), default=0)
        notes = []
        if reached:
            notes.append(f"total {total:.3g} ≥ {limits[reached - 1]:g}, the bound of {classes[reached]!r}")
        if reached < len(limits):
            notes.append(f"below {limits[reached]:g}, the bound of {classes[reached + 1]!r}")
        assignments.append(Assignment(reached, reached, (), "; ".join(notes)))
    return assignments


def check_bounds(params: Mapping[str, Any], rubric: Rubric) -> list:
    """Classes, and a bound on the scale for every class above the worst, rising with the class; or the rubric's grades."""
    if "classes" not in params and "bounds" not in params:
        if rubric.grades is None:
            return [("", "expected `classes` and `bounds`, or grade bands in the rubric ([[grades]]) to sort by; found neither")]
        return []
    problems = check_classes(params)
    bounds = params.get("bounds")
    if problems:
        return problems
    if not isinstance(bounds, Mapping):
        return [("bounds", f"expected a table of class = lowest total, found {describe(bounds)}")]
    above = list(params["classes"][1:])
    scale = rubric.scale
    for label, bound in bounds.items():
        if label not in above:
            problems.append((f"bounds.{label}", f"expected one of {listing(above)}{did_you_mean(label, above)}"))
        elif not is_real_number(bound) or not scale.contains(bound):
            message = f"expected a total on the scale {scale.min:g}…{scale.max:g}, found {describe(bound)}"
            problems.append((f"bounds.{label}", message))
    missing = [label for label in above if label not in bounds]
    if missing:
        problems.append(("bounds", f"expected a bound for every class above the worst, found none for {listing(missing)}"))
    if not problems:
        for lower, upper in zip(above, above[1:]):
            if bounds[upper] <= bounds[lower]:
                problems.append((
                    f"bounds.{upper}",
                    f"expected the bound of {upper!r} above that of {lower!r} ({bounds[lower]!r}), found {bounds[upper]!r}",
                ))
    return problems


METHOD = SortingMethod(
    name="thresholds",
    sort=threshold_sort,
    params={"classes": (), "bounds": {}},
    check_params=check_bounds,
    properties={Property.MONOTONICITY},
    grades=True,
    description="The best class whose lower bound the scheme's total reaches (bands on the total).",
)


@hookimpl
def rubric_sorting_methods():
    return [METHOD]
