"""The other of two plugins that both register the criterion kind ``twin``."""

from rubric import hookimpl
from rubric.components import CriterionKind


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="twin", score=lambda criterion, proposal, rubric: 1)]
