"""Kendall's tau-b in O(n log n), by counting the swaps of a merge sort (Knight 1966).

``compare`` correlates every pair of schemes' rankings; counting concordant
and discordant pairs one by one is O(n²) and took seconds at a few thousand
proposals.  Knight's method sorts the pairs by the first ranking and counts
the swaps a merge sort of the second makes: each swap is one discordant pair.
The merges run in C (``sorted`` merges two sorted runs in linear time), and
short slices are counted by insertion, so the cost stays n log n with a small
constant.  The counts are exact integers: the result is the same float the
pairwise count gives.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import accumulate, compress
from operator import itemgetter, not_
from typing import Iterable, Optional, Sequence

__all__ = ["kendall_tau"]

#: Slices this short are sorted by insertion: cheaper than recursing further.
_INSERTION = 64


def tied_pairs(values: Iterable) -> int:
    """The number of unordered pairs of equal values (the ``n1``/``n2`` terms of tau-b)."""
    return sum(k * (k - 1) // 2 for k in Counter(values).values())


def _swaps_by_insertion(values: list) -> tuple:
    """``(sorted values, number of pairs out of order)`` for a short list."""
    done: list = []
    swaps = 0
    for i, value in enumerate(values):
        at = bisect_right(done, value)  # equal values are not out of order
        swaps += i - at
        done.insert(at, value)
    return done, swaps


def _merge(left: list, right: list) -> tuple:
    """``(merged list, pairs of a left value above a right value)`` for two sorted lists."""
    both = left + right
    n_left = len(left)
    order = sorted(range(len(both)), key=both.__getitem__)  # stable: on a tie, the left value first
    from_left = list(map(n_left.__gt__, order))
    # A right value passes every left value not yet placed when it is placed.
    placed_left = sum(compress(accumulate(from_left), map(not_, from_left)))
    return list(map(both.__getitem__, order)), n_left * len(right) - placed_left


def _swaps(values: list) -> tuple:
    """``(sorted values, number of pairs i < j with values[i] > values[j])``."""
    if len(values) <= _INSERTION:
        return _swaps_by_insertion(values)
    middle = len(values) // 2
    left, swaps_left = _swaps(values[:middle])
    right, swaps_right = _swaps(values[middle:])
    merged, swaps_across = _merge(left, right)
    return merged, swaps_left + swaps_right + swaps_across


def kendall_tau(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Kendall's tau-b rank correlation (ties handled); ``None`` if undefined.

    Kendall, M. G. (1945) "The treatment of ties in ranking problems",
    Biometrika 33(3): tau-b = (C − D) / sqrt((n0 − n1)(n0 − n2)), with n0
    the pairs, n1 and n2 the pairs tied in ``a`` and in ``b``.  Knight, W. R.
    (1966) "A computer method for calculating Kendall's tau with ungrouped
    data", JASA 61(314): with n3 the pairs tied in both and S the swaps that
    sort ``b`` once the pairs are ordered by ``a`` (then ``b``),
    C − D = n0 − n1 − n2 + n3 − 2S.  ``None`` when either side is constant
    (or there are fewer than two values): the denominator is zero.
    """
    n = len(a)
    pairs = n * (n - 1) // 2
    ties_a, ties_b, ties_both = tied_pairs(a), tied_pairs(b), tied_pairs(zip(a, b))
    _, swaps = _swaps(list(map(itemgetter(1), sorted(zip(a, b)))))
    denominator = (pairs - ties_a) * (pairs - ties_b)
    return (pairs - ties_a - ties_b + ties_both - 2 * swaps) / denominator**0.5 if denominator else None
