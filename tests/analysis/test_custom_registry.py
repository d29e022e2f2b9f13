"""Analyses run on the registry their evaluation was computed with, never on a fresh one."""

from __future__ import annotations

import sys

import pytest

from analysis.smaa_cases import within
from rubric import discovery, hookimpl
from rubric.analysis.acceptability import smaa
from rubric.analysis.reliability import agreement
from rubric.analysis.weight_stability import stability
from rubric.components import AggregationMethod, CriterionKind, CriterionValue
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))
CALLS = {"soft-min": 0, "plain-mean": 0}


def soft_min(matrix, weights, *, scale=None, criteria=None):
    """Non-linear: the weighted mean minus half the spread of the weighted values."""
    CALLS["soft-min"] += 1
    return [sum(w * x for w, x in zip(weights, row)) - 0.5 * (max(row) - min(row)) for row in matrix]


def plain_mean(matrix, weights, *, scale=None, criteria=None):
    """The weighted mean, declared linear so analyses may take their fast, exact paths."""
    CALLS["plain-mean"] += 1
    return [sum(w * x for w, x in zip(weights, row)) for row in matrix]


class OnlyHere:
    """Components no default registry has: a computed criterion kind and two methods."""

    __name__ = "only-here-plugin"

    @hookimpl
    def rubric_criterion_kinds(self):
        return [CriterionKind("fixed-zero", lambda criterion, proposal, rubric: CriterionValue(0.0))]

    @hookimpl
    def rubric_aggregation_methods(self):
        return [
            AggregationMethod("soft-min", soft_min, description="test only"),
            AggregationMethod("plain-mean", plain_mean, description="test only", linear=True),
        ]


def custom_evaluation():
    """p0 = (1, 0, 0) and p1 = (0, 1, 0) at equal weights; z is computed (always 0); x has two raters, who agree."""
    registry = discovery.create_registry(autoload=False, plugins=[OnlyHere()])
    criteria = (Criterion("x", "g", "X"), Criterion("y", "g", "Y"), Criterion("z", "g", "Z", kind="fixed-zero"))
    schemes = tuple(
        Scheme(method, method, MethodChoice("equal"), aggregation=MethodChoice(method)) for method in ("soft-min", "plain-mean")
    )
    rubric = Rubric("r", "R", "1", SCALE, (Group("g", "G"),), criteria, schemes)
    proposals = [
        Proposal("p0", "P0", assessments={"r": {"x": (Rating("a", 1), Rating("b", 1)), "y": (Rating("a", 0),)}}),
        Proposal("p1", "P1", assessments={"r": {"x": (Rating("a", 0), Rating("b", 0)), "y": (Rating("a", 1),)}}),
    ]
    return evaluate(rubric, proposals, registry=registry)


@pytest.fixture
def custom(monkeypatch):
    """The custom evaluation; from then on, every binding of ``create_registry`` in rubric fails the test if called."""
    evaluation = custom_evaluation()
    original = discovery.create_registry

    def refuse(*args, **kwargs):
        raise AssertionError("an analysis built a registry of its own")

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("rubric") and getattr(module, "create_registry", None) is original:
            monkeypatch.setattr(module, "create_registry", refuse)
    return evaluation


def test_non_linear_third_party_method(custom):
    """soft-min exists only in the evaluation's registry: stability searches numerically and SMAA calls it per sample.

    By hand, soft-min(p0) = w_x − 0.5 and soft-min(p1) = w_y − 0.5, so p0 is first iff w_x > w_y: by symmetry of
    weights uniform on the simplex, half the time.
    """
    evaluation = custom
    result = stability(evaluation, "soft-min")
    assert result.method == "soft-min" and not result.exact
    CALLS["soft-min"] = 0
    acceptability = smaa(evaluation, "soft-min", samples=4_000, seed=1).acceptability
    assert CALLS["soft-min"] >= 4_000
    assert within(acceptability[0][0], 0.5, 4_000)
    report = agreement(evaluation)
    assert [(a.criterion, a.units) for a in report.criteria] == [("x", 2), ("y", 0), ("z", 0)]
    assert report.criteria[0].alpha == 1.0  # the raters agree on every unit


def test_linear_third_party_method_takes_the_fast_paths(custom):
    """plain-mean declares ``linear``: exact stability intervals, and SMAA scores by matrix product without calling it.

    By hand, moving the weight W of x with y and z sharing 1 − W equally: s_p0 = W and s_p1 = (1 − W) / 2, which
    cross at W = 1/3; the scheme's W is 1/3, so p0 and p1 tie there, have no order to keep, and the ranking
    interval is all of [0, 1].
    """
    evaluation = custom
    x = stability(evaluation, "plain-mean").interval("x")
    assert x.weight == pytest.approx(1 / 3) and x.ranking == (0.0, 1.0)
    CALLS["plain-mean"] = 0
    acceptability = smaa(evaluation, "plain-mean", samples=4_000, seed=2).acceptability
    assert CALLS["plain-mean"] == 0
    # p0 is first iff w_x > w_y: by symmetry of the uniform simplex, half the time.
    assert within(acceptability[0][0], 0.5, 4_000)
