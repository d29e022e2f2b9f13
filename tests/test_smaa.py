"""SMAA-2: analytic cases, properties of the indices, constraints, determinism, errors."""

from __future__ import annotations

import io
from types import SimpleNamespace

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubric import hookimpl
from rubric.components import AggregationMethod
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme
from rubric.registry import create_registry
from rubric.constraints import ConstraintError, check_constraints, compile_constraints, constraint_problems
from rubric.smaa import SmaaError, progress_bar, smaa, smaa_core

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))


def plain_sum(matrix, weights, *, scale=None, criteria=None):
    """The weighted sum written as a plugin would, one sample at a time."""
    return [sum(w * x for w, x in zip(weights, row)) for row in matrix]


class PlainSumPlugin:
    """A test-local method: SMAA must call it per sample through the engine."""

    __name__ = "plain-sum-plugin"

    @hookimpl
    def rubric_aggregation_methods(self):
        return [AggregationMethod("plain-sum", plain_sum, description="test only")]


REGISTRY = create_registry(autoload=False, plugins=[PlainSumPlugin()])
TREE = {"ideological": ["transparency", "progress"], "geopolitical": ["misuse", "backdoors"]}


def build(cells, tree=None, weights=None, aggregation="weighted-sum", merge="mean"):
    """An evaluation of proposals p0, p1, … whose cells are scores, (score, low, high) or lists of raters.

    A list of raters holds (rater, score) or (rater, score, low, high) tuples.
    """
    tree = tree or {"g": [f"c{j}" for j in range(len(cells[0]))]}
    criteria = tuple(Criterion(c, g, c.title()) for g, cs in tree.items() for c in cs)
    groups = tuple(Group(g, g.title()) for g in tree)
    local = {} if weights is None else {**weights, **{g: sum(weights[c] for c in cs) for g, cs in tree.items()}}
    scheme = Scheme("s", "S", MethodChoice("direct", {"weights": local}), aggregation=MethodChoice(aggregation))
    rubric = Rubric("r", "R", "1", SCALE, groups, criteria, (scheme,), merge_raters=merge)
    proposals = [
        Proposal(f"p{i}", f"P{i}", assessments={"r": {c.id: ratings(cell) for c, cell in zip(criteria, row)}})
        for i, row in enumerate(cells)
    ]
    return evaluate(rubric, proposals, registry=REGISTRY)


def ratings(cell) -> tuple:
    if isinstance(cell, list):
        return tuple(Rating(r[0], r[1], low=r[2] if len(r) > 2 else None, high=r[3] if len(r) > 2 else None) for r in cell)
    if isinstance(cell, tuple):
        return (Rating("a", cell[0], low=cell[1], high=cell[2]),)
    return (Rating("a", cell),)


def within(value, expected, samples):
    """Within five standard errors of a proportion."""
    return abs(value - expected) <= 5 * np.sqrt(expected * (1 - expected) / samples) + 1e-12


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


# --- constraints -----------------------------------------------------------------------------------


def reference():
    cells = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]]
    return build(cells, tree=TREE)


def test_constraints_hold_for_the_central_weights():
    """Bounds and orderings are linear, so every central weight vector satisfies them too."""
    constraints = {
        "bounds": {"geopolitical": [0.3, 0.7], "transparency": [0.05, 0.5]},
        "order": ["geopolitical >= ideological", "misuse >= 2 * backdoors"],
    }
    result = smaa(reference(), constraints=constraints, samples=5_000, seed=11)
    for w in result.central_weights:
        if w is None:
            continue
        t, p, m, b = w
        assert 0.3 - 1e-9 <= m + b <= 0.7 + 1e-9 and 0.05 - 1e-9 <= t <= 0.5 + 1e-9
        assert m + b >= t + p - 1e-9 and m >= 2 * b - 1e-9
    assert 0 < result.acceptance < 1
    assert any("geopolitical >= ideological" in note for note in result.acceptability_table().notes)


def test_constraints_can_pin_a_group_and_leave_its_criteria_free():
    """Pinning a group's total samples its criteria uniformly within it, with no rejection."""
    result = smaa(reference(), constraints={"bounds": {"geopolitical": [0.6, 0.6]}}, samples=3_000)
    for w in result.central_weights:
        if w is not None:
            assert w[2] + w[3] == pytest.approx(0.6)
    assert result.acceptance == 1.0


def test_scheme_constraints_are_used_by_default():
    """A scheme carrying ``constraints`` is constrained unless the call passes others ({} for none)."""
    evaluation = reference()
    scheme = evaluation.results[0].scheme
    own = {"bounds": {"misuse": [0.7, 1.0]}}
    if "constraints" in attrs.fields_dict(type(scheme)):
        scheme = attrs.evolve(scheme, constraints=own)
    else:  # a model without the field yet: the same scheme with the attribute added
        scheme = SimpleNamespace(**attrs.asdict(scheme, recurse=False), constraints=own)
    constrained = attrs.evolve(evaluation, results=(attrs.evolve(evaluation.results[0], scheme=scheme),))
    # p1 is best on misuse, which now carries at least 70% of the weight.
    assert smaa(constrained, samples=2_000).acceptability[1][0] > 0.99
    assert smaa(constrained, samples=2_000, constraints={}).acceptability[1][0] < 0.6


def test_too_tight_constraints_are_refused_clearly():
    """Bounds that almost nothing satisfies stop with the acceptance rate, not an endless loop."""
    tight = {"bounds": {c: [0.2499, 0.2501] for c in ("transparency", "progress", "misuse")}}
    with pytest.raises(ConstraintError, match=r"accept .*%.*widen the bounds"):
        smaa(reference(), constraints=tight, samples=1_000)


def test_contradictory_orderings_are_refused():
    """Orderings that no weighting satisfies are reported as contradicting each other."""
    with pytest.raises(ConstraintError, match="contradict"):
        smaa(reference(), constraints={"order": ["misuse >= 0.6 * geopolitical", "backdoors >= 0.6 * geopolitical"]}, samples=100)


def constraint_keys(constraints):
    return [key for key, _ in constraint_problems(constraints, reference().rubric)]


def test_constraint_problems_name_the_key_and_what_was_found():
    """Each malformed entry is reported at its own key, saying what was expected and found."""
    rubric = reference().rubric
    problems = check_constraints(
        {
            "bounds": {"geopolitcal": [0.1, 0.2], "misuse": [0.8, 0.3], "progress": "high"},
            "order": ["misuse > backdoors", "misuse >= misuse", "misuse >= 0 * progress", 3],
            "limits": {},
        },
        rubric,
    )
    text = "\n".join(problems)
    assert "bounds.geopolitcal: no criterion or group has id 'geopolitcal'; did you mean 'geopolitical'?" in text
    assert "bounds.misuse: expected [low, high] with 0 <= low <= high <= 1, found [0.8, 0.3]" in text
    assert "bounds.progress: expected [low, high]" in text and "found 'high'" in text
    assert "order[0]: expected 'A >= B'" in text and "found 'misuse > backdoors'" in text
    assert "order[1]: expected two different criteria or groups" in text
    assert "order[2]: expected a positive finite factor, found 0" in text
    assert "order[3]: expected a string" in text and "found 3" in text
    assert "limits: expected `bounds` or `order`" in text


def test_constraint_problems_in_shape():
    """A constraints value that is not a table, or bounds and order of the wrong type."""
    assert constraint_keys("tight") == [""]
    assert constraint_keys({"bounds": [0.1, 0.2]}) == ["bounds"]
    assert constraint_keys({"order": "misuse >= backdoors"}) == ["order"]
    assert constraint_keys({}) == [] and constraint_keys(None) == []


def test_infeasible_bounds_are_found_without_sampling():
    """Bounds whose totals cannot meet are reported by the loader-time check."""
    problems = check_constraints({"bounds": {"misuse": [0.5, 1], "backdoors": [0.5, 1], "ideological": [0.2, 1]}}, reference().rubric)
    assert problems and problems[0].startswith("bounds: no weighting satisfies these bounds: the top-level weights must sum to 1")
    problems = check_constraints({"bounds": {"geopolitical": [0.1, 0.2], "misuse": [0.3, 0.4]}}, reference().rubric)
    assert problems and "group 'geopolitical'" in problems[0]
    assert check_constraints({"bounds": {"geopolitical": [0.5, 0.5], "misuse": [0.2, 0.3]}}, reference().rubric) == []


def test_valid_orderings_with_factors_compile():
    """'A >= 2 * B', '1.5 * A <= B' and group names compile to linear inequalities."""
    compiled = compile_constraints({"order": ["misuse >= 2 * backdoors", "1.5 * ideological <= geopolitical"]}, reference().rubric)
    (_, first), (_, second) = compiled.orders
    assert first == (0.0, 0.0, 1.0, -2.0)
    assert second == (-1.5, -1.5, 1.0, 1.0)
    with pytest.raises(ConstraintError, match="bounds.nothing"):
        compile_constraints({"bounds": {"nothing": [0, 1]}}, reference().rubric)


# --- the array core, arguments, progress ---------------------------------------------------------


def test_array_core_on_synthetic_data():
    """smaa_core works on bare arrays: values, optional intervals and a raters axis with NaN padding."""
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    arrays = smaa_core(values, samples=1_000, seed=0)
    assert arrays.acceptability.shape == (2, 2) and np.allclose(arrays.acceptability.sum(axis=0), 1)
    raters = np.array([[[2.0, -2.0]], [[1.0, np.nan]]])
    assert within(smaa_core(raters, samples=10_000).acceptability[0, 0], 0.5, 10_000)


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


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_draws_only_on_a_terminal_after_the_delay():
    """Nothing is written to a pipe, nor before the delay; on a terminal a bar ends its line at 100%."""
    pipe = io.StringIO()
    bar = progress_bar(stream=pipe, delay=0)
    bar(0.5), bar(1.0)
    assert pipe.getvalue() == ""
    early = FakeTerminal()
    bar = progress_bar(stream=early, delay=60)
    bar(0.5), bar(1.0)
    assert early.getvalue() == ""
    terminal = FakeTerminal()
    bar = progress_bar("SMAA", stream=terminal, delay=0, width=10)
    bar(0.5), bar(1.0)
    assert terminal.getvalue() == "\rSMAA [#####.....]  50%\rSMAA [##########] 100%\n"


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


@given(st.integers(1, 7), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_rank_counts_match_a_plain_count(n, samples, seed):
    """The batched tally (fast path, then tied samples shared out) equals counting sample by sample."""
    from rubric.smaa import _Tally

    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 4, (samples, n)).astype(float) / 2  # coarse: some samples tie, some do not
    weights = rng.dirichlet(np.ones(3), samples)
    tally = _Tally(n, 3)
    tally.add(scores, weights, 1e-9)
    ranks, first, central = np.zeros((n, n)), np.zeros(n), np.zeros((n, 3))
    for row, w in zip(scores, weights):
        position = 0
        for level in sorted(set(row), reverse=True):
            members = [i for i in range(n) if row[i] == level]
            for i in members:
                ranks[i, position : position + len(members)] += 1 / len(members)
                if position == 0:
                    first[i] += 1 / len(members)
                    central[i] += w / len(members)
            position += len(members)
    assert np.allclose(tally.ranks, ranks) and np.allclose(tally.first, first) and np.allclose(tally.central, central)
