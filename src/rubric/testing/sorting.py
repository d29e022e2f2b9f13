"""Check that a sorting method keeps its contract and the properties it declares.

:func:`check_sorting_method` draws cases — a scale, 1 to 6 proposals × 1 to 4
criteria, weights, 2 to 4 classes and class profiles that dominate one another
in order — and calls ``method.sort`` the way ``rubric sort`` does, with the
totals a weighted sum gives.  Always checked: one :class:`Assignment` per
proposal, its classes within the declared ones, pessimistic ≤ optimistic, and
the two equal unless the method declares ``interval``.  Then, where declared:

``monotonicity``
    raising one of a proposal's values never moves it to a worse class, pessimistic
    or optimistic;
``independence-of-irrelevant-alternatives``
    removing another proposal never changes a proposal's classes.

The drawn parameters are ``profiles`` (class → criterion id → lower limit) and
``bounds`` (class → lower bound on the total, the weighted mean of its profile),
each passed only if the method declares it; ``params`` adds or overrides them
(a mapping, or a function of the :class:`SortCase` for scale-dependent ones)::

    check_sorting_method(METHOD, params={"majority": 0.7})
    check_sorting_method(ELECTRE, params=lambda case: {"preference": case.width / 4})
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Union

import attrs
import hypothesis
from hypothesis import strategies as st

from rubric.components import Assignment, Property, SortingMethod
from rubric.model import Criterion, Scale
from rubric.testing.strategies import cases, values_on

__all__ = ["SortCase", "check_sorting_method", "sort_cases"]

Params = Union[Mapping[str, Any], Callable[["SortCase"], Mapping[str, Any]], None]


@attrs.frozen
class SortCase:
    """One input to a sorting method: scale, matrix, weights, classes and one profile row per class above the worst."""

    scale: Scale
    matrix: list
    weights: list
    classes: tuple
    profiles: list

    @property
    def width(self) -> float:
        """The scale's range, for parameters given relative to it."""
        return float(self.scale.max) - float(self.scale.min)

    @property
    def criteria(self) -> tuple:
        return tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(len(self.weights)))

    def totals(self, matrix=None) -> list:
        """What a weighted sum gives each proposal."""
        return [sum(w * x for w, x in zip(self.weights, row)) for row in (self.matrix if matrix is None else matrix)]

    def drawn_params(self) -> dict:
        """The drawn ``profiles``, and ``bounds`` on the total: the weighted mean of each profile."""
        ids = [c.id for c in self.criteria]
        above = list(zip(self.classes[1:], self.profiles))
        return {
            "profiles": {label: dict(zip(ids, row)) for label, row in above},
            "bounds": {label: sum(w * x for w, x in zip(self.weights, row)) for label, row in above},
        }

    def describe(self) -> str:
        return (
            f"  scale: {self.scale.min} to {self.scale.max}\n  matrix: {self.matrix!r}\n  weights: {self.weights!r}\n"
            f"  classes: {self.classes!r}\n  profiles (one row per class above the worst): {self.profiles!r}"
        )


@st.composite
def sort_cases(draw) -> SortCase:
    """A random :class:`SortCase`; the profiles of better classes are at least as high on every criterion."""
    case = draw(cases(max_proposals=6, max_criteria=4))
    k = draw(st.integers(2, 4))
    value = values_on(case.scale)
    columns = [sorted(draw(st.lists(value, min_size=k - 1, max_size=k - 1))) for _ in case.weights]
    profiles = [list(row) for row in zip(*columns)]
    return SortCase(case.scale, case.matrix, case.weights, tuple(f"class {h}" for h in range(k)), profiles)


class _Runner:
    def __init__(self, method: SortingMethod, params: Params):
        self.method, self.params = method, params

    def sort(self, case: SortCase, matrix=None) -> list:
        matrix = case.matrix if matrix is None else matrix
        extra = self.params(case) if callable(self.params) else (self.params or {})
        drawn = {k: v for k, v in case.drawn_params().items() if k in self.method.params}
        params = {**self.method.params, **drawn, **extra}
        params.pop("classes", None)
        found = list(self.method.sort(
            matrix, case.weights, scale=case.scale, criteria=case.criteria, totals=case.totals(matrix),
            classes=case.classes, **params,
        ))
        self.valid(case, matrix, found)
        return found

    def fail(self, what: str, case: SortCase) -> None:
        raise AssertionError(f"sorting method {self.method.name!r} {what}\n{case.describe()}")

    def valid(self, case: SortCase, matrix: list, found: list) -> None:
        if len(found) != len(matrix):
            self.fail(f"returned {len(found)} assignments for {len(matrix)} proposals", case)
        k = len(case.classes)
        for i, a in enumerate(found):
            if not isinstance(a, Assignment):
                self.fail(f"must return Assignment objects, got {type(a).__name__}", case)
            if not 0 <= a.low <= a.high < k:
                self.fail(f"gave proposal {i} the classes {a.low} … {a.high}, outside 0 ≤ pessimistic ≤ optimistic < {k}", case)
            if a.low != a.high and not self.method.interval:
                self.fail(f"gave proposal {i} two classes ({a.low}, {a.high}) but does not declare interval", case)


def _contract(run: _Runner, draw, case: SortCase) -> None:
    """Nothing beyond what every call checks: the assignments' count, type and order."""


def _monotonicity(run: _Runner, draw, case: SortCase) -> None:
    i = draw(st.integers(0, len(case.matrix) - 1))
    j = draw(st.integers(0, len(case.weights) - 1))
    old = case.matrix[i][j]
    hypothesis.assume(old < case.scale.max)
    new = draw(st.one_of(st.just(float(case.scale.max)), values_on(case.scale).filter(lambda v: v > old)))
    matrix = [list(row) for row in case.matrix]
    matrix[i][j] = new
    before, after = run.sort(case)[i], run.sort(case, matrix)[i]
    if after.low < before.low or after.high < before.high:
        run.fail(
            f"declares monotonicity but breaks it: raising proposal {i}'s value on c{j} from {old!r} to {new!r} "
            f"moved it from classes {before.low} … {before.high} to {after.low} … {after.high}",
            case,
        )


def _independence(run: _Runner, draw, case: SortCase) -> None:
    hypothesis.assume(len(case.matrix) > 1)
    gone = draw(st.integers(0, len(case.matrix) - 1))
    before = run.sort(case)
    after = run.sort(case, [row for r, row in enumerate(case.matrix) if r != gone])
    kept = [a for r, a in enumerate(before) if r != gone]
    for position, (a, b) in enumerate(zip(kept, after)):
        if (a.low, a.high) != (b.low, b.high):
            run.fail(
                f"declares independence-of-irrelevant-alternatives but breaks it: removing proposal {gone} moved "
                f"proposal {position + (position >= gone)} from {a.low} … {a.high} to {b.low} … {b.high}",
                case,
            )


def _given(chosen: hypothesis.settings, run: _Runner, check: Callable) -> Callable[[], None]:
    """One hypothesis test: the contract on a drawn case, then ``check``."""

    @chosen
    @hypothesis.given(st.data(), sort_cases())
    def test(data, case):
        run.sort(case)
        check(run, data.draw, case)

    return test


_CHECKS = {Property.MONOTONICITY: _monotonicity, Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES: _independence}


def check_sorting_method(
    method: SortingMethod, *, params: Params = None, max_examples: int = 100, settings: Optional[hypothesis.settings] = None
) -> None:
    """Test the contract of ``method.sort`` and every property it declares.

    :raises AssertionError: for each failure, with the smallest counterexample found.
    :raises ValueError: if it declares a property no sorting check exists for.
    """
    unknown = set(method.properties) - set(_CHECKS)
    if unknown:
        names = ", ".join(sorted(p.value for p in unknown))
        raise ValueError(f"sorting method {method.name!r} declares {names}, which sorting methods cannot promise")
    run = _Runner(method, params)
    chosen = settings or hypothesis.settings(max_examples=max_examples, deadline=None, database=None)
    checks = [_contract, *(_CHECKS[p] for p in sorted(method.properties, key=list(Property).index))]
    failures = []
    for check in checks:
        try:
            _given(chosen, run, check)()
        except AssertionError as exc:
            failures.append(str(exc))
    if failures:
        raise AssertionError("\n\n".join(failures))
