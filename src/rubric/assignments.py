"""Proposals sorted into ordered classes under the schemes that name a sorting method.

:func:`sort` runs each scheme's sorting method (through the registry, as
every plugin call) on an evaluation's values, flat weights and totals, checks
what it returns, and gives a :class:`Sorting` whose tables say each proposal's
class — the pessimistic and optimistic pair where the method may give two —
and the criteria that decided it.
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from rubric.components import Assignment, SortingMethod, Table
from rubric.errors import RubricError
from rubric.rendering import Rendered
from rubric.results import Evaluation, SchemeResult

__all__ = ["SchemeSorting", "Sorting", "sort"]

CATEGORY = "sorting method"


@attrs.frozen
class SchemeSorting:
    """One scheme's classes: the method, its class labels, one assignment per proposal."""

    result: SchemeResult
    method: SortingMethod
    classes: tuple[str, ...]
    assignments: tuple[Assignment, ...]

    def label(self, assignment: Assignment) -> str:
        """The class, or ``pessimistic … optimistic`` where the two differ."""
        low, high = self.classes[assignment.low], self.classes[assignment.high]
        return low if low == high else f"{low} … {high}"


@attrs.frozen(repr=False)
class Sorting(Rendered):
    """Proposals in ordered classes, per scheme that names a sorting method."""

    evaluation: Evaluation
    schemes: tuple[SchemeSorting, ...]

    def __repr__(self) -> str:
        schemes = ", ".join(s.result.scheme.id for s in self.schemes)
        return f"<Sorting of {len(self.evaluation.proposals)} proposals under {schemes}>"

    def table(self, sorting: SchemeSorting) -> Table:
        """The classes under one scheme, best class first, then by rank."""
        scheme = sorting.result.scheme
        order = sorted(
            range(len(sorting.assignments)),
            key=lambda i: (-sorting.assignments[i].low, -sorting.assignments[i].high, sorting.result.ranks[i]),
        )
        interval = sorting.method.interval
        headers = ("Proposal", *(("Pessimistic", "Optimistic") if interval else ("Class",)), "Decided by", "How")
        rows, data = [], []
        for i in order:
            proposal, found = self.evaluation.proposals[i], sorting.assignments[i]
            classes: tuple[str, ...] = (sorting.classes[found.low],)
            if interval:
                classes += (sorting.classes[found.high],)
            rows.append((proposal.id, *classes, ", ".join(found.criteria), found.note))
            data.append({
                "rubric": self.evaluation.rubric.id,
                "scheme": scheme.id,
                "method": sorting.method.name,
                "proposal": proposal.id,
                "pessimistic": sorting.classes[found.low],
                "optimistic": sorting.classes[found.high],
                "criteria": " ".join(found.criteria),  # ids never hold spaces: one cell in CSV, split() in Python
                "note": found.note,
            })
        notes: tuple[str, ...] = (f"Classes, worst first: {', '.join(sorting.classes)}.",)
        if interval:
            notes += ("Pessimistic and optimistic differ where a proposal is incomparable with a class profile.",)
        return Table(
            title=f"{self.evaluation.heading} — classes under {scheme.title} ({sorting.method.name})",
            headers=headers,
            rows=tuple(rows),
            notes=notes,
            name="classes",
            data=tuple(data),
        )

    def tables(self) -> list[Table]:
        return [self.table(s) for s in self.schemes]


def sort(evaluation: Evaluation, schemes: Optional[Sequence[str]] = None) -> Sorting:
    """Sort the evaluation's proposals under each scheme with a ``sorting`` table (or those named)."""
    chosen = [evaluation.result(s) for s in schemes] if schemes else [r for r in evaluation.results if r.scheme.sorting]
    return Sorting(evaluation, tuple(_sort_scheme(evaluation, result) for result in chosen))


def _sort_scheme(evaluation: Evaluation, result: SchemeResult) -> SchemeSorting:
    rubric, registry, scheme = evaluation.rubric, evaluation.registry, result.scheme
    if scheme.sorting is None:
        with_sorting = [r.scheme.id for r in evaluation.results if r.scheme.sorting]
        known = f"; those that do: {', '.join(with_sorting)}" if with_sorting else ""
        raise RubricError(f"scheme {scheme.id!r} of rubric {rubric.id!r} names no sorting method{known}")
    method = registry.sorting_method(scheme.sorting.name)
    params = {**method.params, **scheme.sorting.params}
    totals = list(result.scores)
    if method.grades and rubric.grades and not {"classes", "bounds"} & set(scheme.sorting.params):
        bands = rubric.grades.bands[::-1]  # worst first, as classes are
        params.update(classes=[b.label for b in bands], bounds={b.label: b.lower for b in bands[1:]})
        totals = [evaluation.graded(result, None, i) for i in range(len(totals))]
    classes = tuple(params.pop("classes"))
    matrix = [[v.score for v in row] for row in evaluation.values]
    weights = [result.weights[c.id] for c in rubric.criteria]
    found = registry.call(
        CATEGORY,
        method,
        f"sorting the proposals of rubric {rubric.id!r} under scheme {scheme.id!r}",
        method.sort,
        matrix,
        weights,
        scale=rubric.scale,
        criteria=rubric.criteria,
        totals=totals,
        classes=classes,
        **params,
    )
    assignments = tuple(found or ())
    problem = _wrong(assignments, len(matrix), len(classes))
    if problem:
        raise registry.plugin_error(CATEGORY, method.name, f"sorting method {method.name!r} {problem}")
    return SchemeSorting(result, method, classes, assignments)


def _wrong(assignments: Sequence[object], n: int, k: int) -> str:
    """What is wrong with a method's answer ("" if nothing): the count, the type, the classes' order."""
    if len(assignments) != n:
        return f"returned {len(assignments)} assignments for {n} proposals"
    for i, found in enumerate(assignments):
        if not isinstance(found, Assignment):
            return f"must return Assignment objects, got {type(found).__name__}"
        if not (isinstance(found.low, int) and isinstance(found.high, int) and 0 <= found.low <= found.high < k):
            expected = f"expected 0 ≤ pessimistic ≤ optimistic < {k}"
            return f"returned classes {found.low!r} … {found.high!r} for proposal {i}; {expected}"
    return ""
