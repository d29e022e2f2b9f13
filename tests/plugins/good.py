"""A well-behaved plugin: the kind ``broken`` that always returns the scale's midpoint.

It shares the name ``broken`` with the misbehaving fixtures so that one rubric
can name any of them; this one is the control that must score cleanly.
"""

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue


def score(criterion, proposal, rubric):
    middle = (rubric.scale.min + rubric.scale.max) / 2
    return CriterionValue(middle, note="the midpoint of the scale")


@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind(name="broken", score=score, description="The midpoint, always.")]
