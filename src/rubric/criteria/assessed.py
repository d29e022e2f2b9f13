"""The ``assessed`` criterion kind: the value is what the raters gave.

Several raters are merged by the rubric's ``merge_raters`` rule; their
intervals (``low``/``high``, the score itself where absent) are merged by the
same rule, so the merged interval is the one the rule would give at either end.
"""

from __future__ import annotations

from typing import Callable, Sequence

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue
from rubric.model import Criterion, Proposal, Rubric


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


#: How several raters' scores on one criterion become one value.
MERGE_RULES: dict[str, Callable[[Sequence[float]], float]] = {
    "mean": lambda values: sum(values) / len(values),
    "median": _median,
    "min": min,
    "max": max,
}


def score(criterion: Criterion, proposal: Proposal, rubric: Rubric) -> CriterionValue:
    """Merge the proposal's ratings of ``criterion`` under ``rubric``."""
    ratings = proposal.assessments[rubric.id][criterion.id]
    if len(ratings) == 1:  # every rule gives the one rating back
        only = ratings[0]
        return CriterionValue(only.score, only.low, only.high, ratings)
    merge = MERGE_RULES[rubric.merge_raters]
    value = merge([r.score for r in ratings])
    low = merge([r.score if r.low is None else r.low for r in ratings])
    high = merge([r.score if r.high is None else r.high for r in ratings])
    return CriterionValue(value, low, high, ratings, f"{rubric.merge_raters} of {len(ratings)} raters")


KIND = CriterionKind(
    name="assessed",
    score=score,
    description="The score the proposal's raters gave, merged by the rubric's merge_raters rule.",
    assessed=True,
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
