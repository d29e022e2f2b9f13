"""A plugin whose import fails: it needs a module that does not exist."""

import rubric_no_such_dependency  # noqa: F401

from rubric import hookimpl


@hookimpl
def rubric_criterion_kinds():
    return []
