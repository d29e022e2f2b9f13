"""Computed criteria for the ``feasibility`` rubric: values from a proposal's facts.

Five criterion kinds, each a pure value function from the ``[facts]`` of a
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
``time-to-effect``     ``months_to_effect``
=====================  ==================================================================

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

Each kind's ``check_params`` rejects unknown parameters (with a "did you
mean"), wrong types and inconsistent anchors when the rubric is loaded, so
``rubric validate`` reports them.
"""

from __future__ import annotations

import difflib
import math
from typing import Any, Callable, Mapping, Optional

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue, is_real_number
from rubric.errors import InputError, Problem, did_you_mean

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


# --- shared machinery ---------------------------------------------------------


class _Missing:
    """Marks a fact the proposal does not give."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()


def _shown(value: Any) -> str:
    """A found value as a message shows it: its TOML type and value."""
    kinds = {str: "a string", bool: "a boolean", dict: "a table", list: "a list", int: "a number", float: "a number"}
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r})"


def _listing(choices) -> str:
    return ", ".join(repr(c) for c in choices)


class Facts:
    """Reads the facts one criterion needs, collecting every problem.

    Each read returns the value, or :data:`MISSING` for an absent fact; a
    present fact of the wrong type or value is recorded as a problem.
    :meth:`settle` then raises one :class:`InputError` with all of them, or,
    when only facts are missing and the criterion declares ``missing = <value>``,
    returns the default :class:`CriterionValue`.
    """

    def __init__(self, criterion, proposal, rubric):
        self.criterion = criterion
        self.proposal = proposal
        self.rubric = rubric
        self.problems: list = []
        self.missing: list = []
        self.read: dict = {}

    @property
    def _who(self) -> str:
        return f"criterion {self.criterion.id!r} (kind {self.criterion.kind}) of rubric {self.rubric.id!r}"

    def _get(self, key: str, expected: str) -> Any:
        value = self.proposal.facts.get(key, MISSING)
        if value is MISSING:
            self.missing.append((key, expected))
        return value

    def wrong(self, key: str, expected: str, value: Any) -> _Missing:
        self.problems.append(
            Problem(self.proposal.path, f"facts.{key}", f"{self._who} expected {expected}, found {_shown(value)}")
        )
        return MISSING

    def choice(self, key: str, choices) -> Any:
        """A string fact that must be one of ``choices``."""
        expected = f"one of {_listing(choices)}"
        value = self._get(key, expected)
        if value is not MISSING and (not isinstance(value, str) or value not in choices):
            close = difflib.get_close_matches(value, choices, n=1) if isinstance(value, str) else []
            return self.wrong(key, expected + (f" (did you mean {close[0]!r}?)" if close else ""), value)
        self.read[key] = value
        return value

    def flag(self, key: str) -> Any:
        """A true/false fact."""
        value = self._get(key, "true or false")
        if value is not MISSING and not isinstance(value, bool):
            return self.wrong(key, "true or false", value)
        self.read[key] = value
        return value

    def amount(self, key: str, unit: str) -> Any:
        """A finite number >= 0."""
        expected = f"a number >= 0 ({unit})"
        value = self._get(key, expected)
        if value is not MISSING and (not is_real_number(value) or value < 0):
            return self.wrong(key, expected, value)
        self.read[key] = value
        return value

    def settle(self) -> Optional[CriterionValue]:
        """Raise for bad or (by default) missing facts; the declared default, if it applies."""
        default = self.criterion.params.get("missing", "error")
        problems = list(self.problems)
        if self.missing and (problems or default == "error"):
            for key, expected in self.missing:
                problems.append(
                    Problem(
                        self.proposal.path,
                        f"facts.{key}",
                        f"{self._who} needs the fact {key!r}: expected {expected}, found nothing; "
                        f"add `{key} = …` under [facts], or declare a default with "
                        f"`missing = <value>` in the criterion's params",
                    )
                )
        if problems:
            raise InputError(problems)
        if not self.missing:
            return None
        scale = self.rubric.scale
        if not scale.contains(default):
            raise InputError(
                [
                    Problem(
                        self.rubric.path,
                        f"criteria.{self.criterion.id}.params.missing",
                        f"expected a value on the scale {scale.min:g}…{scale.max:g}, found {default!r}",
                    )
                ]
            )
        absent = ", ".join(key for key, _ in self.missing)
        return CriterionValue(
            float(default),
            note=f"fact{'s' * (len(self.missing) > 1)} {absent} not given: used the declared default "
            f"missing = {default:g} (params of criterion {self.criterion.id!r})",
        )

    def given(self) -> str:
        """The facts read, as the note shows them."""
        return ", ".join(f"{key} = {_toml(value)}" for key, value in self.read.items())


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return f"{value:,.12g}" if isinstance(value, (int, float)) else repr(value)


def on_scale(scale, shortfall: float) -> float:
    """The value ``shortfall`` (0 best … 1 worst) takes on ``scale``."""
    return scale.max - shortfall * (scale.max - scale.min)


def _arrow(scale, shortfall: float) -> str:
    value = on_scale(scale, shortfall)
    return f"shortfall {shortfall:.3g} → {value:.3g} ({scale.label(value)}) on {scale.min:g}…{scale.max:g}"


# --- parameter checks ---------------------------------------------------------


def _fraction(value: Any) -> Optional[str]:
    if not is_real_number(value) or not 0 <= value <= 1:
        return f"expected a number from 0 to 1, found {_shown(value)}"
    return None


def _positive(value: Any) -> Optional[str]:
    if not is_real_number(value) or value <= 0:
        return f"expected a number > 0, found {_shown(value)}"
    return None


def _non_negative(value: Any) -> Optional[str]:
    if not is_real_number(value) or value < 0:
        return f"expected a number >= 0, found {_shown(value)}"
    return None


def _missing_param(value: Any) -> Optional[str]:
    if value == "error" or is_real_number(value):
        return None
    return f'expected "error" or a value on the rubric\'s scale, found {_shown(value)}'


def _table_of_fractions(keys) -> Callable[[Any], Optional[str]]:
    def check(value: Any) -> Optional[str]:
        if not isinstance(value, dict):
            return f"expected a table with some of {_listing(keys)} = a number from 0 to 1, found {_shown(value)}"
        for key, share in value.items():
            if key not in keys:
                return f"unknown key {key!r}{did_you_mean(key, keys)}"
            problem = _fraction(share)
            if problem:
                return f"{key}: {problem}"
        return None

    return check


def param_checker(checks: Mapping[str, Callable[[Any], Optional[str]]], *, ordered: tuple = ()):
    """A ``check_params`` that knows these parameters (plus ``missing``).

    ``ordered`` names a ``(low, high)`` pair of anchors where ``high`` must
    exceed ``low`` once defaults are filled in.
    """
    checks = {"missing": _missing_param, **checks}

    def check_params(params: Mapping[str, Any]) -> list:
        problems = []
        for name, value in params.items():
            check = checks.get(name)
            if check is None:
                problems.append(f"unknown parameter {name!r}{did_you_mean(name, list(checks))}")
            else:
                problem = check(value)
                if problem:
                    problems.append(f"{name}: {problem}")
        if ordered and not problems:
            (low, low_default), (high, high_default) = ordered
            a, b = params.get(low, low_default), params.get(high, high_default)
            if b <= a:
                problems.append(f"{high}: expected more than {low} ({a:g}), found {b:g}")
        return problems

    return check_params


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
    facts = Facts(criterion, proposal, rubric)
    mandatory = facts.flag("mandatory")
    restricts = facts.flag("restricts_publication")
    mechanism = facts.choice("mechanism", MECHANISMS)
    scope = facts.choice("scope", SCOPES)
    default = facts.settle()
    if default is not None:
        return default
    binding = criterion.params.get("binding_exposure", 0.25)
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
    check_params=param_checker({"binding_exposure": _fraction}),
)


# --- proportionality ------------------------------------------------------------

#: Breadth of what is restricted or required, relative to the targeted risk.
BREADTH = {"all-open-models": 1.0, "frontier-models": 0.5, "dangerous-capability": 0.2, "none": 0.0}


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
    facts = Facts(criterion, proposal, rubric)
    scope = facts.choice("scope", SCOPES)
    mandatory = facts.flag("mandatory")
    default = facts.settle()
    if default is not None:
        return default
    breadth = {**BREADTH, **criterion.params.get("breadth", {})}[scope]
    factor = 1.0 if mandatory else criterion.params.get("voluntary_factor", 0.5)
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
    check_params=param_checker({"voluntary_factor": _fraction, "breadth": _table_of_fractions(SCOPES)}),
)


# --- circumvention ---------------------------------------------------------------

#: How much of what is restricted can be had elsewhere.
SUBSTITUTE_FACTOR = {"many": 1.0, "some": 0.6, "few": 0.25}
#: How much escapes the enforcer: a domestic rule binds no foreign provider.
REACH_FACTOR = {"domestic": 1.0, "allied": 0.6, "multilateral": 0.4, "not-applicable": 1.0}


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
    facts = Facts(criterion, proposal, rubric)
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
    channel = 1.0 if restricts else criterion.params.get("unpublished_factor", 0.6)
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
    check_params=param_checker({"unpublished_factor": _fraction}),
)


# --- fiscal-cost -------------------------------------------------------------------


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
    facts = Facts(criterion, proposal, rubric)
    cost = facts.amount("cost_usd", "US dollars")
    default = facts.settle()
    if default is not None:
        return default
    best = criterion.params.get("best_usd", 1e6)
    worst = criterion.params.get("worst_usd", 1e10)
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
    check_params=param_checker(
        {"best_usd": _positive, "worst_usd": _positive}, ordered=(("best_usd", 1e6), ("worst_usd", 1e10))
    ),
)


# --- time-to-effect ------------------------------------------------------------------


def time_to_effect(criterion, proposal, rubric) -> CriterionValue:
    """Months until the measure takes effect, on a linear value function.

    Shortfall ``t = (months_to_effect - best_months) / (worst_months -
    best_months)``, clamped to 0…1: each month of delay costs the same share
    of the scale.  With the defaults, immediate effect takes the top of the
    scale and five years or more the bottom.

    Value: ``scale.max - t × (scale.max - scale.min)``.

    Params: ``best_months`` (>= 0, default 0), ``worst_months`` (>
    best_months, default 60), ``missing``.  Facts: ``months_to_effect``.

    A missing fact is an input error naming it, unless ``missing`` declares
    a value on the scale to use instead (stated in the note); a fact with an
    unexpected value is always an error.
    """
    facts = Facts(criterion, proposal, rubric)
    months = facts.amount("months_to_effect", "months")
    default = facts.settle()
    if default is not None:
        return default
    best = criterion.params.get("best_months", 0)
    worst = criterion.params.get("worst_months", 60)
    t = min(1.0, max(0.0, (months - best) / (worst - best)))
    return CriterionValue(
        on_scale(rubric.scale, t),
        note=f"{facts.given()}: linear from best_months {best:g} to worst_months {worst:g}; {_arrow(rubric.scale, t)}",
    )


TIME_TO_EFFECT = CriterionKind(
    name="time-to-effect",
    score=time_to_effect,
    description="Months until it takes effect (months_to_effect), linear between best_months and worst_months.",
    check_params=param_checker(
        {"best_months": _non_negative, "worst_months": _positive}, ordered=(("best_months", 0), ("worst_months", 60))
    ),
)


KINDS = (LEGAL_DURABILITY, PROPORTIONALITY, CIRCUMVENTION, FISCAL_COST, TIME_TO_EFFECT)


@hookimpl
def rubric_criterion_kinds():
    return list(KINDS)
