"""PROMETHEE I: the partial ranking from the positive and negative flows.

Brans, J.-P., Vincke, Ph. (1985); Brans, Vincke & Mareschal (1986), §4.  With
π(a, b) = Σ_j w_j·P_j(a_j − b_j) (the preference functions and parameters of
:mod:`rubric.aggregation.promethee`, same TOML keys), the positive flow
φ⁺(a) = Σ_b π(a, b)/(n − 1) says how a outranks the others, the negative flow
φ⁻(a) = Σ_b π(b, a)/(n − 1) how it is outranked.  PROMETHEE I prefers a to b
when a is at least as good on both flows (φ⁺ not lower, φ⁻ not higher) and
better on one; indifferent when both are equal; **incomparable** when a is
better on one flow and worse on the other.

**How the partial ranking is carried.**  The score is PROMETHEE II's net flow
φ = φ⁺ − φ⁻ on the scale (so the scores are PROMETHEE II's complete
ranking), which orders every pair PROMETHEE I compares the same way; the
``incomparable`` capability returns the pairs PROMETHEE I leaves
incomparable, listed beside that ranking in every table and counted as
unordered by rank agreement.

**Cost**: the flows are computed from π itself, in chunks of rows (bounded
memory), O(n²·m) time: the incomparable pairs are pairs anyway.  Declares
PROMETHEE II's properties, which its scores are.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from rubric import hookimpl
from rubric.aggregation import promethee
from rubric.aggregation.common import prepare, span
from rubric.aggregation.promethee import CHUNK_ELEMENTS, THRESHOLD_TOLERANCE, Preference, column_preferences
from rubric.components import AggregationMethod

__all__ = ["METHOD", "flows", "incomparable_pairs", "preference_degrees", "preference_matrix"]

#: Flows closer than this count as equal when PROMETHEE I compares them (float noise).
FLOW_TOLERANCE = 1e-12


def preference_degrees(d, pref: Preference, tolerance: float = 0.0):
    """P(d) for an array of differences d (in a's favour): the pairwise form, for flows that need π itself.

    Steps widen by ``tolerance`` as in :func:`net_flows`.
    """
    import numpy as np

    if pref.function == "usual":
        return (d > tolerance).astype(float)
    if pref.function == "u-shape":
        return (d > pref.q + tolerance).astype(float)
    if pref.function == "level":
        return 0.5 * ((d > pref.q + tolerance).astype(float) + (d > pref.p + tolerance))
    if pref.function == "gaussian":
        return np.where(d > 0, -np.expm1(-(d * d) / (2.0 * pref.s * pref.s)), 0.0)
    q = 0.0 if pref.function == "v-shape" else pref.q
    return np.clip((d - q) / (pref.p - q), 0.0, 1.0)


def preference_matrix(matrix, weights, preferences: Sequence[Preference], *, tolerance: float = 0.0, rows=None):
    """π(a, b) = Σ_j w_j·P_j(a_j − b_j) for the rows ``rows`` (default: all) against every row: O(len(rows)·n·m)."""
    import numpy as np

    x, w = prepare(matrix, weights)
    chosen = x if rows is None else x[rows]
    pi = np.zeros((chosen.shape[0], x.shape[0]))
    for j in range(x.shape[1]):
        if w[j] > 0:
            pi += w[j] * preference_degrees(chosen[:, j, None] - x[None, :, j], preferences[j], tolerance)
    return pi


def flows(matrix, weights, preferences: Sequence[Preference], *, tolerance: float = 0.0):
    """(φ⁺, φ⁻): the positive and negative flows of every row, in [0, 1]."""
    import numpy as np

    x, w = prepare(matrix, weights)
    n = x.shape[0]
    plus, minus = np.zeros(n), np.zeros(n)
    if n < 2:
        return plus, minus
    step = max(1, CHUNK_ELEMENTS // n)
    for first in range(0, n, step):
        rows = slice(first, first + step)
        pi = preference_matrix(x, w, preferences, tolerance=tolerance, rows=rows)
        plus[rows] = pi.sum(axis=1)
        minus += pi.sum(axis=0)
    return plus / (n - 1), minus / (n - 1)


def incomparable_pairs(
    matrix, weights, *, scale, criteria: Optional[Sequence[Any]] = None, preference: Any = "usual", per_criterion=None
) -> list[tuple[int, int]]:
    """The pairs of rows (i < j) that PROMETHEE I leaves incomparable: each better on one flow."""
    import numpy as np

    preferences = column_preferences(len(weights), preference, per_criterion, criteria)
    plus, minus = flows(matrix, weights, preferences, tolerance=THRESHOLD_TOLERANCE * span(scale))
    more = plus[:, None] - plus[None, :] > FLOW_TOLERANCE
    less_outranked = minus[None, :] - minus[:, None] > FLOW_TOLERANCE
    # i better on φ⁺ but worse on φ⁻, or the reverse.
    crossed = (more & less_outranked.T) | (more.T & less_outranked)
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(crossed, 1)))]


METHOD = AggregationMethod(
    name="promethee-i",
    aggregate=promethee.promethee_ii,
    properties=promethee.METHOD.properties,
    params=promethee.METHOD.params,
    description="PROMETHEE II's net-flow ranking with PROMETHEE I's incomparabilities (φ⁺ against φ⁻) listed beside it.",
    check_params=promethee.METHOD.check_params,
    batched=promethee.METHOD.batched,
    incomparable=incomparable_pairs,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
