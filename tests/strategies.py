"""Hypothesis strategies shared by the aggregation tests.

The general ones — scales, values on a scale, whole cases (scale, matrix,
weights) — are public in :mod:`rubric.testing`, because plugin authors need
them too; they are re-exported here so tests import strategies from one
place.
"""

from __future__ import annotations

from hypothesis import strategies as st

from rubric.aggregation.promethee import FUNCTIONS
from rubric.testing import Case, cases, scales, values_on, weight_vectors

__all__ = ["Case", "cases", "preference_specs", "scales", "values_on", "weight_vectors"]


@st.composite
def preference_specs(draw, width: float = 4.0):
    """A valid PROMETHEE preference function setting, thresholds within ``width``."""
    name = draw(st.sampled_from(sorted(FUNCTIONS)))
    if name == "usual":
        return draw(st.sampled_from(["usual", {"function": "usual"}]))
    positive = st.floats(0.01, width)
    if name == "u-shape":
        return {"function": name, "q": draw(st.one_of(st.just(0.0), positive))}
    if name == "v-shape":
        return {"function": name, "p": draw(positive)}
    if name == "gaussian":
        return {"function": name, "s": draw(positive)}
    q = draw(st.one_of(st.just(0.0), st.floats(0.0, width)))
    return {"function": name, "q": q, "p": q + draw(positive)}
