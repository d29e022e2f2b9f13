"""A criterion kind whose value is on the scale but whose interval is not."""

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue


@hookimpl
def rubric_criterion_kinds():
    return [
        CriterionKind(
            name="broken",
            score=lambda criterion, proposal, rubric: CriterionValue(0.0, low=float("nan"), high=1.0),
        )
    ]
