"""Evaluations built cell by cell for the SMAA tests, and a per-sample test method."""

from __future__ import annotations

import numpy as np

from rubric import hookimpl
from rubric.components import AggregationMethod
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

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


def build(cells, tree=None, weights=None, aggregation="weighted-sum", merge="mean", registry=REGISTRY):
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
    return evaluate(rubric, proposals, registry=registry)


def ratings(cell) -> tuple:
    if isinstance(cell, list):
        return tuple(Rating(r[0], r[1], low=r[2] if len(r) > 2 else None, high=r[3] if len(r) > 2 else None) for r in cell)
    if isinstance(cell, tuple):
        return (Rating("a", cell[0], low=cell[1], high=cell[2]),)
    return (Rating("a", cell),)


def within(value, expected, samples):
    """Within five standard errors of a proportion."""
    return abs(value - expected) <= 5 * np.sqrt(expected * (1 - expected) / samples) + 1e-12



def reference():
    cells = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]]
    return build(cells, tree=TREE)
