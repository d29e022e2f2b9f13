"""A plugin that registers a criterion kind under the built-in name ``assessed``."""

from rubric import hookimpl
from rubric.components import CriterionKind


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="assessed", score=lambda criterion, proposal, rubric: 0)]
