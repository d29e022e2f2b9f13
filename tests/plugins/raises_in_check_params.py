"""A criterion kind whose check_params raises instead of returning problems."""

from rubric import hookimpl
from rubric.components import CriterionKind


def check_params(params, rubric):
    return [f"{name} is bad" for name in params["required"]]


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=lambda criterion, proposal, rubric: 0, check_params=check_params)]
