"""Maximin (weighted minimum with a leximin tie-break) against hand computation.

No published worked example of the Dubois–Prade weighted minimum with a
leximin tie-break could be checked here figure by figure, so every expected
value below is worked by hand from the definitions.
"""

from __future__ import annotations

import pytest

from rubric.aggregation.common import TIE_BREAK_SHARE as EPS
from rubric.aggregation.maximin import maximin, weighted_values
from rubric.model import Scale

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def test_equal_weights_plain_minimum_with_leximin_order():
    """Equal weights: the plain minimum decides, the next worst breaks ties.

    On −2…+2 a value x is t = (x + 2)/4.  Sorted vectors of t:

    * a = (2, −1, 0):  (0.25, 0.5, 1)
    * b = (−1, 1, 1):  (0.25, 0.75, 0.75)
    * c = (0, 0, 0):   (0.5, 0.5, 0.5)
    * d = (−1, 2, 2):  (0.25, 1, 1)

    c's worst (0.5, i.e. 0) beats the others' (0.25, i.e. −1); among those the
    second worst orders d > b > a.  Leximin: c > d > b > a, so the shares of
    others below are c 1, d ⅔, b ⅓, a 0, and score = −2 + 4·((1 − ε)·worst +
    ε·share): a = −1 − ε, b = −1 + ε/3, d = −1 + 5ε/3, c = 2ε.
    """
    s = maximin([[2, -1, 0], [-1, 1, 1], [0, 0, 0], [-1, 2, 2]], [1 / 3] * 3, scale=PM2)
    assert list(s) == pytest.approx([-1 - EPS, -1 + EPS / 3, 2 * EPS, -1 + 5 * EPS / 3], abs=1e-12)
    assert sorted(range(4), key=lambda i: -s[i]) == [2, 3, 1, 0]


def test_weights_cap_how_far_a_lesser_criterion_pulls_down():
    """Weights (½, ¼, ¼): the lesser criteria (importance ½) pull down only to the middle.

    Importances w/max w = (1, ½, ½); weighted values max(t, 1 − importance):

    * p = (2, −2, −2): t = (1, 0, 0) → (1, ½, ½), worst ½ — i.e. 0 on the scale
    * q = (−1, 2, 2):  t = (¼, 1, 1) → (¼, 1, 1), worst ¼ — i.e. −1

    so p beats q, although q is better on two criteria of three.
    """
    v = weighted_values([[2, -2, -2], [-1, 2, 2]], [0.5, 0.25, 0.25], scale=PM2)
    assert v.tolist() == [[0.5, 0.5, 1.0], [0.25, 1.0, 1.0]]
    s = maximin([[2, -2, -2], [-1, 2, 2]], [0.5, 0.25, 0.25], scale=PM2)
    assert list(s) == pytest.approx([-2 + 4 * ((1 - EPS) * 0.5 + EPS), -2 + 4 * (1 - EPS) * 0.25], abs=1e-12)


def test_zero_weight_criterion_never_matters():
    """A criterion of weight 0 contributes 1 (the top) whatever its value."""
    v = weighted_values([[0, -2], [0, 2]], [1.0, 0.0], scale=PM2)
    assert v.tolist() == [[0.5, 1.0], [0.5, 1.0]]
    s = maximin([[0, -2], [0, 2]], [1.0, 0.0], scale=PM2)
    assert s[0] == s[1]


def test_float_noise_does_not_break_ties():
    """0.1 + 0.2 and 0.3 count as the same value: the two proposals tie exactly."""
    s = maximin([[0.1 + 0.2, 1], [0.3, 1], [-1, 1]], [0.5, 0.5], scale=PM2)
    assert s[0] == s[1]
    assert s[2] < s[0]


def test_score_reads_as_the_worst_value():
    """Every score is within ε of the range from the proposal's worst weighted value."""
    rows = [[2, -1, 0.5], [1.5, 1.5, 1.5], [-2, 2, 2], [0, 0, 0]]
    worst = weighted_values(rows, [0.2, 0.3, 0.5], scale=PM2)[:, 0]
    s = maximin(rows, [0.2, 0.3, 0.5], scale=PM2)
    assert list(s) == pytest.approx(list(-2 + 4 * worst), abs=4 * EPS)


def test_single_proposal_and_identical_proposals():
    """One proposal scores (about) its worst value; identical ones score the same."""
    assert maximin([[1, 2]], [0.5, 0.5], scale=PM2)[0] == pytest.approx(1.0, abs=4 * EPS)
    s = maximin([[1, 2], [1, 2]], [0.5, 0.5], scale=PM2)
    assert s[0] == s[1]


def test_mismatched_weights_are_an_error():
    """A matrix and weights of different widths are refused with both sizes named."""
    with pytest.raises(ValueError, match="2 criteria .* 3 weights"):
        maximin([[1, 2]], [0.2, 0.3, 0.5], scale=PM2)
