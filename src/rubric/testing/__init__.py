"""Check that an aggregation method keeps the promises it declares.

An :class:`~rubric.components.AggregationMethod` lists the consistency
properties it guarantees in ``properties``.  :func:`check_aggregation_method`
puts the method through a property-based test (with hypothesis) for exactly
those properties and fails with a readable counterexample — the smallest
matrix hypothesis could find — for every one it breaks::

    # tests/test_my_method.py, in a plugin package
    from rubric.testing import check_aggregation_method
    from my_plugin import METHOD

    def test_my_method_keeps_its_promises():
        check_aggregation_method(METHOD)

    def test_with_other_parameters():
        check_aggregation_method(METHOD, params={"alpha": 0.9}, max_examples=300)

Each check calls ``method.aggregate(matrix, weights, scale=scale,
criteria=criteria, **params)`` the way the engine does (``params`` are the
method's defaults updated with the ones given; the columns' criteria are named
``c0``, ``c1``, … by position) with a matrix of 1 to 7 proposals × 1 to 5 criteria of
values on a scale (sometimes a list of rows, sometimes a 2-D numpy array) and
weights that sum to 1.  Every call must return one finite number per
proposal.  What each property means, and how it is tested:

=========================================  ===================================================
weight-scale-invariance                    all weights × c (0.01 ≤ c ≤ 100; so they no longer
                                           sum to 1): the same scores
permutation-invariance                     proposals and criteria (with their weights)
                                           reordered: the same score for each proposal
pareto                                     a proposal made at least as good as another
                                           everywhere, and better on a criterion of positive
                                           weight, scores at least as high
monotonicity                               raising one value of a proposal never lowers its score
ties                                       two identical proposals score the same
zero-weight-irrelevance                    the values of a criterion of weight 0 changed: the
                                           same scores
bounded-by-scale                           every score within the scale
independence-of-irrelevant-alternatives    a proposal removed: the others keep their scores
=========================================  ===================================================

Scores are compared with a tolerance of 10⁻⁹ of the scale's range.

A declared capability is checked as well: ``linear`` (every score is the
weighted mean), and ``batched`` (k weight vectors against the case's matrix,
and against k matrices of the same size, in one call each: every row of the
result equals ``aggregate`` on that matrix and weighting, to 10⁻¹² of the
scale's range), and ``incomparable`` (pairs (i, j) with i < j, each once; a
copy of a proposal is never incomparable with it and is incomparable with
the same others).  :func:`check_capabilities` checks only those.

Sorting methods have their own check, :func:`check_sorting_method` (see
:mod:`rubric.testing.sorting`): classes within the declared set, pessimistic ≤
optimistic, and monotonicity and independence where declared.

This module needs hypothesis, which is not a dependency of rubric itself:
``pip install "policy-rubric[test]"`` provides it.  The strategies it uses
(:func:`scales`, :func:`values_on`, :func:`weight_vectors`, :func:`cases`)
are public, for plugin authors' own tests.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (say which extra provides it, before the submodules need it)
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "rubric.testing needs hypothesis, a test extra: pip install \"policy-rubric[test]\""
    ) from exc

from rubric.testing.properties import (
    BATCHED_TOLERANCE,
    RELATIVE_TOLERANCE,
    check_aggregation_method,
    check_capabilities,
    check_property,
)
from rubric.testing.sorting import SortCase, check_sorting_method, sort_cases
from rubric.testing.strategies import COMMON_SCALES, Case, cases, scales, values_on, weight_vectors

__all__ = [
    "BATCHED_TOLERANCE",
    "COMMON_SCALES",
    "RELATIVE_TOLERANCE",
    "Case",
    "SortCase",
    "cases",
    "check_aggregation_method",
    "check_capabilities",
    "check_property",
    "check_sorting_method",
    "scales",
    "sort_cases",
    "values_on",
    "weight_vectors",
]
