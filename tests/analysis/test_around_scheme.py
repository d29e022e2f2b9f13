"""SMAA around a scheme's own weights: analytic cases, the two properties, the heading, the command line."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.smaa_cases import build, within
from analysis.test_acceptability import pinned_problems, problems
from rubric.analysis.acceptability import smaa
from rubric.analysis.sampling import AroundSampler, SmaaError
from rubric.cli import main


def test_dirichlet_around_seventy_thirty():
    """A = (1, 0), B = (0, 1), weights (0.7, 0.3), concentration 10: w1 ~ Beta(7, 3).

    A is first iff w1 > 1/2.  For whole a, b, I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a), so
    P(w1 ≤ 1/2) = P(Bin(9, 1/2) ≥ 7) = (36 + 9 + 1) / 512 and P(A first) = 466/512 = 0.91016.
    """
    evaluation = build([[1, 0], [0, 1]], weights={"c0": 0.7, "c1": 0.3})
    result = smaa(evaluation, samples=40_000, seed=3, around_scheme=True, concentration=10)
    assert within(result.acceptability[0][0], 466 / 512, 40_000)
    assert result.weight_mode == "dirichlet"


def test_spread_around_sixty_forty():
    """A = (1, 0), B = (0, 1), weights (0.6, 0.4), spread 0.5: A first iff 0.6·u1 > 0.4·u2, u ~ U(0.5, 1.5).

    With x = u1 − 0.5, y = u2 − 0.5 on the unit square, B wins where y ≥ 1.5x + 0.25:
    ∫₀^½ (0.75 − 1.5x) dx = 0.1875, so P(A first) = 0.8125.
    """
    evaluation = build([[1, 0], [0, 1]], weights={"c0": 0.6, "c1": 0.4})
    result = smaa(evaluation, samples=40_000, seed=4, around_scheme=True, spread=0.5)
    assert within(result.acceptability[0][0], 0.8125, 40_000)


def test_the_dirichlet_is_centred_on_the_scheme_and_keeps_zero_weights():
    """The mean of Dirichlet draws with parameters c·w is w; a zero weight is never drawn above zero."""
    centre = np.array([0.5, 0.3, 0.2, 0.0])
    draws = AroundSampler(centre, concentration=50).draw(np.random.default_rng(0), 40_000)
    assert np.allclose(draws.sum(axis=1), 1.0) and (draws[:, 3] == 0).all()
    # Standard error of each mean: sqrt(w(1 − w)/(c + 1)/n) < 4e-4.
    assert draws.mean(axis=0) == pytest.approx(centre, abs=2e-3)


@given(problems(), st.sampled_from([("concentration", 5.0), ("concentration", 200.0), ("spread", 0.3)]))
def test_acceptabilities_around_a_scheme_sum_to_one(rows, option):
    """Every row and every rank column of the acceptability matrix sums to 1 around a scheme too."""
    result = smaa(build(rows), samples=200, seed=11, around_scheme=True, **dict([option]))
    b = np.array(result.acceptability)
    assert np.allclose(b.sum(axis=1), 1.0) and np.allclose(b.sum(axis=0), 1.0)


@given(pinned_problems())
def test_zero_spread_gives_the_scheme_ranking_with_probability_one(problem):
    """With exact values and spread 0, every sample is the scheme itself: its ranks, ties shared evenly."""
    rows, weights = problem
    evaluation = build(rows, weights=weights)
    result = smaa(evaluation, samples=100, around_scheme=True, spread=0.0)
    ranks = [int(r) for r in evaluation.results[0].ranks]
    for i, rank in enumerate(ranks):
        span = ranks.count(rank)
        expected = [1.0 / span if rank <= position + 1 < rank + span else 0.0 for position in range(len(ranks))]
        assert result.acceptability[i] == pytest.approx(expected)


def test_bad_around_options_are_refused():
    """Both a concentration and a spread, a spread outside [0, 1), or either without around_scheme."""
    evaluation = build([[1, 0], [0, 1]])
    for kwargs in (
        {"around_scheme": True, "concentration": 5, "spread": 0.1},
        {"around_scheme": True, "spread": 1.0},
        {"around_scheme": True, "concentration": 0},
        {"spread": 0.2},
    ):
        with pytest.raises(SmaaError):
            smaa(evaluation, samples=10, **kwargs)


def test_the_heading_says_which_run(capsys):
    """The command line's titles name the mode, the concentration, the scheme, the samples and the seed."""
    code = main(["sensitivity", "--smaa", "--around-scheme", "--concentration", "40", "--samples", "500", "--seed", "3",
                 "--rubric", "open-source-ai", "--scheme", "balanced"])
    out = capsys.readouterr().out
    assert code == 0
    assert "around scheme 'balanced' (Dirichlet, concentration 40; 500 samples, seed 3)" in out
    assert main(["sensitivity", "--smaa", "--spread", "0.2", "--rubric", "open-source-ai"]) == 2
    assert "--around-scheme" in capsys.readouterr().err
