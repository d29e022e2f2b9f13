"""Every registered sorting method against its declaration, and the kit catching methods that break theirs."""

from __future__ import annotations

import pytest

from rubric.components import Assignment, Property, SortingMethod
from rubric.discovery import create_registry
from rubric.testing import check_sorting_method

REGISTRY = create_registry(autoload=False)
METHODS = {name: REGISTRY.sorting_method(name) for name in REGISTRY.names("sorting method")}

#: Parameters beyond the drawn profiles, each checked against the same declaration.
VARIANTS = [
    ("mr-sort", {"majority": 0.75}),
    ("mr-sort", {"majority": 1.0}),
    ("mr-sort", lambda case: {"vetoes": {case.classes[-1]: {"c0": float(case.scale.min)}}}),
    ("electre-tri-b", {"cut": 0.6}),
    ("electre-tri-b", lambda case: {"indifference": case.width / 10, "preference": case.width / 4, "veto": case.width / 2}),
    ("electre-tri-b", lambda case: {"indifference": 0.0, "preference": case.width / 3, "cut": 1.0}),
]


@pytest.mark.parametrize("name", sorted(METHODS))
def test_builtin_sorting_method_keeps_its_declaration(name):
    """Valid classes, pessimistic ≤ optimistic, and each declared property, on drawn cases."""
    check_sorting_method(METHODS[name], max_examples=40)


@pytest.mark.parametrize(("name", "params"), VARIANTS)
def test_with_other_parameters(name, params):
    """The same declaration holds with other thresholds, majorities and veto profiles."""
    check_sorting_method(METHODS[name], params=params, max_examples=25)


def test_every_builtin_declares_monotonicity_and_electre_an_interval():
    """Improving a proposal never moves it down, under every built-in; only ELECTRE TRI gives two classes."""
    assert all(Property.MONOTONICITY in m.properties for m in METHODS.values())
    assert [n for n, m in METHODS.items() if m.interval] == ["electre-tri-b"]


def _antitone(matrix, weights, *, scale, criteria, totals, classes, profiles):
    """A lying method: the better the first value, the worse the class."""
    k = len(classes)
    positions = [min(k - 1, int((row[0] - scale.min) / (scale.max - scale.min) * k)) for row in matrix]
    return [Assignment(k - 1 - h, k - 1 - h) for h in positions]


def test_the_kit_catches_a_method_that_is_not_monotone():
    """A method declaring monotonicity whose class falls as a value rises fails, with the counterexample."""
    liar = SortingMethod("liar", sort=_antitone, params={"classes": None, "profiles": None}, properties={Property.MONOTONICITY})
    with pytest.raises(AssertionError, match="declares monotonicity but breaks it"):
        check_sorting_method(liar, max_examples=50)


def test_the_kit_catches_pessimistic_above_optimistic_and_undeclared_intervals():
    """Classes out of order, or two classes from a method that does not declare ``interval``, fail."""
    upside_down = SortingMethod("upside-down", sort=lambda m, w, **_: [Assignment(1, 0)] * len(m), params={"classes": None})
    with pytest.raises(AssertionError, match="outside 0 ≤ pessimistic ≤ optimistic"):
        check_sorting_method(upside_down, max_examples=10)
    two = SortingMethod("two", sort=lambda m, w, **_: [Assignment(0, 1)] * len(m), params={"classes": None})
    with pytest.raises(AssertionError, match="does not declare interval"):
        check_sorting_method(two, max_examples=10)


def test_the_kit_catches_a_class_outside_the_declared_ones():
    """A class index past the last class fails."""
    beyond = SortingMethod("beyond", sort=lambda m, w, *, classes, **_: [Assignment(len(classes), len(classes))] * len(m))
    with pytest.raises(AssertionError, match="outside"):
        check_sorting_method(beyond, max_examples=10)


def test_the_kit_catches_a_class_that_depends_on_the_others():
    """A method declaring independence whose classes are ranks among the proposals fails when one is removed."""

    def by_rank(matrix, weights, *, totals, classes, **_):
        order = sorted(range(len(totals)), key=lambda i: totals[i])
        top = order[-1]
        return [Assignment(1, 1) if i == top else Assignment(0, 0) for i in range(len(totals))]

    relative = SortingMethod(
        "relative", sort=by_rank, params={"classes": None}, properties={Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES}
    )
    with pytest.raises(AssertionError, match="declares independence-of-irrelevant-alternatives but breaks it"):
        check_sorting_method(relative, max_examples=80)
