"""Red lines and grade bands in rubric and scheme files: their structure, and what needs the whole rubric.

Structure (keys, types, an effect that exists, a cap with its value, bands
in order and on the scale) is checked where the table is read; whether a
red line names a criterion or group of the rubric is checked once the rubric
is built (:func:`red_line_problems`), because a scheme file's lines name the
criteria of a rubric in another file.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from rubric.components import is_real_number
from rubric.errors import describe, did_you_mean
from rubric.grades import GRADE_SCALES, Band, Grades, bands_from_points, bottom_of
from rubric.loading.documents import Document
from rubric.loading.fields import OPTIONAL, REQUIRED, Fields, check_table, is_str
from rubric.model import RedLine, Rubric, Scale

__all__ = [
    "EFFECTS",
    "GRADE_FIELDS",
    "RED_LINE_FIELDS",
    "RED_LINE_ON",
    "parse_grade_points",
    "parse_grades",
    "parse_red_lines",
    "red_line_problems",
]

#: What crossing a red line does to a proposal under a scheme.
EFFECTS = ("exclude", "flag", "cap")
#: Whose value a red line reads: the merged value, or every rater's own score.
RED_LINE_ON = ("merged", "any-rater")

RED_LINE_FIELDS = Fields({
    "criterion": (is_str, OPTIONAL),
    "group": (is_str, OPTIONAL),
    "below": (is_real_number, OPTIONAL),
    "above": (is_real_number, OPTIONAL),
    "effect": (is_str, OPTIONAL),
    "cap": (is_real_number, OPTIONAL),
    "on": (is_str, OPTIONAL),
    "note": (is_str, OPTIONAL),
})
GRADE_FIELDS = Fields({"label": (is_str, REQUIRED), "lower": (is_real_number, OPTIONAL)})


def _one_of(doc: Document, key: str, value: str, allowed: Sequence[str]) -> bool:
    if value in allowed:
        return True
    doc.problem(key, f"expected one of {', '.join(map(repr, allowed))}, found {value!r}{did_you_mean(value, list(allowed))}")
    return False


def parse_red_lines(doc: Document, key: str, data: Any) -> tuple[RedLine, ...]:
    """``red_lines = [{ criterion = "x", below = -1, effect = "exclude" }, ...]`` at ``key``."""
    lines = []
    for index, item in enumerate(data or ()):
        at = f"{key}[{index}]"
        fields = check_table(doc, item, at, RED_LINE_FIELDS)
        if len(fields) < len(item):
            continue
        if ("criterion" in fields) == ("group" in fields):
            doc.problem(at, "expected exactly one of `criterion` or `group` (what the line is drawn on), found "
                        + ("both" if "criterion" in fields else "neither"))
            continue
        if "below" not in fields and "above" not in fields:
            doc.problem(at, "expected a bound: `below = value` or `above = value` (where the line is crossed), found neither")
            continue
        effect = fields.get("effect", "exclude")
        on = fields.get("on", "merged")
        if not _one_of(doc, f"{at}.effect", effect, EFFECTS) or not _one_of(doc, f"{at}.on", on, RED_LINE_ON):
            continue
        if effect == "cap" and "cap" not in fields:
            doc.problem(f"{at}.cap", "effect 'cap' needs the value the total is capped at: `cap = value`, found no `cap`")
            continue
        if effect != "cap" and "cap" in fields:
            doc.problem(f"{at}.cap", f"`cap` goes with effect 'cap', but this line's effect is {effect!r}")
            continue
        if "group" in fields and on == "any-rater":
            doc.problem(f"{at}.on", "raters score criteria, not groups: a line on a group reads its score ('merged')")
            continue
        lines.append(
            RedLine(
                node=fields.get("criterion") or fields["group"],
                below=fields.get("below"),
                above=fields.get("above"),
                effect=effect,
                cap=fields.get("cap"),
                on=on,
                note=fields.get("note", ""),
            )
        )
    return tuple(lines)


def parse_grades(doc: Document, key: str, data: Any, on: str, scale: Optional[Scale]) -> Optional[Grades]:
    """``[[grades]]`` at ``key``: bands best first, strictly falling lower bounds, the last at the bottom.

    The last band's ``lower`` may be left out (it is the bottom: the scale's
    minimum, or 0 points or per cent); every other band needs one.
    """
    if data is None or scale is None:
        return None
    if not data:
        doc.problem(key, "expected at least one band (`label` and `lower`), found an empty list")
        return None
    bottom = bottom_of(on, scale.min)
    top = scale.max if on == "scale" else 100.0 if on == "percent" else None
    bands: list[Band] = []
    ok = True
    for index, item in enumerate(data):
        at = f"{key}[{index}]"
        fields = check_table(doc, item, at, GRADE_FIELDS)
        if "label" not in fields or len(fields) < len(item):
            ok = False
            continue
        last = index == len(data) - 1
        if "lower" not in fields and not last:
            doc.problem(f"{at}.lower", "missing required key 'lower' (only the last band may leave it out: "
                        "it starts at the bottom)")
            ok = False
            continue
        lower = float(fields.get("lower", bottom))
        if lower < bottom or (top is not None and lower > top):
            upto = f"{top:g}" if top is not None else "the most points"
            doc.problem(f"{at}.lower", f"expected a lower bound from {bottom:g} to {upto} (grades are on the {on}), "
                        f"found {lower:g}")
            ok = False
        elif last and lower != bottom:
            doc.problem(
                f"{at}.lower",
                f"the last band must start at the bottom ({bottom:g}) so that every score has a grade, found {lower:g}",
            )
            ok = False
        if any(b.label == fields["label"] for b in bands):
            doc.problem(f"{at}.label", f"duplicate grade {fields['label']!r}")
            ok = False
        if bands and lower >= bands[-1].lower:
            doc.problem(
                f"{at}.lower",
                f"expected bands best first with strictly falling lower bounds: below {bands[-1].lower:g} "
                f"({bands[-1].label!r}'s), found {lower:g}; bands that overlap or are out of order leave a grade ambiguous",
            )
            ok = False
        bands.append(Band(fields["label"], lower))
    return Grades(tuple(bands), on) if ok else None


def parse_grade_on(doc: Document, key: str, value: Any) -> str:
    """``grade_on``: what every band of the rubric is a bound on (default the scale)."""
    if value is None:
        return "scale"
    return value if _one_of(doc, key, value, GRADE_SCALES) else "scale"


def parse_grade_points(doc: Document, data: Any, scale: Optional[Scale]) -> dict[str, float]:
    """``[grade_points]``: grade label = number on the scale, e.g. the AI Safety Index's ``"A+" = 4.3`` … ``F = 0``."""
    if data is None:
        return {}
    points: dict[str, float] = {}
    for label, value in data.items():
        at = f"grade_points.{label}" if label.replace("-", "").replace("_", "").isalnum() else f'grade_points."{label}"'
        if not is_real_number(value):
            doc.problem(at, f"expected a number, found {describe(value)}")
        elif scale is not None and not scale.contains(value):
            doc.problem(at, f"expected a number on the scale ({scale.min:g} to {scale.max:g}), found {value:g}")
        elif value in points.values():
            doc.problem(at, f"grade {label!r} has the same number ({value:g}) as another grade, so it could never be read back")
        else:
            points[label] = float(value)
    return points


def grades_from(doc: Document, fields: Mapping[str, Any], on: str, scale: Optional[Scale], points: Mapping[str, float]):
    """The total's bands: ``[[grades]]``, else those a ``[grade_points]`` mapping implies (on the scale)."""
    if "grades" in fields:
        return parse_grades(doc, "grades", fields["grades"], on, scale)
    if points and scale is not None:
        bands = list(bands_from_points(points))
        bands[-1] = Band(bands[-1].label, scale.min)
        return Grades(tuple(bands), "scale")
    return None


def red_line_problems(rubric: Rubric, lines: Sequence[RedLine], key: str) -> list[tuple[str, str]]:
    """``(key, message)`` for red lines on a criterion or group the rubric does not have, or bounds off its scale."""
    known = [c.id for c in rubric.criteria] + [g.id for g in rubric.groups]
    scale = rubric.scale
    problems = []
    for index, line in enumerate(lines):
        at = f"{key}[{index}]"
        if line.node not in known:
            problems.append((at, f"unknown criterion or group {line.node!r}{did_you_mean(line.node, known)}"))
        for bound in ("below", "above", "cap"):
            value = getattr(line, bound)
            if value is not None and not scale.contains(value):
                expected = f"expected a value on the scale ({scale.min:g} to {scale.max:g})"
                problems.append((f"{at}.{bound}", f"{expected}, found {value:g}"))
    return problems
