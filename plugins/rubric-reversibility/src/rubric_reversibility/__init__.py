"""The ``reversibility`` criterion kind: how easily a policy could be undone.

A worked example of a third-party rubric plugin, installed as its own
distribution and found through the entry point group ``rubric``.

Value function.  The ease of undoing the measure, ``e`` between 0 (locked
in) and 1 (undone at will), is read from the proposal's ``mechanism`` fact:

=========================  ====  ===================================================
mechanism                  e     why
=========================  ====  ===================================================
``voluntary-commitment``   1.0   the signatories withdraw at will
``monitoring``             1.0   stopping the monitoring undoes it
``definition-alignment``   0.9   an agency revises its own guidance
``public-funding``         0.8   funding lapses; what it built (audits, data) stays
``procurement-rule``       0.8   an agency rule on what the government buys
``export-control``         0.7   an agency rule, amended or rescinded without Congress
``pre-release-testing``    0.6   testing bodies and auditors become institutions
``licensing``              0.4   a licensing regime creates an agency and licensees
``international-forum``    0.4   commitments to partners; leaving costs trust
``trade-agreement``        0.2   binding on partners; withdrawal needs notice and
                                 unwinds negotiated concessions
=========================  ====  ===================================================

and mapped onto the rubric's own scale: ``value = scale.min + e × (scale.max
- scale.min)``.  The factors are a judgement, not a measurement; a rubric that
disagrees overrides any of them with ``params.ease``.

Parameters: ``ease`` — a table ``{ mechanism = number from 0 to 1 }`` that
overrides some of the factors above; ``missing`` — ``"error"`` (the default:
a proposal without ``mechanism`` is an input error naming the file and the
fact) or a value on the rubric's scale to use instead, which the note states.
Reading the fact and checking the parameters is :mod:`rubric.facts`.
"""

from __future__ import annotations

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue
from rubric.facts import (
    MISSING_PARAM,
    Facts,
    param_checker,
    table_of_fractions,
)

__version__ = "0.1.0"

EASE = {
    "voluntary-commitment": 1.0,
    "monitoring": 1.0,
    "definition-alignment": 0.9,
    "public-funding": 0.8,
    "procurement-rule": 0.8,
    "export-control": 0.7,
    "pre-release-testing": 0.6,
    "licensing": 0.4,
    "international-forum": 0.4,
    "trade-agreement": 0.2,
}
#: The parameters a criterion may set, with their defaults.
PARAMS = {**MISSING_PARAM, "ease": {}}


def score(criterion, proposal, rubric) -> CriterionValue:
    """The value of ``criterion`` for ``proposal``: see the module docstring."""
    facts = Facts(criterion, proposal, rubric, PARAMS)
    mechanism = facts.choice("mechanism", EASE)
    default = facts.settle()
    if default is not None:
        return default
    scale = rubric.scale
    ease = {**EASE, **facts.params["ease"]}[mechanism]
    value = scale.min + ease * (scale.max - scale.min)
    return CriterionValue(
        value,
        note=f"{facts.given()}: ease of undoing {ease:g} → {value:.3g} ({scale.label(value)}) "
        f"on {scale.min:g}…{scale.max:g}",
    )


KIND = CriterionKind(
    name="reversibility",
    score=score,
    description="How easily the policy could be undone if it proves wrong, from its mechanism.",
    params=PARAMS,
    check_params=param_checker({"ease": table_of_fractions(list(EASE))}),
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
