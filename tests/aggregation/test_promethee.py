"""PROMETHEE II: the sort-based flows against a pairwise reference, and by hand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubric.aggregation import promethee
from rubric.aggregation.promethee import (
    METHOD,
    Preference,
    check_params,
    net_flows,
    parse_preference,
    promethee_ii,
)
from rubric.model import Criterion, Scale
from strategies import cases, preference_specs

PM2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def preference_degree(d, pref: Preference, tol: float = 0.0):
    """P(d) for an array of differences, straight from Brans & Vincke's definitions.

    ``tol`` widens the steps as the method does: d must exceed a step's
    threshold by more than ``tol``.
    """
    if pref.function == "usual":
        return (d > tol).astype(float)
    if pref.function == "u-shape":
        return (d > pref.q + tol).astype(float)
    if pref.function == "v-shape":
        return np.where(d > pref.p, 1.0, np.where(d > 0, d / pref.p, 0.0))
    if pref.function == "level":
        return np.where(d > pref.p + tol, 1.0, np.where(d > pref.q + tol, 0.5, 0.0))
    if pref.function == "linear":
        return np.where(d > pref.p, 1.0, np.where(d > pref.q, (d - pref.q) / (pref.p - pref.q), 0.0))
    return np.where(d > 0, 1.0 - np.exp(-(d * d) / (2 * pref.s**2)), 0.0)


def pairwise_net_flows(matrix, weights, preferences, tol=0.0):
    """The textbook O(n²·m) computation: every π(a, b), then φ = Σ_b (π(a,b) − π(b,a))/(n − 1)."""
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float) / np.sum(weights)
    n = x.shape[0]
    pi = np.zeros((n, n))
    for j, pref in enumerate(preferences):
        d = x[:, j, None] - x[None, :, j]
        pi += w[j] * preference_degree(d, pref, tol)
    return (pi.sum(axis=1) - pi.sum(axis=0)) / (n - 1) if n > 1 else np.zeros(n)


ALL_FUNCTIONS = [
    Preference("usual"),
    Preference("u-shape", q=0.4),
    Preference("v-shape", p=1.3),
    Preference("level", q=0.3, p=1.1),
    Preference("linear", q=0.25, p=1.75),
    Preference("gaussian", s=0.8),
]


@pytest.mark.parametrize("pref", ALL_FUNCTIONS, ids=lambda p: p.function)
@pytest.mark.parametrize("data", ["continuous", "levels"])
def test_sort_based_flows_match_pairwise_reference(pref, data):
    """On random 300×6 matrices (seeded), each function's flows equal the pairwise ones to 1e-12.

    "levels" draws values on the half-levels of −2…+2, so many values tie and
    many differences fall exactly on a threshold.
    """
    rng = np.random.default_rng(20251123)
    if data == "continuous":
        x = rng.uniform(-2, 2, size=(300, 6))
    else:
        x = rng.integers(-4, 5, size=(300, 6)) / 2
    w = rng.dirichlet(np.ones(6))
    fast = net_flows(x, w, [pref] * 6)
    slow = pairwise_net_flows(x, w, [pref] * 6)
    assert np.max(np.abs(fast - slow)) < 1e-12


def test_mixed_functions_match_pairwise_reference():
    """One function per column, all six at once, 400 rows on a 0.1 grid: equal to 1e-12.

    On this grid differences such as 1.1 − 0.7 land a rounding error away from
    the thresholds 0.3 and 1.1, so both computations widen the steps by the
    same tolerance.
    """
    rng = np.random.default_rng(7)
    x = np.round(rng.uniform(-2, 2, size=(400, 6)), 1)
    w = rng.dirichlet(np.ones(6))
    fast = net_flows(x, w, ALL_FUNCTIONS, tolerance=4e-9)
    assert np.max(np.abs(fast - pairwise_net_flows(x, w, ALL_FUNCTIONS, tol=4e-9))) < 1e-12


def test_rounding_never_turns_indifference_into_preference():
    """u-shape q = 0.4: 1.1 − 0.7 is 0.4 (not 0.40000000000000013), so neither is preferred."""
    s = promethee_ii([[1.1], [0.7]], [1], scale=PM2, preference={"function": "u-shape", "q": 0.4})
    assert list(s) == [0.0, 0.0]
    t = promethee_ii([[0.1 + 0.2], [0.3]], [1], scale=PM2)
    assert list(t) == [0.0, 0.0]


@settings(max_examples=200)
@given(case=cases(max_proposals=12, max_criteria=4), data=st.data())
def test_flows_match_pairwise_reference_on_generated_cases(case, data):
    """Any small case, any valid preference functions (thresholds up to the scale's width): 1e-12.

    Both sides widen the steps by the method's tolerance: without it, a
    difference such as 1 − (−1e-246) rounds to exactly 1 = p while
    −1e-246 < 1 − p, and the two computations would honestly disagree.
    """
    width = float(case.scale.max - case.scale.min)
    specs = [data.draw(preference_specs(width=width)) for _ in case.weights]
    prefs = [parse_preference(spec) for spec in specs]
    tol = promethee.THRESHOLD_TOLERANCE * width
    fast = net_flows(case.matrix, case.weights, prefs, tolerance=tol)
    slow = pairwise_net_flows(case.matrix, case.weights, prefs, tol=tol)
    assert np.max(np.abs(fast - slow), initial=0.0) < 1e-12 * max(1.0, width)
    assert abs(fast.sum()) < 1e-9


def test_gaussian_chunks_do_not_change_the_result(monkeypatch):
    """The Gaussian's chunked pairwise part gives the same flows with chunks of 7 values or one."""
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, size=(250, 2))
    prefs = [Preference("gaussian", s=0.5), Preference("gaussian", s=2.0)]
    whole = net_flows(x, [0.5, 0.5], prefs)
    monkeypatch.setattr(promethee, "CHUNK_ELEMENTS", 7 * 250)
    assert np.max(np.abs(net_flows(x, [0.5, 0.5], prefs) - whole)) < 1e-13


# Brans, Vincke & Mareschal (1986), the six alternatives and six criteria of the
# worked example, with the preference function the paper gives each criterion.
BVM_MATRIX = np.array(
    [
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ]
)
BVM_SENSE = np.array([-1, 1, -1, -1, -1, 1])  # manpower, power, cost, maintenance, villages: min; security: max
BVM_PREFERENCES = [
    Preference("u-shape", q=10),
    Preference("v-shape", p=30),
    Preference("linear", q=0.5, p=5),
    Preference("level", q=1, p=6),
    Preference("usual"),
    Preference("gaussian", s=5),
]


def test_brans_vincke_mareschal_1986_example():
    """Brans, J.-P., Vincke, Ph., Mareschal, B. (1986) How to select and how to rank projects:
    the PROMETHEE method, EJOR 24(2):228-238 — the data of its example (six alternatives;
    manpower, power, construction cost, maintenance cost, villages to evacuate, security;
    one preference function of each type), with equal weights.

    The paper's table of flows could not be checked here, so the figures
    asserted are worked by hand for two criteria and otherwise come from the
    pairwise reference above, not from the paper:

    * villages (usual, to minimise): 8, 1, 4, 7, 3, 5 — each alternative's
      (number it beats − number that beat it) is −5, 5, 1, −3, 3, −1, and
      over n − 1 = 5 the unicriterion flows are −1, 1, 0.2, −0.6, 0.6, −0.2;
    * manpower (u-shape, q = 10, to minimise): 80, 65, 83, 40, 52, 94 — a
      beats b where b needs more than 10 more people: balances −2, 1, −2, 5,
      3, −5, flows −0.4, 0.2, −0.4, 1, 0.6, −1.

    Net flows with equal weights: −0.1457, 0.0172, −0.0895, −0.0200, 0.2929,
    −0.0549 (a5 first).
    """
    x = BVM_MATRIX * BVM_SENSE
    assert net_flows(x[:, [4]], [1], [Preference("usual")]).tolist() == pytest.approx(
        [-1, 1, 0.2, -0.6, 0.6, -0.2], abs=1e-12
    )
    assert net_flows(x[:, [0]], [1], [Preference("u-shape", q=10)]).tolist() == pytest.approx(
        [-0.4, 0.2, -0.4, 1, 0.6, -1], abs=1e-12
    )
    flows = net_flows(x, [1] * 6, BVM_PREFERENCES)
    assert np.max(np.abs(flows - pairwise_net_flows(x, [1] * 6, BVM_PREFERENCES))) < 1e-12
    assert np.round(flows, 4).tolist() == [-0.1457, 0.0172, -0.0895, -0.0200, 0.2929, -0.0549]


def test_hand_computed_linear():
    """Linear, q = 0.5, p = 1.5, one criterion, values 2, 1, −1.

    Pairs: 2 over 1 by d = 1 → (1 − 0.5)/1 = 0.5; 2 over −1 by 3 → 1; 1 over
    −1 by 2 → 1.  Balances 1.5, 1 − 0.5 = 0.5, −2; φ = balance/2 = 0.75,
    0.25, −1; on −2…+2 the score is 2φ: 1.5, 0.5, −2.
    """
    params = {"preference": {"function": "linear", "q": 0.5, "p": 1.5}}
    assert list(promethee_ii([[2], [1], [-1]], [1], scale=PM2, **params)) == pytest.approx([1.5, 0.5, -2.0], abs=1e-12)


def test_hand_computed_gaussian():
    """Gaussian, s = 1, values 1 and 0: P(1) = 1 − e^(−1/2) = 0.393469, so φ = ±0.393469."""
    s = promethee_ii([[1], [0]], [1], scale=PM2, preference={"function": "gaussian", "s": 1})
    p = 1 - np.exp(-0.5)
    assert list(s) == pytest.approx([2 * p, -2 * p], abs=1e-12)


def test_per_criterion_functions_need_the_criteria():
    """per_criterion settings apply by criterion id; without the ids they are refused."""
    rows = [[2, 0.2], [1, 0.0], [-1, 0.1]]
    per = {"misuse": {"function": "u-shape", "q": 0.5}}
    with pytest.raises(ValueError, match="need the criterion of every column"):
        promethee_ii(rows, [0.5, 0.5], scale=PM2, per_criterion=per)
    ids = ["openness", "misuse"]
    by_id = promethee_ii(rows, [0.5, 0.5], scale=PM2, per_criterion=per, criteria=ids)
    by_object = promethee_ii(
        rows, [0.5, 0.5], scale=PM2, per_criterion=per, criteria=[Criterion(i, "g", i) for i in ids]
    )
    expected = 2 * net_flows(rows, [0.5, 0.5], [Preference("usual"), Preference("u-shape", q=0.5)])
    assert list(by_id) == pytest.approx(list(expected), abs=1e-12)
    assert list(by_object) == list(by_id)
    # On misuse the differences (≤ 0.2) are all within q, so only openness counts.
    assert list(by_id) == pytest.approx([1.0, 0.0, -1.0], abs=1e-12)


def test_large_field_runs_in_one_sort_per_criterion():
    """100,000 proposals × 3 criteria (linear): flows sum to 0 and lie in [−1, 1]."""
    rng = np.random.default_rng(11)
    x = rng.uniform(-2, 2, size=(100_000, 3))
    flows = net_flows(x, [0.2, 0.3, 0.5], [Preference("linear", q=0.2, p=1.0)] * 3)
    assert abs(flows.sum()) < 1e-8
    assert flows.min() >= -1 and flows.max() <= 1


def test_single_proposal_scores_the_middle():
    """With one proposal there is nothing to outrank: φ = 0, the middle of the scale."""
    assert list(promethee_ii([[2, -2]], [0.5, 0.5], scale=PM2)) == [0.0]


CRITERIA = (Criterion("openness", "values", "Openness"), Criterion("misuse", "risks", "Misuse"))
#: check_params reads only the rubric's criteria.
RUBRIC = SimpleNamespace(criteria=CRITERIA)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"preference": "usual", "per_criterion": {}}, []),
        ({"preference": "lineal"}, [("preference.function", "unknown preference function 'lineal'")]),
        ({"preference": {"function": "linear", "q": 1}}, [("preference", "linear needs q and p; 'p' is missing")]),
        ({"preference": {"function": "linear", "q": 1, "p": 1}}, [("preference.p", "p of linear must be above q")]),
        ({"preference": {"function": "gaussian", "s": 0}}, [("preference.s", "s of gaussian must be above 0")]),
        ({"preference": {"function": "usual", "q": 1}}, [("preference.q", "usual takes no thresholds, not 'q'")]),
        ({"preference": {"function": "u-shape", "q": -1}}, [("preference.q", "q must be a number at least 0")]),
        ({"preference": {"q": 1}}, [("preference.function", "a preference function needs `function`")]),
        ({"per_criterion": {"mis-use": "usual"}}, [("per_criterion.mis-use", "no criterion 'mis-use'")]),
        (
            {"per_criterion": {"misuse": {"function": "v-shape"}}},
            [("per_criterion.misuse", "v-shape needs p; 'p' is missing")],
        ),
        ({"per_criterion": ["usual"]}, [("per_criterion", "must be a table keyed by criterion id")]),
    ],
)
def test_check_params(params, expected):
    """Each problem is reported under the key path that holds it."""
    problems = check_params(params, RUBRIC)
    assert [key for key, _ in problems] == [key for key, _ in expected]
    for (_, message), (_, fragment) in zip(problems, expected):
        assert fragment in message


def test_defaults_are_valid_and_bad_settings_fail_at_call_time():
    """The declared defaults pass check_params; a bad setting raises ValueError when aggregating."""
    assert check_params(dict(METHOD.params), RUBRIC) == []
    with pytest.raises(ValueError, match="unknown preference function"):
        promethee_ii([[0]], [1], scale=PM2, preference="lineal")
