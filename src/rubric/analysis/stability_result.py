"""What a weight stability analysis found: an interval per criterion and group, and its tables.

Computed by :func:`rubric.analysis.weight_stability.stability`, whose
docstring says how the intervals are found and what "the ranking stays the
same" means.
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from rubric.components import Table
from rubric.errors import RubricError
from rubric.rendering import Rendered

__all__ = ["StabilityError", "StabilityResult", "WeightInterval"]


class StabilityError(RubricError, ValueError):
    """A stability analysis asked for with arguments it cannot use."""


@attrs.frozen
class WeightInterval:
    """How far one node's weight can move, with who takes over at each end.

    ``ranking`` and ``top`` are ``(low, high)``; ``ranking_below`` and
    ``ranking_above`` are ``(riser, faller)`` pairs of proposal ids that swap
    at ``low`` and ``high`` (empty at 0 and 1); ``top_below`` and
    ``top_above`` are the proposals that take first place there.
    """

    node: str
    kind: str
    title: str
    weight: float
    ranking: tuple
    ranking_below: tuple
    ranking_above: tuple
    top: tuple
    top_below: tuple
    top_above: tuple


@attrs.frozen(repr=False)
class StabilityResult(Rendered):
    """Weight intervals for every criterion and group of one scheme.

    ``ranking`` is ``(proposal id, rank)`` in rank order at the scheme's
    weights; ``top`` the ids ranked first there.
    """

    rubric_id: str
    rubric_version: str
    scheme_id: str
    method: str
    exact: bool
    ranking: tuple
    top: tuple
    intervals: tuple
    grid: Optional[int] = None

    def __repr__(self) -> str:
        how = "exact" if self.exact else f"numeric, grid {self.grid}"
        return f"<StabilityResult of {len(self.intervals)} weights under scheme {self.scheme_id!r} ({self.method}, {how})>"


    def interval(self, node: str) -> WeightInterval:
        """The interval of the criterion or group with this id."""
        for interval in self.intervals:
            if interval.node == node:
                return interval
        raise KeyError(node)

    def _how(self) -> str:
        if self.exact:
            return "Exact: under the weighted sum every score is linear in the weight, so the ends are where two proposals' scores cross."
        return (
            f"Numeric: the ranking was recomputed by {self.method!r} on a grid of {self.grid} steps and each end "
            "refined by bisection; a change that reverses within one step can be missed."
        )

    def ranking_table(self) -> Table:
        rows = tuple(
            (
                it.title,
                it.kind,
                it.weight,
                it.ranking[0],
                it.ranking[1],
                _passes(it.ranking_below),
                _passes(it.ranking_above),
            )
            for it in self.intervals
        )
        return Table(
            title=f"Weights over which the ranking under scheme {self.scheme_id!r} ({self.method}) stays the same",
            headers=("Weight of", "Kind", "Weight", "From", "To", "Below: passes", "Above: passes"),
            rows=rows,
            notes=(
                f"Ranking at the scheme's weights: {_ordering(self.ranking)}.",
                "Moving one weight, the others are rescaled in proportion so that all weights still sum to 1.",
                "'none': the ranking holds all the way to 0 (below) or 1 (above).",
                *(
                    ["Proposals tied at the scheme's weights (shown '=') may separate anywhere; that is not counted as a change."]
                    if len({rank for _, rank in self.ranking}) < len(self.ranking)
                    else []
                ),
                self._how(),
            ),
        )

    def top_table(self) -> Table:
        top = " and ".join(self.top)
        rows = tuple(
            (
                it.title,
                it.kind,
                it.weight,
                it.top[0],
                it.top[1],
                ", ".join(it.top_below) or "none",
                ", ".join(it.top_above) or "none",
            )
            for it in self.intervals
        )
        return Table(
            title=f"Weights over which {top} stays first under scheme {self.scheme_id!r}",
            headers=("Weight of", "Kind", "Weight", "From", "To", "Below: first", "Above: first"),
            rows=rows,
            notes=("'none': it stays first all the way to 0 (below) or 1 (above).",),
        )

    def tables(self) -> list:
        """The ranking intervals and the top-proposal intervals."""
        return [self.ranking_table(), self.top_table()]

    def to_records(self) -> list:
        """One flat record per criterion and group (``pandas.DataFrame(records)``)."""
        return [
            {
                "rubric": self.rubric_id,
                "rubric_version": self.rubric_version,
                "scheme": self.scheme_id,
                "method": self.method,
                "exact": self.exact,
                "node": it.node,
                "kind": it.kind,
                "weight": it.weight,
                "ranking_low": it.ranking[0],
                "ranking_high": it.ranking[1],
                "ranking_below": _passes(it.ranking_below),
                "ranking_above": _passes(it.ranking_above),
                "top_low": it.top[0],
                "top_high": it.top[1],
                "top_below": ", ".join(it.top_below) or None,
                "top_above": ", ".join(it.top_above) or None,
            }
            for it in self.intervals
        ]


def _ordering(ranking: Sequence[tuple]) -> str:
    """``a > b = c > d`` from (id, rank) pairs in rank order."""
    text = ""
    for position, (proposal, rank) in enumerate(ranking):
        if position:
            text += " = " if rank == ranking[position - 1][1] else " > "
        text += proposal
    return text


def _passes(pairs: Sequence[tuple]) -> str:
    return "; ".join(f"{riser} passes {faller}" for riser, faller in pairs) or "none"
