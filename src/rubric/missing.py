"""Missing data: which proposals are scored, and how each gap is filled, by a stated rule.

A cell of the value matrix may be a :class:`~rubric.components.Gap`: a
rating of ``"unknown"`` or ``"not-applicable"``, a criterion not assessed, or
a computed criterion whose fact is missing.  The rubric's ``missing`` rule (a
scheme may name its own) says what a gap means:

``error`` (the default)
    ``rubric validate`` reports the gap; ``score`` and ``compare`` list the
    proposal as not scored, with the reason, and score every other proposal.
``reweight``
    The criterion is dropped for that proposal and its siblings' weights
    renormalised.  The gap is filled with the proposal's own weighted mean
    over the assessed criteria under the criterion's group (the next group up
    where none is assessed): for a linear method (weighted sum) that is exactly
    renormalising the siblings' weights so the group keeps its share; for
    every other method it is the value that leaves the group's weighted mean
    unmoved, so the rule is defined for every method and never favours a gap.
``worst``, ``midpoint``
    The bottom, or the middle, of the scale.
``impute-mean``
    The mean of the other proposals' values on that criterion.
``interval``
    The whole scale as low…high, so SMAA samples it; the score is the midpoint.

A not-applicable criterion is always reweighted, whatever the rule: it is
not a gap in the evidence but a criterion that does not count.  A proposal
below the rubric's ``min_coverage`` (criteria assessed / criteria that apply)
is not scored either.
"""

from __future__ import annotations

from typing import Optional, Sequence, Union

import attrs

from rubric.components import CriterionValue, Gap
from rubric.errors import Problem
from rubric.model import Proposal, Rubric, Scheme
from rubric.values import gap_error

__all__ = ["MISSING_RULES", "Gaps", "Unscored", "coverage", "fill", "rules", "split"]

#: The rules a rubric's or scheme's ``missing`` may name.
MISSING_RULES = ("error", "reweight", "worst", "midpoint", "impute-mean", "interval")

Cell = Union[CriterionValue, Gap]


@attrs.frozen
class Unscored:
    """A proposal the rubric applies to but that is not scored, and why.

    ``problems`` locate the reason in the files, for a command that has
    nothing else to show.
    """

    proposal: Proposal
    reason: str
    problems: tuple = ()


def _is(cell: Cell, kind: str) -> bool:
    """Whether a cell is a gap of this kind."""
    return isinstance(cell, Gap) and cell.kind == kind


def _scores(cells: Sequence[Cell]) -> list[float]:
    """The scores of the cells that are values, not gaps."""
    return [cell.score for cell in cells if isinstance(cell, CriterionValue)]


def rules(rubric: Rubric, schemes: Sequence[Scheme]) -> list[str]:
    """The rule of each scheme: its own ``missing``, else the rubric's."""
    return [scheme.missing or rubric.missing for scheme in schemes]


def coverage(row: Sequence[Cell]) -> tuple[int, int]:
    """(criteria assessed, criteria that apply) of one proposal's row."""
    applicable = [cell for cell in row if not _is(cell, "not-applicable")]
    return sum(not isinstance(cell, Gap) for cell in applicable), len(applicable)


def _unknowns(rubric: Rubric, row: Sequence[Cell]) -> list[str]:
    return [
        f"{criterion.id} ({cell.reason or 'unknown'})"
        for criterion, cell in zip(rubric.criteria, row)
        if isinstance(cell, Gap) and cell.kind == "unknown"
    ]


def split(
    rubric: Rubric, schemes: Sequence[Scheme], proposals: Sequence[Proposal], rows: Sequence[Sequence[Cell]]
) -> tuple[list[int], list[Unscored]]:
    """The positions of the proposals to score, and the others with the reason.

    A proposal is not scored when a scheme's rule is ``error`` and it has an
    unknown value, when its coverage is below ``min_coverage`` or nothing
    applies, or when ``impute-mean`` has no other proposal to take a mean of.
    """
    chosen = rules(rubric, schemes)
    erring = [s.id for s, rule in zip(schemes, chosen) if rule == "error"]
    imputing = "impute-mean" in chosen
    scored, unscored = [], []
    for index, (proposal, row) in enumerate(zip(proposals, rows)):
        assessed, applicable = coverage(row)
        unknown = _unknowns(rubric, row)
        reason = ""
        if not applicable:
            reason = "no criterion applies to it (every one is not-applicable)"
        elif unknown and erring:
            rule = f"rule missing = \"error\" (scheme{'s' * (len(erring) > 1)} {', '.join(erring)})"
            reason = f"unknown: {'; '.join(unknown)}; {rule}"
        elif assessed / applicable < rubric.min_coverage:
            reason = f"coverage {assessed}/{applicable} is below the rubric's min_coverage {rubric.min_coverage:g}"
        elif imputing and unknown:
            alone = [
                c.id
                for j, c in enumerate(rubric.criteria)
                if _is(row[j], "unknown") and not _scores([other[j] for k, other in enumerate(rows) if k != index])
            ]
            if alone:
                reason = f"rule impute-mean has no other proposal's value on {', '.join(alone)}"
        if reason:
            located = [
                problem
                for criterion, cell in zip(rubric.criteria, row)
                if isinstance(cell, Gap) and cell.kind == "unknown" and erring
                for problem in gap_error(rubric, criterion, proposal, cell).problems
            ]
            where = f"assessments.{rubric.id}"
            fallback = (Problem(proposal.path, where, f"not scored: {reason}"),)
            unscored.append(Unscored(proposal, reason, tuple(located) or fallback))
        else:
            scored.append(index)
    return scored, unscored


def _sibling_mean(rubric: Rubric, row: Sequence[Cell], j: int, weights: Sequence[float]) -> Optional[float]:
    """The row's weighted mean over the assessed criteria under criterion ``j``'s group, going up as needed."""
    parents = {g.id: g.parent for g in rubric.groups}
    group: Optional[str] = rubric.criteria[j].group
    while True:
        columns = rubric.columns_under(group) if group is not None else range(len(rubric.criteria))
        known = [(weights[k], score) for k in columns for score in _scores([row[k]])]
        if known:
            total = sum(w for w, _ in known)
            if total > 0:
                return sum(w * x for w, x in known) / total
            return sum(x for _, x in known) / len(known)
        if group is None:
            return None
        group = parents.get(group)


def fill(rubric: Rubric, rule: str, rows: Sequence[Sequence[Cell]], weights: Sequence[float]) -> list[list[CriterionValue]]:
    """Every gap of ``rows`` filled under ``rule`` (``weights``: the scheme's flat weights).

    ``impute-mean`` takes the mean over the other ``rows``, so pass every
    proposal the rubric applies to and keep the scored ones (see :func:`split`).

    The filled value says its gap and rule (:attr:`CriterionValue.gap`,
    :attr:`CriterionValue.rule`) and, in its note, how it was obtained.
    """
    scale = rubric.scale
    middle = (scale.min + scale.max) / 2
    filled = []
    for index, row in enumerate(rows):
        out = []
        for j, cell in enumerate(row):
            if isinstance(cell, CriterionValue):
                out.append(cell)
                continue
            how = "reweight" if cell.kind == "not-applicable" or rule == "error" else rule
            low = high = None
            if how == "reweight":
                value = _sibling_mean(rubric, row, j, weights)
                score = middle if value is None else value
                note = "dropped: its siblings' weights renormalised (filled with their weighted mean, which moves nothing)"
            elif how == "worst":
                score, note = scale.min, f"the worst value on the scale, {scale.min:g}"
            elif how == "midpoint":
                score, note = middle, f"the midpoint of the scale, {middle:g}"
            elif how == "interval":
                score, low, high = middle, scale.min, scale.max
                note = f"the whole scale {scale.min:g}…{scale.max:g} as an interval; scored at its midpoint {middle:g}"
            else:  # impute-mean: split() has made sure another proposal has a value
                others = _scores([other[j] for k, other in enumerate(rows) if k != index])
                score = sum(others) / len(others)
                note = f"the mean of {len(others)} other proposal{'s' * (len(others) != 1)}' values, {score:.3g}"
            reason = f" ({cell.reason})" if cell.reason else ""
            out.append(CriterionValue(score, low, high, note=f"{cell.kind}{reason}; rule {how}: {note}", gap=cell.kind, rule=how))
        filled.append(out)
    return filled


class Gaps:
    """One rubric's value cells for the engine: who is scored, and the values each scheme sees.

    The fill depends on the scheme's rule and, for ``reweight``, its weights,
    so it is computed per distinct (rule, weights) and reused; with no gap at
    all every scheme sees the same rows.  :attr:`values` are the rows the first
    scheme saw (what :attr:`~rubric.results.Evaluation.values` holds).
    """

    def __init__(
        self, rubric: Rubric, schemes: Sequence[Scheme], proposals: Sequence[Proposal], rows: Sequence[Sequence[Cell]]
    ) -> None:
        self.rubric = rubric
        positions, unscored = split(rubric, schemes, proposals, rows)
        self.unscored = tuple(unscored)
        self.proposals = [proposals[i] for i in positions]
        self._rows = rows
        self._positions = positions
        self._gapped = any(isinstance(cell, Gap) for i in positions for cell in rows[i])
        self._filled: dict = {}
        self.values: Optional[tuple] = None

    def fill(self, scheme: Scheme, weights: Sequence[float]) -> tuple:
        """The scored proposals' rows as ``scheme`` (with these flat weights) sees them."""
        rule = scheme.missing or self.rubric.missing
        key = (rule, tuple(weights) if rule == "reweight" or self._reweights() else ()) if self._gapped else None
        if key not in self._filled:
            rows = fill(self.rubric, rule, self._rows, weights) if self._gapped else self._rows
            self._filled[key] = tuple(tuple(rows[i]) for i in self._positions)
        if self.values is None:
            self.values = self._filled[key]
        return self._filled[key]

    def _reweights(self) -> bool:
        """Whether a not-applicable gap (always reweighted) makes the fill depend on the weights."""
        return any(_is(cell, "not-applicable") for i in self._positions for cell in self._rows[i])
