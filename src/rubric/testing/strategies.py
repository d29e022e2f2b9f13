"""Hypothesis strategies for aggregation inputs: scales, values on them, weights, whole cases.

Public, for plugin authors' own property tests; :mod:`rubric.testing.properties`
draws its cases from them.
"""

from __future__ import annotations

import math
from typing import Optional

import attrs
from hypothesis import strategies as st

from rubric.model import Scale

__all__ = ["COMMON_SCALES", "Case", "cases", "scales", "values_on", "weight_vectors"]


#: Scales rubrics actually use, tried alongside random ones.
COMMON_SCALES = (
    Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves")),
    Scale(0, 1, ("no", "yes")),
    Scale(1, 5, ("1", "2", "3", "4", "5")),
    Scale(0, 10, tuple(str(i) for i in range(11))),
    Scale(-3, 3, tuple(str(i) for i in range(-3, 4))),
)


@st.composite
def scales(draw) -> Scale:
    """A scale: a common one, or random ends with 2 to 7 labels."""
    if draw(st.booleans()):
        return draw(st.sampled_from(COMMON_SCALES))
    low = draw(st.integers(-100, 100)) / draw(st.sampled_from([1, 4, 10]))
    width = draw(st.sampled_from([0.5, 1.0, 3.0, 4.0, 10.0, 100.0]))
    levels = draw(st.integers(2, 7))
    return Scale(low, low + width, tuple(f"level {i}" for i in range(levels)))


def values_on(scale: Scale) -> st.SearchStrategy:
    """A value on the scale: a labelled level, a half level, or anywhere between the ends."""
    lo, hi = float(scale.min), float(scale.max)
    steps = 2 * max(len(scale.labels) - 1, 1)
    grid = sorted({min(hi, lo + (hi - lo) * k / steps) for k in range(steps + 1)})
    return st.one_of(st.sampled_from(grid), st.floats(lo, hi, allow_nan=False, allow_infinity=False))


def weight_vectors(size: int) -> st.SearchStrategy:
    """``size`` non-negative weights summing to 1, zeros included now and then."""
    one = st.one_of(st.just(0.0), st.integers(1, 10).map(float), st.floats(0.001, 1.0))

    def normalise(ws):
        if not any(ws):
            ws = [1.0] + ws[1:]
        total = math.fsum(ws)
        return [w / total for w in ws]

    return st.lists(one, min_size=size, max_size=size).map(normalise)


@attrs.frozen
class Case:
    """One input to an aggregation method: a scale, an n×m matrix and m weights."""

    scale: Scale
    matrix: list
    weights: list

    def describe(self) -> str:
        """The case as lines to paste into a test."""
        return (
            f"  scale: {self.scale.min} to {self.scale.max} ({len(self.scale.labels)} labels)\n"
            f"  matrix: {self.matrix!r}\n"
            f"  weights: {self.weights!r}"
        )


@st.composite
def cases(
    draw,
    *,
    min_proposals: int = 1,
    max_proposals: int = 7,
    min_criteria: int = 1,
    max_criteria: int = 5,
    scale: Optional[Scale] = None,
) -> Case:
    """A random :class:`Case` within the given sizes (and scale, if given)."""
    scale = scale if scale is not None else draw(scales())
    n = draw(st.integers(min_proposals, max_proposals))
    m = draw(st.integers(min_criteria, max_criteria))
    value = values_on(scale)
    rows = draw(st.lists(st.lists(value, min_size=m, max_size=m), min_size=n, max_size=n))
    return Case(scale, rows, draw(weight_vectors(m)))
