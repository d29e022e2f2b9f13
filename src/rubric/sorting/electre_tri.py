"""ELECTRE TRI-B: sorting by outranking class profiles, with a pessimistic and an optimistic assignment.

Roy (1991), "The outranking approach and the foundations of ELECTRE methods",
*Theory and Decision* 31, 49–73; Yu (1992); the formulas as in Mousseau,
Slowinski & Zielniewicz (2000), "A user-oriented implementation of the
ELECTRE-TRI method", *Computers & Operations Research* 27, 757–777, and the
ELECTRE TRI 2.0a user's manual (LAMSADE, 1999).  With ``b`` a class's lower
profile and, per criterion, indifference ``q ≤`` preference ``p ≤`` veto ``v``:

* partial concordance ``c_j(a, b)``: 1 if ``a_j ≥ b_j − q_j``, 0 if
  ``a_j ≤ b_j − p_j``, linear between;
* concordance ``C(a, b) = Σ_j w_j c_j(a, b)`` (weights summing to 1);
* discordance ``d_j(a, b)``: 0 if ``a_j ≥ b_j − p_j``, 1 if ``a_j ≤ b_j − v_j``,
  linear between (no veto threshold: 0);
* credibility ``σ(a, b) = C · Π_{j : d_j > C} (1 − d_j) / (1 − C)``;
* ``a`` outranks ``b`` (``a S b``) when ``σ(a, b) ≥ λ``, the cut level
  (0.5 ≤ λ ≤ 1); ``b ≻ a`` when ``b S a`` and not ``a S b``.

**Pessimistic** assignment: the best class whose profile ``a`` outranks (the
profiles tried from the best down); ``a S b_h`` includes indifference, as in
Yu (1992) and the manual, where some implementations ask for ``a ≻ b_h``.  **Optimistic**: the class just below the
first profile, from the worst up, that is strictly preferred to ``a``; the best
class if none is.  The two differ exactly when ``a`` is incomparable with
the profiles between them; pessimistic ≤ optimistic whenever the profiles
dominate one another, which the loader insists on.  Both are monotone:
``σ(a, b)`` never falls and ``σ(b, a)`` never rises as ``a`` improves.

The criteria that decided it: those on which ``a`` falls short of the
profile of the next class up (concordance below 1, or discordance).
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import Assignment, Property, SortingMethod
from rubric.model import Rubric
from rubric.sorting.profiles import (
    SLACK,
    check_classes,
    check_level,
    check_profiles,
    check_thresholds,
    profile_rows,
    threshold_rows,
)

__all__ = ["METHOD", "credibility", "electre_tri_b"]

THRESHOLDS = ("indifference", "preference", "veto")


def credibility(a, b, w, q, p, v) -> tuple[float, list[int]]:
    """``σ(a, b)``, and the columns where ``a`` is not fully as good as ``b`` (``c_j < 1`` or ``d_j > 0``)."""
    concordance, discordance, weak = 0.0, [], []
    for j, (x, y) in enumerate(zip(a, b)):
        gap = y - x  # how far a is below b on this criterion
        if gap <= q[j]:
            c = 1.0
        elif gap >= p[j]:
            c = 0.0
        else:
            c = (p[j] - gap) / (p[j] - q[j])
        concordance += w[j] * c
        d = 0.0
        if v[j] is not None and gap > p[j]:
            d = 1.0 if gap >= v[j] else (gap - p[j]) / (v[j] - p[j])
        discordance.append(d)
        if c < 1 or d > 0:
            weak.append(j)
    sigma = concordance
    for d in discordance:
        if d > concordance:
            sigma *= (1 - d) / (1 - concordance)
    return sigma, weak


def electre_tri_b(
    matrix, weights, *, scale, criteria, totals=None, classes, profiles, cut=0.75, indifference=0.0, preference=0.0, veto=None
):
    """One :class:`Assignment` per proposal: the pessimistic (``low``) and optimistic (``high``) class."""
    ids = [c.id for c in criteria]
    limits = [[float(x) for x in row] for row in profile_rows(profiles, classes, criteria)]
    q = threshold_rows(indifference, criteria)
    p = threshold_rows(preference, criteria)
    v = threshold_rows(veto, criteria, default=None)
    w = [float(x) for x in weights]
    total = sum(w) or 1.0
    w = [x / total for x in w]
    assignments = []
    for row in matrix:
        a = [float(x) for x in row]
        up = [credibility(a, b, w, q, p, v) for b in limits]  # σ(a, b_h)
        down = [credibility(b, a, w, q, p, v)[0] for b in limits]  # σ(b_h, a)
        outranks = [sigma >= cut - SLACK for sigma, _ in up]
        low = max((h + 1 for h, ok in enumerate(outranks) if ok), default=0)
        preferred = [down[h] >= cut - SLACK and not outranks[h] for h in range(len(limits))]
        high = next((h for h, ok in enumerate(preferred) if ok), len(limits))
        notes = [f"σ vs {classes[h + 1]!r} {up[h][0]:.2f}" for h in range(len(limits))]
        decided = ()
        if low < len(limits):
            decided = tuple(ids[j] for j in up[low][1])
            notes.append(f"short of {classes[low + 1]!r} (λ {cut:g}) on these")
        assignments.append(Assignment(low, high, decided, "; ".join(notes)))
    return assignments


def check_electre_tri(params: Mapping[str, Any], rubric: Rubric) -> list:
    """Classes, profiles on the scale and dominating in order, q ≤ p ≤ v, the cut level λ in [0.5, 1]."""
    problems = check_classes(params)
    if problems:
        return problems
    levels = check_level(params, "cut", 0.75, "the cut level")
    return levels + check_profiles(params, rubric) + check_thresholds(params, rubric, THRESHOLDS)


METHOD = SortingMethod(
    name="electre-tri-b",
    sort=electre_tri_b,
    params={"classes": None, "profiles": None, "cut": 0.75, "indifference": 0.0, "preference": 0.0, "veto": {}},
    check_params=check_electre_tri,
    properties={Property.MONOTONICITY, Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    interval=True,
    description="Outranking of class profiles (concordance, discordance with vetoes, credibility ≥ λ): "
    "a pessimistic and an optimistic class.",
)


@hookimpl
def rubric_sorting_methods():
    return [METHOD]
