"""The ``assessed`` criterion kind: the value is what the raters gave.

Several raters are merged by the rubric's ``merge_raters`` rule; their
intervals (``low``/``high``, the score itself where absent) are merged by the
same rule, so the merged interval is the one the rule would give at either end.
"""

from __future__ import annotations

from typing import Callable, Sequence, Union, cast

import attrs

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue, Gap
from rubric.model import Criterion, Proposal, Rating, Rubric


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


def score(criterion: Criterion, proposal: Proposal, rubric: Rubric) -> Union[CriterionValue, Gap]:
    """Merge the proposal's ratings of ``criterion`` under ``rubric``.

    Ratings of ``"unknown"`` or ``"not-applicable"`` are left out of the
    merge; when no rater gives a score the value is that :class:`Gap`
    (unknown if any rater says so), its reason the raters' rationale.
    """
    given = proposal.assessments[rubric.id][criterion.id]
    ratings = tuple(r for r in given if not r.gap)
    if not ratings:
        kind = "unknown" if any(r.gap == "unknown" for r in given) else "not-applicable"
        return Gap(kind, "; ".join(f"{r.rater}: {' '.join(r.rationale.split())}" if r.rationale else r.rater for r in given))
    if len(ratings) < len(given):
        merged = score_of(ratings, rubric)
        silent = ", ".join(f"{r.rater} ({r.gap})" for r in given if r.gap)
        return attrs.evolve(merged, note=f"{merged.note + '; ' if merged.note else ''}left out: {silent}")
    return score_of(ratings, rubric)


def score_of(ratings: Sequence[Rating], rubric: Rubric) -> CriterionValue:
    """The merged value of scored ratings."""
    if len(ratings) == 1:  # every rule gives the one rating back
        only = ratings[0]
        return CriterionValue(cast(float, only.score), only.low, only.high, tuple(ratings))
    merge = MERGE_RULES[rubric.merge_raters]
    scores = [cast(float, r.score) for r in ratings]  # the caller left the gaps out
    value = merge(scores)
    low = merge([s if r.low is None else r.low for s, r in zip(scores, ratings)])
    high = merge([s if r.high is None else r.high for s, r in zip(scores, ratings)])
    return CriterionValue(value, low, high, tuple(ratings), f"{rubric.merge_raters} of {len(ratings)} raters")


KIND = CriterionKind(
    name="assessed",
    score=score,
    description="The score the proposal's raters gave, merged by the rubric's merge_raters rule.",
    assessed=True,
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
