"""The ``ranking`` parameter shared by rank-order centroid and rank sum: its problems."""

from __future__ import annotations

import pytest

from rubric.weighting import rank_order_centroid, rank_sum

METHODS = [rank_order_centroid.METHOD, rank_sum.METHOD]


@pytest.fixture(params=METHODS, ids=lambda m: m.name)
def method(request):
    return request.param


def problems(method, rubric, ranking):
    return method.check_params({"ranking": ranking}, rubric)


def test_a_full_ranking_has_no_problems(method, reference_rubric):
    """Ranking every child of the nodes named is fine, ties included."""
    ranking = {"root": ["ideological", "geopolitical"],
               "geopolitical": [["china-misuse", "backdoor-risk"], "global-power"]}
    assert problems(method, reference_rubric, ranking) == []


def test_missing_child(method, reference_rubric):
    """A node ranked must list all its children: the message names those left out."""
    [message] = problems(method, reference_rubric, {"ideological": ["transparency"]})
    assert message.startswith("ranking.ideological: 'progress', 'power-distribution' are missing")
    assert "leave 'ideological' out" in message


def test_unknown_child_suggests_a_close_id(method, reference_rubric):
    """A child that is not below the node is named, with the nearest id."""
    found = problems(method, reference_rubric, {"ideological": ["transparency", "progres", "power-distribution"]})
    assert any("'progres' is not directly below group 'ideological'; did you mean 'progress'?" in m for m in found)


def test_child_of_another_node(method, reference_rubric):
    """A criterion of another group is not a child of this one."""
    found = problems(method, reference_rubric, {"ideological": ["transparency", "progress", "china-misuse"]})
    assert any("'china-misuse' is not directly below group 'ideological'" in m for m in found)


def test_duplicate(method, reference_rubric):
    """A child ranked twice is reported."""
    found = problems(method, reference_rubric, {"root": ["geopolitical", ["geopolitical", "ideological"]]})
    assert found == ["ranking.root: 'geopolitical' is given twice"]


def test_unknown_node(method, reference_rubric):
    """A key that is neither root nor a group is named, with the nearest one."""
    [message] = problems(method, reference_rubric, {"geopolitics": ["china-misuse", "backdoor-risk", "global-power"]})
    assert message.startswith("ranking.geopolitics: neither \"root\" nor a group of rubric 'open-source-ai'; "
                              "did you mean 'geopolitical'?")


def test_criterion_as_node(method, reference_rubric):
    """A criterion has no children to rank."""
    [message] = problems(method, reference_rubric, {"china-misuse": []})
    assert message.startswith("ranking.china-misuse: 'china-misuse' is a criterion")


def test_group_called_root_is_ambiguous(method, make_rubric):
    """If a group is called root, the key "root" cannot say which node it means."""
    rubric = make_rubric({"root": ["a", "b"], "other": ["c"]})
    [message] = problems(method, rubric, {"root": ["a", "b"]})
    assert "ambiguous" in message


@pytest.mark.parametrize(("ranking", "expected"), [
    ({"root": "geopolitical"}, "ranking.root: expected a list of ids"),
    ({"root": ["geopolitical", []]}, "ranking.root[1]: an empty list"),
    ({"root": ["geopolitical", 2]}, "ranking.root[1]: expected an id, or an inner list of ids that tie, found int (2)"),
    ({"root": [["geopolitical", ["ideological"]]]}, "ranking.root[0]: expected an id, or an inner list"),
    (["geopolitical", "ideological"], "ranking: expected a table whose keys are \"root\" or group ids"),
    ({}, "ranking: an empty table"),
    (None, "ranking: expected a table"),
])
def test_wrong_shapes(method, reference_rubric, ranking, expected):
    """Values of the wrong shape say what was expected and what was found."""
    found = problems(method, reference_rubric, ranking)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_every_problem_is_reported(method, reference_rubric):
    """Problems in several nodes are all reported, not only the first."""
    ranking = {"root": ["geopolitical"], "ideological": "transparency", "nowhere": []}
    assert len(problems(method, reference_rubric, ranking)) == 3


def test_derive_refuses_what_check_params_refuses(method, reference_rubric):
    """Called without the loader's check, derive raises instead of returning wrong weights."""
    with pytest.raises(ValueError, match="'ideological' is missing"):
        method.derive(reference_rubric, {"ranking": {"root": ["geopolitical"]}})
