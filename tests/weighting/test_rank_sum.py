"""Rank-sum weights against hand computation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubric.weighting.rank_order_centroid import centroid_weights
from rubric.weighting.rank_sum import METHOD, rank_sum_weights


@pytest.mark.parametrize(("sizes", "expected"), [
    ([1, 1], [2 / 3, 1 / 3]),
    ([1, 1, 1], [3 / 6, 2 / 6, 1 / 6]),
    ([1, 1, 1, 1], [0.4, 0.3, 0.2, 0.1]),
    ([1, 1, 1, 1, 1], [5 / 15, 4 / 15, 3 / 15, 2 / 15, 1 / 15]),
])
def test_hand_computed_without_ties(sizes, expected):
    """(n − r + 1) / (n (n + 1) / 2), worked by hand."""
    assert rank_sum_weights(sizes) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(("sizes", "expected"), [
    ([2, 1], [2.5 / 6, 1 / 6]),         # mean ranks 1.5, 1.5, 3
    ([1, 3], [4 / 10, 2 / 10]),         # mean ranks 1, 3, 3, 3
    ([2, 2], [3.5 / 10, 1.5 / 10]),     # mean ranks 1.5, 1.5, 3.5, 3.5
    ([3], [1 / 3]),
])
def test_hand_computed_with_ties(sizes, expected):
    """Tied children take their mean rank."""
    assert rank_sum_weights(sizes) == pytest.approx(expected, abs=1e-15)


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=8))
def test_weights_sum_to_one_and_never_rise(sizes):
    """Weights of all children sum to 1 and fall (weakly) down the ranking."""
    weights = rank_sum_weights(sizes)
    assert sum(w * s for w, s in zip(weights, sizes)) == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(weights, weights[1:]))


@given(st.integers(min_value=2, max_value=30))
def test_flatter_than_rank_order_centroid(n):
    """Rank sum gives the first child less, and the last more, than rank-order centroid."""
    rs, roc = rank_sum_weights([1] * n), centroid_weights([1] * n)
    assert rs[0] < roc[0] and rs[-1] > roc[-1]


def test_derive(reference_rubric):
    """Each ranked node's children get rank-sum weights and the ranking is shown in details."""
    params = {"ranking": {"ideological": ["progress", "transparency", "power-distribution"]}}
    derived = METHOD.derive(reference_rubric, params)
    assert dict(derived.weights) == pytest.approx({"progress": 0.5, "transparency": 1 / 3, "power-distribution": 1 / 6})
    assert derived.details == {"ranking (ideological)": "progress > transparency > power-distribution"}
