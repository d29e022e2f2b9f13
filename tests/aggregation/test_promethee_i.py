"""PROMETHEE I: positive and negative flows, and the incomparable pairs, on PROMETHEE II's worked example."""

from __future__ import annotations

import numpy as np
import pytest

from rubric.aggregation.promethee import FUNCTIONS, Preference, net_flows
from rubric.aggregation.promethee_i import METHOD, flows, incomparable_pairs

from .test_promethee import BVM_MATRIX, BVM_PREFERENCES, BVM_SENSE, PM2, pairwise_net_flows


def test_villages_alone_by_hand():
    """Villages to evacuate (usual, minimised): 8, 1, 4, 7, 3, 5.

    φ⁺ is the share of the five others each beats, φ⁻ the share that beat it:
    φ⁺ = 0, 1, 3/5, 1/5, 4/5, 2/5 and φ⁻ = 1, 0, 2/5, 4/5, 1/5, 3/5 — one
    criterion is a complete order, so no pair is incomparable.
    """
    x = BVM_MATRIX[:, [4]] * BVM_SENSE[4]
    plus, minus = flows(x, [1], [Preference("usual")])
    assert plus.tolist() == pytest.approx([0, 1, 0.6, 0.2, 0.8, 0.4], abs=1e-12)
    assert minus.tolist() == pytest.approx([1, 0, 0.4, 0.8, 0.2, 0.6], abs=1e-12)
    assert incomparable_pairs(x, [1], scale=PM2) == []


def test_brans_vincke_mareschal_1986_example():
    """The six projects of Brans, Vincke & Mareschal (1986), equal weights, the paper's functions.

    φ⁺ = .2199, .3963, .2466, .3293, .4547, .3001 and φ⁻ = .3655, .3791, .3362,
    .3493, .1618, .3549; φ⁺ − φ⁻ is the net flow test_promethee asserts
    (−.1457, .0172, −.0895, −.0200, .2929, −.0549).  Reading the pairs off those
    flows: a5 is best on both (preferred to all); a3, a4, a6 beat a1 on both and
    a4 beats a6 on both; a2 has the second best φ⁺ but the worst φ⁻ but one, so
    it is incomparable with a1, a3, a4 and a6; a3 is incomparable with a4 and a6
    (each better on one flow).
    """
    x = BVM_MATRIX * BVM_SENSE
    plus, minus = flows(x, [1] * 6, BVM_PREFERENCES)
    assert np.round(plus, 4).tolist() == [0.2199, 0.3963, 0.2466, 0.3293, 0.4547, 0.3001]
    assert np.round(minus, 4).tolist() == [0.3655, 0.3791, 0.3362, 0.3493, 0.1618, 0.3549]
    assert np.max(np.abs(plus - minus - pairwise_net_flows(x, [1] * 6, BVM_PREFERENCES))) < 1e-12
    assert np.max(np.abs(plus - minus - net_flows(x, [1] * 6, BVM_PREFERENCES))) < 1e-12
    # The paper's functions as a scheme writes them, keyed by (made-up) criterion ids.
    per_criterion = {
        f"c{j}": {"function": p.function, **{key: getattr(p, key) for key in FUNCTIONS[p.function]}}
        for j, p in enumerate(BVM_PREFERENCES)
    }
    ids = list(per_criterion)
    pairs = incomparable_pairs(x, [1] * 6, scale=PM2, per_criterion=per_criterion, criteria=ids)
    assert pairs == [(0, 1), (1, 2), (1, 3), (1, 5), (2, 3), (2, 5)]


def test_scores_are_promethee_ii_and_the_capability_is_declared():
    """PROMETHEE I's scores are PROMETHEE II's complete ranking; it declares incomparable and batched."""
    from rubric.aggregation.promethee import METHOD as PROMETHEE_II

    x = [[2, -1], [0, 1], [-1, 0]]
    assert list(METHOD.aggregate(x, [1, 1], scale=PM2)) == list(PROMETHEE_II.aggregate(x, [1, 1], scale=PM2))
    assert METHOD.incomparable is incomparable_pairs and METHOD.batched is not None
