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
    """a = 7, b = 0.1: S = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437 (Ishigami & Homma 1990; Saltelli 2010).

    From the published decomposition (OpenTURNS use case "The Ishigami function",
    https://openturns.github.io/openturns/latest/usecases/use_case_ishigami.html): V = 1/2 + a²/8 + b²π⁸/18
    + bπ⁴/5 = 13.8446, V₁ = (1 + bπ⁴/5)²/2 = 4.3459, V₂ = a²/8 = 6.125, V₁₃ = 8b²π⁸/225 = 3.3737, the rest 0;
    S₁ = V₁/V, S₂ = V₂/V, ST₁ = (V₁ + V₁₃)/V, ST₃ = V₁₃/V.  SALib's Ishigami docs quote the same S (0.3139,
    0.4424, 0.0, after Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*).
    """
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


def test_a_group_of_inputs_gets_one_index():
    """y = x₀ + x₁ + x₂, uniform inputs of variance 1/12 each: the group {x₀, x₁} explains 2/12 of 3/12,
    S = ST = 2/3, and x₂ the other third (an additive model has no interactions)."""
    indices = sobol_indices(lambda x: x.sum(axis=1), 3, 20_000, seed=2, groups=[[0, 1], [2]])
    assert np.allclose(indices.first, [2 / 3, 1 / 3], atol=0.02)
    assert np.allclose(indices.total, [2 / 3, 1 / 3], atol=0.02)


def test_inputs_from_their_own_distribution():
    """y = x₀ + 2x₁ with standard normal inputs (drawn by ``draw``): variances 1 and 4 of 5, S = ST = 0.2, 0.8."""
    indices = sobol_indices(
        lambda x: x[:, 0] + 2 * x[:, 1], 2, 20_000, seed=3, draw=lambda rng, count: rng.standard_normal((count, 2))
    )
    assert np.allclose(indices.first, [0.2, 0.8], atol=0.02)
    assert np.allclose(indices.total, [0.2, 0.8], atol=0.02)
