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
"""

from __future__ import annotations

import difflib

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue, is_real_number
from rubric.errors import InputError, Problem, did_you_mean

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
PARAMS = ("ease", "missing")


def check_params(params) -> list:
    """Problems with a criterion's ``params``, reported when the rubric loads."""
    problems = []
    for name, value in params.items():
        if name not in PARAMS:
            problems.append(f"unknown parameter {name!r}{did_you_mean(name, PARAMS)}")
        elif name == "missing" and value != "error" and not is_real_number(value):
            problems.append(f'missing: expected "error" or a value on the rubric\'s scale, found {value!r}')
        elif name == "ease":
            if not isinstance(value, dict):
                problems.append(f"ease: expected a table of mechanism = number from 0 to 1, found {value!r}")
                continue
            for mechanism, share in value.items():
                if mechanism not in EASE:
                    problems.append(f"ease: unknown mechanism {mechanism!r}{did_you_mean(mechanism, list(EASE))}")
                elif not is_real_number(share) or not 0 <= share <= 1:
                    problems.append(f"ease.{mechanism}: expected a number from 0 to 1, found {share!r}")
    return problems


def score(criterion, proposal, rubric) -> CriterionValue:
    """The value of ``criterion`` for ``proposal``: see the module docstring."""
    scale = rubric.scale
    mechanism = proposal.facts.get("mechanism")
    expected = f"one of {', '.join(repr(m) for m in EASE)}"
    who = f"criterion {criterion.id!r} (kind reversibility) of rubric {rubric.id!r}"
    if mechanism is None:
        default = criterion.params.get("missing", "error")
        if default == "error":
            raise InputError(
                [Problem(proposal.path, "facts.mechanism", f"{who} needs the fact 'mechanism': expected {expected}, found nothing")]
            )
        return CriterionValue(default, note=f"mechanism not given: used the declared default missing = {default:g}")
    if mechanism not in EASE:
        close = difflib.get_close_matches(str(mechanism), list(EASE), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InputError([Problem(proposal.path, "facts.mechanism", f"{who} expected {expected}{hint}, found {mechanism!r}")])
    ease = {**EASE, **criterion.params.get("ease", {})}[mechanism]
    value = scale.min + ease * (scale.max - scale.min)
    return CriterionValue(
        value,
        note=f'mechanism = "{mechanism}": ease of undoing {ease:g} → {value:.3g} ({scale.label(value)}) '
        f"on {scale.min:g}…{scale.max:g}",
    )


KIND = CriterionKind(
    name="reversibility",
    score=score,
    description="How easily the policy could be undone if it proves wrong, from its mechanism.",
    check_params=check_params,
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
