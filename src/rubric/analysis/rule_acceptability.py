"""Red lines and grades under SMAA: how often each proposal crosses a red line, and how likely each grade is.

The grade acceptability of a proposal is the share of SMAA's samples (weights
and values drawn together) in which its total falls in each grade band, read
on the bands' own terms (scale, points or per cent; unrounded: a sample is not
published).  How often a red line is hit asks a narrower question — does the
line hold while the values vary within their intervals and across raters? —
so it draws values only and reads a group's line on the weighted mean of the
sampled values under the scheme's own weights (the caps and exclusions
themselves are not applied to SMAA's ranks: it ranks what the values say).
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from rubric.components import Table
from rubric.redlines import lines_for
from rubric.rendering import Rendered
from rubric.results import Evaluation, SchemeResult
from rubric.weights import total_points

__all__ = ["GradeTally", "RuleAcceptability", "red_line_shares"]

#: Samples of value matrices drawn at a time for the red-line count.
_BATCH = 2_000


class GradeTally:
    """Counts, batch by batch, the grade band of every proposal's sampled total: ``tally(scores, weights)``."""

    def __init__(self, evaluation: Evaluation, result: SchemeResult):
        import numpy as np

        grades = evaluation.rubric.grades
        if grades is None:
            raise ValueError(f"rubric {evaluation.rubric.id!r} has no grade bands to tally")
        scale = evaluation.rubric.scale
        self.labels = grades.labels
        share = 100.0 if grades.on == "percent" else total_points(evaluation.rubric, result.scheme)
        # Totals on the bands' terms: v -> (v - min) / (max - min) × share; the scale itself is the identity.
        self.slope, self.offset = (1.0, 0.0) if grades.on == "scale" else (share / (scale.max - scale.min), scale.min)
        lowers = np.array([band.lower for band in grades.bands], dtype=float)
        lowers -= 1e-9 * np.maximum(1.0, np.abs(lowers))
        lowers[-1] = -np.inf  # the lowest band holds everything below the others, off-scale values too
        self.lowers = lowers
        self.counts = np.zeros((len(evaluation.proposals), len(self.labels)))
        self.samples = 0

    def __call__(self, scores, weights) -> None:
        import numpy as np

        shown = (scores - self.offset) * self.slope
        band = np.argmax(shown[..., None] >= self.lowers, axis=-1)  # size × n: the first band reached
        for j in range(len(self.labels)):
            self.counts[:, j] += (band == j).sum(axis=0)
        self.samples += scores.shape[0]

    def shares(self) -> tuple:
        """Per proposal, the share of samples in each band (best first)."""
        return tuple(tuple(float(c) / max(self.samples, 1) for c in row) for row in self.counts)


def red_line_shares(evaluation: Evaluation, result: SchemeResult, values, low, high, *, samples: int, seed, distribution: str):
    """Per proposal, the share of value draws in which it crosses at least one red line of the scheme (``None``: no lines)."""
    import numpy as np

    from rubric.analysis.sampling import ValueSampler

    rubric = evaluation.rubric
    lines = lines_for(rubric, result.scheme)
    if not lines:
        return None
    cells = ValueSampler(values, low, high, distribution)
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(4)[3])
    column = {c.id: j for j, c in enumerate(rubric.criteria)}
    weights = np.array([result.weights[c.id] for c in rubric.criteria])
    read = []
    for line in lines:
        if line.node in column:
            read.append((line, np.eye(len(column))[column[line.node]]))
        else:
            under = np.zeros(len(column))
            under[list(rubric.columns_under(line.node))] = 1.0
            share = (weights * under).sum()
            read.append((line, weights * under / share if share > 0 else under / under.sum()))
    hits = np.zeros(len(evaluation.proposals))
    done = 0
    while done < samples:
        size = min(_BATCH, samples - done)
        matrices = cells.matrices(rng, size)  # size × n × m
        crossed = np.zeros(matrices.shape[:2], dtype=bool)
        for line, pick in read:
            value = matrices @ pick
            if line.below is not None:
                crossed |= value < line.below
            if line.above is not None:
                crossed |= value > line.above
        hits += crossed.sum(axis=0)
        done += size
    return tuple(float(h) / samples for h in hits)


@attrs.frozen(repr=False)
class RuleAcceptability(Rendered):
    """Grade acceptabilities and red-line shares of one SMAA run, aligned with ``proposals``."""

    scheme_id: str
    proposals: tuple
    labels: tuple = ()
    #: Per proposal, the probability of each grade (best first); empty without grade bands.
    grades: tuple = ()
    #: Per proposal, how often it crosses a red line while values vary; ``None`` without red lines.
    red_lines: Optional[tuple] = None

    def grades_table(self) -> Table:
        rows = tuple((p, *(100.0 * s for s in shares)) for p, shares in zip(self.proposals, self.grades))
        data = tuple(
            {"scheme": self.scheme_id, "proposal": p, "grade": label, "share": s}
            for p, shares in zip(self.proposals, self.grades)
            for label, s in zip(self.labels, shares)
        )
        return Table(
            title=f"Grade acceptability under scheme {self.scheme_id!r} (% of samples in each grade)",
            headers=("Proposal", *self.labels),
            rows=rows,
            notes=("Each row sums to 100: every sampled total has exactly one grade.",),
            float_format=".1f",
            name="grade_acceptability",
            data=data,
        )

    def red_lines_table(self) -> Table:
        shares: Any = self.red_lines or ()
        return Table(
            title=f"Red lines under scheme {self.scheme_id!r} while values vary (% of samples crossing one)",
            headers=("Proposal", "Crosses a red line %"),
            rows=tuple((p, 100.0 * s) for p, s in zip(self.proposals, shares)),
            notes=("Values drawn within their intervals and across raters; a group's line reads the weighted mean "
                   "of its sampled values under the scheme's own weights.",),
            float_format=".1f",
            name="red_line_share",
            data=tuple({"scheme": self.scheme_id, "proposal": p, "share": s} for p, s in zip(self.proposals, shares)),
        )

    def tables(self) -> list:
        """The grade acceptability table and the red-line table, where the rubric has grades and lines."""
        return [*([self.grades_table()] if self.grades else []), *([self.red_lines_table()] if self.red_lines else [])]
