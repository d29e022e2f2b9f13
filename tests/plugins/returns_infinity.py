"""A criterion kind that returns infinity (as a CriterionValue, with a note)."""

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue


@hookimpl
def rubric_criterion_kinds():
    return [
        CriterionKind(
            name="broken", score=lambda criterion, proposal, rubric: CriterionValue(float("inf"), note="unbounded")
        )
    ]
