"""Lexicographic: the most important criterion decides; the next breaks ties.

Fishburn (1974) surveys the method; it is the rule of an analyst who will
not trade any amount of a lesser criterion for the smallest difference on a
greater one.  Criteria are taken in decreasing order of weight — the weights
only order them, their sizes do not matter — and the first criterion on
which two proposals differ decides between them.

**Equal weights.**  Criteria with the same weight (to 9 decimals, as
fractions of the largest weight) form one level and are compared on their
mean, so the result never depends on the order the criteria are listed in.
Criteria of weight zero are ignored.  (With every weight equal there is a
single level, and the method ranks like the weighted sum.)

**Tolerance.**  ``tolerance`` (in scale units, default 0) says how large a
difference must be to count.  Differences "within the tolerance" cannot be
taken pairwise — 0.0 ≈ 0.4 ≈ 0.8 with a tolerance of 0.5 while 0.0 < 0.8,
an intransitive relation that no score can express (Tversky 1969) — so each
level's value is rounded to the nearest multiple of ``tolerance`` above the
scale's minimum, and values in the same band count as equal.  With
tolerance 0, values equal to 10 decimals of the scale's range count as
equal.

**Scores.**  The score reads as the (rounded) value of the most important
level and is nudged by at most 10⁻⁴ of the scale's range by a tie-break that
orders the proposals exactly lexicographically::

    score = min + (max − min)·((1 − ε)·first_level + ε·share),   ε = 10⁻⁴

where ``share`` is the fraction of the other proposals that come lower in
the lexicographic order.  A lexicographic order has no real-valued
representation (Debreu 1954), so an exact tie-break must look at the other
proposals; that is why this method does not claim independence of
irrelevant alternatives: adding a proposal can move a score by up to 10⁻⁴
of the range — but the order of any two proposals depends only on their own
values.  Guarantees every other :class:`~rubric.components.Property`.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.aggregation.common import (
    KEY_DECIMALS,
    from_unit,
    prepare,
    prepare_batch,
    rank_shares,
    span,
    tie_broken,
    to_unit,
    with_tie_break,
)
from rubric.components import AggregationMethod, Property, is_real_number
from rubric.model import Rubric

__all__ = ["METHOD", "first_level", "lexicographic", "lexicographics", "level_values"]

#: Weights equal to this many decimals of the largest weight form one level.
WEIGHT_DECIMALS = 9


def level_values(matrix, weights, *, scale, tolerance=0.0):
    """Each proposal's level values in [0, 1], most important level first.

    A level is the mean of the criteria that share a weight; values are
    rounded to the tolerance bands (see the module docstring).
    """
    import numpy as np

    band = _band(tolerance, scale)
    x, w = prepare(matrix, weights)
    relative = np.round(w / w.max(), WEIGHT_DECIMALS)
    levels = np.unique(relative[relative > 0])[::-1]
    # criteria × levels: each column averages the criteria of one level.
    membership = (relative[:, None] == levels[None, :]).astype(float)
    membership /= membership.sum(axis=0)
    return _banded(to_unit(x, scale) @ membership, band)


def _band(tolerance, scale) -> float:
    """The tolerance as a share of the scale's range (checked)."""
    tolerance = float(tolerance)
    if not tolerance >= 0:
        raise ValueError(f"tolerance must be a number at least 0, got {tolerance}")
    return tolerance / span(scale)


def _banded(values, band: float):
    """Level values rounded to the tolerance bands, then to :data:`KEY_DECIMALS`."""
    import numpy as np

    if band > 0:
        values = np.minimum(np.round(values / band) * band, 1.0)
    return np.round(values, KEY_DECIMALS)


def memberships(weights):
    """k × criteria × levels: for each weight row, the columns of :func:`level_values`' averaging matrix.

    A row with fewer levels than criteria has columns of zeros at the end,
    which give every proposal the same key there and so change no order.
    """
    import numpy as np

    relative = np.round(weights / weights.max(axis=1, keepdims=True), WEIGHT_DECIMALS)
    descending = -np.sort(-relative, axis=1)
    new_level = np.ones(descending.shape, dtype=bool)
    np.not_equal(descending[:, 1:], descending[:, :-1], out=new_level[:, 1:])
    # The level of each criterion: how many distinct weights above its own.
    levels = np.cumsum(new_level, axis=1) - 1
    rank = np.argsort(-relative, axis=1, kind="stable")
    level_of = np.empty_like(levels)
    np.put_along_axis(level_of, rank, levels, axis=1)
    level_of[relative <= 0] = -1
    membership = (level_of[:, :, None] == np.arange(weights.shape[1])).astype(float)
    counts = membership.sum(axis=1, keepdims=True)
    return membership / np.where(counts > 0, counts, 1.0)


def lexicographic(matrix, weights, *, scale, tolerance=0.0, criteria=None):
    """The most important level's value, ties broken level by level, on the scale.

    :param tolerance: differences up to this size (scale units) do not count.
    """
    values = level_values(matrix, weights, scale=scale, tolerance=tolerance)
    return from_unit(with_tie_break(values[:, 0], values), scale)


def lexicographics(matrices, weights, *, scale, tolerance=0.0, criteria=None):
    """The batched form (k × n scores): the first level for every proposal, the others only where it ties."""
    import numpy as np

    band = _band(tolerance, scale)
    x, w = prepare_batch(matrices, weights)
    t = to_unit(x, scale)
    membership = memberships(w)
    if t.ndim == 2:
        first = _banded(membership[:, :, 0] @ t.T, band)
    else:
        first = _banded(np.matmul(t, membership[:, :, :1])[:, :, 0], band)

    def level(column, sample, rows):
        rows_t = t[rows] if t.ndim == 2 else t[sample, rows]
        return _banded(np.einsum("tj,tj->t", rows_t, membership[sample, :, column]), band)

    return from_unit(tie_broken(first, rank_shares(first, level, membership.shape[2])), scale)


def first_level(matrix, weights, *, scale, tolerance=0.0, criteria=None):
    """The most important level's (rounded) value on the scale: what a lexicographic score reads as."""
    return from_unit(level_values(matrix, weights, scale=scale, tolerance=tolerance)[:, 0], scale)


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """``tolerance`` must be a number at least 0."""
    tolerance = params.get("tolerance", 0.0)
    if not is_real_number(tolerance) or tolerance < 0:
        return [("tolerance", f"tolerance must be a number at least 0 (in scale units), got {tolerance!r}")]
    return []


METHOD = AggregationMethod(
    name="lexicographic",
    aggregate=lexicographic,
    primary=first_level,
    batched=lexicographics,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    params={"tolerance": 0.0},
    description="Criteria in decreasing weight order; the first that differs (beyond the tolerance) decides.",
    check_params=check_params,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
