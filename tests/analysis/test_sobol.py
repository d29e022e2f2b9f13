"""Sobol indices against the Ishigami function's analytic values, and their properties."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rubric.analysis.sobol import sobol_indices


def ishigami(x, a=7.0, b=0.1):
    z = -np.pi + 2 * np.pi * x
    return np.sin(z[:, 0]) + a * np.sin(z[:, 1]) ** 2 + b * z[:, 2] ** 4 * np.sin(z[:, 0])


def test_ishigami_indices():
    """a = 7, b = 0.1: S = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437 (Ishigami & Homma 1990; Saltelli 2010)."""
    indices = sobol_indices(ishigami, 3, 100_000, seed=1)
    assert np.allclose(indices.first, [0.3139, 0.4424, 0.0], atol=0.02)
    assert np.allclose(indices.total, [0.5576, 0.4424, 0.2437], atol=0.02)


def test_same_seed_same_indices():
    """Seeded: two runs agree to the last digit."""
    one, two = sobol_indices(ishigami, 3, 500, seed=4), sobol_indices(ishigami, 3, 500, seed=4)
    assert (one.first == two.first).all() and (one.total == two.total).all()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=3, max_size=3), st.integers(0, 1000))
def test_indices_lie_in_the_unit_interval_and_first_orders_sum_below_one(coefficients, seed):
    """For y = Σ c_i x_i + x_0 x_1 the indices lie in [0, 1] and Σ S_i ≤ 1, up to sampling error."""
    c = np.array(coefficients)

    def model(x):
        return x @ c + x[:, 0] * x[:, 1]

    indices = sobol_indices(model, 3, 4_000, seed=seed)
    tolerance = 0.08
    assert (indices.first >= -tolerance).all() and (indices.first <= 1 + tolerance).all()
    assert (indices.total >= -tolerance).all() and (indices.total <= 1 + tolerance).all()
    assert indices.first.sum() <= 1 + tolerance
