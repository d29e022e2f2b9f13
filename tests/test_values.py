"""The values step: every criterion's problem is collected when asked, the first raises otherwise."""

from __future__ import annotations

import pytest

from rubric import hookimpl
from rubric.components import CriterionKind
from rubric.discovery import create_registry
from rubric.errors import InputError, PluginError, Problem
from rubric.loading.validation import value_problems
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rubric, Scale, Scheme
from rubric.values import value_matrix

SCALE = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def needs_fact(criterion, proposal, rubric):
    """A computed criterion that refuses a proposal without its fact, as a located input problem."""
    if criterion.id not in proposal.facts:
        raise InputError([Problem(proposal.path, f"facts.{criterion.id}", f"needs the fact {criterion.id!r}")])
    return proposal.facts[criterion.id]


def crashes(criterion, proposal, rubric):
    raise ZeroDivisionError("division by zero")


class Kinds:
    @hookimpl
    def rubric_criterion_kinds(self):
        return [CriterionKind("needs-fact", needs_fact), CriterionKind("crashes", crashes)]


RUBRIC = Rubric(
    id="r",
    title="R",
    version="1",
    scale=SCALE,
    groups=(Group("g", "G"),),
    criteria=(Criterion("cost", "g", "Cost", kind="needs-fact"), Criterion("scope", "g", "Scope", kind="needs-fact"),
              Criterion("odd", "g", "Odd", kind="crashes")),
    schemes=(Scheme("s", "S", MethodChoice("equal")),),
)
PROPOSAL = Proposal(id="p", title="P", path="p.toml")


@pytest.fixture
def registry():
    return create_registry(autoload=False, plugins=[Kinds()])


def test_first_bad_value_raises(registry):
    """Without a problems list the first criterion's problem stops the run, as scoring needs."""
    with pytest.raises(InputError) as raised:
        value_matrix(RUBRIC, [PROPOSAL], registry)
    assert [p.key for p in raised.value.problems] == ["facts.cost"]


def test_every_criterion_reports_when_collecting(registry):
    """With an errors list, both missing facts and the crashing plugin are reported in one run."""
    errors: list = []
    rows = value_matrix(RUBRIC, [PROPOSAL], registry, errors=errors)
    assert [type(e) for e in errors] == [InputError, InputError, PluginError]
    assert [p.key for e in errors[:2] for p in e.problems] == ["facts.cost", "facts.scope"]
    assert "failed while scoring criterion 'odd' of proposal 'p': ZeroDivisionError" in str(errors[2])
    assert rows == [[]]


def test_validation_reports_every_criterion(registry):
    """value_problems turns them into located problems of the proposal's file, the plugin's failure included."""
    seen = []
    problems = value_problems(RUBRIC, [PROPOSAL], registry, on_plugin_error=seen.append)
    assert [(str(p.path), p.key) for p in problems] == [("p.toml", "facts.cost"), ("p.toml", "facts.scope"), ("p.toml", "")]
    assert [type(e) for e in seen] == [PluginError]


def test_a_plugin_failure_still_raises_a_plugin_error(registry):
    """A crash is the plugin's failure, named as such, when the proposal has its facts."""
    complete = Proposal(id="p", title="P", path="p.toml", facts={"cost": 1, "scope": 0})
    with pytest.raises(PluginError, match="criterion kind 'crashes' failed while scoring criterion 'odd'"):
        value_matrix(RUBRIC, [complete], registry)
