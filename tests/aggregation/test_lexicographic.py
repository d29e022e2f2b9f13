"""Lexicographic ordering against hand computation.

Lexicographic ordering has no numbers of its own to publish — its textbook
examples (Fishburn 1974) state orders, not scores — so the orders below are
worked by hand and the scores follow from the documented formula.
"""

from __future__ import annotations

import pytest

from rubric.aggregation.common import TIE_BREAK_SHARE as EPS
from rubric.aggregation.lexicographic import check_params, level_values, lexicographic
from rubric.model import Scale

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def test_most_important_criterion_decides_then_the_next():
    """Weights (0.5, 0.3, 0.2): criterion 0, then 1, then 2.

    a = (1, −2, 2), b = (1, 0, −2), c = (0, 2, 2).  On criterion 0, a and b
    (1, i.e. t = ¾) beat c (0, t = ½); criterion 1 then puts b (0) above a
    (−2).  Order b > a > c; shares of others below: b 1, a ½, c 0; scores
    −2 + 4·((1 − ε)·t₀ + ε·share): a = 1 − ε, b = 1 + ε, c = −2ε.
    """
    s = lexicographic([[1, -2, 2], [1, 0, -2], [0, 2, 2]], [0.5, 0.3, 0.2], scale=PM2)
    assert list(s) == pytest.approx([1 - EPS, 1 + EPS, -2 * EPS], abs=1e-12)


def test_only_the_order_of_the_weights_matters():
    """Weights (0.9, 0.1) and (0.6, 0.4) give identical scores."""
    rows = [[1, -2], [1, 0], [0, 2]]
    assert list(lexicographic(rows, [0.9, 0.1], scale=PM2)) == list(lexicographic(rows, [0.6, 0.4], scale=PM2))


def test_equal_weights_share_a_level_and_are_averaged():
    """Weights (0.4, 0.3, 0.3): criteria 1 and 2 form one level, compared on their mean.

    a = (0, 2, −2): level values t = (½, (1 + 0)/2 = ½); b = (0, 0, 1):
    (½, (½ + ¾)/2 = ⅝).  Tied on the first level, b wins on the second.
    Swapping criteria 1 and 2 changes nothing.
    """
    values = level_values([[0, 2, -2], [0, 0, 1]], [0.4, 0.3, 0.3], scale=PM2)
    assert values.tolist() == [[0.5, 0.5], [0.5, 0.625]]
    s = lexicographic([[0, 2, -2], [0, 0, 1]], [0.4, 0.3, 0.3], scale=PM2)
    swapped = lexicographic([[0, -2, 2], [0, 1, 0]], [0.4, 0.3, 0.3], scale=PM2)
    assert s[1] > s[0]
    assert list(s) == list(swapped)


def test_tolerance_bands():
    """Tolerance 0.5: 1.1 and 0.9 fall in the same band (around 1), so criterion 1 decides.

    Bands are multiples of 0.5 above −2: t = 0.775 and 0.725 both round to
    6 bands of 0.125, i.e. t = 0.75.  Without tolerance 1.1 wins outright.
    """
    rows = [[1.1, -2], [0.9, 2]]
    exact = lexicographic(rows, [0.7, 0.3], scale=PM2)
    banded = lexicographic(rows, [0.7, 0.3], scale=PM2, tolerance=0.5)
    assert exact[0] > exact[1]
    assert banded[1] > banded[0]
    assert level_values(rows, [0.7, 0.3], scale=PM2, tolerance=0.5)[:, 0].tolist() == [0.75, 0.75]
    assert list(banded) == pytest.approx([1 - 3 * EPS, 1 + EPS], abs=1e-12)


def test_zero_weight_criteria_are_ignored():
    """A criterion of weight 0 is not a level."""
    values = level_values([[0, 2, -2]], [0.5, 0.0, 0.5], scale=PM2)
    assert values.shape == (1, 1)


def test_tolerance_wider_than_the_scale_ties_everyone():
    """A tolerance wider than the scale puts every value in one band: all proposals tie."""
    s = lexicographic([[2, -2], [-2, 2], [0, 0]], [0.6, 0.4], scale=PM2, tolerance=10)
    assert len(set(s.tolist())) == 1


@pytest.mark.parametrize("tolerance", [-1, "wide", True])
def test_bad_tolerance_is_a_problem(tolerance):
    """check_params reports a negative or non-numeric tolerance under its key."""
    [(key, message)] = check_params({"tolerance": tolerance}, ())
    assert key == "tolerance" and "at least 0" in message
