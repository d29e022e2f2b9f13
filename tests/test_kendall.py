"""Kendall's tau-b by merge-sort count against a pairwise count, scipy and hand computations."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubric.kendall import kendall_tau


def pairwise_tau_b(a, b):
    """Tau-b from its definition, pair by pair (O(n²)): (C − D) / sqrt((n0 − n1)(n0 − n2))."""
    concordant = discordant = tied_a = tied_b = 0
    for i, j in itertools.combinations(range(len(a)), 2):
        concordant += (a[i] < a[j] and b[i] < b[j]) or (a[i] > a[j] and b[i] > b[j])
        discordant += (a[i] < a[j] and b[i] > b[j]) or (a[i] > a[j] and b[i] < b[j])
        tied_a += a[i] == a[j]
        tied_b += b[i] == b[j]
    pairs = len(a) * (len(a) - 1) // 2
    denominator = (pairs - tied_a) * (pairs - tied_b)
    return (concordant - discordant) / math.sqrt(denominator) if denominator else None


# Few distinct values, so that ties in a, in b and in both are common; long enough lists to pass the insertion cut-off.
heavy_ties = st.integers(0, 400).flatmap(
    lambda n: st.tuples(st.lists(st.integers(0, 3), min_size=n, max_size=n), st.lists(st.integers(0, 3), min_size=n, max_size=n))
)
distinct = st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), max_size=300)


@given(heavy_ties)
def test_agrees_exactly_with_the_pairwise_count_under_heavy_ties(pair):
    """The merge-sort count gives the pairwise count's float bit for bit, ties in x, in y and in both included."""
    a, b = pair
    assert kendall_tau(a, b) == pairwise_tau_b(a, b)


@given(distinct)
def test_agrees_exactly_with_the_pairwise_count_on_real_values(points):
    """Real-valued rankings (ties rare) give the pairwise count's float too."""
    a, b = [p[0] for p in points], [p[1] for p in points]
    assert kendall_tau(a, b) == pairwise_tau_b(a, b)


@given(heavy_ties)
def test_agrees_with_scipy(pair):
    """scipy.stats.kendalltau (tau-b by default) gives the same value; it says nan where tau-b is undefined."""
    stats = pytest.importorskip("scipy.stats")
    a, b = pair
    expected = stats.kendalltau(a, b).statistic if len(a) > 1 else math.nan
    tau = kendall_tau(a, b)
    if math.isnan(expected):
        assert tau is None
    else:
        assert tau == pytest.approx(expected, abs=1e-12)


def test_large_reversed_and_shifted_rankings():
    """10,000 values: the same order is 1, the reverse -1, one swapped neighbour pair 1 − 4/(n(n − 1))."""
    n = 10_000
    a = list(range(n))
    swapped = [1, 0, *range(2, n)]
    assert kendall_tau(a, a) == 1.0
    assert kendall_tau(a, a[::-1]) == -1.0
    # One discordant pair of n(n-1)/2: (C - D) / n0 = (n0 - 2) / n0.
    assert kendall_tau(a, swapped) == pytest.approx(1 - 4 / (n * (n - 1)), abs=1e-15)


def test_heavily_tied_hand_example():
    """a = (1, 1, 2, 2, 3), b = (1, 2, 1, 2, 2), counted by hand over the 10 pairs.

    Tied in a: (1,2), (3,4) → n1 = 2; tied in b: (1,3), (2,4), (2,5), (4,5) → n2 = 4 (pair (4,5) is tied
    in b only, none tied in both). Of the rest: (1,4), (1,5), (3,5) concordant, (2,3) discordant
    → C − D = 3 − 1 = 2, tau-b = 2 / sqrt((10 − 2)(10 − 4)) = 2 / sqrt(48) ≈ 0.288675.
    """
    assert kendall_tau([1, 1, 2, 2, 3], [1, 2, 1, 2, 2]) == pytest.approx(2 / math.sqrt(48))


def test_joint_ties_count_in_both_tie_terms():
    """a = (1, 1, 2), b = (5, 5, 6): pair (1,2) tied in both → n1 = n2 = 1, C = 2, tau-b = 2 / sqrt(2·2) = 1."""
    assert kendall_tau([1, 1, 2], [5, 5, 6]) == 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([], [], None),
        ([1], [2], None),
        ([1, 2], [3, 4], 1.0),
        ([1, 2], [4, 3], -1.0),
        ([1, 1], [3, 4], None),
        ([2, 2, 2, 2], [2, 2, 2, 2], None),
        ([1, 2, 3, 4], [7, 7, 7, 7], None),
    ],
)
def test_degenerate_sizes_and_constant_rankings(a, b, expected):
    """n = 0, 1, 2 and constant sides: tau-b's denominator is zero unless both sides vary."""
    assert kendall_tau(a, b) == expected


class Counted(int):
    """An int that counts the comparisons, hashes and subtractions made with it."""

    operations = 0

    def __lt__(self, other):
        Counted.operations += 1
        return int(self) < int(other)

    def __gt__(self, other):
        Counted.operations += 1
        return int(self) > int(other)

    def __eq__(self, other):
        Counted.operations += 1
        return int(self) == int(other)

    def __sub__(self, other):
        Counted.operations += 1
        return int(self) - int(other)

    def __hash__(self):
        Counted.operations += 1
        return int.__hash__(self)


def test_work_grows_as_n_log_n():
    """At n = 4,096 a pairwise count makes n(n − 1)/2 ≈ 8.4 million comparisons; the merge sort under 20 n log2 n ≈ 1 million."""
    rng = random.Random(15)
    n = 4_096
    a = [rng.randint(0, n) for _ in range(n)]
    b = [rng.randint(0, n) for _ in range(n)]
    expected = kendall_tau(a, b)
    Counted.operations = 0
    assert kendall_tau(list(map(Counted, a)), list(map(Counted, b))) == expected
    assert 0 < Counted.operations < 20 * n * math.log2(n)
