"""The ``value-function`` criterion kind: a fact mapped onto the scale, declared in the rubric.

Most computed criteria are a curve or a table, and need no Python:

* **goalposts** ``min``/``max``: a numeric fact is capped to the goalposts and
  mapped linearly (``transform = "linear"``, the default) or on a natural log
  scale (``transform = "log"``) onto the whole scale, ``min`` at the bottom
  (``direction = "higher"``, the default) or at the top (``"lower"``).  This is
  the dimension index of the UNDP Human Development Index::

      index = (x - min) / (max - min)            (log: ln x in place of x)
      value = scale.min + index × (scale.max - scale.min)

* **points** ``[[x, value], …]``: piecewise linear through the points (x
  strictly increasing, each value on the scale), constant beyond the ends;
* **table** ``{ category = value, … }``: a categorical fact looked up, with an
  optional ``default`` for a category the table lacks (without one, such a
  category is an error at the fact, since a default must not hide a typo).

A missing fact is :data:`~rubric.components.UNKNOWN` (the rubric's
``missing`` rule decides what that means), never an exception.
"""

from __future__ import annotations

import bisect
import math
from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import CriterionKind, CriterionValue, ParamProblem, is_real_number
from rubric.facts import Facts, listing, shown
from rubric.model import Criterion, Proposal, Rubric

DIRECTIONS = ("higher", "lower")
TRANSFORMS = ("linear", "log")

PARAMS: dict[str, Any] = {
    "fact": None,
    "min": "",
    "max": "",
    "direction": "higher",
    "transform": "linear",
    "points": "",
    "table": "",
    "default": "",
    "unit": "",
}
#: ``""`` marks a parameter not given (``None`` would make it required).
UNSET = ""


def _given(params: Mapping[str, Any], name: str) -> bool:
    return params.get(name, UNSET) != UNSET


def _form(params: Mapping[str, Any]) -> str:
    """Which of the three forms the parameters declare (``""``: none, or several)."""
    forms = [form for form, key in (("goalposts", "min"), ("points", "points"), ("table", "table")) if _given(params, key)]
    if _given(params, "max") and "goalposts" not in forms:
        forms.append("goalposts")
    return forms[0] if len(forms) == 1 else ""


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[ParamProblem]:
    """Problems with a value function's parameters, each at its own key."""
    scale = rubric.scale
    problems: list[ParamProblem] = []

    def on_scale(key: str, value: Any) -> None:
        if not is_real_number(value) or not scale.contains(value):
            problems.append((key, f"expected a value on the scale {scale.min:g}…{scale.max:g}, found {shown(value)}"))

    if not isinstance(params.get("fact"), str) or not params.get("fact"):
        problems.append(("fact", f"expected the name of a fact (a string), found {shown(params.get('fact'))}"))
    for name, choices in (("direction", DIRECTIONS), ("transform", TRANSFORMS)):
        if name in params and params[name] not in choices:
            problems.append((name, f"expected one of {listing(choices)}, found {shown(params[name])}"))
    if "unit" in params and not isinstance(params["unit"], str):
        problems.append(("unit", f"expected a string, found {shown(params['unit'])}"))
    form = _form(params)
    if not form:
        problems.append(("", "expected exactly one of goalposts (`min` and `max`), `points` or `table`"))
        return problems
    if form != "goalposts":
        for name in ("direction", "transform"):
            if name in params:
                problems.append((name, f"`{name}` goes with goalposts (`min`/`max`); `{form}` give the values themselves"))
    if form != "table" and _given(params, "default"):
        problems.append(("default", "`default` goes with a `table` of categories"))
    if form == "goalposts":
        low, high = params.get("min", UNSET), params.get("max", UNSET)
        for name, value in (("min", low), ("max", high)):
            if not is_real_number(value):
                problems.append((name, f"expected a number, found {shown(value) if value != UNSET else 'nothing'}"))
        if problems:
            return problems
        if low >= high:
            problems.append(("max", f"expected max greater than min ({low:g}), found {high:g}"))
        if params.get("transform") == "log" and low <= 0:
            problems.append(("min", f"a log transform needs goalposts > 0, found {low:g}"))
    elif form == "points":
        points = params["points"]
        if not isinstance(points, list) or len(points) < 2:
            return [*problems, ("points", f"expected at least two [x, value] pairs, found {shown(points)}")]
        for index, point in enumerate(points):
            if not (isinstance(point, list) and len(point) == 2 and is_real_number(point[0])):
                problems.append((f"points[{index}]", f"expected an [x, value] pair of numbers, found {shown(point)}"))
                continue
            on_scale(f"points[{index}]", point[1])
            if index and is_real_number(points[index - 1][0]) and point[0] <= points[index - 1][0]:
                problems.append((f"points[{index}]", f"expected x greater than the previous point's ({points[index - 1][0]:g})"))
    else:
        table = params["table"]
        if not isinstance(table, dict) or not table:
            return [*problems, ("table", f"expected a table of category = value, found {shown(table)}")]
        for category, value in table.items():
            on_scale(f"table.{category}", value)
        if _given(params, "default"):
            on_scale("default", params["default"])
    return problems


def _goalposts(facts: Facts, x: float, params: Mapping[str, Any], scale) -> CriterionValue:
    low, high, unit = params["min"], params["max"], params["unit"]
    log = params["transform"] == "log"
    capped = min(max(x, low), high)
    f = math.log if log else float
    index = (f(capped) - f(low)) / (f(high) - f(low))
    if params["direction"] == "lower":
        index = 1 - index
    value = scale.min + index * (scale.max - scale.min)
    name = facts.criterion.params["fact"].replace("_", " ")
    cap = f" (capped at {'min' if x < low else 'max'} {capped:g})" if capped != x else ""
    how = (" on a log scale" if log else "") + (", lower is better" if params["direction"] == "lower" else "")
    return CriterionValue(
        value,
        note=f"{name} {x:g}{' ' + unit if unit else ''}{cap} → {value:.3g} between goalposts {low:g} and {high:g}{how} "
        f"({facts.given()})",
    )


def _points(facts: Facts, x: float, points: list, unit: str) -> CriterionValue:
    xs = [p[0] for p in points]
    at = bisect.bisect_right(xs, x)
    if at == 0:
        value = float(points[0][1])
    elif at == len(points):
        value = float(points[-1][1])
    else:
        (x0, y0), (x1, y1) = points[at - 1], points[at]
        value = y0 + (x - x0) / (x1 - x0) * (y1 - y0)
    name = facts.criterion.params["fact"].replace("_", " ")
    shape = " → ".join(f"({px:g}, {py:g})" for px, py in points)
    return CriterionValue(
        value, note=f"{name} {x:g}{' ' + unit if unit else ''} → {value:.3g} on the points {shape} ({facts.given()})"
    )


def score(criterion: Criterion, proposal: Proposal, rubric: Rubric) -> Any:
    """The fact's value mapped by the criterion's value function (see the module docstring)."""
    facts = Facts(criterion, proposal, rubric, PARAMS)
    params, key = facts.params, facts.params["fact"]
    form = _form(params)
    if form == "table":
        table = params["table"]
        category = facts.choice(key, list(table)) if params["default"] == UNSET else facts.text(key)
        settled = facts.settle()
        if settled is not None:
            return settled
        found = category in table
        value = float(table[category] if found else params["default"])
        how = f"table: {category} → {value:g}" if found else f"not in the table: default {value:g}"
        return CriterionValue(value, note=f"{facts.given()}: {how}")
    x = facts.number(key, unit=params["unit"])
    if form == "goalposts" and params["transform"] == "log" and is_real_number(x) and x <= 0:
        facts.wrong(key, "a number > 0 (the value function takes its log)", x)
    settled = facts.settle()
    if settled is not None:
        return settled
    if form == "points":
        return _points(facts, x, params["points"], params["unit"])
    return _goalposts(facts, x, params, rubric.scale)


KIND = CriterionKind(
    name="value-function",
    score=score,
    description="A numeric fact between goalposts (linear or log, higher or lower better), "
    "on piecewise-linear points, or a categorical fact looked up in a table.",
    params=PARAMS,
    check_params=check_params,
)


@hookimpl
def rubric_criterion_kinds():
    return [KIND]
