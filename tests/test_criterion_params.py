"""Criterion kinds declare their params: the loader checks names, the kind checks values."""

from __future__ import annotations

import types

import tomli_w

import rubric
from rubric.components import CriterionKind
from rubric.loading import load_project

SEEN: list = []


def _check_params(params, rub):
    """Records what it is given, and refuses a negative anchor."""
    SEEN.append((dict(params), rub.id))
    return [f"anchor: expected a number >= 0, found {params['anchor']!r}"] if params.get("anchor", 0) < 0 else []


PLUGIN = types.SimpleNamespace(
    rubric_criterion_kinds=rubric.hookimpl(
        lambda: [
            CriterionKind(
                name="anchored",
                score=lambda criterion, proposal, rub: 0,
                params={"anchor": None, "spread": 1},
                check_params=_check_params,
            )
        ]
    )
)


def problems(tmp_path, params: dict) -> list:
    """What `rubric validate` finds in a one-criterion rubric of kind ``anchored``."""
    data = {
        "id": "t",
        "title": "T",
        "version": "1",
        "scale": {"min": -2, "max": 2, "labels": ["bad", "neutral", "good"]},
        "groups": {"g": {"title": "G"}},
        "criteria": {"c": {"group": "g", "title": "C", "kind": "anchored", "params": params}},
        "schemes": {"equal": {"title": "Equal", "weights": {"g": 1}}},
    }
    (tmp_path / "t.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    found: list = []
    registry = rubric.create_registry(autoload=False, plugins=[PLUGIN])
    load_project([tmp_path / "t.toml"], registry=registry, collect=found)
    return found


def test_unknown_parameter_is_located_with_a_suggestion(tmp_path):
    """An unknown parameter is reported at its own key and line, with a did-you-mean."""
    found = problems(tmp_path, {"anchor": 1, "sprad": 2})
    assert [p.key for p in found] == ["criteria.c.params.sprad"]
    assert (tmp_path / "t.toml").read_text().splitlines()[found[0].line - 1] == "sprad = 2"
    assert "unknown parameter 'sprad' of criterion kind 'anchored'; did you mean 'spread'?" in found[0].message


def test_missing_required_parameter_is_reported(tmp_path):
    """A parameter declared with default None must be given."""
    found = problems(tmp_path, {"spread": 2})
    assert [(p.key, p.message) for p in found] == [
        ("criteria.c.params", "criterion kind 'anchored' needs the parameter 'anchor'")
    ]


def test_check_params_gets_the_params_as_written_and_the_rubric(tmp_path):
    """check_params(params, rubric) sees the written params (no defaults) and the rubric; its problems are reported."""
    SEEN.clear()
    found = problems(tmp_path, {"anchor": -1})
    assert SEEN == [({"anchor": -1}, "t")]
    assert [p.message for p in found] == ["anchor: expected a number >= 0, found -1"]


def test_check_params_is_not_called_when_names_are_wrong(tmp_path):
    """Values are only checked once the names are right, so a check never sees an unknown name."""
    SEEN.clear()
    problems(tmp_path, {"anchor": 1, "bogus": 1})
    assert SEEN == []
