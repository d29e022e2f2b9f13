"""VIKOR against two published examples and hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from rubric.aggregation.vikor import check_params, vikor, vikor_indices
from rubric.model import Scale

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def test_opricovic_tzeng_2004_example():
    """Opricovic, S., Tzeng, G.-H. (2004) Compromise solution by MCDM methods: a comparative
    analysis of VIKOR and TOPSIS, EJOR 156(2):445-455, numerical example: three
    alternatives, f1 (risk, to minimise) = 1, 2, 5 and f2 (altitude, to maximise) = 3000,
    3750, 4500, equal weights, v = 0.5.

    VIKOR is unchanged by any increasing affine change of a criterion's units,
    and a criterion to minimise becomes one to maximise by negation, so f1 is
    passed as −1, −2, −5.  By hand: f* = (−1, 4500), f⁻ = (−5, 3000); weighted
    shortfalls A1 (0, ½), A2 (⅛, ¼), A3 (½, 0); S = ½, ⅜, ½; R = ½, ¼, ½;
    Q = 1, 0, 1 — A2 is the compromise.  The paper's point that VIKOR, unlike
    TOPSIS, does not depend on the units is checked too: f1 + 5 and
    f2/1000 − 1 give the same indices.
    """
    matrix = [[-1, 3000], [-2, 3750], [-5, 4500]]
    idx = vikor_indices(matrix, [0.5, 0.5])
    assert list(idx.s) == pytest.approx([0.5, 0.375, 0.5], abs=1e-12)
    assert list(idx.r) == pytest.approx([0.5, 0.25, 0.5], abs=1e-12)
    assert list(idx.q) == pytest.approx([1.0, 0.0, 1.0], abs=1e-12)
    rescaled = vikor_indices([[-(f1 + 5), f2 / 1000 - 1] for f1, f2 in [[1, 3000], [2, 3750], [5, 4500]]], [0.5, 0.5])
    assert list(rescaled.q) == pytest.approx(list(idx.q), abs=1e-12)
    scores = vikor(matrix, [0.5, 0.5], scale=Scale(-10_000, 10_000, ("low", "high")))
    assert list(scores) == pytest.approx([-10_000, 10_000, -10_000], abs=1e-9)


# Opricovic & Tzeng (2007), the numerical example: six alternatives, eight criteria.
OT2007_MATRIX = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
# Profit, cost, energy, peak energy, homes relocated, reservoir area, villages displaced,
# environmental protection: +1 to maximise, −1 to minimise (negated below).
OT2007_SENSE = np.array([1, -1, 1, 1, -1, -1, -1, 1])


@pytest.mark.parametrize(
    ("weights", "r", "s", "q", "best"),
    [
        ([1, 1, 1, 1, 1, 1, 1, 1], [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
         [0.692, 0.7, 0.29, 0.423, 0.28, 0.346], [0.991, 1.0, 0.473, 0.670, 0.0, 0.578], 4),
        ([2, 2, 2, 2, 1, 1, 1, 1], [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
         [0.701, 0.6, 0.386, 0.365, 0.317, 0.459], [1.0, 0.533, 0.552, 0.563, 0.0, 0.686], 4),
        ([1, 1, 1, 1, 2, 2, 2, 2], [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
         [0.683, 0.8, 0.193, 0.48, 0.243, 0.232], [0.684, 1.0, 0.147, 0.554, 0.041, 0.191], 4),
        ([1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2], [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
         [0.678, 0.857, 0.138, 0.513, 0.222, 0.167], [0.668, 1.0, 0.051, 0.588, 0.058, 0.078], 2),
    ],
    ids=["equal", "economic-first", "environment-first", "environment-3.2"],
)
def test_opricovic_tzeng_2007_example(weights, r, s, q, best):
    """Opricovic, S., Tzeng, G.-H. (2007) Extended VIKOR method in comparison with outranking
    methods, EJOR 178(2):514-529, numerical example (six reservoir alternatives, eight
    criteria, four weightings): R, S and Q as published, to their three decimals.

    The figures were checked against the example as reproduced in public test
    suites, not against the paper itself; they agree to every published decimal.
    Weights are normalised by the method; criteria to minimise are negated.
    """
    idx = vikor_indices(OT2007_MATRIX * OT2007_SENSE, weights)
    for computed, published in ((idx.r, r), (idx.s, s), (idx.q, q)):
        assert np.round(computed, 3).tolist() == pytest.approx(published, abs=1e-12)
    assert int(np.argmin(idx.q)) == best


def test_hand_computed_four_by_three():
    """The matrix of Tzeng & Huang's (2011) TOPSIS example, weights (0.3, 0.4, 0.3), by hand.

    f* = (8, 8, 8), f⁻ = (5, 4, 4).  Weighted shortfalls:
    A1 (0.3, 0, 0.3), A2 (0.1, 0.2, 0), A3 (0, 0, 0.15), A4 (0.1, 0.4, 0.15).
    S = 0.6, 0.3, 0.15, 0.65 (S* = 0.15, S⁻ = 0.65); R = 0.3, 0.2, 0.15, 0.4
    (R* = 0.15, R⁻ = 0.4).  Q = ½·(S − 0.15)/0.5 + ½·(R − 0.15)/0.25 =
    0.75, 0.25, 0, 1; scores −2 + 4·(1 − Q) = −1, 1, 2, −2.
    """
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    idx = vikor_indices(matrix, [0.3, 0.4, 0.3])
    assert list(idx.s) == pytest.approx([0.6, 0.3, 0.15, 0.65], abs=1e-12)
    assert list(idx.r) == pytest.approx([0.3, 0.2, 0.15, 0.4], abs=1e-12)
    assert list(idx.q) == pytest.approx([0.75, 0.25, 0.0, 1.0], abs=1e-12)
    assert list(vikor(matrix, [0.3, 0.4, 0.3], scale=Scale(-2, 10, ("low", "high")))) == pytest.approx(
        [-2 + 12 * 0.25, -2 + 12 * 0.75, 10, -2], abs=1e-12
    )


def test_v_picks_utility_or_regret():
    """v = 1 ranks by S alone, v = 0 by R alone (each stretched onto [0, 1])."""
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    assert list(vikor_indices(matrix, [0.3, 0.4, 0.3], v=1).q) == pytest.approx([0.9, 0.3, 0.0, 1.0], abs=1e-12)
    assert list(vikor_indices(matrix, [0.3, 0.4, 0.3], v=0).q) == pytest.approx([0.6, 0.2, 0.0, 1.0], abs=1e-12)


def test_flat_criteria_and_identical_proposals():
    """A criterion equal everywhere adds nothing; identical proposals all get Q = 0 (the top)."""
    idx = vikor_indices([[1, 0], [2, 0]], [0.5, 0.5])
    assert list(idx.s) == [0.5, 0.0]
    assert list(vikor([[1, 1], [1, 1]], [0.5, 0.5], scale=PM2)) == [2.0, 2.0]


@pytest.mark.parametrize("v", [-0.1, 1.5, "half"])
def test_bad_v(v):
    """v outside [0, 1] is reported at load time under its key."""
    [(key, message)] = check_params({"v": v}, ())
    assert key == "v" and "between 0 and 1" in message
