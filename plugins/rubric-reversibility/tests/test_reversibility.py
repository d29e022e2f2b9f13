"""Tests of the reversibility criterion kind, through rubric's public API."""

from __future__ import annotations

import textwrap
from importlib.metadata import entry_points

import pytest
import rubric_reversibility
from hypothesis import given
from hypothesis import strategies as st

import rubric
from rubric.errors import InputError
from rubric.loading import load_project
from rubric.model import Criterion, Group, Proposal, Rubric
from rubric.testing import scales

RUBRIC = """
id = "undo"
title = "Can it be undone?"
version = "1.0"

[scale]
min = {min}
max = {max}
labels = ["locked in", "hard to undo", "easy to undo"]

[groups.practical]
title = "Practical"

[criteria.reversibility]
group = "practical"
title = "Reversibility"
kind = "reversibility"
params = {params}
"""


def proposal(pid: str, facts: str) -> str:
    return textwrap.dedent(
        f"""
        id = "{pid}"
        title = "Proposal {pid}"

        [facts]
        {facts}
        """
    )


def evaluate(tmp_path, proposals: dict, *, params: str = "{}", low: float = -2, high: float = 2):
    """Load a one-criterion rubric and the proposals, with only this plugin registered."""
    (tmp_path / "undo.toml").write_text(RUBRIC.format(min=low, max=high, params=params))
    folder = tmp_path / "proposals"
    folder.mkdir(exist_ok=True)
    for pid, facts in proposals.items():
        (folder / f"{pid}.toml").write_text(proposal(pid, facts))
    registry = rubric.create_registry(autoload=False, plugins=[rubric_reversibility])
    project = load_project([tmp_path / "undo.toml"], [folder], registry=registry)
    return rubric.evaluate(project.rubrics[0], project.proposals, registry=registry)


def test_values_follow_the_mechanism(tmp_path):
    """A voluntary commitment is easiest to undo, a trade agreement hardest."""
    ev = evaluate(
        tmp_path,
        {"pledge": 'mechanism = "voluntary-commitment"', "treaty": 'mechanism = "trade-agreement"'},
    )
    values = {p.id: row[0] for p, row in zip(ev.proposals, ev.values)}
    assert values["pledge"].score == pytest.approx(2.0)
    assert values["treaty"].score == pytest.approx(-2 + 0.2 * 4)
    assert 'mechanism = "trade-agreement"' in values["treaty"].note


def test_value_follows_the_rubric_scale(tmp_path):
    """On a 0…10 scale the same ease lands at the same share of the scale."""
    ev = evaluate(tmp_path, {"rule": 'mechanism = "export-control"'}, low=0, high=10)
    assert ev.values[0][0].score == pytest.approx(7.0)


@given(scales(), st.sampled_from(sorted(rubric_reversibility.EASE)))
def test_every_mechanism_lands_on_every_scale(scale, mechanism):
    """On any scale rubric.testing draws, the value is on it, at the mechanism's share of it."""
    rub = Rubric(id="r", title="R", version="1", scale=scale, groups=(Group("g", "G"),), criteria=(), schemes=())
    criterion = Criterion(id="reversibility", group="g", title="Reversibility", kind="reversibility")
    proposal = Proposal(id="p", title="P", facts={"mechanism": mechanism})
    value = rubric_reversibility.KIND.score(criterion, proposal, rub).score
    assert scale.contains(value)
    assert (value - scale.min) / (scale.max - scale.min) == pytest.approx(rubric_reversibility.EASE[mechanism])


def test_params_override_the_factors(tmp_path):
    """A rubric may disagree with a factor and say so in its params."""
    ev = evaluate(tmp_path, {"rule": 'mechanism = "export-control"'}, params='{ ease = { export-control = 0.25 } }')
    assert ev.values[0][0].score == pytest.approx(-1.0)


def test_missing_mechanism_names_the_fact(tmp_path):
    """Without a mechanism fact the error names the proposal file and the fact."""
    with pytest.raises(InputError) as raised:
        evaluate(tmp_path, {"vague": 'cost_usd = 1'})
    problem = raised.value.problems[0]
    assert problem.key == "facts.mechanism"
    assert problem.path.name == "vague.toml"


def test_declared_default_is_used_and_noted(tmp_path):
    """With missing = 0 a proposal without the fact gets 0, and the note says why."""
    ev = evaluate(tmp_path, {"vague": 'cost_usd = 1'}, params="{ missing = 0 }")
    assert ev.values[0][0].score == 0
    assert "default" in ev.values[0][0].note


def test_unknown_mechanism_lists_the_expected_values(tmp_path):
    """A misspelled mechanism is an error that suggests the right one."""
    with pytest.raises(InputError, match="did you mean 'export-control'"):
        evaluate(tmp_path, {"typo": 'mechanism = "export-contrl"'})


def test_bad_params_are_reported_when_the_rubric_loads(tmp_path):
    """An unknown parameter is a load-time problem with a suggestion."""
    with pytest.raises(InputError, match="did you mean 'ease'"):
        evaluate(tmp_path, {"rule": 'mechanism = "export-control"'}, params="{ eas = {} }")


def test_entry_point_is_declared_when_installed():
    """Installed, the distribution offers the module in the entry point group rubric."""
    found = [ep for ep in entry_points(group="rubric") if ep.name == "reversibility"]
    if not found:
        pytest.skip("rubric-reversibility is not installed (pip install -e .)")
    assert found[0].value == "rubric_reversibility"
