"""Rank-order centroid weights against Barron & Barrett's numbers and hand computation."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubric.weighting.rank_order_centroid import METHOD, average_position_weights, centroid_weights, check_params

# ROC weights to four decimals for n = 3 and n = 4 as tabulated by Barron & Barrett
# (1996, Management Science 42(11)); n = 2 and n = 5 worked by hand from
# w_k = (1/n) Σ_{i=k..n} 1/i, e.g. n = 5: (1 + 1/2 + 1/3 + 1/4 + 1/5)/5 = 0.4567.
PUBLISHED = {
    2: [0.7500, 0.2500],
    3: [0.6111, 0.2778, 0.1111],
    4: [0.5208, 0.2708, 0.1458, 0.0625],
    5: [0.4567, 0.2567, 0.1567, 0.0900, 0.0400],
}


@pytest.mark.parametrize("n", sorted(PUBLISHED))
def test_matches_barron_barrett_table(n):
    """Without ties the weights are Barron & Barrett's to the four decimals they print."""
    assert centroid_weights([1] * n) == pytest.approx(PUBLISHED[n], abs=5e-5)


def test_three_children_exact():
    """n = 3 gives 11/18, 5/18 and 2/18 exactly (to float precision)."""
    assert centroid_weights([1, 1, 1]) == pytest.approx([11 / 18, 5 / 18, 2 / 18], abs=1e-15)


def test_tie_takes_the_centroid_of_the_tied_region():
    """a = b ≥ c: the region's vertices are (1/2, 1/2, 0) and (1/3, 1/3, 1/3), so 5/12, 5/12, 1/6."""
    assert centroid_weights([2, 1]) == pytest.approx([5 / 12, 1 / 6], abs=1e-15)


def test_tie_at_the_bottom():
    """a ≥ b = c: vertices (1, 0, 0) and (1/3, 1/3, 1/3), so 2/3 for a and 1/6 each for b and c."""
    assert centroid_weights([1, 2]) == pytest.approx([2 / 3, 1 / 6], abs=1e-15)


def test_all_tied_is_equal():
    """A single tie class gives every child 1/n."""
    assert centroid_weights([4]) == pytest.approx([0.25])


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6))
def test_ties_equal_the_mean_of_the_region_vertices(sizes):
    """With any ties, each weight is the mean over the vertices of {classes equal, non-increasing, sum 1}."""
    n = sum(sizes)
    vertices = []
    for t in range(1, len(sizes) + 1):
        top = sum(sizes[:t])
        vertices.append([Fraction(1, top)] * top + [Fraction(0)] * (n - top))
    centroid = [sum(column) / len(vertices) for column in zip(*vertices)]
    expanded = [w for size, w in zip(sizes, centroid_weights(sizes)) for _ in range(size)]
    assert expanded == pytest.approx([float(x) for x in centroid], abs=1e-12)


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=8))
def test_weights_sum_to_one_and_never_rise(sizes):
    """Weights of all children sum to 1 and fall (weakly) down the ranking."""
    weights = centroid_weights(sizes)
    assert sum(w * s for w, s in zip(weights, sizes)) == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(weights, weights[1:]))


def test_derive_weights_each_ranked_node(reference_rubric):
    """Ranked nodes get ROC weights; unranked nodes get none, so their children count equally."""
    params = {"ranking": {"root": ["geopolitical", "ideological"],
                          "geopolitical": ["china-misuse", ["backdoor-risk", "global-power"]]}}
    derived = METHOD.derive(reference_rubric, params)
    assert dict(derived.weights) == pytest.approx({
        "geopolitical": 0.75, "ideological": 0.25,
        "china-misuse": 2 / 3, "backdoor-risk": 1 / 6, "global-power": 1 / 6,
    })
    assert derived.details == {"ranking (root)": "geopolitical > ideological",
                               "ranking (geopolitical)": "china-misuse > backdoor-risk = global-power"}


def test_derive_on_a_deeper_tree(deep_rubric):
    """A group holding a sub-group and a criterion ranks both; a sub-group ranks its own children."""
    params = {"ranking": {"security": ["china-misuse", "supply-chain"],
                          "supply-chain": ["provenance", "backdoor-risk"]}}
    weights = METHOD.derive(deep_rubric, params).weights
    assert dict(weights) == pytest.approx({"china-misuse": 0.75, "supply-chain": 0.25,
                                           "provenance": 0.75, "backdoor-risk": 0.25})


def test_average_rule_takes_the_mean_of_the_tied_positions():
    """a = b ≥ c under ties = "average": positions 1 and 2 weigh 11/18 and 5/18, so a, b = 8/18 = 4/9; c = 2/18 = 1/9."""
    assert average_position_weights([2, 1]) == pytest.approx([4 / 9, 1 / 9], abs=1e-15)


def test_average_rule_at_the_bottom():
    """a ≥ b = c under ties = "average": a keeps 11/18; b and c share (5/18 + 2/18) / 2 = 7/36 each."""
    assert average_position_weights([1, 2]) == pytest.approx([11 / 18, 7 / 36], abs=1e-15)


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=8))
def test_both_tie_rules_agree_without_ties_and_sum_to_one(sizes):
    """Untied, the two rules are Barron & Barrett's formula; tied, each still sums to 1 over the children."""
    untied = [1] * len(sizes)
    assert average_position_weights(untied) == pytest.approx(centroid_weights(untied), abs=1e-15)
    assert sum(w * s for w, s in zip(average_position_weights(sizes), sizes)) == pytest.approx(1.0)


def test_ties_parameter_selects_the_rule(reference_rubric):
    """ties = "average" gives the tied pair 4/9 each where the default centroid gives 5/12."""
    ranking = {"geopolitical": [["china-misuse", "backdoor-risk"], "global-power"]}
    centroid = METHOD.derive(reference_rubric, {"ranking": ranking}).weights
    average = METHOD.derive(reference_rubric, {"ranking": ranking, "ties": "average"}).weights
    assert centroid["china-misuse"] == pytest.approx(5 / 12) and average["china-misuse"] == pytest.approx(4 / 9)
    assert average["global-power"] == pytest.approx(1 / 9)


def test_unknown_tie_rule_is_reported_under_its_key(reference_rubric):
    """A misspelt rule is a problem at the ``ties`` key naming both rules."""
    problems = check_params({"ranking": {"root": ["geopolitical", "ideological"]}, "ties": "mean"}, reference_rubric)
    assert problems == [("ties", "expected one of 'centroid', 'average', found 'mean'")]
