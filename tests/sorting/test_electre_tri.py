"""ELECTRE TRI-B on the example of the ELECTRE TRI 2.0a user's manual (Mousseau, Slowinski & Zielniewicz 1999).

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
