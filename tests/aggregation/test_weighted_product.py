"""Weighted product against a published example and hand computation."""

from __future__ import annotations

import math

import pytest

from rubric.aggregation.weighted_product import METHOD, check_params, weighted_product
from rubric.model import Scale

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))

# Triantaphyllou (2000), ch. 2, the WPM example: three alternatives, four
# benefit criteria.
TRIANTAPHYLLOU_MATRIX = [
    [25, 20, 15, 30],
    [10, 30, 20, 30],
    [30, 10, 30, 10],
]
TRIANTAPHYLLOU_WEIGHTS = [0.20, 0.15, 0.40, 0.25]


def test_triantaphyllou_2000_ratios():
    """The WPM example of Triantaphyllou (2000), *Multi-Criteria Decision Making Methods: A
    Comparative Study*, Kluwer, ch. 2 (also the example of the Wikipedia article "Weighted
    product model"): R(A1/A2) = 1.007, R(A1/A3) = 1.067, R(A2/A3) = 1.059, so A1 is best.

    On a scale from 0 with ``floor = 0`` the method is the pure product: the
    score is Π_j x_j^w_j (weights sum to 1), and the ratio of two scores is
    R(A_K/A_L) = Π_j (a_Kj/a_Lj)^w_j.  The published figures have three
    decimals; the logarithms worked term by term give them to 10⁻⁶:

    * ln R(A1/A2) = 0.2 ln 2.5 + 0.15 ln(2/3) + 0.4 ln 0.75 + 0.25 ln 1
      = 0.183258 − 0.060820 − 0.115073 + 0 = 0.007366 → R = 1.007393
    * ln R(A1/A3) = 0.2 ln(5/6) + 0.15 ln 2 + 0.4 ln 0.5 + 0.25 ln 3
      = −0.036464 + 0.103972 − 0.277259 + 0.274653 = 0.064902 → R = 1.067054
    * ln R(A2/A3) = 0.2 ln(1/3) + 0.15 ln 3 + 0.4 ln(2/3) + 0.25 ln 3
      = −0.219722 + 0.164792 − 0.162186 + 0.274653 = 0.057536 → R = 1.059224
    """
    scale = Scale(0, 30, ("none", "most"))
    s = weighted_product(TRIANTAPHYLLOU_MATRIX, TRIANTAPHYLLOU_WEIGHTS, scale=scale, floor=0.0)
    ratios = [s[0] / s[1], s[0] / s[2], s[1] / s[2]]
    assert [round(r, 3) for r in ratios] == [1.007, 1.067, 1.059]
    assert ratios == pytest.approx([1.007393, 1.067054, 1.059224], abs=1e-6)
    assert list(s) == sorted(s, reverse=True)


def test_pure_product_is_the_weighted_geometric_mean():
    """With a scale from 0 and floor 0, each score is exactly Π x^w, to 1e-12."""
    scale = Scale(0, 30, ("none", "most"))
    s = weighted_product(TRIANTAPHYLLOU_MATRIX, TRIANTAPHYLLOU_WEIGHTS, scale=scale, floor=0.0)
    expected = [math.prod(x**w for x, w in zip(row, TRIANTAPHYLLOU_WEIGHTS)) for row in TRIANTAPHYLLOU_MATRIX]
    assert list(s) == pytest.approx(expected, abs=1e-12)


def test_hand_computed_default_floor():
    """(2, −2) with equal weights on −2…+2 scores about −1.039: a product punishes imbalance.

    With floor 0.1: y = 0.1 + 0.9·(x + 2)/4 gives y = 1 and 0.1; G = √0.1 =
    0.316228; back on the scale: −2 + 4·(0.316228 − 0.1)/0.9 = −1.038987.
    (0, 0) gives y = 0.55 twice, G = 0.55 and exactly 0 again; (2, 2) gives 2.
    The weighted sum would give (2, −2) the same 0 as (0, 0).
    """
    s = weighted_product([[2, -2], [0, 0], [2, 2]], [0.5, 0.5], scale=PM2)
    assert s[0] == pytest.approx(-2 + 4 * (0.1**0.5 - 0.1) / 0.9, abs=1e-12)
    assert s[0] == pytest.approx(-1.038987, abs=1e-6)
    assert s[1] == pytest.approx(0.0, abs=1e-12)
    assert s[2] == pytest.approx(2.0, abs=1e-12)


def test_floor_zero_is_a_veto_and_floor_matters():
    """At floor 0 a bottom score on a weighted criterion sends the total to the bottom.

    And the floor can decide the order: a = (2, −2) against b = (−1, −1),
    equal weights.  Floor 0.1: a = −1.039 (above), b: y = 0.325 twice, so
    exactly −1.  Floor 0.5: a: y = 1 and 0.5, G = √0.5, −2 + 4·(√0.5 −
    0.5)/0.5 = −0.343; b still −1.  b first at floor 0.1, a first at 0.5.
    """
    veto = weighted_product([[2, -2]], [0.5, 0.5], scale=PM2, floor=0.0)
    assert veto[0] == -2.0
    low = weighted_product([[2, -2], [-1, -1]], [0.5, 0.5], scale=PM2, floor=0.1)
    high = weighted_product([[2, -2], [-1, -1]], [0.5, 0.5], scale=PM2, floor=0.5)
    assert low[1] == pytest.approx(-1.0, abs=1e-12) and high[1] == pytest.approx(-1.0, abs=1e-12)
    assert high[0] == pytest.approx(-2 + 4 * (0.5**0.5 - 0.5) / 0.5, abs=1e-12)
    assert low[0] < low[1] and high[0] > high[1]


def test_zero_weight_bottom_value_at_floor_zero_is_ignored():
    """A criterion of weight 0 at the bottom never produces 0^0 or NaN, even at floor 0."""
    s = weighted_product([[1, -2], [1, 2]], [1.0, 0.0], scale=PM2, floor=0.0)
    assert list(s) == pytest.approx([1.0, 1.0], abs=1e-12)


def test_numpy_and_list_inputs_agree():
    """A 2-D array and a list of rows give the same scores."""
    import numpy as np

    rows = [[2, -1, 0.5], [0, 0, -2]]
    assert list(weighted_product(np.array(rows), np.array([0.2, 0.3, 0.5]), scale=PM2)) == list(
        weighted_product(rows, [0.2, 0.3, 0.5], scale=PM2)
    )


@pytest.mark.parametrize("floor", [-0.1, 1.0, 2])
def test_bad_floor_is_refused(floor):
    """A floor outside [0, 1) is an error at call time and at load time."""
    with pytest.raises(ValueError, match="floor"):
        weighted_product([[0]], [1], scale=PM2, floor=floor)
    [(key, message)] = check_params({"floor": floor}, ())
    assert key == "floor" and "below 1" in message


def test_check_params_accepts_the_defaults():
    """The default parameters raise no problem, and a string floor does."""
    assert check_params(dict(METHOD.params), ()) == []
    assert check_params({"floor": "low"}, ())[0][0] == "floor"
