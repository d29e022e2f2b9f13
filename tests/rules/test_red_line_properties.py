"""Consistency properties red lines promise: a red line never raises a proposal's rank."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rubric.engine import rank_red_lined
from rubric.model import RedLine
from rubric.redlines import Hit, capped

LINES = {
    "exclude": RedLine("x", below=0),
    "flag": RedLine("x", below=0, effect="flag"),
    "cap": RedLine("x", below=0, effect="cap", cap=-1),
}


@given(
    st.lists(st.tuples(st.floats(-2, 2), st.sampled_from([None, "exclude", "flag", "cap"])), min_size=1, max_size=12),
)
def test_a_red_line_never_raises_a_proposals_rank(cases):
    """A proposal ranks no better with the line it crosses than without it, whatever lines the others cross.

    (Another proposal's exclusion may move it up: that is the other's line, not its own.)
    """
    totals = [t for t, _ in cases]
    ids = [f"p{k:02d}" for k in range(len(cases))]
    hits = [(Hit(LINES[effect], -1.0, "below"),) if effect else () for _, effect in cases]
    after = rank_red_lined(capped(totals, hits), ids, hits)
    for k, found in enumerate(hits):
        if not found:
            continue
        spared = [() if j == k else h for j, h in enumerate(hits)]
        without = rank_red_lined(capped(totals, spared), ids, spared)
        assert int(after[k]) >= int(without[k])
        if found[0].line.effect == "exclude":
            assert after[k].red_line == "exclude"
            assert all(int(after[k]) > int(r) for r, h in zip(after, hits) if r.red_line != "exclude")
