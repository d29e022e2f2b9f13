"""Partial orders through the engine: kept on the result, listed in tables, unordered in rank agreement."""

from __future__ import annotations

import attrs
import pytest

from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme
from rubric.partial import partial_kendall_tau
from rubric.testing import check_capabilities

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))
CRITERIA = (Criterion("a1", "a", "A1"), Criterion("a2", "a", "A2"), Criterion("b1", "b", "B1"), Criterion("b2", "b", "B2"))
ELECTRE = MethodChoice("electre-iii", {"thresholds": {"q": 0, "p": 1, "v": 3}})
#: Found incomparable by ELECTRE III (q = 0, p = 1, v = 3, equal weights): p0 ∥ p2.
VALUES = {"p0": (-2, 2, 1, 0), "p1": (-1, 0, -2, 1), "p2": (0, -2, -1, 1)}


def _evaluation(*schemes, values=VALUES):
    rubric = Rubric("r", "R", "1", SCALE, (Group("a", "A"), Group("b", "B")), CRITERIA, schemes)
    proposals = [
        Proposal(pid, pid, assessments={"r": {c.id: (Rating("x", v),) for c, v in zip(CRITERIA, row)}})
        for pid, row in values.items()
    ]
    return evaluate(rubric, proposals, registry=create_registry(autoload=False))


def test_partial_kendall_tau_by_hand():
    """a = b = 3, 2, 1 but the first pair unordered in b: C = 2, D = 0, n0 = 3, n1 = 0, n2 = 1 → 2/√6."""
    assert partial_kendall_tau([3, 2, 1], [3, 2, 1]) == pytest.approx(1.0)
    assert partial_kendall_tau([3, 2, 1], [3, 2, 1], (), [(0, 1)]) == pytest.approx(2 / 6**0.5)
    assert partial_kendall_tau([1, 1], [1, 1], [(0, 1)], ()) is None


def test_the_engine_keeps_the_incomparable_pairs_and_tables_name_them():
    """An ELECTRE III scheme's result carries p0 ∥ p2; its table and compare's ranks table say so."""
    ev = _evaluation(Scheme("e", "E", MethodChoice("equal"), ELECTRE), Scheme("s", "S", MethodChoice("equal")))
    assert ev.result("e").incomparable == ((0, 2),)
    assert ev.result("s").incomparable == ()
    note = (
        "Incomparable under 'e': 1 pair (the method's order is partial, so their ranks say nothing about each other), "
        "listed under 'pairs left incomparable'."
    )
    assert note in ev.table("e").notes
    assert not any("Incomparable" in n for n in ev.table("s").notes)
    comparison = ev.compare()
    assert note in comparison.ranks_table().notes
    assert any("unordered" in n for n in comparison.agreement_table().notes)
    for tables in (ev.tables(), comparison.tables()):
        listed = [t for t in tables if t.name == "incomparable"]
        assert len(listed) == 1 and listed[0].rows == (("e", "p0", "p2"),)
        assert listed[0].data_records()[0] == {
            "rubric": "r",
            "scheme": "e",
            "method": "electre-iii",
            "proposal_a": "p0",
            "proposal_b": "p2",
        }
    assert [t.name for t in ev.tables(["s"])] == ["scores"]  # no partial order, no table


def test_rank_agreement_counts_an_incomparable_pair_as_unordered():
    """ELECTRE III ranks p0 1=, p1 3, p2 1= with p0 ∥ p2; PROMETHEE II (usual, equal weights) p2, p0, p1.

    PROMETHEE II by hand: p0 against p1 wins a2, b1 and loses a1, b2 (π = ½ both
    ways); p0 against p2 likewise; p1 against p2 wins a2 only (π = ¼) and loses
    a1, b1 (π = ½).  Net flows 0, −1/8, +1/8.  Pairs: (p0, p1) concordant;
    (p0, p2) unordered under ELECTRE III; (p1, p2) concordant.  tau-b =
    2/√(2·3) = 0.8165; ordering the incomparable pair by id (p0 first) would
    make it discordant and give 1/3.
    """
    promethee = Scheme("p", "P", MethodChoice("equal"), MethodChoice("promethee-ii"))
    ev = _evaluation(Scheme("e", "E", MethodChoice("equal"), ELECTRE), promethee)
    assert [int(r) for r in ev.result("p").ranks] == [2, 3, 1]
    assert ev.compare().tau[("e", "p")] == pytest.approx(2 / 6**0.5)


def test_a_tree_carries_the_roots_partial_order_over_the_group_scores():
    """Groups as weighted sums, ELECTRE III (q = 0, p = 1, v = 3) at the root over a and b.

    p0 = (1, −1 | −2, −1), p1 = (−2, 1 | 0, 0), p2 = (−1, 0 | 2, −1): group scores
    (a, b) = (0, −1.5), (−0.5, 0), (−0.5, 0.5).  σ(p0, p1) = 0.5 (b's discordance
    0.25 is below C = 0.5), σ(p1, p0) = 0.75, σ(p0, p2) = 0.5, σ(p2, p0) = 0.75,
    σ(p1, p2) = 0.75, σ(p2, p1) = 1.  Descending: at cut 0.75 p2 outranks p1 → p2;
    then at 0.5 p1 outranks p0 → p2 | p1 | p0.  Ascending: p1 is worst at 0.75, then
    p0 below p2 at 0.5 → p2 | p0 | p1.  So p0 ∥ p1, both below p2 (totals −1, −1, 2).
    """
    by_group = {"a": MethodChoice("weighted-sum"), "b": MethodChoice("weighted-sum")}
    values = {"p0": (1, -1, -2, -1), "p1": (-2, 1, 0, 0), "p2": (-1, 0, 2, -1)}
    ev = _evaluation(Scheme("t", "T", MethodChoice("equal"), ELECTRE, by_group=by_group), values=values)
    assert ev.result("t").incomparable == ((0, 1),)
    assert list(ev.result("t").totals) == pytest.approx([-1, -1, 2])


@pytest.mark.parametrize("name", ["electre-iii", "promethee-i"])
def test_the_outranking_methods_pass_the_incomparable_check(name):
    """rubric.testing checks a declared incomparable capability: both built-ins pass it."""
    method = create_registry(autoload=False).aggregation_method(name)
    params = {"thresholds": {"q": 0.25, "p": 1, "v": 2.5}} if name == "electre-iii" else {}
    check_capabilities(method, params=params, max_examples=40)


def test_a_false_incomparable_declaration_is_caught():
    """A method that calls every pair incomparable (a proposal and its copy too) fails the check."""
    method = create_registry(autoload=False).aggregation_method("promethee-i")

    def everything(matrix, weights, **params):
        return [(i, j) for i in range(len(matrix)) for j in range(i + 1, len(matrix))]

    with pytest.raises(AssertionError, match="incomparable with its own copy"):
        check_capabilities(attrs.evolve(method, incomparable=everything, batched=None), max_examples=20)
