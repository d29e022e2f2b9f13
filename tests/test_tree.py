"""The value tree: every group's sub-score, and groups that aggregate their own way (hand computations)."""

from __future__ import annotations

import math

import pytest

from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.errors import InputError
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme
from rubric.tree import depths, preorder

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
