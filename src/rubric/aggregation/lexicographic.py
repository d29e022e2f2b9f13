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

from rubric import hookimpl
from rubric.aggregation.common import KEY_DECIMALS, from_unit, prepare, span, to_unit, with_tie_break
from rubric.components import AggregationMethod, Property, is_real_number

__all__ = ["METHOD", "first_level", "lexicographic", "level_values"]

#: Weights equal to this many decimals of the largest weight form one level.
WEIGHT_DECIMALS = 9


def level_values(matrix, weights, *, scale, tolerance=0.0):
    """Each proposal's level values in [0, 1], most important level first.

    A level is the mean of the criteria that share a weight; values are
    rounded to the tolerance bands (see the module docstring).
    """
    import numpy as np

    tolerance = float(tolerance)
    if not tolerance >= 0:
        raise ValueError(f"tolerance must be a number at least 0, got {tolerance}")
    x, w = prepare(matrix, weights)
    relative = np.round(w / w.max(), WEIGHT_DECIMALS)
    levels = np.unique(relative[relative > 0])[::-1]
    # criteria × levels: each column averages the criteria of one level.
    membership = (relative[:, None] == levels[None, :]).astype(float)
    membership /= membership.sum(axis=0)
    values = to_unit(x, scale) @ membership
    band = tolerance / span(scale)
    if band > 0:
        values = np.minimum(np.round(values / band) * band, 1.0)
    return np.round(values, KEY_DECIMALS)


def lexicographic(matrix, weights, *, scale, tolerance=0.0, criteria=None):
    """The most important level's value, ties broken level by level, on the scale.

    :param tolerance: differences up to this size (scale units) do not count.
    """
    values = level_values(matrix, weights, scale=scale, tolerance=tolerance)
    return from_unit(with_tie_break(values[:, 0], values), scale)


def first_level(matrix, weights, *, scale, tolerance=0.0, criteria=None):
    """The most important level's (rounded) value on the scale: what a lexicographic score reads as."""
    return from_unit(level_values(matrix, weights, scale=scale, tolerance=tolerance)[:, 0], scale)


def check_params(params, rubric):
    """``tolerance`` must be a number at least 0."""
    tolerance = params.get("tolerance", 0.0)
    if not is_real_number(tolerance) or tolerance < 0:
        return [("tolerance", f"tolerance must be a number at least 0 (in scale units), got {tolerance!r}")]
    return []


METHOD = AggregationMethod(
    name="lexicographic",
    aggregate=lexicographic,
    primary=first_level,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    params={"tolerance": 0.0},
    description="Criteria in decreasing weight order; the first that differs (beyond the tolerance) decides.",
    check_params=check_params,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
