"""Red lines: rules a weighted score cannot buy back.

A red line is crossed when a criterion's value (or a group's score) lies
strictly past its bound: below ``below`` or above ``above``.  On the merged
value by default; with ``on = "any-rater"``, when any single rater's score
does, so that one assessor's alarm is enough.  What crossing does is the
line's effect under the scheme it applies to (the rubric's lines apply under
every scheme, a scheme's only under it): ``exclude`` takes the proposal out of
the ranking, ``flag`` ranks it and marks it, ``cap`` caps its total.  The
engine calls :func:`red_line_hits` and :func:`capped` in one place, after the
totals and sub-scores are known and before ranking.
"""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

import attrs

from rubric.model import RedLine, Rubric, Scheme

__all__ = ["Hit", "capped", "excludes", "flags", "lines_for", "red_line_hits"]


@attrs.frozen
class Hit:
    """A red line a proposal crossed: which line, the value that crossed it, and whose it was."""

    line: RedLine
    value: float
    #: ``"below"`` or ``"above"``: which bound was crossed.
    side: str
    #: The rater whose score crossed it under ``on = "any-rater"``; ``None`` for the merged value or a group's score.
    rater: Optional[str] = None

    @property
    def bound(self) -> float:
        """The bound crossed."""
        return float(self.line.below if self.side == "below" else self.line.above)  # type: ignore[arg-type]

    @property
    def by(self) -> float:
        """How far past the bound the value lies (always positive)."""
        return self.bound - self.value if self.side == "below" else self.value - self.bound

    def describe(self) -> str:
        """``china-misuse -2 below -1 (by 1): exclude``, with the rater and the cap where there are.

        Numbers are shown to three decimals, as the score tables show them
        (a merged value of -14/9 reads -1.556, not -1.55556).
        """
        who = f", rater {self.rater!r}" if self.rater else ""
        effect = f"cap at {three_decimals(self.line.cap or 0.0)}" if self.line.effect == "cap" else self.line.effect
        value, bound, by = (three_decimals(n) for n in (self.value, self.bound, self.by))
        return f"{self.line.node} {value} {self.side} {bound} (by {by}{who}): {effect}"


def three_decimals(number: float) -> str:
    """A number as a red line's description shows it: at most three decimals, no trailing zeros."""
    return f"{round(number, 3) + 0.0:g}"


def lines_for(rubric: Rubric, scheme: Scheme) -> tuple[RedLine, ...]:
    """The red lines that apply under a scheme: the rubric's, then the scheme's own."""
    return rubric.red_lines + scheme.red_lines


def _crossed(line: RedLine, value: Optional[float], rater: Optional[str] = None) -> Optional[Hit]:
    if value is None:
        return None
    if line.below is not None and value < line.below:
        return Hit(line, value, "below", rater)
    if line.above is not None and value > line.above:
        return Hit(line, value, "above", rater)
    return None


def red_line_hits(
    rubric: Rubric, scheme: Scheme, values: Sequence[Sequence], groups: Mapping[str, Sequence[Optional[float]]]
) -> tuple[tuple[Hit, ...], ...]:
    """Per proposal (aligned with ``values``' rows), the red lines it crosses under ``scheme``, in line order.

    ``values`` are the evaluation's :class:`~rubric.components.CriterionValue`
    rows; ``groups`` each group's sub-scores under the scheme.  Under
    ``any-rater`` every crossing rater is a hit of its own; a computed value
    (no raters) is its own rater.
    """
    lines = lines_for(rubric, scheme)
    if not lines:
        return tuple(() for _ in values)
    column = {c.id: j for j, c in enumerate(rubric.criteria)}
    found = []
    for i, row in enumerate(values):
        hits = []
        for line in lines:
            if line.node in groups:
                hit = _crossed(line, groups[line.node][i])
                hits += [hit] if hit else []
                continue
            value = row[column[line.node]]
            if line.on == "any-rater" and value.raters:
                hits += [h for r in value.raters if (h := _crossed(line, r.score, r.rater))]
            else:
                hit = _crossed(line, value.score)
                hits += [hit] if hit else []
        found.append(tuple(hits))
    return tuple(found)


def excludes(hits: Sequence[Hit]) -> bool:
    """Whether one of these hits takes the proposal out of the ranking."""
    return any(h.line.effect == "exclude" for h in hits)


def flags(hits: Sequence[Hit]) -> bool:
    """Whether the proposal is ranked but marked: hit, and not excluded."""
    return bool(hits) and not excludes(hits)


def capped(totals: Sequence[float], hits: Sequence[Sequence[Hit]]) -> list[float]:
    """The totals with every ``cap`` line a proposal crossed applied: the lowest cap wins."""
    out = []
    for total, found in zip(totals, hits):
        caps = [h.line.cap for h in found if h.line.effect == "cap" and h.line.cap is not None]
        out.append(min([total, *caps]))
    return out
