"""SMAA and weight stability through a method's batched form: the per-sample results, on the same draws."""

from __future__ import annotations

import importlib

import attrs
import numpy as np
import pytest

from aggregation.test_batched import VARIANTS
from analysis.smaa_cases import TREE, build
from rubric import hookimpl
from rubric.aggregation import BUILTINS
from rubric.analysis.acceptability import smaa
from rubric.analysis.weight_stability import stability
from rubric.components import AggregationMethod
from rubric.discovery import create_registry
from rubric.errors import PluginError

#: Each built-in with its default parameters, and the settings whose batched arithmetic differs.
METHODS = {importlib.import_module(name).METHOD.name: importlib.import_module(name).METHOD for name in BUILTINS}
SETTINGS = [(name, {}) for name in sorted(METHODS)] + VARIANTS


def twins(name: str, params: dict, index: int) -> list:
    """The method as ``batched-N`` (its batched form) and ``per-sample-N`` (the same without it)."""
    method = attrs.evolve(METHODS[name], params={**METHODS[name].params, **params}, linear=False)
    return [
        attrs.evolve(method, name=f"batched-{index}"),
        attrs.evolve(method, name=f"per-sample-{index}", batched=None),
    ]


class Twins:
    """Every setting above, twice: the paths SMAA takes must give the same numbers."""

    __name__ = "twins-plugin"

    @hookimpl
    def rubric_aggregation_methods(self):
        return [twin for index, (name, params) in enumerate(SETTINGS) for twin in twins(name, params, index)]


REGISTRY = create_registry(autoload=False, plugins=[Twins()])

#: Exact values (one shared matrix per batch), and intervals with two raters (a matrix per sample).
EXACT = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], [1, 1, -1, -1], [0, 0, 0, 0]]
UNCERTAIN = [
    [(1, 0, 2), 0, [("a", 0), ("b", 1)], 0],
    [0, (0, -1, 1), 1, 0],
    [0, 1, 0, (1, 0.5, 2)],
    [0.5, [("a", 0.5, 0, 1), ("b", -0.5)], 0.5, 0.5],
    [(1, -1, 2), 1, -1, -1],
]


def agree(a, b) -> None:
    assert a.samples == b.samples
    assert np.allclose(np.array(a.acceptability), np.array(b.acceptability), rtol=0, atol=1e-12)
    for x, y in zip(a.central_weights, b.central_weights):
        assert (x is None) == (y is None)
        if x is not None:
            assert np.allclose(x, y, rtol=0, atol=1e-12)
    assert [c is None for c in a.confidence] == [c is None for c in b.confidence]
    assert np.allclose([c for c in a.confidence if c is not None], [c for c in b.confidence if c is not None], atol=1e-12)


@pytest.mark.parametrize(("index", "setting"), list(enumerate(SETTINGS)), ids=[f"{n}-{p}" for n, p in SETTINGS])
@pytest.mark.parametrize("cells", [EXACT, UNCERTAIN], ids=["exact", "intervals-and-raters"])
def test_smaa_through_the_batched_form_agrees_with_the_per_sample_path(index, setting, cells):
    """For every built-in (and parameter setting), SMAA batched and per sample agree to 1e-12 on the same seed."""
    batched = smaa(build(cells, tree=TREE, aggregation=f"batched-{index}", registry=REGISTRY), samples=600, seed=4)
    looped = smaa(build(cells, tree=TREE, aggregation=f"per-sample-{index}", registry=REGISTRY), samples=600, seed=4)
    agree(batched, looped)
    assert not np.allclose(batched.acceptability[0], batched.acceptability[1])  # the case is not degenerate


def test_smaa_calls_a_batched_method_never_per_sample():
    """A method with a batched form is not called once per sample: its aggregate may even refuse to run."""
    state = {"armed": False}

    def aggregate(matrix, weights, *, scale=None, criteria=None):
        if state["armed"]:
            raise RuntimeError("called per sample")
        return METHODS["weighted-sum"].aggregate(np.asarray(matrix, dtype=float), weights)

    class OnlyBatched:
        __name__ = "only-batched-plugin"

        @hookimpl
        def rubric_aggregation_methods(self):
            return [AggregationMethod("only-batched", aggregate, batched=METHODS["weighted-sum"].batched)]

    registry = create_registry(autoload=False, plugins=[OnlyBatched()])
    evaluation = build(EXACT, tree=TREE, aggregation="only-batched", registry=registry)
    state["armed"] = True
    reference = smaa(build(EXACT, tree=TREE), samples=500, seed=2)
    assert np.allclose(smaa(evaluation, samples=500, seed=2).acceptability, reference.acceptability, atol=1e-12)


def test_a_batched_form_returning_the_wrong_shape_names_the_plugin():
    """Scores of the wrong shape from a batched form are a PluginError naming the plugin, not a numpy error."""

    def transposed(matrices, weights, *, scale=None, criteria=None):
        return METHODS["weighted-sum"].batched(matrices, weights).T

    class Transposing:
        __name__ = "transposing-plugin"

        @hookimpl
        def rubric_aggregation_methods(self):
            return [AggregationMethod("transposed", METHODS["weighted-sum"].aggregate, batched=transposed)]

    registry = create_registry(autoload=False, plugins=[Transposing()])
    evaluation = build(EXACT, tree=TREE, aggregation="transposed", registry=registry)
    with pytest.raises(PluginError, match=r"transposing-plugin.*batched form returned shape"):
        smaa(evaluation, samples=100)


@pytest.mark.parametrize("index", range(len(SETTINGS)), ids=[f"{n}-{p}" for n, p in SETTINGS])
def test_weight_stability_through_the_batched_form_agrees_with_the_engine(index):
    """The numeric search gives the same intervals whether the grid is scored in one batched call or per point."""
    weights = {"transparency": 0.4, "progress": 0.1, "misuse": 0.3, "backdoors": 0.2}
    cells = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 1], [0.5, 0.5, 0.5, -0.5], [1, 1, -1, -1]]
    batched = stability(build(cells, tree=TREE, weights=weights, aggregation=f"batched-{index}", registry=REGISTRY))
    looped = stability(build(cells, tree=TREE, weights=weights, aggregation=f"per-sample-{index}", registry=REGISTRY))
    assert batched.ranking == looped.ranking
    for a, b in zip(batched.intervals, looped.intervals):
        assert a.ranking == pytest.approx(b.ranking, abs=1e-8) and a.top == pytest.approx(b.top, abs=1e-8)
        assert (a.ranking_below, a.ranking_above, a.top_below, a.top_above) == (
            b.ranking_below, b.ranking_above, b.top_below, b.top_above
        )
