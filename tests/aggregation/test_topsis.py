"""TOPSIS against a published example, a textbook reference and hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from rubric.aggregation.topsis import check_params, closeness, topsis
from rubric.model import Scale

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))
ZERO_TO_TEN = Scale(0, 10, tuple(str(i) for i in range(11)))

TZENG_HUANG_MATRIX = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
TZENG_HUANG_WEIGHTS = [0.3, 0.4, 0.3]


def textbook_topsis(matrix, weights):
    """Hwang & Yoon's steps, written out plainly: the reference the method must match."""
    x = np.asarray(matrix, dtype=float)
    v = x / np.sqrt((x**2).sum(axis=0)) * np.asarray(weights)
    ideal, anti = v.max(axis=0), v.min(axis=0)
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


def test_tzeng_huang_2011_example():
    """Tzeng, G.-H., Huang, J.-J. (2011) *Multiple Attribute Decision Making: Methods and
    Applications*, CRC Press, the TOPSIS example: four alternatives, three benefit
    criteria, weights (0.3, 0.4, 0.3); relative closeness 0.5037, 0.6581, 0.7482, 0.3340
    (A3 > A2 > A1 > A4).

    The figures were checked against the example as reproduced in public test
    suites, not against the book itself.  On a scale from 0 the method is the
    textbook one, so it also matches the plain reference to 1e-12.
    """
    c = closeness(TZENG_HUANG_MATRIX, TZENG_HUANG_WEIGHTS, scale=ZERO_TO_TEN)
    assert [round(v, 4) for v in c] == [0.5037, 0.6581, 0.7482, 0.3340]
    assert list(c) == pytest.approx(list(textbook_topsis(TZENG_HUANG_MATRIX, TZENG_HUANG_WEIGHTS)), abs=1e-12)
    s = topsis(TZENG_HUANG_MATRIX, TZENG_HUANG_WEIGHTS, scale=ZERO_TO_TEN)
    assert list(s) == pytest.approx(list(10 * c), abs=1e-12)


def test_hand_computed_two_by_two():
    """a = (1, −2), b = (−1, −1) on −2…+2, equal weights: C_a = (√10 − 2)/3, C_b = (5 − √10)/3.

    Measured from −2: a = (3, 0), b = (1, 1).  Column norms √10 and 1; weighted
    normalised a = (3/(2√10), 0), b = (1/(2√10), ½).  Ideal (3/(2√10), ½),
    anti-ideal (1/(2√10), 0).  a: d⁺ = ½, d⁻ = 1/√10, so C_a = 2/(√10 + 2) =
    (√10 − 2)/3 ≈ 0.3874; b mirrors it: C_b = 1 − C_a.
    """
    c = closeness([[1, -2], [-1, -1]], [0.5, 0.5], scale=PM2)
    assert list(c) == pytest.approx([(10**0.5 - 2) / 3, (5 - 10**0.5) / 3], abs=1e-12)


def test_hand_computed_scale_ideal():
    """ideal = "scale" on 0…1: a = (1, 0), b = (½, ½), equal weights.

    The scale's top (1) joins each column's norm: √(1 + ¼ + 1) = 3/2 and
    √(0 + ¼ + 1) = √5/2.  Weighted normalised a = (⅓, 0), b = (⅙, 1/(2√5));
    ideal (⅓, 1/√5), anti-ideal (0, 0).  a: d⁺ = 1/√5, d⁻ = ⅓, so
    C_a = √5/(√5 + 3) ≈ 0.4271; b: d⁺ = d⁻ = √(1/36 + 1/20), so C_b = ½.
    """
    scale = Scale(0, 1, ("no", "yes"))
    c = closeness([[1, 0], [0.5, 0.5]], [0.5, 0.5], scale=scale, ideal="scale")
    assert list(c) == pytest.approx([5**0.5 / (5**0.5 + 3), 0.5], abs=1e-12)


def test_scale_ideal_needs_no_winner():
    """A field of uniformly poor proposals: "data" still crowns one near the top, "scale" does not."""
    rows = [[-2, -1.5], [-1.5, -2], [-1.5, -1.5]]
    data = topsis(rows, [0.5, 0.5], scale=PM2)
    scale = topsis(rows, [0.5, 0.5], scale=PM2, ideal="scale")
    assert max(data) > 1.0
    assert max(scale) < -1.0


def test_raw_values_would_break_monotonicity():
    """Why values are measured from the bottom of the scale.

    Textbook TOPSIS on the raw −2…+2 values of a = (1, −1), b = (−1, 2),
    equal weights: raising a's first value from 1 to 2 *lowers* its
    closeness.  Worked by hand: before, norms √2 and √5, weighted normalised
    a = (1/(2√2), −1/(2√5)), ideal (1/(2√2), 1/√5), anti-ideal (−1/(2√2),
    −1/(2√5)); d⁺ = 3/(2√5), d⁻ = 1/√2, C = 2√5/(2√5 + 3√2) ≈ 0.5132.  After,
    the first norm is √5 and a = (1/√5, −1/(2√5)); d⁺ = d⁻ = 3/(2√5), C = ½.
    Measured from −2, the same move raises a's closeness.
    """
    before, after = [[1, -1], [-1, 2]], [[2, -1], [-1, 2]]
    raw = textbook_topsis(before, [0.5, 0.5])[0], textbook_topsis(after, [0.5, 0.5])[0]
    assert raw[0] == pytest.approx(2 * 5**0.5 / (2 * 5**0.5 + 3 * 2**0.5), abs=1e-12)
    assert raw[1] == pytest.approx(0.5, abs=1e-12)
    assert raw[1] < raw[0]
    ours = closeness(before, [0.5, 0.5], scale=PM2)[0], closeness(after, [0.5, 0.5], scale=PM2)[0]
    assert ours[1] > ours[0]


def test_degenerate_fields():
    """Identical proposals, a single one, or a column at the bottom give C = ½ or leave the column out."""
    assert list(closeness([[1, 1], [1, 1]], [0.5, 0.5], scale=PM2)) == [0.5, 0.5]
    assert list(closeness([[1, -1]], [0.5, 0.5], scale=PM2)) == [0.5]
    with_bottom = closeness([[1, -2], [-1, -2]], [0.5, 0.5], scale=PM2)
    without = closeness([[1], [-1]], [1.0], scale=PM2)
    assert list(with_bottom) == pytest.approx(list(without), abs=1e-12)
    assert closeness([], [0.5, 0.5], scale=PM2).shape == (0,)


def test_bad_ideal():
    """An unknown ideal is refused at call time and reported at load time."""
    with pytest.raises(ValueError, match="ideal must be one of"):
        topsis([[0]], [1], scale=PM2, ideal="best")
    assert check_params({"ideal": "best"}, ())[0][0] == "ideal"
    assert check_params({"ideal": "scale"}, ()) == []
