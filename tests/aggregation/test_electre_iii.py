"""ELECTRE III: credibility by hand, distillations against a public test suite, incomparability kept."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from rubric.aggregation.electre_iii import (
    METHOD,
    check_params,
    distil,
    electre_iii,
    final_preorder,
    incomparable_pairs,
    preorder_shares,
)
from rubric.aggregation.outranking import Thresholds, credibility
from rubric.model import Scale

PM2 = Scale(-2, 2, ("--", "-", "0", "+", "++"))
RUBRIC = SimpleNamespace(criteria=[SimpleNamespace(id="misuse"), SimpleNamespace(id="openness")])

#: Credibility matrices from the ELECTRE III distillation tests of the `mcda` package
#: (Poznań University of Technology, tests/outranking/test_distillation.py in
#: github.com/PatrykHub/ELECTRE-Methods), diagonal ignored.
MCDA_5 = np.array(
    [
        [1.0, 0.0, 1.0, 0.8, 1.0],
        [0.0, 1.0, 0.0, 0.9, 0.67],
        [0.6, 0.0, 1.0, 0.6, 0.8],
        [0.25, 0.8, 0.67, 1.0, 0.85],
        [0.67, 0.0, 0.8, 0.8, 1.0],
    ]
)
MCDA_12 = np.array(
    [
        [1.0, 1.0, 0.9977, 0.606, 1.0, 0.9977, 0.8175, 1.0, 0.803, 0.8775, 0.548, 0.5318],
        [1.0, 1.0, 0.9977, 0.4047, 0.9973, 0.9816, 0.7762, 1.0, 0.6612, 0.8775, 0.4951, 0.443],
        [0.7734, 0.8946, 1.0, 0.2775, 0.8041, 0.8014, 0.6083, 0.916, 0.499, 0.8775, 0.382, 0.3598],
        [0.85, 0.85, 0.9317, 1.0, 0.85, 0.9317, 0.7739, 0.916, 0.8742, 0.8775, 0.7464, 0.7912],
        [0.9786, 0.9854, 0.9977, 0.5903, 1.0, 0.9816, 0.7184, 1.0, 0.7288, 0.8775, 0.4546, 0.3839],
        [0.8946, 0.9014, 1.0, 0.5999, 0.916, 1.0, 0.7488, 0.916, 0.7128, 0.8775, 0.464, 0.464],
        [1.0, 1.0, 1.0, 0.691, 1.0, 1.0, 1.0, 1.0, 0.803, 0.8775, 0.6875, 0.6875],
        [0.5299, 0.7279, 0.7849, 0.2795, 0.7057, 0.5066, 0.3148, 1.0, 0.3638, 0.8118, 0.2394, 0.1979],
        [0.8692, 0.934, 1.0, 0.773, 0.9352, 0.9352, 0.7297, 1.0, 1.0, 0.8775, 0.7647, 0.8393],
        [0.5803, 0.8033, 0.9186, 0.3486, 0.7385, 0.5779, 0.4384, 0.916, 0.5775, 1.0, 0.4959, 0.3625],
        [0.8692, 0.934, 0.9317, 0.773, 0.8692, 0.8669, 0.8669, 1.0, 0.9688, 1.0, 1.0, 0.9977],
        [0.8692, 0.934, 0.9537, 0.7835, 0.8822, 0.8822, 0.8692, 1.0, 0.993, 1.0, 1.0, 1.0],
    ]
)


def _named(classes, prefix):
    return [sorted(f"{prefix}{i + 1}" for i in members) for members in classes]


def _off_diagonal(m):
    m = m.copy()
    np.fill_diagonal(m, 0.0)
    return m


def test_distillations_of_the_mcda_five_alternatives():
    """mcda's expected classes: descending P1 | P2 | P3 P4 P5; ascending (best first) P1 P2 | P4 | P3 P5.

    Checked by hand too: at λ₀ = 1 the cut is 0.8 (the largest σ below 1 − s(1) = 0.85);
    P1 outranks P3 and P5 there, so qualifications are 2, 0, −1, 0, −1.
    """
    sigma = _off_diagonal(MCDA_5)
    assert _named(distil(sigma), "P") == [["P1"], ["P2"], ["P3", "P4", "P5"]]
    assert _named(distil(sigma, descending=False), "P") == [["P1", "P2"], ["P4"], ["P3", "P5"]]


def test_distillations_of_the_mcda_twelve_alternatives():
    """mcda's expected classes for its twelve-alternative credibility matrix, both distillations."""
    sigma = _off_diagonal(MCDA_12)
    assert _named(distil(sigma), "V") == [
        ["V11", "V12"],
        ["V4", "V7"],
        ["V9"],
        ["V1", "V6"],
        ["V5"],
        ["V2"],
        ["V10", "V3", "V8"],
    ]
    assert _named(distil(sigma, descending=False), "V") == [
        ["V11", "V12", "V4"],
        ["V7", "V9"],
        ["V1"],
        ["V2", "V5", "V6"],
        ["V10"],
        ["V3"],
        ["V8"],
    ]


def test_credibility_and_ranking_by_hand():
    """Weights 0.6, 0.4; q = 0.5, p = 1.5, v = 3 on both; a = (2, −2), b = (0, 1), c = (1, 0).

    σ(a, b): criterion 1 concords (Δ = −2 ≤ q), criterion 2 is 3 behind (c = 0,
    d = 1: veto) → 0.  σ(b, a): C = 0.4 (criterion 2), d₁ = (2 − 1.5)/1.5 = ⅓ < C → 0.4.
    σ(a, c) = 0.6 (d₂ = ⅓ < 0.6); σ(c, a): c₁ = (1.5 − 1)/1 = ½ → C = 0.3 + 0.4 = 0.7;
    σ(b, c) = 0.3 + 0.4 = 0.7; σ(c, b) = 0.6 + 0.2 = 0.8.

    Descending: λ₀ = 0.8, cut 0.6 (largest below 0.62): nobody outranks (differences
    0.1 < s); next cut 0 (nothing below 0.39): b outranks a (0.4 − 0 > s(0.4) = 0.24),
    qualifications a −1, b 1, c 0 → b | a c.  Ascending: a is worst, then b and c tie
    (0.8 − 0.7 < s(0.8)) → b c | a.  Final: b ≻ c ≻ a, scores 2, 0, −2.
    """
    t = Thresholds(0.5, 1.5, 3.0)
    x = np.array([[2.0, -2.0], [0.0, 1.0], [1.0, 0.0]])
    sigma = credibility(x, x, [0.6, 0.4], [t, t])
    np.fill_diagonal(sigma, 0.0)
    expected = [[0, 0, 0.6], [0.4, 0, 0.7], [0.7, 0.8, 0]]
    assert np.allclose(sigma, expected, rtol=0, atol=1e-12)
    params = {"thresholds": {"q": 0.5, "p": 1.5, "v": 3}}
    assert list(electre_iii(x, [0.6, 0.4], scale=PM2, **params)) == pytest.approx([-2.0, 2.0, 0.0], abs=1e-12)
    assert incomparable_pairs(x, [0.6, 0.4], scale=PM2, **params) == []


def test_incomparability_is_reported_not_broken():
    """σ = [[0, .1, 1], [.8, 0, .1], [.7, .3, 0]] for a, b, c (worked by hand).

    Descending: λ₀ = 1, cut 0.8; a outranks c (1 − 0.7 > s(1) = 0.15) → a | b c
    (between b and c, 0.3 − 0.1 < s(0.3) = 0.255).  Ascending: c is worst at 0.8;
    of a and b, at cut 0.1 b outranks a (0.8 − 0.1 > 0.18) → b | a | c.  a is
    better placed descending, b ascending: a ∥ b; both are preferred to c.
    The display scores of a and b are equal (each preferred to one, below none),
    and the pair is returned as incomparable, not ordered.
    """
    sigma = np.array([[0, 0.1, 1.0], [0.8, 0, 0.1], [0.7, 0.3, 0]])
    down, up = final_preorder(sigma)
    assert (down, up) == ([0, 1, 1], [1, 0, 2])
    shares, pairs = preorder_shares(down, up)
    assert shares.tolist() == pytest.approx([0.75, 0.75, 0.0]) and pairs == [(0, 1)]


def test_vetoes_both_ways_give_indifference():
    """a = (2, −2), b = (−2, 2), c = (−2, −2), equal weights, q = 0, p = 1, v = 2.

    Each criterion vetoes the proposal 4 behind on it: σ(a, b) = σ(b, a) = 0,
    so a and b share a class in both distillations — indifferent (equal
    scores), not incomparable.  σ(a, c) = 1 (c is nowhere ahead) and σ(c, a) = 0
    (veto), likewise for b: both are preferred to c.
    """
    x = [[2, -2], [-2, 2], [-2, -2]]
    params = {"thresholds": {"q": 0, "p": 1, "v": 2}}
    scores = list(electre_iii(x, [1, 1], scale=PM2, **params))
    assert scores == pytest.approx([1.0, 1.0, -2.0])
    assert incomparable_pairs(x, [1, 1], scale=PM2, **params) == []


def test_a_zero_weight_criterion_can_still_veto():
    """Weights (1, 0), q = 0, p = 0.5, v = 1; a = (2, −2), b = (0, 2).

    Without the veto a outranks b (σ = 1 against 0) and scores 2 to −2; with it,
    criterion 2 (weight 0) is 4 behind, d = 1, so σ(a, b) = 0 and the two tie.
    """
    x = [[2, -2], [0, 2]]
    plain = {"thresholds": {"q": 0, "p": 0.5}}
    veto = {"thresholds": {"q": 0, "p": 0.5, "v": 1}}
    assert list(electre_iii(x, [1, 0], scale=PM2, **plain)) == pytest.approx([2, -2])
    assert list(electre_iii(x, [1, 0], scale=PM2, **veto)) == pytest.approx([0, 0])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"thresholds": {"q": 1, "p": 0.5}}, [("thresholds.q", "must not exceed the preference threshold, got q=1 > p=0.5")]),
        ({"thresholds": {"p": 1, "v": 0.5}}, [("thresholds.v", "must not be below the preference threshold, got p=1 > v=0.5")]),
        ({"thresholds": {"q": -1}}, [("thresholds.q", "q must be a number at least 0 (in scale units), got -1")]),
        ({"per_criterion": {"misuze": {"q": 0}}}, [("per_criterion.misuze", "no criterion 'misuze' in this rubric")]),
        ({"per_criterion": {"misuse": {"q": 2, "p": 1}}}, [("per_criterion.misuse.q", "got q=2 > p=1")]),
        ({"thresholds": {"w": 1}}, [("thresholds.w", "thresholds take q, p and v, not 'w'")]),
        ({"alpha": 1.2}, [("alpha", "s(λ) = alpha + beta·λ must lie in [0, 1)")]),
    ],
)
def test_check_params(params, expected):
    """Bad thresholds are located under their key, saying what was expected and found."""
    problems = check_params(params, RUBRIC)
    assert [key for key, _ in problems] == [key for key, _ in expected]
    for (_, message), (_, part) in zip(problems, expected):
        assert part in message


def test_declares_its_partial_order():
    """The method declares the incomparable capability and a batched form."""
    assert METHOD.incomparable is incomparable_pairs and METHOD.batched is not None


def test_the_pairs_after_the_scores_reuse_the_distillation(monkeypatch):
    """The engine's second call (incomparable pairs of the same matrix) is not a second distillation."""
    from rubric.aggregation import electre_iii as module

    calls = []
    original = module.final_preorder
    monkeypatch.setattr(module, "final_preorder", lambda sigma, **kw: calls.append(1) or original(sigma, **kw))
    x, params = [[2, -1], [0, 1], [-1, 0], [1.25, 1]], {"thresholds": {"q": 0.5, "p": 1, "v": 3}}
    electre_iii(x, [1, 2], scale=PM2, **params)
    incomparable_pairs(x, [1, 2], scale=PM2, **params)
    assert len(calls) == 1
