"""Uncertainty over choices (rank distributions, Sobol indices) and leave-one-out, on hand-built cases."""

from __future__ import annotations

from hypothesis import given, settings

from analysis.smaa_cases import build
from analysis.test_acceptability import problems
from rubric.analysis.uncertainty import choices, leave_one_out
from rubric.cli import main


def test_leave_one_criterion_out_by_hand():
    """A = (2, 0), B = (0, 1), equal weights: A 1.0 > B 0.5; without c0, A 0 < B 1 (both move); without c1, no move."""
    result = leave_one_out(build([[2, 0], [0, 1]]))
    assert result.moves == (("c0", "p0", 1, 2, 1), ("c0", "p1", 2, 1, -1))
    assert "Leaving out c1 moves no rank." in result.tables()[0].notes


def test_leave_one_rater_out_by_hand():
    """p0 rated 2 by x and −2 by y (mean 0) against p1 = 1: without y, p0 is 2 and first."""
    result = leave_one_out(build([[[("x", 2), ("y", -2)]], [1]]), what="raters")
    assert result.moves == (("y", "p0", 2, 1, -1), ("y", "p1", 1, 2, 1))


def test_a_rater_choice_explains_all_the_variance():
    """Only the rater can change the ranking (merged 0 < 1, x: 2 > 1, y: −2 < 1), so it carries every index."""
    result = choices(build([[[("x", 2), ("y", -2)]], [1]]), samples=2_000, seed=2, drop=True)
    first = dict(zip(result.options, result.first))
    total = dict(zip(result.options, result.total))
    assert abs(first["rater"] - 1) < 0.1 and abs(total["rater"] - 1) < 0.1
    assert abs(total["scheme"]) < 1e-12 and abs(total["method"]) < 1e-12
    # p0 is first only with rater x, a third of the runs: median rank 2, interval 1–2.
    assert result.median[0] == 2.0 and (result.low[0], result.high[0]) == (1.0, 2.0)


@settings(max_examples=20, deadline=None)
@given(problems(uncertain=False))
def test_indices_lie_in_the_unit_interval_and_first_orders_sum_below_one(rows):
    """Sobol indices of the rank variance in [0, 1] and Σ first order ≤ 1, up to sampling error."""
    result = choices(build(rows), methods=["weighted-sum", "maximin"], samples=400, seed=3, drop=True)
    tolerance = 0.25  # 400 base samples of a step function: a loose bound on the sampling error
    assert all(-tolerance <= s <= 1 + tolerance for s in (*result.first, *result.total))
    assert sum(result.first) <= 1 + tolerance


def test_same_seed_same_output(capsys):
    """The command's output is the same for the same seed."""
    argv = ["sensitivity", "--choices", "--methods", "weighted-sum,topsis", "--drop-criterion", "--samples", "100",
            "--seed", "5", "--rubric", "open-source-ai"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main(argv) == 0
    assert capsys.readouterr().out == first and "Sobol indices" in first
