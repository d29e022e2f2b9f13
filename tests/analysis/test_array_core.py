"""The SMAA array core: bare arrays in, and a batched tally equal to a plain count."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from analysis.smaa_cases import within
from rubric.analysis.array_core import Tally, smaa_core


def test_array_core_on_synthetic_data():
    """smaa_core works on bare arrays: values, optional intervals and a raters axis with NaN padding."""
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    arrays = smaa_core(values, samples=1_000, seed=0)
    assert arrays.acceptability.shape == (2, 2) and np.allclose(arrays.acceptability.sum(axis=0), 1)
    raters = np.array([[[2.0, -2.0]], [[1.0, np.nan]]])
    assert within(smaa_core(raters, samples=10_000).acceptability[0, 0], 0.5, 10_000)




@given(st.integers(1, 7), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_rank_counts_match_a_plain_count(n, samples, seed):
    """The batched tally (fast path, then tied samples shared out) equals counting sample by sample."""
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 4, (samples, n)).astype(float) / 2  # coarse: some samples tie, some do not
    weights = rng.dirichlet(np.ones(3), samples)
    tally = Tally(n, 3)
    tally.add(scores, weights, 1e-9)
    ranks, first, central = np.zeros((n, n)), np.zeros(n), np.zeros((n, 3))
    for row, w in zip(scores, weights):
        position = 0
        for level in sorted(set(row), reverse=True):
            members = [i for i in range(n) if row[i] == level]
            for i in members:
                ranks[i, position : position + len(members)] += 1 / len(members)
                if position == 0:
                    first[i] += 1 / len(members)
                    central[i] += w / len(members)
            position += len(members)
    assert np.allclose(tally.ranks, ranks) and np.allclose(tally.first, first) and np.allclose(tally.central, central)


@given(st.integers(1, 6), st.integers(1, 30), st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_tally_ranked_in_pieces_equals_a_plain_count(n, samples, piece, seed):
    """Ranked a few samples at a time (ties falling in any piece), over two batches, the tally is a plain count.

    In the second batch the integer counts land on fractional shares; pieces
    must still give exactly the numbers of one pass.
    """
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 3, (samples, n)).astype(float)
    weights = rng.dirichlet(np.ones(2), samples)
    pieces, whole = Tally(n, 2, piece=piece), Tally(n, 2, piece=samples)
    for tally in (pieces, whole):
        for batch in (scores, scores[::-1]):
            tally.add(batch, weights, 1e-9)
    ranks, first = np.zeros((n, n)), np.zeros(n)
    for row in np.concatenate([scores, scores[::-1]]):
        position = 0
        for level in sorted(set(row), reverse=True):
            members = [i for i in range(n) if row[i] == level]
            for i in members:
                ranks[i, position : position + len(members)] += 1 / len(members)
                first[i] += (position == 0) / len(members)
            position += len(members)
    assert np.allclose(pieces.ranks, ranks) and np.allclose(pieces.first, first)
    assert np.array_equal(pieces.ranks, whole.ranks) and np.array_equal(pieces.central, whole.central)
