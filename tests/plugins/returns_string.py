"""A criterion kind that returns a label instead of a number."""

from rubric import hookimpl
from rubric.components import CriterionKind


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=lambda criterion, proposal, rubric: "improves")]
