"""A plugin file that is not valid Python."""

from rubric import hookimpl


@hookimpl
def rubric_criterion_kinds(
    return []
