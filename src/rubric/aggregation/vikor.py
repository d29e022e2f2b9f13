"""VIKOR: the compromise between group utility and the worst individual regret.

Opricovic (1998); Opricovic, S., Tzeng, G.-H. (2004).  On each criterion the
best and worst values present, ``f*`` and ``f⁻``, give every proposal a
normalised shortfall ``d_j = (f*_j − x_j) / (f*_j − f⁻_j)`` (0 at the best,
1 at the worst; 0 on a criterion where every proposal is equal).  Then::

    S = Σ_j w_j d_j              group utility (lower is better)
    R = max_j w_j d_j            individual regret (lower is better)
    Q = v·(S − S*)/(S⁻ − S*) + (1 − v)·(R − R*)/(R⁻ − R*)

with ``S*``/``S⁻`` the smallest/largest S (likewise R); a term whose spread
is zero counts 0.  ``v`` (default 0.5, "consensus") weighs the majority's
utility against the regret of the proposal's worst criterion: v near 1
favours broad merit, v near 0 the proposal with the mildest weakness.

**Scores.**  Q runs from 0 (best) to 1 (worst); the score is the
higher-is-better ``1 − Q`` mapped onto the scale, ``min + (max − min)·(1 − Q)``,
so the best compromise scores the top of the scale and the worst the bottom.
VIKOR's acceptance conditions (acceptable advantage, acceptable stability)
and the compromise *set* they define are not applied: every proposal gets its
score from its own Q.

Guarantees every :class:`~rubric.components.Property` but independence of
irrelevant alternatives: ``f*``, ``f⁻``, ``S*``… all come from the field.
"""

from __future__ import annotations

from typing import Any, Mapping

import attrs

from rubric import hookimpl
from rubric.aggregation.common import from_unit, prepare, prepare_batch
from rubric.components import AggregationMethod, Property, is_real_number
from rubric.model import Rubric

__all__ = ["METHOD", "VikorIndices", "vikor", "vikor_batched", "vikor_indices"]


@attrs.frozen
class VikorIndices:
    """The three VIKOR indices of every proposal (arrays, lower is better)."""

    s: object
    r: object
    q: object


def vikor_indices(matrix, weights, *, v=0.5) -> VikorIndices:
    """Group utility S, individual regret R and compromise index Q."""
    v = _check_v(v)
    x, w = prepare(matrix, weights)
    return _indices(x, w, v)


def _check_v(v) -> float:
    v = float(v)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"v must be between 0 and 1, got {v}")
    return v


def _indices(x, w, v: float) -> VikorIndices:
    """S, R and Q along the last axis of ``x`` (n × m, or k × n × m with k weight rows)."""
    import numpy as np

    if x.shape[-2] == 0:
        empty = np.zeros(x.shape[:-1])
        return VikorIndices(empty, empty, empty)
    best, worst = x.max(axis=-2, keepdims=True), x.min(axis=-2, keepdims=True)
    spread = best - worst
    varies = spread > 0
    # Divide before weighting: (best − x)/spread lies in [0, 1] even when the
    # spread is tiny, where w/spread alone could overflow.
    weighted = np.where(varies, (best - x) / np.where(varies, spread, 1.0), 0.0) * w[..., None, :]
    s, r = weighted.sum(axis=-1), weighted.max(axis=-1)
    return VikorIndices(s, r, v * _stretch(s) + (1.0 - v) * _stretch(r))


def _stretch(values):
    """Values mapped onto [0, 1] by their own minimum and maximum along the last axis (all 0 if equal)."""
    import numpy as np

    lo, hi = values.min(axis=-1, keepdims=True), values.max(axis=-1, keepdims=True)
    width = hi - lo
    return np.where(width > 0, (values - lo) / np.where(width > 0, width, 1.0), 0.0)


def vikor(matrix, weights, *, scale, v=0.5, criteria=None):
    """1 − Q on the scale: the best compromise scores the top of the scale.

    :param v: weight of group utility S against individual regret R, in [0, 1].
    """
    return from_unit(1.0 - vikor_indices(matrix, weights, v=v).q, scale)


def vikor_batched(matrices, weights, *, scale, v=0.5, criteria=None):
    """The batched form of :func:`vikor` (k × n scores): the same arithmetic along a leading axis."""
    v = _check_v(v)
    x, w = prepare_batch(matrices, weights)
    return from_unit(1.0 - _indices(x if x.ndim == 3 else x[None], w, v).q, scale)


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """``v`` must be a number in [0, 1]."""
    v = params.get("v", 0.5)
    if not is_real_number(v) or not 0 <= v <= 1:
        return [("v", f"v must be a number between 0 and 1, got {v!r}")]
    return []


METHOD = AggregationMethod(
    name="vikor",
    aggregate=vikor,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    params={"v": 0.5},
    description="Compromise of group utility and worst regret (score 1 − Q); v weighs the two.",
    check_params=check_params,
    batched=vikor_batched,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
