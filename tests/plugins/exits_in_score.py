"""A criterion kind that calls sys.exit() while scoring."""

import sys

from rubric import hookimpl
from rubric.components import CriterionKind


def score(criterion, proposal, rubric):
    sys.exit("giving up")


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=score)]
