"""A plugin whose hook implementation misspells the hook name (no final "s")."""

from rubric import hookimpl
from rubric.components import CriterionKind


@hookimpl
def rubric_criterion_kind():
    return [CriterionKind(name="broken", score=lambda criterion, proposal, rubric: 0)]
