"""A plugin whose registration hook returns plain dictionaries, not CriterionKind objects."""

from rubric import hookimpl


@hookimpl
def rubric_criterion_kinds():
    return [{"name": "broken", "score": lambda criterion, proposal, rubric: 0}]
