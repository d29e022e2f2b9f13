"""The loader's check of a constraints table: every problem at its key, infeasible bounds found early."""

from __future__ import annotations

from rubric.loading.constraints import check_constraints, constraint_problems
from rubric.model import Criterion, Group, MethodChoice, Rubric, Scale, Scheme


def tree_rubric():
    """Groups ideological (transparency, progress) and geopolitical (misuse, backdoors)."""
    tree = {"ideological": ["transparency", "progress"], "geopolitical": ["misuse", "backdoors"]}
    criteria = tuple(Criterion(c, g, c.title()) for g, cs in tree.items() for c in cs)
    scheme = Scheme("s", "S", MethodChoice("equal"))
    scale = Scale(-2, 2, ("--", "-", "0", "+", "++"))
    return Rubric("r", "R", "1", scale, tuple(Group(g, g.title()) for g in tree), criteria, (scheme,))


def constraint_keys(constraints):
    return [key for key, _ in constraint_problems(constraints, tree_rubric())]


def test_constraint_problems_name_the_key_and_what_was_found():
    """Each malformed entry is reported at its own key, saying what was expected and found."""
    rubric = tree_rubric()
    problems = check_constraints(
        {
            "bounds": {"geopolitcal": [0.1, 0.2], "misuse": [0.8, 0.3], "progress": "high"},
            "order": ["misuse > backdoors", "misuse >= misuse", "misuse >= 0 * progress", 3],
            "limits": {},
        },
        rubric,
    )
    text = "\n".join(problems)
    assert "bounds.geopolitcal: no criterion or group has id 'geopolitcal'; did you mean 'geopolitical'?" in text
    assert "bounds.misuse: expected [low, high] with 0 <= low <= high <= 1, found [0.8, 0.3]" in text
    assert "bounds.progress: expected [low, high]" in text and "found 'high'" in text
    assert "order[0]: expected 'A >= B'" in text and "found 'misuse > backdoors'" in text
    assert "order[1]: expected two different criteria or groups" in text
    assert "order[2]: expected a positive finite factor, found 0" in text
    assert "order[3]: expected a string" in text and "found 3" in text
    assert "limits: expected `bounds` or `order`" in text


def test_constraint_problems_in_shape():
    """A constraints value that is not a table, or bounds and order of the wrong type."""
    assert constraint_keys("tight") == [""]
    assert constraint_keys({"bounds": [0.1, 0.2]}) == ["bounds"]
    assert constraint_keys({"order": "misuse >= backdoors"}) == ["order"]
    assert constraint_keys({}) == [] and constraint_keys(None) == []


def test_infeasible_bounds_are_found_without_sampling():
    """Bounds whose totals cannot meet are reported by the loader-time check."""
    problems = check_constraints({"bounds": {"misuse": [0.5, 1], "backdoors": [0.5, 1], "ideological": [0.2, 1]}}, tree_rubric())
    assert problems and problems[0].startswith("bounds: no weighting satisfies these bounds: the top-level weights must sum to 1")
    problems = check_constraints({"bounds": {"geopolitical": [0.1, 0.2], "misuse": [0.3, 0.4]}}, tree_rubric())
    assert problems and "group 'geopolitical'" in problems[0]
    assert check_constraints({"bounds": {"geopolitical": [0.5, 0.5], "misuse": [0.2, 0.3]}}, tree_rubric()) == []
