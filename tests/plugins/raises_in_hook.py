"""A plugin whose registration hook itself raises."""

from rubric import hookimpl


@hookimpl
def rubric_criterion_kinds():
    raise RuntimeError("configuration not found")
