"""The engine against hand computations and a published worked example."""

from __future__ import annotations

import attrs
import pytest

from rubric.discovery import create_registry
from rubric.engine import WeightError, evaluate, flatten_weights, rank
from rubric.kendall import kendall_tau
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))


def rubric_with(weights, *, criteria=None, groups=None, scale=SCALE, schemes=None) -> Rubric:
    groups = groups or (Group("a", "A"), Group("b", "B"))
    criteria = criteria or (
        Criterion("a1", "a", "A1"),
        Criterion("a2", "a", "A2"),
        Criterion("b1", "b", "B1"),
        Criterion("b2", "b", "B2"),
    )
    schemes = schemes or (Scheme("s", "S", MethodChoice("direct", {"weights": weights})),)
    return Rubric("r", "R", "1", scale, tuple(groups), tuple(criteria), tuple(schemes))


def proposal(pid: str, rubric: Rubric, **scores) -> Proposal:
    return Proposal(pid, pid, assessments={rubric.id: {c: (Rating("x", s),) for c, s in scores.items()}})


@pytest.fixture(scope="module")
def registry():
    return create_registry(autoload=False)


def test_flatten_multiplies_down_the_tree():
    """Group weights 1:3, criteria b1:b2 = 1:2, a's criteria equal — worked by hand.

    a1 = a2 = 1/4 · 1/2 = 0.125; b1 = 3/4 · 1/3 = 0.25; b2 = 3/4 · 2/3 = 0.5.
    """
    rubric = rubric_with({"a": 1, "b": 3, "b1": 1, "b2": 2})
    assert flatten_weights(rubric, {"a": 1, "b": 3, "b1": 1, "b2": 2}) == pytest.approx(
        {"a1": 0.125, "a2": 0.125, "b1": 0.25, "b2": 0.5}
    )


def test_flatten_equal_when_none_given():
    """No weights: siblings count equally at every level."""
    rubric = rubric_with({})
    assert flatten_weights(rubric, {}) == pytest.approx({"a1": 0.25, "a2": 0.25, "b1": 0.25, "b2": 0.25})


def test_flatten_nested_groups():
    """A sub-group's share is split again among its criteria: 1/2 · 1/2 · 1/2 = 0.125."""
    groups = (Group("top", "Top"), Group("sub", "Sub", parent="top"), Group("other", "Other"))
    criteria = (
        Criterion("t1", "top", "T1"), Criterion("s1", "sub", "S1"), Criterion("s2", "sub", "S2"), Criterion("o1", "other", "O1")
    )
    rubric = rubric_with({}, groups=groups, criteria=criteria)
    assert flatten_weights(rubric, {}) == pytest.approx({"t1": 0.25, "s1": 0.125, "s2": 0.125, "o1": 0.5})


@pytest.mark.parametrize(
    "weights, message",
    [
        ({"a": -1, "b": 1}, "must be a finite number >= 0"),
        ({"a": 0, "b": 0}, "are all zero"),
        ({"a": 1}, "weights are given for a but not for b"),
        ({"zz": 1}, "not in rubric 'r': zz"),
        ({"a": float("nan"), "b": 1}, "must be a finite number"),
    ],
)
def test_flatten_refuses_bad_weights(weights, message):
    """Negative, all-zero, partial, unknown and NaN weights are errors that say why."""
    with pytest.raises(WeightError, match=message):
        flatten_weights(rubric_with(weights), weights)


def test_triantaphyllou_wsm_example(registry):
    """Triantaphyllou, E. (2000) *Multi-Criteria Decision Making Methods: A Comparative
    Study*, Kluwer, §2.2.1 (WSM): weights 0.20, 0.15, 0.40, 0.25; A1 = (25, 20, 15, 30),
    A2 = (10, 30, 20, 30), A3 = (30, 10, 30, 10) give 21.50, 22.00, 22.00 — A2 and A3 tie.
    """
    scale = Scale(0, 30, ("0", "30"))
    criteria = tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(1, 5))
    weights = {"c1": 0.20, "c2": 0.15, "c3": 0.40, "c4": 0.25}
    rubric = rubric_with(weights, criteria=criteria, groups=(Group("g", "G"),), scale=scale)
    table = {"A1": (25, 20, 15, 30), "A2": (10, 30, 20, 30), "A3": (30, 10, 30, 10)}
    proposals = [proposal(name, rubric, **{f"c{j + 1}": v for j, v in enumerate(row)}) for name, row in table.items()]
    result = evaluate(rubric, proposals, registry=registry).results[0]
    assert result.totals == pytest.approx((21.5, 22.0, 22.0), abs=1e-9)
    assert [int(r) for r in result.ranks] == [3, 1, 1]
    assert [r.tied for r in result.ranks] == [False, True, True]


def test_group_sub_scores_and_contributions(registry):
    """Sub-scores are the weighted mean within each group; contributions add up to the total.

    Weights as in test_flatten_multiplies_down_the_tree; scores a1=2, a2=-1, b1=0, b2=1:
    total = 0.25 - 0.125 + 0 + 0.5 = 0.625; A = (2 - 1)/2 = 0.5; B = (0 + 2·1)/3 = 2/3.
    """
    rubric = rubric_with({"a": 1, "b": 3, "b1": 1, "b2": 2})
    ev = evaluate(rubric, [proposal("p", rubric, a1=2, a2=-1, b1=0, b2=1)], registry=registry)
    result = ev.results[0]
    assert result.totals[0] == pytest.approx(0.625)
    assert result.groups["a"][0] == pytest.approx(0.5)
    assert result.groups["b"][0] == pytest.approx(2 / 3)
    assert sum(ev.contributions("s", "p").values()) == pytest.approx(0.625)


def test_raters_merged_by_the_rubrics_rule(registry):
    """mean/median/min/max of raters 2, -1, 0, and of their intervals."""
    ratings = (Rating("x", 2, low=1), Rating("y", -1), Rating("z", 0, high=1))
    for rule, expected, low, high in [
        ("mean", 1 / 3, 0.0, 2 / 3),
        ("median", 0, 0, 1),
        ("min", -1, -1, -1),
        ("max", 2, 1, 2),
    ]:
        rubric = rubric_with({}, criteria=(Criterion("a1", "a", "A1"),), groups=(Group("a", "A"),))
        rubric = attrs.evolve(rubric, merge_raters=rule)
        p = Proposal("p", "p", assessments={"r": {"a1": ratings}})
        value = evaluate(rubric, [p], registry=registry).values[0][0]
        assert (value.score, value.low, value.high) == pytest.approx((expected, low, high)), rule
        assert value.note == f"{rule} of 3 raters"


def test_not_applicable_proposals_are_not_scored(registry):
    """A proposal without assessments for the rubric is listed as not applicable, never as zero."""
    rubric = rubric_with({})
    other = Proposal("other", "Other")
    ev = evaluate(rubric, [proposal("p", rubric, a1=1, a2=1, b1=1, b2=1), other], registry=registry)
    assert [p.id for p in ev.proposals] == ["p"]
    assert [p.id for p in ev.not_applicable] == ["other"]
    # n/a proposals are not rows of n/a but one line under the table, and a null score in the data
    assert [row[1] for row in ev.table().rows] == ["p"]
    assert "n/a: rubric 'r' does not apply to 1 proposal (no assessments for it): other." in ev.table().notes
    assert {"proposal": "other", "measure": "score", "value": None}.items() <= ev.to_records()[-1].items()


def test_rank_competition_ranking_with_float_noise():
    """0.1 + 0.2 ties with 0.3; ranks go 1, 1, 3 and ties are ordered by id."""
    ranks = rank([0.3, 0.1 + 0.2, -1.0], ["b", "a", "c"])
    assert [int(r) for r in ranks] == [1, 1, 3]
    assert [str(r) for r in ranks] == ["1=", "1=", "3"]


def test_kendall_tau_hand_examples():
    """Hand-counted: (1..5) vs (3,4,1,2,5) has 6 concordant, 4 discordant pairs → 0.2.

    With ties, (1,2,2,3) vs (1,2,3,3): C = 4, D = 0, one tie in each → 4/√(5·5) = 0.8.
    """
    assert kendall_tau([1, 2, 3, 4, 5], [3, 4, 1, 2, 5]) == pytest.approx(0.2)
    assert kendall_tau([1, 2, 2, 3], [1, 2, 3, 3]) == pytest.approx(0.8)
    assert kendall_tau([1, 2, 3], [3, 2, 1]) == pytest.approx(-1)
    assert kendall_tau([1, 1], [1, 2]) is None


def test_agreement_is_symmetric_with_one_on_the_diagonal(registry):
    """Scores (a, b) = (2, -2), (0, 0), (-2, 2) for p, q, r, worked by hand.

    ideological a:b = 3:1 gives 1, 0, -1 (order p q r); geopolitical 1:3 gives -1, 0, 1 (r q p): tau-b = -1
    both ways. even 1:1 gives 0 to all three: every pair tied, tau-b undefined with it, itself included.
    """
    schemes = tuple(
        Scheme(sid, sid, MethodChoice("direct", {"weights": w}))
        for sid, w in (("ideo", {"a": 3, "b": 1}), ("geo", {"a": 1, "b": 3}), ("even", {"a": 1, "b": 1}))
    )
    rubric = rubric_with({}, schemes=schemes)
    proposals = [proposal(pid, rubric, a1=x, a2=x, b1=-x, b2=-x) for pid, x in (("p", 2), ("q", 0), ("r", -2))]
    tau = evaluate(rubric, proposals, registry=registry).compare().tau
    assert tau[("ideo", "ideo")] == tau[("geo", "geo")] == 1.0
    assert tau[("ideo", "geo")] == tau[("geo", "ideo")] == -1.0
    assert tau[("even", "even")] is None
    assert tau[("even", "ideo")] is None and tau[("geo", "even")] is None
    assert len(tau) == 9


def test_methods_add_columns(registry):
    """`methods` evaluates every scheme under further aggregation methods too."""
    rubric = rubric_with({})
    ev = evaluate(rubric, [proposal("p", rubric, a1=1, a2=1, b1=1, b2=1)], methods=["weighted-sum"], registry=registry)
    assert [r.scheme.id for r in ev.results] == ["s"]  # the scheme's own method is not repeated


def test_no_applicable_proposal(registry):
    """A rubric no proposal is assessed under gives an empty result listing them as n/a."""
    rubric = rubric_with({})
    ev = evaluate(rubric, [Proposal("other", "Other")], registry=registry)
    assert ev.proposals == () and [p.id for p in ev.not_applicable] == ["other"]
    assert ev.results[0].totals == () and ev.compare().stable_rank == []
    assert "n/a" in str(ev.compare())


def test_columns_under_a_node():
    """A criterion is its own column; a group spans every criterion below it, nested ones too."""
    groups = (Group("top", "Top"), Group("sub", "Sub", parent="top"), Group("other", "Other"))
    criteria = (Criterion("t1", "top", "T1"), Criterion("o1", "other", "O1"), Criterion("s1", "sub", "S1"))
    rubric = rubric_with({}, groups=groups, criteria=criteria)
    assert rubric.columns_under("top") == (0, 2)
    assert rubric.columns_under("sub") == (2,)
    assert rubric.columns_under("o1") == (1,)
