"""What the sorting methods share: classes, profiles per class, thresholds per criterion.

A scheme's ``sorting`` table names the classes worst first and, for the
methods that compare proposals with profiles, the lower limit of every class
but the worst: ``profiles.recommend = { transparency = 1, ... }`` reads "a
proposal is at least *recommend* on transparency from 1 up".  The checks here
return ``(sub-key, message)`` problems, so the loader locates each at its key.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from rubric.components import is_real_number
from rubric.errors import describe, did_you_mean
from rubric.model import Criterion, Rubric, Scale

__all__ = [
    "SLACK",
    "check_classes",
    "check_level",
    "check_profiles",
    "check_thresholds",
    "listing",
    "profile_rows",
    "threshold_rows",
]

#: Share of the scale's range by which a comparison may miss and still count
#: (weights summing to 0.6000000001 meet a majority of 0.6).
SLACK = 1e-9

Problems = list[tuple[str, str]]


def check_classes(params: Mapping[str, Any]) -> Problems:
    """``classes``: two or more distinct labels, worst first."""
    classes = params.get("classes")
    if not isinstance(classes, (list, tuple)) or len(classes) < 2 or not all(isinstance(c, str) and c for c in classes):
        return [("classes", f"expected a list of two or more class labels, worst first, found {describe(classes)}")]
    twice = sorted({c for c in classes if classes.count(c) > 1})
    if twice:
        return [("classes", f"expected distinct class labels, found {', '.join(map(repr, twice))} more than once")]
    return []


def check_level(params: Mapping[str, Any], key: str, default: float, what: str) -> Problems:
    """A λ (MR-Sort's majority, ELECTRE TRI's cut level): a number from 0.5 to 1."""
    level = params.get(key, default)
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0.5 <= level <= 1:
        return [(key, f"expected {what} λ from 0.5 to 1, found {level!r}")]
    return []


def _on_scale(value: Any, scale: Scale) -> Optional[str]:
    if not is_real_number(value):
        return f"expected a number on the scale {scale.min:g}…{scale.max:g}, found {describe(value)}"
    if not scale.contains(value):
        return f"expected a value on the scale {scale.min:g}…{scale.max:g}, found {value!r}, outside it"
    return None


def check_profiles(params: Mapping[str, Any], rubric: Rubric, *, key: str = "profiles", complete: bool = True) -> Problems:
    """Profiles per class: every class but the worst, values on the scale, each dominating the one below.

    ``complete=False`` (veto profiles) lets a class or a criterion be left out,
    and skips the dominance check.
    """
    classes = list(params.get("classes") or ())
    profiles = params.get(key)
    if profiles is None and not complete:
        return []
    if not isinstance(profiles, Mapping):
        return [(key, f"expected a table of class = {{ criterion = value, ... }}, found {describe(profiles)}")]
    problems: Problems = []
    ids = [c.id for c in rubric.criteria]
    above = classes[1:]
    for label, profile in profiles.items():
        if label not in above:
            why = "the worst class has no lower limit" if classes and label == classes[0] else "no such class"
            problems.append((f"{key}.{label}", f"{why}: expected one of {listing(above)}{did_you_mean(label, above)}"))
            continue
        if not isinstance(profile, Mapping):
            problems.append((f"{key}.{label}", f"expected a table of criterion = value, found {describe(profile)}"))
            continue
        for criterion, value in profile.items():
            if criterion not in ids:
                message = f"unknown criterion {criterion!r}{did_you_mean(criterion, ids)}"
                problems.append((f"{key}.{label}.{criterion}", message))
            elif (off := _on_scale(value, rubric.scale)) is not None:
                problems.append((f"{key}.{label}.{criterion}", off))
        missing = [c for c in ids if c not in profile]
        if complete and missing:
            problems.append((f"{key}.{label}", f"expected a value for every criterion, found none for {listing(missing)}"))
    if complete and not problems:
        missing = [label for label in above if label not in profiles]
        if missing:
            problems.append((key, f"expected a profile for every class above the worst, found none for {listing(missing)}"))
        for lower, upper in zip(above, above[1:]):
            if lower in profiles and upper in profiles:
                problems += _dominance(key, lower, upper, profiles[lower], profiles[upper], ids)
    return problems


def _dominance(key: str, lower: str, upper: str, low: Mapping, high: Mapping, ids: Sequence[str]) -> Problems:
    """The profile of a better class must be at least as high everywhere, and higher somewhere."""
    below = [c for c in ids if high[c] < low[c]]
    if below:
        return [(
            f"{key}.{upper}.{below[0]}",
            f"expected the profile of {upper!r} to dominate that of {lower!r} (the class below), "
            f"found it lower on {', '.join(f'{c} ({high[c]!r} < {low[c]!r})' for c in below)}",
        )]
    if all(high[c] == low[c] for c in ids):
        message = f"expected the profile of {upper!r} to be higher than that of {lower!r} somewhere, found them equal"
        return [(f"{key}.{upper}", message)]
    return []


def check_thresholds(params: Mapping[str, Any], rubric: Rubric, names: Sequence[str]) -> Problems:
    """Thresholds per criterion (a number for all, or a table), non-negative and in order: q ≤ p ≤ v.

    ``names`` are the thresholds' keys in that order; the last is a veto (none
    where not given), the others default to 0.
    """
    problems: Problems = []
    ids = [c.id for c in rubric.criteria]
    width = float(rubric.scale.max) - float(rubric.scale.min)
    for name in names:
        value = params.get(name)
        if value is None:
            continue
        entries = value.items() if isinstance(value, Mapping) else [("", value)]
        for criterion, number in entries:
            at = f"{name}.{criterion}" if criterion else name
            if criterion and criterion not in ids:
                problems.append((at, f"unknown criterion {criterion!r}{did_you_mean(criterion, ids)}"))
            elif not is_real_number(number) or not 0 <= number <= 2 * width:
                message = f"expected a number from 0 to {2 * width:g} (twice the scale's range), found {describe(number)}"
                problems.append((at, message))
    if problems:
        return problems
    criteria = tuple(rubric.criteria)
    # Unwritten thresholds count as their defaults (0, and no veto), so q = 0.5 alone is q > p.
    rows = {name: threshold_rows(params.get(name), criteria, default=None if name == names[-1] else 0.0) for name in names}
    for first, second in zip(names, names[1:]):
        for j, (a, b) in enumerate(zip(rows[first], rows[second])):
            if a is not None and b is not None and a > b:
                name = second if second in params else first
                at = f"{name}.{ids[j]}" if isinstance(params[name], Mapping) else name
                problems.append((at, f"expected {first} ≤ {second} on {ids[j]}, found {a!r} > {b!r}"))
                break
    return problems


def threshold_rows(value: Any, criteria: Sequence[Criterion], default: Optional[float] = 0.0) -> list:
    """A threshold per column: one number for all, or a table by criterion id (``default`` for the others)."""
    if isinstance(value, Mapping):
        return [float(value[c.id]) if c.id in value else default for c in criteria]
    return [default if value is None else float(value)] * len(criteria)


def profile_rows(profiles: Mapping[str, Mapping[str, float]], classes: Sequence[str], criteria: Sequence[Criterion]) -> list:
    """One row per class above the worst (worst first): its lower limit on each column, ``None`` where not given."""
    return [[profiles.get(label, {}).get(c.id) for c in criteria] for label in classes[1:]]


def listing(items: Sequence[str]) -> str:
    """``'a', 'b' and 'c'``."""
    quoted = [repr(i) for i in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
