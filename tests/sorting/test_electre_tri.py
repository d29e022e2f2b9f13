"""ELECTRE TRI-B on the example of the ELECTRE TRI 2.0a user's manual (Mousseau, Slowinski & Zielniewicz 1999),
and on a public test suite's example with its expected assignments (Ticino, at the end).

Data (the manual's Tables 1, 2 and 9): five criteria of equal weight, each with
q = 5, p = 10, v = 30; alternatives a1 = (75, 67, 85, 82, 90), a2 = (28, 35, 70, 90, 95),
a3 = (45, 60, 55, 68, 60); profiles b1 = (50, 48, 55, 55, 60), b2 = (70, 75, 80, 75, 85)
between the classes C1 < C2 < C3; λ = 0.75.  The credibilities, by hand:

* a1 vs b2: a − b = (5, −8, 5, 7, 5); c = (1, 0.4, 1, 1, 1), C = 0.88, no discordance →
  σ(a1, b2) = 0.88 ≥ 0.75.  b2 vs a1: c4 = (−7 + 10)/5 = 0.6, C = 0.92 = σ(b2, a1): a1 is
  indifferent to b2 → pessimistic C3, and no profile is preferred to it → optimistic C3.
* a2 vs b2: g1 is 42 below (≥ v) → d = 1 → σ = 0.  a2 vs b1: c = (0, 0, 1, 1, 1), C = 0.6;
  d1 = (22 − 10)/20 = 0.6 (not above C), d2 = 0.15 → σ(a2, b1) = 0.6 < 0.75 → pessimistic C1.
  b1 vs a2: g4 is 35 below → d = 1 → σ = 0; b2 vs a2: C = 0.6 < 0.75: neither profile is
  preferred to a2 → optimistic C3.  a2 is incomparable with both profiles.
* a3 vs b1: all within q → σ = 1 → pessimistic C2.  b2 vs a3: σ = 1, while a3 vs b2 has
  C = 0.12 and discordances 0.75, 0.25, 0.75, 0, 0.75 above it → σ(a3, b2) =
  0.12 · (0.25/0.88)³ · (0.75/0.88) ≈ 0.0024 → b2 ≻ a3; b1 vs a3: C = 0.6 → not
  preferred → optimistic C2.
"""

from __future__ import annotations

import pytest

from rubric.model import Criterion, Scale
from rubric.sorting.electre_tri import credibility, electre_tri_b

SCALE = Scale(0, 100, ("0", "100"))
CRITERIA = tuple(Criterion(f"g{j}", "g", f"G{j}") for j in range(1, 6))
A = [[75, 67, 85, 82, 90], [28, 35, 70, 90, 95], [45, 60, 55, 68, 60]]
B1, B2 = [50, 48, 55, 55, 60], [70, 75, 80, 75, 85]
PROFILES = {"C2": dict(zip([c.id for c in CRITERIA], B1)), "C3": dict(zip([c.id for c in CRITERIA], B2))}
W, Q, P, V = [0.2] * 5, [5] * 5, [10] * 5, [30] * 5


@pytest.mark.parametrize(
    ("a", "b", "sigma"),
    [
        (A[0], B2, 0.88),
        (B2, A[0], 0.92),
        (A[1], B2, 0.0),
        (A[1], B1, 0.6),
        (B1, A[1], 0.0),
        (A[2], B1, 1.0),
        (B2, A[2], 1.0),
        (A[2], B2, 0.12 * (0.25 / 0.88) ** 3 * (0.75 / 0.88)),
    ],
)
def test_credibility_as_computed_by_hand(a, b, sigma):
    """σ(a, b) as in the module docstring's hand computation."""
    assert credibility(a, b, W, Q, P, V)[0] == pytest.approx(sigma)


def test_discordance_above_concordance_lowers_credibility():
    """With v = 25, a2 vs b1: d1 = (22 − 10)/15 = 0.8 > C = 0.6, so σ = 0.6 · (1 − 0.8)/(1 − 0.6) = 0.3."""
    assert credibility(A[1], B1, W, Q, P, [25] * 5)[0] == pytest.approx(0.3)


def test_the_manuals_assignments():
    """Pessimistic (C3, C1, C2) and optimistic (C3, C3, C2), as derived in the module docstring."""
    found = electre_tri_b(
        A, W, scale=SCALE, criteria=CRITERIA, classes=("C1", "C2", "C3"), profiles=PROFILES,
        cut=0.75, indifference=5, preference=10, veto=30,
    )
    assert [(a.low, a.high) for a in found] == [(2, 2), (0, 2), (1, 1)]
    assert found[1].criteria == ("g1", "g2")  # a2 falls short of b1 on g1 and g2


def test_thresholds_per_criterion_and_no_veto():
    """Thresholds may be tables by criterion; without a veto, at λ = 0.6, a2 lands in C2 both ways.

    σ(a2, b1) = C = 0.6 ≥ 0.6 → pessimistic C2; σ(b2, a2) = 0.6 ≥ 0.6 while σ(a2, b2) = C = 0.4,
    so b2 ≻ a2 → optimistic C2 (with the veto, a2 was incomparable with both profiles).
    """
    table = {c.id: 10 for c in CRITERIA}
    found = electre_tri_b(
        A, W, scale=SCALE, criteria=CRITERIA, classes=("C1", "C2", "C3"), profiles=PROFILES,
        cut=0.6, indifference=5, preference=table,
    )
    assert (found[1].low, found[1].high) == (1, 1)


# The credibility tables printed for the same data (Table 1, Table 2 and the profiles of Table 9 of the
# manual) in an independent implementation's worked notebook: cghiaus/ELECTRE_Tri,
# docs/explanation/electre_tri-b_explained.ipynb, cells "sigma_ab" and "sigma_ba" (6 decimals shown).
PRINTED_SIGMA = {
    # (alternative, profile): (σ(a, b), σ(b, a))
    (0, 0): (1.0, 0.0), (1, 0): (0.6, 0.0), (2, 0): (1.0, 0.6),
    (0, 1): (0.88, 0.92), (1, 1): (0.0, 0.6), (2, 1): (0.002345, 1.0),
}


@pytest.mark.parametrize(("a", "b"), sorted(PRINTED_SIGMA))
def test_credibility_agrees_with_the_printed_tables(a, b):
    """Every σ(a_i, b_h) and σ(b_h, a_i) of the manual's example, as printed by cghiaus/ELECTRE_Tri."""
    profile = (B1, B2)[b]
    up, down = PRINTED_SIGMA[(a, b)]
    assert credibility(A[a], profile, W, Q, P, V)[0] == pytest.approx(up, abs=5e-7)
    assert credibility(profile, A[a], W, Q, P, V)[0] == pytest.approx(down, abs=5e-7)


def test_indifference_with_a_profile_counts_as_outranking_it():
    """The one convention on which published implementations part: is ``a I b_h`` enough for the pessimistic rule?

    Roy & Bouyssou, Yu (1992) and the ELECTRE TRI manual (§2.2.3) assign pessimistically to the best class
    whose lower profile ``a`` *outranks* (``σ(a, b_h) ≥ λ``), indifference included; so do we, and so does
    the Ticino suite below (its a4 is indifferent to b2 and goes to the top class).  The notebook quoted
    above instead asks for ``a ≻ b_h`` and so puts a1 — indifferent to b2 (σ = 0.88 and 0.92, both ≥ λ =
    0.7) — one class lower, in (b1, b2), while agreeing with us on every σ and on every optimistic class
    (a1, a2 in C3; a3 in C2).  Here: a1 is indifferent to b2 and lands in C3 both ways at λ = 0.7.
    """
    assert credibility(A[0], B2, W, Q, P, V)[0] >= 0.7 and credibility(B2, A[0], W, Q, P, V)[0] >= 0.7
    found = electre_tri_b(
        A, W, scale=SCALE, criteria=CRITERIA, classes=("C1", "C2", "C3"), profiles=PROFILES,
        cut=0.7, indifference=5, preference=10, veto=30,
    )
    assert [(a.low, a.high) for a in found] == [(2, 2), (0, 2), (1, 1)]


# The Ticino example of the public test suite of the ELECTRE TRI plugin for QGIS (oso/qgis-etri,
# tests/data_ticino_new.py with the expected assignments aap/aao, and tests/test_etri.py: "Result should
# be: ELECTRE TRI - Pessimist [2, 1, 2, 3, 1, 2, 2], Optimist [2, 3, 2, 3, 2, 2, 2]").  Price and
# transport are to be minimised: their values and profiles are negated (constant thresholds are unchanged
# by that), which makes every criterion one to maximise, as ours are.
TICINO_IDS = ("prix", "transport", "envir", "residents", "competition")
TICINO_SIGN = (-1, -1, 1, 1, 1)
TICINO = [
    (120, 284, 5, 3.5, 18), (150, 269, 2, 4.5, 24), (100, 413, 4, 5.5, 17), (60, 596, 6, 8.0, 20),
    (30, 1321, 8, 7.5, 16), (80, 734, 5, 4.0, 21), (45, 982, 7, 8.5, 13),
]
TICINO_PROFILES = {"cat2": (100, 1000, 4, 4, 15), "cat3": (50, 500, 7, 7, 20)}


def _maximised(row):
    return [sign * x for sign, x in zip(TICINO_SIGN, row)]


def _by_id(ids, values):
    """A threshold or profile table by criterion id."""
    return dict(zip(ids, values))


def test_the_ticino_suite():
    """Weights 25/45/10/12/8, λ = 0.75, q = (15, 80, 1, 0.5, 1), p = (40, 350, 3, 3.5, 5), v = (100, 850, 5, 4.5, 8).

    The suite's answers, classes numbered 1…3: pessimistic (2, 1, 2, 3, 1, 2, 2), optimistic
    (2, 3, 2, 3, 2, 2, 2).  By hand for a4 = (60, 596, 6, 8, 20) against b2 = (50, 500, 7, 7, 20):
    a4 vs b2: prix 10 worse (≤ q) → 1; transport 96 worse → (350 − 96)/270 = 0.9407; envir 1 worse (≤ q)
    → 1; residents, competition → 1; C = (25 + 45·0.9407 + 30)/100 = 0.973, no discordance.  b2 vs a4:
    residents 1 worse → (3.5 − 1)/3 = 0.833, all else 1; C = 0.88 + 0.12·0.833 = 0.98.  Both ≥ 0.75: a4
    is indifferent to b2, and the suite puts it in cat3 pessimistically (indifference is outranking).
    a2 = (150, 269, 2, 4.5, 24) is incomparable with both profiles: cat1 pessimistic, cat3 optimistic.
    """
    criteria = tuple(Criterion(c, "g", c) for c in TICINO_IDS)
    profiles = {label: _by_id(TICINO_IDS, _maximised(row)) for label, row in TICINO_PROFILES.items()}
    found = electre_tri_b(
        [_maximised(row) for row in TICINO], [25, 45, 10, 12, 8], scale=Scale(-1500, 50, ("-1500", "50")),
        criteria=criteria, classes=("cat1", "cat2", "cat3"), profiles=profiles, cut=0.75,
        indifference=_by_id(TICINO_IDS, (15, 80, 1, 0.5, 1)), preference=_by_id(TICINO_IDS, (40, 350, 3, 3.5, 5)),
        veto=_by_id(TICINO_IDS, (100, 850, 5, 4.5, 8)),
    )
    assert [a.low + 1 for a in found] == [2, 1, 2, 3, 1, 2, 2]
    assert [a.high + 1 for a in found] == [2, 3, 2, 3, 2, 2, 2]


# Twelve alternatives of the same suite's Loulouka example (oso/qgis-etri, tests/data_loulouka_new.py: 229
# alternatives, eleven criteria on 1…5 to maximise, four classes, expected assignments aap/aao), two of each
# kind of outcome.  All 229 agree with the suite; a class depends on its alternative alone, so a sample of
# rows keeps the suite's answers.
LOULOUKA_IDS = tuple(f"g{j:02}" for j in range(1, 12))
LOULOUKA_WEIGHTS = [0.02, 0.05, 0.06, 0.06, 0.07, 0.09, 0.09, 0.11, 0.13, 0.15, 0.17]
LOULOUKA_PROFILES = {
    "cat2": (1, 2, 1, 1, 1, 1, 2, 4, 1, 1, 1),
    "cat3": (2, 2, 2, 2, 3, 1, 3, 4, 2, 3, 4),
    "cat4": (2, 3, 3, 2, 3, 1, 3, 5, 3, 3, 5),
}
LOULOUKA = """
    alternative, its values on g01…g11, the expected pessimistic and optimistic classes
    a2    1 1 1 1 1 1 1 1 1 1 1   1 1
    a9    1 1 1 1 1 1 1 1 2 1 1   1 1
    a15   1 1 1 1 1 1 1 1 1 3 5   1 2
    a185  1 1 1 2 1 3 1 1 2 1 1   1 2
    a0    1 1 1 1 1 1 1 4 2 3 5   2 2
    a1    1 2 2 2 4 3 2 1 1 3 1   2 2
    a23   2 2 1 2 1 3 2 1 2 3 5   2 3
    a51   1 3 3 2 4 3 2 1 1 3 1   2 3
    a8    1 3 3 2 4 3 3 1 2 3 4   3 3
    a11   2 3 3 2 3 4 2 1 2 3 5   3 3
    a31   3 3 3 2 4 3 3 5 1 3 5   4 4
    a89   2 3 3 2 4 3 3 4 1 3 5   4 4
"""


def _loulouka():
    """The rows above: (values, pessimistic, optimistic) per alternative."""
    rows = [line.split() for line in LOULOUKA.strip().splitlines()[1:]]
    return [([int(x) for x in row[1:12]], int(row[12]), int(row[13])) for row in rows]


def test_the_loulouka_suite():
    """λ = 0.76; q = 0; p = 1 (2 on g10); a veto of 4 on g11 alone; classes cat1 < … < cat4.

    By hand for a15 = (1, …, 1, 3, 5): against b1 it falls a full p short on g02, g07 and g08, so
    C(a15, b1) = 1 − 0.05 − 0.09 − 0.11 = 0.75 < 0.76 → pessimistic cat1.  b1 is 4 below it on g11 (the
    veto) → σ(b1, a15) = 0: not preferred to it.  b2 is below it only on g11, by 1 = p, no discordance:
    C(b2, a15) = 0.83 ≥ 0.76 while a15 is far below b2 → b2 ≻ a15 → optimistic cat2.
    """
    criteria = tuple(Criterion(c, "g", c) for c in LOULOUKA_IDS)
    expected = _loulouka()
    found = electre_tri_b(
        [row for row, _, _ in expected], LOULOUKA_WEIGHTS, scale=Scale(1, 5, ("1", "5")), criteria=criteria,
        classes=("cat1", "cat2", "cat3", "cat4"), profiles={k: _by_id(LOULOUKA_IDS, v) for k, v in LOULOUKA_PROFILES.items()},
        cut=0.76, indifference=0, preference={**_by_id(LOULOUKA_IDS, [1] * 11), "g10": 2}, veto={"g11": 4},
    )
    assert [(a.low + 1, a.high + 1) for a in found] == [(low, high) for _, low, high in expected]
