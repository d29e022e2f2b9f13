"""Weight constraints for stochastic analysis: bounds and orderings a scheme states.

A scheme may narrow the weightings SMAA (:func:`rubric.smaa`) samples::

    [schemes.balanced.constraints]
    bounds = { geopolitical = [0.3, 0.7], china-misuse = [0.1, 0.4] }
    order = ["geopolitical >= ideological", "china-misuse >= 2 * backdoor-risk"]

Weights are effective weights: a group's is the sum of its criteria's, and
every weight is a share of the whole.  This module reads and checks the
table: the loader runs :func:`constraint_problems` on every load, so it stays
pure Python and small.  :mod:`rubric.analysis.constraints` compiles a checked
table into the inequalities the sampler needs.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Optional, Sequence

from rubric.components import is_real_number
from rubric.errors import RubricError, did_you_mean
from rubric.model import Rubric

__all__ = ["ConstraintError", "check_constraints", "constraint_problems", "node_members", "parse_order"]


class ConstraintError(RubricError, ValueError):
    """Weight constraints that are malformed, contradictory, or too tight to sample."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


_NUMBER = r"[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
_ID = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
_ORDER = re.compile(
    rf"^\s*(?:(?P<lf>{_NUMBER})\s*\*\s*)?(?P<left>{_ID})\s*(?P<op>>=|<=)\s*"
    rf"(?:(?P<rf>{_NUMBER})\s*\*\s*)?(?P<right>{_ID})\s*$"
)
_ORDER_FORM = "'A >= B', 'A <= B' or with a factor, 'A >= 2 * B', where A and B are criterion or group ids"


def parse_order(text: str) -> Optional[tuple]:
    """``(left factor, left id, op, right factor, right id)`` of an ordering, or ``None`` if malformed.

    A missing factor is ``None``; ``op`` is ``">="`` or ``"<="``.
    """
    match = _ORDER.match(text)
    return None if match is None else (match["lf"], match["left"], match["op"], match["rf"], match["right"])


def node_members(rubric: Rubric) -> dict:
    """Criterion indices under every node id (criteria and groups)."""
    return {node: rubric.columns_under(node) for node in (*(c.id for c in rubric.criteria), *(g.id for g in rubric.groups))}


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_describe(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def constraint_problems(constraints: Any, rubric: Rubric) -> list:
    """Every problem with a scheme's ``constraints`` table, as ``(key, message)`` pairs.

    ``key`` is the dotted path inside the constraints table (``bounds.geopolitical``,
    ``order[1]``, ``""`` for the table itself); the loader prefixes
    ``schemes.<id>.constraints``.  Pure Python: it never imports numpy.
    """
    problems: list[tuple[str, str]] = []
    if constraints is None:
        return problems
    if not isinstance(constraints, Mapping):
        return [("", f"expected a table with `bounds` and/or `order`, found {_describe(constraints)}")]
    for key in constraints:
        if key not in ("bounds", "order"):
            hint = did_you_mean(str(key), ["bounds", "order"])
            problems.append((str(key), f"expected `bounds` or `order`, found key {key!r}{hint}"))
    members = node_members(rubric)
    known = list(members)
    bounds = constraints.get("bounds", {})
    good_bounds = {}
    if not isinstance(bounds, Mapping):
        problems.append(("bounds", f"expected a table of criterion or group ids to [low, high], found {_describe(bounds)}"))
        bounds = {}
    for node, value in bounds.items():
        key = f"bounds.{node}"
        if node not in members:
            problems.append((key, f"no criterion or group has id {node!r}{did_you_mean(str(node), known)}"))
            continue
        if (
            not isinstance(value, (list, tuple))
            or len(value) != 2
            or not all(is_real_number(v) for v in value)
            or not 0 <= value[0] <= value[1] <= 1
        ):
            problems.append((key, f"expected [low, high] with 0 <= low <= high <= 1, found {_describe(value)}"))
            continue
        good_bounds[node] = (float(value[0]), float(value[1]))
    orders = constraints.get("order", [])
    if isinstance(orders, str) or not isinstance(orders, (list, tuple)):
        problems.append(("order", f"expected a list of strings like {_ORDER_FORM}, found {_describe(orders)}"))
        orders = []
    for position, text in enumerate(orders):
        key = f"order[{position}]"
        if not isinstance(text, str):
            problems.append((key, f"expected a string like {_ORDER_FORM}, found {_describe(text)}"))
            continue
        parsed = parse_order(text)
        if parsed is None:
            problems.append((key, f"expected {_ORDER_FORM}, found {text!r}"))
            continue
        left_factor, left, _, right_factor, right = parsed
        for node in (left, right):
            if node not in members:
                problems.append((key, f"no criterion or group has id {node!r} in {text!r}{did_you_mean(node, known)}"))
        if left == right:
            problems.append((key, f"expected two different criteria or groups, found {left!r} on both sides of {text!r}"))
        for factor in (left_factor, right_factor):
            if factor is not None and not (0 < float(factor) < math.inf):
                problems.append((key, f"expected a positive finite factor, found {factor} in {text!r}"))
    problems += [("bounds", message) for message in _bound_conflicts(rubric, good_bounds)]
    return problems


def check_constraints(constraints: Any, rubric: Rubric) -> list:
    """Problems with a scheme's ``constraints`` table, as ``"key: message"`` strings.

    The accepted form (effective weights, so a group's weight is the sum of its
    criteria's weights and every weight is a share of the whole)::

        [schemes.balanced.constraints]
        bounds = { geopolitical = [0.3, 0.7], china-misuse = [0.1, 0.4] }
        order = ["geopolitical >= ideological", "china-misuse >= 2 * backdoor-risk"]

    ``bounds`` maps criterion or group ids to ``[low, high]`` with
    0 <= low <= high <= 1 (low == high pins the weight); ``order`` lists
    inequalities between criteria or groups, with an optional positive factor
    on either side.  Bounds that no weighting can meet are reported too.
    Orderings that contradict each other or the bounds show up when sampling
    (:class:`ConstraintError` from :func:`smaa`).
    """
    return [f"{key}: {message}" if key else message for key, message in constraint_problems(constraints, rubric)]


def _bound_conflicts(rubric: Rubric, bounds: Mapping[str, tuple]) -> list:
    """Bounds that no weighting satisfies, found by propagating totals up the value tree.

    Given a node's total, its children can take any totals within their own
    feasible ranges that add up to it, so the feasible total of a node is its
    own bound intersected with [Σ children's lows, Σ children's highs]; the
    root's must contain 1.  Exact for bounds (the tree's nodes are nested).
    """
    slack = 1e-9
    conflicts = []

    def feasible(node: Optional[str]) -> tuple:
        if node is not None and node in {c.id for c in rubric.criteria}:
            return bounds.get(node, (0.0, 1.0))
        children = rubric.children(node)
        ranges = [feasible(child) for child in children]
        low = sum(r[0] for r in ranges)
        high = sum(r[1] for r in ranges)
        own = bounds.get(node, (0.0, 1.0)) if node is not None else (1.0, 1.0)
        where = f"the weights under group {node!r}" if node is not None else "the top-level weights"
        need = f"lie in [{own[0]:g}, {own[1]:g}]" if node is not None else "sum to 1"
        if low > own[1] + slack or high < own[0] - slack:
            conflicts.append(
                f"no weighting satisfies these bounds: {where} must {need}, but the bounds below it "
                f"allow only totals in [{low:g}, {min(high, 1.0):g}]"
            )
            return own
        return max(low, own[0]), min(high, own[1])

    feasible(None)
    return conflicts
