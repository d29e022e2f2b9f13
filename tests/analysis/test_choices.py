"""Uncertainty over choices (rank distributions, Sobol indices) and leave-one-out, on hand-built cases."""

from __future__ import annotations

import pytest
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


def test_a_rater_is_drawn_per_criterion():
    """p0 rated x: (2, −2), y: (−2, 2) (merged 0, 0); p1 rated x: 0.25, 0.25; equal weights.

    One rater per run would give p0 a score of 0 under merged, x and y alike: always second.  Drawn per
    criterion, p0's score is (a + b)/2 with a ∈ {0, 2, −2}, b ∈ {0, −2, 2} uniformly: above 0.25 for
    (0, 2), (2, 0), (2, 2), 3 of 9 runs, so p0 is first in a third of them: median rank 2, 5–95 % interval
    1–2.  Only the raters vary, so the rater group carries every index; scheme and method none.
    """
    cells = [[[("x", 2), ("y", -2)], [("x", -2), ("y", 2)]], [[("x", 0.25)], [("x", 0.25)]]]
    result = choices(build(cells), samples=2_000, seed=4)
    assert (result.median[0], result.low[0], result.high[0]) == (2.0, 1.0, 2.0)
    first, total = dict(zip(result.options, result.first)), dict(zip(result.options, result.total))
    assert abs(first["rater"] - 1) < 0.1 and abs(total["rater"] - 1) < 0.1
    assert total["scheme"] == 0 and total["method"] == 0


@pytest.mark.parametrize("around", [{"spread": 0.5}, {"concentration": 10.0}])
def test_with_one_scheme_and_one_method_the_weights_explain_everything(around):
    """A = (1, 0), B = (0, 1), weights (½, ½): A is first iff the drawn w₀ > w₁, half the runs either way
    (the ±50 % factors, and the Dirichlet(5, 5), are symmetric).  Nothing else varies (one scheme, one
    method, one rater whose value is the merged one), so the weights' first-order and total indices are 1
    and the others exactly 0; A's rank is 1 or 2: interval 1–2.
    """
    result = choices(build([[1, 0], [0, 1]]), samples=2_000, seed=6, around_scheme=True, **around)
    first, total = dict(zip(result.options, result.first)), dict(zip(result.options, result.total))
    assert abs(first["weights"] - 1) < 0.1 and abs(total["weights"] - 1) < 0.1
    assert total["scheme"] == total["method"] == total["rater"] == 0
    assert (result.low[0], result.high[0]) == (1.0, 2.0)


def test_with_zero_spread_the_weights_explain_nothing():
    """Spread 0 draws the scheme's own weights every time, so swapping the weights changes no run: index 0
    exactly, and the rater (the only choice that moves p0, as in the test above) keeps the variance."""
    cells = [[[("x", 2), ("y", -2)]], [1]]
    result = choices(build(cells), samples=1_000, seed=2, around_scheme=True, spread=0.0)
    first, total = dict(zip(result.options, result.first)), dict(zip(result.options, result.total))
    assert first["weights"] == 0 and total["weights"] == 0
    assert abs(total["rater"] - 1) < 0.1


def test_choices_around_the_scheme_from_the_command(capsys):
    """--around-scheme applies to --choices: the weights are one more row of the attribution."""
    argv = ["sensitivity", "--choices", "--around-scheme", "--spread", "0.2", "--samples", "30", "--rubric",
            "open-source-ai"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "weights: around the drawn scheme's (each ±20%, renormalised)" in out
    assert any(line.startswith("weights ") for line in out.splitlines())


def test_samples_are_passed_as_given_and_each_analysis_keeps_its_default(monkeypatch):
    """--samples 10000 reaches --choices as 10,000 (it used to be read as "left at the default": 1,000),
    and without --samples neither --choices nor --smaa is told a count, so each uses its own default."""
    import rubric.analysis.acceptability as acceptability
    import rubric.analysis.uncertainty as uncertainty

    seen = []

    def record(*args, **kwargs):
        seen.append(kwargs.get("samples"))
        return uncertainty.ChoicesResult("r", (), {}, (), (), (), (), (), 0, 0)

    monkeypatch.setattr(uncertainty, "choices", record)
    monkeypatch.setattr(acceptability, "smaa", record)
    for analysis in ("--choices", "--smaa"):
        assert main(["sensitivity", analysis, "--samples", "10000", "--rubric", "open-source-ai"]) == 0
        assert main(["sensitivity", analysis, "--rubric", "open-source-ai"]) == 0
    assert seen == [10_000, None, 10_000, None]


@settings(max_examples=15, deadline=None)
@given(problems(uncertain=False))
def test_indices_with_the_weights_drawn_lie_in_the_unit_interval(rows):
    """With the weights one more (grouped) input, the indices still lie in [0, 1] and Σ first order ≤ 1."""
    result = choices(build(rows), samples=300, seed=5, drop=True, around_scheme=True, spread=0.3)
    tolerance = 0.25  # 300 base samples of a step function: a loose bound on the sampling error
    assert "weights" in result.options
    assert all(-tolerance <= s <= 1 + tolerance for s in (*result.first, *result.total))
    assert sum(result.first) <= 1 + tolerance
