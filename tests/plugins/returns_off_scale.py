"""A criterion kind that returns a finite value above the top of a -2…2 scale."""

from rubric import hookimpl
from rubric.components import CriterionKind


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=lambda criterion, proposal, rubric: rubric.scale.max + 5)]
