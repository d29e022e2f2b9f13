"""Rater agreement: Krippendorff's alpha per criterion, and every value's spread.

Per criterion, Krippendorff's alpha with the interval metric: the units are the
proposals rated by at least two raters, the values the raters' scores.  Alpha
is 1 for perfect agreement, 0 when raters agree no more than chance would
have them, and negative for systematic disagreement.  Krippendorff suggests
relying on data with alpha >= 0.800 and drawing only tentative conclusions
from 0.667 upwards.  With a handful of proposals alpha is itself uncertain.

Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability",
Annenberg School for Communication, University of Pennsylvania
(repository.upenn.edu/asc_papers/43): computed here, as there, through the
coincidence matrix, for the nominal, ordinal, interval and ratio metrics.
The spread of one value's raters is :func:`rubric.raters.spread`.  Plain Python.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Iterable, Optional, Sequence

import attrs

from rubric.components import Table
from rubric.raters import spread
from rubric.rendering import Rendered

__all__ = ["METRICS", "CriterionAgreement", "RaterReport", "agreement", "krippendorff_alpha"]


#: Krippendorff's difference functions, by level of measurement.
METRICS = ("nominal", "ordinal", "interval", "ratio")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def krippendorff_alpha(units: Iterable[Sequence], metric: str = "interval") -> Optional[float]:
    """Krippendorff's alpha for reliability data given unit by unit.

    :param units: for each unit, the values the observers gave it (``None`` or
        NaN where an observer gave none; only the values matter, not who gave
        them).  Units with fewer than two values cannot be paired and are left out.
    :param metric: ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``.
    :returns: alpha = 1 − D_o / D_e, or ``None`` where it is undefined: no
        unit with two values, or no variation at all (every value the same).

    The coincidence matrix counts, within each unit of m_u values, every
    ordered pair of values from different observers with weight 1/(m_u − 1);
    its margins n_c give the expected disagreement, so that
    alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, found {metric!r}")
    coincidences = defaultdict(float)
    for unit in units:
        counts = Counter(float(v) for v in unit if not _missing(v))
        size = sum(counts.values())
        if size < 2:
            continue
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[c, k] += pairs / (size - 1)
    values = sorted({c for c, _ in coincidences})
    margins = {c: sum(coincidences.get((c, k), 0.0) for k in values) for c in values}
    total = sum(margins.values())
    if len(values) < 2 or total <= 1:
        return None
    delta = _difference(metric, values, margins)
    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items())
    expected = sum(margins[c] * margins[k] * delta(c, k) for c in values for k in values) / (total - 1)
    if expected <= 0:
        return None
    return 1.0 - observed / expected


def _difference(metric: str, values: Sequence[float], margins: dict):
    """δ²(c, k) for a metric; the ordinal one depends on how often each value occurs."""
    if metric == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if metric == "interval":
        return lambda c, k: (c - k) ** 2
    if metric == "ratio":
        return lambda c, k: 0.0 if c == k else ((c - k) / (c + k)) ** 2 if c + k else 1.0
    position = {v: i for i, v in enumerate(values)}
    cumulative = [0.0]
    for v in values:
        cumulative.append(cumulative[-1] + margins[v])

    def ordinal(c, k):
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (margins[c] + margins[k]) / 2) ** 2

    return ordinal


@attrs.frozen
class CriterionAgreement:
    """Krippendorff's alpha (interval) for one criterion, or for all pooled.

    ``raters`` counts distinct rater names, ``units`` the proposals (or, pooled,
    proposal–criterion pairs) rated by at least two raters, ``values`` the
    scores in those units.  ``alpha`` is ``None`` where it is undefined.
    """

    criterion: str
    title: str
    alpha: Optional[float]
    raters: int
    units: int
    values: int


@attrs.frozen(repr=False)
class RaterReport(Rendered):
    """Rater agreement per criterion and the spread of every multi-rater value."""

    rubric_id: str
    rubric_version: str
    step: float
    criteria: tuple
    overall: CriterionAgreement
    cells: tuple

    def __repr__(self) -> str:
        flagged = sum(c.flagged for c in self.cells)
        return f"<RaterReport for rubric {self.rubric_id!r}: {len(self.criteria)} criteria, {flagged} values flagged>"


    @property
    def flagged(self) -> tuple:
        """The values whose raters are more than one scale step apart."""
        return tuple(c for c in self.cells if c.flagged)

    def agreement_table(self) -> Table:
        rows = tuple(
            (a.title, a.raters, a.units, a.values, a.alpha) for a in (*self.criteria, self.overall)
        )
        return Table(
            title=f"Rater agreement under rubric {self.rubric_id!r} (v{self.rubric_version}): Krippendorff's alpha, interval metric",
            headers=("Criterion", "Raters", "Units", "Values", "Alpha"),
            rows=rows,
            notes=(
                "Units: proposals rated by two raters or more; values: their scores. Alpha 1 is perfect agreement, "
                "0 no better than chance; Krippendorff advises alpha >= 0.800 for reliable data, 0.667 for tentative conclusions.",
                "n/a: no proposal has two raters on the criterion, or every score is the same (alpha is undefined), "
                "or the criterion is computed.",
                "With few units alpha is itself uncertain; read it with the spread table.",
            ),
        )

    def spread_table(self) -> Table:
        cells = sorted((c for c in self.cells if len(c.scores) > 1), key=lambda c: (-c.range, c.proposal, c.criterion))
        rows = tuple(
            (
                c.proposal,
                c.criterion,
                ", ".join(f"{rater} {score:g}" for rater, score in c.scores),
                c.merged,
                c.range,
                c.sd,
                "yes" if c.flagged else "",
            )
            for c in cells
        )
        flagged = sum(c.flagged for c in cells)
        return Table(
            title="How far apart the raters are, per proposal and criterion (widest first)",
            headers=("Proposal", "Criterion", "Scores", "Merged", "Range", "SD", "Apart"),
            rows=rows,
            notes=(
                f"Apart: 'yes' where raters are more than one scale step ({self.step:g}) apart "
                f"({flagged} of {len(cells)} values).",
                "SD: sample standard deviation of the raters' scores.",
            ),
        )

    def tables(self) -> list:
        """Agreement per criterion, then the spread of every value with several raters."""
        return [self.agreement_table(), self.spread_table()]

    def to_records(self) -> list:
        """One record per proposal and criterion with raters (``pandas.DataFrame(records)``)."""
        alpha = {a.criterion: a.alpha for a in self.criteria}
        return [
            {
                "rubric": self.rubric_id,
                "rubric_version": self.rubric_version,
                "proposal": c.proposal,
                "criterion": c.criterion,
                "raters": len(c.scores),
                "scores": dict(c.scores),
                "merged": c.merged,
                "min": c.low,
                "max": c.high,
                "sd": c.sd,
                "flagged": c.flagged,
                "criterion_alpha": alpha.get(c.criterion),
            }
            for c in self.cells
        ]


def agreement(evaluation) -> RaterReport:
    """Krippendorff's alpha per criterion (and pooled) and every value's spread."""
    rubric = evaluation.rubric
    criteria, cells, pooled, pooled_raters = [], [], [], set()
    for j, criterion in enumerate(rubric.criteria):
        column = [row[j] for row in evaluation.values]
        units = [[r.score for r in value.raters] for value in column if value.raters]
        raters = {r.rater for value in column for r in value.raters}
        pooled_raters |= raters
        pairable = [unit for unit in units if len(unit) > 1]
        pooled += pairable
        criteria.append(
            CriterionAgreement(
                criterion=criterion.id,
                title=criterion.title,
                alpha=krippendorff_alpha(pairable),
                raters=len(raters),
                units=len(pairable),
                values=sum(len(unit) for unit in pairable),
            )
        )
    overall = CriterionAgreement(
        criterion="*",
        title="All criteria pooled",
        alpha=krippendorff_alpha(pooled),
        raters=len(pooled_raters),
        units=len(pooled),
        values=sum(len(unit) for unit in pooled),
    )
    for i in range(len(evaluation.proposals)):
        for j in range(len(rubric.criteria)):
            cell = spread(evaluation, i, j)
            if cell is not None:
                cells.append(cell)
    return RaterReport(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        step=rubric.scale.step,
        criteria=tuple(criteria),
        overall=overall,
        cells=tuple(cells),
    )
