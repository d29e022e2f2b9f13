"""Threshold sorting on the total: bands read off the scheme's total."""

from __future__ import annotations

from rubric.model import Criterion, Scale
from rubric.sorting.thresholds import threshold_sort


def test_bands_on_the_total():
    """Bounds weak 0, strong 1 on −2…2: totals −0.5, 0, 0.99, 1 and 2 fall in below, weak, weak, strong, strong."""
    scale = Scale(-2, 2, ("a", "b", "c", "d", "e"))
    found = threshold_sort(
        [[0]] * 5, [1.0], scale=scale, criteria=(Criterion("x", "g", "X"),), totals=[-0.5, 0.0, 0.99, 1.0, 2.0],
        classes=("below", "weak", "strong"), bounds={"weak": 0, "strong": 1},
    )
    assert [a.low for a in found] == [0, 1, 1, 2, 2]
    assert "below 1" in found[2].note
