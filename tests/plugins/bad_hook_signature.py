"""A plugin whose hook implementation asks for an argument the hook does not have."""

from rubric import hookimpl


@hookimpl
def rubric_criterion_kinds(config):
    return []
