"""Schemes built in Python: what no loader checked is reported as bad input naming the scheme and key."""

from __future__ import annotations

import attrs
import pytest

import rubric
from rubric.errors import InputError, PluginError, RubricError, UnknownNameError, WeightError
from rubric.model import MethodChoice, Scheme
from rubric.weights import flatten_weights


@pytest.fixture
def loaded(project):
    """The tiny project, loaded: (rubric, proposals, registry)."""
    found = rubric.load_rubrics([project / "rubrics"])
    return found[0], rubric.load_proposals([project / "proposals"])


def _evaluate_with(loaded, scheme):
    tiny, proposals = loaded
    return rubric.evaluate(attrs.evolve(tiny, schemes=(scheme,)), proposals)


def test_ahp_judgement_off_saatys_scale_is_bad_input(loaded):
    """An AHP judgement of 50 in a Python-built scheme names the scheme and key, and is no plugin failure."""
    scheme = Scheme("py", "Py", weighting=MethodChoice("ahp", {"pairwise": {"root": {"values/risks": 50}}}))
    with pytest.raises(InputError) as raised:
        _evaluate_with(loaded, scheme)
    assert not isinstance(raised.value, PluginError)
    [problem] = raised.value.problems
    assert problem.key == "schemes.py.weighting"
    assert '"values/risks"' in problem.message and "found 50" in problem.message


def test_unknown_weighting_parameter_is_bad_input(loaded):
    """A misspelt weighting parameter is located under the scheme, with a did-you-mean."""
    scheme = Scheme("py", "Py", weighting=MethodChoice("rank-order-centroid", {"ranking": {"root": ["values", "risks"]}, "tie": "average"}))
    with pytest.raises(InputError) as raised:
        _evaluate_with(loaded, scheme)
    [problem] = raised.value.problems
    assert problem.key == "schemes.py.weighting.tie"
    assert "did you mean 'ties'?" in problem.message


def test_bad_aggregation_parameter_is_bad_input(loaded):
    """TOPSIS with ideal = "best" from Python names the scheme's aggregation key."""
    scheme = Scheme("py", "Py", weighting=MethodChoice("equal"), aggregation=MethodChoice("topsis", {"ideal": "best"}))
    with pytest.raises(InputError) as raised:
        _evaluate_with(loaded, scheme)
    assert [p.key for p in raised.value.problems] == ["schemes.py.aggregation.ideal"]


def test_unknown_method_is_a_rubric_error_with_a_hint(loaded):
    """An unknown aggregation method from Python is a RubricError (and still a KeyError) that suggests the name."""
    scheme = Scheme("py", "Py", weighting=MethodChoice("equal"), aggregation=MethodChoice("topsys"))
    with pytest.raises(UnknownNameError, match="did you mean 'topsis'") as raised:
        _evaluate_with(loaded, scheme)
    assert isinstance(raised.value, KeyError) and isinstance(raised.value, RubricError)


def test_weight_error_is_a_rubric_error(loaded):
    """Weights that cannot flatten raise WeightError, which the CLI reports like any input error."""
    tiny, _ = loaded
    with pytest.raises(WeightError) as raised:
        flatten_weights(tiny, {"values": 1})
    assert isinstance(raised.value, RubricError)
    assert "weights are given for values but not for risks" in str(raised.value)


def test_unknown_scheme_lookup_suggests_the_name(loaded):
    """Rubric.scheme with a near miss names the rubric and suggests the scheme."""
    tiny, _ = loaded
    with pytest.raises(UnknownNameError, match=r"no scheme 'balance' in rubric 'tiny'; did you mean 'balanced'\?"):
        tiny.scheme("balance")
