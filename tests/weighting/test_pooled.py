"""Stakeholders' schemes pooled: means checked by hand, AIJ against a published example, located errors."""

from __future__ import annotations

import math

import attrs
import pytest

from loading.helpers import edit, validate
from rubric.cli import main
from rubric.discovery import create_registry
from rubric.model import MethodChoice, Scheme
from rubric.weights import derive_weights
from weighting.conftest import REFERENCE_TREE, build_rubric


def rubric_with(*schemes):
    return attrs.evolve(build_rubric(REFERENCE_TREE, rubric_id="open-source-ai"), schemes=tuple(schemes))


def direct(sid, weights):
    return Scheme(sid, sid, MethodChoice("direct", {"weights": weights}))


def ahp(sid, pairwise):
    return Scheme(sid, sid, MethodChoice("ahp", {"pairwise": pairwise}))


def pooled(of, mean):
    return Scheme("pooled", "Pooled", MethodChoice("pooled", {"of": of, "mean": mean}))


STAKEHOLDERS = (direct("even", {"ideological": 1, "geopolitical": 1}), direct("risk", {"ideological": 1, "geopolitical": 3}))


def weights(rubric, scheme_id):
    return derive_weights(rubric, rubric.scheme(scheme_id), create_registry(autoload=False)).weights


def test_arithmetic_mean_of_effective_weights():
    """Each criterion: (1/6 + 1/12) / 2 = 1/8 ideological, (1/6 + 1/4) / 2 = 5/24 geopolitical."""
    rubric = rubric_with(*STAKEHOLDERS, pooled(["even", "risk"], "arithmetic"))
    got = weights(rubric, "pooled")
    assert got["transparency"] == pytest.approx(1 / 8) and got["china-misuse"] == pytest.approx(5 / 24)


def test_geometric_mean_renormalised():
    """√(1/6 · 1/12) = 0.117851 and √(1/6 · 1/4) = 0.204124, three each, sum 0.965926: 0.122008 and 0.211325."""
    rubric = rubric_with(*STAKEHOLDERS, pooled(["even", "risk"], "geometric"))
    got = weights(rubric, "pooled")
    assert got["transparency"] == pytest.approx(0.122008, abs=1e-6)
    assert got["china-misuse"] == pytest.approx(0.211325, abs=1e-6)
    assert sum(got.values()) == pytest.approx(1.0)


def test_aij_of_three_judgements_is_their_geometric_mean():
    """The apple and the orange: judged 2, 3 and 4 times as large, the group judgement is 24^(1/3) = 2.8845.

    The example is Saaty's, for why group judgements take the geometric mean
    (Aczél & Saaty 1983); with two elements the weights are g/(1 + g) = 2.884499/3.884499 = 0.742567 and 0.257433.
    """
    people = [ahp(f"p{x}", {"root": {"ideological/geopolitical": x}}) for x in (2, 3, 4)]
    rubric = rubric_with(*people, pooled(["p2", "p3", "p4"], "judgements"))
    got = weights(rubric, "pooled")
    g = 24 ** (1 / 3)
    assert sum(got[c] for c in REFERENCE_TREE["ideological"]) == pytest.approx(g / (1 + g), abs=1e-9)
    assert g / (1 + g) == pytest.approx(0.742567, abs=1e-6)


def test_aij_of_consistent_judgements_is_the_geometric_mean_of_priorities():
    """Consistent matrices a_ij = w_i/w_j pool to (Π w_i)^(1/K) / (Π w_j)^(1/K): AIJ = normalised geometric mean.

    Stakeholder 1: 4 : 2 : 1 (t/p = 2, t/d = 4, p/d = 2); stakeholder 2: 1 : 1 : 1.  Geometric means
    2, √2, 1 → 2/(3 + √2) = 0.453082, √2/(3 + √2) = 0.320377, 1/(3 + √2) = 0.226541 of the ideological half.
    """
    one = ahp("one", {"ideological": {"transparency/progress": 2, "transparency/power-distribution": 4,
                                      "progress/power-distribution": 2}})
    two = ahp("two", {"ideological": {"transparency/progress": 1, "transparency/power-distribution": 1,
                                      "progress/power-distribution": 1}})
    got = weights(rubric_with(one, two, pooled(["one", "two"], "judgements")), "pooled")
    total = 3 + math.sqrt(2)
    assert [got[c] * 2 for c in REFERENCE_TREE["ideological"]] == pytest.approx([2 / total, math.sqrt(2) / total, 1 / total])


def test_pooled_of_pooled_and_cycles():
    """A pooled scheme may pool pooled ones; schemes that pool each other are refused, naming the cycle."""
    inner = pooled(["even", "risk"], "arithmetic")
    outer = Scheme("outer", "Outer", MethodChoice("pooled", {"of": ["pooled", "even"]}))
    assert weights(rubric_with(*STAKEHOLDERS, inner, outer), "outer")["transparency"] == pytest.approx((1 / 8 + 1 / 6) / 2)
    a = Scheme("a", "A", MethodChoice("pooled", {"of": ["b", "even"]}))
    b = Scheme("b", "B", MethodChoice("pooled", {"of": ["a", "even"]}))
    with pytest.raises(Exception, match="cycle: a -> b -> a"):
        weights(rubric_with(*STAKEHOLDERS, a, b), "a")


POOLED = """
[schemes.pooled]
title = "Pooled"
weighting = { method = "pooled", of = ["balanced", "risk-first"], mean = "geometric" }
"""


def test_validate_locates_an_unknown_scheme_a_bad_mean_and_a_cycle(project, capsys):
    """Each problem names the file, the line and schemes.pooled.weighting's key."""
    rubric = project / "rubrics" / "tiny.toml"
    rubric.write_text(rubric.read_text() + POOLED.replace('"risk-first"', '"risk-frist"').replace("geometric", "median"))
    code, err = validate(capsys)
    assert code == 1
    assert "rubrics/tiny.toml:40: [schemes.pooled.weighting.of] no scheme 'risk-frist' in rubric 'tiny' to pool; " \
        "did you mean 'risk-first'?" in err
    assert "rubrics/tiny.toml:40: [schemes.pooled.weighting.mean] expected one of arithmetic, geometric, judgements" in err
    edit(rubric, '"risk-frist"', '"pooled"')
    edit(rubric, '"median"', '"arithmetic"')
    code, err = validate(capsys)
    assert code == 1 and "schemes pool each other in a cycle: pooled -> pooled" in err


def test_compare_shows_the_stakeholders_beside_the_pooled_scheme(project, capsys):
    """The pooled scheme's ranks and agreement sit beside each stakeholder's."""
    rubric = project / "rubrics" / "tiny.toml"
    rubric.write_text(rubric.read_text() + POOLED)
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    agreement = out[out.index("agreement"):]
    assert "pooled" in agreement and "risk-first" in agreement and "balanced" in agreement
