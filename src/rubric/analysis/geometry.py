"""The GAIA plane: the principal-component view of PROMETHEE's unicriterion net flows.

Mareschal, B., Brans, J.-P. (1988) "Geometrical representations for MCDA",
EJOR 34(1):69-77.  Each proposal a becomes its profile of unicriterion net
flows φ_j(a) = Σ_b [P_j(a − b) − P_j(b − a)]/(n − 1) (one column per
criterion; every column sums to 0, so the profiles are centred).  With
C = ΦᵀΦ/n and its eigenvectors u, v of the two largest eigenvalues:

* each proposal is the point (φ(a)·u, φ(a)·v);
* each criterion j is the axis (u_j, v_j), the projection of its unit vector;
* the **decision stick** is the projection of the weights, (w·u, w·v): the
  direction PROMETHEE II's ranking points to in the plane;
* δ = (λ₁ + λ₂)/Σλ is the share of the profiles' variance the plane keeps
  (well below 1, the picture can mislead).

An eigenvector's sign is arbitrary; each axis is oriented so that the
decision stick's coordinate is positive (where it is 0, so that the axis's
first non-zero component is), so the same input always draws the same plane.
The report draws it; this module only computes it.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import attrs

from rubric.aggregation.common import span
from rubric.aggregation.promethee import THRESHOLD_TOLERANCE, balances, column_preferences
from rubric.results import Evaluation

__all__ = ["GaiaPlane", "gaia", "gaia_plane"]


@attrs.frozen
class GaiaPlane:
    """Coordinates in the GAIA plane: proposals, criteria axes and the decision stick, with δ."""

    proposals: tuple[str, ...]
    #: One (x, y) per proposal.
    points: tuple[tuple[float, float], ...]
    criteria: tuple[str, ...]
    #: One (x, y) per criterion: the end of its axis.
    axes: tuple[tuple[float, float], ...]
    stick: tuple[float, float]
    #: The share of variance kept by the plane (δ).
    delta: float
    #: Every eigenvalue of C = ΦᵀΦ/n, largest first.
    eigenvalues: tuple[float, ...]


def gaia_plane(
    matrix,
    weights,
    *,
    scale,
    proposals: Sequence[str],
    criteria: Sequence[str],
    preference: Any = "usual",
    per_criterion: Optional[Mapping[str, Any]] = None,
) -> GaiaPlane:
    """The GAIA plane of a value matrix (rows: proposals, columns: criteria) under PROMETHEE's preference functions."""
    import numpy as np

    x = np.asarray(matrix, dtype=float).reshape(len(proposals), len(criteria))
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    n, m = x.shape
    preferences = column_preferences(m, preference, per_criterion, list(criteria))
    phi = balances(x, preferences, tolerance=THRESHOLD_TOLERANCE * span(scale)) / max(n - 1, 1)
    values, vectors = np.linalg.eigh(phi.T @ phi / max(n, 1))
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0.0, None), vectors[:, order]
    plane = np.zeros((m, 2))
    plane[:, : min(2, m)] = vectors[:, :2]
    for k in range(2):
        lean = w @ plane[:, k]
        nonzero = plane[np.abs(plane[:, k]) > 1e-12, k]
        if lean < -1e-12 or (abs(lean) <= 1e-12 and nonzero.size and nonzero[0] < 0):
            plane[:, k] = -plane[:, k]
    total = float(values.sum())
    points, stick = phi @ plane, w @ plane
    return GaiaPlane(
        proposals=tuple(proposals),
        points=tuple((float(a), float(b)) for a, b in points),
        criteria=tuple(criteria),
        axes=tuple((float(a), float(b)) for a, b in plane),
        stick=(float(stick[0]), float(stick[1])),
        delta=float(values[:2].sum() / total) if total > 0 else 1.0,
        eigenvalues=tuple(float(v) for v in values),
    )


def gaia(evaluation: Evaluation, scheme_id: Optional[str] = None) -> GaiaPlane:
    """The GAIA plane of an evaluation's values under a scheme's weights (default: the first scheme).

    The preference functions are the scheme's ``preference`` and
    ``per_criterion`` parameters where its method takes them (PROMETHEE I and
    II), else ``usual`` for every criterion.
    """
    result = evaluation.result(scheme_id)
    method = evaluation.registry.aggregation_method(result.scheme.aggregation.name)
    params = {**method.params, **result.scheme.aggregation.params}
    criteria = [c.id for c in evaluation.rubric.criteria]
    return gaia_plane(
        [[v.score for v in row] for row in evaluation.values],
        [result.weights[c] for c in criteria],
        scale=evaluation.rubric.scale,
        proposals=[p.id for p in evaluation.proposals],
        criteria=criteria,
        preference=params.get("preference", "usual"),
        per_criterion=params.get("per_criterion") if "preference" in params else None,
    )
