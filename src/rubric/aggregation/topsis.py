"""TOPSIS: closeness to the ideal and distance from the anti-ideal.

Hwang, C.-L., Yoon, K. (1981).  Each criterion's column is vector-normalised
(divided by its Euclidean norm) and weighted; a proposal's *closeness* is
``C = d⁻ / (d⁺ + d⁻)``, where ``d⁺`` and ``d⁻`` are its Euclidean distances
to the ideal and the anti-ideal point.  C runs from 0 (the anti-ideal) to 1
(the ideal); the score is C mapped onto the scale,
``min + (max − min)·C``.

``ideal`` chooses the reference points:

* ``"data"`` (the default, as in Hwang & Yoon): on each criterion the best
  and the worst value any proposal reaches.  The result says how the
  proposals compare with each other — and changes when one is added or
  removed, which can reverse the order of two others (rank reversal; see
  the property tests).
* ``"scale"``: the top and the bottom of the rubric's scale.  Closeness is
  then measured against what the scale allows rather than against the field,
  so a field of uniformly poor proposals no longer produces a winner near 1.
  The two ends of the scale also join every column's vector norm as virtual
  proposals, as García-Cascales & Lamata (2012) add the ideal and anti-ideal
  to the decision matrix: without them a column where every proposal sits
  at the bottom would have no norm, and one where every proposal sits just
  above it would put the ideal arbitrarily far away and let that criterion
  swamp the rest.  The norm still depends on the field, so rank reversal
  remains possible, only rarer.

**Where values are measured from.**  Vector normalisation assumes a ratio
scale with a natural zero, and a rubric's scale is an interval scale, so
values are measured from the bottom of the scale (``x − min``), which makes
every value non-negative.  This matters: on the raw values of a −2…+2 scale,
raising a proposal's own score can *lower* its closeness (the norm of a
column mixing signs shrinks); measured from the bottom it never does.  On a
scale whose minimum is 0, with ``ideal = "data"``, this is exactly the
textbook method.  There a criterion on which every proposal sits at the
bottom of the scale has no norm and contributes nothing.  Where ``d⁺ + d⁻ = 0`` (all proposals identical),
C = ½.

Guarantees every :class:`~rubric.components.Property` but independence of
irrelevant alternatives.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.aggregation.common import from_unit, prepare, prepare_batch, span
from rubric.components import AggregationMethod, Property
from rubric.model import Rubric

__all__ = ["IDEALS", "METHOD", "closeness", "topsis", "topsis_batched"]

IDEALS = ("data", "scale")


def closeness(matrix, weights, *, scale, ideal="data"):
    """The relative closeness C in [0, 1] of every proposal."""
    import numpy as np

    _check_ideal(ideal)
    x, w = prepare(matrix, weights)
    if x.shape[0] == 0:
        return np.zeros(0)
    y = np.maximum(x - float(scale.min), 0.0)
    squares = np.einsum("ij,ij->j", y, y)
    if ideal == "scale":
        # The scale's top (and its bottom, which adds 0) join each column as
        # virtual proposals: the norm is then never 0, and the ideal never
        # lies further out than 1 after normalisation.
        squares = squares + span(scale) ** 2
    norms = np.sqrt(squares)
    normed = norms > 0
    safe = np.where(normed, norms, 1.0)
    # Normalise before weighting: y/norm lies in [0, 1] even for a tiny norm.
    v = (y / safe) * np.where(normed, w, 0.0)
    if ideal == "data":
        best, worst = v.max(axis=0), v.min(axis=0)
    else:
        best, worst = (span(scale) / norms) * w, np.zeros(w.size)
    d_best = np.sqrt(np.einsum("ij,ij->i", v - best, v - best))
    d_worst = np.sqrt(np.einsum("ij,ij->i", v - worst, v - worst))
    total = d_best + d_worst
    return np.where(total > 0, d_worst / np.where(total > 0, total, 1.0), 0.5)


def _check_ideal(ideal) -> None:
    if ideal not in IDEALS:
        raise ValueError(f"ideal must be one of {', '.join(map(repr, IDEALS))}, got {ideal!r}")


def closenesses(matrices, weights, *, scale, ideal="data"):
    """:func:`closeness` for k weight rows (k × n).

    Weighting scales each normalised column by ``w_j ≥ 0``, so the weighted
    ideal is the weight times the unweighted one and a squared distance is
    ``Σ_j w_j²·(r_ij − r*_j)²``: on one shared matrix, a matrix product.
    """
    import numpy as np

    _check_ideal(ideal)
    x, w = prepare_batch(matrices, weights)
    if x.shape[-2] == 0:
        return np.zeros((w.shape[0], 0))
    y = np.maximum(x - float(scale.min), 0.0)
    squares = (y * y).sum(axis=-2)
    if ideal == "scale":
        squares = squares + span(scale) ** 2
    norms = np.sqrt(squares)
    normed = norms > 0
    r = y / np.where(normed, norms, 1.0)[..., None, :]
    w = np.where(normed, w, 0.0)
    if ideal == "data":
        best, worst = r.max(axis=-2), r.min(axis=-2)
    else:
        best, worst = span(scale) / norms, np.zeros(norms.shape)
    w2 = w * w
    if x.ndim == 2:
        d_best, d_worst = np.sqrt(w2 @ ((r - best) ** 2).T), np.sqrt(w2 @ ((r - worst) ** 2).T)
    else:
        d_best = np.sqrt(np.einsum("kj,knj->kn", w2, (r - best[:, None, :]) ** 2))
        d_worst = np.sqrt(np.einsum("kj,knj->kn", w2, (r - worst[:, None, :]) ** 2))
    total = d_best + d_worst
    return np.where(total > 0, d_worst / np.where(total > 0, total, 1.0), 0.5)


def topsis_batched(matrices, weights, *, scale, ideal="data", criteria=None):
    """The batched form of :func:`topsis` (k × n scores)."""
    return from_unit(closenesses(matrices, weights, scale=scale, ideal=ideal), scale)


def topsis(matrix, weights, *, scale, ideal="data", criteria=None):
    """Closeness to the ideal, on the scale.

    :param ideal: ``"data"`` (best and worst values present) or ``"scale"``
        (the ends of the scale).
    """
    return from_unit(closeness(matrix, weights, scale=scale, ideal=ideal), scale)


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """``ideal`` must be ``"data"`` or ``"scale"``."""
    ideal = params.get("ideal", "data")
    if ideal not in IDEALS:
        return [("ideal", f"ideal must be \"data\" or \"scale\", got {ideal!r}")]
    return []


METHOD = AggregationMethod(
    name="topsis",
    aggregate=topsis,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    params={"ideal": "data"},
    description="Closeness to the ideal point (vector normalisation); ideal from the data or the scale.",
    check_params=check_params,
    batched=topsis_batched,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
