"""Raters: what each said and how far apart they are.

Per proposal and criterion, the raters' scores with their spread (minimum,
maximum, sample standard deviation), flagged where two raters are more than
one step of the rubric's scale apart: on a −2…+2 scale with five labels, one
rater saying "improves" and another "worsens" is a disagreement worth reading
the rationales for.  How far raters agree over a whole rubric (Krippendorff's
alpha) is an analysis: :mod:`rubric.analysis.reliability`.

Plain Python: ``rubric explain`` shows the rater table without importing numpy.
"""

from __future__ import annotations

import statistics
from typing import Optional

import attrs

from rubric.components import Table

__all__ = ["CellSpread", "rater_table", "spread"]


@attrs.frozen
class CellSpread:
    """The raters of one proposal on one criterion and how far apart they are.

    ``scores`` is ``((rater, score), …)`` in the file's order; ``sd`` is the
    sample standard deviation (``None`` with one rater); ``flagged`` means the
    highest and lowest scores are more than one scale step apart.
    """

    proposal: str
    criterion: str
    scores: tuple
    merged: float
    low: float
    high: float
    sd: Optional[float]
    flagged: bool

    @property
    def range(self) -> float:
        return self.high - self.low


def spread(evaluation, proposal_index: int, criterion_index: int) -> Optional[CellSpread]:
    """The raters' spread on one value, or ``None`` for a computed criterion."""
    value = evaluation.values[proposal_index][criterion_index]
    if not value.raters:
        return None
    scores = tuple((r.rater, float(r.score)) for r in value.raters)
    numbers = [score for _, score in scores]
    step = evaluation.rubric.scale.step
    low, high = min(numbers), max(numbers)
    return CellSpread(
        proposal=evaluation.proposals[proposal_index].id,
        criterion=evaluation.rubric.criteria[criterion_index].id,
        scores=scores,
        merged=value.score,
        low=low,
        high=high,
        sd=statistics.stdev(numbers) if len(numbers) > 1 else None,
        flagged=high - low > step * (1 + 1e-9),
    )


def _raters_of(values) -> list:
    """Rater names in order of first appearance."""
    return list(dict.fromkeys(r.rater for value in values for r in value.raters))


def rater_table(evaluation, proposal_id: str) -> Table:
    """One proposal's raters side by side per criterion, for ``rubric explain``."""
    rubric = evaluation.rubric
    i = evaluation.proposal_index(proposal_id)
    row_values = evaluation.values[i]
    names = _raters_of(row_values)
    step = rubric.scale.step
    rows, data = [], []
    for j, (criterion, value) in enumerate(zip(rubric.criteria, row_values)):
        cell = spread(evaluation, i, j)
        base = {"rubric": rubric.id, "proposal": proposal_id, "criterion": criterion.id}
        if cell is None:
            rows.append((criterion.title, *(None for _ in names), value.score, None, None, None, f"computed ({criterion.kind})"))
            data.append({**base, "rater": None, "measure": "merged", "value": value.score})
            continue
        given = {}
        for rater, score in cell.scores:
            given.setdefault(rater, float(score))
        data += [{**base, "rater": rater, "measure": "score", "value": score} for rater, score in cell.scores]
        data += [
            {**base, "rater": None, "measure": measure, "value": number}
            for measure, number in (
                ("merged", value.score), ("min", cell.low), ("max", cell.high), ("sd", cell.sd), ("apart", cell.flagged)
            )
        ]
        rows.append(
            (
                criterion.title,
                *(given.get(name) for name in names),
                value.score,
                cell.low,
                cell.high,
                cell.sd,
                "yes" if cell.flagged else "",
            )
        )
    notes = [
        f"Merged: the {rubric.merge_raters} of the raters' scores (the rubric's merge_raters rule).",
        "SD: sample standard deviation of the raters' scores (n/a with a single rater).",
        f"Apart: 'yes' where raters are more than one scale step ({step:g}) apart; read their rationales.",
    ]
    flagged = [row[0] for row in rows if row[-1] == "yes"]
    if flagged:
        notes.append(f"Raters disagree by more than one step on: {', '.join(flagged)}.")
    return Table(
        title=f"Raters of {proposal_id} under rubric {rubric.id!r}",
        headers=("Criterion", *names, "Merged", "Min", "Max", "SD", "Apart"),
        rows=tuple(rows),
        notes=tuple(notes),
        name="raters",
        data=tuple(data),
    )
