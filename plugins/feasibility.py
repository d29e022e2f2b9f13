"""Computed criteria for the ``feasibility`` rubric: values from a proposal's facts.

Four criterion kinds, each a pure value function from the ``[facts]`` of a
proposal (the facts vocabulary in ``docs/formats.md``) to a value on the
rubric's scale, with a note that ``rubric explain`` shows:

=====================  ==================================================================
kind                   facts read
=====================  ==================================================================
``legal-durability``   ``mandatory``, ``restricts_publication``, ``mechanism``, ``scope``
``proportionality``    ``scope``, ``mandatory``
``circumvention``      ``substitutes``, ``enforcement_reach``, ``restricts_publication``,
                       ``mechanism``
``fiscal-cost``        ``cost_usd``
=====================  ==================================================================

The rubric's fifth criterion, time to effect, is a straight line between two
goalposts, so it is declared in the rubric with the built-in
``value-function`` kind and needs no code here.  Fiscal cost stays a kind of
its own: a cost of 0 counts as ``best_usd``, which a log value function refuses.

Every kind first works out a *shortfall* ``b`` between 0 (the best outcome)
and 1 (the worst) and maps it onto the rubric's own scale::

    value = scale.max - b * (scale.max - scale.min)

so the same kinds serve a -2…+2 rubric and a 0…10 rubric alike; nothing here
assumes a particular scale.

Missing facts.  A kind reads every fact in its row of the table above.  If any
is absent the criterion fails with an :class:`~rubric.errors.InputError` that
names the proposal file, the fact (``facts.<key>``), what was expected and the
criterion that needed it — unless the criterion declares a default with
``params.missing``: ``missing = "error"`` (the default) or ``missing = <a
value on the rubric's scale>``, which is then used as the criterion's value and
said so in the note.  A fact that is present but has an unexpected value or
type is always an error, whatever ``missing`` says: a default must never hide
a typo.

Each kind declares its ``params`` with their defaults, so the loader rejects
unknown ones (with a "did you mean"); its ``check_params`` rejects wrong types
and inconsistent anchors when the rubric is loaded, so ``rubric validate``
reports them.  Reading facts and checking values is :mod:`rubric.facts`.
"""

from __future__ import annotations

import math

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue
from rubric.facts import (
    MISSING_PARAM,
    Facts,
    fraction,
    on_scale,
    param_checker,
    positive,
    table_of_fractions,
)

BERNSTEIN = (
    "Bernstein v. US Dept. of Justice, 176 F.3d 1132 (9th Cir. 1999), held export licensing of published "
    "source code a prior restraint on speech; the opinion was withdrawn for rehearing en banc "
    "(192 F.3d 1308), so it is persuasive, not binding"
)

MECHANISMS = (
    "export-control",
    "licensing",
    "pre-release-testing",
    "voluntary-commitment",
    "public-funding",
    "procurement-rule",
    "trade-agreement",
    "international-forum",
    "monitoring",
    "definition-alignment",
)
SCOPES = ("all-open-models", "frontier-models", "dangerous-capability", "none")
SUBSTITUTES = ("many", "some", "few", "not-applicable")
REACHES = ("domestic", "allied", "multilateral", "not-applicable")

#: Mechanisms that make a licence a condition of passing something on: the
#: pattern Bernstein held a prior restraint when applied to published code.
LICENCE_REGIMES = ("export-control", "licensing")


# --- the rubric scale -------------------------------------------------------------


def _arrow(scale, shortfall: float) -> str:
    value = on_scale(scale, shortfall)
    return f"shortfall {shortfall:.3g} → {value:.3g} ({scale.label(value)}) on {scale.min:g}…{scale.max:g}"


# --- legal-durability ---------------------------------------------------------

#: How closely a mechanism that restricts publication matches a licence
#: required before publishing (1: exactly the Bernstein pattern).
LEGAL_MECHANISM_FACTOR = {
    "export-control": 1.0,
    "licensing": 1.0,
    "pre-release-testing": 0.8,
    "procurement-rule": 0.4,
}
#: Any other mechanism that restricts publication.
LEGAL_OTHER_MECHANISM = 0.6
#: How far a restraint is from narrow tailoring (1: restrains every open model).
LEGAL_SCOPE_FACTOR = {"all-open-models": 1.0, "frontier-models": 0.7, "dangerous-capability": 0.4, "none": 0.4}


LEGAL_PARAMS = {**MISSING_PARAM, "binding_exposure": 0.25}


def legal_durability(criterion, proposal, rubric) -> CriterionValue:
    """How well the proposal would survive a constitutional challenge.

    Exposure ``E`` (the shortfall, 0…1):

    * ``mandatory = false`` → ``E = 0``: a measure that binds no one restrains
      no one's speech;
    * mandatory, ``restricts_publication = false`` → ``E = binding_exposure``
      (default 0.25): the ordinary exposure of a binding rule;
    * mandatory and restricting publication → ``E = binding_exposure +
      (1 - binding_exposure) × m × s``: a prior restraint on publishing code or
      weights, the pattern of Bernstein v. US Dept. of Justice, 176 F.3d 1132
      (9th Cir. 1999), withdrawn for rehearing en banc (192 F.3d 1308) —
      persuasive, not binding, but its reasoning is what challengers would
      argue.  ``m`` by ``mechanism``: export-control and licensing 1.0 (a
      licence before publishing), pre-release-testing 0.8, procurement-rule
      0.4 (the government as buyer has more latitude), any other 0.6; ``s`` by
      ``scope``: all-open-models 1.0 (the least narrowly tailored),
      frontier-models 0.7, dangerous-capability 0.4, none 0.4.

    Value: ``scale.max - E × (scale.max - scale.min)``.  Blanket export
    controls on all open models (E = 1) take the bottom of the scale.

    Only exposure to a US constitutional challenge is modelled.  Exposure
    under trade commitments or partners' law (exclusive data licensing
    against non-discrimination clauses, say) is outside this function; the
    free-text ``legal_exposure`` fact some proposals carry is not read.

    Params: ``binding_exposure`` (0…1, default 0.25), ``missing``.
    Facts: ``mandatory``, ``restricts_publication``, ``mechanism``, ``scope``.

    A missing fact is an input error naming it, unless ``missing`` declares
    a value on the scale to use instead (stated in the note); a fact with an
    unexpected value is always an error.
    """
    facts = Facts(criterion, proposal, rubric, LEGAL_PARAMS)
    mandatory = facts.flag("mandatory")
    restricts = facts.flag("restricts_publication")
    mechanism = facts.choice("mechanism", MECHANISMS)
    scope = facts.choice("scope", SCOPES)
    default = facts.settle()
    if default is not None:
        return default
    binding = facts.params["binding_exposure"]
    if not mandatory:
        exposure, why = 0.0, "binds no one, so restrains no one's speech: exposure 0"
    elif not restricts:
        exposure, why = binding, f"a binding rule that restricts no publication: exposure binding_exposure = {binding:g}"
    else:
        m = LEGAL_MECHANISM_FACTOR.get(mechanism, LEGAL_OTHER_MECHANISM)
        s = LEGAL_SCOPE_FACTOR[scope]
        exposure = binding + (1 - binding) * m * s
        why = (
            f"a binding restraint on publication: exposure {binding:g} + {1 - binding:g} × {m:g} (mechanism) × "
            f"{s:g} (scope) = {exposure:.3g}. {BERNSTEIN}"
        )
    return CriterionValue(on_scale(rubric.scale, exposure), note=f"{facts.given()}: {why}; {_arrow(rubric.scale, exposure)}")


LEGAL_DURABILITY = CriterionKind(
    name="legal-durability",
    score=legal_durability,
    description="Exposure to a constitutional challenge (prior restraint, Bernstein) from mandatory, "
    "restricts_publication, mechanism and scope.",
    params=LEGAL_PARAMS,
    check_params=param_checker({"binding_exposure": fraction}),
)


# --- proportionality ------------------------------------------------------------

#: Breadth of what is restricted or required, relative to the targeted risk.
BREADTH = {"all-open-models": 1.0, "frontier-models": 0.5, "dangerous-capability": 0.2, "none": 0.0}


PROPORTIONALITY_PARAMS = {**MISSING_PARAM, "voluntary_factor": 0.5, "breadth": {}}


def proportionality(criterion, proposal, rubric) -> CriterionValue:
    """How broad the measure is relative to the risk it targets.

    Shortfall ``D = breadth[scope] × (1 if mandatory else voluntary_factor)``,
    with breadth: all-open-models 1.0 (restricts every open model to reach
    the few that matter), frontier-models 0.5, dangerous-capability 0.2 (aimed
    at the risk itself, as the narrowly tailored biosecurity controls urged on
    Commerce), none 0.0 (restricts or requires nothing of models).  A
    voluntary measure burdens only those who sign up, hence the factor.

    Value: ``scale.max - D × (scale.max - scale.min)``.

    Params: ``voluntary_factor`` (0…1, default 0.5), ``breadth`` (a table
    overriding some of the breadths above, each 0…1), ``missing``.
    Facts: ``scope``, ``mandatory``.

    A missing fact is an input error naming it, unless ``missing`` declares
    a value on the scale to use instead (stated in the note); a fact with an
    unexpected value is always an error.
    """
    facts = Facts(criterion, proposal, rubric, PROPORTIONALITY_PARAMS)
    scope = facts.choice("scope", SCOPES)
    mandatory = facts.flag("mandatory")
    default = facts.settle()
    if default is not None:
        return default
    breadth = {**BREADTH, **facts.params["breadth"]}[scope]
    factor = 1.0 if mandatory else facts.params["voluntary_factor"]
    shortfall = breadth * factor
    binding = "binding: factor 1" if mandatory else f"voluntary: voluntary_factor {factor:g}"
    return CriterionValue(
        on_scale(rubric.scale, shortfall),
        note=f"{facts.given()}: breadth {breadth:g} ({scope}) × {factor:g} ({binding}) = {shortfall:.3g}; "
        f"{_arrow(rubric.scale, shortfall)}",
    )


PROPORTIONALITY = CriterionKind(
    name="proportionality",
    score=proportionality,
    description="Breadth relative to the targeted risk, from scope and mandatory.",
    params=PROPORTIONALITY_PARAMS,
    check_params=param_checker({"voluntary_factor": fraction, "breadth": table_of_fractions(SCOPES)}),
)


# --- circumvention ---------------------------------------------------------------

#: How much of what is restricted can be had elsewhere.
SUBSTITUTE_FACTOR = {"many": 1.0, "some": 0.6, "few": 0.25}
#: How much escapes the enforcer: a domestic rule binds no foreign provider.
REACH_FACTOR = {"domestic": 1.0, "allied": 0.6, "multilateral": 0.4, "not-applicable": 1.0}


CIRCUMVENTION_PARAMS = {**MISSING_PARAM, "unpublished_factor": 0.6}


def circumvention(criterion, proposal, rubric) -> CriterionValue:
    """How hard the measure is to evade once weights are widely available.

    If ``substitutes = "not-applicable"`` the measure restricts nothing anyone
    could route around: leakage 0 (the top of the scale).  That value is
    refused as inconsistent when ``restricts_publication = true`` or the
    ``mechanism`` is a licence regime (export-control, licensing).

    Otherwise leakage ``L = substitutes × reach × channel``: substitutes many
    1.0, some 0.6, few 0.25 (what is blocked can be had from others, such as
    rival open models); enforcement_reach domestic 1.0, allied 0.6,
    multilateral 0.4, not-applicable 1.0 (nothing enforced beyond the
    borders); channel 1.0 when the measure restricts publication (published
    weights are copied and re-hosted beyond recall), else ``unpublished_factor``
    (default 0.6: a measure acting before release leaks less).

    Value: ``scale.max - L × (scale.max - scale.min)``.

    Params: ``unpublished_factor`` (0…1, default 0.6), ``missing``.
    Facts: ``substitutes``, ``enforcement_reach``, ``restricts_publication``,
    ``mechanism``.

    A missing fact is an input error naming it, unless ``missing`` declares
    a value on the scale to use instead (stated in the note); a fact with an
    unexpected value is always an error.
    """
    facts = Facts(criterion, proposal, rubric, CIRCUMVENTION_PARAMS)
    substitutes = facts.choice("substitutes", SUBSTITUTES)
    reach = facts.choice("enforcement_reach", REACHES)
    restricts = facts.flag("restricts_publication")
    mechanism = facts.choice("mechanism", MECHANISMS)
    if substitutes == "not-applicable" and (restricts is True or mechanism in LICENCE_REGIMES):
        restriction = "restricts_publication = true" if restricts is True else f'mechanism = "{mechanism}"'
        facts.wrong(
            "substitutes",
            f"one of 'many', 'some', 'few', since {restriction} restricts something that may be had elsewhere",
            substitutes,
        )
    default = facts.settle()
    if default is not None:
        return default
    if substitutes == "not-applicable":
        return CriterionValue(
            on_scale(rubric.scale, 0.0),
            note=f"{facts.given()}: restricts nothing that could be obtained elsewhere, leakage 0; "
            f"{_arrow(rubric.scale, 0.0)}",
        )
    s, r = SUBSTITUTE_FACTOR[substitutes], REACH_FACTOR[reach]
    channel = 1.0 if restricts else facts.params["unpublished_factor"]
    leakage = s * r * channel
    how = "restricts publication: channel 1" if restricts else f"acts before publication: unpublished_factor {channel:g}"
    return CriterionValue(
        on_scale(rubric.scale, leakage),
        note=f"{facts.given()}: leakage {s:g} (substitutes) × {r:g} (reach) × {channel:g} ({how}) = {leakage:.3g}; "
        f"{_arrow(rubric.scale, leakage)}",
    )


CIRCUMVENTION = CriterionKind(
    name="circumvention",
    score=circumvention,
    description="How hard to evade once weights are widely available, from substitutes, enforcement_reach, "
    "restricts_publication and mechanism.",
    params=CIRCUMVENTION_PARAMS,
    check_params=param_checker({"unpublished_factor": fraction}),
)


# --- fiscal-cost -------------------------------------------------------------------


FISCAL_PARAMS = {**MISSING_PARAM, "best_usd": 1e6, "worst_usd": 1e10}


def fiscal_cost(criterion, proposal, rubric) -> CriterionValue:
    """Public cost on a logarithmic value function between two anchors.

    Shortfall ``t = (log10(cost_usd) - log10(best_usd)) / (log10(worst_usd) -
    log10(best_usd))``, clamped to 0…1 (a cost of 0 counts as ``best_usd``):
    every tenfold increase in cost costs the same share of the scale.  With
    the defaults, $1M or less takes the top of the scale, $10B or more the
    bottom, $100M the midpoint.

    Value: ``scale.max - t × (scale.max - scale.min)``.

    Params: ``best_usd`` (> 0, default 1e6), ``worst_usd`` (> best_usd,
    default 1e10), ``missing``.  Facts: ``cost_usd``.

    A missing fact is an input error naming it, unless ``missing`` declares
    a value on the scale to use instead (stated in the note); a fact with an
    unexpected value is always an error.
    """
    facts = Facts(criterion, proposal, rubric, FISCAL_PARAMS)
    cost = facts.amount("cost_usd", "US dollars")
    default = facts.settle()
    if default is not None:
        return default
    best, worst = facts.params["best_usd"], facts.params["worst_usd"]
    if cost <= best:
        t = 0.0
    else:
        t = min(1.0, (math.log10(cost) - math.log10(best)) / (math.log10(worst) - math.log10(best)))
    position = "at or below best_usd" if cost <= best else "at or above worst_usd" if t >= 1 else "log10 scale"
    return CriterionValue(
        on_scale(rubric.scale, t),
        note=f"{facts.given()}: between best_usd ${best:,.0f} and worst_usd ${worst:,.0f} ({position}); "
        f"{_arrow(rubric.scale, t)}",
    )


FISCAL_COST = CriterionKind(
    name="fiscal-cost",
    score=fiscal_cost,
    description="Public cost (cost_usd) on a log10 value function between best_usd and worst_usd.",
    params=FISCAL_PARAMS,
    check_params=param_checker(
        {"best_usd": positive, "worst_usd": positive}, defaults=FISCAL_PARAMS, ordered=("best_usd", "worst_usd")
    ),
)


KINDS = (LEGAL_DURABILITY, PROPORTIONALITY, CIRCUMVENTION, FISCAL_COST)


@hookimpl
def rubric_criterion_kinds():
    return list(KINDS)
