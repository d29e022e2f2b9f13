"""SMAA-2 on an evaluation: analytic cases, properties of the indices, determinism, errors, tables."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.smaa_cases import build, plain_sum, within
from rubric import hookimpl
from rubric.analysis.acceptability import smaa
from rubric.analysis.array_core import smaa_core
from rubric.analysis.sampling import SmaaError
from rubric.components import AggregationMethod
from rubric.discovery import create_registry

# --- analytic cases --------------------------------------------------------------------------


def test_two_opposite_proposals_split_first_place():
    """A = (1, 0), B = (0, 1): A wins iff w1 > w2, half the simplex; its central weights are (3/4, 1/4)."""
    result = smaa(build([[1, 0], [0, 1]]), samples=20_000, seed=1)
    (a1, a2), (b1, b2) = result.acceptability
    assert within(a1, 0.5, 20_000) and a1 + b1 == pytest.approx(1.0)
    assert result.central_weights[0] == pytest.approx((0.75, 0.25), abs=0.01)
    assert result.central_weights[1] == pytest.approx((0.25, 0.75), abs=0.01)
    assert result.confidence == (1.0, 1.0)


def test_three_corners_share_first_place_equally():
    """Each of three proposals best on one criterion comes first a third of the time."""
    result = smaa(build([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), samples=30_000, seed=2)
    for row in result.acceptability:
        assert within(row[0], 1 / 3, 30_000)


def test_uniform_values_within_an_interval():
    """A ~ U(−1, 1) against B = 0.5 on one criterion: A is first with probability 1/4."""
    result = smaa(build([[(0, -1, 1)], [0.5]]), samples=40_000, seed=3)
    assert within(result.acceptability[0][0], 0.25, 40_000)


def test_triangular_values_use_the_score_as_mode():
    """A ~ Triangular(−1, 0, 1) against B = 0.5: P(A > 0.5) = 0.5² / 2 = 1/8."""
    result = smaa(build([[(0, -1, 1)], [0.5]]), samples=40_000, seed=4, score_distribution="triangular")
    assert within(result.acceptability[0][0], 0.125, 40_000)


def test_raters_are_picked_at_random_or_merged():
    """Raters at +2 and −2 against B = 1: picking a rater wins half the time; their mean (0) never does."""
    evaluation = build([[[("x", 2), ("y", -2)]], [1]])
    assert within(smaa(evaluation, samples=20_000, seed=5).acceptability[0][0], 0.5, 20_000)
    assert smaa(evaluation, samples=2_000, raters="merged").acceptability[0][0] == 0.0


def test_a_rater_interval_is_sampled_within_the_picked_rater():
    """One rater at exactly 1, another on [−2, 0]: A (vs B = 0.5) wins only with the first, half the time."""
    evaluation = build([[[("x", 1), ("y", -1, -2, 0)]], [0.5]])
    assert within(smaa(evaluation, samples=20_000, seed=6).acceptability[0][0], 0.5, 20_000)


def test_confidence_factor_reflects_value_uncertainty():
    """Exact values give confidence 1 to every winner; wide overlapping intervals lower it."""
    exact = smaa(build([[1, 0], [0, 1]]), samples=2_000)
    assert exact.confidence == (1.0, 1.0)
    vague = smaa(build([[(1, -2, 2), 0], [0, (1, -2, 2)]]), samples=5_000)
    assert all(0.0 < c < 1.0 for c in vague.confidence)


def test_never_first_has_no_central_weights():
    """A dominated proposal never comes first: no central weights and no confidence factor."""
    result = smaa(build([[1, 1], [0, 0]]), samples=1_000)
    assert result.acceptability[1] == (0.0, 1.0)
    assert result.central_weights[1] is None and result.confidence[1] is None
    assert result.central_weights_table().rows[1] == ("p1", 0.0, None, None)


# --- properties ---------------------------------------------------------------------------------

half_steps = st.sampled_from([x / 2 for x in range(-4, 5)])


@st.composite
def cells(draw):
    """A score, an interval around it, or two raters (one maybe with an interval)."""
    score = draw(half_steps)
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return score
    if kind == 1:
        return (score, max(-2.0, score - draw(st.sampled_from([0.5, 1.0]))), min(2.0, score + 0.5))
    other = draw(half_steps)
    return [("x", score), ("y", other, max(-2.0, other - 0.5), other)]


@st.composite
def problems(draw, uncertain=True):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 6))
    cell = cells() if uncertain else half_steps
    rows = [[draw(cell) for _ in range(m)] for _ in range(n)]
    if n > 1 and draw(st.booleans()):
        rows[-1] = list(rows[0])  # identical proposals tie in every sample
    return rows


@given(problems(), st.sampled_from(["uniform", "triangular"]), st.sampled_from(["weighted-sum", "plain-sum"]))
def test_acceptabilities_sum_to_one_per_proposal_and_per_rank(rows, distribution, method):
    """Every row and every column of the rank acceptability matrix sums to 1, ties included."""
    result = smaa(build(rows, aggregation=method), samples=300, seed=7, score_distribution=distribution)
    b = np.array(result.acceptability)
    assert b.shape == (len(rows), len(rows))
    assert np.allclose(b.sum(axis=1), 1.0) and np.allclose(b.sum(axis=0), 1.0)
    assert (b >= -1e-12).all()
    for weights, first in zip(result.central_weights, b[:, 0]):
        assert (weights is None) == (first == 0)
        if weights is not None:
            assert sum(weights) == pytest.approx(1.0) and min(weights) >= 0


@st.composite
def pinned_problems(draw):
    """Exact values and a weight vector (strictly positive) to pin the weights to."""
    rows = draw(problems(uncertain=False))
    raw = [draw(st.integers(1, 9)) for _ in rows[0]]
    weights = {f"c{j}": v / sum(raw) for j, v in enumerate(raw)}
    return rows, weights


@given(pinned_problems())
def test_pinned_weights_and_exact_values_reproduce_the_ranking(problem):
    """With no intervals and every weight pinned, SMAA gives the deterministic ranks with probability 1.

    Tied proposals share the ranks they span evenly, as the engine's shared rank says.
    """
    rows, weights = problem
    evaluation = build(rows, weights=weights)
    constraints = {"bounds": {c: [w, w] for c, w in weights.items()}}
    result = smaa(evaluation, samples=200, constraints=constraints)
    ranks = [int(r) for r in evaluation.results[0].ranks]
    for i, rank in enumerate(ranks):
        span = sum(1 for r in ranks if r == rank)
        expected = [1.0 / span if rank <= position + 1 < rank + span else 0.0 for position in range(len(ranks))]
        assert result.acceptability[i] == pytest.approx(expected)
        if rank == 1:
            assert result.central_weights[i] == pytest.approx([weights[c] for c in result.criteria])
            assert result.confidence[i] == pytest.approx(1.0 / span)


@given(problems(), st.integers(0, 2**32 - 1))
def test_same_seed_same_result(rows, seed):
    """Two runs with the same seed are identical, to the last digit."""
    evaluation = build(rows)
    first = smaa(evaluation, samples=200, seed=seed)
    assert smaa(evaluation, samples=200, seed=seed) == first
    assert first.to_records() == smaa(evaluation, samples=200, seed=seed).to_records()


def test_different_seeds_differ():
    """A different seed gives a different sample (so the seed is really used)."""
    evaluation = build([[(0, -2, 2), 1], [0, (0, -2, 2)], [1, 0]])
    assert smaa(evaluation, samples=500, seed=1).acceptability != smaa(evaluation, samples=500, seed=2).acceptability


@given(problems())
def test_per_sample_method_matches_the_vectorised_weighted_sum(rows):
    """A weighted sum called once per sample through the engine gives what the batched matrix product gives."""
    vectorised = smaa(build(rows), samples=200, seed=9)
    looped = smaa(build(rows, aggregation="plain-sum"), samples=200, seed=9)
    assert np.allclose(vectorised.acceptability, looped.acceptability)
    assert looped.method == "plain-sum"



def test_bad_arguments_are_refused():
    """Unknown distributions or rater models and non-positive sample counts raise SmaaError."""
    evaluation = build([[1, 0], [0, 1]])
    with pytest.raises(SmaaError, match="uniform, triangular"):
        smaa(evaluation, score_distribution="normal")
    with pytest.raises(SmaaError, match="samples"):
        smaa(evaluation, samples=0)
    with pytest.raises(SmaaError, match="pick, merged"):
        smaa(evaluation, raters="all")
    with pytest.raises(SmaaError, match="low <= score <= high"):
        smaa_core(np.array([[1.0]]), low=np.array([[2.0]]))


def test_progress_is_reported_up_to_one():
    """The progress callable sees fractions that never decrease and end at 1."""
    seen = []
    smaa(build([[(0, -1, 1), 1], [1, 0]]), samples=3_000, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_tables_and_records():
    """Three tables (acceptability in %, central weights, confidence) and one record per proposal."""
    result = smaa(build([[1, 0], [0, 1], [0.5, 0.5]]), samples=2_000)
    acceptability, central, confidence = result.tables()
    assert acceptability.headers == ("Proposal", "Scheme rank", "Rank 1", "Rank 2", "Rank 3")
    assert all(sum(row[2:]) == pytest.approx(100, abs=0.2) for row in acceptability.rows)
    assert central.headers == ("Proposal", "Rank 1 (%)", "c0", "c1")
    assert confidence.headers == ("Proposal", "Rank 1 (%)", "Confidence (%)")
    records = result.to_records()
    assert len(records) == 3 and {"rank_1", "rank_3", "central_weight_c0", "confidence", "seed"} <= set(records[0])
    assert "Rank acceptability" in str(result) and "2,000 samples" in repr(result)


def test_negative_seed_is_refused():
    """numpy seeds are whole numbers >= 0: a negative seed is an SmaaError saying so, not numpy's ValueError."""
    with pytest.raises(SmaaError, match="seed must be a whole number >= 0"):
        smaa(build([[1, 0], [0, 1]]), seed=-1)
    with pytest.raises(SmaaError, match="seed"):
        smaa_core(np.array([[1.0, 0.0]]), seed=1.5)


class Interrupted:
    """A progress callable that acts as Ctrl-C after ``after`` reports."""

    def __init__(self, after: int):
        self.after, self.seen = after, 0

    def __call__(self, fraction: float) -> None:
        self.seen += 1
        if self.seen > self.after:
            raise KeyboardInterrupt


@pytest.mark.parametrize("method", ["weighted-sum", "plain-sum"])
@pytest.mark.parametrize("after", [0, 1])
def test_ctrl_c_from_the_progress_callback_stops_the_run(method, after):
    """A KeyboardInterrupt raised by the progress callback leaves smaa at once, on the batched and per-sample paths."""
    progress = Interrupted(after)
    with pytest.raises(KeyboardInterrupt):
        smaa(build([[(0, -1, 1), 1], [1, 0]], aggregation=method), samples=50_000, progress=progress)
    assert progress.seen == after + 1


def test_ctrl_c_inside_a_method_is_not_reported_as_its_failure():
    """Plugin failures become PluginError, but Ctrl-C during a per-sample method call still stops the run."""
    state = {"armed": False, "calls": 0}

    def interrupted_sum(matrix, weights, *, scale=None, criteria=None):
        if state["armed"]:  # the evaluation's own calls go through; the first sample is interrupted
            state["calls"] += 1
            raise KeyboardInterrupt
        return plain_sum(matrix, weights)

    class Interrupting:
        __name__ = "interrupting-plugin"

        @hookimpl
        def rubric_aggregation_methods(self):
            return [AggregationMethod("interrupted-sum", interrupted_sum)]

    registry = create_registry(autoload=False, plugins=[Interrupting()])
    evaluation = build([[1, 0], [0, 1]], aggregation="interrupted-sum", registry=registry)
    state["armed"] = True
    with pytest.raises(KeyboardInterrupt):
        smaa(evaluation, samples=100)
    assert state["calls"] == 1
