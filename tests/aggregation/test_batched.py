"""The batched forms of the built-in methods: declared by every one, equal to per-row calls."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from rubric.aggregation import BUILTINS
from rubric.aggregation.common import rank_share, rank_shares
from rubric.aggregation.weighted_sum import weighted_sums
from rubric.components import AggregationMethod
from rubric.model import Scale
from rubric.testing import check_capabilities

METHODS = {importlib.import_module(name).METHOD.name: importlib.import_module(name).METHOD for name in BUILTINS}
SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))

#: Parameter settings whose batched arithmetic takes a path of its own.
VARIANTS = [
    ("weighted-product", {"floor": 0.0}),
    ("lexicographic", {"tolerance": 0.5}),
    ("topsis", {"ideal": "scale"}),
    ("promethee-ii", {"preference": {"function": "linear", "q": 0.3, "p": 1.2}}),
    ("promethee-ii", {"preference": {"function": "gaussian", "s": 0.7}}),
    ("vikor", {"v": 0.0}),
]


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_builtin_declares_a_batched_form_equal_to_its_rows(name):
    """Each built-in has a batched form, and rubric.testing finds it equal to aggregate row by row."""
    assert METHODS[name].batched is not None
    check_capabilities(METHODS[name], max_examples=60)


@pytest.mark.parametrize(("name", "params"), VARIANTS, ids=[f"{n}-{p}" for n, p in VARIANTS])
def test_batched_forms_with_other_parameters(name, params):
    """The batched forms agree with aggregate for non-default parameters too."""
    check_capabilities(METHODS[name], params=params, max_examples=40)


def test_weighted_sum_batched_by_hand():
    """Two weightings of [[2, 0], [-1, 1]]: (¾, ¼) gives 1.5 and −0.5; (0, 1) gives 0 and 1."""
    scores = weighted_sums(np.array([[2.0, 0.0], [-1.0, 1.0]]), np.array([[0.75, 0.25], [0.0, 1.0]]))
    assert scores.tolist() == [[1.5, -0.5], [0.0, 1.0]]


def test_rank_shares_by_hand():
    """Keys (1, 0), (1, 2), (0, 5), (1, 0): shares 1/3, 1, 0, 1/3 (ties on the first key go to the second)."""
    keys = np.array([[1.0, 0.0], [1.0, 2.0], [0.0, 5.0], [1.0, 0.0]])
    expected = [1 / 3, 1.0, 0.0, 1 / 3]
    assert rank_share(keys).tolist() == pytest.approx(expected)
    two = np.stack([keys, keys[::-1]])
    shares = rank_shares(two[:, :, 0], lambda column, sample, rows: two[sample, rows, column], 2)
    assert np.allclose(shares, [expected, expected[::-1]])


def test_a_false_batched_declaration_is_caught():
    """A batched form that returns the rows of the weightings in reverse order fails the capability check."""

    def mean(matrix, weights, *, scale, criteria=None):
        return np.asarray(matrix, dtype=float) @ (np.asarray(weights) / np.sum(weights))

    def reversed_rows(matrices, weights, *, scale, criteria=None):
        return weighted_sums(matrices, weights)[::-1]

    liar = AggregationMethod(name="reversed", aggregate=mean, batched=reversed_rows)
    with pytest.raises(AssertionError, match="'reversed' declares the capability batched but breaks it"):
        check_capabilities(liar, max_examples=200)


def test_batched_refuses_mismatched_shapes():
    """Weights of the wrong width, or a matrix count that does not match the weightings, are ValueErrors."""
    with pytest.raises(ValueError, match="do not fit"):
        weighted_sums(np.zeros((3, 2)), np.ones((4, 3)))
    with pytest.raises(ValueError, match="do not fit"):
        weighted_sums(np.zeros((2, 3, 2)), np.ones((4, 2)))
