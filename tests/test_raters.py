"""The rater table of ``rubric explain``: raters side by side, their spread and a flag."""

from __future__ import annotations

import pytest

from rater_cases import evaluation
from rubric.raters import rater_table


def test_rater_table_for_explain():
    """Raters side by side per criterion, with the merged value, spread and a flag beyond one scale step."""
    table = rater_table(evaluation(), "p0")
    assert table.headers == ("Criterion", "a", "b", "c", "Merged", "Min", "Max", "SD", "Apart")
    x, y = table.rows
    assert x[:7] == ("Criterion X", 2.0, 0.0, None, 1.0, 0.0, 2.0)
    assert x[7] == pytest.approx(2 ** 0.5) and x[8] == "yes"
    assert y[:7] == ("Criterion Y", 1.0, 1.0, 0.5, pytest.approx(2.5 / 3), 0.5, 1.0) and y[8] == ""
    assert any("Criterion X" in note for note in table.notes)


def test_single_rater_has_no_standard_deviation():
    """With one rater the spread is zero and the SD is n/a, never a misleading 0."""
    table = rater_table(evaluation(), "p1")
    assert table.headers[1:3] == ("a", "b")
    _, y = table.rows
    assert y == ("Criterion Y", 0.0, None, 0.0, 0.0, 0.0, None, "")
