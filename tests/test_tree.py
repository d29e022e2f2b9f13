"""The value tree: every group's sub-score, and groups that aggregate their own way (hand computations)."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.errors import InputError
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme
from rubric.tree import depths, preorder
from rubric.weights import flatten_weights, weight_warnings, with_leaf_sums

UNIT = Scale(0, 1, ("worst", "best"))
GROUPS = (
    Group("health", "Health"),
    Group("knowledge", "Knowledge"),
    Group("schooling", "Schooling", parent="knowledge"),
    Group("income", "Income"),
)
CRITERIA = (
    Criterion("life", "health", "Life expectancy index"),
    Criterion("expected", "schooling", "Expected years index"),
    Criterion("mean", "schooling", "Mean years index"),
    Criterion("gni", "income", "Income index"),
)


def tree_rubric(aggregation: MethodChoice, by_group=None, weights=None) -> Rubric:
    scheme = Scheme("s", "S", MethodChoice("direct", {"weights": weights or {}}), aggregation, by_group=by_group or {})
    return Rubric("dev", "Dev", "1", UNIT, GROUPS, CRITERIA, (scheme,))


def proposal(pid: str, rubric: Rubric, **scores) -> Proposal:
    return Proposal(pid, pid, assessments={rubric.id: {c: (Rating("x", s),) for c, s in scores.items()}})


@pytest.fixture(scope="module")
def registry():
    return create_registry(autoload=False)


def test_depths_and_preorder():
    """A sub-group is at depth 2 and is laid out right after its parent."""
    rubric = tree_rubric(MethodChoice("weighted-sum"))
    assert depths(rubric) == {"health": 1, "knowledge": 1, "schooling": 2, "income": 1}
    assert [g.id for g in preorder(rubric)] == ["health", "knowledge", "schooling", "income"]
    assert [g.id for g in preorder(rubric, 1)] == ["health", "knowledge", "income"]


def test_nested_group_has_its_sub_score(registry):
    """Equal weights at every level: schooling = (0.8 + 0.6)/2 = 0.7, knowledge the same, total (0.9+0.7+0.5)/3 = 0.7."""
    rubric = tree_rubric(MethodChoice("weighted-sum"))
    ev = evaluate(rubric, [proposal("p", rubric, life=0.9, expected=0.8, mean=0.6, gni=0.5)], registry=registry)
    result = ev.result()
    assert result.groups["schooling"][0] == pytest.approx(0.7)
    assert result.groups["knowledge"][0] == pytest.approx(0.7)
    assert result.scores[0] == pytest.approx(0.7)
    records = [r for r in ev.table(depth=2).data if r["group"] == "schooling"]
    assert records[0]["depth"] == 2 and records[0]["parent"] == "knowledge"
    assert ev.table(depth=2).headers == ("Rank", "Proposal", "Score", "Health", "Knowledge", "Schooling", "Income")
    assert ev.table().headers == ("Rank", "Proposal", "Score", "Health", "Knowledge", "Income")


def test_arithmetic_mean_inside_geometric_mean(registry):
    """A development-style index: education the mean of its two indices inside a geometric mean of three dimensions.

    By hand: schooling = (0.8 + 0.6)/2 = 0.7; total = (0.9 · 0.7 · 0.5)^(1/3) = 0.315^(1/3) ≈ 0.68041
    (0.68041³ = 0.31500).  The flat weighted product would give
    0.9^(1/3)·(0.8·0.6)^(1/6)·0.5^(1/3) ≈ 0.96549 · 0.88486 · 0.79370 ≈ 0.67807.
    """
    rubric = tree_rubric(
        MethodChoice("weighted-product", {"floor": 0.0}), by_group={"schooling": MethodChoice("weighted-sum")}
    )
    ev = evaluate(rubric, [proposal("p", rubric, life=0.9, expected=0.8, mean=0.6, gni=0.5)], registry=registry)
    result = ev.result()
    assert result.groups["schooling"][0] == pytest.approx(0.7)
    assert result.groups["knowledge"][0] == pytest.approx(0.7)  # one child: the product of one value
    assert result.scores[0] == pytest.approx(0.315 ** (1 / 3))
    assert result.scores[0] == pytest.approx(0.68041, abs=1e-5)
    tree = ev.explain("p").tree_table()
    assert [row[0].strip() for row in tree.rows][:4] == ["Total", "Health", "Life expectancy index", "Knowledge"]
    assert [row[2] for row in tree.rows if row[0].strip() == "Schooling"] == ["weighted-sum"]


def test_one_method_everywhere_keeps_the_flat_total(registry):
    """A ``by_group`` entry naming the scheme's own method leaves the flat weighted product: 0.9^(1/3)(0.48)^(1/6)0.5^(1/3)."""
    method = MethodChoice("weighted-product", {"floor": 0.0})
    rubric = tree_rubric(method, by_group={"schooling": method})
    ev = evaluate(rubric, [proposal("p", rubric, life=0.9, expected=0.8, mean=0.6, gni=0.5)], registry=registry)
    assert ev.result().scores[0] == pytest.approx(0.9 ** (1 / 3) * 0.48 ** (1 / 6) * 0.5 ** (1 / 3))
    assert math.isclose(ev.result().scores[0], 0.67807, abs_tol=1e-5)


def test_unknown_group_in_by_group_is_located(registry):
    """A ``by_group`` key that is no group is an error at schemes.s.aggregation.by_group.KEY, with a did-you-mean."""
    rubric = tree_rubric(MethodChoice("weighted-sum"), by_group={"schoolin": MethodChoice("weighted-product")})
    with pytest.raises(InputError) as caught:
        evaluate(rubric, [proposal("p", rubric, life=1, expected=1, mean=1, gni=1)], registry=registry)
    problem = caught.value.problems[0]
    assert problem.key == "schemes.s.aggregation.by_group.schoolin"
    assert "did you mean 'schooling'" in problem.message


values = st.floats(0.0, 1.0, allow_nan=False)
weights = st.floats(0.1, 10.0, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(values, min_size=4, max_size=4), st.lists(weights, min_size=4, max_size=4),
       st.lists(weights, min_size=4, max_size=4))
def test_hierarchical_equals_flat(scores, leaf, group):
    """Weighted sum everywhere, evaluated bottom-up, equals the flat weighted sum; likewise the weighted product.

    The flat weights are the sibling weights multiplied down the tree, so
    Σ_g w_g Σ_c w_c|g x_c = Σ_c (w_g w_c|g) x_c, and Π_g (Π_c y_c^w_c|g)^w_g = Π_c y_c^(w_g w_c|g)
    (the product's floor map is linear and undone at each node).
    """
    registry = create_registry(autoload=False)
    given_weights = {"life": leaf[0], "expected": leaf[1], "mean": leaf[2], "gni": leaf[3],
                     "health": group[0], "knowledge": group[1], "schooling": group[2], "income": group[3]}
    for method, other in ((MethodChoice("weighted-sum"), MethodChoice("maximin")),
                          (MethodChoice("weighted-product"), MethodChoice("weighted-sum"))):
        flat = tree_rubric(method, weights=given_weights)
        # A by_group entry on a group whose only child is a criterion changes nothing but forces the bottom-up path.
        forced = tree_rubric(method, by_group={"health": other}, weights=given_weights)
        p = dict(zip(("life", "expected", "mean", "gni"), scores))
        a = evaluate(flat, [proposal("p", flat, **p)], registry=registry).result()
        b = evaluate(forced, [proposal("p", forced, **p)], registry=registry).result()
        assert b.scores[0] == pytest.approx(a.scores[0], abs=1e-9)
        assert b.groups["schooling"][0] == pytest.approx(a.groups["schooling"][0], abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(values, min_size=4, max_size=4), st.lists(st.integers(0, 5), min_size=4, max_size=4))
def test_points_are_weighted_mean_times_total(scores, points):
    """With every weight a number of points (given at criteria only), points = weighted mean × total points."""
    assume(sum(points) > 0)
    rubric = tree_rubric(MethodChoice("weighted-sum"), weights=dict(zip(("life", "expected", "mean", "gni"), points)))
    rubric = attrs.evolve(rubric, present=("points",))
    p = dict(zip(("life", "expected", "mean", "gni"), scores))
    ev = evaluate(rubric, [proposal("p", rubric, **p)], registry=create_registry(autoload=False))
    mean = sum(w * x for w, x in zip(points, scores)) / sum(points)
    assert ev.shown(ev.result(), None, 0) == pytest.approx(mean * sum(points))
    assert ev.result().scores[0] == pytest.approx(mean)


def test_leaf_weights_are_flat_and_group_weights_local():
    """Both readings on one tree: 1 on every criterion gives health 1/4, knowledge 2/4; weights at groups stay sibling-local."""
    rubric = tree_rubric(MethodChoice("weighted-sum"))
    leaves = flatten_weights(rubric, with_leaf_sums(rubric, {"life": 1, "expected": 1, "mean": 1, "gni": 1}))
    assert leaves == pytest.approx({"life": 0.25, "expected": 0.25, "mean": 0.25, "gni": 0.25})
    written = {"health": 1, "knowledge": 1, "income": 1, "life": 1, "expected": 1, "mean": 1, "gni": 1}
    local = flatten_weights(rubric, with_leaf_sums(rubric, written))
    assert local == pytest.approx({"life": 1 / 3, "expected": 1 / 6, "mean": 1 / 6, "gni": 1 / 3})


def test_ambiguous_mixture_warns():
    """Top-level groups weighted, sub-groups not, their criteria weighted: a warning naming the scheme and groups."""
    groups = (Group("a", "A"), Group("a1", "A1", parent="a"), Group("a2", "A2", parent="a"), Group("b", "B"))
    criteria = (Criterion("x", "a1", "X"), Criterion("y", "a2", "Y"), Criterion("z", "a2", "Z"), Criterion("w", "b", "W"))
    scheme = Scheme("s", "S", MethodChoice("direct", {"weights": {"a": 1, "b": 1, "x": 1, "y": 1, "z": 1}}))
    rubric = Rubric("r", "R", "1", UNIT, groups, criteria, (scheme,))
    (warning,) = weight_warnings(rubric)
    assert "schemes.s.weights" in warning and "groups a1, a2 have no weight" in warning
    assert weight_warnings(tree_rubric(MethodChoice("weighted-sum"), weights={"health": 1, "knowledge": 2, "income": 1})) == []


def test_precision_ranks_on_published_figures(registry):
    """precision = 3: totals 0.9524 and 0.9516 both publish as 0.952 and share a rank; 0.9514 is 0.951, third."""
    rubric = attrs.evolve(tree_rubric(MethodChoice("weighted-sum"), weights={"life": 1, "expected": 0, "mean": 0, "gni": 0}),
                          precision=3)
    totals = (("a", 0.9524), ("b", 0.9516), ("c", 0.9514))
    people = [proposal(pid, rubric, life=v, expected=0, mean=0, gni=0) for pid, v in totals]
    ev = evaluate(rubric, people, registry=registry)
    assert [str(r) for r in ev.result().ranks] == ["1=", "1=", "3"]
    assert [ev.shown(ev.result(), None, i) for i in range(3)] == [0.952, 0.952, 0.951]
    assert ev.table().float_format[2] == ".3f"
