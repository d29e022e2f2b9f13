"""A criterion kind whose score function raises."""

from rubric import hookimpl
from rubric.components import CriterionKind


def score(criterion, proposal, rubric):
    return proposal.facts["cost_usd"] / 0


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=score)]
