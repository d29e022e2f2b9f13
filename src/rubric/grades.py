"""Grade bands: ordered labels with lower bounds, and the GPA-style mapping between letters and numbers.

A band is only a label and a lower bound; bands are listed best first with
strictly falling bounds and the last one starts at the bottom of what is
graded, so each band runs from its own bound up to the next better one's and
the bands partition the scale by construction: every value has exactly one
grade, and no two bands can overlap.  The mapping ``[grade_points]`` (the AI
Safety Index's A+ = 4.3 … F = 0) is read the same way: a number takes the best
grade whose points it reaches, which is how the index turns a panel's mean
back into a letter (Summer 2025: 2.64 is a C+, 0.62 an F).
"""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

import attrs

__all__ = ["GRADE_SCALES", "Band", "Grades", "band_of", "bands_from_points", "bottom_of", "points_of"]

#: What bands are bounds on: the scale (the weighted mean), points, or a percentage of the maximum.
GRADE_SCALES = ("scale", "points", "percent")


@attrs.frozen
class Band:
    """One grade: its label and the lowest value that earns it."""

    label: str
    lower: float


@attrs.frozen
class Grades:
    """Bands best first (strictly falling lower bounds, the last at the bottom) and what they are bounds on."""

    bands: tuple[Band, ...]
    on: str = "scale"

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, best first."""
        return tuple(band.label for band in self.bands)


def band_of(value: Optional[float], bands: Sequence[Band]) -> Optional[str]:
    """The label of the band ``value`` falls in (``None`` for no value or no bands).

    The best band whose lower bound the value reaches, with 1e-9 of slack so
    that a mean computed as 2.6999999999 still earns the band starting at
    2.7; a value below every bound (off the scale) takes the lowest band.
    """
    if value is None or not bands:
        return None
    for band in bands:
        if value >= band.lower - 1e-9 * max(1.0, abs(band.lower)):
            return band.label
    return bands[-1].label


def bands_from_points(points: Mapping[str, float]) -> tuple[Band, ...]:
    """Bands read off a GPA mapping: each grade from its own points up (A+ = 4.3 … F = 0), best first."""
    return tuple(Band(label, float(value)) for label, value in sorted(points.items(), key=lambda item: -item[1]))


def points_of(label: str, points: Mapping[str, float]) -> Optional[float]:
    """The number a letter grade stands for under a GPA mapping (``None``: not one of its grades)."""
    value = points.get(label)
    return None if value is None else float(value)


def bottom_of(on: str, scale_min: float) -> float:
    """Where the lowest band must start: the scale's minimum, or zero points or per cent."""
    return scale_min if on == "scale" else 0.0
