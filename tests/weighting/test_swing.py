"""Swing weights against hand computation, and their problems."""

from __future__ import annotations

import pytest

from rubric.weighting.swing import METHOD


def swing(rubric, points):
    return METHOD.derive(rubric, {"points": points})


def problems(rubric, points):
    return METHOD.check_params({"points": points}, rubric)


def test_points_normalised_within_each_node(reference_rubric):
    """100, 70, 30 → 0.5, 0.35, 0.15; 100, 80 → 5/9, 4/9; other nodes get no weights."""
    derived = swing(reference_rubric, {"root": {"geopolitical": 100, "ideological": 80},
                                       "ideological": {"transparency": 100, "progress": 70, "power-distribution": 30}})
    assert dict(derived.weights) == pytest.approx({"geopolitical": 5 / 9, "ideological": 4 / 9, "transparency": 0.5,
                                                   "progress": 0.35, "power-distribution": 0.15}, abs=1e-15)
    assert derived.details == {}


def test_zero_points_give_zero_weight(reference_rubric):
    """A swing that makes no difference gets weight 0."""
    derived = swing(reference_rubric, {"geopolitical": {"china-misuse": 100, "backdoor-risk": 0, "global-power": 25}})
    assert dict(derived.weights) == pytest.approx({"china-misuse": 0.8, "backdoor-risk": 0.0, "global-power": 0.2})


def test_several_swings_may_share_the_top(reference_rubric):
    """Two children both at 100 tie for the reference swing."""
    derived = swing(reference_rubric, {"root": {"geopolitical": 100, "ideological": 100.0}})
    assert dict(derived.weights) == pytest.approx({"geopolitical": 0.5, "ideological": 0.5})


def test_deeper_tree(deep_rubric):
    """A group holding a sub-group and a criterion gives points to both."""
    derived = swing(deep_rubric, {"security": {"china-misuse": 100, "supply-chain": 50}})
    assert dict(derived.weights) == pytest.approx({"china-misuse": 2 / 3, "supply-chain": 1 / 3})


def test_largest_swing_must_be_100(reference_rubric):
    """Points relative to a reference of 100: a node whose top is not 100 is named with its top."""
    [message] = problems(reference_rubric, {"root": {"geopolitical": 90, "ideological": 45}})
    assert message.startswith("points.root: the largest swing of the root is 'geopolitical' with 90 points; "
                              "the most important swing is the reference and gets exactly 100")


@pytest.mark.parametrize(("value", "expected"), [
    (120, "found int (120)"),
    (-5, "found int (-5)"),
    ("high", "found a string ('high')"),
    (False, "found a boolean (False)"),
    (float("nan"), "found float (nan)"),
])
def test_points_between_0_and_100(reference_rubric, value, expected):
    """Points outside 0–100 or not numbers are refused with what was found."""
    found = problems(reference_rubric, {"root": {"geopolitical": 100, "ideological": value}})
    assert found == [f"points.root.ideological: expected points from 0 to 100, {expected}"]


def test_missing_child(reference_rubric):
    """A node given points must give them to all its children."""
    [message] = problems(reference_rubric, {"ideological": {"transparency": 100, "progress": 40}})
    assert message.startswith("points.ideological: 'power-distribution' is missing; swing weighting needs every "
                              "child of group 'ideological'")


def test_unknown_child(reference_rubric):
    """A child that is not below the node is named, with the nearest id."""
    found = problems(reference_rubric, {"ideological": {"transparency": 100, "progres": 40, "power-distribution": 9}})
    assert found[0].startswith("points.ideological: 'progres' is not directly below group 'ideological'; "
                               "did you mean 'progress'?")


def test_unknown_node(reference_rubric):
    """A key that is neither root nor a group is named."""
    points = {"china-misuse": 100, "backdoor-risk": 1, "global-power": 1}
    [message] = problems(reference_rubric, {"geopolitics": points})
    assert message.startswith("points.geopolitics: neither \"root\" nor a group")


@pytest.mark.parametrize(("points", "expected"), [
    ([100, 80], "points: expected a table whose keys are \"root\" or group ids"),
    ({}, "points: an empty table"),
    ({"root": [100, 80]}, "points.root: expected a table of child = points, found a list ([100, 80])"),
])
def test_wrong_shapes(reference_rubric, points, expected):
    """Values of the wrong shape say what was expected and what was found."""
    [message] = problems(reference_rubric, points)
    assert message.startswith(expected)


def test_derive_refuses_what_check_params_refuses(reference_rubric):
    """Called without the loader's check, derive raises instead of returning wrong weights."""
    with pytest.raises(ValueError, match="exactly 100"):
        swing(reference_rubric, {"root": {"geopolitical": 10, "ideological": 5}})
