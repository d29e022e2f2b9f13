"""MR-Sort against a hand computation and the R package MCDA's test suite.

Leroy, Mousseau & Pirlot 2011's rule, vetoes as in Sobrie et al. 2013.
"""

from __future__ import annotations

from rubric.model import Criterion, Scale
from rubric.sorting.mr_sort import mr_sort

SCALE = Scale(0, 10, tuple(str(i) for i in range(11)))
CRITERIA = tuple(Criterion(c, "g", c.upper()) for c in ("c1", "c2", "c3"))
CLASSES = ("bad", "medium", "good")
PROFILES = {"medium": {"c1": 5, "c2": 5, "c3": 5}, "good": {"c1": 8, "c2": 8, "c3": 8}}
WEIGHTS = [0.5, 0.3, 0.2]
MATRIX = [[9, 9, 2], [9, 4, 9], [6, 9, 1], [4, 6, 6], [5, 0, 0]]


def classes(**params):
    found = mr_sort(MATRIX, WEIGHTS, scale=SCALE, criteria=CRITERIA, classes=CLASSES, profiles=PROFILES, **params)
    return [CLASSES[a.low] for a in found], found


def test_hand_computed_classes():
    """Weights 0.5/0.3/0.2, profiles medium 5 and good 8 everywhere, λ = 0.6, by hand.

    a1 = (9, 9, 2): at least 8 on c1, c2 → 0.5 + 0.3 = 0.8 ≥ 0.6 → good.
    a2 = (9, 4, 9): at least 8 on c1, c3 → 0.7 ≥ 0.6 → good.
    a3 = (6, 9, 1): good only on c2 (0.3 < 0.6); medium on c1, c2 → 0.8 → medium.
    a4 = (4, 6, 6): medium on c2, c3 → 0.5 < 0.6 → bad.
    a5 = (5, 0, 0): medium on c1 alone → 0.5 < 0.6 → bad; with λ = 0.5 exactly, medium
    (a majority equal to λ suffices).
    """
    assert classes(majority=0.6)[0] == ["good", "good", "medium", "bad", "bad"]
    assert classes(majority=0.5)[0][4] == "medium"


def test_veto_profile_holds_a_proposal_back():
    """A veto of good at c3 ≤ 3 keeps a1 = (9, 9, 2) out of good (its majority is 0.8) and drops it to medium.

    a3 = (6, 9, 1) has c3 = 1 ≤ 3 too but is not good anyway; the veto of good does not touch medium.
    """
    labels, found = classes(majority=0.6, vetoes={"good": {"c3": 3}})
    assert labels == ["medium", "good", "medium", "bad", "bad"]
    assert found[0].criteria == ("c3",) and "vetoed" in found[0].note


def test_the_deciding_criteria():
    """Below the best class the criteria short of the next profile decide; in it, those that carried it."""
    _, found = classes(majority=0.6)
    assert found[0].criteria == ("c1", "c2")  # good, carried by c1 and c2
    assert found[2].criteria == ("c1", "c3")  # medium; short of good on c1 and c3
    assert found[3].criteria == ("c1",)  # bad; short of medium on c1 alone
    assert all(a.low == a.high for a in found)


def test_a_zero_weight_criterion_never_decides():
    """Weights 0.6/0.4/0: a2 = (9, 4, 9) meets good on c1 and c3, 0.6 ≥ 0.6 → good, carried by c1 alone (c3 weighs 0)."""
    found = mr_sort(MATRIX[:2], [0.6, 0.4, 0.0], scale=SCALE, criteria=CRITERIA, classes=CLASSES, profiles=PROFILES, majority=0.6)
    assert [(a.low, a.criteria) for a in found] == [(2, ("c1", "c2")), (2, ("c1",))]


# The MR-Sort example of the R package MCDA's test suite (paterijk/MCDA, tests/MRSort.R), with its expected
# assignments.  Price and time are to be minimised: values, profiles and vetoes are negated there, which
# turns "at most" into "at least" and a veto "at or above" into one "at or below", as ours are read.
TRANSPORT = ("price", "time", "comfort")
TRANSPORT_SIGN = (-1, -1, 1)
MODES = {"RER": (1, 10, 1), "METRO1": (4, 20, 2), "METRO2": (2, 20, 0), "BUS": (6, 40, 0), "TAXI": (30, 30, 3)}


def _transport(**values):
    """A profile or veto table on the transport criteria, minimised ones negated."""
    return {c: TRANSPORT_SIGN[TRANSPORT.index(c)] * x for c, x in values.items()}


def test_the_r_mcda_suite():
    """Weights 1/3/2, majority 3 of 6 (λ = 0.5); Good from (3, 11, 3), Medium from (7, 25, 2); Good vetoed
    at a price of 9 or more, Medium at a comfort of 0 or less.  The suite expects Good, Medium, Bad, Bad, Bad.

    By hand — RER (1, 10, 1) meets Good on price and time: 4/6 ≥ 0.5, no veto → Good.  METRO1 (4, 20, 2)
    meets none of Good, all of Medium (6/6) → Medium.  METRO2 (2, 20, 0) meets Medium on price and time
    (4/6) but its comfort 0 is *at* the veto: vetoed → Bad (a strict veto would make it Medium).  BUS
    (6, 40, 0) meets Medium on price alone (1/6) → Bad.  TAXI (30, 30, 3) meets either on comfort alone
    (2/6) → Bad.
    """
    criteria = tuple(Criterion(c, "g", c) for c in TRANSPORT)
    matrix = [[s * x for s, x in zip(TRANSPORT_SIGN, row)] for row in MODES.values()]
    found = mr_sort(
        matrix, [1, 3, 2], scale=Scale(-40, 40, ("-40", "40")), criteria=criteria, classes=("Bad", "Medium", "Good"),
        profiles={"Medium": _transport(price=7, time=25, comfort=2), "Good": _transport(price=3, time=11, comfort=3)},
        majority=0.5, vetoes={"Good": _transport(price=9), "Medium": _transport(comfort=0)},
    )
    assert [("Bad", "Medium", "Good")[a.low] for a in found] == ["Good", "Medium", "Bad", "Bad", "Bad"]
    assert found[2].criteria == ("comfort",) and "vetoed" in found[2].note  # METRO2, held back by its comfort
